{{ campaign.start | date_short }}
