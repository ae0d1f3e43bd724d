#-- Chú thích chân trang: [^…] trong dữ liệu (qua md) và bộ lọc footnote trong mẫu; số đánh
#-- liền trong văn bản, theo thứ tự đọc, cả trong ô bảng; **đậm** quanh số không làm số đậm.
{{ campaign.name | md }}
**{{ campaign.awards_note | md }}**
Mẫu tự viết{{ "Chú thích *của mẫu*." | footnote }} và {{ campaign.scope | md }}
#table widths=50,50
#row
#cell
Ô{{ campaign.scope | footnote }}
#cell
{{ campaign.scope | md }}
#end
#endmark
