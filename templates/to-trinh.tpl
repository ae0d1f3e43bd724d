#-- Tờ trình đề nghị khen thưởng (ký hiệu TTr) gửi người có thẩm quyền khen thưởng.
#-- Chỉ những tập thể, cá nhân đạt tỷ lệ phiếu của Hội đồng mới được đề nghị.
#include "chung/kieu-nd30.tpl"
#include "chung/dau-van-ban.tpl"
#include "chung/ky-ten.tpl"
#-- Cơ quan trình hồ sơ và người ký Tờ trình: nomination.issuer, nomination.signature khi có
#-- (Hội đồng Thi đua - Khen thưởng xã trình Chủ tịch UBND xã, đơn vị mới sau sắp xếp), không
#-- thì cơ quan ban hành và người ký Kế hoạch. "issuer" vẫn là cơ quan ban hành Kế hoạch.
#set cq = nomination.issuer | default(issuer)
#set nguoi_ky = nomination.signature | default(signature)
#set hs = nomination
#set td = nomination.document
#set hd = nomination.council
#if td.number
#set so_ky_hieu = (td.number | doc_number) ~ "/" ~ (td.symbol | default("TTr-" ~ cq.short))
#else
#set so_ky_hieu = "…/" ~ (td.symbol | default("TTr-" ~ cq.short))
#end
#set meta_title = "Tờ trình số " ~ so_ky_hieu ~ " về " ~ (td.title | default("Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào " ~ (campaign.name | lower_first)) | oneline | lower_first)
#set meta_author = cq.full_name | default(cq.name) | oneline
#set meta_subject = campaign.name | oneline
#if td.number
#set so = "Số: " ~ (td.number | doc_number) ~ "/" ~ (td.symbol | default("TTr-" ~ cq.short))
#else
#set so = "Số:        /" ~ (td.symbol | default("TTr-" ~ cq.short))
#end
#call dau_van_ban(cq.parent | default(""), cq.name, so, cq.place ~ ", " ~ (td.date | date_long))
#call ten_loai("Tờ trình", td.title | default("Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào “" ~ campaign.name ~ "”"))
{center size=14 noindent before=6} Kính gửi: {{ hs.recipient }}.
#if document.number
#set so_kh = (document.number | doc_number) ~ "/" ~ document.symbol
#else
#set so_kh = "      /" ~ document.symbol
#end
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ {{ document.type_name | default("Kế hoạch") }} số {{ so_kh }} {{ document.date | date_long }} của {{ issuer.full_name | default(issuer.name) }} về {{ document.title | oneline | lower_first }};
#set ten_cq = cq.full_name | default(cq.name)
#-- Hội đồng tự trình (nomination.issuer là Hội đồng) thì không nhắc tên mình hai lần.
#if ten_cq == hd.name
Căn cứ kết quả họp xét {{ hd.meeting.date | date_long }},
#else
Căn cứ kết quả họp xét của {{ hd.name }} {{ hd.meeting.date | date_long }},
#end
{{ ten_cq }} kính trình {{ hs.recipient }} như sau:
#set dat = hs.nominees | passed(hd)
#set so_tap_the = 0
#set so_ca_nhan = 0
#for n in dat
#if n.kind == "collective"
#set so_tap_the = so_tap_the + 1
#else
#set so_ca_nhan = so_ca_nhan + 1
#end
#end
= KẾT QUẢ PHONG TRÀO THI ĐUA
#for p in hs.summary
{{ p | md }}
#end
= ĐỀ NGHỊ KHEN THƯỞNG
#set co_danh_hieu = false
#for n in dat
#if n.title
#set co_danh_hieu = true
#end
#end
#if co_danh_hieu
#set viec = "công nhận danh hiệu thi đua và khen thưởng"
#else
#set viec = "khen thưởng"
#end
#if ten_cq == hd.name
#set binh_xet = "Trên cơ sở kết quả bình xét, "
#else
#set binh_xet = "Trên cơ sở kết quả bình xét của " ~ hd.name ~ ", "
#end
{{ binh_xet }}{{ ten_cq }} kính đề nghị {{ hs.recipient }} xem xét, {{ viec }} cho {{ so_tap_the | pad2 }} tập thể và {{ so_ca_nhan | pad2 }} cá nhân có thành tích xuất sắc trong phong trào (*có danh sách kèm theo*), cụ thể:
#-- Mỗi danh hiệu một dòng, theo thứ tự gặp lần đầu trong danh sách.
#for n in dat
#if n.title
#set da_co = false
#set vi_tri = loop.index
#for m in dat
#if loop.index < vi_tri and m.title == n.title
#set da_co = true
#end
#end
#if not da_co
#set tt = 0
#set cn = 0
#for m in dat
#if m.title == n.title and m.kind == "collective"
#set tt = tt + 1
#elif m.title == n.title
#set cn = cn + 1
#end
#end
#call dong_de_nghi("Danh hiệu “" ~ n.title ~ "”", tt, cn)
#end
#end
#end
#for k in campaign.awards
#set nhan = k | award_label
#set tt = 0
#set cn = 0
#for n in dat
#if n.award == nhan and n.kind == "collective"
#set tt = tt + 1
#elif n.award == nhan
#set cn = cn + 1
#end
#end
#call dong_de_nghi(nhan, tt, cn)
#end
= HỒ SƠ KÈM THEO
- Danh sách tập thể, cá nhân đề nghị khen thưởng;
- Biên bản họp {{ hd.name }};
- Báo cáo thành tích của {{ so_tap_the | pad2 }} tập thể và {{ so_ca_nhan | pad2 }} cá nhân.
Kính trình {{ hs.recipient }} xem xét, quyết định.
#endmark
#call noi_nhan_va_ky(["Như trên", "Lưu: VT"], nguoi_ky)

#-- Một dòng "- <danh hiệu / hình thức>: 02 tập thể, 03 cá nhân." (bỏ phần bằng 0; không in
#-- gì khi cả hai bằng 0).
#macro dong_de_nghi(nhan: string, tt: integer, cn: integer)
#if tt > 0 and cn > 0
- {{ nhan }}: {{ tt | pad2 }} tập thể, {{ cn | pad2 }} cá nhân.
#elif tt > 0
- {{ nhan }}: {{ tt | pad2 }} tập thể.
#elif cn > 0
- {{ nhan }}: {{ cn | pad2 }} cá nhân.
#end
#end
