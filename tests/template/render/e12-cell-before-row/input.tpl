#table widths=20
#cell
x
#end
