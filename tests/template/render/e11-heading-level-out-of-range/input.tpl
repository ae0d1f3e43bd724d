#for b in plan.sections
=(loop.index + 5) {{ b.title }}
#end
