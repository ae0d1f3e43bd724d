#macro khoi(b: block, cap: integer)
=(cap) {{ b.title }}
#end
#call khoi(plan.sections[0])
#call khoi(plan.sections[0], 1, 2)
#call khoi(campaign.name, "một")
#call khoi(campaign.phases[0], 1)
#call khio(plan.sections[0], 1)
#call khoi(plan.sections[0], 1.5)
#call khoi(null, 1)
