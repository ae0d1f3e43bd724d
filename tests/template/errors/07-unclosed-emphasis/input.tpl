**đậm không đóng
*nghiêng không đóng
**đậm** rồi *nghiêng
Đúng **đậm** và *nghiêng*
