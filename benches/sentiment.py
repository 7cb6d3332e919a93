#!/usr/bin/env python3
"""VADER speed: NLTK 3.10.4's SentimentIntensityAnalyzer vs `nlkit sentiment`, same run.

Usage (repo root, after `cargo build --release`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/sentiment.py [--nlkit target/release/nlkit] [--runs 3]

Input: the parity corpus of scripts/parity/sentiment_inputs.py (every line of
movie_reviews, webtext, state_union and inaugural, plus 20,000 generated tricky
sentences), one per line. NLTK time is the loop `[sia.polarity_scores(t) for t in
lines]` inside Python (interpreter start, lexicon loading and file reading not
counted). nlkit time is the whole `nlkit sentiment --format jsonl FILE` process
(start, lexicon read from the zip, reading, scoring, writing), best of --runs.
The outputs are checked to be identical. Also printed: CPU times (NLTK's
`time.process_time` for the loop; user+sys of the nlkit process from
`getrusage(RUSAGE_CHILDREN)`, best of --runs), the fair measure on a loaded
machine.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
import sentiment_inputs as I  # noqa: E402

from nltk.sentiment.vader import SentimentIntensityAnalyzer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    texts = [t for _, t in I.real_sentences()] + I.tricky_sentences(20000)
    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
        f.write("\n".join(texts).encode("utf-8") + b"\n")
        path = f.name
    try:
        sia = SentimentIntensityAnalyzer()
        t0, c0 = time.perf_counter(), time.process_time()
        expected = [sia.polarity_scores(t) for t in texts]
        t_nltk, c_nltk = time.perf_counter() - t0, time.process_time() - c0
        best = best_cpu = float("inf")
        for _ in range(args.runs):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = subprocess.run([args.nlkit, "sentiment", "--format", "jsonl", path],
                                 capture_output=True, check=True).stdout
            best = min(best, time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            best_cpu = min(best_cpu, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        got = out.decode("utf-8").split("\n")[: len(texts)]
        same = sum(1 for e, g in zip(expected, got) if json.dumps(e) == g)
        mb = os.path.getsize(path) / 1e6
        print(f"{len(texts)} lines, {mb:.1f} MB")
        print(f"NLTK polarity_scores loop: {t_nltk:.2f} s ({len(texts) / t_nltk:,.0f} lines/s)")
        print(f"nlkit sentiment (whole process, best of {args.runs}): {best:.3f} s "
              f"({len(texts) / best:,.0f} lines/s)")
        print(f"speed-up: {t_nltk / best:.1f}x; identical output: {100.0 * same / len(texts):.3f} %")
        print(f"CPU time: NLTK {c_nltk:.2f} s, nlkit {best_cpu:.3f} s (user+sys, best of {args.runs}): "
              f"{c_nltk / max(best_cpu, 1e-9):.1f}x; load average {os.getloadavg()[0]:.1f}")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
