{{ campaign.name }}
