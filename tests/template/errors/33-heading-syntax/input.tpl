=(2 Thiếu ngoặc
======= Bảy cấp
=() Trống
=(1 +) Thiếu vế
