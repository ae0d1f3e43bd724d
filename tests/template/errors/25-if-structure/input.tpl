#if campaign.theme
một
#else
hai
#elif campaign.name
ba
#end
#for d in campaign.phases
#else
#end
#table widths=10
#elif x
#end
#if campaign.name
x
#end if
#if campaign.name
#else
#else
#end
#if campaign.name
#else
Thiếu #end sau #else
