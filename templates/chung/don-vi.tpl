#-- Đầu văn bản và chữ ký của một đơn vị tham gia (bản đăng ký, báo cáo thành tích): mỗi văn
#-- bản mang tên chính cơ quan, đơn vị lập nó và cấp trên của đơn vị đó, lấy từ dữ liệu.
#--   unit.agency  tên ở đầu văn bản ("UBND THỊ TRẤN VIỆT QUANG"); trống: tên đơn vị viết hoa.
#--   unit.parent  cấp trên; trống: cấp trên của cơ quan ban hành Kế hoạch khi cơ quan đó
#--                không phải Ủy ban nhân dân (Ban Chỉ đạo của UBND phường → UBND phường),
#--                không thì chính Ủy ban nhân dân ban hành Kế hoạch.
#--   unit.seal    có con dấu; trống: có khi tên ở đầu văn bản là một Ủy ban nhân dân.
#-- Cần chung/dau-van-ban.tpl.

#-- Đầu văn bản của đơn vị u (không số, ký hiệu), ngày tháng "ngay"; "tren_mac_dinh": cấp trên
#-- khi đơn vị không ghi (trống: suy ra từ cơ quan ban hành Kế hoạch như trên).
#macro dau_don_vi(u: unit, tren_mac_dinh: string, ngay: string)
#set cq_kh = issuer.full_name | default(issuer.name) | oneline | upper | replace("ỦY BAN NHÂN DÂN", "UBND")
#if u.parent
#set tren = u.parent
#elif tren_mac_dinh
#set tren = tren_mac_dinh
#elif issuer.short == "UBND"
#set tren = cq_kh
#else
#set tren = issuer.parent | default(cq_kh)
#end
#call dau_van_ban(tren, u.agency | default(u.name | upper), "", ngay)
#end

#-- Chữ ký người đứng đầu đơn vị u ở cột phải: Ủy ban nhân dân ký "TM. ỦY BAN NHÂN DÂN /
#-- CHỦ TỊCH" (Phó Chủ tịch: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); đơn vị có dấu "(Ký, đóng dấu)",
#-- tổ, thôn, tổ dân phố "(Ký, ghi rõ họ tên)"; chưa có tên người ký thì để dòng chấm.
#macro ky_don_vi(u: unit)
#table widths=65,90 borders=none keep before=12 padding=0 role=signature
#row
#cell
#cell
#call ky_cua_don_vi(u, u.head_title | default("Thủ trưởng đơn vị"), u.head | default(""))
#end
#end

#-- Các dòng chữ ký của đơn vị u (đặt trong một ô bảng) với chức vụ và tên người ký cho trước.
#macro ky_cua_don_vi(u: unit, chuc_vu: string, ten: string)
#set ten_dv = u.agency | default(u.name | upper)
#set ubnd = (ten_dv | replace("UBND", "") | replace("ỦY BAN NHÂN DÂN", "")) != ten_dv
#set cv = chuc_vu | upper
#if u.signature
#call ky_dong(u.signature.authority | default(""), u.signature.title, u.signature.position | default(""), u.seal | default(ubnd), u.signature.name)
#elif ubnd and (cv | replace("PHÓ CHỦ TỊCH", "")) != cv
#call ky_dong("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", u.seal | default(true), ten)
#elif ubnd and (cv | replace("CHỦ TỊCH", "")) != cv
#call ky_dong("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", u.seal | default(true), ten)
#else
#call ky_dong("", cv, "", u.seal | default(ubnd), ten)
#end
#end

#-- Quyền hạn, chức vụ, ghi chú ký (có dấu hay không), chỗ ký, họ tên hoặc dòng chấm.
#macro ky_dong(quyen: string, chuc_vu: string, chuc_vu_2: string, dau: boolean, ten: string)
#if quyen
{role=chuc_vu_ky} {{ quyen }}
#end
{role=chuc_vu_ky} {{ chuc_vu }}
#if chuc_vu_2
{role=chuc_vu_ky} {{ chuc_vu_2 }}
#end
#if dau
{center italic size=13 before=0} (Ký, đóng dấu)
#else
{center italic size=13 before=0} (Ký, ghi rõ họ tên)
#end
{role=cho_ky} 
#if ten
{role=ho_ten_ky} {{ ten }}
#else
{role=ho_ten_ky regular} ……………………………
#end
#end
