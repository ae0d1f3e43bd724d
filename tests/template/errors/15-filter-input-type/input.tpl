{{ campaign.purposes | upper }}
{{ campaign.phases | roman }}
{{ campaign.name | number }}
{{ legal_bases[0] | cite }}
{{ issuer | cite }}
{{ campaign.indicators[0] | cite }}
{{ campaign.name | target }}
{{ campaign.start | upper }}
