#for p in campaign.phases
{{ loop.index }}: {{ p.start | date_long }} | {{ p.start | date_short }} | {{ p.start | date_padded }} | {{ p.start | date_dm }} | {{ p.start | year }}
#end
Văn bản: {{ document.date | date_long }}
Hạn: {{ "2025-02-03" | date_short }}
