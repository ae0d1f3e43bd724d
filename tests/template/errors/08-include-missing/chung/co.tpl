Có
