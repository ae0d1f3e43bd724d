Đoạn
#table widths=20
| a |
#end
#space 6
#endmark
