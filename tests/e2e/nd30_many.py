#!/usr/bin/python3
"""Runs the shared nd30-check over many PDFs in one process and prints, as JSON,
{pdf: {"pages": n, "rules": {rule: "PASS" | "FAIL" | "INFO"}}}.

Usage: nd30_many.py ND30_CHECK KIND PDF [KIND PDF ...]

The tool is loaded as a module (it is a script without a .py name), so its checks run
without a Python start per file; what it measures is unchanged.
"""
import importlib.machinery
import importlib.util
import json
import subprocess
import sys


def main(argv):
    tool = argv[0]
    loader = importlib.machinery.SourceFileLoader("nd30_check", tool)
    spec = importlib.util.spec_from_loader("nd30_check", loader)
    nd30 = importlib.util.module_from_spec(spec)
    loader.exec_module(nd30)
    out = {}
    pairs = argv[1:]
    for kind, pdf in zip(pairs[0::2], pairs[1::2]):
        rules = {name: status for status, name, _ in nd30.check(pdf, kind)}
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = next((int(l.split()[1]) for l in info.splitlines() if l.startswith("Pages:")), 0)
        out[pdf] = {"pages": pages, "rules": rules}
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
