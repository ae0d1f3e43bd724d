#style body justify size=14 indent=10 before=6 spacing=1.15
#style heading1 bold number=roman
#section landscape nonumbers margins=20,20,30,20 numbersize=13
#section
#section portrait
Đoạn
#space 12
#space x * 2
#pagebreak
#numbering restart
Cuối
#endmark
