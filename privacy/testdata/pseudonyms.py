#!/usr/bin/python3
"""Golden pseudonyms for privacy/pseudonym_test.go, computed with Python's
hmac and base64 modules (an implementation independent of Go's):

    /usr/bin/python3 privacy/testdata/pseudonyms.py > privacy/testdata/pseudonyms.json
"""
import base64, hashlib, hmac, json

keys = ["0123456789abcdef0123456789abcdef", "segmenta test key: Grüße aus Köln 2026!"]
ids = ["A0001", "acct-42", "", "maria.schmidt@example.com", "Ü-Kunde 7", "x" * 300]
cases = []
for k in keys:
    for i in ids:
        d = hmac.new(k.encode(), i.encode(), hashlib.sha256).digest()
        cases.append({"key": k, "id": i, "hex": d.hex(),
                      "base32": base64.b32encode(d).decode().rstrip("=").lower()})
print(json.dumps({"python_hmac": True, "cases": cases}, indent=1, ensure_ascii=False))
