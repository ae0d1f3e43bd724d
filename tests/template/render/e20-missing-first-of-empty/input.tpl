{{ campaign.purposes | first }}
