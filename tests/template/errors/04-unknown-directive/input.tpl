#foreach d in campaign.phases
#If campaign.theme
#
# không có tên
