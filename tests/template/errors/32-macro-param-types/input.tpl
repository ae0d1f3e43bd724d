#macro n(a: strng, b: blok, c: indicator, d: khongcokieunay)
{{ a }} {{ c | target }}
#end
#call n("x", plan.sections[0], campaign.indicators[0], 1)
#call n("x", plan.sections[0], campaign.phases[0], 1)
