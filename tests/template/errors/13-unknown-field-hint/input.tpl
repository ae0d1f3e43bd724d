{{ campaign.phses | length }}
{{ issuer.nam }}
#for d in campaign.phases
{{ d.naem }}
#end
{{ document.date.year }}
{{ signature.xyzxyzxyz }}
