#-- Nội dung thi đua (campaign.areas): mỗi nội dung là một mục con (kiểu số "item_number" của
#-- khối, mặc định theo cấp) có các đoạn văn (dòng "subitem_number" khi khối ghi) và các chỉ
#-- tiêu của nội dung — một nguồn chỉ tiêu cho cả Kế hoạch và bảng Excel. Cách in chỉ tiêu
#-- (indicator_style của nội dung, không có thì của khối):
#--   sentence    nối vào đoạn cuối, in nghiêng: "*Chỉ tiêu: …; ….*" (mặc định)
#--   parentheses nối vào đoạn cuối, trong ngoặc: "(…; …)."
#--   line        một dòng riêng, chữ đứng: "- Chỉ tiêu cụ thể: …; …."
#--   lines       mỗi chỉ tiêu một dòng riêng, chữ đứng, sau dòng lời dẫn (nếu có)
#-- Lời dẫn (indicator_lead), dấu nối (indicator_separator, mặc định "; ") và phần cuối
#-- (indicator_tail, mặc định ".") lấy từ nội dung, không có thì từ khối; ghi "" để chỉ tiêu
#-- giữ dấu câu của chính nó.
#macro noi_dung(b: block, cap: integer)
#if b.text
{{ b.text | md }}
#elif campaign.areas_intro
{{ campaign.areas_intro | md }}
#end
#for a in campaign.areas
#if b.runin and b.bold == false
=(cap, b.item_number) {runin regular} {{ a.title | md }}
#elif b.runin
=(cap, b.item_number) {runin} {{ a.title | md }}
#elif b.bold == false
=(cap, b.item_number) {regular} {{ a.title | md }}
#else
=(cap, b.item_number) {{ a.title | md }}
#end
#set kieu = a.indicator_style | default(b.indicator_style) | default("sentence")
#set dan = "Chỉ tiêu:"
#if kieu == "parentheses"
#set dan = ""
#end
#if b.indicator_lead != null
#set dan = b.indicator_lead
#end
#if a.indicator_lead != null
#set dan = a.indicator_lead
#end
#set noi = "; "
#if b.indicator_separator != null
#set noi = b.indicator_separator
#end
#if a.indicator_separator != null
#set noi = a.indicator_separator
#end
#set cuoi = "."
#if b.indicator_tail != null
#set cuoi = b.indicator_tail
#end
#if a.indicator_tail != null
#set cuoi = a.indicator_tail
#end
#-- Một dấu câu ở mỗi chỗ nối: chỉ tiêu tự kết thúc bằng "." hay ";" mà sau nó còn dấu nối
#-- hay phần cuối thì bỏ dấu của nó ("…90%.; …" → "…90%; …").
#set cac_chi_tieu = ""
#for i in a.indicators
#set mot = i | indicator
#if (loop.last and cuoi) or (not loop.last and (noi | trim))
#set mot = mot | trim_end
#end
#if loop.first
#set cac_chi_tieu = mot
#else
#set cac_chi_tieu = cac_chi_tieu ~ noi ~ mot
#end
#end
#set noi_vao = a.indicators and (kieu == "sentence" or kieu == "parentheses")
#set cau = cac_chi_tieu ~ cuoi
#if dan and kieu != "parentheses"
#set cau = dan ~ " " ~ cau
#end
#for p in a.paragraphs
#if loop.last and noi_vao and kieu == "parentheses"
#call dong_noi_dung(b, (p | trim_end) ~ " (" ~ dan ~ cac_chi_tieu ~ ")" ~ cuoi, false)
#elif loop.last and noi_vao
#call dong_noi_dung(b, p ~ " *" ~ cau ~ "*", false)
#else
#call dong_noi_dung(b, p, false)
#end
#end
#if noi_vao and not a.paragraphs and kieu == "parentheses"
#call dong_noi_dung(b, "(" ~ dan ~ cac_chi_tieu ~ ")" ~ cuoi, false)
#elif noi_vao and not a.paragraphs
#call dong_noi_dung(b, "*" ~ cau ~ "*", false)
#elif a.indicators and kieu == "line"
#call dong_noi_dung(b, cau, true)
#elif a.indicators and kieu == "lines"
#if dan
#call dong_noi_dung(b, dan, true)
#end
#for i in a.indicators
#if loop.last and cuoi
#call dong_noi_dung(b, (i | indicator | trim_end) ~ cuoi, true)
#elif loop.last
#call dong_noi_dung(b, i | indicator, true)
#elif noi | trim
#call dong_noi_dung(b, (i | indicator | trim_end) ~ (noi | trim), true)
#else
#call dong_noi_dung(b, i | indicator, true)
#end
#end
#end
#end
#end

#-- Một đoạn của nội dung thi đua: dòng "subitem_number" khi khối ghi; dòng chỉ tiêu riêng
#-- ("line", "lines") là dòng "-" khi khối không ghi.
#macro dong_noi_dung(b: block, chu: string, chi_tieu: boolean)
#if b.subitem_number
~(1, b.subitem_number) {{ chu | md }}
#elif chi_tieu
~(1, "dash") {{ chu | md }}
#else
{{ chu | md }}
#end
#end

#-- Chỉ tiêu chung (campaign.indicators): các đoạn indicator_paragraphs có chỗ thay {mã-chỉ-tiêu};
#-- không có đoạn nào thì in mỗi chỉ tiêu một dòng; kiểu số "item_number" (mặc định "1.").
#macro chi_tieu(b: block)
#if b.text
{{ b.text | md }}
#end
#set kieu = b.item_number | default("arabic")
#if campaign.indicator_paragraphs
#for p in campaign.indicator_paragraphs
~(1, kieu) {{ p | fill_indicators(campaign.indicators) | md }}
#end
#else
#for i in campaign.indicators
~(1, kieu) {{ i | indicator | capitalize }}.
#end
#end
#end
