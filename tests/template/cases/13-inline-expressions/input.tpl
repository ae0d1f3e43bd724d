{{ a.b[0].c | filter(a, b) }}
{{ x | fill(name=y, n=1) | md }}
{{ "lit" }} {{ 'đơn' }} {{ "a\"b" }} {{ 1.5 }} {{ 42 }} {{ true }} {{ null | default('z') }}
{{ -x }} {{ not a and b or c }} {{ a == b }} {{ a != b }} {{ a <= b }} {{ a > b }}
{{ (a + b) * c / d - e }} {{ a + b * c }} {{ x ~ "y" ~ z }}
{{ [1, "a"] | join(", ") }} {{ m["khóa"] }} {{ xs[-1] }}
Trước{{x}}sau
