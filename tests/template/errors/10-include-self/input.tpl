Đoạn
#include "input.tpl"
