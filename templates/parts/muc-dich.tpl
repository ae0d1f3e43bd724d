#-- Mục đích, yêu cầu, phạm vi, đối tượng.
#macro muc_dich(b: block)
#if b.text
{{ b.text | md }}
#end
#for y in campaign.purposes
~1 {{ y | md }}
#end
#end

#macro yeu_cau(b: block)
#if b.text
{{ b.text | md }}
#end
#for y in campaign.requirements
~1 {{ y | md }}
#end
#end

#macro pham_vi(b: block)
{{ campaign.scope | md }}
#end

#macro doi_tuong(b: block)
#if campaign.subjects.text
{{ campaign.subjects.text | md }}
#end
#if campaign.subjects.collectives
- Tập thể: {{ campaign.subjects.collectives | md }}
#end
#if campaign.subjects.individuals
- Cá nhân: {{ campaign.subjects.individuals | md }}
#end
#end
