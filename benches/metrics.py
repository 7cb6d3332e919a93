#!/usr/bin/env python3
"""edit_distance speed: NLTK 3.10.4's nltk.metrics.edit_distance vs nlkit, same run.

Usage (repo root):
    cargo build --release --example metrics_tool
    NLTK_DATA=.nltk_data .venv/bin/python benches/metrics.py [--pairs 20000] [--runs 3]

Input: word pairs drawn (seed 28) from the words of the movie_reviews corpus,
each word paired with a random other word (lengths as in running text). NLTK
time is the loop `[edit_distance(a, b) for a, b in pairs]`; nlkit time is the
same loop in Rust (examples/metrics_tool.rs bench-edit: pairs already in memory,
best of --runs). The sums of the distances are checked to be equal.
"""

import argparse
import json
import os
import random
import subprocess
import tempfile
import time
import zipfile

from nltk.metrics.distance import edit_distance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))


def words():
    out = []
    with zipfile.ZipFile(os.path.join(DATA, "corpora", "movie_reviews.zip")) as z:
        for name in sorted(z.namelist())[:400]:
            if name.endswith(".txt"):
                out += [w for w in z.read(name).decode("utf-8").split() if w.isalpha()]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tool", default=os.path.join(ROOT, "target", "release", "examples", "metrics_tool"))
    args = ap.parse_args()
    ws = words()
    r = random.Random(28)
    pairs = [(r.choice(ws), r.choice(ws)) for _ in range(args.pairs)]
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".tsv", delete=False) as f:
        f.write("".join(f"{a}\t{b}\n" for a, b in pairs))
        path = f.name
    try:
        t0 = time.perf_counter()
        total = sum(edit_distance(a, b) for a, b in pairs)
        t_nltk = time.perf_counter() - t0
        res = json.loads(subprocess.run([args.tool, "bench-edit", path, str(args.runs)],
                                        capture_output=True, check=True).stdout)
        mean_len = sum(len(a) + len(b) for a, b in pairs) / (2 * len(pairs))
        print(f"{len(pairs)} word pairs (mean length {mean_len:.1f})")
        print(f"NLTK edit_distance loop: {t_nltk:.3f} s")
        print(f"nlkit edit_distance loop (best of {args.runs}): {res['seconds']:.4f} s")
        print(f"speed-up: {t_nltk / res['seconds']:.0f}x; same total distance: {total == res['checksum']}")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
