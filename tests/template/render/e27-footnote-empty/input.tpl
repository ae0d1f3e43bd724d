#-- Chú thích rỗng: lỗi ở dấu "[^".
{{ campaign.name | md }}
{{ campaign.awards_note | md }}
