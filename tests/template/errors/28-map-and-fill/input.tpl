{{ campaign.purposes | map(upper) | join(", ") }}
{{ campaign.purposes | map("uppr") | join(", ") }}
{{ campaign.purposes | map("join") | join(", ") }}
{{ campaign.indicators | map("upper") | join(", ") }}
{{ campaign.indicators | map("map") | join(", ") }}
{{ campaign.name | fill("x") }}
{{ campaign.name | fill(ds=campaign.phases) }}
{{ campaign.name | fill(ngay=campaign.start) }}
{{ campaign.name | fill(ngay=campaign.start | date_short) }}
