#-- Kiểu số lấy từ dữ liệu mà không có: lỗi ở giá trị trong tệp chiến dịch.
#for b in plan.sections
~(1, b.number) dòng
#end
