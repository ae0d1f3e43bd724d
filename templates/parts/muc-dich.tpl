#-- Mục đích, yêu cầu, phạm vi, đối tượng. Kiểu số của các dòng: "item_number" của khối
#-- (mặc định "1." cho mục đích, yêu cầu; "-" cho đối tượng); dòng con: "subitem_number".
#macro muc_dich(b: block)
#if b.text
{{ b.text | md }}
#end
#for y in campaign.purposes
#call dong_ds(y, 1, b.item_number | default("arabic"), b.subitem_number)
#end
#end

#macro yeu_cau(b: block)
#if b.text
{{ b.text | md }}
#end
#for y in campaign.requirements
#call dong_ds(y, 1, b.item_number | default("arabic"), b.subitem_number)
#end
#end

#macro pham_vi(b: block)
{{ campaign.scope | md }}
#end

#macro doi_tuong(b: block)
#if campaign.subjects.text
{{ campaign.subjects.text | md }}
#end
#set kieu = b.item_number | default("dash")
#if campaign.subjects.collectives
~(1, kieu) Tập thể: {{ campaign.subjects.collectives | md }}
#end
#if campaign.subjects.individuals
~(1, kieu) Cá nhân: {{ campaign.subjects.individuals | md }}
#end
#end
