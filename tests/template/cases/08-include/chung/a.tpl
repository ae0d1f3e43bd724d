#-- a includes b: each inclusion is pasted where it stands
Trong a
#include "chung/b.tpl"
