Tệp được bao gồm
