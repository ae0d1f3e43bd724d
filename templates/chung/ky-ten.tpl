#-- Khối ký hai cột không tách qua trang: bên trái và bên phải mỗi bên một chức danh, dòng
#-- ghi chú in nghiêng, chỗ ký và họ tên (chưa có tên: dòng chấm để ghi). Để trống bên nào
#-- thì bên đó không in. Chức danh và ghi chú ở hàng trên, chỗ ký và họ tên ở hàng dưới: một
#-- chức danh dài hai dòng không đẩy tên bên đó xuống thấp hơn tên bên kia.
#macro ky_hai_ben(trai: string, trai_ghi_chu: string, trai_ten: string, phai: string, phai_ghi_chu: string, phai_ten: string)
#table widths=77.5,77.5 borders=none keep before=12 padding=0 role=signature
#row
#cell
#if trai
{role=chuc_vu_ky size=13} {{ trai }}
#end
#if trai_ghi_chu
{center italic size=13 before=0} {{ trai_ghi_chu }}
#end
#cell
#if phai
{role=chuc_vu_ky size=13} {{ phai }}
#end
#if phai_ghi_chu
{center italic size=13 before=0} {{ phai_ghi_chu }}
#end
#row
#cell
{role=cho_ky} 
#if trai_ten
{role=ho_ten_ky} {{ trai_ten }}
#elif trai
{role=ho_ten_ky regular} ……………………………
#end
#cell
{role=cho_ky} 
#if phai_ten
{role=ho_ten_ky} {{ phai_ten }}
#elif phai
{role=ho_ten_ky regular} ……………………………
#end
#end
#end

#-- Nơi nhận bên trái và thẩm quyền ký của cơ quan (signature) bên phải.
#macro noi_nhan_va_ky(noi_nhan: list, ky: signature)
#table widths=65,90 borders=none keep before=12 padding=0 role=signature
#row
#cell
{role=noi_nhan} Nơi nhận:
#for r in noi_nhan
#if loop.last
{role=noi_nhan_dong} - {{ r }}.
#else
{role=noi_nhan_dong} - {{ r }};
#end
#end
#cell
#call ky(ky)
#end
#end

#-- Thẩm quyền ký (ô 7a–7c): quyền hạn, chức vụ, chỗ ký, họ tên; đặt trong một ô bảng.
#macro ky(ky: signature)
#if ky.authority
{role=chuc_vu_ky} {{ ky.authority }}
#end
{role=chuc_vu_ky} {{ ky.title }}
#if ky.position
{role=chuc_vu_ky} {{ ky.position }}
#end
{role=cho_ky} 
#if ky.name
{role=ho_ten_ky} {{ ky.name }}
#else
{role=ho_ten_ky regular} ……………………………
#end
#end
