#-- Dấu "DỰ THẢO": khi tệp chiến dịch còn chỗ "[…]" chưa điền (du_thao), ô chữ in hoa, đậm,
#-- có viền, ở góc trên bên phải trang đầu (chỗ ô 11 của Nghị định 30, trên Quốc hiệu), như
#-- cách ghi dự thảo thường dùng; điền hết các chỗ "[…]" thì không in.
#macro dau_du_thao()
#if du_thao
#table widths=32 right borders=all before=0 role=du_thao
#row
#cell
{role=du_thao} DỰ THẢO
#end
#space 4
#end
#end

#-- Phần đầu văn bản (ô 1–4): tên cơ quan chủ quản và cơ quan ban hành (gạch ngắn dưới tên),
#-- Quốc hiệu và Tiêu ngữ (gạch dưới dài bằng dòng chữ), số và ký hiệu, địa danh và ngày tháng.
#-- "tren" để trống khi không có cơ quan chủ quản; "so" là cả dòng "Số: …".
#-- Kiểu của từng dòng (vai trò co_quan, quoc_hieu…) ở chung/kieu-nd30.tpl.
#macro dau_van_ban(tren: string, ten: string, so: string, ngay: string)
#call dau_du_thao()
#-- Cột trái 63 mm, cột phải 100 mm như các mẫu Word của NĐ 30 (6–7 cm và 10 cm): bảng thò
#-- 8 mm ra lề trái để Quốc hiệu vẫn trên một dòng. Cột giữa rộng 0: trang dọc hai cột sát
#-- nhau; trang ngang cột giữa lấy phần còn lại. Dòng dài được ngắt cân đối giữa các cụm từ.
#table widths=63,0,100 indent=-8 borders=none before=0 padding=0 role=header
#row
#cell
#if tren
{role=co_quan_chu_quan} {{ tren }}
#end
{role=co_quan} {{ ten }}
#cell
#cell
{role=quoc_hieu} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
{role=tieu_ngu} Độc lập - Tự do - Hạnh phúc
#if not so
#-- Không có số (bản đăng ký, báo cáo): địa danh, ngày tháng ngay dưới Tiêu ngữ, không
#-- đứng riêng dưới khoảng trống của cột trái.
{role=dia_danh} {{ ngay }}
#end
#if so
#row
#cell
{role=so_ky_hieu} {{ so }}
#cell
#cell
{role=dia_danh} {{ ngay }}
#end
#end
#end

#-- Tên loại và trích yếu (ô 5a), căn giữa, in đậm, gạch ngắn dưới trích yếu.
#macro ten_loai(loai: string, trich_yeu: string)
{role=ten_loai} {{ loai | upper }}
#if trich_yeu
{role=trich_yeu} {{ trich_yeu }}
#end
#space 6
#end
