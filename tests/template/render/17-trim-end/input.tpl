#-- trim_end: one stop where a tail is joined (issue 13: "thiết yếu. (phấn đấu 90%…).").
{{ ("thiết yếu." | trim_end) ~ " (phấn đấu 90%)." }}
{{ ("a;  " | trim_end) ~ "|" }}
{{ ("v.v., ;." | trim_end) ~ "|" }}
{{ ("a;" | trim_end(".")) ~ "|" }}
{{ ("kết thúc…" | trim_end("…")) ~ "|" }}
{{ ("" | trim_end) ~ "|" }}
#for i in campaign.areas[0].indicators
{{ (i | indicator | trim_end) ~ ";" }}
#end
