#-- Biên bản họp Hội đồng Thi đua - Khen thưởng (ký hiệu BB): thời gian, địa điểm, thành phần,
#-- kết quả bỏ phiếu của từng tập thể, cá nhân (tỷ lệ trên tổng số thành viên), kết luận.
#include "chung/kieu-nd30.tpl"
#include "chung/dau-van-ban.tpl"
#include "chung/ky-ten.tpl"
#-- Cơ quan trình hồ sơ (nomination.issuer), không có thì cơ quan ban hành Kế hoạch.
#set cq = nomination.issuer | default(issuer)
#set hd = nomination.council
#set hop = nomination.council.meeting
#if hop.number
#set so_ky_hieu = (hop.number | doc_number) ~ "/" ~ (hop.symbol | default("BB-HĐTĐKT"))
#else
#set so_ky_hieu = "…/" ~ (hop.symbol | default("BB-HĐTĐKT"))
#end
#set meta_title = "Biên bản số " ~ so_ky_hieu ~ " họp " ~ (hd.name | oneline) ~ " xét đề nghị khen thưởng trong phong trào " ~ (campaign.name | oneline | lower_first)
#set meta_author = cq.full_name | default(cq.name) | oneline
#set meta_subject = campaign.name | oneline
#if hop.number
#set so = "Số: " ~ (hop.number | doc_number) ~ "/" ~ (hop.symbol | default("BB-HĐTĐKT"))
#else
#set so = "Số:        /" ~ (hop.symbol | default("BB-HĐTĐKT"))
#end
#-- Biên bản là của Hội đồng: đầu văn bản là Hội đồng và cơ quan có Hội đồng (Ủy ban nhân
#-- dân ban hành Kế hoạch, hoặc cấp trên của Ban Chỉ đạo ban hành), không phải của Ban Chỉ đạo.
#-- Cơ quan trình hồ sơ chính là Hội đồng (nomination.issuer) thì dùng đầu văn bản của nó.
#if (cq.full_name | default(cq.name)) == hd.name
#call dau_van_ban(cq.parent | default(""), cq.name, so, cq.place ~ ", " ~ (hop.date | date_long))
#else
#set ten_cq = cq.full_name | default(cq.name) | oneline | upper | replace("ỦY BAN NHÂN DÂN", "UBND")
#if cq.short == "UBND"
#set tren = ten_cq
#else
#set tren = cq.parent | default(ten_cq)
#end
#call dau_van_ban(tren, hd.name | upper, so, cq.place ~ ", " ~ (hop.date | date_long))
#end
#call ten_loai("Biên bản", "Họp " ~ hd.name ~ " xét đề nghị khen thưởng trong phong trào “" ~ campaign.name ~ "”")
#if hop.start
Vào hồi {{ hop.start | replace(":", " giờ ") }} phút, {{ hop.date | date_long }}, tại {{ hop.place }}, {{ hd.name }} họp xét đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào “{{ campaign.name }}”.
#else
{{ hop.date | date_long | capitalize }}, tại {{ hop.place }}, {{ hd.name }} họp xét đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào “{{ campaign.name }}”.
#end
= THÀNH PHẦN
#if hd.chair.title
- Chủ trì: đồng chí {{ hd.chair.name }}, {{ hd.chair.title }}.
#else
- Chủ trì: đồng chí {{ hd.chair.name }}.
#end
#if hd.secretary.title
- Thư ký: đồng chí {{ hd.secretary.name }}, {{ hd.secretary.title }}.
#else
- Thư ký: đồng chí {{ hd.secretary.name }}.
#end
#if hop.absent_note
- Thành viên Hội đồng có mặt: {{ hop.present | pad2 }}/{{ hd.members | pad2 }} đồng chí ({{ hop.absent_note }}).
#else
- Thành viên Hội đồng có mặt: {{ hop.present | pad2 }}/{{ hd.members | pad2 }} đồng chí.
#end
= NỘI DUNG
#set so_tap_the = 0
#set so_ca_nhan = 0
#for n in nomination.nominees
#if n.kind == "collective"
#set so_tap_the = so_tap_the + 1
#else
#set so_ca_nhan = so_ca_nhan + 1
#end
#end
Hội đồng nghe báo cáo tóm tắt thành tích của {{ so_tap_the | pad2 }} tập thể và {{ so_ca_nhan | pad2 }} cá nhân được đề nghị khen thưởng; thảo luận và biểu quyết bằng phiếu kín. Tỷ lệ phiếu đồng ý tính trên tổng số {{ hd.members | pad2 }} thành viên Hội đồng. Kết quả như sau:
#table widths=10,46,45,18,16,20 before=6 role=votes
#row header
#cell valign=middle
{center bold} TT
#cell valign=middle
{center bold} Tập thể, cá nhân
#cell valign=middle
{center bold} Hình thức, danh hiệu đề nghị
#cell valign=middle
{center bold} Số phiếu đồng ý
#cell valign=middle
{center bold} Tỷ lệ
#cell valign=middle
{center bold} Kết quả
#for n in nomination.nominees
#row
#cell
{center} {{ loop.index }}
#cell
{{ n.name }}
#cell
#if n.title
{{ n.title }}; {{ n.award }}
#else
{{ n.award }}
#end
#cell
{center} {{ n.votes | default(0) | pad2 }}/{{ hd.members | pad2 }}
#cell
{center} {{ n.votes | default(0) | percent(hd.members) }}
#cell
#if n | passes(hd)
{center} Đạt
#else
{center} Không đạt
#end
#end
#end
= KẾT LUẬN
#set dat = nomination.nominees | passed(hd)
Hội đồng thống nhất đề nghị {{ nomination.recipient }} khen thưởng {{ dat | length | pad2 }} tập thể, cá nhân đạt tỷ lệ phiếu theo quy định (*có danh sách kèm theo*).
#if hop.end
Cuộc họp kết thúc vào hồi {{ hop.end | replace(":", " giờ ") }} phút cùng ngày; biên bản đã được thông qua trước Hội đồng.
#else
Biên bản đã được thông qua trước Hội đồng.
#end
#endmark
#call ky_hai_ben("THƯ KÝ", "", hd.secretary.name, "CHỦ TỌA", "", hd.chair.name)
