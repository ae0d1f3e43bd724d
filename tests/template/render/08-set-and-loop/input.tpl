#set tong = 0
#set ds = ""
#for c in campaign.dossier.copies
#set tong = tong + c.copies
#if loop.first
#set ds = c.form
#else
#set ds = ds ~ ", " ~ c.form
#end
#if loop.last
- {{ loop.index }}/{{ loop.length }} (chỉ số 0: {{ loop.index0 }}) {{ c.form }}: {{ c.copies | pad2 }} bộ.
#else
- {{ loop.index }}/{{ loop.length }} (chỉ số 0: {{ loop.index0 }}) {{ c.form }}: {{ c.copies | pad2 }} bộ;
#end
#end
Tổng: {{ tong }} bộ ({{ ds }}).
#if campaign.theme
#set trong_if = "nhánh if"
#else
#set trong_if = "nhánh else"
#end
Sau #if vẫn thấy: {{ trong_if }}
#for p in campaign.phases
#for q in campaign.phases
{{ loop.index }}.{{ p.name }}-{{ q.name }}
#end
Vòng ngoài: {{ loop.index }}
#end
#for p in campaign.purposes
Không lặp lần nào
#end
#set am = -tong * 2
{{ am }} {{ tong / 4 }} {{ 7 - 10 }} {{ "a" ~ 1 ~ 2.5 }}
