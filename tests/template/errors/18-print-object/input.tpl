{{ campaign }}
{{ campaign.phases }}
#for d in campaign.phases
{{ d }} {{ loop }}
#end
{{ preamble_inline }}
{{ campaign.name == "x" }}
