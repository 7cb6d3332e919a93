#!/usr/bin/env python3
"""Classifier training and classification speed: NLTK 3.10.4 vs nlkit, same run, same data.

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/classify.py [--nlkit target/release/nlkit] [--runs 3]

Data: the NLTK book's examples as in scripts/parity/classify.py: movie_reviews document
features (2000 `contains(word)` booleans per review, 1900 reviews) and names
(`last_letter`, 7444 names). NLTK time: `NaiveBayesClassifier.train(featuresets)` in-process
(feature extraction not counted). nlkit time: the whole `nlkit classify train` process
(start, reading and parsing the JSONL, training, writing the model), best of --runs; and the
whole `nlkit classify predict` process vs NLTK's `classify` loop on the test part. Since
the whole process is mostly JSON parsing, the in-memory training time is also measured
with the same operation on both sides: `examples/classify_train_bench.rs` (build it with
`cargo build --release --features cli --example classify_train_bench`) times
`NaiveBayesClassifier::train` on the parsed examples, best of --runs.

Maxent (GIS and IIS, max_iter=10; NLTK with trace=0) and DecisionTree (NLTK's defaults,
binary=False and True), on names (7444 train / 500 test) and a movie_reviews slice
(maxent: 300 word features, 1000 train / 100 test reviews; decision tree: 100 features,
300 / 100): NLTK's in-process `train` and `classify` loop vs `classify_train_bench` (the
same operations in memory, best of --runs), predictions compared. `--only nb|maxent|tree`
runs one part.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
import classify as C  # noqa: E402

from nltk.classify import DecisionTreeClassifier, MaxentClassifier, NaiveBayesClassifier  # noqa: E402


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
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--train-bench", default=os.path.join(ROOT, "target", "release", "examples",
                                                          "classify_train_bench"))
    ap.add_argument("--only", choices=["nb", "maxent", "tree"])
    args = ap.parse_args()
    if args.only in (None, "maxent", "tree"):
        others(args)
    if args.only not in (None, "nb"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, (train, test) in (("movie_reviews", C.movie_data()), ("names", C.names_data())):
            tr, te, m = (os.path.join(tmp, x) for x in ("train.jsonl", "test.jsonl", "m.cls"))
            C.jsonl(train, tr)
            C.jsonl(test, te)
            t0 = time.perf_counter()
            c = NaiveBayesClassifier.train(train)
            t_train = time.perf_counter() - t0
            t0 = time.perf_counter()
            exp = [c.classify(fs) for fs, _ in test]
            t_pred = time.perf_counter() - t0
            n_train, _ = best([args.nlkit, "classify", "train", "-o", m, tr], args.runs)
            n_pred, out = best([args.nlkit, "classify", "predict", "-m", m, te], args.runs)
            same = sum(1 for a, b in zip(exp, out.splitlines()) if a == b)
            tb = dict(l.split("\t") for l in subprocess.run(
                [args.train_bench, tr, str(args.runs)], check=True, capture_output=True,
                text=True).stdout.splitlines())
            t_lib = float(tb["train"])
            mb = os.path.getsize(tr) / 1e6
            print(f"{name}: {len(train)} training examples ({mb:.1f} MB JSONL); train NLTK {t_train:.3f} s, "
                  f"nlkit {n_train:.3f} s ({t_train / n_train:.1f}x); in-memory train() NLTK {t_train:.4f} s, "
                  f"nlkit {t_lib:.4f} s ({t_train / t_lib:.1f}x); classify {len(test)}: NLTK {t_pred:.3f} s, "
                  f"nlkit {n_pred:.3f} s ({t_pred / n_pred:.1f}x); predictions identical {same}/{len(test)}", flush=True)


def others(args):
    runs = []
    if args.only in (None, "maxent"):
        for name, data in (("names", C.names_data()), ("movie_reviews", C.movie_data(300, 1000, 100))):
            for algo in ("GIS", "IIS"):
                def nltk_train(train, algo=algo):
                    return MaxentClassifier.train(train, algo, trace=0, max_iter=10)
                runs.append((f"maxent {algo} max_iter=10", name, data, nltk_train, "maxent-" + algo.lower()))
    if args.only in (None, "tree"):
        for name, data in (("names", C.names_data()), ("movie_reviews", C.movie_data(100, 300, 100))):
            for binary in (False, True):
                def nltk_train(train, binary=binary):
                    return DecisionTreeClassifier.train(train, binary=binary)
                runs.append((f"decision tree binary={binary}", name, data, nltk_train,
                             "decisiontree-binary" if binary else "decisiontree"))
    with tempfile.TemporaryDirectory() as tmp:
        for what, name, (train, test), nltk_train, algo in runs:
            tr, te = os.path.join(tmp, "train.jsonl"), os.path.join(tmp, "test.jsonl")
            C.jsonl(train, tr)
            C.jsonl(test, te)
            t0 = time.perf_counter()
            c = nltk_train(train)
            t_train = time.perf_counter() - t0
            t0 = time.perf_counter()
            exp = [c.classify(fs) for fs, _ in test]
            t_pred = time.perf_counter() - t0
            tb = dict(l.split("\t") for l in subprocess.run(
                [args.train_bench, tr, str(args.runs), algo, te], check=True, capture_output=True,
                text=True).stdout.splitlines())
            n_train, n_pred = float(tb["train"]), float(tb["classify"])
            got = tb["predictions"].split()
            same = sum(1 for a, b in zip(exp, got) if a == b)
            note = ""
            if algo.startswith("decisiontree"):
                # NLTK with its sets in first-occurrence order, as nlkit (scripts/parity/classify.py)
                ordered, _ = C.tree_results(train, test, algo.endswith("binary"))
                same_o = sum(1 for a, b in zip(ordered["predictions"], got) if a == b)
                note = f" (this run's NLTK, hash-ordered sets); {same_o}/{len(test)} with insertion-ordered sets"
            print(f"{what}, {name}: {len(train)} train / {len(test)} test; train NLTK {t_train:.3f} s, nlkit "
                  f"{n_train:.4f} s ({t_train / n_train:.1f}x); classify NLTK {t_pred:.4f} s, nlkit {n_pred:.5f} s "
                  f"({t_pred / n_pred:.1f}x); predictions identical {same}/{len(test)}{note}", flush=True)


if __name__ == "__main__":
    main()
