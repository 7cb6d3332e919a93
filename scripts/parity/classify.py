#!/usr/bin/env python3
"""nltk.classify parity: NLTK 3.10.4's NaiveBayesClassifier, MaxentClassifier (GIS, IIS)
vs `nlkit classify`.

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/classify.py [--nlkit target/release/nlkit]
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/classify.py --write-cases

The NLTK book's examples (chapter 6), shuffled with random.Random(0):
  * names: gender from {'last_letter': name[-1]}, test on 500 names, train on the rest;
  * movie_reviews: document features {'contains(w)': w in doc} for the first 2000
    words of FreqDist(all lowercased words), test on 100 reviews, train on 1900;
  * mixed: 400 generated feature sets whose values mix True/1/1.0/0/False/-0.0/
    "1"/None/0.5/strings and missing features over three labels (Python's ==).
Both sides train on the same JSONL; the script compares every prediction, every
label probability (identical, or the largest relative difference), accuracy,
log_likelihood and show_most_informative_features' text.

Maxent (GIS and IIS, max_iter=10, trace=0): names as above and a movie_reviews slice
(300 features, 400 train / 100 test reviews); predictions must be identical, every
label probability within 1e-9 relative, show_most_informative_features' text identical (or
identical up to the order of features whose weights print the same: NLTK orders those by
their last bits, which depend on numpy's SIMD pow and so on the CPU).

DecisionTree (NLTK's defaults, binary=False and binary=True): names, a movie_reviews slice
(100 features, 300 train / 100 test reviews) and mixed; predictions, pretty_format(depth=100)
and pseudocode(depth=100) text must be identical. NLTK iterates Python sets of feature names
and of feature values; for strings their order changes from run to run (PYTHONHASHSEED), and
where it decides a tie between stumps of equal error NLTK's own tree changes from run to run.
nlkit uses first-occurrence order (Python's set order for small numbers, where it is fixed),
so the oracle is NLTK's DecisionTreeClassifier with those sets iterated in that order (its
best_stump / best_binary_stump get the names and values ordered so; the code is NLTK's);
unpatched NLTK's agreement in this run is printed too.

--write-cases writes smaller versions (names: 2000 train / 300 test; movie_reviews:
30 word features, 120 / 30 reviews; mixed) to tests/parity/classify/: the data as
<case>_train.data / <case>_test.data (JSONL) and NLTK's results in cases.jsonl,
read by tests/classify_parity.rs.
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout

from nltk.classify import DecisionTreeClassifier, MaxentClassifier, NaiveBayesClassifier, accuracy, log_likelihood
from nltk.corpus import movie_reviews, names
from nltk.probability import FreqDist

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def names_data(ntrain=None, ntest=500):
    labeled = [(n, "male") for n in names.words("male.txt")] + [(n, "female") for n in names.words("female.txt")]
    random.Random(0).shuffle(labeled)
    fs = [({"last_letter": n[-1]}, g) for n, g in labeled]
    test, train = fs[:ntest], fs[ntest:]
    return (train[:ntrain] if ntrain else train), test


def movie_data(nfeat=2000, ntrain=None, ntest=100):
    docs = [(list(movie_reviews.words(f)), c) for c in movie_reviews.categories() for f in movie_reviews.fileids(c)]
    random.Random(0).shuffle(docs)
    all_words = FreqDist(w.lower() for w in movie_reviews.words())
    word_features = list(all_words)[:nfeat]

    def feats(doc):
        words = set(doc)
        return {"contains({})".format(w): (w in words) for w in word_features}

    fs = [(feats(d), c) for d, c in docs[: (ntrain or len(docs)) + ntest]]
    return fs[ntest:], fs[:ntest]


def mixed_data(n=400, ntest=100):
    rng = random.Random(7)
    vals = [True, False, 1, 0, 1.0, 0.5, "1", "a", "b", "yes", None, 2, -0.0, 3.25, "True"]
    out = []
    for _ in range(n):
        fs = {}
        for f in ("f1", "f2", "f3", "colour", "n"):
            if rng.random() < 0.8:
                fs[f] = rng.choice(vals)
        label = rng.choice(["x", "y", "z"]) if rng.random() < 0.6 else ("x" if fs.get("f1") == 1 else "y")
        out.append((fs, label))
    return out[ntest:], out[:ntest]


def jsonl(rows, path):
    with open(path, "w", encoding="utf-8") as fh:
        for fs, label in rows:
            fh.write(json.dumps({"features": fs, "label": label}, ensure_ascii=False) + "\n")


def nltk_results(train, test, show_n=10):
    t0 = time.perf_counter()
    c = NaiveBayesClassifier.train(train)
    t_train = time.perf_counter() - t0
    dists = [c.prob_classify(fs) for fs, _ in test]
    buf = io.StringIO()
    with redirect_stdout(buf):
        c.show_most_informative_features(show_n)
    return {
        "labels": list(c.labels()),
        "predictions": [d.max() for d in dists],
        "probs": [[repr(d.prob(l)) for l in c.labels()] for d in dists],
        "accuracy": repr(float(accuracy(c, test))),
        "log_likelihood": repr(log_likelihood(c, test)),
        "show": buf.getvalue(),
        "show_n": show_n,
        "mif": [[f, repr(v)] for f, v in c.most_informative_features(20)],
    }, t_train


CASES = {
    "names": lambda small: names_data(2000, 300) if small else names_data(),
    "movie_reviews": lambda small: movie_data(30, 120, 30) if small else movie_data(),
    "mixed": lambda small: mixed_data(),
}


MAXENT_CASES = {
    "names": lambda small: names_data(2000, 300) if small else names_data(),
    "movie_reviews": lambda small: movie_data(30, 120, 30) if small else movie_data(300, 400, 100),
}
MAXENT_ITER = 10


def maxent_results(train, test, algorithm, max_iter=MAXENT_ITER, show_n=10):
    t0 = time.perf_counter()
    c = MaxentClassifier.train(train, algorithm, trace=0, max_iter=max_iter)
    t_train = time.perf_counter() - t0
    dists = [c.prob_classify(fs) for fs, _ in test]
    buf = io.StringIO()
    with redirect_stdout(buf):
        c.show_most_informative_features(show_n)
    labels = sorted(c.labels())
    return {
        "algorithm": algorithm,
        "max_iter": max_iter,
        "labels": labels,
        "predictions": [d.max() for d in dists],
        "probs": [[repr(float(d.prob(l))) for l in labels] for d in dists],
        "accuracy": repr(float(accuracy(c, test))),
        "log_likelihood": repr(float(log_likelihood(c, test))),
        "show": buf.getvalue(),
        "show_n": show_n,
        "weights": {c._encoding.describe(i): repr(float(w)) for i, w in enumerate(c.weights())},
    }, t_train


TREE_CASES = {
    "names": lambda small: names_data(2000, 300) if small else names_data(),
    "movie_reviews": lambda small: movie_data(30, 120, 30) if small else movie_data(100, 300, 100),
    "mixed": lambda small: mixed_data(),
}
TREE_DEPTH = 100


def _first_seen_names(labeled):
    seen = {}
    for fs, _ in labeled:
        for f in fs:
            seen.setdefault(f, None)
    return list(seen)


def _small_int(v):
    if type(v) in (bool, int):
        return abs(v) < 2**61 - 1
    return type(v) is float and v.is_integer() and abs(v) < 1e30


def _ordered_values(labeled):
    """feature_values as NLTK collects them (a set per name), iterated in Python's set order
    where that is fixed (all values small numbers), else in first-occurrence order."""
    out = {}
    for fs, _ in labeled:
        for f, v in fs.items():
            vals = out.setdefault(f, [])
            if v not in vals:
                vals.append(v)
    for f, vals in out.items():
        if all(_small_int(v) for v in vals):
            s = set()
            for v in vals:
                s.add(v)
            out[f] = list(s)
    return out


_ORIG = (DecisionTreeClassifier.train, DecisionTreeClassifier.best_stump, DecisionTreeClassifier.best_binary_stump)


def _ordered_train(labeled_featuresets, entropy_cutoff=0.05, depth_cutoff=100, support_cutoff=10, binary=False,
                   feature_values=None, verbose=False):
    if feature_values is None and binary:
        feature_values = _ordered_values(labeled_featuresets)
    return _ORIG[0](labeled_featuresets, entropy_cutoff, depth_cutoff, support_cutoff, binary, feature_values, verbose)


def _ordered_best_stump(feature_names, labeled_featuresets, verbose=False):
    return _ORIG[1](_first_seen_names(labeled_featuresets), labeled_featuresets, verbose)


def _ordered_best_binary_stump(feature_names, labeled_featuresets, feature_values, verbose=False):
    return _ORIG[2](_first_seen_names(labeled_featuresets), labeled_featuresets, feature_values, verbose)


def tree_results(train, test, binary, ordered=True):
    """NLTK's DecisionTreeClassifier; `ordered`: with its sets of feature names and values
    iterated in first-occurrence order (Python's set order where that is fixed), as nlkit
    does, instead of the string-hash order that varies between runs."""
    if ordered:
        DecisionTreeClassifier.train = staticmethod(_ordered_train)
        DecisionTreeClassifier.best_stump = staticmethod(_ordered_best_stump)
        DecisionTreeClassifier.best_binary_stump = staticmethod(_ordered_best_binary_stump)
    try:
        t0 = time.perf_counter()
        c = DecisionTreeClassifier.train(train, binary=binary)
        t_train = time.perf_counter() - t0
    finally:
        DecisionTreeClassifier.train = staticmethod(_ORIG[0])
        DecisionTreeClassifier.best_stump = staticmethod(_ORIG[1])
        DecisionTreeClassifier.best_binary_stump = staticmethod(_ORIG[2])
    return {
        "binary": binary,
        "predictions": [c.classify(fs) for fs, _ in test],
        "accuracy": repr(float(accuracy(c, test))),
        "pretty": c.pretty_format(depth=TREE_DEPTH),
        "pseudocode": c.pseudocode(depth=TREE_DEPTH),
        "depth": TREE_DEPTH,
    }, t_train


def same_up_to_ties(a, b):
    """Same weight column line by line and the same lines: features whose weights print the
    same may swap places (NLTK orders them by their last bits, which depend on numpy's SIMD pow)."""
    la, lb = a.splitlines(), b.splitlines()
    return [x[:8] for x in la] == [x[:8] for x in lb] and sorted(la) == sorted(lb)


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b)) if a != b else 0.0


def write_cases():
    d = os.path.join(ROOT, "tests", "parity", "classify")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "cases.jsonl"), "w", encoding="utf-8") as fh:
        for name, make in CASES.items():
            train, test = make(True)
            jsonl(train, os.path.join(d, f"{name}_train.data"))
            jsonl(test, os.path.join(d, f"{name}_test.data"))
            res, _ = nltk_results(train, test)
            res["case"] = name
            fh.write(json.dumps(res, ensure_ascii=False) + "\n")
            print(f"{name}: {len(train)} train, {len(test)} test", file=sys.stderr)
    d2 = os.path.join(ROOT, "tests", "parity", "classify_maxent")
    os.makedirs(d2, exist_ok=True)
    with open(os.path.join(d2, "cases.jsonl"), "w", encoding="utf-8") as fh:
        for name, make in MAXENT_CASES.items():
            train, test = make(True)
            for algorithm in ("GIS", "IIS"):
                res, _ = maxent_results(train, test, algorithm)
                res["case"] = name
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                print(f"maxent {algorithm} {name}", file=sys.stderr)
    d3 = os.path.join(ROOT, "tests", "parity", "classify_tree")
    os.makedirs(d3, exist_ok=True)
    with open(os.path.join(d3, "cases.jsonl"), "w", encoding="utf-8") as fh:
        for name, make in TREE_CASES.items():
            train, test = make(True)
            for binary in (False, True):
                res, _ = tree_results(train, test, binary)
                res["case"] = name
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                print(f"decision tree binary={binary} {name}", file=sys.stderr)


def run(args):
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (CASES.items() if args.only in (None, "naivebayes") else ()):
            train, test = make(False)
            tr, te, m = (os.path.join(tmp, x) for x in ("train.jsonl", "test.jsonl", "m.cls"))
            jsonl(train, tr)
            jsonl(test, te)
            exp, _ = nltk_results(train, test)
            subprocess.run([args.nlkit, "classify", "train", "-o", m, tr], check=True)
            probs = [json.loads(l) for l in subprocess.run(
                [args.nlkit, "classify", "predict", "--probs", "-m", m, te],
                check=True, capture_output=True, text=True).stdout.splitlines()]
            preds = subprocess.run([args.nlkit, "classify", "predict", "-m", m, te],
                                   check=True, capture_output=True, text=True).stdout.splitlines()
            ev = dict(l.split("\t") for l in subprocess.run(
                [args.nlkit, "classify", "eval", "-m", m, te],
                check=True, capture_output=True, text=True).stdout.splitlines())
            show = subprocess.run([args.nlkit, "classify", "show", "-n", "10", "-m", m],
                                  check=True, capture_output=True, text=True).stdout
            same_pred = sum(1 for a, b in zip(exp["predictions"], preds) if a == b)
            pairs = [(float(e), p[l]) for ep, p in zip(exp["probs"], probs) for e, l in zip(ep, exp["labels"])]
            same_p = sum(1 for a, b in pairs if a == b)
            worst = max((abs(a - b) / max(abs(a), abs(b)) if a != b else 0.0) for a, b in pairs)
            ok = (same_pred == len(test) and worst <= 1e-12 and float(ev["accuracy"]) == float(exp["accuracy"])
                  and float(ev["log_likelihood"]) == float(exp["log_likelihood"]) and show == exp["show"])
            fails += not ok
            print(f"{name}: {len(train)} train / {len(test)} test; predictions {same_pred}/{len(test)} identical; "
                  f"probabilities {same_p}/{len(pairs)} identical (max rel diff {worst:.3g}); "
                  f"accuracy {ev['accuracy']} vs {exp['accuracy']}; log_likelihood {ev['log_likelihood']} vs "
                  f"{exp['log_likelihood']}; show_most_informative_features text "
                  f"{'identical' if show == exp['show'] else 'DIFFERENT'} -> {'OK' if ok else 'FAIL'}", flush=True)
            if show != exp["show"]:
                print(exp["show"], show, sep="\n---\n")
        for name, make in (MAXENT_CASES.items() if args.only in (None, "maxent") else ()):
            train, test = make(False)
            tr, te, m = (os.path.join(tmp, x) for x in ("train.jsonl", "test.jsonl", "m.cls"))
            jsonl(train, tr)
            jsonl(test, te)
            for algorithm in ("GIS", "IIS"):
                exp, _ = maxent_results(train, test, algorithm)
                subprocess.run([args.nlkit, "classify", "train", "--algorithm", "maxent-" + algorithm.lower(),
                                "--max-iter", str(MAXENT_ITER), "-o", m, tr], check=True)
                probs = [json.loads(l) for l in subprocess.run(
                    [args.nlkit, "classify", "predict", "--probs", "-m", m, te],
                    check=True, capture_output=True, text=True).stdout.splitlines()]
                preds = subprocess.run([args.nlkit, "classify", "predict", "-m", m, te],
                                       check=True, capture_output=True, text=True).stdout.splitlines()
                show = subprocess.run([args.nlkit, "classify", "show", "-n", "10", "-m", m],
                                      check=True, capture_output=True, text=True).stdout
                same_pred = sum(1 for a, b in zip(exp["predictions"], preds) if a == b)
                pairs = [(float(e), p[l]) for ep, p in zip(exp["probs"], probs) for e, l in zip(ep, exp["labels"])]
                same_p = sum(1 for a, b in pairs if a == b)
                worst = max(rel(a, b) for a, b in pairs)
                show_ok = show == exp["show"] or same_up_to_ties(show, exp["show"])
                ok = same_pred == len(test) and worst <= 1e-9 and show_ok
                fails += not ok
                print(f"maxent {algorithm} {name}: {len(train)} train / {len(test)} test, max_iter={MAXENT_ITER}; "
                      f"predictions {same_pred}/{len(test)} identical; probabilities {same_p}/{len(pairs)} identical "
                      f"(max rel diff {worst:.3g}); show_most_informative_features text "
                      f"{'identical' if show == exp['show'] else 'same up to near ties' if show_ok else 'DIFFERENT'}"
                      f" -> {'OK' if ok else 'FAIL'}", flush=True)
                if not show_ok:
                    print(exp["show"], show, sep="\n---\n")
        for name, make in (TREE_CASES.items() if args.only in (None, "decisiontree") else ()):
            train, test = make(False)
            tr, te, m = (os.path.join(tmp, x) for x in ("train.jsonl", "test.jsonl", "m.cls"))
            jsonl(train, tr)
            jsonl(test, te)
            for binary in (False, True):
                exp, _ = tree_results(train, test, binary)
                raw, _ = tree_results(train, test, binary, ordered=False)
                subprocess.run([args.nlkit, "classify", "train", "--algorithm", "decisiontree", "-o", m, tr]
                               + (["--binary"] if binary else []), check=True)
                preds = subprocess.run([args.nlkit, "classify", "predict", "-m", m, te],
                                       check=True, capture_output=True, text=True).stdout.splitlines()
                pretty = subprocess.run([args.nlkit, "classify", "show", "-n", str(TREE_DEPTH), "-m", m],
                                        check=True, capture_output=True, text=True).stdout
                pseudo = subprocess.run([args.nlkit, "classify", "show", "--pseudocode", "-n", str(TREE_DEPTH),
                                         "-m", m], check=True, capture_output=True, text=True).stdout
                same_pred = sum(1 for a, b in zip(exp["predictions"], preds) if a == b)
                ok = same_pred == len(test) and pretty == exp["pretty"] and pseudo == exp["pseudocode"]
                fails += not ok
                print(f"decision tree binary={binary} {name}: {len(train)} train / {len(test)} test; predictions "
                      f"{same_pred}/{len(test)} identical; pretty_format "
                      f"{'identical' if pretty == exp['pretty'] else 'DIFFERENT'}; pseudocode "
                      f"{'identical' if pseudo == exp['pseudocode'] else 'DIFFERENT'} ({exp['pretty'].count(chr(10))} "
                      f"lines) -> {'OK' if ok else 'FAIL'}; unpatched NLTK (hash-ordered sets, this run): "
                      f"tree {'identical' if raw['pretty'] == pretty else 'different'}, predictions "
                      f"{sum(1 for a, b in zip(raw['predictions'], preds) if a == b)}/{len(test)} identical", flush=True)
                if pretty != exp["pretty"]:
                    print(exp["pretty"], pretty, sep="\n---\n")
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--write-cases", action="store_true")
    ap.add_argument("--only", choices=["naivebayes", "maxent", "decisiontree"], help="run one classifier's cases")
    args = ap.parse_args()
    if args.write_cases:
        write_cases()
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
