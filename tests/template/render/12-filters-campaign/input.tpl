fill: {{ "Từ ngày {start} đến {end}, {n} đợt, giữ {khong phai}" | fill(start=campaign.start | date_short, end="nay", n=campaign.phases | length | pad2) }}
fill_indicators: {{ campaign.indicator_paragraphs[0] | fill_indicators(campaign.indicators) }}
map: {{ campaign.indicators | map("indicator") | join("; ") }}
map target: {{ campaign.indicators | map("target") | join(", ") }}
target(v): {{ campaign.indicators[0] | target(95) }} {{ campaign.indicators[1] | target(null) }}
#for i in campaign.indicators
- {{ i.id }}: {{ i | target }} / {{ i | indicator }}
#end
#for g in legal_bases
#for c in g.items
{{ g.lead | default("Căn cứ") }} {{ c | cite }};
#end
#end
