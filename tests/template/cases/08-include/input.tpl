Trước
#include "chung/a.tpl"
Giữa
#include "chung/b.tpl"
Sau
