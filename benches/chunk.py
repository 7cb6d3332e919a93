#!/usr/bin/env python3
"""RegexpParser speed: NLTK 3.10.4 vs `nlkit chunk --grammar` on the same
input, in the same run.

Usage (repo root, after `cargo build --release`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/chunk.py [--nlkit target/release/nlkit] [--repeat 3]
        [--runs 3] [--before OTHER_NLKIT]

Input: the 2,012 conll2000 test sentences (47k tokens) as word/TAG lines,
written REPEAT times. NLTK time is `[cp.parse(s) for s in sents]` in Python
(start-up and reading not counted; best of 2); nlkit time is the whole
`nlkit chunk` process (start-up, reading, writing included; best of 3). The
machine is shared, so the speed-up is the ratio of CPU times (wall times are
printed too). The outputs are checked to be identical (NLTK's `pformat(margin=10**9)`). The
perceptron chunker (`nlkit chunk`, default model) is timed too.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
from chunk_common import GRAMMARS, tagged_test  # noqa: E402

import nltk  # noqa: E402

PICK = ["book_2.3_np_possessive", "book_2.5_chinking", "book_4.1_cascade_loop2", "nltk_demo_split_stages"]


def best_child(cmd, stdin_path, runs):
    """Best (wall, CPU) seconds of the child process, and its output."""
    best = (float("inf"), float("inf"))
    out = None
    for _ in range(runs):
        with open(stdin_path, "rb") as f:
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            r = subprocess.run(cmd, stdin=f, capture_output=True, check=True)
            wall = time.perf_counter() - t0
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
            best = (min(best[0], wall), min(best[1], cpu))
            out = r.stdout.decode("utf-8")
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3, help="nlkit runs per grammar (best is kept)")
    ap.add_argument("--before", help="another nlkit binary to time alongside (same input, same run)")
    a = ap.parse_args()
    sents = tagged_test() * a.repeat
    tmp = tempfile.mkdtemp()
    inp = os.path.join(tmp, "in.txt")
    with open(inp, "w", encoding="utf-8") as f:
        for s in sents:
            f.write(" ".join(f"{w}/{t}" for w, t in s) + "\n")
    ntok = sum(len(s) for s in sents)
    print(f"{len(sents)} sentences, {ntok} tokens; nlkit = {a.nlkit}")
    extra = f" {'before CPU':>10} {'ratio':>7} same" if a.before else ""
    print(f"{'grammar':28} {'NLTK wall':>9} {'NLTK CPU':>9} {'nlkit wall':>10} {'nlkit CPU':>9} {'CPU ratio':>9} same{extra}")
    for name, grammar, loop, _ in GRAMMARS:
        if name not in PICK:
            continue
        cp = nltk.RegexpParser(grammar, loop=loop)
        tn, cn = float("inf"), float("inf")
        for _ in range(2):
            t0, c0 = time.perf_counter(), time.process_time()
            trees = [cp.parse(s) for s in sents]
            tn, cn = min(tn, time.perf_counter() - t0), min(cn, time.process_time() - c0)
        want = "".join(t.pformat(margin=10**9) + "\n" for t in trees)
        g = os.path.join(tmp, name)
        with open(g, "w") as f:
            f.write(grammar)
        args = ["chunk", "--grammar", g, "--loop", str(loop)]
        (tk, ck), got = best_child([a.nlkit] + args, inp, a.runs)
        extra = ""
        if a.before:
            (_, cb), got_b = best_child([a.before] + args, inp, a.runs)
            extra = f" {cb:10.3f} {cn / max(cb, 1e-3):6.1f}x {'yes' if got_b == want else 'NO'}"
        print(f"{name:28} {tn:9.3f} {cn:9.3f} {tk:10.3f} {ck:9.3f} {cn / max(ck, 1e-3):8.1f}x {'yes' if got == want else 'NO'}{extra}")
    (tk, ck), _ = best_child([a.nlkit, "chunk"], inp, 3)
    print(f"{'perceptron (nlkit default)':28} {'-':>9} {'-':>9} {tk:10.3f} {ck:9.3f} {ntok / ck / 1000:.0f}k tokens/s (CPU)")


if __name__ == "__main__":
    main()
