#-- Mỗi kiểu ngày (long, short, slash, padded, month_year) qua date(kiểu), date_dm(kiểu) và
#-- các bộ lọc riêng; kiểu lấy từ một biến như khối lấy từ b.date_style; căn cứ theo date_style.
#set kieus = ["long", "short", "slash", "padded", "month_year"]
#for p in campaign.phases
#for k in kieus
{{ loop.index }}. {{ k }}: {{ p.start | date(k) }} | {{ p.start | date_dm(k) }} – {{ p.end | date(k) }}
#end
#end
Riêng: {{ "2025-02-03" | date_slash }} | {{ "2025-02-03" | date_month_year }} | {{ "2025-11-25" | date_dm }} | {{ "2025-02-03" | date("long") }}
#for b in legal_bases
#for c in b.items
- {{ c | cite }}
#end
#end
