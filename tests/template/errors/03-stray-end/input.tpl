Đoạn
#end
#else
#elif a
#for d in campaign.phases
#end
#end
