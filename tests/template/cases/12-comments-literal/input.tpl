#-- một chú thích
   #-- chú thích thụt lề
#--liền
## không phải lệnh
##for x in y
Văn bản #-- không phải chú thích


Sau hai dòng trống
