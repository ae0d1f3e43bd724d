#table widths=20,30,40 borders=none keep before=12 padding=0 role=signature
#row header
#cell colspan=2 valign=middle
{center bold} Tiêu đề gộp
#cell rowspan=2
Dọc
#row
#cell
Ô một
#cell
Ô hai
#end
#table widths=auto
| a | b |
#end
