#!/usr/bin/env python3
"""Metrics parity: NLTK 3.10.4's nltk.metrics / nltk.util vs nlkit on random inputs.

Usage (repo root):
    cargo build --release --example metrics_tool
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/metrics.py [--cases 300] [--tool PATH]

For every function it draws random inputs (words over small alphabets so that
matches, transpositions and ties happen; random label sets; random 0/1
segmentations; random annotation tables), computes NLTK's answer and nlkit's
(examples/metrics_tool.rs), and counts identical answers: floats equal within
1e-12 relative (absolute below 1, see same()), everything else exactly equal, NLTK exceptions = nlkit errors.
Prints one line per function and the first differences; exit 1 on any.
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
import warnings

from nltk.metrics import ConfusionMatrix, agreement, scores, segmentation
from nltk.metrics import distance as D
from nltk.util import everygrams, ngrams, skipgrams

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
warnings.simplefilter("ignore")


def word(r, alpha="abcde", lo=0, hi=9):
    return "".join(r.choice(alpha) for _ in range(r.randint(lo, hi)))


def gen(r, n):
    cases = []
    alphas = ["ab", "abc", "abcdef", "aé🙂ß", "abcdefghijklmnopqrstuvwxyz"]
    for _ in range(n):
        a = r.choice(alphas)
        s1, s2 = word(r, a), word(r, a)
        if r.random() < 0.2:
            s2 = s1
        cases.append({"fn": "edit_distance", "s1": s1, "s2": s2, "sub": r.choice([1, 1, 2, 0]),
                      "trans": r.random() < 0.5})
        cases.append({"fn": "edit_distance_align", "s1": s1, "s2": s2, "sub": r.choice([1, 2])})
        cases.append({"fn": "jaro_similarity", "s1": s1, "s2": s2})
        cases.append({"fn": "jaro_winkler_similarity", "s1": s1, "s2": s2,
                      "p": r.choice([0.1, 0.2, 0.125, 0.25]), "max_l": r.choice([4, 0, 2, 100])})
        la = sorted({word(r, "abcd", 1, 2) for _ in range(r.randint(0, 4))})
        lb = sorted({word(r, "abcd", 1, 2) for _ in range(r.randint(0, 4))})
        cases.append({"fn": "jaccard_distance", "a": la, "b": lb})
        cases.append({"fn": "masi_distance", "a": la, "b": lb})
        cases.append({"fn": "binary_distance", "a": r.choice(la or ["x"]), "b": r.choice(lb or ["x"])})
        cases.append({"fn": "interval_distance", "a": r.randint(-50, 50), "b": r.uniform(-50, 50)})
        cases.append({"fn": "precision", "a": la, "b": lb})
        cases.append({"fn": "recall", "a": la, "b": lb})
        cases.append({"fn": "f_measure", "a": la, "b": lb, "alpha": r.choice([0.5, 0.3, 0.9])})
        ln = r.randint(0, 30)
        sa = "".join(r.choice("0001") for _ in range(ln))
        sb = "".join(r.choice("0001") for _ in range(ln))
        cases.append({"fn": "windowdiff", "a": sa, "b": sb, "k": r.randint(0, ln + 1),
                      "weighted": r.random() < 0.5})
        cases.append({"fn": "pk", "a": sa, "b": sb, "k": r.choice([None, r.randint(0, ln + 2)])})
        labels = [word(r, "ABCD", 1, 2) for _ in range(r.randint(1, 25))]
        tests = [x if r.random() < 0.6 else word(r, "ABCD", 1, 2) for x in labels]
        cases.append({"fn": "confusion", "a": labels, "b": tests,
                      "show_percents": r.random() < 0.3, "values_in_chart": r.random() < 0.8,
                      "truncate": r.choice([0, 0, 2, 3]), "sort_by_count": r.random() < 0.4})
        coders = ["c%d" % i for i in range(r.randint(2, 4))]
        items = ["i%02d" % i for i in range(r.randint(2, 12))]
        dist = r.choice(["binary", "binary", "masi", "jaccard", "interval"])
        data = []
        for c in coders:
            for it in items:
                if dist in ("masi", "jaccard"):
                    lab = sorted({r.choice("xyz") for _ in range(r.randint(1, 3))})
                elif dist == "interval":
                    lab = r.randint(1, 5)
                else:
                    lab = r.choice(["p", "q", "s"][: r.randint(1, 3)])
                data.append([c, it, lab])
        for what in ("kappa", "multi_kappa", "pi", "S", "alpha", "avg_Ao", "weighted_kappa"):
            cases.append({"fn": "task", "what": what, "distance": dist, "data": data})
        seq = [word(r, "abc", 1, 1) for _ in range(r.randint(0, 8))]
        left = r.choice([None, "<s>"])
        right = r.choice([None, "</s>"])
        cases.append({"fn": "ngrams", "seq": seq, "n": r.randint(1, 4), "left": left, "right": right})
        cases.append({"fn": "everygrams", "seq": seq, "min_len": r.randint(1, 2),
                      "max_len": r.choice([None, 1, 2, 3, 5]), "left": left, "right": right})
        cases.append({"fn": "skipgrams", "seq": seq, "n": r.randint(1, 4), "k": r.randint(0, 3)})
    return cases


def nltk_value(c):
    f = c["fn"]
    if f == "edit_distance":
        return D.edit_distance(c["s1"], c["s2"], substitution_cost=c["sub"], transpositions=c["trans"])
    if f == "edit_distance_align":
        return [list(p) for p in D.edit_distance_align(c["s1"], c["s2"], substitution_cost=c["sub"])]
    if f == "jaro_similarity":
        return D.jaro_similarity(c["s1"], c["s2"])
    if f == "jaro_winkler_similarity":
        return D.jaro_winkler_similarity(c["s1"], c["s2"], p=c["p"], max_l=c["max_l"])
    if f in ("jaccard_distance", "masi_distance"):
        return getattr(D, f)(set(c["a"]), set(c["b"]))
    if f == "binary_distance":
        return D.binary_distance(c["a"], c["b"])
    if f == "interval_distance":
        return float(D.interval_distance(c["a"], c["b"]))
    if f in ("precision", "recall"):
        return getattr(scores, f)(set(c["a"]), set(c["b"]))
    if f == "f_measure":
        return scores.f_measure(set(c["a"]), set(c["b"]), alpha=c["alpha"])
    if f == "windowdiff":
        return segmentation.windowdiff(c["a"], c["b"], c["k"], weighted=c["weighted"])
    if f == "pk":
        return segmentation.pk(c["a"], c["b"], c["k"])
    if f == "confusion":
        cm = ConfusionMatrix(c["a"], c["b"])
        return cm.pretty_format(show_percents=c["show_percents"], values_in_chart=c["values_in_chart"],
                                truncate=c["truncate"] or None, sort_by_count=c["sort_by_count"])
    if f == "task":
        dist = {"binary": D.binary_distance, "masi": D.masi_distance,
                "jaccard": D.jaccard_distance, "interval": D.interval_distance}[c["distance"]]
        data = [(x[0], x[1], frozenset(x[2]) if isinstance(x[2], list) else x[2]) for x in c["data"]]
        t = agreement.AnnotationTask(data=data, distance=dist)
        m = {"kappa": t.kappa, "multi_kappa": t.multi_kappa, "pi": t.pi, "S": t.S,
             "alpha": t.alpha, "avg_Ao": t.avg_Ao, "weighted_kappa": t.weighted_kappa}[c["what"]]
        return float(m())
    if f == "ngrams":
        kw = {}
        if c["left"] is not None:
            kw.update(pad_left=True, left_pad_symbol=c["left"])
        if c["right"] is not None:
            kw.update(pad_right=True, right_pad_symbol=c["right"])
        return [list(g) for g in ngrams(c["seq"], c["n"], **kw)]
    if f == "everygrams":
        kw = {}
        if c["left"] is not None:
            kw.update(pad_left=True, left_pad_symbol=c["left"])
        if c["right"] is not None:
            kw.update(pad_right=True, right_pad_symbol=c["right"])
        ml = -1 if c["max_len"] is None else c["max_len"]
        return [list(g) for g in everygrams(c["seq"], min_len=c["min_len"], max_len=ml, **kw)]
    if f == "skipgrams":
        return [list(g) for g in skipgrams(c["seq"], c["n"], c["k"])]
    raise ValueError(f)


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        # 1e-12 relative; near 0 (kappas of chance-level agreement are
        # differences of nearly equal numbers) 1e-12 absolute: NLTK sums over
        # Python sets of coders, whose order changes with the hash seed.
        return a == b or abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    return a == b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=28)
    ap.add_argument("--tool", default=os.path.join(ROOT, "target", "release", "examples", "metrics_tool"))
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    cases = gen(random.Random(args.seed), args.cases)
    expected = []
    for c in cases:
        try:
            expected.append(("value", nltk_value(c)))
        except Exception as e:  # noqa: BLE001 - NLTK's exception is the expected answer
            expected.append(("error", f"{type(e).__name__}: {e}"))
    inp = "".join(json.dumps(c) + "\n" for c in cases).encode()
    out = subprocess.run([args.tool, "parity"], input=inp, capture_output=True, check=True).stdout
    got = [json.loads(line) for line in out.decode().splitlines()]
    assert len(got) == len(cases)
    stats, diffs = {}, []
    for c, (kind, exp), g in zip(cases, expected, got):
        key = c["fn"] + (":" + c["what"] if c["fn"] == "task" else "")
        st = stats.setdefault(key, [0, 0])
        st[0] += 1
        ok = ("error" in g) if kind == "error" else ("value" in g and same(exp, g["value"]))
        if ok:
            st[1] += 1
        else:
            diffs.append((c, kind, exp, g))
    total = sum(s[0] for s in stats.values())
    ident = sum(s[1] for s in stats.values())
    for k, (n, okc) in sorted(stats.items()):
        print(f"{k:28s} {n:6d} cases  {100.0 * okc / n:8.3f} % identical")
    print(f"{'ALL':28s} {total:6d} cases  {100.0 * ident / total:8.3f} % identical")
    for c, kind, exp, g in diffs[: args.show]:
        print("DIFF", json.dumps(c)[:300], "\n  NLTK ", kind, repr(exp)[:300], "\n  nlkit", json.dumps(g)[:300])
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
