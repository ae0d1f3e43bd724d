#-- Thang điểm thi đua (campaign.scoring), thường đặt trong một phụ lục: bảng STT | Tiêu chí thi
#-- đua | Điểm chuẩn | Hướng dẫn chấm điểm; mỗi nhóm một dòng I, II… viết hoa kèm tổng điểm
#-- chuẩn của nhóm; tiêu chí 1, 2…; ý 1.1, 1.2…; tiêu chí điểm trừ in số điểm có dấu "-" và
#-- không cộng vào tổng; dòng Tổng cộng ngay sau nhóm chấm điểm cuối cùng (không có khi
#-- "total_row": false); nhóm điểm cộng ("kind": "bonus") in điểm tối đa của nó mà không cộng
#-- vào Tổng cộng; nhóm xếp hạng theo số lượng ("kind": "count") không có điểm; rồi các mức
#-- xếp loại theo tổng điểm (campaign.scoring.ratings, ghi từ cao xuống thấp) và các quy tắc xét
#-- khi bằng điểm (campaign.scoring.tie_break).
#macro thang_diem(b: block)
#if b.text
{{ b.text | md }}
#end
#-- Tổng cộng: các nhóm chấm điểm, in ngay sau nhóm chấm điểm cuối cùng (nhom_cuoi).
#set tong = 0
#set nhom_cuoi = 0
#for g in campaign.scoring.groups
#if (g.kind | default("points")) == "points"
#set nhom_cuoi = loop.index
#for c in g.criteria
#set diem = c.points
#if diem == null
#set diem = 0
#for y in c.items
#set diem = diem + y.points
#end
#end
#if not c.deduct
#set tong = tong + diem
#end
#end
#end
#end
#if campaign.scoring.total_row == false
#set nhom_cuoi = 0
#end
#table widths=13,72,20,65 before=6 role=appendix
#row header bold center valign=middle
| STT | Tiêu chí thi đua | Điểm chuẩn | Hướng dẫn chấm điểm |
#for g in campaign.scoring.groups
#set dem = g.kind == "count"
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
#row bold
#cell center
{{ loop.index | roman }}
#cell
{{ g.title | upper }}
#cell center
#if not dem
{{ diem_nhom | number }}
#end
#cell
#set so_nhom = loop.index
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
#if not dem
{{ dau }}{{ diem | number }}
#end
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
#if so_nhom == nhom_cuoi
#row bold
#cell colspan=2
{center} Tổng cộng
#cell
{center} {{ tong | number }}
#cell
#end
#end
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
#if campaign.scoring.tie_break
#set cac = ""
#for r in campaign.scoring.tie_break
#set cau = r.text | default("")
#if not cau
#for g in campaign.scoring.groups
#if g.id and g.id == r.by
#set cau = "đơn vị có điểm nhóm “" ~ g.title ~ "” cao hơn"
#end
#for c in g.criteria
#if c.id and c.id == r.by and g.kind == "count" and c.better == "less"
#set cau = "đơn vị có “" ~ c.title ~ "” ít hơn"
#elif c.id and c.id == r.by and g.kind == "count"
#set cau = "đơn vị có “" ~ c.title ~ "” nhiều hơn"
#elif c.id and c.id == r.by
#set cau = "đơn vị có điểm tiêu chí “" ~ c.title ~ "” cao hơn"
#end
#end
#end
#end
#if loop.first
#set cac = cau
#else
#set cac = cac ~ "; " ~ cau
#end
#end
#if (campaign.scoring.tie_break | length) > 1
{{ ("Trường hợp bằng điểm thì xét lần lượt: " ~ cac ~ ".") | md }}
#else
{{ ("Trường hợp bằng điểm thì xét: " ~ cac ~ ".") | md }}
#end
#end
#end
