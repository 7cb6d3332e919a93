#!/usr/bin/env python3
"""nltk.lm parity: NLTK 3.10.4's language models vs nlkit.

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/lm.py \
        [--nlkit target/release/nlkit] [--train 8000] [--test 1000] [--kn-train 1500] [--kn-test 100] [--unk-cutoff 2]
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/lm.py --write-cases

Real text: state_union sentences (NLTK's tokens, one sentence per line). For each
estimator and order 2 and 3, both NLTK (padded_everygram_pipeline + fit) and
`nlkit lm train` train on the first --train sentences; both compute the perplexity
(words seen fewer than --unk-cutoff times become <UNK>, so that most test
perplexities are finite) of each of the next --test sentences (padded order-grams, NLTK's
ngrams(pad_both_ends(sent, n), n)) and of all of them together. Kneser-Ney uses
--kn-train / --kn-test, since NLTK rescans all higher-order n-grams for every KN
score. Prints, per model, the number of perplexities compared, how many are
bit-identical and the largest relative difference.

--write-cases writes tests/parity/lm/train.txt (200 training sentences), test.txt
(the next 30) and
tests/parity/lm/cases.jsonl: per model, NLTK's score of every test n-gram plus
unseen words, unseen and over-long contexts, the entropy and perplexity of each
test sentence, and generate() with seeds; floats as Python repr strings
("inf", "-inf" included). tests/lm_parity.rs reads them.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from nltk.corpus import state_union
from nltk.lm import (
    MLE,
    AbsoluteDiscountingInterpolated,
    KneserNeyInterpolated,
    Laplace,
    Lidstone,
    Vocabulary,
    WittenBellInterpolated,
)
from nltk.lm.preprocessing import pad_both_ends, padded_everygram_pipeline
from nltk.util import ngrams

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (name, nltk constructor(order, vocab), nlkit CLI flags)
MODELS = [
    ("MLE", lambda n, v: MLE(n, vocabulary=v), ["--estimator", "mle"]),
    ("Lidstone", lambda n, v: Lidstone(0.1, n, vocabulary=v), ["--estimator", "lidstone", "--gamma", "0.1"]),
    ("Laplace", lambda n, v: Laplace(n, vocabulary=v), ["--estimator", "laplace"]),
    ("KneserNeyInterpolated", lambda n, v: KneserNeyInterpolated(n, vocabulary=v), ["--estimator", "kneser-ney"]),
    ("WittenBellInterpolated", lambda n, v: WittenBellInterpolated(n, vocabulary=v), ["--estimator", "witten-bell"]),
    ("AbsoluteDiscountingInterpolated", lambda n, v: AbsoluteDiscountingInterpolated(n, vocabulary=v), ["--estimator", "absolute-discounting"]),
]


def sents():
    return [list(s) for s in state_union.sents() if len(s) > 0]


def fit(make, order, train, cutoff=1):
    lm = make(order, Vocabulary(unk_cutoff=cutoff))
    t, v = padded_everygram_pipeline(order, train)
    lm.fit(t, v)
    return lm


def test_ngrams(sent, n):
    return list(ngrams(pad_both_ends(sent, n=n), n))


def f(x):
    return repr(float(x))


def rel(a, b):
    if a == b:
        return 0.0
    if a != a or b != b or abs(a) == float("inf") or abs(b) == float("inf"):
        return float("inf")
    return abs(a - b) / max(abs(a), abs(b))


def write_cases():
    all_s = sents()
    train, test = all_s[:200], all_s[200:230]
    d = os.path.join(ROOT, "tests", "parity", "lm")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "train.txt"), "w", encoding="utf-8") as fh:
        for s in train:
            fh.write(" ".join(s) + "\n")
    with open(os.path.join(d, "test.txt"), "w", encoding="utf-8") as fh:
        for s in test:
            fh.write(" ".join(s) + "\n")
    out = []
    for name, make, _ in MODELS:
        for order in (1, 2, 3):
            for cutoff in (1, 2):
                lm = fit(make, order, train, cutoff)
                case = {"model": name, "order": order, "unk_cutoff": cutoff, "vocab_len": len(lm.vocab)}
                queries = []
                for s in test[:6]:
                    for g in test_ngrams(s, order):
                        queries.append([g[-1], list(g[:-1])])
                queries += [
                    ["aardvark", []],
                    ["the", ["aardvark"]],
                    ["the", ["of", "the", "people", "of"]],
                    ["<UNK>", []],
                    ["</s>", ["."]],
                    ["America", ["<s>", "<s>"]],
                    ["", [""]],
                ]
                scores = []
                for w, c in queries:
                    try:
                        scores.append(f(lm.score(w, tuple(c))))
                    except ZeroDivisionError:
                        scores.append("error")
                case["queries"] = queries
                case["scores"] = scores
                per_sent = []
                for s in test:
                    try:
                        g = test_ngrams(s, order)
                        per_sent.append([f(lm.entropy(g)), f(lm.perplexity(g))])
                    except ZeroDivisionError:
                        per_sent.append(["error", "error"])
                case["sentences"] = per_sent
                gens = []
                for seed in (0, 3, 42):
                    for text_seed in ([], ["The"], ["of", "the"]):
                        try:
                            gens.append([seed, text_seed, lm.generate(6, text_seed=text_seed, random_seed=seed)])
                        except (ZeroDivisionError, IndexError, ValueError):
                            gens.append([seed, text_seed, "error"])
                case["generate"] = gens
                out.append(case)
                print(name, order, cutoff, file=sys.stderr)
    with open(os.path.join(d, "cases.jsonl"), "w", encoding="utf-8") as fh:
        for c in out:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} cases to {d}", file=sys.stderr)


def run_big(args):
    all_s = sents()
    rows = []
    worst_all = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, flags in MODELS:
            kn = name.startswith("Kneser")
            ntrain = args.kn_train if kn else args.train
            ntest = args.kn_test if kn else args.test
            train, test = all_s[:ntrain], all_s[ntrain:ntrain + ntest]
            tr = os.path.join(tmp, "train.txt")
            te = os.path.join(tmp, "test.txt")
            with open(tr, "w", encoding="utf-8") as fh:
                fh.writelines(" ".join(s) + "\n" for s in train)
            with open(te, "w", encoding="utf-8") as fh:
                fh.writelines(" ".join(s) + "\n" for s in test)
            for order in (2, 3):
                model = os.path.join(tmp, "m.lm")
                subprocess.run([args.nlkit, "lm", "train", "--order", str(order), *flags,
                                "--unk-cutoff", str(args.unk_cutoff), "-o", model, tr], check=True)
                got = subprocess.run([args.nlkit, "lm", "perplexity", "-m", model, "--per-line", te],
                                     check=True, capture_output=True, text=True).stdout.split("\n")[:-1]
                tot = subprocess.run([args.nlkit, "lm", "perplexity", "-m", model, te],
                                     check=True, capture_output=True, text=True).stdout
                got_total = float(dict(l.split("\t") for l in tot.strip().split("\n"))["perplexity"])
                t0 = time.perf_counter()
                lm = fit(make, order, train, args.unk_cutoff)
                exp = [lm.perplexity(test_ngrams(s, order)) for s in test]
                exp_total = lm.perplexity([g for s in test for g in test_ngrams(s, order)])
                dt = time.perf_counter() - t0
                pairs = list(zip(exp, [float(x) for x in got])) + [(exp_total, got_total)]
                same = sum(1 for a, b in pairs if a == b)
                finite = sum(1 for a, _ in pairs if a != float("inf"))
                worst = max(rel(a, b) for a, b in pairs)
                worst_all = max(worst_all, worst)
                ok = len(got) == len(test) and worst <= 1e-9
                rows.append((name, order, ntrain, len(pairs), same, worst, ok))
                print(f"{name:32} order {order} train {ntrain:5} sents: {same}/{len(pairs)} identical ({finite} finite), "
                      f"max rel diff {worst:.3g} ({'OK' if ok else 'FAIL'}; NLTK {dt:.1f}s)", flush=True)
    bad = [r for r in rows if not r[-1]]
    print(f"overall max relative difference {worst_all:.3g}; {len(bad)} model(s) outside 1e-9")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--train", type=int, default=8000)
    ap.add_argument("--test", type=int, default=1000)
    ap.add_argument("--kn-train", type=int, default=1500)
    ap.add_argument("--kn-test", type=int, default=100)
    ap.add_argument("--unk-cutoff", type=int, default=2)
    ap.add_argument("--write-cases", action="store_true")
    args = ap.parse_args()
    if args.write_cases:
        write_cases()
        return 0
    return run_big(args)


if __name__ == "__main__":
    sys.exit(main())
