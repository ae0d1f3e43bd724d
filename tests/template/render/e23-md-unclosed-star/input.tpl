#-- Một dấu * không đóng trong dữ liệu: phần sau nó sẽ in nghiêng và dấu * mất. Lỗi ở đúng dấu.
{{ campaign.name | md }}
{{ campaign.awards_note | md }}
