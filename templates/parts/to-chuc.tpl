#-- Tổ chức thực hiện (campaign.tasks): mỗi nhiệm vụ là một dòng (kiểu số "item_number" của
#-- khối, mặc định "1.") gồm lời giao (lead: "Giao"), cơ quan và việc phải làm; {deadline} trong
#-- câu được thay bằng thời hạn của nhiệm vụ, theo kiểu ngày b.date_style (mặc định short:
#-- "05/8/2025"). Các việc cụ thể của nhiệm vụ là dòng con (kiểu "item_number" của nhiệm vụ,
#-- không có thì "subitem_number" của khối, không có nữa thì "-"); "closing" in sau chúng.
#macro nhiem_vu(b: block)
#if b.text
{{ b.text | md }}
#end
#set kieu = b.item_number | default("arabic")
#for t in campaign.tasks
#if t.deadline
#set han = t.deadline | date(b.date_style | default("short"))
#else
#set han = ""
#end
#set cau = ""
#if t.agency and t.text
#set cau = t.agency ~ " " ~ (t.text | fill(deadline=han))
#elif t.agency
#set cau = t.agency
#elif t.text
#set cau = t.text | fill(deadline=han)
#end
#if t.lead and cau
#set cau = t.lead ~ " " ~ cau
#elif t.lead
#set cau = t.lead
#end
#if cau
~(1, kieu) {{ cau | md }}
#end
#set kieu_con = t.item_number | default(b.subitem_number) | default("dash")
#for y in t.items
#if y.text == null
~(2, kieu_con) {{ y | fill(deadline=han) | md }}
#else
#call dong_ds(y, 2, kieu_con, null)
#end
#end
#if t.closing
{{ t.closing | fill(deadline=han) | md }}
#end
#end
#end

#-- Các đơn vị tham gia (units): mỗi đơn vị một dòng.
#macro don_vi(b: block)
#if b.text
{{ b.text | md }}
#end
#for u in units
~(1, b.item_number | default("dash")) {{ u.name }}
#end
#end
