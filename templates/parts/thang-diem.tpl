#-- Thang điểm thi đua (campaign.scoring), thường đặt trong một phụ lục: bảng STT | Tiêu chí thi
#-- đua | Điểm chuẩn | Hướng dẫn chấm điểm; mỗi nhóm một dòng I, II… viết hoa kèm tổng điểm
#-- chuẩn của nhóm; tiêu chí 1, 2…; ý 1.1, 1.2…; tiêu chí điểm trừ in số điểm có dấu "-" và
#-- không cộng vào tổng; dòng Tổng cộng; rồi các mức xếp loại theo tổng điểm (campaign.scoring.ratings,
#-- ghi từ cao xuống thấp).
#macro thang_diem(b: block)
#if b.text
{{ b.text | md }}
#end
#set tong = 0
#table widths=13,72,20,65 before=6 role=appendix
#row header bold center valign=middle
| STT | Tiêu chí thi đua | Điểm chuẩn | Hướng dẫn chấm điểm |
#for g in campaign.scoring.groups
#set diem_nhom = 0
#for c in g.criteria
#set diem = c.points
#if diem == null
#set diem = 0
#for y in c.items
#set diem = diem + y.points
#end
#end
#if not c.deduct
#set diem_nhom = diem_nhom + diem
#end
#end
#set tong = tong + diem_nhom
#row bold
#cell center
{{ loop.index | roman }}
#cell
{{ g.title | upper }}
#cell center
{{ diem_nhom | number }}
#cell
#for c in g.criteria
#set so = loop.index
#set diem = c.points
#if diem == null
#set diem = 0
#for y in c.items
#set diem = diem + y.points
#end
#end
#set dau = ""
#if c.deduct
#set dau = "-"
#end
#row
#cell center
{{ so }}
#cell
{{ c.title | md }}
#cell center
{{ dau }}{{ diem | number }}
#cell
{{ c.guide | default("") | md }}
#for y in c.items
#row
#cell center
{{ so }}.{{ loop.index }}
#cell
{{ y.title | md }}
#cell center
{{ dau }}{{ y.points | number }}
#cell
{{ y.guide | default("") | md }}
#end
#end
#end
#row bold
#cell colspan=2
{center} Tổng cộng
#cell
{center} {{ tong | number }}
#cell
#end
#if campaign.scoring.ratings
#set tren = -1
{{ b.format | default("Xếp loại theo tổng điểm:") | md }}
#for m in campaign.scoring.ratings
#if tren < 0 and m.min == 0
#set khoang = "mọi mức điểm"
#elif tren < 0
#set khoang = "từ " ~ (m.min | number) ~ " điểm trở lên"
#elif m.min == 0
#set khoang = "dưới " ~ (tren | number) ~ " điểm"
#else
#set khoang = "từ " ~ (m.min | number) ~ " điểm đến dưới " ~ (tren | number) ~ " điểm"
#end
#if loop.last
- {{ m.label }}: {{ khoang }}.
#else
- {{ m.label }}: {{ khoang }};
#end
#set tren = m.min
#end
#end
#end
