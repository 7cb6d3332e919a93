#!/usr/bin/env python3
"""Parity for NLTK's classic taggers (issue 5): trains each tagger in NLTK
and in nlkit on the same UD English-EWT train split (XPOS column), tags the
test split, and prints both accuracies, the difference, the share of test
tokens tagged identically, and the first differing sentences.

    .venv/bin/python scripts/parity/tag_classic.py [--limit N] [--brill-limit N]
        [--algorithms default,regexp,...] [--column xpos|upos]

nlkit side: `cargo run --release --example tag_classic` (built by this script).
Brill uses NLTK's BrillTaggerTrainer(..., deterministic=True) (nlkit's tie
order), fntbl37 templates, an initial UnigramTagger backed off to NLTK's
demo RegexpTagger, max_rules=100, min_score=3.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))
UD = os.path.join(SHARED, "ud", "en_ewt")

from nltk.tag import (  # noqa: E402
    AffixTagger,
    BigramTagger,
    DefaultTagger,
    TrigramTagger,
    UnigramTagger,
)
from nltk.tag.brill import fntbl37  # noqa: E402
from nltk.tag.brill_trainer import BrillTaggerTrainer  # noqa: E402
from tag import read_conllu  # noqa: E402,F401  (also used by gen_tag_classic.py)
from nltk.tag.hmm import HiddenMarkovModelTagger, HiddenMarkovModelTrainer  # noqa: E402
from nltk.tbl.demo import REGEXP_TAGGER  # noqa: E402

ALL = "default,regexp,unigram,unigram_cutoff2,bigram,trigram,affix,hmm,hmm_mle,brill"


def nltk_tagger(algo, train, max_rules, min_score):
    nn = DefaultTagger("NN")
    if algo == "default":
        return nn
    if algo == "regexp":
        return REGEXP_TAGGER
    if algo == "unigram":
        return UnigramTagger(train, backoff=nn)
    if algo == "unigram_cutoff2":
        return UnigramTagger(train, backoff=nn, cutoff=2)
    if algo == "bigram":
        return BigramTagger(train, backoff=UnigramTagger(train, backoff=nn))
    if algo == "trigram":
        u = UnigramTagger(train, backoff=nn)
        return TrigramTagger(train, backoff=BigramTagger(train, backoff=u))
    if algo == "affix":
        return AffixTagger(train, affix_length=-3, min_stem_length=2, backoff=nn)
    if algo == "hmm":
        return HiddenMarkovModelTagger.train(train)  # Lidstone(0.1)
    if algo == "hmm_mle":
        return HiddenMarkovModelTrainer().train_supervised(train)  # MLE
    if algo == "brill":
        initial = UnigramTagger(train, backoff=REGEXP_TAGGER)
        trainer = BrillTaggerTrainer(initial, fntbl37(), deterministic=True)
        return trainer.train(train, max_rules=max_rules, min_score=min_score)
    raise SystemExit(f"unknown algorithm {algo}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="first N training sentences (0 = all)")
    ap.add_argument("--brill-limit", type=int, default=3000)
    ap.add_argument("--algorithms", default=ALL)
    ap.add_argument("--column", default="xpos")
    ap.add_argument("--max-rules", type=int, default=100)
    ap.add_argument("--min-score", type=int, default=3)
    ap.add_argument("--no-build", action="store_true", help="use the already-built release example")
    args = ap.parse_args()
    train_path = os.path.join(UD, "en_ewt-ud-train.conllu")
    test_path = os.path.join(UD, "en_ewt-ud-test.conllu")
    train_all = read_conllu(train_path, args.column)
    test = read_conllu(test_path, args.column)
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--example", "tag_classic"],
            cwd=ROOT,
            check=True,
        )
    exe = os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "examples", "tag_classic"
    )
    rows = []
    for algo in args.algorithms.split(","):
        limit = args.brill_limit if algo == "brill" else args.limit
        train = train_all[:limit] if limit else train_all
        t0 = time.perf_counter()
        tagger = nltk_tagger(algo, train, args.max_rules, args.min_score)
        t1 = time.perf_counter()
        ntags = [[t for _, t in tagger.tag([w for w, _ in s])] if s else [] for s in test]
        t2 = time.perf_counter()
        n = sum(len(s) for s in test)
        ok = sum(p == g for s, ts in zip(test, ntags) for (_, g), p in zip(s, ts))
        nltk_acc = 100.0 * ok / n
        with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as tf:
            cmd = [exe, train_path, test_path, algo, "--column", args.column, "--tags", tf.name,
                   "--max-rules", str(args.max_rules), "--min-score", str(args.min_score)]
            if limit:
                cmd += ["--limit", str(limit)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            res = json.loads(out)
            ktags = [json.loads(line) for line in tf.read().splitlines()]
        same = tot = 0
        diffs = []
        for s, a, b in zip(test, ntags, ktags):
            a = ["" if t is None else t for t in a]
            for x, y in zip(a, b):
                tot += 1
                same += x == y
            if a != b and len(diffs) < 2:
                diffs.append((s, a, b))
        rows.append((algo, len(train), nltk_acc, res["accuracy"], 100.0 * same / max(tot, 1),
                     t1 - t0, res["train_s"], t2 - t1, res["tag_s"]))
        r = rows[-1]
        print(f"{algo:16} train={r[1]:5d}  NLTK {r[2]:.2f}  nlkit {r[3]:.2f}  diff {r[3]-r[2]:+.2f}  "
              f"identical tags {r[4]:.3f}%  train s NLTK {r[5]:.2f} nlkit {r[6]:.3f}  "
              f"tag s NLTK {r[7]:.2f} nlkit {r[8]:.3f}", flush=True)
        for s, a, b in diffs:
            for (w, g), x, y in zip(s, a, b):
                if x != y:
                    print(f"    first difference: word {w!r} gold {g} NLTK {x} nlkit {y}")
                    break
    print()
    print("| tagger | train sents | NLTK acc % | nlkit acc % | diff | identical tags % | train s (NLTK / nlkit) | tag s (NLTK / nlkit) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.2f} | {r[3]:.2f} | {r[3]-r[2]:+.2f} | {r[4]:.3f} | "
              f"{r[5]:.2f} / {r[6]:.3f} | {r[7]:.2f} / {r[8]:.3f} |")
    bad = [r for r in rows if abs(r[3] - r[2]) > 0.2]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
