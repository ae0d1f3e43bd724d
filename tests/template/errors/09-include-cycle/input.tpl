#include "a.tpl"
