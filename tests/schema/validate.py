#!/usr/bin/python3
"""The campaign schema is a standard JSON Schema 2020-12 that an independent validator
(Debian's python3-jsonschema) accepts, and every sample and every `thidua new` output is
valid against it. Usage: validate.py SCHEMA THIDUA SAMPLE.json...  Exit 0 when all pass."""
import json
import os
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator

schema_path, thidua, *samples = sys.argv[1:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)  # raises SchemaError with the place
assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"

def unknown_keywords(node, path="#"):
    """Keywords a strict validator (ajv strict) rejects: none but the vocabulary's."""
    known = set(Draft202012Validator.VALIDATORS) | {"$schema", "$id", "$anchor", "$comment", "$defs", "title",
                                                    "description", "default", "examples", "format"}
    bad = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in known:
                bad.append(f"{path}/{k}")
            if k in ("properties", "$defs"):
                for name, sub in v.items():
                    bad += unknown_keywords(sub, f"{path}/{k}/{name}")
            elif k in ("items", "additionalProperties") and isinstance(v, dict):
                bad += unknown_keywords(v, f"{path}/{k}")
    return bad

bad = unknown_keywords(schema)
assert not bad, f"not 2020-12 keywords: {bad}"
text = json.dumps(schema)
assert '"format": "partial-date"' not in text, "custom format: strict validators reject it"

validator = Draft202012Validator(schema)
failures = 0
def check(path, instance):
    global failures
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    for e in errors:
        failures += 1
        print(f"{path}: /{'/'.join(map(str, e.path))}: {e.message}")

for s in samples:
    with open(s, encoding="utf-8") as f:
        check(s, json.load(f))

with tempfile.TemporaryDirectory() as tmp:
    for level in ("tinh", "xa", "phuong", "dac-khu"):
        for extra in ([], ["--don-vi", "5", "--dot", "4"]):
            out = os.path.join(tmp, f"{level}-{len(extra)}.json")
            args = [thidua, "new", "-o", out, "--cap", level, "--nam", "2026"] + extra
            if level == "tinh":
                args += ["--co-quan", "Ủy ban nhân dân tỉnh Quảng Ngãi"]
            r = subprocess.run(args, capture_output=True, text=True)
            if r.returncode != 0:
                failures += 1
                print(f"thidua new --cap {level} {' '.join(extra)}: {r.stderr}")
                continue
            with open(out, encoding="utf-8") as f:
                check(out, json.load(f))

# The date fields each say what they are, not only "Ngày".
def titles_of_refs(node, path="#"):
    missing = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and sub.get("$ref", "").endswith(("/date", "/fullDate")):
                if "title" not in sub or "description" not in sub:
                    missing.append(f"{path}/properties/{name}")
        for k, v in node.items():
            if isinstance(v, dict):
                missing += titles_of_refs(v, f"{path}/{k}")
    return missing

missing = titles_of_refs(schema)
if missing:
    failures += 1
    print("date fields with no title or description of their own:", missing)

# Every property says what it is (the editor shows title and description as hints).
def undescribed(node, path="#"):
    missing = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and ("title" not in sub or "description" not in sub):
                missing.append(f"{path}/properties/{name}")
        for k, v in node.items():
            if isinstance(v, dict):
                missing += undescribed(v, f"{path}/{k}")
    return missing

missing = undescribed(schema)
if missing:
    failures += 1
    print("properties with no title or description:", missing)

print(f"schema 2020-12 ok; {len(samples)} samples and 8 new files checked; {failures} failures")
sys.exit(1 if failures else 0)
