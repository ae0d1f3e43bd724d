#-- Thời gian, các đợt thi đua, chủ đề. Câu dẫn (text) và mẫu câu từng đợt (format) lấy từ
#-- dữ liệu khi có; chỗ thay: {start} {end} {start_text} {end_text} {phase_count} {theme}.
#macro thoi_gian(b: block)
#set bat_dau = campaign.start_text | default(campaign.start | date_short)
#set ket_thuc = campaign.end | date_short
#set cau = b.text | default("Từ ngày {start} đến ngày {end}.")
{{ cau | fill(start=campaign.start | date_short, end=ket_thuc, start_text=bat_dau, end_text=ket_thuc, phase_count=campaign.phases | length | pad2, theme=campaign.theme | default("")) | md }}
#end

#macro cac_dot(b: block)
#set mau = b.format | default("**{name}:** Từ ngày {start} đến ngày {end}, “{theme}”.")
#for d in campaign.phases
#-- Cùng năm với ngày kết thúc thì ngày bắt đầu chỉ ghi ngày/tháng: "Từ ngày 04/02 đến ngày 30/7/2025".
#if (d.start | year) == (d.end | year)
#set tu = d.start | date_dm
#else
#set tu = d.start | date_short
#end
- {{ mau | fill(name=d.name | default("Đợt " ~ loop.index), start=tu, start_full=d.start | date_short, end=d.end | date_short, end_text=d.end_text | default(d.end | date_short), theme=d.theme | default("")) | md }}
#end
#if campaign.phases_note
{{ campaign.phases_note | md }}
#end
#end

#macro chu_de(b: block)
{{ b.text | default("“*{theme}*”.") | fill(theme=campaign.theme) | md }}
#end
