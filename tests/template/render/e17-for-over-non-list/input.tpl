#for p in campaign.phases
x
#end
