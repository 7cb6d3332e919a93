#!/usr/bin/env python3
"""Stemmer speed: NLTK 3.10.4 vs `nlkit stem` on the same words, in the same run.

Usage (repo root, after `cargo build --release --features cli`):
    .venv/bin/python benches/stem.py [--nlkit target/release/nlkit] [--repeat 3]

Input: the English parity vocabulary (en_ewt + NLTK corpora, ~367k distinct forms,
scripts/parity/stem_vocab.py) written REPEAT times, one word per line. NLTK time is
the loop `[stem(w) for w in words]` inside Python (start-up and file reading not
counted). nlkit is timed two ways: "lib" = the same loop in Rust
(`cargo build --release --example stem_bench`; words already in memory, best of 3),
the like-for-like comparison; "CLI" = the whole `nlkit stem` process (start-up,
reading, UTF-8 checks, writing included), best of 3, with 1 and 2 jobs. The speed-up
column is NLTK / lib; the CLI output is checked against NLTK's.
"""

import json

import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
import stem_vocab as V  # noqa: E402

from nltk.stem import LancasterStemmer, PorterStemmer, SnowballStemmer  # noqa: E402

CASES = [
    ("porter", lambda: PorterStemmer().stem),
    ("porter:martin", lambda: PorterStemmer(PorterStemmer.MARTIN_EXTENSIONS).stem),
    ("snowball:english", lambda: SnowballStemmer("english").stem),
    ("lancaster", lambda: LancasterStemmer().stem),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--bench-bin", default=os.path.join(ROOT, "target", "release", "examples", "stem_bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=None)
    args = ap.parse_args()
    words = V.english_vocab() * args.repeat
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(words) + "\n")
        path = f.name
    print(f"{len(words)} words ({len(words) // args.repeat} distinct x {args.repeat}), "
          f"{os.path.getsize(path) / 1e6:.1f} MB; nlkit = {args.nlkit}")
    print(f"{'stemmer':18s} {'NLTK s':>8s} {'lib s':>8s} {'CLI s':>8s} {'CLI -j2':>8s}"
          f" {'NLTK/lib':>9s} {'NLTK/CLI':>9s}")
    try:
        for name, make in CASES:
            if args.only and name not in args.only.split(","):
                continue
            st = make()
            t0 = time.perf_counter()
            expected = [st(w) for w in words]
            t_nltk = time.perf_counter() - t0
            best = {}
            for jobs in (1, 2):
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    out = subprocess.run([args.nlkit, "stem", "-a", name, "--jobs", str(jobs), path],
                                         capture_output=True, check=True).stdout
                    times.append(time.perf_counter() - t0)
                best[jobs] = min(times)
            got = out.decode("utf-8").split("\n")[: len(words)]
            same = sum(1 for a, b in zip(expected, got) if a == b)
            lib = json.loads(subprocess.run([args.bench_bin, name, path, "3"], capture_output=True,
                                            check=True).stdout)["seconds"]
            print(f"{name:18s} {t_nltk:8.2f} {lib:8.3f} {best[1]:8.3f} {best[2]:8.3f}"
                  f" {t_nltk / lib:8.1f}x {t_nltk / best[1]:8.1f}x"
                  f"   (identical: {100.0 * same / len(words):.3f} %)", flush=True)
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
