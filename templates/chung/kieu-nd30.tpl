#-- Kiểu chữ theo Nghị định 30/2020/NĐ-CP, Phụ lục I (cỡ chữ 14, thụt đầu dòng 1 cm,
#-- cách đoạn 6 pt, giãn dòng 1,15). Sửa ở đây để đổi kiểu của mọi văn bản.
#style body justify size=14 indent=10 before=6 spacing=1.15
#style item justify size=14 indent=10 before=6 spacing=1.15
#style heading1 bold justify size=14 indent=10 before=6 spacing=1.15 number=roman
#style heading2 bold justify size=14 indent=10 before=6 spacing=1.15 number=arabic
#style heading3 bold justify size=14 indent=10 before=6 spacing=1.15 number=parent
#style heading4 bold justify size=14 indent=10 before=6 spacing=1.15 number=letter
#style heading5 justify size=14 indent=10 before=6 spacing=1.15 number=dash
#style heading6 justify size=14 indent=10 before=6 spacing=1.15 number=plus
#style cell left size=13 noindent before=0 spacing=1
