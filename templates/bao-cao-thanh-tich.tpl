#-- Báo cáo thành tích của một tập thể hoặc cá nhân được đề nghị (biến "nominee"), theo mẫu
#-- của Nghị định hướng dẫn Luật Thi đua, khen thưởng: sơ lược, thành tích, khen thưởng đã nhận.
#include "chung/kieu-nd30.tpl"
#include "chung/dau-van-ban.tpl"
#include "chung/ky-ten.tpl"
#include "chung/don-vi.tpl"
#-- Đầu văn bản: đơn vị của người được đề nghị (hoặc tập thể được đề nghị) và cấp trên của
#-- đơn vị đó (chung/don-vi.tpl); cấp trên mặc định là cấp trên của cơ quan trình hồ sơ
#-- (nomination.issuer.parent, ví dụ "UBND XÃ BA TƠ" sau sắp xếp). Người thuộc chính cơ quan
#-- ban hành Kế hoạch (hoặc ghi nơi công tác không có trong danh sách đơn vị) thì đầu văn
#-- bản là của cơ quan đó, không lặp tên cơ quan hai lần.
#set cq_kh = issuer.full_name | default(issuer.name) | oneline | upper | replace("ỦY BAN NHÂN DÂN", "UBND")
#set noi = nomination.issuer.place | default(issuer.place)
#set n = nominee
#set bc = nominee.report
#if n.title
#set meta_title = "Báo cáo thành tích của " ~ (n.name | oneline) ~ " đề nghị tặng danh hiệu “" ~ (n.title | oneline) ~ "”"
#else
#set meta_title = "Báo cáo thành tích của " ~ (n.name | oneline) ~ " đề nghị tặng " ~ (n.award | oneline)
#end
#set meta_author = n.name | oneline
#set meta_subject = campaign.name | oneline
#set don_vi = n.unit | default(issuer.full_name | default(issuer.name)) | unit_name(units)
#if bc.date
#set ngay = noi ~ ", " ~ (bc.date | date_long)
#else
#set ngay = noi ~ ", ngày    tháng    năm " ~ (nomination.document.date | year)
#end
#set co_don_vi = false
#for u in units
#if u.id == n.unit
#set co_don_vi = true
#call dau_don_vi(u, nomination.issuer.parent | default(""), ngay)
#end
#end
#if not co_don_vi
#set ten_dv = don_vi | oneline | upper | replace("ỦY BAN NHÂN DÂN", "UBND")
#if ten_dv == cq_kh
#call dau_van_ban(issuer.parent | default(""), issuer.name, "", ngay)
#else
#call dau_van_ban(nomination.issuer.parent | default(issuer.parent | default(cq_kh)), don_vi | upper, "", ngay)
#end
#end
{role=ten_loai} BÁO CÁO THÀNH TÍCH
#if n.title
{role=trich_yeu rule=none} ĐỀ NGHỊ TẶNG DANH HIỆU “{{ n.title | upper }}”
#else
{role=trich_yeu rule=none} ĐỀ NGHỊ TẶNG {{ n.award | upper }}
#end
{center bold size=14 noindent before=0 rule=short} {{ n.name }}
#if n.kind == "individual"
= SƠ LƯỢC LÝ LỊCH
- Họ và tên: {{ n.name }}.
- Sinh ngày, tháng, năm: {{ bc.birth_date | date_padded }}; Giới tính: {{ bc.gender }}.
#if bc.hometown
- Quê quán: {{ bc.hometown }}.
#end
#if bc.residence
- Trú quán: {{ bc.residence }}.
#end
- Đơn vị công tác: {{ don_vi }}.
- Chức vụ: {{ n.position }}.
#if bc.qualification
- Trình độ chuyên môn, nghiệp vụ: {{ bc.qualification }}.
#end
= THÀNH TÍCH ĐẠT ĐƯỢC
#if bc.duties
== Quyền hạn, nhiệm vụ được giao
#for p in bc.duties
{{ p | md }}
#end
#end
== Thành tích đạt được
#else
= SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH
== Đặc điểm, tình hình
#if bc.residence
- Trụ sở: {{ bc.residence }}.
#end
#for p in bc.overview
{{ p | md }}
#end
#if bc.duties
== Chức năng, nhiệm vụ
#for p in bc.duties
{{ p | md }}
#end
#end
= THÀNH TÍCH ĐẠT ĐƯỢC
== Kết quả thực hiện nhiệm vụ và các chỉ tiêu thi đua
#end
#for p in bc.achievements
{{ p | md }}
#end
#if bc.measures
== Biện pháp, sáng kiến, kinh nghiệm
#for p in bc.measures
{{ p | md }}
#end
#end
= CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG
== Danh hiệu thi đua
#if bc.titles
#table widths=20,60,75 before=6 role=titles
#row header
#cell valign=middle
{center bold} Năm
#cell valign=middle
{center bold} Danh hiệu thi đua
#cell valign=middle
{center bold} Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành quyết định
#for r in bc.titles
#row
#cell
{center} {{ r.year }}
#cell
{{ r.name }}
#cell
{{ r.decision | default("") }}
#end
#end
#else
Chưa có.
#end
== Hình thức khen thưởng
#if bc.awards
#table widths=20,60,75 before=6 role=awards
#row header
#cell valign=middle
{center bold} Năm
#cell valign=middle
{center bold} Hình thức khen thưởng
#cell valign=middle
{center bold} Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định
#for r in bc.awards
#row
#cell
{center} {{ r.year }}
#cell
{{ r.name }}
#cell
{{ r.decision | default("") }}
#end
#end
#else
Chưa có.
#end
#endmark
#if n.kind == "individual"
#call ky_hai_ben("XÁC NHẬN CỦA CẤP TRÌNH KHEN", "(Ký, đóng dấu)", "", "NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", bc.signer | default(n.name))
#else
#-- Người ký bên phải là thủ trưởng của chính tập thể: đóng dấu khi đơn vị có dấu, tổ, thôn,
#-- tổ dân phố ghi rõ họ tên (chung/don-vi.tpl).
#set co_dau = true
#for u in units
#if u.id == n.unit
#set ten_u = u.agency | default(u.name | upper)
#set co_dau = u.seal | default((ten_u | replace("UBND", "") | replace("ỦY BAN NHÂN DÂN", "")) != ten_u)
#end
#end
#if co_dau
#call ky_hai_ben("THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", "", bc.signer_title | default("Thủ trưởng đơn vị") | upper, "(Ký, đóng dấu)", bc.signer | default(""))
#else
#call ky_hai_ben("THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", "", bc.signer_title | default("Thủ trưởng đơn vị") | upper, "(Ký, ghi rõ họ tên)", bc.signer | default(""))
#end
#end
