Bắt đầu {{ campaign.start }}
Văn bản {{ document.date }}
#for d in campaign.phases
Đợt {{ d.end }}
#end
Đúng {{ campaign.start | date_short }}
