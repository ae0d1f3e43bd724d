#macro tieu_de(b: block, cap: integer)
=(cap) {{ b.title }}
#for con in b.blocks
#call tieu_de(con, cap + 1)
#end
#end

#macro hai(a: string, ds: list)
{{ a }}
#end
#macro rong()
Rỗng
#end
#call tieu_de(plan.sections[0], 1)
#call hai("a, b", ["x", "y"])
#call hai(x | join(", "), [1, 2])
#call hai( 'có ) ngoặc' , ds )
#call rong()
