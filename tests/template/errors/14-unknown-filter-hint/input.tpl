{{ campaign.name | uper }}
{{ campaign.start | date_lng }}
{{ campaign.name | khongcobolocnay }}
