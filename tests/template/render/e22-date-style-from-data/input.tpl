#-- Một kiểu ngày lấy từ dữ liệu mà lược đồ không kiểm (ở đây một trường lạ): lỗi ở giá trị.
#set k = campaign["date_style"]
Bắt đầu: {{ campaign.start | date(k) }}
