#!/usr/bin/env python3
"""Tree parity: NLTK 3.10.4 vs `nlkit tree` on every tree of the treebank sample.

    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/tree.py [--nlkit BIN] [--write-cases N]

Each tree of `nltk.corpus.treebank.parsed_sents()` is written as NLTK's one-line
`pformat(margin=10**9)`; nlkit reads them all in one run per mode (`--jsonl`) and
its output is compared with NLTK's on the same trees:

  oneline      read -> print one line        vs  pformat(margin=10**9), and re-read == tree
  pformat70    read -> pformat(margin=70)    vs  pformat() (= str(tree))
  pretty       --pretty                      vs  TreePrettyPrinter(t).text()
  unicode      --unicode                     vs  TreePrettyPrinter(t).text(unicodelines=True)
  cnf ...      --cnf with options            vs  chomsky_normal_form(...) then one line
  un_cnf       --un-cnf on NLTK's CNF output vs  un_chomsky_normal_form(...)
  collapse ... --collapse-unary with options vs  collapse_unary(...)

Prints trees / identical / % per mode. `--write-cases N` also writes the first
N trees of each mode (and every mismatch) to tests/parity/tree/<mode>.jsonl
as {"args": [...], "input": ..., "expected": ...}.
"""
import argparse
import copy
import json
import os
import subprocess
import sys

from nltk.corpus import treebank
from nltk.tree import Tree
from nltk.tree.prettyprinter import TreePrettyPrinter
from nltk.tree.transforms import chomsky_normal_form, collapse_unary, un_chomsky_normal_form

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIG = 10**9


def one(t):
    return t.pformat(margin=BIG)


def transformed(t, fn, **kw):
    t = copy.deepcopy(t)
    fn(t, **kw)
    return one(t)


def modes(trees):
    cnf_combos = [
        ("cnf", [], {}),
        ("cnf_left", ["--factor", "left"], {"factor": "left"}),
        ("cnf_h2", ["--horz-markov", "2"], {"horzMarkov": 2}),
        ("cnf_v1", ["--vert-markov", "1"], {"vertMarkov": 1}),
        ("cnf_left_h1_v2", ["--factor", "left", "--horz-markov", "1", "--vert-markov", "2"],
         {"factor": "left", "horzMarkov": 1, "vertMarkov": 2}),
    ]
    out = [
        ("oneline", [], [one(t) for t in trees], None),
        ("pformat70", ["--margin", "70"], [t.pformat() for t in trees], None),
        ("pretty", ["--pretty"], [TreePrettyPrinter(t).text() for t in trees], None),
        ("unicode", ["--unicode"], [TreePrettyPrinter(t).text(unicodelines=True) for t in trees], None),
    ]
    for name, args, kw in cnf_combos:
        out.append((name, ["--cnf"] + args, [transformed(t, chomsky_normal_form, **kw) for t in trees], None))
    cnfed = [transformed(t, chomsky_normal_form, horzMarkov=2, vertMarkov=1) for t in trees]
    collapsed = []
    for s in cnfed:
        t = Tree.fromstring(s)
        un_chomsky_normal_form(t)
        collapsed.append(one(t))
    out.append(("un_cnf", ["--un-cnf"], collapsed, cnfed))
    cu = [transformed(t, collapse_unary, collapsePOS=True) for t in trees]
    cu_in = cu
    back = []
    for s in cu_in:
        t = Tree.fromstring(s)
        un_chomsky_normal_form(t)
        back.append(one(t))
    out.append(("un_cnf_collapsed", ["--un-cnf"], back, cu_in))
    out.append(("collapse", ["--collapse-unary"], [transformed(t, collapse_unary) for t in trees], None))
    out.append(("collapse_pos_root", ["--collapse-unary", "--collapse-pos", "--collapse-root"],
                [transformed(t, collapse_unary, collapsePOS=True, collapseRoot=True) for t in trees], None))
    return out


def run_nlkit(binary, args, inputs):
    p = subprocess.run([binary, "tree", "--jsonl", *args], input="\n".join(inputs) + "\n",
                       capture_output=True, text=True, check=False)
    if p.returncode != 0:
        raise SystemExit(f"nlkit tree {' '.join(args)} failed: {p.stderr}")
    return [json.loads(l) for l in p.stdout.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=None)
    ap.add_argument("--write-cases", type=int, default=0)
    a = ap.parse_args()
    binary = a.nlkit
    if binary is None:
        cands = [os.path.join(ROOT, c) for c in ("target/release/nlkit", "target/debug/nlkit")]
        binary = next((c for c in cands if os.path.exists(c)), None)
        if binary is None:
            raise SystemExit("build nlkit first (cargo build --release)")
    trees = list(treebank.parsed_sents())
    lines = [one(t) for t in trees]
    total_ok = total = 0
    for name, args, expected, inputs in modes(trees):
        inputs = inputs or lines
        got = run_nlkit(binary, args, inputs)
        ok = sum(g == e for g, e in zip(got, expected)) if len(got) == len(expected) else 0
        if name == "oneline":
            # read -> print -> read gives the same tree
            ok = sum(g == e and Tree.fromstring(g) == t for g, e, t in zip(got, expected, trees))
        total_ok += ok
        total += len(expected)
        print(f"{name:20s} trees {len(expected):5d}  identical {ok:5d}  {100 * ok / len(expected):7.3f} %")
        bad = [i for i, (g, e) in enumerate(zip(got, expected)) if g != e]
        for i in bad[:2]:
            print(f"   MISMATCH #{i}: input {inputs[i]!r}\n      NLTK  {expected[i]!r}\n      nlkit {got[i]!r}")
        if a.write_cases:
            keep = sorted(set(range(min(a.write_cases, len(expected)))) | set(bad[:20]))
            with open(os.path.join(ROOT, "tests/parity/tree", f"{name}.jsonl"), "w") as f:
                for i in keep:
                    f.write(json.dumps({"args": args, "input": inputs[i], "expected": expected[i]},
                                       ensure_ascii=False) + "\n")
    print(f"{'all':20s} trees {total:5d}  identical {total_ok:5d}  {100 * total_ok / total:7.3f} %")


if __name__ == "__main__":
    sys.exit(main())
