#for p in campaign.phases
- {{ p.name }}: {{ p.start | date_short }}
#end
