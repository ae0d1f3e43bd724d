~a một
~a hai
~1 một
~1 hai
- gạch không đếm
+ cộng không đếm
~a ba
= Đề mục
~a đánh lại a
~1 đánh lại 1
~1 hai
Đoạn thường không đánh lại: khoản sau là 3.
~1 ba
#numbering items
~1 lại 1
#for y in campaign.purposes
~a {{ y }}
#end
