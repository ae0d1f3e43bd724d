#table widths=20
#row
#cell
Ô
#space 6
#end
