#!/usr/bin/env python3
"""Tree speed: NLTK 3.10.4 vs `nlkit tree` on the treebank sample, same run.

Usage (repo root, after `cargo build --release`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/tree.py [--nlkit target/release/nlkit] [--repeat 10]

Input: every tree of `nltk.corpus.treebank.parsed_sents()` (3,914 trees) as one-line
brackets, written REPEAT times to a file. Tasks, timed on both sides over the same text:
  read+pformat  Tree.fromstring(line) then pformat() (margin 70)   vs `nlkit tree --margin 70`
  read+cnf      fromstring, chomsky_normal_form(horzMarkov=2, vertMarkov=1), one line
                                                                    vs `nlkit tree --cnf --horz-markov 2 --vert-markov 1`
  read+pretty   fromstring, TreePrettyPrinter(t).text()             vs `nlkit tree --pretty`
NLTK time is the loop in Python (file read not counted); nlkit time is the whole
process (start-up, reading, writing), best of 3. Outputs are checked identical.
"""
import argparse
import os
import subprocess
import tempfile
import time

from nltk.corpus import treebank
from nltk.tree import Tree
from nltk.tree.prettyprinter import TreePrettyPrinter
from nltk.tree.transforms import chomsky_normal_form

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def nltk_pformat(lines):
    return "".join(Tree.fromstring(l).pformat() + "\n" for l in lines)


def nltk_cnf(lines):
    out = []
    for l in lines:
        t = Tree.fromstring(l)
        chomsky_normal_form(t, horzMarkov=2, vertMarkov=1)
        out.append(t.pformat(margin=10**9) + "\n")
    return "".join(out)


def nltk_pretty(lines):
    return "".join(TreePrettyPrinter(Tree.fromstring(l)).text() + "\n" for l in lines)


TASKS = [
    ("read+pformat", nltk_pformat, ["--margin", "70"]),
    ("read+cnf", nltk_cnf, ["--cnf", "--horz-markov", "2", "--vert-markov", "1"]),
    ("read+pretty", nltk_pretty, ["--pretty"]),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--pretty-repeat", type=int, default=1)
    a = ap.parse_args()
    base = [t.pformat(margin=10**9) for t in treebank.parsed_sents()]
    print(f"{'task':14s} {'trees':>7s} {'NLTK s':>8s} {'nlkit s':>8s} {'ratio':>7s}")
    for name, fn, args in TASKS:
        rep = a.pretty_repeat if name == "read+pretty" else a.repeat
        lines = base * rep
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("\n".join(lines) + "\n")
            path = f.name
        t0 = time.perf_counter()
        expected = fn(lines)
        tn = time.perf_counter() - t0
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            p = subprocess.run([a.nlkit, "tree", *args, path], capture_output=True, text=True, check=True)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        os.unlink(path)
        same = "identical" if p.stdout == expected else "DIFFERENT"
        print(f"{name:14s} {len(lines):7d} {tn:8.2f} {best:8.3f} {tn / best:6.1f}x  output {same}")


if __name__ == "__main__":
    main()
