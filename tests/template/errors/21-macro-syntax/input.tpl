#macro (a: string)
#end
#macro m(a string)
#end
#macro n(a: string, b: block)
{{ a }}
#end
#macro p(a: string
#end
#if true
#macro q()
#end
#end
#call
#call m
