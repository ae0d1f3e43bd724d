#-- Danh mục hồ sơ đề nghị khen thưởng: thành phần hồ sơ theo Kế hoạch và số bộ cho từng
#-- hình thức (ví dụ Bằng khen 03 bộ, Giấy khen 01 bộ — campaign.dossier.copies).
#include "chung/kieu-nd30.tpl"
#include "chung/dau-van-ban.tpl"
#include "chung/ky-ten.tpl"
#-- Cơ quan trình hồ sơ và người ký Tờ trình: nomination.issuer, nomination.signature khi có
#-- (Hội đồng Thi đua - Khen thưởng xã trình Chủ tịch UBND xã, đơn vị mới sau sắp xếp), không
#-- thì cơ quan ban hành và người ký Kế hoạch. "issuer" vẫn là cơ quan ban hành Kế hoạch.
#set cq = nomination.issuer | default(issuer)
#set nguoi_ky = nomination.signature | default(signature)
#set meta_title = "Danh mục hồ sơ đề nghị khen thưởng trong phong trào " ~ (campaign.name | oneline | lower_first)
#set meta_author = cq.full_name | default(cq.name) | oneline
#set meta_subject = campaign.name | oneline
#call dau_van_ban(cq.parent | default(""), cq.name, "", cq.place ~ ", " ~ (nomination.document.date | date_long))
#call ten_loai("Danh mục hồ sơ đề nghị khen thưởng", "Phong trào “" ~ campaign.name ~ "”")
#set dat = nomination.nominees | passed(nomination.council)
= THÀNH PHẦN HỒ SƠ
#-- Các văn bản có thật trong bộ hồ sơ này, lấy từ dữ liệu đề nghị: Tờ trình, Danh sách, Biên
#-- bản họp Hội đồng, rồi báo cáo thành tích của từng tập thể, cá nhân đạt tỷ lệ phiếu (với
#-- danh hiệu, hình thức đề nghị) và tài liệu chứng minh kèm theo (nominee.attachments).
#set td = nomination.document
#if td.number
#set so_tt = (td.number | doc_number) ~ "/" ~ (td.symbol | default("TTr-" ~ cq.short))
#else
#set so_tt = "      /" ~ (td.symbol | default("TTr-" ~ cq.short))
#end
~1 Tờ trình số {{ so_tt }} {{ td.date | date_long }} của {{ cq.full_name | default(cq.name) }} đề nghị khen thưởng.
~1 Danh sách {{ dat | length | pad2 }} tập thể, cá nhân đề nghị khen thưởng (kèm theo Tờ trình).
~1 Biên bản họp {{ nomination.council.name }} {{ nomination.council.meeting.date | date_long }}.
#for n in dat
#if n.title
~1 Báo cáo thành tích của {{ n.name }} đề nghị công nhận danh hiệu “{{ n.title }}” và tặng {{ n.award }}.
#else
~1 Báo cáo thành tích của {{ n.name }} đề nghị tặng {{ n.award }}.
#end
#for a in n.attachments
- {{ a }}.
#end
#end
= SỐ BỘ HỒ SƠ THEO HÌNH THỨC KHEN THƯỞNG
#table widths=12,63,22,22,36 before=6 role=copies
#row header
#cell valign=middle
{center bold} TT
#cell valign=middle
{center bold} Hình thức khen thưởng
#cell valign=middle
{center bold} Số tập thể
#cell valign=middle
{center bold} Số cá nhân
#cell valign=middle
{center bold} Số bộ hồ sơ mỗi trường hợp
#set tt = 0
#for k in campaign.awards
#set nhan = k | award_label
#set so_tt = 0
#set so_cn = 0
#for n in dat
#if n.award == nhan and n.kind == "collective"
#set so_tt = so_tt + 1
#elif n.award == nhan
#set so_cn = so_cn + 1
#end
#end
#set bo = "01 bộ"
#for c in campaign.dossier.copies
#if c.form == k.form
#set bo = (c.copies | pad2) ~ " bộ"
#end
#end
#if so_tt > 0 or so_cn > 0
#set tt = tt + 1
#row
#cell
{center} {{ tt }}
#cell
{{ nhan }}
#cell
{center} {{ so_tt | pad2 }}
#cell
{center} {{ so_cn | pad2 }}
#cell
{center} {{ bo }}
#end
#end
#end
#if campaign.dossier.copies_note
{italic} Hồ sơ là {{ campaign.dossier.copies_note }}.
#end
#if campaign.dossier.deadline
Hồ sơ gửi trước ngày {{ campaign.dossier.deadline | date_short }}.
#end
#endmark
#table widths=65,90 borders=none keep before=12 padding=0 role=signature
#row
#cell
#cell
#call ky(nguoi_ky)
#end
