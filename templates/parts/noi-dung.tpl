#-- Nội dung thi đua (campaign.areas): mỗi nội dung là một mục con có các đoạn văn; các chỉ tiêu
#-- của nội dung in nối vào đoạn cuối: kiểu "sentence" thành câu in nghiêng "*Mục tiêu: …; ….*",
#-- kiểu "parentheses" trong ngoặc "(…; …)." — một nguồn chỉ tiêu cho cả Kế hoạch và bảng Excel.
#macro noi_dung(b: block, cap: integer)
#if b.text
{{ b.text | md }}
#elif campaign.areas_intro
{{ campaign.areas_intro | md }}
#end
#for a in campaign.areas
#if b.runin and b.bold == false
=(cap) {runin regular} {{ a.title | md }}
#elif b.runin
=(cap) {runin} {{ a.title | md }}
#elif b.bold == false
=(cap) {regular} {{ a.title | md }}
#else
=(cap) {{ a.title | md }}
#end
#set cac_chi_tieu = ""
#if a.indicators
#set cac_chi_tieu = a.indicators | map("indicator") | join("; ")
#end
#for p in a.paragraphs
#if loop.last and a.indicators and a.indicator_style == "parentheses"
{{ p | md }} ({{ a.indicator_lead | default("") }}{{ cac_chi_tieu }}){{ a.indicator_tail | default(".") }}
#elif loop.last and a.indicators
{{ p | md }} *{{ a.indicator_lead | default("Chỉ tiêu:") }} {{ cac_chi_tieu }}{{ a.indicator_tail | default(".") }}*
#else
{{ p | md }}
#end
#end
#if a.indicators and not a.paragraphs
*{{ a.indicator_lead | default("Chỉ tiêu:") }} {{ cac_chi_tieu }}{{ a.indicator_tail | default(".") }}*
#end
#end
#end

#-- Chỉ tiêu chung (campaign.indicators): các đoạn indicator_paragraphs có chỗ thay {mã-chỉ-tiêu};
#-- không có đoạn nào thì in mỗi chỉ tiêu một dòng.
#macro chi_tieu(b: block)
#if b.text
{{ b.text | md }}
#end
#if campaign.indicator_paragraphs
#for p in campaign.indicator_paragraphs
~1 {{ p | fill_indicators(campaign.indicators) | md }}
#end
#else
#for i in campaign.indicators
~1 {{ i | indicator | capitalize }}.
#end
#end
#end
