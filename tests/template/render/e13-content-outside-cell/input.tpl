#table widths=20
#row
Chưa có ô
#end
