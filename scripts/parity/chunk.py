#!/usr/bin/env python3
"""Chunker parity with NLTK 3.10.4 on the whole CoNLL-2000 test set.

    cargo build --release
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/chunk.py [--nlkit target/release/nlkit]

1. For each NLTK book chapter 7 grammar (and NLTK's regexp demo grammars):
   the share of test sentences whose RegexpParser tree (one-line pformat) is
   identical in NLTK and nlkit, and NLTK's vs nlkit's ChunkScore (IOB
   accuracy, precision, recall, F-measure) over the grammar's chunk types.
2. F-measure of the trained chunkers on all CoNLL-2000 chunk types: the
   book's unigram and bigram chunkers (NLTK and nlkit, trained on
   conll2000 train), and nlkit's embedded perceptron chunker.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chunk_common import ALL_TYPES, GRAMMARS, ROOT, UnigramChunker, gold, tagged_test  # noqa: E402

import nltk  # noqa: E402


def nlkit(exe, args, stdin=None):
    r = subprocess.run([exe] + args, input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"nlkit {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def score_dict(s):
    return {"accuracy": s.accuracy(), "precision": s.precision(), "recall": s.recall(), "f_measure": s.f_measure()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--limit", type=int, default=None, help="first N test sentences only")
    ap.add_argument("--trained-only", action="store_true", help="skip the RegexpParser part")
    ap.add_argument("--grammars-only", action="store_true", help="skip the trained chunkers")
    a = ap.parse_args()
    sents = tagged_test(a.limit)
    lines = "\n".join(" ".join(f"{w}/{t}" for w, t in s) for s in sents) + "\n"
    tmp = tempfile.mkdtemp()
    test_path = os.path.join(ROOT, ".nltk_data", "corpora", "conll2000", "test.txt")
    print(f"RegexpParser on conll2000 test ({len(sents)} sentences)")
    print(f"{'grammar':28} {'identical trees':>16} {'ChunkScore NLTK (acc/P/R/F)':>32} {'nlkit':>28} same")
    all_ok = True
    sub = None
    for name, grammar, loop, types in [] if a.trained_only else GRAMMARS:
        cp = nltk.RegexpParser(grammar, loop=loop)
        want = [cp.parse(s).pformat(margin=10**9) for s in sents]
        gpath = os.path.join(tmp, name + ".grammar")
        with open(gpath, "w") as f:
            f.write(grammar)
        got = nlkit(a.nlkit, ["chunk", "--grammar", gpath, "--loop", str(loop)], lines).splitlines()
        same = sum(1 for x, y in zip(want, got) if x == y) if len(got) == len(want) else 0
        pct = 100.0 * same / len(want)
        g = gold(types)
        if a.limit:
            g = g[: a.limit]
        ns = score_dict(cp.accuracy(g))
        args = ["eval-chunker", "--grammar", gpath, "--loop", str(loop), "--chunk-types", ",".join(types), "--json"]
        if a.limit:
            sub = os.path.join(tmp, "test_slice.txt")
            with open(test_path) as f:
                blocks = f.read().split("\n\n")[: a.limit]
            with open(sub, "w") as f:
                f.write("\n\n".join(blocks) + "\n")
            args += ["--test", sub]
        ks = json.loads(nlkit(a.nlkit, args))
        eq = all(abs(ns[k] - ks[k]) < 1e-12 for k in ns)
        all_ok &= eq and same == len(want)
        fmt = lambda d: "/".join(f"{100 * d[k]:.2f}" for k in ["accuracy", "precision", "recall", "f_measure"])
        print(f"{name:28} {pct:15.2f}% {fmt(ns):>32} {fmt(ks):>28} {'yes' if eq else 'NO'}")
    if a.grammars_only:
        sys.exit(0 if all_ok else 1)
    print()
    print("Trained chunkers, conll2000 test, all 11 chunk types (F-measure %)")
    train = gold(ALL_TYPES, "train.txt")
    test = gold(ALL_TYPES)
    if a.limit:
        test = test[: a.limit]
    rows = []
    for kind, bigram in [("unigram", False), ("bigram", True)]:
        c = UnigramChunker(train, bigram=bigram)
        nf = 100 * c.accuracy(test).f_measure()
        ks = json.loads(nlkit(a.nlkit, ["eval-chunker", "--ngram", kind, "--json"] + (["--test", sub] if a.limit else [])))
        rows.append((f"{kind} chunker (NLTK book)", f"{nf:.2f}", f"{100 * ks['f_measure']:.2f}"))
    ks = json.loads(nlkit(a.nlkit, ["eval-chunker", "--json"] + (["--test", sub] if a.limit else [])))
    rows.append(("perceptron chunker (nlkit default)", "-", f"{100 * ks['f_measure']:.2f}"))
    print(f"{'chunker':36} {'NLTK':>8} {'nlkit':>8}")
    for r in rows:
        print(f"{r[0]:36} {r[1]:>8} {r[2]:>8}")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
