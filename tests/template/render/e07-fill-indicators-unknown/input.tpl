{{ campaign.indicator_paragraphs[0] | fill_indicators(campaign.indicators) }}
