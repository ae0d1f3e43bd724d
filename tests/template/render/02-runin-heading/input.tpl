#style heading2 bold indent=12 before=9
= Nội dung
== {runin} Đối tượng:
Cán bộ, công chức trong toàn huyện.
== {runin regular} Thời gian:
#if campaign.theme
#end
Từ ngày {{ campaign.start | date_short }} đến hết năm.
== {runin} Chủ đề:
- Một mục liền sau
== {runin} Không có đoạn sau
== Đề mục thường
== {runin} Cuối văn bản
