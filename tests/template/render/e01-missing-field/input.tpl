= Cơ quan
{{ issuer.name }}
Tên đầy đủ: {{ issuer.full_name }}
