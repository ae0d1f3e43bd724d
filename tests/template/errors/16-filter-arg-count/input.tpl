{{ campaign.purposes | join }}
{{ campaign.name | upper(1) }}
{{ campaign.name | replace("a") }}
{{ campaign.name | default }}
{{ campaign.name | fill }}
{{ campaign.name | fill("x") }}
{{ campaign.name | upper(a="b") }}
