#for x in campaign.phases
- Đợt {{ loop.index }}: {{ x.start | date_short }}
#for y in x.items
+ {{ y }}
#end
#end
#for k, v in unit.targets
{{ k }} = {{ v }}
#end
#for  a ,b  in  obj
x
#end
