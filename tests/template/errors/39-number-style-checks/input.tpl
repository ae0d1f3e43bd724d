#-- Kiểu số và cấp viết sẵn trong mẫu được kiểm trước khi điền dữ liệu.
=(2, "i)") đề mục
~(1, "a") dòng
~(7, "-") dòng
~(campaign.phases) dòng
~("x", "-") dòng
