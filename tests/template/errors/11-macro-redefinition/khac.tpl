#macro tieu_de(x: string)
{{ x }}
#end
