#-- Căn cứ, thực hiện và lời dẫn. Mỗi nhóm căn cứ là một đoạn; lời dẫn in liền đoạn
#-- cuối khi preamble_inline là true.
#for g in legal_bases
#set cac_can_cu = g.items | map("cite") | join(g.separator | default("; "))
#if loop.last and preamble_inline and preamble
{{ g.lead | default("Căn cứ") }} {{ cac_can_cu | md }}{{ g.end | default(";") }} {{ preamble | md }}
#else
{{ g.lead | default("Căn cứ") }} {{ cac_can_cu | md }}{{ g.end | default(";") }}
#end
#end
#if preamble and not (preamble_inline and legal_bases)
{{ preamble | md }}
#end
