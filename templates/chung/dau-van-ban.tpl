#-- Phần đầu văn bản (ô 1–4): tên cơ quan chủ quản và cơ quan ban hành (gạch ngắn dưới tên),
#-- Quốc hiệu và Tiêu ngữ (gạch dưới dài bằng dòng chữ), số và ký hiệu, địa danh và ngày tháng.
#-- "tren" để trống khi không có cơ quan chủ quản; "so" là cả dòng "Số: …".
#macro dau_van_ban(tren: string, ten: string, so: string, ngay: string)
#-- Cột giữa rộng 0: trang dọc hai cột sát nhau; trang ngang cột giữa lấy phần còn lại.
#table widths=55,0,100 borders=none before=0 padding=0 role=header
#row
#cell
#if tren
{center size=13} {{ tren }}
#end
{center bold size=13 rule=short} {{ ten }}
#cell
#cell
{center bold size=13} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
{center bold size=14 rule=text} Độc lập - Tự do - Hạnh phúc
#row
#cell
#if so
{center size=13 before=6} {{ so }}
#end
#cell
#cell
{center italic size=14 before=6} {{ ngay }}
#end
#end

#-- Tên loại và trích yếu (ô 5a), căn giữa, in đậm, gạch ngắn dưới trích yếu.
#macro ten_loai(loai: string, trich_yeu: string)
{center bold size=14 noindent before=18 keep} {{ loai | upper }}
#if trich_yeu
{center bold size=14 noindent before=0 rule=short keep} {{ trich_yeu }}
#end
#space 6
#end

