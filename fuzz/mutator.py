#!/usr/bin/python3
"""Structure-aware fuzzing of the whole program (scripts/fuzz runs it).

Each case takes a sample campaign or the project's templates, changes them the way a
clerk, a careless tool or an attacker might — a key removed, a value of the wrong type,
a huge number, a control character, a date that does not exist, a list repeated a
thousand times, a template line moved, a directive inserted, an #include of itself — and
runs `thidua check` and, for some cases, `thidua render` into a fresh folder. A case is
a finding when the program crashes (a signal), a sanitizer reports (ASan, UBSan, LSan),
it hangs, it exits with a code other than 0 or 1, or a render that failed left its
output folder behind. Findings are saved to fuzz/findings/ with what reproduces them.

    fuzz/mutator.py --thidua build-asan/thidua --seconds 600 --jobs 2 --seed 1
"""
import argparse
import concurrent.futures
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

STRINGS = [
    "", " ", "\n", "\t", "\u0000", "\u001b[31m", "\r\n", "\u0085", "\u202e", "\ufeff",
    "{", "}", "{{", "}}", "{start}", "{end}", "{name}", "{theme}", "{phase_count}",
    "**", "*", "\\", "\"", "#include", "a" * 300, "Ư" * 5000, "😀🇻🇳", "\U0001F600" * 50,
    "Hội đồng", unicodedata.normalize("NFD", "Hội đồng Thi đua"), "\u0301\u0301\u0301",
    "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "2024", "2024-02", "24:00",
    "29:00", "-1", "1e308", "NaN", "../../etc/passwd", "/dev/zero", "CON", "a/b", "[]:*?",
    "x" * 70000,
]
NUMBERS = [0, -1, 1, 2, 3, 99, 1000, 2**31, 2**53 + 1, 2**63 - 1, -(2**63), 2**64, 1e308,
           -1e308, 0.5, 1e-300, 3.14159]


def other_value(rng):
    kind = rng.randrange(8)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice(NUMBERS)
    if kind == 3:
        return rng.choice(STRINGS)
    if kind == 4:
        return []
    if kind == 5:
        return {}
    if kind == 6:
        return [rng.choice(STRINGS)] * rng.choice([1, 2, 300])
    return {rng.choice(["name", "id", "x", "start", "end", "date"]): rng.choice(STRINGS)}


def paths(value, here=()):
    """Every (path, value) inside a JSON value."""
    yield here, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, here + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, here + (i,))


def get(root, path):
    for p in path:
        root = root[p]
    return root


def mutate_json(doc, rng):
    all_paths = [p for p, _ in paths(doc) if p]
    if not all_paths:
        return doc
    path = rng.choice(all_paths)
    parent = get(doc, path[:-1])
    key = path[-1]
    value = parent[key]
    op = rng.randrange(10)
    if op == 0 and isinstance(parent, dict):
        del parent[key]
    elif op == 1:
        parent[key] = other_value(rng)
    elif op == 2 and isinstance(value, str):
        cut = rng.randrange(len(value) + 1)
        parent[key] = value[:cut] + rng.choice(STRINGS) + value[cut:]
    elif op == 3 and isinstance(value, list) and value:
        parent[key] = value + [copy.deepcopy(rng.choice(value)) for _ in range(rng.choice([1, 2, 50, 400]))]
    elif op == 4 and isinstance(value, list):
        parent[key] = []
    elif op == 5 and isinstance(value, (int, float)) and not isinstance(value, bool):
        parent[key] = rng.choice(NUMBERS)
    elif op == 6:
        nested = rng.choice(STRINGS)
        for _ in range(rng.choice([10, 63, 64, 65, 200])):
            nested = [nested]
        parent[key] = nested
    elif op == 7 and isinstance(parent, dict):
        parent[rng.choice(["x", "campaing", "unit", "nominee", "$ref", "名"])] = other_value(rng)
    elif op == 8 and isinstance(value, dict) and value:
        k2 = rng.choice(list(value))
        value[k2] = copy.deepcopy(get(doc, rng.choice(all_paths)))
    elif op == 9 and isinstance(value, str) and len(value) > 1:
        parent[key] = value[::-1]
    return doc


def mutate_text(text, rng):
    op = rng.randrange(8)
    data = text.encode("utf-8")
    if op == 0 and data:
        return data[: rng.randrange(len(data))]
    if op == 1 and data:
        i = rng.randrange(len(data))
        return data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    if op == 2:
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    if op == 3:
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if op == 4 and data:
        i = rng.randrange(len(data))
        return data[:i] + rng.choice([b"\x00", b"\x1b[2J", b"\xff\xfe", b"\xc0\x80", b"\xed\xa0\x80", b"}", b"]", b","]) + data[i:]
    if op == 5:
        return data + data
    return data


DIRECTIVES = [
    "#if {e}", "#elif {e}", "#else", "#end", "#for x in {e}", "#for u in units", "#set v = {e}",
    "#include \"chung/kieu-nd30.tpl\"", "#include \"{f}\"", "#include \"../x.tpl\"", "#include \"\"",
    "#macro m(a: text)", "#call m({e})", "#call cac_dot(plan)", "#table widths=auto", "#row", "#cell",
    "#space {e}", "#page", "#section", "= {e}", "== Mục", "- {{{{ {e} }}}}", "{{{{ {e} }}}}",
    "**đậm {{{{ {e} }}}}**", "~a điểm", "#--", "#unknown", "{{{{", "}}}}",
]
EXPRESSIONS = [
    "document.title", "units", "units | length", "campaign.phases", "1 + 2 * 3", "1 / 0",
    "9223372036854775807 + 1", "\"a\" ~ \"b\"", "units[0].name | upper", "x", "unit.name",
    "nominee.name", "campaign.start | date_long", "[1,2,3] | join(\", \")", "3999 | roman",
    "1001 | letter", "(((((1)))))", "not true and false", "campaign.awards[99]", "\"x\" * 3",
    "document.date | year", "plan.sections | length > 0", "units | map(\"name\") | join(\"\\n\")",
]


def mutate_template(text, rng, files):
    lines = text.split("\n")
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines) + 1)
        if op == 0 and lines:
            del lines[min(i, len(lines) - 1)]
        elif op == 1 and lines:
            j = min(i, len(lines) - 1)
            lines[j:j] = [lines[j]] * rng.choice([1, 2, 100])
        elif op == 2:
            d = rng.choice(DIRECTIVES).format(e=rng.choice(EXPRESSIONS), f=rng.choice(files))
            lines.insert(i, d)
        elif op == 3 and len(lines) > 1:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
        elif op == 4 and lines:
            j = min(i, len(lines) - 1)
            cut = rng.randrange(len(lines[j]) + 1)
            lines[j] = lines[j][:cut] + rng.choice(STRINGS[:30] + ["{{ " + rng.choice(EXPRESSIONS) + " }}"]) + lines[j][cut:]
        else:
            lines.insert(i, rng.choice(STRINGS))
    out = "\n".join(lines)
    if rng.randrange(6) == 0:
        return mutate_text(out, rng)
    return out.encode("utf-8")


def run(cmd, timeout, env):
    start = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
        return p.returncode, p.stderr.decode("utf-8", "replace"), time.time() - start
    except subprocess.TimeoutExpired:
        return "hang", "", time.time() - start


def judge(code, err, render_dir, failed_render_must_not_exist):
    if code == "hang":
        return "treo"
    if "Sanitizer" in err or "runtime error:" in err:
        return "sanitizer"
    if isinstance(code, int) and code < 0:
        return "tín hiệu %d" % -code
    if code not in (0, 1):
        return "mã thoát %d" % code
    if failed_render_must_not_exist and code == 1 and os.path.exists(render_dir):
        return "render lỗi mà vẫn để lại thư mục kết quả"
    if render_dir is not None:
        parent, base = os.path.split(render_dir)
        left = [n for n in os.listdir(parent) if n.startswith("." + base + ".thidua-")]
        if left:
            return "render để lại " + ", ".join(sorted(left))
    return None


def one_case(args, seed):
    rng = random.Random(seed)
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:verify_asan_link_order=0")
    env.setdefault("LSAN_OPTIONS", "suppressions=" + os.path.join(ROOT, "tests/sanitizer/lsan.supp"))
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    work = tempfile.mkdtemp(prefix="thidua-mut-")
    try:
        samples = sorted(f for f in os.listdir(os.path.join(ROOT, "samples")) if f.endswith(".json"))
        sample = os.path.join(ROOT, "samples", rng.choice(samples))
        templates = None
        campaign = sample
        what = ""
        if rng.randrange(3) == 0:
            # A template mutated, the campaign as is.
            templates = os.path.join(work, "mau")
            shutil.copytree(os.path.join(ROOT, "templates"), templates)
            files = []
            for dirpath, _, names in os.walk(templates):
                files += [os.path.relpath(os.path.join(dirpath, n), templates) for n in names if n.endswith(".tpl")]
            target = rng.choice(files)
            path = os.path.join(templates, target)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "wb") as f:
                f.write(mutate_template(text, rng, files))
            what = "mẫu " + target
        else:
            with open(sample, encoding="utf-8") as f:
                doc = json.load(f)
            for _ in range(rng.randrange(1, 5)):
                doc = mutate_json(doc, rng)
            text = json.dumps(doc, ensure_ascii=rng.randrange(2) == 0, indent=rng.choice([None, 2]))
            data = mutate_text(text, rng) if rng.randrange(5) == 0 else text.encode("utf-8")
            campaign = os.path.join(work, "c.json")
            with open(campaign, "wb") as f:
                f.write(data)
            what = "chiến dịch từ " + os.path.basename(sample)
        extra = ["--templates", templates] if templates else []
        results = []
        code, err, secs = run([args.thidua, "check", campaign] + extra, args.timeout, env)
        results.append(("check", code, err, judge(code, err, None, False)))
        if rng.randrange(3) == 0:
            out = os.path.join(work, "ket-qua")
            code, err, secs = run([args.thidua, "render", campaign, "-o", out] + extra, args.timeout, env)
            results.append(("render", code, err, judge(code, err, out, True)))
        findings = [(cmd, code, err, verdict) for cmd, code, err, verdict in results if verdict]
        if findings:
            dest = os.path.join(args.findings, "%d" % seed)
            os.makedirs(dest, exist_ok=True)
            if templates:
                shutil.copytree(templates, os.path.join(dest, "mau"), dirs_exist_ok=True)
            else:
                shutil.copy(campaign, os.path.join(dest, "c.json"))
            with open(os.path.join(dest, "stderr.txt"), "w", encoding="utf-8") as f:
                for cmd, code, err, verdict in findings:
                    f.write("== %s: %s (%s)\n%s\n" % (cmd, verdict, code, err[-20000:]))
        return seed, what, [(cmd, verdict) for cmd, _, _, verdict in findings]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--thidua", default=os.path.join(ROOT, "build", "thidua"))
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--cases", type=int, default=0, help="stop after this many cases (0: by time)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--findings", default=os.path.join(ROOT, "fuzz", "findings"))
    args = ap.parse_args()
    args.thidua = os.path.abspath(args.thidua)
    started = time.time()
    deadline = started + args.seconds
    seed = args.seed * 1_000_000
    done = found = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        running = set()
        while True:
            while len(running) < args.jobs and time.time() < deadline and (args.cases == 0 or done + len(running) < args.cases):
                running.add(pool.submit(one_case, args, seed))
                seed += 1
            if not running:
                break
            finished, running = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in finished:
                s, what, findings = fut.result()
                done += 1
                for cmd, verdict in findings:
                    found += 1
                    print("PHÁT HIỆN: ca %d (%s), %s: %s" % (s, what, cmd, verdict), flush=True)
    print("mutator: %d ca trong %.0f s, %d phát hiện (%s)" % (done, time.time() - started, found, args.findings))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
