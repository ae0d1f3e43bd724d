#-- Nơi nhận (ô 9b) bên trái, thẩm quyền ký (ô 7a, 7b) bên phải; không tách qua trang.
#table widths=65,90 borders=none keep before=12 padding=0 role=signature
#row
#cell
{role=noi_nhan} Nơi nhận:
#for r in recipients
#if loop.last
{role=noi_nhan_dong} - {{ r }}.
#else
{role=noi_nhan_dong} - {{ r }};
#end
#end
#cell
#if signature.authority
{role=chuc_vu_ky} {{ signature.authority }}
#end
{role=chuc_vu_ky} {{ signature.title }}
#if signature.position
{role=chuc_vu_ky} {{ signature.position }}
#end
{role=cho_ky} 
{role=ho_ten_ky} {{ signature.name }}
#end
