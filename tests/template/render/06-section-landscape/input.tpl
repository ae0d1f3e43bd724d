#section nonumbers
Đoạn ở phần đầu (phần đầu không in số trang)
#section landscape margins=20,20,25,25 numbersize=12
= Phụ lục
Nội dung trang ngang
#table widths=auto
| TT | Tên nội dung rất dài để cột này rộng hơn hẳn |
| 1 | ngắn |
#end
#section
#table widths=auto borders=none
| Ngắn | Một nội dung dài hơn nhiều so với cột kia, vượt quá bốn mươi ký tự |
| x | y |
#end
#pagebreak
#space 12
#space 6 * 2.5
Sau ngắt trang
