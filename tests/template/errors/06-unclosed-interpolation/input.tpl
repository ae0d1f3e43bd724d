Ngày {{ document.date | date_long
Đúng {{ issuer.name }} rồi sai {{ issuer.place }
| ô {{ issuer.name |
