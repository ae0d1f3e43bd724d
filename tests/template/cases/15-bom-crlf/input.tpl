= Tiêu đề
#if a
Dòng CRLF
#end
Cuối không xuống dòng