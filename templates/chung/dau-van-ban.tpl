#-- Phần đầu văn bản (ô 1–5a): tên cơ quan, Quốc hiệu và Tiêu ngữ, số và ký hiệu,
#-- địa danh và ngày tháng, tên loại và trích yếu.
#table widths=55,100 borders=none before=0 padding=0 role=header
#row
#cell
#if issuer.parent
{center size=13} {{ issuer.parent }}
#end
{center bold size=13 rule=short} {{ issuer.name }}
#cell
{center bold size=13} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
{center bold size=14 rule=text} Độc lập - Tự do - Hạnh phúc
#row
#cell
#if document.number
{center size=13 before=6} Số: {{ document.number }}/{{ document.symbol }}
#else
{center size=13 before=6} Số:        /{{ document.symbol }}
#end
#cell
{center italic size=14 before=6} {{ issuer.place }}, {{ document.date | date_long }}
#end
{center bold size=14 noindent before=18 keep} {{ document.type_name | default("Kế hoạch") | upper }}
{center bold size=14 noindent before=0 rule=short keep} {{ document.title }}
#space 6
