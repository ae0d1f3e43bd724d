#-- Nơi nhận (ô 9b) bên trái, thẩm quyền ký (ô 7a, 7b) bên phải; không tách qua trang.
#table widths=65,90 borders=none keep before=12 padding=0 role=signature
#row
#cell
{left bold italic size=12 noindent before=0} Nơi nhận:
#for r in recipients
#if loop.last
{left size=11 noindent before=0 spacing=1} - {{ r }}.
#else
{left size=11 noindent before=0 spacing=1} - {{ r }};
#end
#end
#cell
#if signature.authority
{center bold size=14 before=0} {{ signature.authority }}
#end
{center bold size=14 before=0} {{ signature.title }}
#if signature.position
{center bold size=14 before=0} {{ signature.position }}
#end
{center size=14 before=60} 
{center bold size=14 before=12} {{ signature.name }}
#end
