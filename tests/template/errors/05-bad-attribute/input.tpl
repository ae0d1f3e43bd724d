{center blod} Sai cờ
{sise=13} Sai khóa
{size=} Thiếu giá trị
{center bold Thiếu ngoặc đóng
= {heading} Sai cờ ở đề mục
#table widths=10 color=red
#end
#section sideways
#table widths=
#end
