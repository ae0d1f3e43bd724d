Trước
#include "chung/khong-co.tpl"
#include "chung/co.tpl"
#include khong-nhay.tpl
#include "chua-dong
#include "chung/co.tpl" thừa
