#style cell size=12
#table widths=40,40 role=t
#row bold
#cell center
Hàng đậm, ô căn giữa, cỡ 12 theo #style
#cell
{regular right size=13} Đoạn tự ghi: thường, căn phải, cỡ 13
#row
#cell italic
{upright} Ô nghiêng, đoạn đứng
#cell
{indent=5 noindent} Thụt đầu dòng rồi bỏ: không thụt
#end
{noindent} Ngoài bảng
{indent=7} Thụt 7
