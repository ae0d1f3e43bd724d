#-- hai lỗi ở tệp được bao gồm: dòng 3 và dòng 4
Đúng
{{ issuer.nam }}
  {{ campaign.start }}
