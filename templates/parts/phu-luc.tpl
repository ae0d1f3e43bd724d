#-- Phụ lục (plan.appendices): trang mới (ngang khi landscape), "Phụ lục I" khi có từ hai phụ
#-- lục, tên phụ lục viết hoa, dòng "Kèm theo", các khối nội dung và một bảng (ví dụ thang điểm).
#macro phu_luc(pl: appendix, so: integer, tong: integer)
#if pl.landscape
#section landscape
#else
#section
#end
#numbering restart
#if tong > 1
{center bold size=14 noindent before=0} Phụ lục {{ so | roman }}
#else
{center bold size=14 noindent before=0} Phụ lục
#end
{center bold size=14 noindent before=0} {{ pl.title | upper }}
#if document.number
{center italic size=13 noindent before=0} (Kèm theo {{ document.type_name | default("Kế hoạch") }} số {{ document.number | doc_number }}/{{ document.symbol }} {{ document.date | date_long }} của {{ issuer.full_name | default(issuer.name) }})
#else
{center italic size=13 noindent before=0} (Kèm theo {{ document.type_name | default("Kế hoạch") }} số        /{{ document.symbol }} {{ document.date | date_long }} của {{ issuer.full_name | default(issuer.name) }})
#end
#for b in pl.blocks
#call khoi(b, 1)
#end
#if pl.table
#table widths=auto before=12 role=appendix
#row header
#for c in pl.table.columns
#cell valign=middle
{center bold} {{ c.title }}
#end
#for r in pl.table.rows
#row
#for x in r.cells
#cell
#if r.group
{bold} {{ x | md }}
#else
{{ x | md }}
#end
#end
#end
#end
#end
#end
