#if campaign.theme
Chủ đề
