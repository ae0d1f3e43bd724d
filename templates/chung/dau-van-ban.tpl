#-- Phần đầu văn bản (ô 1–4): tên cơ quan chủ quản và cơ quan ban hành (gạch ngắn dưới tên),
#-- Quốc hiệu và Tiêu ngữ (gạch dưới dài bằng dòng chữ), số và ký hiệu, địa danh và ngày tháng.
#-- "tren" để trống khi không có cơ quan chủ quản; "so" là cả dòng "Số: …".
#-- Kiểu của từng dòng (vai trò co_quan, quoc_hieu…) ở chung/kieu-nd30.tpl.
#macro dau_van_ban(tren: string, ten: string, so: string, ngay: string)
#-- Cột giữa rộng 0: trang dọc hai cột sát nhau; trang ngang cột giữa lấy phần còn lại.
#table widths=55,0,100 borders=none before=0 padding=0 role=header
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
#row
#cell
#if so
{role=so_ky_hieu} {{ so }}
#end
#cell
#cell
{role=dia_danh} {{ ngay }}
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
