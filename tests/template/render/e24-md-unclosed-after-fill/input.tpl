#-- Chữ đã qua fill: lỗi ở giá trị trong tệp chiến dịch (chữ mẫu đã đổi, không còn đúng cột).
{{ campaign.dossier.deadline_text | fill(deadline=campaign.start | date_short) | md }}
