=(campaign.name) Cấp là chữ
=(1.5) Cấp là số thực
=(campaign.phases) Cấp là danh sách
#macro m(cap: string)
=(cap) Tham số chữ
#end
#for d in campaign.phases
=(loop.index) Cấp là số thứ tự: đúng
=(loop.first) Cấp là đúng/sai
#end
