#-- Dòng "~(…)" viết sai: thừa đối số, thiếu ngoặc; "#numbering" lạ.
~(1, "-", 2) dòng
~(1, "-" dòng
#numbering lại
