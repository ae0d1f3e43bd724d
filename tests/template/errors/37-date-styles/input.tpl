#-- Kiểu ngày viết sẵn trong mẫu được kiểm trước khi điền dữ liệu.
{{ campaign.start | date("lnog") }}
{{ campaign.start | date_dm("month") }}
{{ campaign.start | date(5) }}
{{ campaign.start | date(campaign.phases) }}
{{ campaign.start | date }}
