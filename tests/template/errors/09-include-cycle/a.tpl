Trong a
#include "b.tpl"
