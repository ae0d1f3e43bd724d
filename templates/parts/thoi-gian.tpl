#-- Thời gian, các đợt thi đua, chủ đề. Câu dẫn (text) và mẫu câu từng đợt (format) lấy từ
#-- dữ liệu khi có; chỗ thay: {start} {end} {start_text} {end_text} {phase_count} {theme}.
#-- Ngày in theo kiểu b.date_style (long, short, slash, padded, month_year; mặc định short);
#-- với month_year câu mặc định không có chữ "ngày".
#macro thoi_gian(b: block)
#set kieu = b.date_style | default("short")
#set bat_dau = campaign.start_text | default(campaign.start | date(kieu))
#set ket_thuc = campaign.end | date(kieu)
#if kieu == "month_year"
#set cau = b.text | default("Từ {start} đến {end}.")
#else
#set cau = b.text | default("Từ ngày {start} đến ngày {end}.")
#end
{{ cau | fill(start=campaign.start | date(kieu), end=ket_thuc, start_text=bat_dau, end_text=ket_thuc, phase_count=campaign.phases | length | pad2, theme=campaign.theme | default("")) | md }}
#end

#macro cac_dot(b: block)
#set kieu = b.date_style | default("short")
#if kieu == "month_year"
#set mau = b.format | default("**{name}:** Từ {start} đến {end}, “{theme}”.")
#else
#set mau = b.format | default("**{name}:** Từ ngày {start} đến ngày {end}, “{theme}”.")
#end
#set kieu_so = b.item_number | default("dash")
#for d in campaign.phases
#-- Cùng năm với ngày kết thúc thì ngày bắt đầu chỉ ghi ngày/tháng: "Từ ngày 04/02 đến ngày 30/7/2025".
#if (d.start | year) == (d.end | year)
#set tu = d.start | date_dm(kieu)
#else
#set tu = d.start | date(kieu)
#end
~(1, kieu_so) {{ mau | fill(name=d.name | default("Đợt " ~ loop.index), start=tu, start_full=d.start | date(kieu), end=d.end | date(kieu), end_text=d.end_text | default(d.end | date(kieu)), theme=d.theme | default("")) | md }}
#end
#if campaign.phases_note
{{ campaign.phases_note | md }}
#end
#end

#macro chu_de(b: block)
{{ b.text | default("“*{theme}*”.") | fill(theme=campaign.theme) | md }}
#end
