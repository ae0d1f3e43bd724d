= Mục đích, yêu cầu
== Mục đích
=== Thứ nhất
=== Thứ hai
==== Điểm
===== Gạch
====== Cộng
==== Điểm hai
===== Gạch sau điểm hai
== Yêu cầu
=== Đánh lại từ 1
= Nội dung
== Mục con đánh lại từ 1
=== Ba cấp
== {nonum} Không đánh số, không tốn số
== Tiếp theo là 2
== {number=letter} Kiểu chữ cái: c
== {number=none} Không in số nhưng vẫn đếm
== Tiếp theo là 5
=(1 + 2) Cấp tính được
=(3) Cấp hằng
