#row
#cell colspan=2
| a | b |
#table widths=10,20
#row header
#cell
Trong bảng
= Đề mục trong bảng
#table widths=5
#end
#section
#pagebreak
#end
