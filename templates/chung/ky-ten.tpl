#-- Khối ký hai cột không tách qua trang: bên trái và bên phải mỗi bên một chức danh, dòng
#-- ghi chú in nghiêng, chỗ ký và họ tên. Để trống bên nào thì bên đó không in.
#macro ky_hai_ben(trai: string, trai_ghi_chu: string, trai_ten: string, phai: string, phai_ghi_chu: string, phai_ten: string)
#table widths=77.5,77.5 borders=none keep before=12 padding=0 role=signature
#row
#cell
#if trai
{center bold size=13 before=0} {{ trai }}
#end
#if trai_ghi_chu
{center italic size=13 before=0} {{ trai_ghi_chu }}
#end
{center size=14 before=60} 
#if trai_ten
{center bold size=14 before=12} {{ trai_ten }}
#end
#cell
#if phai
{center bold size=13 before=0} {{ phai }}
#end
#if phai_ghi_chu
{center italic size=13 before=0} {{ phai_ghi_chu }}
#end
{center size=14 before=60} 
#if phai_ten
{center bold size=14 before=12} {{ phai_ten }}
#end
#end
#end

#-- Nơi nhận bên trái và thẩm quyền ký của cơ quan (signature) bên phải.
#macro noi_nhan_va_ky(noi_nhan: list, ky: signature)
#table widths=65,90 borders=none keep before=12 padding=0 role=signature
#row
#cell
{left bold italic size=12 noindent before=0} Nơi nhận:
#for r in noi_nhan
#if loop.last
{left size=11 noindent before=0 spacing=1} - {{ r }}.
#else
{left size=11 noindent before=0 spacing=1} - {{ r }};
#end
#end
#cell
#call ky(ky)
#end
#end

#-- Thẩm quyền ký (ô 7a–7c): quyền hạn, chức vụ, chỗ ký, họ tên; đặt trong một ô bảng.
#macro ky(ky: signature)
#if ky.authority
{center bold size=14 before=0} {{ ky.authority }}
#end
{center bold size=14 before=0} {{ ky.title }}
#if ky.position
{center bold size=14 before=0} {{ ky.position }}
#end
{center size=14 before=60} 
{center bold size=14 before=12} {{ ky.name }}
#end
