#-- Hình thức khen thưởng, tiêu chuẩn, hồ sơ và thời hạn. Kiểu số của các dòng: "item_number"
#-- của khối (mặc định "-").
#macro hinh_thuc(b: block)
#if b.text
{{ b.text | md }}
#end
#set kieu = b.item_number | default("dash")
#for k in campaign.awards
#if k.text
~(1, kieu) {{ k.text | md }}
#elif loop.last
~(1, kieu) {{ k.form }} của {{ k.authority }}.
#else
~(1, kieu) {{ k.form }} của {{ k.authority }};
#end
#end
#if campaign.awards_note
{{ campaign.awards_note | md }}
#end
#end

#-- Số lượng đề nghị khen thưởng theo hình thức, từ các chỉ tiêu số lượng của campaign.awards
#-- (cũng là những số các quy tắc của hồ sơ đề nghị kiểm):
#--   - Giấy khen của Chủ tịch UBND xã: không quá 05 tập thể, 10 cá nhân; mỗi thôn không quá
#--     01 tập thể, 02 cá nhân.
#--   - Bằng khen của Chủ tịch UBND tỉnh: tỷ lệ không quá 10% tập thể, 5% cá nhân đối tượng
#--     trực tiếp tham gia phong trào.
#--   - Bằng khen …: không quá 20 trường hợp (tập thể hoặc cá nhân), cụ thể:
#--     + Ban Chỉ đạo bầu cử của tỉnh: không quá 05 cá nhân;
#--     + Công an tỉnh; Sở Tài chính: mỗi đơn vị không quá 01 tập thể, 03 cá nhân;
#--     + Các xã còn lại: mỗi xã không quá 02 trường hợp (tập thể hoặc cá nhân).
#-- Hình thức không có chỉ tiêu số lượng thì không in.
#macro so_luong(b: block)
#if b.text
{{ b.text | md }}
#end
#set noun = campaign.unit_noun | default("đơn vị")
#set con_lai = 0
#for k in campaign.awards
#if k.collective_quota != null or k.individual_quota != null or k.quota != null or k.percent_quota or k.unit_collective_quota != null or k.unit_individual_quota != null or k.unit_quota != null or k.body_quotas
#set con_lai = con_lai + 1
#end
#end
#set hoac = " trường hợp (tập thể hoặc cá nhân)"
#for k in campaign.awards
#-- Cả hồ sơ: "không quá 05 tập thể, 10 cá nhân, tổng cộng không quá 12 trường hợp (…)".
#set so = ""
#if k.collective_quota != null
#set so = (k.collective_quota | pad2) ~ " tập thể"
#end
#if k.individual_quota != null
#if so
#set so = so ~ ", "
#end
#set so = so ~ (k.individual_quota | pad2) ~ " cá nhân"
#end
#set toan = ""
#if so
#set toan = "không quá " ~ so
#end
#if k.quota != null and toan
#set toan = toan ~ ", tổng cộng không quá " ~ (k.quota | pad2) ~ hoac
#elif k.quota != null
#set toan = "không quá " ~ (k.quota | pad2) ~ hoac
#end
#-- Tỷ lệ: "tỷ lệ không quá 10% tập thể, 5% cá nhân <base_text>".
#set ty_le = ""
#if k.percent_quota.collective != null
#set ty_le = (k.percent_quota.collective | number) ~ "% tập thể"
#end
#if k.percent_quota.individual != null
#if ty_le
#set ty_le = ty_le ~ ", "
#end
#set ty_le = ty_le ~ (k.percent_quota.individual | number) ~ "% cá nhân"
#end
#if ty_le and k.percent_quota.base_text
#set ty_le = ty_le ~ " " ~ k.percent_quota.base_text
#end
#if ty_le and toan
#set toan = toan ~ "; tỷ lệ không quá " ~ ty_le
#elif ty_le
#set toan = "tỷ lệ không quá " ~ ty_le
#end
#-- Mỗi đơn vị: "không quá 01 tập thể, 02 cá nhân" hoặc "không quá 02 trường hợp (…)".
#set so = ""
#if k.unit_collective_quota != null
#set so = (k.unit_collective_quota | pad2) ~ " tập thể"
#end
#if k.unit_individual_quota != null
#if so
#set so = so ~ ", "
#end
#set so = so ~ (k.unit_individual_quota | pad2) ~ " cá nhân"
#end
#set rieng = ""
#if so
#set rieng = "không quá " ~ so
#end
#if k.unit_quota != null and rieng
#set rieng = rieng ~ ", tổng cộng không quá " ~ (k.unit_quota | pad2) ~ hoac
#elif k.unit_quota != null
#set rieng = "không quá " ~ (k.unit_quota | pad2) ~ hoac
#end
#if toan or rieng or k.body_quotas
#set con_lai = con_lai - 1
#set cau = (k | award_label) ~ ":"
#if k.body_quotas
#-- Số riêng cho từng cơ quan, rồi các đơn vị còn lại, mỗi dòng "+ ".
#if toan
- {{ cau }} {{ toan }}, cụ thể:
#else
- {{ cau }}
#end
#for q in k.body_quotas
#set ten = ""
#for x in q.bodies
#if loop.first
#set ten = x | unit_name(units)
#else
#set ten = ten ~ "; " ~ (x | unit_name(units))
#end
#end
#set so = ""
#if q.collective_quota != null
#set so = (q.collective_quota | pad2) ~ " tập thể"
#end
#if q.individual_quota != null
#if so
#set so = so ~ ", "
#end
#set so = so ~ (q.individual_quota | pad2) ~ " cá nhân"
#end
#if q.quota != null and so
#set so = so ~ ", tổng cộng không quá " ~ (q.quota | pad2) ~ hoac
#elif q.quota != null
#set so = (q.quota | pad2) ~ hoac
#end
#if (q.bodies | length) > 1
#set dong = ten ~ ": mỗi đơn vị không quá " ~ so
#else
#set dong = ten ~ ": không quá " ~ so
#end
#if loop.last and con_lai == 0 and not rieng
#set cuoi = "."
#else
#set cuoi = ";"
#end
#if q.text
+ {{ q.text | md }}{{ cuoi }}
#else
+ {{ dong }}{{ cuoi }}
#end
#end
#if rieng and con_lai == 0
+ Các {{ noun }} còn lại: mỗi {{ noun }} {{ rieng }}.
#elif rieng
+ Các {{ noun }} còn lại: mỗi {{ noun }} {{ rieng }};
#end
#else
#if toan
#set cau = cau ~ " " ~ toan
#end
#if toan and rieng
#set cau = cau ~ ";"
#end
#if rieng
#set cau = cau ~ " mỗi " ~ noun ~ " " ~ rieng
#end
#if con_lai == 0
- {{ cau }}.
#else
- {{ cau }};
#end
#end
#end
#end
#end

#-- Tiêu chuẩn (campaign.criteria): mỗi nhóm đối tượng là một mục ở cấp "cap" (kiểu số
#-- "number" của khối thay kiểu theo độ sâu); các tiêu chuẩn của nhóm là dòng "item_number"
#-- (mặc định "-"), dòng con "subitem_number"; nhóm chỉ có một tiêu chuẩn in thành đoạn văn.
#macro tieu_chuan(b: block, cap: integer)
#if b.text
{{ b.text | md }}
#end
#set kieu = b.item_number | default("dash")
#for c in campaign.criteria
=(cap, b.number) {{ c.title }}
#for g in c.groups
#if g.title
{{ g.title | md }}
#end
#for y in g.items
#if g.items | length == 1 and y.text == null
{{ y | md }}
#else
#call dong_ds(y, 1, kieu, b.subitem_number)
#end
#end
#end
#end
#end

#-- Hồ sơ (campaign.dossier): mỗi thành phần một dòng "item_number" (mặc định "-"), dòng con
#-- "subitem_number"; dòng số bộ cùng dấu khi dấu là "-" hay "+", không đánh số khi các thành
#-- phần đánh số.
#macro ho_so(b: block)
#if b.text
{{ b.text | md }}
#end
#set kieu = b.item_number | default("dash")
#for h in campaign.dossier.documents
#call dong_ds(h, 1, kieu, b.subitem_number)
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
#-- Dòng số bộ mang dấu "-", "+" của các thành phần; không đánh số tiếp sau "(5)", "c)".
#set dau = "none"
#if kieu == "dash" or kieu == "-" or kieu == "plus" or kieu == "+"
#set dau = kieu
#end
#if campaign.dossier.copies_note
~(1, dau) Số lượng: {{ so_bo }} (*{{ campaign.dossier.copies_note }}*).
#else
~(1, dau) Số lượng: {{ so_bo }}.
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
