#-- Chú thích không đóng: lỗi ở dấu "[^" mở nó.
{{ campaign.name | md }}
{{ campaign.awards_note | md }}
