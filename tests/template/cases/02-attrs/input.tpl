{center bold size=13} Đoạn căn giữa
{left italic indent=0 before=6 after=3 spacing=1 keep} Đoạn trái
{noindent leftindent=5 rule=short role=title right justify upright} Nhiều thuộc tính
{{ x }} không phải thuộc tính
Dấu { ngoặc } giữa dòng
{}   Thuộc tính rỗng
