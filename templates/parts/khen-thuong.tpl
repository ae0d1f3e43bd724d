#-- Hình thức khen thưởng, tiêu chuẩn, hồ sơ và thời hạn.
#macro hinh_thuc(b: block)
#if b.text
{{ b.text | md }}
#end
#for k in campaign.awards
#if k.text
- {{ k.text | md }}
#elif loop.last
- {{ k.form }} của {{ k.authority }}.
#else
- {{ k.form }} của {{ k.authority }};
#end
#end
#if campaign.awards_note
{{ campaign.awards_note | md }}
#end
#end

#macro tieu_chuan(b: block, cap: integer)
#if b.text
{{ b.text | md }}
#end
#for c in campaign.criteria
=(cap) {{ c.title }}
#for g in c.groups
#if g.title
{{ g.title | md }}
#end
#for y in g.items
#if g.items | length == 1
{{ y | md }}
#else
- {{ y | md }}
#end
#end
#end
#end
#end

#macro ho_so(b: block)
#if b.text
{{ b.text | md }}
#end
#for h in campaign.dossier.documents
- {{ h | md }}
#end
#if campaign.dossier.copies
#set so_bo = ""
#for s in campaign.dossier.copies
#if loop.first
#set so_bo = s.form ~ " " ~ (s.copies | pad2) ~ " bộ"
#else
#set so_bo = so_bo ~ "; " ~ s.form ~ " " ~ (s.copies | pad2) ~ " bộ"
#end
#end
#if campaign.dossier.copies_note
- Số lượng: {{ so_bo }} (*{{ campaign.dossier.copies_note }}*).
#else
- Số lượng: {{ so_bo }}.
#end
#end
#end

#macro thoi_han(b: block)
#if campaign.dossier.deadline_text
{{ campaign.dossier.deadline_text | fill(deadline=campaign.dossier.deadline | date_short) | md }}
#elif campaign.dossier.deadline
Hồ sơ đề nghị khen thưởng gửi trước ngày {{ campaign.dossier.deadline | date_short }}.
#end
#end
