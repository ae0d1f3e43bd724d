Đoạn có dấu chấm.
#endmark
Đoạn không có dấu chấm
#endmark
**Đoạn đậm.**
#endmark
Kết thúc bằng dữ liệu {{ campaign.name }}
#endmark
= Mục
== {runin} Đề mục liền:
#endmark
#table widths=40
| Bảng cuối văn bản |
#end
#endmark
