Trong b {{ issuer.name }}
