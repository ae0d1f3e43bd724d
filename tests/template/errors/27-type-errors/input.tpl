{{ campaign.name + 1 }}
{{ -campaign.name }}
{{ campaign.phases < 1 }}
{{ campaign.phases["a"] | length }}
{{ issuer[0] }}
{{ campaign.name[0] }}
{{ [campaign.phases] | length }}
#for x in campaign.name
#end
#for k, v in campaign.phases
#end
#space campaign.name
