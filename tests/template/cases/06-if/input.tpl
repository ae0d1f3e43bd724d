#if a
một
#elif b and not c
hai
#elif x.n >= 3
ba
#else
bốn
#end
#if p
#if q
lồng
#else
khác
#end
#end
#if r
chỉ if
#end
