#table borders=none
| a |
#end
#table widths=auto
| b |
#end
