Đoạn {{ issuer.name }}
#include "parts/sai.tpl"
{{ campain.name }}
