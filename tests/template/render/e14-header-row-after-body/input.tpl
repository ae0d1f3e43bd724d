#table widths=20
| thân |
#row header
#cell
tiêu đề
#end
