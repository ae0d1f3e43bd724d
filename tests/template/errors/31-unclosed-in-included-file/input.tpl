#include "a.tpl"
#end
