#macro khoi(b: block, cap: integer)
#if b.type == "section"
=(cap) {{ b.title }}
#for con in b.blocks
#call khoi(con, cap + 1)
#end
#else
{{ b.text }} (cấp {{ cap }})
#end
#end
#macro tong(n: integer)
#if n > 0
{{ n }}
#call tong(n - 1)
#end
#end
#for b in plan.sections
#call khoi(b, 1)
#end
#call tong(3)
