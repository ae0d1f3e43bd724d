#set tong = 0
#set tong = tong + x.value * 2
#set chuoi = "a" ~ b ~ 'c'
#set   ds = ["Như trên", "Lưu: VT"]
#set am = -1
{{ tong }}
