**đậm** và *nghiêng* và ***cả hai***
**đậm *đậm nghiêng* đậm**
*{{ x }}* và **Số: {{ n }}**
\*không nghiêng\* và a\\b và \{{ không phải biểu thức
{{ a * b }} không phải nghiêng
