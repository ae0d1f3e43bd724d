#for d in campaign.phases
{{ loop.idx }} {{ loop.index }}
#set trong = 1
#end
{{ trong }}
{{ loop.index }}
#macro m(a: string)
{{ a }} {{ ngoai }}
#end
#set ngoai = "x"
