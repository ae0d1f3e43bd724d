#-- Số văn bản: số nguyên dưới 10 có số 0 đứng trước; chuỗi in nguyên như cơ quan ghi.
Số: {{ document.number | doc_number }}/{{ document.symbol }}
Số: {{ nomination.document.number | doc_number }}/{{ nomination.document.symbol }}
Số: {{ nomination.council.meeting.number | doc_number }}/{{ nomination.council.meeting.symbol }}
#set so = "Số: " ~ (document.number | doc_number) ~ "/" ~ document.symbol
{{ so }}
