#table widths=10,60,30
| TT | Nội dung | Ghi chú |
| {{ loop.index }} | {{ x | join(" | ") }} | a \| b |
|  **đậm**  | *nghiêng* |
| không có dấu đóng
#end
