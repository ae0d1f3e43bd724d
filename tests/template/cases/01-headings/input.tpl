= Mục một
== Mục hai
=== Mục ba
==== Mục bốn
===== Mục năm
====== Mục sáu
==Liền dấu
=(cap) Cấp theo biến
=(cap + 1) Cấp tính: {{ b.title | upper }}
= {center bold size=13} Có thuộc tính
== {nonum} Không đánh số
=== {runin regular} Đối tượng:
=(2) {number=letter} Chữ cái
