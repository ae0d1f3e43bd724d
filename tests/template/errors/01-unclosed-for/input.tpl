= Các đợt
#for d in campaign.phases
- {{ d.name }}
