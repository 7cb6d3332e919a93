#!/usr/bin/env python3
"""Stemmer parity: NLTK 3.10.4 vs `nlkit stem` on large real vocabularies.

Usage (from the repo root, after scripts/setup-env.sh and a build):
    .venv/bin/python scripts/parity/stem.py [--nlkit target/release/nlkit] [--only ALG[,ALG...]]

For every algorithm it stems the same distinct word forms with NLTK and with the
nlkit binary (one word per line), and prints words / identical / % and the first
differences. English algorithms use the English vocabulary (en_ewt + NLTK corpora,
original case and lowercased); each Snowball language uses its own text (see
stem_vocab.py). Snowball languages are run with and without ignore_stopwords.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stem_vocab as V  # noqa: E402

from nltk.stem import (  # noqa: E402
    Cistem,
    LancasterStemmer,
    PorterStemmer,
    SnowballStemmer,
)

LANGS = list(SnowballStemmer.languages)


def nltk_stemmer(alg, ignore_stopwords=False):
    if alg == "porter":
        return PorterStemmer().stem
    if alg == "porter:original":
        return PorterStemmer(PorterStemmer.ORIGINAL_ALGORITHM).stem
    if alg == "porter:martin":
        return PorterStemmer(PorterStemmer.MARTIN_EXTENSIONS).stem
    if alg == "lancaster":
        return LancasterStemmer().stem
    if alg == "lancaster:strip-prefix":
        return LancasterStemmer(strip_prefix_flag=True).stem
    if alg == "cistem":
        return Cistem().stem
    if alg == "cistem:case-insensitive":
        return Cistem(case_insensitive=True).stem
    if alg.startswith("snowball:"):
        return SnowballStemmer(alg.split(":", 1)[1], ignore_stopwords=ignore_stopwords).stem
    raise SystemExit(f"unknown algorithm {alg}")


def nlkit_run(binary, alg, words, ignore_stopwords=False):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(words) + "\n")
        path = f.name
    try:
        cmd = [binary, "stem", "--algorithm", alg, path]
        if ignore_stopwords:
            cmd.insert(2, "--ignore-stopwords")
        out = subprocess.run(cmd, capture_output=True, check=True,
                             env=dict(os.environ, NLTK_DATA=os.environ["NLTK_DATA"]))
        return out.stdout.decode("utf-8").split("\n")[: len(words)]
    finally:
        os.unlink(path)


def compare(binary, alg, words, ignore_stopwords=False, show=5):
    st = nltk_stemmer(alg, ignore_stopwords)
    t0 = time.time()
    expected = [st(w) for w in words]
    t1 = time.time()
    got = nlkit_run(binary, alg, words, ignore_stopwords)
    t2 = time.time()
    diffs = [(w, e, g) for w, e, g in zip(words, expected, got) if e != g]
    diffs += [(w, e, None) for w, e in zip(words[len(got):], expected[len(got):])]
    same = len(words) - len(diffs)
    return same, diffs[:show], len(diffs), t1 - t0, t2 - t1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=None)
    ap.add_argument("--only", default=None, help="comma-separated algorithms")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--stress", action="store_true",
                    help="instead: every Snowball language on the English vocabulary")
    args = ap.parse_args()
    binary = args.nlkit
    if binary is None:
        # The most recently built binary.
        cands = [os.path.join(V.ROOT, c) for c in ("target/release/nlkit", "target/debug/nlkit")]
        cands = [c for c in cands if os.path.exists(c)]
        if cands:
            binary = max(cands, key=os.path.getmtime)
    if binary is None:
        raise SystemExit("build nlkit first (cargo build --release --features cli)")

    english = V.english_vocab()
    jobs = []
    for alg in ("porter", "porter:original", "porter:martin", "lancaster",
                "lancaster:strip-prefix", "snowball:english", "snowball:porter"):
        jobs.append((alg, False, "en_ewt + NLTK corpora", english))
    jobs.append(("snowball:english", True, "en_ewt + NLTK corpora", english))
    for lang in LANGS:
        if lang in ("english", "porter"):
            continue
        src = "conll2002 + udhr" if lang in ("spanish", "dutch") else "udhr + udhr2"
        vocab = V.language_vocab(lang)
        jobs.append((f"snowball:{lang}", False, src, vocab))
        jobs.append((f"snowball:{lang}", True, src, vocab))
    german = V.language_vocab("german")
    jobs.append(("cistem", False, "udhr + udhr2 (German)", german))
    jobs.append(("cistem:case-insensitive", False, "udhr + udhr2 (German)", german))
    if args.stress:
        jobs = [(f"snowball:{lang}", False, "en_ewt + NLTK corpora (stress)", english)
                for lang in LANGS if lang not in ("english", "porter")]
    if args.only:
        keep = set(args.only.split(","))
        jobs = [j for j in jobs if j[0] in keep]

    rows = []
    failed = False
    for alg, isw, src, vocab in jobs:
        same, first, ndiff, tn, tk = compare(binary, alg, vocab, isw)
        pct = 100.0 * same / max(1, len(vocab))
        name = alg + (" +ignore_stopwords" if isw else "")
        rows.append((name, src, len(vocab), same, pct))
        print(f"{name:40s} {len(vocab):7d} words  {same:7d} identical  {pct:8.4f} %"
              f"   (NLTK {tn:.1f}s, nlkit {tk:.1f}s)", flush=True)
        for w, e, g in first:
            print(f"    {w!r}: NLTK {e!r}  nlkit {g!r}")
        if ndiff:
            failed = True
    if args.markdown:
        print()
        print("| stemmer | words from | distinct words | identical | % |")
        print("|---|---|---:|---:|---:|")
        for name, src, n, same, pct in rows:
            print(f"| {name} | {src} | {n} | {same} | {pct:.3f} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
