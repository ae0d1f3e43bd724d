{leftindent=nan} không phải số
{size=inf} vô cùng
{size=1e400} số mũ
{size=100000} quá lớn
{size=0.5 spacing=0} quá nhỏ
{indent=-501 before=-1 after=600} thụt, cách quá xa
{size=0x10 spacing=1,5} viết sai
{indent=-10 leftindent=10 size=200 spacing=0.5 before=500} vừa đủ
#table widths=inf,1
#end
#table widths=10,10 padding=nan
#end
#table widths=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
#end
#table widths=0,1000 padding=500
#row
#cell colspan=99999999999
x
#cell rowspan=1001
y
#cell colspan=1000 rowspan=1000
z
#end
#section margins=nan,nan,nan,nan
#section numbersize=inf
#section margins=25,20,35,501 numbersize=0
#section margins=0,0,0,500 numbersize=1
#style body size=1e-300
#space 1000000
#space -1
#space 500
=(7) Đề mục cấp bảy
=(0) Đề mục cấp không
