#!/usr/bin/env python3
"""VADER parity: NLTK 3.10.4's SentimentIntensityAnalyzer vs `nlkit sentiment`.

Usage (repo root, after a build):
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/sentiment.py \
        [--nlkit target/release/nlkit] [--tricky 20000] [--write-sample N]

Inputs (sentiment_inputs.py): every line of movie_reviews, webtext, state_union and
inaugural, plus generated tricky sentences. Both sides score the same lines; the
script prints, per source and overall, the share of lines whose neg / neu / pos /
compound (as NLTK rounds them) are identical, and the whole-dict match, then the
first differences. --write-sample N writes N cases per corpus (4N generated ones) to
tests/parity/sentiment/<source>.jsonl ({"text", "nltk"} with NLTK's dict as
json.dumps prints it), the data of tests/sentiment_parity.rs.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sentiment_inputs as I  # noqa: E402

from nltk.sentiment.vader import SentimentIntensityAnalyzer  # noqa: E402

ROOT = I.ROOT
KEYS = ("neg", "neu", "pos", "compound")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--tricky", type=int, default=20000)
    ap.add_argument("--write-sample", type=int, default=0)
    ap.add_argument("--show", type=int, default=8)
    args = ap.parse_args()

    cases = I.real_sentences() + [("tricky", s) for s in I.tricky_sentences(args.tricky)]
    texts = [t for _, t in cases]
    sia = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    expected = [sia.polarity_scores(t) for t in texts]
    t_nltk = time.perf_counter() - t0

    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
        f.write("\n".join(texts).encode("utf-8") + b"\n")
        path = f.name
    try:
        t0 = time.perf_counter()
        out = subprocess.run([args.nlkit, "sentiment", "--format", "jsonl", path],
                             capture_output=True, check=True).stdout
        t_nlkit = time.perf_counter() - t0
    finally:
        os.unlink(path)
    got_lines = out.decode("utf-8").split("\n")[: len(texts)]
    assert len(got_lines) == len(texts), (len(got_lines), len(texts))

    by_src = {}
    diffs = []
    for (src, text), exp, line in zip(cases, expected, got_lines):
        got = json.loads(line)
        st = by_src.setdefault(src, {"n": 0, "dict": 0, **{k: 0 for k in KEYS}})
        st["n"] += 1
        for k in KEYS:
            if repr(got[k]) == repr(exp[k]):
                st[k] += 1
        if line == json.dumps(exp):
            st["dict"] += 1
        else:
            diffs.append((src, text, json.dumps(exp), line))

    total = {"n": 0, "dict": 0, **{k: 0 for k in KEYS}}
    print(f"{'source':14s} {'lines':>8s} " + " ".join(f"{k:>9s}" for k in KEYS) + f" {'dict':>9s}")
    for src, st in list(by_src.items()) + [("ALL", total)]:
        if src != "ALL":
            for k in total:
                total[k] += st[k]
        n = st["n"]
        print(f"{src:14s} {n:8d} " + " ".join(f"{100.0 * st[k] / n:8.3f}%" for k in KEYS)
              + f" {100.0 * st['dict'] / n:8.3f}%")
    print(f"NLTK {t_nltk:.1f} s, nlkit (whole process) {t_nlkit:.2f} s")
    for src, text, e, g in diffs[: args.show]:
        print(f"DIFF [{src}] {text!r}\n  NLTK  {e}\n  nlkit {g}")

    if args.write_sample:
        rnd = random.Random(28)
        outdir = os.path.join(ROOT, "tests", "parity", "sentiment")
        os.makedirs(outdir, exist_ok=True)
        for src in by_src:
            idx = [i for i, (s, _) in enumerate(cases) if s == src]
            want = args.write_sample * (4 if src == "tricky" else 1)
            pick = sorted(rnd.sample(idx, min(want, len(idx))))
            with open(os.path.join(outdir, f"{src}.jsonl"), "w", encoding="utf-8") as f:
                for i in pick:
                    f.write(json.dumps({"text": texts[i], "nltk": json.dumps(expected[i])},
                                       ensure_ascii=False) + "\n")
    return 0 if not diffs else 1


if __name__ == "__main__":
    sys.exit(main())
