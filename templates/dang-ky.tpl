#-- Bản đăng ký thi đua của một đơn vị (biến "unit"), theo Kế hoạch phát động phong trào.
#-- Chỉ tiêu lấy từ chính danh sách chỉ tiêu của Kế hoạch; giá trị riêng của đơn vị
#-- (unit.targets) thay cho giá trị chung khi có.
#include "chung/kieu-nd30.tpl"
#include "chung/dau-van-ban.tpl"
#include "chung/don-vi.tpl"
#set meta_title = "Bản đăng ký thi đua của " ~ (unit.name | oneline) ~ " trong phong trào " ~ (campaign.name | oneline | lower_first)
#set meta_author = unit.name | oneline
#set meta_subject = campaign.name | oneline
#set ngay = ""
#if unit.registration.date
#set ngay = issuer.place ~ ", " ~ (unit.registration.date | date_long)
#else
#set ngay = issuer.place ~ ", ngày    tháng    năm " ~ (document.date | year)
#end
#call dau_don_vi(unit, "", ngay)
#call ten_loai("Bản đăng ký thi đua", campaign.name)
#if document.number
#set so_kh = (document.number | doc_number) ~ "/" ~ document.symbol
#else
#set so_kh = "      /" ~ document.symbol
#end
#-- Hội đồng của cơ quan ban hành Kế hoạch (issuer.council) nhận bản đăng ký; không ghi thì
#-- Hội đồng xét hồ sơ đề nghị (sau sắp xếp đơn vị hành chính, Hội đồng xét có thể là của
#-- đơn vị mới, không phải của cơ quan nhận bản đăng ký).
#set hoi_dong = issuer.council | default(nomination.council.name | default(issuer.full_name | default(issuer.name)))
{center size=14 noindent before=6} Kính gửi: {{ hoi_dong }}.
Thực hiện {{ document.type_name | default("Kế hoạch") }} số {{ so_kh }} {{ document.date | date_long }} của {{ issuer.full_name | default(issuer.name) }} về {{ document.title | oneline | lower_first }}, {{ unit.name }} đăng ký thi đua với các chỉ tiêu, danh hiệu và hình thức khen thưởng sau:
#set co_chi_tieu = campaign.indicators
#for a in campaign.areas
#if a.indicators
#set co_chi_tieu = true
#end
#end
#if co_chi_tieu
= CÁC CHỈ TIÊU ĐĂNG KÝ THI ĐUA
#set stt = 0
#table widths=12,88,25,30 before=6 role=indicators
#row header
#cell valign=middle
{center bold} STT
#cell valign=middle
{center bold} Nội dung chỉ tiêu
#cell valign=middle
{center bold} Đơn vị tính
#cell valign=middle
{center bold} Chỉ tiêu đăng ký
#for a in campaign.areas
#if a.indicators
#row
#cell colspan=4
{bold} {{ loop.index }}. {{ a.title | md }}
#for i in a.indicators
#set stt = stt + 1
#row
#cell
{center} {{ stt }}
#cell
{{ i.name }}
#cell
{center} {{ i.unit | default("") }}
#cell
{center} {{ i | target(unit.targets[i.id]) }}
#end
#end
#end
#if campaign.indicators
#row
#cell colspan=4
{bold} Chỉ tiêu chung của phong trào
#for i in campaign.indicators
#set stt = stt + 1
#row
#cell
{center} {{ stt }}
#cell
{{ i.name }}
#cell
{center} {{ i.unit | default("") }}
#cell
{center} {{ i | target(unit.targets[i.id]) }}
#end
#end
#end
#end
= DANH HIỆU VÀ HÌNH THỨC KHEN THƯỞNG ĐĂNG KÝ
#if unit.registration.titles or unit.registration.awards
== Tập thể
#for d in unit.registration.titles
- Danh hiệu: “{{ d }}”.
#end
#for d in unit.registration.awards
- Hình thức khen thưởng: {{ d }}.
#end
#end
#if unit.registration.individuals
== Cá nhân
#table widths=10,42,35,30,38 before=6 role=individuals
#row header
#cell valign=middle
{center bold} TT
#cell valign=middle
{center bold} Họ và tên
#cell valign=middle
{center bold} Chức vụ
#cell valign=middle
{center bold} Danh hiệu đăng ký
#cell valign=middle
{center bold} Hình thức khen thưởng
#for c in unit.registration.individuals
#row
#cell
{center} {{ loop.index }}
#cell
{{ c.name }}
#cell
{{ c.position | default("") }}
#cell
{{ c.title | default("") }}
#cell
{{ c.award | default("") }}
#end
#end
#end
#if not (unit.registration.titles or unit.registration.awards or unit.registration.individuals)
#-- Đơn vị chưa gửi đăng ký: in mẫu để trống cho đơn vị điền tay.
== Tập thể
{noindent} - Danh hiệu: ...............................................................................................
{noindent} - Hình thức khen thưởng: ...............................................................................
== Cá nhân
#-- Bảng trống để điền tay không tách qua trang (một, hai dòng trống lẻ loi ở trang sau).
#table widths=10,42,35,30,38 before=6 keep role=individuals
#row header
#cell valign=middle
{center bold} TT
#cell valign=middle
{center bold} Họ và tên
#cell valign=middle
{center bold} Chức vụ
#cell valign=middle
{center bold} Danh hiệu đăng ký
#cell valign=middle
{center bold} Hình thức khen thưởng
#for k in [1, 2, 3]
#row
#cell
{center} {{ k }}
#cell
#cell
#cell
#cell
#end
#end
#end
#if unit.registration.commitments
= CAM KẾT
#for c in unit.registration.commitments
- {{ c | md }}
#end
#end
#if campaign.registration_deadline
{italic} Bản đăng ký gửi về {{ hoi_dong }} trước ngày {{ campaign.registration_deadline | date_short }}.
#end
#endmark
#call ky_don_vi(unit)
