#set x 1
#set = 1
#for x of campaign.phases
#end
#for in campaign.phases
#end
#for k, in issuer
#end
#style
#numbering again
#pagebreak now
#endmark .
#space
#set y = (1 +
