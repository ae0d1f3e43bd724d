#macro tieu_de(b: block)
= {{ b.title }}
#end
#include "khac.tpl"
#macro tieu_de(b: block, cap: integer)
=(cap) {{ b.title }}
#end
