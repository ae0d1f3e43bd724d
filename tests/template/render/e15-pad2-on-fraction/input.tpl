#for i in campaign.indicators
{{ i.target | pad2 }}
#end
