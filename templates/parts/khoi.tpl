#-- Một khối của Kế hoạch (plan.sections): mục có tiêu đề hoặc một phần dữ liệu.
#-- "cap" là độ sâu: 1 → "I.", 2 → "1.", 3 → "1.1.", 4 → "a)" (mặc định; "number" của khối
#-- đổi được). Mỗi khối dữ liệu bắt đầu danh sách của riêng nó: "a)", "1." đánh lại từ đầu.
#macro khoi(b: block, cap: integer)
#if b.type == "section"
#call tieu_de(b, cap)
#for con in b.blocks
#call khoi(con, cap + 1)
#end
#elif b.type == "paragraph"
#if b.number
=(cap, b.number) {runin regular}
#end
{{ b.text | md }}
#else
#numbering items
#if b.type == "list"
#call danh_sach(b)
#elif b.type == "purposes"
#call muc_dich(b)
#elif b.type == "requirements"
#call yeu_cau(b)
#elif b.type == "scope"
#call pham_vi(b)
#elif b.type == "subjects"
#call doi_tuong(b)
#elif b.type == "duration"
#call thoi_gian(b)
#elif b.type == "phases"
#call cac_dot(b)
#elif b.type == "theme"
#call chu_de(b)
#elif b.type == "areas"
#call noi_dung(b, cap)
#elif b.type == "indicators"
#call chi_tieu(b)
#elif b.type == "awards"
#call hinh_thuc(b)
#elif b.type == "quotas"
#call so_luong(b)
#elif b.type == "criteria"
#call tieu_chuan(b, cap)
#elif b.type == "scoring"
#call thang_diem(b)
#elif b.type == "dossier"
#call ho_so(b)
#elif b.type == "deadline"
#call thoi_han(b)
#elif b.type == "tasks"
#call nhiem_vu(b)
#elif b.type == "units"
#call don_vi(b)
#end
#end
#end

#-- Tiêu đề mục: cấp 1 viết hoa toàn bộ; "runin" in liền đoạn sau; "bold": false in thường;
#-- "numbered": false không đánh số (không đếm); "number" chọn kiểu số ("a)", "(1)", "none"…).
#-- Mục không có tiêu đề và không có số thì không in gì: các khối con vẫn ở cấp sâu hơn.
#macro tieu_de(b: block, cap: integer)
#set ten = b.title | default("")
#if b.numbered == false and b.runin
=(cap) {nonum runin} {{ ten }}
#elif b.numbered == false
=(cap) {nonum} {{ ten }}
#elif cap == 1
=(cap, b.number) {{ ten | upper }}
#elif b.runin and b.bold == false
=(cap, b.number) {runin regular} {{ ten }}
#elif b.runin
=(cap, b.number) {runin} {{ ten }}
#elif b.bold == false
=(cap, b.number) {regular} {{ ten }}
#else
=(cap, b.number) {{ ten }}
#end
#end

#-- Một dòng danh sách ở cấp "muc" (1, 2…) theo kiểu số "kieu": một chuỗi, hoặc một đối tượng
#-- (listItem) có "text", các đoạn văn "paragraphs", các dòng con "items" (kiểu "item_number",
#-- không có thì "con", không có nữa thì "+" dưới "-", "-" dưới kiểu khác) và đoạn kết "closing".
#macro dong_ds(y: any, muc: integer, kieu: any, con: any)
#if y.text == null
~(muc, kieu) {{ y | md }}
#else
~(muc, kieu) {{ y.text | md }}
#for p in y.paragraphs
{{ p | md }}
#end
#set kieu_con = y.item_number | default(con)
#if not kieu_con and (kieu == "dash" or kieu == "-")
#set kieu_con = "plus"
#elif not kieu_con
#set kieu_con = "dash"
#end
#-- Cấp danh sách sâu nhất là 6: dòng con sâu hơn in ở cấp 6.
#set muc_con = muc + 1
#if muc_con > 6
#set muc_con = 6
#end
#for z in y.items
#call dong_ds(z, muc_con, kieu_con, null)
#end
#if y.closing
{{ y.closing | md }}
#end
#end
#end

#-- Danh sách: "item_number" (hoặc "style" cũ: dash, plus, letter, number) cho các dòng,
#-- "subitem_number" cho dòng con của các dòng là đối tượng.
#macro danh_sach(b: block)
#if b.text
{{ b.text | md }}
#end
#set kieu = b.item_number
#if not kieu and b.style == "number"
#set kieu = "arabic"
#elif not kieu and b.style
#set kieu = b.style
#elif not kieu
#set kieu = "dash"
#end
#for y in b.items
#call dong_ds(y, 1, kieu, b.subitem_number)
#end
#end
