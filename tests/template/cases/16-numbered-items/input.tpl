=(2, "a)") Đề mục có kiểu số
=(cap + 1, b.number) Cấp và kiểu từ biểu thức
~(1, "(1)") Dòng có cấp và kiểu
~("+") Dòng chỉ có kiểu
~(muc, k | default("a), b")) {bold} Dấu phẩy, ngoặc trong chuỗi không tách đối số
~ (1) không phải dòng
#numbering items
#numbering restart
