Tên: {{ campaign.name }}
Ngày: {{ campaign.name | date_long }}
