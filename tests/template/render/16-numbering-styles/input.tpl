#-- Kiểu số của đề mục và dòng danh sách: =(cấp, kiểu), ~(kiểu), ~(cấp, kiểu); kiểu ghi bằng
#-- tên hoặc bằng dấu, hoặc lấy từ dữ liệu; null hay "" là kiểu mặc định.
= Mục một
=(2, "a)") Ngay dưới I. là a)
Một đoạn văn giữa a) và b) không đánh lại.
=(2, "letter") Tiếp theo là b)
=(2) Cấp 2 mặc định đếm tiếp: 3.
=(3, "(1)") Cấp 3 kiểu (1)
=(3, "paren") Cấp 3 kiểu (2)
=(2, null) Kiểu null là mặc định
=(3, "") Kiểu rỗng là mặc định: 4.1.
~(1, "(1)") dòng (1)
~(2, "+") dòng con + dưới (1)
Đoạn văn giữa hai dòng không đánh lại.
~(1, "paren") dòng (2)
~(2, "a)") dòng con a)
~(2, "a)") dòng con b)
~(3, "-") dòng cháu -
~(3, "plus") dòng cháu +
~(1, "1.1.") dòng đánh theo mục cha: 4.1.3.
~(2, "parent") dòng con theo mục cha: 4.1.3.1.
~("roman") một cấp, kiểu I.
~("I.") một cấp, kiểu II.
#numbering items
~(1, "arabic") sau #numbering items đánh lại: 1.
~(1, "none") dòng không dấu số
~(1, "none")
~(1, "1.") dòng không dấu vẫn đếm: 3.
#set kieus = ["(1)", "a)", null, "", "+"]
#for k in kieus
~(1, k) kiểu {{ k | default("(null)") }}
#end
= Mục hai
~(1, "(1)") đề mục đánh lại mọi dòng: (1)
=(2, "none") {regular} Đề mục không số
=(2, "none")
Cấp không có tiêu đề, không có số: không in dòng trống.
