#table widths=20,30
| a | b |
| a | b | c |
#end
