{{ campaign.scope | fill(start="1/1", end="31/12") }}
