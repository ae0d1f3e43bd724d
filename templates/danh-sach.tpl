#-- Danh sách đề nghị khen thưởng, kèm theo Tờ trình: trang ngang, nhóm I. TẬP THỂ / II. CÁ NHÂN.
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
#if td.number
#set so_ky_hieu = (td.number | doc_number) ~ "/" ~ (td.symbol | default("TTr-" ~ cq.short))
#else
#set so_ky_hieu = "…/" ~ (td.symbol | default("TTr-" ~ cq.short))
#end
#set meta_title = "Danh sách đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào " ~ (campaign.name | oneline | lower_first) ~ " (kèm theo Tờ trình số " ~ so_ky_hieu ~ ")"
#set meta_author = cq.full_name | default(cq.name) | oneline
#set meta_subject = campaign.name | oneline
#section landscape margins=20,20,30,20
#call dau_van_ban(cq.parent | default(""), cq.name, "", cq.place ~ ", " ~ (td.date | date_long))
{role=ten_loai before=12} DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
{role=trich_yeu rule=none} Tập thể, cá nhân có thành tích xuất sắc trong phong trào “{{ campaign.name }}”
#if td.number
#set so_tt = (td.number | doc_number) ~ "/" ~ (td.symbol | default("TTr-" ~ cq.short))
#else
#set so_tt = "      /" ~ (td.symbol | default("TTr-" ~ cq.short))
#end
{center italic size=13 noindent before=0 rule=short} (Kèm theo Tờ trình số {{ so_tt }} {{ td.date | date_long }} của {{ cq.full_name | default(cq.name) }})
#set dat = hs.nominees | passed(nomination.council)
#table widths=12,50,46,84,42,18 before=12 role=nominees
#row header
#cell valign=middle
{center bold} TT
#cell valign=middle
{center bold} Tên tập thể, họ và tên cá nhân
#cell valign=middle
{center bold} Chức vụ, đơn vị công tác
#cell valign=middle
{center bold} Tóm tắt thành tích
#cell valign=middle
{center bold} Hình thức đề nghị
#cell valign=middle
{center bold} Ghi chú
#set nhom = 0
#for loai in ["collective", "individual"]
#set co = 0
#for n in dat
#if n.kind == loai
#set co = co + 1
#end
#end
#if co > 0
#set nhom = nhom + 1
#row keep
#cell colspan=6
#if loai == "collective"
{bold} {{ nhom | roman }}. TẬP THỂ
#else
{bold} {{ nhom | roman }}. CÁ NHÂN
#end
#set tt = 0
#for n in dat
#if n.kind == loai
#set tt = tt + 1
#row
#cell
{center} {{ tt }}
#cell
{{ n.name }}
#cell
#set ten_dv = n.unit | default("") | unit_name(units)
#-- Chức vụ đã nêu đơn vị ("Tổ trưởng … thôn Đồng Tâm") thì không ghi lại tên đơn vị.
#if n.position and n.unit and (n.position | lower | replace(ten_dv | lower, "")) == (n.position | lower)
{{ n.position }}, {{ ten_dv }}
#elif n.position
{{ n.position }}
#else
{{ n.unit | default("") | unit_name(units) }}
#end
#cell
{{ n.summary | md }}
#cell
#if n.title
Danh hiệu “{{ n.title }}”;
#end
{{ n.award }}
#cell
#if n.note
{{ n.note }}
#end
#end
#end
#end
#end
#end
#endmark
#-- Ký: người ký Tờ trình.
#table widths=117,130 borders=none keep before=12 padding=0 role=signature
#row
#cell
#cell
#call ky(nguoi_ky)
#end
