{rule=wavy} Gạch lượn
{size=big} Cỡ chữ
{indent=1cm} Thụt lề
#table widths=a,b rule=none
#row
#cell colspan=0 valign=center
x
#cell rowspan=1.5
y
#end
#table widths=10,20 borders=some
#end
#section margins=1,2,3
#section margins=a,b,c,d
{number=greek} Đánh số
#style heading1 number=greek size=x
