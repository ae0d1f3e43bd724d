Đoạn
#table widths=20
| a |
#end
#endmark
