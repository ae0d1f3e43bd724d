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

#-- Số lượng đề nghị khen thưởng theo hình thức, từ các chỉ tiêu số lượng của campaign.awards:
#-- "- Giấy khen của Chủ tịch UBND xã: không quá 05 tập thể, 10 cá nhân; mỗi thôn không quá
#-- 01 tập thể, 02 cá nhân." Hình thức không có chỉ tiêu số lượng thì không in.
#macro so_luong(b: block)
#if b.text
{{ b.text | md }}
#end
#set moi = "mỗi " ~ (campaign.unit_noun | default("đơn vị"))
#set con_lai = 0
#for k in campaign.awards
#if k.collective_quota != null or k.individual_quota != null or k.unit_collective_quota != null or k.unit_individual_quota != null
#set con_lai = con_lai + 1
#end
#end
#for k in campaign.awards
#set tong = ""
#if k.collective_quota != null
#set tong = (k.collective_quota | pad2) ~ " tập thể"
#end
#if k.individual_quota != null
#if tong
#set tong = tong ~ ", "
#end
#set tong = tong ~ (k.individual_quota | pad2) ~ " cá nhân"
#end
#set rieng = ""
#if k.unit_collective_quota != null
#set rieng = (k.unit_collective_quota | pad2) ~ " tập thể"
#end
#if k.unit_individual_quota != null
#if rieng
#set rieng = rieng ~ ", "
#end
#set rieng = rieng ~ (k.unit_individual_quota | pad2) ~ " cá nhân"
#end
#if tong or rieng
#set con_lai = con_lai - 1
#set cau = (k | award_label) ~ ":"
#if tong
#set cau = cau ~ " không quá " ~ tong
#end
#if tong and rieng
#set cau = cau ~ ";"
#end
#if rieng
#set cau = cau ~ " " ~ moi ~ " không quá " ~ rieng
#end
#if con_lai == 0
- {{ cau }}.
#else
- {{ cau }};
#end
#end
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

#-- Thời hạn nộp hồ sơ: deadline_text (chỗ thay {deadline} là ngày theo kiểu b.date_style), hoặc
#-- câu mặc định. deadline_text không có {deadline} thì in nguyên văn, không cần ngày.
#macro thoi_han(b: block)
#set kieu = b.date_style | default("short")
#if campaign.dossier.deadline_text and campaign.dossier.deadline
{{ campaign.dossier.deadline_text | fill(deadline=campaign.dossier.deadline | date(kieu)) | md }}
#elif campaign.dossier.deadline_text
{{ campaign.dossier.deadline_text | md }}
#elif campaign.dossier.deadline and kieu == "month_year"
Hồ sơ đề nghị khen thưởng gửi trong {{ campaign.dossier.deadline | date(kieu) }}.
#elif campaign.dossier.deadline
Hồ sơ đề nghị khen thưởng gửi trước ngày {{ campaign.dossier.deadline | date(kieu) }}.
#end
#end
