Trong b
#include "a.tpl"
