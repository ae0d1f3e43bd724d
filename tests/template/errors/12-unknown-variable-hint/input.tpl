{{ campain.name }}
{{ isuer.name }}
{{ zzzzzzzzzz }}
#for d in campaign.phases
{{ loop.index }} {{ dd.start | date_short }}
#end
{{ d.name }}
