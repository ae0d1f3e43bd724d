#-- Kiểu chữ theo Nghị định 30/2020/NĐ-CP, Phụ lục I (cỡ chữ 14, thụt đầu dòng 1 cm,
#-- cách đoạn 6 pt, giãn dòng 1,15). Sửa ở đây để đổi kiểu của mọi văn bản.
#-- Mỗi vai trò là một kiểu đoạn (style) trong tệp Word, tên là "name" (đề mục là Heading 1…6
#-- của Word): đổi một dòng ở đây là đổi mọi đoạn của vai trò đó, cả trong PDF lẫn Word.
#style body justify size=14 indent=10 before=6 spacing=1.15 name="Nội dung"
#style item justify size=14 indent=10 before=6 spacing=1.15 name="Dòng liệt kê"
#style heading1 bold justify size=14 indent=10 before=6 spacing=1.15 number=roman
#style heading2 bold justify size=14 indent=10 before=6 spacing=1.15 number=arabic
#style heading3 bold justify size=14 indent=10 before=6 spacing=1.15 number=parent
#style heading4 bold justify size=14 indent=10 before=6 spacing=1.15 number=letter
#style heading5 justify size=14 indent=10 before=6 spacing=1.15 number=dash
#style heading6 justify size=14 indent=10 before=6 spacing=1.15 number=plus
#style cell left size=13 noindent before=0 spacing=1 name="Chữ trong bảng"
#-- Dấu "DỰ THẢO" khi tệp còn chỗ "[…]" chưa điền (chung/dau-van-ban.tpl).
#style du_thao center bold size=13 noindent before=0 spacing=1 name="Dự thảo"
#-- Phần đầu văn bản (ô 1–4), tên loại và trích yếu (ô 5a).
#style co_quan_chu_quan center size=13 noindent before=0 spacing=1 name="Cơ quan chủ quản"
#style co_quan center bold size=13 noindent before=0 spacing=1 rule=short name="Cơ quan ban hành"
#style quoc_hieu center bold size=13 noindent before=0 spacing=1 name="Quốc hiệu"
#style tieu_ngu center bold size=14 noindent before=0 spacing=1 rule=text name="Tiêu ngữ"
#style so_ky_hieu center size=13 noindent before=6 spacing=1 name="Số, ký hiệu"
#style dia_danh center italic size=14 noindent before=6 spacing=1 name="Địa danh, ngày tháng"
#style ten_loai center bold size=14 noindent before=18 spacing=1.15 keep name="Tên loại văn bản"
#style trich_yeu center bold size=14 noindent before=0 spacing=1.15 rule=short keep name="Trích yếu"
#-- Nơi nhận (ô 9a, 9b) và chữ ký (ô 7a–7c). Dòng Nơi nhận dài xuống dòng thẳng chữ sau "- "
#-- (thụt treo 2,25 mm, bằng "- " cỡ 11).
#style noi_nhan left bold italic size=12 noindent before=0 spacing=1 name="Nơi nhận"
#style noi_nhan_dong left size=11 indent=-2.25 leftindent=2.25 before=0 spacing=1 name="Nơi nhận - dòng"
#style chuc_vu_ky center bold size=14 noindent before=0 spacing=1 name="Chức vụ người ký"
#style cho_ky center size=14 noindent before=60 spacing=1 name="Chỗ ký"
#style ho_ten_ky center bold size=14 noindent before=12 spacing=1 name="Họ tên người ký"
