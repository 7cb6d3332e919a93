#!/usr/bin/env python3
"""nltk.lm speed: NLTK 3.10.4 vs `nlkit lm`, same run, same text.

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/lm.py [--nlkit target/release/nlkit]
        [--train 2000] [--test 200] [--order 3] [--unk-cutoff 2] [--runs 3]

Text: state_union sentences (NLTK's tokens): the first --train train, the next
--test are scored; words seen fewer than --unk-cutoff times are <UNK> (so that
unseen test words get a finite probability). For KneserNeyInterpolated (and WittenBell and MLE for
comparison) it times
  * training: NLTK `fit(*padded_everygram_pipeline(order, train))` in-process vs the
    whole `nlkit lm train` process (reading, counting, saving);
  * perplexity: NLTK `perplexity(all padded test order-grams)` in-process vs the whole
    `nlkit lm perplexity` process (loading the model file, reading, scoring),
and checks that both perplexities are equal (to 1e-9 relative). nlkit: best of --runs.
"""

import argparse
import os
import subprocess
import tempfile
import time

from nltk.corpus import state_union
from nltk.lm import MLE, KneserNeyInterpolated, Vocabulary, WittenBellInterpolated
from nltk.lm.preprocessing import pad_both_ends, padded_everygram_pipeline
from nltk.util import ngrams

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODELS = [
    ("KneserNeyInterpolated", KneserNeyInterpolated, "kneser-ney"),
    ("WittenBellInterpolated", WittenBellInterpolated, "witten-bell"),
    ("MLE", MLE, "mle"),
]


def best(cmd, runs):
    t = float("inf")
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        t = min(t, time.perf_counter() - t0)
    return t, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--train", type=int, default=2000)
    ap.add_argument("--test", type=int, default=200)
    ap.add_argument("--order", type=int, default=3)
    ap.add_argument("--unk-cutoff", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sents = [list(s) for s in state_union.sents() if s]
    train, test = sents[: args.train], sents[args.train: args.train + args.test]
    n = args.order
    grams = [g for s in test for g in ngrams(pad_both_ends(s, n=n), n)]
    ntok = sum(len(s) for s in train)
    print(f"state_union: train {len(train)} sentences ({ntok} tokens), test {len(test)} sentences "
          f"({len(grams)} {n}-grams), order {n}, unk_cutoff {args.unk_cutoff}")
    with tempfile.TemporaryDirectory() as tmp:
        tr, te, model = (os.path.join(tmp, x) for x in ("train.txt", "test.txt", "m.lm"))
        with open(tr, "w", encoding="utf-8") as fh:
            fh.writelines(" ".join(s) + "\n" for s in train)
        with open(te, "w", encoding="utf-8") as fh:
            fh.writelines(" ".join(s) + "\n" for s in test)
        for name, cls, flag in MODELS:
            t0 = time.perf_counter()
            lm = cls(n, vocabulary=Vocabulary(unk_cutoff=args.unk_cutoff))
            lm.fit(*padded_everygram_pipeline(n, train))
            nltk_train = time.perf_counter() - t0
            t0 = time.perf_counter()
            p_nltk = lm.perplexity(grams)
            nltk_ppl = time.perf_counter() - t0
            nk_train, _ = best([args.nlkit, "lm", "train", "--order", str(n), "--estimator", flag,
                                "--unk-cutoff", str(args.unk_cutoff), "-o", model, tr], args.runs)
            nk_ppl, out = best([args.nlkit, "lm", "perplexity", "-m", model, te], args.runs)
            p_nk = float(dict(l.split("\t") for l in out.strip().split("\n"))["perplexity"])
            same = p_nk == p_nltk or abs(p_nk - p_nltk) / abs(p_nltk) <= 1e-9
            print(f"{name}: train NLTK {nltk_train:.3f} s, nlkit {nk_train:.3f} s ({nltk_train / nk_train:.1f}x); "
                  f"perplexity NLTK {nltk_ppl:.3f} s, nlkit {nk_ppl:.4f} s ({nltk_ppl / nk_ppl:.0f}x); "
                  f"perplexity {p_nltk!r} vs {p_nk!r} ({'equal' if same else 'DIFFERENT'})", flush=True)


if __name__ == "__main__":
    main()
