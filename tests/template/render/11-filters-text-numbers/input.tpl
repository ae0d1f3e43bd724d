pad2: {{ 3 | pad2 }} {{ 12 | pad2 }} {{ 0 | pad2 }} {{ campaign.dossier.copies[0].copies | pad2 }}
number: {{ 2340000 | number }} {{ 1.5 | number }} {{ 0.25 | number }} {{ 1234.5 | number }} {{ campaign.indicators[0].target | number }}
roman: {{ 1 | roman }} {{ 4 | roman }} {{ 9 | roman }} {{ 14 | roman }} {{ 2024 | roman }}
letter: {{ 1 | letter }} {{ 4 | letter }} {{ 5 | letter }} {{ 6 | letter }} {{ 10 | letter }}
upper: {{ campaign.name | upper }} | {{ "ơn ưu đãi đặc biệt" | upper }}
lower: {{ "BAN CHỈ ĐẠO" | lower }} | capitalize: {{ "đồng chí" | capitalize }} | lower_first: {{ "Phát động phong trào" | lower_first }}
trim: [{{ "  hai đầu  " | trim }}] oneline: [{{ "dòng một\ndòng hai" | oneline }}]
length: {{ campaign.purposes | length }} {{ "Việt" | length }}
default: {{ campaign.theme | default("không có chủ đề") }} {{ campaign.scope | default("x") }} {{ "" | default("rỗng") }}
join: {{ campaign.purposes | join("; ") }} | {{ ["Như trên", "Lưu: VT"] | join(", ") }}
first/last: {{ campaign.purposes | first }} / {{ campaign.purposes | last }}
replace: {{ "7:30" | replace(":", " giờ ") }}
percent: {{ 7 | percent(9) }} {{ 1 | percent(3) }} {{ 9 | percent(9) }}
md: {{ "có **đậm** và *nghiêng* và ***cả hai*** và \\*sao\\*" | md }}
**đậm quanh {{ "*nghiêng*" | md }} dữ liệu**
