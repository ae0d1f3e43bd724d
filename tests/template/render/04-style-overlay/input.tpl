Trước mọi kiểu
#style body size=13 left before=0
#style body italic
Theo kiểu body
{center upright size=12} Thuộc tính riêng thắng kiểu
#style item bold
- Mục đậm theo kiểu
- {regular} Mục thường
{role=title center} Vai trò title chưa có kiểu
#style title size=16 bold rule=short
{role=title center} Vai trò title có kiểu
{indent=0} Thụt lề 0
#style body noindent after=3 spacing=1 keep
Kiểu không thụt lề
{indent=5} Thụt lề riêng thắng noindent của kiểu
{leftindent=7 right} Lề trái
#style body justify
Căn đều thay cho căn trái
