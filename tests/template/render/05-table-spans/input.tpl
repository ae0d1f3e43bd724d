#style cell left size=13 noindent before=0 spacing=1
#table widths=10,40,30,20 role=bang keep before=3 padding=1
#row header
#cell rowspan=2 valign=middle
{center bold} TT
#cell colspan=2 valign=bottom
{center bold} Thời gian
#cell rowspan=2
{center} Ghi chú
#row header
#cell
Từ ngày
#cell
Đến ngày
#for p in campaign.phases
| {{ loop.index }} | {{ p.start | date_short }} | {{ p.end | date_short }} | {{ p.name }} |
#end
#row
#cell colspan=3 right
{bold} Tổng số đợt
#cell
{{ campaign.phases | length | pad2 }}
#row
#cell rowspan=2
Gộp dọc
#cell colspan=3
Một
#row
#cell
Hai
#cell colspan=2
Ba
#end
#table widths=60,95 borders=none
#row header
| Nơi nhận | Ký |
| - Như trên | **CHỦ TỊCH** |
#end
