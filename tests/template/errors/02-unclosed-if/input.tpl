#if campaign.theme
Chủ đề: {{ campaign.theme }}
#elif campaign.name
Tên: {{ campaign.name }}
