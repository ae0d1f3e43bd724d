#-- Một khối của Kế hoạch (plan.sections): mục có tiêu đề hoặc một phần dữ liệu.
#-- "cap" là độ sâu: 1 → "I.", 2 → "1.", 3 → "1.1.", 4 → "a)".
#macro khoi(b: block, cap: integer)
#-- Mỗi khối dữ liệu bắt đầu danh sách của riêng nó: "a)", "1." đánh lại từ đầu.
#if b.type != "section" and b.type != "paragraph"
#numbering items
#end
#if b.type == "section"
#call tieu_de(b, cap)
#for con in b.blocks
#call khoi(con, cap + 1)
#end
#elif b.type == "paragraph"
{{ b.text | md }}
#elif b.type == "list"
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

#-- Tiêu đề mục: cấp 1 viết hoa toàn bộ; "runin" in liền đoạn sau; "bold": false in thường;
#-- "numbered": false không đánh số.
#macro tieu_de(b: block, cap: integer)
#if b.numbered == false
=(cap) {nonum} {{ b.title }}
#elif cap == 1
=(cap) {{ b.title | upper }}
#elif b.runin and b.bold == false
=(cap) {runin regular} {{ b.title }}
#elif b.runin
=(cap) {runin} {{ b.title }}
#elif b.bold == false
=(cap) {regular} {{ b.title }}
#else
=(cap) {{ b.title }}
#end
#end

#macro danh_sach(b: block)
#if b.text
{{ b.text | md }}
#end
#for dong in b.items
#if b.style == "plus"
+ {{ dong | md }}
#elif b.style == "letter"
~a {{ dong | md }}
#elif b.style == "number"
~1 {{ dong | md }}
#else
- {{ dong | md }}
#end
#end
#end
