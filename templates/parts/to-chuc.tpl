#-- Tổ chức thực hiện (campaign.tasks): mỗi nhiệm vụ là một khoản "1." gồm cơ quan và việc
#-- phải làm; {deadline} trong câu được thay bằng thời hạn của nhiệm vụ, theo kiểu ngày
#-- b.date_style (mặc định short: "05/8/2025").
#macro nhiem_vu(b: block)
#if b.text
{{ b.text | md }}
#end
#for t in campaign.tasks
#if t.deadline
#set han = t.deadline | date(b.date_style | default("short"))
#else
#set han = ""
#end
#if t.agency and t.text
~1 {{ t.agency | md }} {{ t.text | fill(deadline=han) | md }}
#elif t.agency
~1 {{ t.agency | md }}
#elif t.text
~1 {{ t.text | fill(deadline=han) | md }}
#end
#for y in t.items
- {{ y | fill(deadline=han) | md }}
#end
#end
#end

#-- Các đơn vị tham gia (units): mỗi đơn vị một dòng.
#macro don_vi(b: block)
#if b.text
{{ b.text | md }}
#end
#for u in units
- {{ u.name }}
#end
#end
