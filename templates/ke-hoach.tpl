#-- Kế hoạch phát động phong trào thi đua, thể thức Nghị định 30/2020/NĐ-CP.
#-- Thứ tự các phần của thân văn bản lấy từ dữ liệu (plan.sections), không cố định ở đây.
#include "chung/kieu-nd30.tpl"
#include "chung/dau-van-ban.tpl"
#include "parts/khoi.tpl"
#include "parts/muc-dich.tpl"
#include "parts/thoi-gian.tpl"
#include "parts/noi-dung.tpl"
#include "parts/khen-thuong.tpl"
#include "parts/thang-diem.tpl"
#include "parts/to-chuc.tpl"
#include "parts/phu-luc.tpl"
#-- Tên đầy đủ trong thuộc tính của tệp: "Kế hoạch số 18/KH-UBND về phát động …"
#-- ("số …/KH-UBND" khi chưa có số); trích yếu trên một dòng.
#if document.number
#set so_ky_hieu = (document.number | doc_number) ~ "/" ~ document.symbol
#else
#set so_ky_hieu = "…/" ~ document.symbol
#end
#set meta_title = (document.type_name | default("Kế hoạch")) ~ " số " ~ so_ky_hieu ~ " về " ~ (document.title | oneline | lower_first)
#set meta_author = issuer.full_name | default(issuer.name)
#set meta_subject = document.title | oneline
#if document.number
#set so = "Số: " ~ (document.number | doc_number) ~ "/" ~ document.symbol
#else
#set so = "Số:        /" ~ document.symbol
#end
#call dau_van_ban(issuer.parent | default(""), issuer.name, so, issuer.place ~ ", " ~ (document.date | date_long))
#call ten_loai(document.type_name | default("Kế hoạch"), document.title)
#include "chung/can-cu.tpl"
#for b in plan.sections
#call khoi(b, 1)
#end
#if plan.closing
{{ plan.closing | md }}
#end
#endmark
#include "chung/chu-ky.tpl"
#for pl in plan.appendices
#call phu_luc(pl, loop.index, loop.length)
#end
