- Gạch đầu dòng
+ Dấu cộng
~a Điểm chữ
~1 Khoản số
- {bold} Gạch có thuộc tính
~1 {italic size=13} {{ y | md }}
-Không phải mục
+5% không phải mục
~b không phải mục
~1x không phải mục
