#macro mai(n: integer)
{{ n }}
#call mai(n + 1)
#end
#call mai(1)
