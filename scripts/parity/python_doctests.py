#!/usr/bin/env python3
"""NLTK 3.10.4's own doctests, run plainly and with ``nlkit.patch_nltk()``.

For each ``nltk/test/<name>.doctest`` file this runs the file twice, each
in a fresh interpreter (plain NLTK, then NLTK after ``patch_nltk()``), with
the option flags NLTK's test suite uses (ELLIPSIS, NORMALIZE_WHITESPACE,
IGNORE_EXCEPTION_DETAIL), and prints the examples passed of those attempted
in both runs. Examples that fail in only one of the two runs are listed
(``--show``). Exit status 1 if any file passes fewer examples when patched.

    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/python_doctests.py [--show] [name ...]

Needs the ``nlkit`` Python package installed in the same interpreter
(``pip install ./python``).
"""

import argparse
import json
import os
import subprocess
import sys

DEFAULT = ["tokenize", "stem", "tag", "tree", "treetransforms", "treeprettyprinter", "chunk", "parse",
           "grammar", "probability", "collocations", "wordnet", "sentiment", "metrics", "bleu", "util",
           "featstruct"]

CHILD = r"""
import doctest, json, sys
path, patched = sys.argv[1], sys.argv[2] == "1"
if patched:
    import nlkit
    nlkit.patch_nltk()
flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.IGNORE_EXCEPTION_DETAIL
text = open(path, encoding="utf-8").read()
parser = doctest.DocTestParser()
test = parser.get_doctest(text, {"__name__": "__main__"}, path, path, 0)
failed = []

class Runner(doctest.DocTestRunner):
    def report_failure(self, out, test, example, got):
        failed.append((example.lineno + 1, example.source.strip()[:120]))
    def report_unexpected_exception(self, out, test, example, exc_info):
        failed.append((example.lineno + 1, example.source.strip()[:120]))

r = Runner(optionflags=flags, verbose=False)
r.run(test, out=lambda s: None, clear_globs=False)
print("@@RESULT@@" + json.dumps({"attempted": r.tries, "failed": failed}))
"""


def run(path, patched, timeout):
    try:
        p = subprocess.run([sys.executable, "-c", CHILD, path, "1" if patched else "0"],
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    for line in p.stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@"):])
    sys.stderr.write(p.stderr[-2000:])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", default=DEFAULT)
    ap.add_argument("--show", action="store_true", help="list the examples whose outcome differs")
    ap.add_argument("--timeout", type=int, default=600)
    a = ap.parse_args()
    import nltk
    testdir = os.path.join(os.path.dirname(nltk.__file__), "test")
    worse = False
    print(f"{'file':24} {'plain NLTK':>14} {'patch_nltk()':>14}")
    tot = [0, 0, 0]
    for name in a.names:
        path = os.path.join(testdir, name + ".doctest")
        plain, patched = run(path, False, a.timeout), run(path, True, a.timeout)
        if plain is None or patched is None:
            print(f"{name + '.doctest':24} {'error/timeout':>14}")
            worse = worse or (plain is not None)
            continue
        pp = plain["attempted"] - len(plain["failed"])
        qp = patched["attempted"] - len(patched["failed"])
        tot[0] += pp
        tot[1] += qp
        tot[2] += plain["attempted"]
        mark = "" if qp >= pp else "  <-- fewer"
        worse = worse or qp < pp
        print(f"{name + '.doctest':24} {pp:>6}/{plain['attempted']:<7} {qp:>6}/{patched['attempted']:<7}{mark}")
        if a.show:
            a_set, b_set = set(map(tuple, plain["failed"])), set(map(tuple, patched["failed"]))
            for ln, src in sorted(b_set - a_set):
                print(f"    fails only patched, line {ln}: {src}")
            for ln, src in sorted(a_set - b_set):
                print(f"    fails only plain, line {ln}: {src}")
    print(f"{'total':24} {tot[0]:>6}/{tot[2]:<7} {tot[1]:>6}/{tot[2]:<7}")
    sys.exit(1 if worse else 0)


if __name__ == "__main__":
    main()
