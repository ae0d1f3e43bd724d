#-- Chú thích lồng trong chú thích: lỗi ở dấu "[^" bên trong.
{{ campaign.name | md }}
{{ campaign.awards_note | md }}
