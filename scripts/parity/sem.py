#!/usr/bin/env python3
"""Parity of `nlkit sem parse|simplify` with NLTK 3.10.4 on random formulas.

Generates random formulas (nested lambdas, quantifiers, applications of
lambdas to arguments, variable-capture cases, equality, all connectives and
their alternative spellings) plus mutated copies (a character deleted,
duplicated or swapped) that are often malformed, then prints per formula
NLTK's str(Expression.fromstring(f)) and str(....simplify()) (one Python
process, fresh-variable counter running across lines as in the CLI) and
compares them with nlkit's output line by line. NLTK errors are compared as
nlkit prints them: `error: <first message line> (at character N)`.

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/sem.py [N] [SEED]
(needs target/release/nlkit or NLKIT=path).
"""

import os
import random
import subprocess
import sys

from nltk.sem import logic
from nltk.sem.logic import Expression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NLKIT = os.environ.get("NLKIT", os.path.join(ROOT, "target", "release", "nlkit"))

IND = ["x", "y", "z", "w", "z1", "z2", "x1"]
EVT = ["e", "e1", "e01"]
FUN = ["P", "Q", "R", "F", "F1"]
CONST = ["john", "mary", "walk", "see", "dog", "love"]


def gen(r, depth, bound):
    """A random well-formed-looking formula string."""
    if depth <= 0 or r.random() < 0.2:
        k = r.random()
        if k < 0.45:
            pred = r.choice(CONST + FUN)
            n = r.randint(1, 3)
            args = [r.choice(IND + EVT + CONST[:2] + bound) for _ in range(n)]
            return "%s(%s)" % (pred, r.choice([",", ", "]).join(args))
        if k < 0.6:
            return "%s = %s" % (r.choice(IND + CONST[:2]), r.choice(IND + CONST[:2]))
        if k < 0.7:
            return "%s != %s" % (r.choice(IND), r.choice(CONST[:2]))
        return r.choice(IND + FUN + CONST + EVT + bound)
    k = r.randint(0, 9)
    sub = lambda: gen(r, depth - 1, bound)
    if k == 0:
        return r.choice(["-", "- ", "!", "not "]) + sub()
    if k in (1, 2):
        op = r.choice(["&", "|", "->", "<->", "^", "and", "or", "=>", "<=>", "implies", "iff"])
        return "(%s %s %s)" % (sub(), op, sub())
    if k == 3:
        q = r.choice(["exists", "all", "some", "forall", "exist", "iota"])
        vs = r.sample(IND + EVT, r.randint(1, 2))
        return "%s %s.%s" % (q, " ".join(vs), gen(r, depth - 1, bound + vs))
    if k in (4, 5):
        v = r.choice(IND + FUN + EVT)
        body = gen(r, depth - 1, bound + [v])
        return "\\%s.%s" % (v, body)
    if k in (6, 7, 8):
        # application of a lambda: the reducible case, with capture traps
        v = r.choice(IND + EVT)
        inner = r.choice(IND)
        body = r.choice([
            "exists %s.%s(%s,%s)" % (inner, r.choice(CONST), v, inner),
            "\\%s.%s(%s,%s)" % (inner, r.choice(CONST), inner, v),
            gen(r, depth - 1, bound + [v]),
        ])
        arg = r.choice([r.choice(IND + CONST[:2]), gen(r, depth - 2, bound)])
        if r.random() < 0.3:
            return "(\\%s.%s)(%s)" % (v, body, arg)
        P = r.choice(FUN)
        pbody = "%s(%s)" % (P, r.choice(IND))
        if r.random() < 0.5:
            pbody = "exists %s.(%s & %s(%s))" % (inner, pbody, P, inner)
        lam = "\\%s.%s(%s)" % (r.choice(IND), r.choice(CONST), r.choice(IND))
        return "(\\%s.%s)(%s)" % (P, pbody, lam)
    return "%s(%s)" % (r.choice(FUN), sub())


def mutate(r, s):
    if not s:
        return s
    i = r.randrange(len(s))
    k = r.randint(0, 2)
    if k == 0:
        return s[:i] + s[i + 1:]
    if k == 1:
        return s[:i] + s[i] + s[i:]
    j = r.randrange(len(s))
    t = list(s)
    t[i], t[j] = t[j], t[i]
    return "".join(t)


def nltk_line(f, simplify):
    try:
        e = Expression.fromstring(f)
        if simplify:
            e = e.simplify()
        return str(e)
    except logic.LogicalExpressionException as ex:
        lines = str(ex).split("\n")
        if len(lines) >= 3 and lines[-1].endswith("^"):
            return "error: %s (at character %d)" % (lines[0], len(lines[-1]) - 1)
        return "error: " + lines[0]
    except Exception as ex:  # ValueError (size), RecursionError
        return "error: " + (str(ex).split("\n")[0] if str(ex) else type(ex).__name__)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    r = random.Random(seed)
    formulas = []
    while len(formulas) < n:
        f = gen(r, r.randint(1, 6), [])
        formulas.append(f)
        if r.random() < 0.25:
            formulas.append(mutate(r, f))
    formulas = [f for f in formulas if "\n" not in f][:n]
    text = "".join(f + "\n" for f in formulas)
    total = same = 0
    for mode in ("parse", "simplify"):
        logic._counter._value = 0
        want = [nltk_line(f, mode == "simplify") for f in formulas]
        got = subprocess.run([NLKIT, "sem", mode], input=text.encode(), capture_output=True,
                             check=True).stdout.decode().split("\n")[:-1]
        ok = 0
        shown = 0
        for f, w, g in zip(formulas, want, got):
            if w == g or (w.startswith("error: ") and g.startswith("error: ")
                          and not w.startswith("error: Unexpected")
                          and not w.startswith("error: End")
                          and "illegal" not in w and "is not a Lambda" not in w
                          and w.split(" (at")[0] == g.split(" (at")[0]):
                ok += 1
            elif shown < 5:
                shown += 1
                print("DIFF %s: %r\n  nltk:  %s\n  nlkit: %s" % (mode, f, w, g))
        if len(got) != len(want):
            print("line count differs: %d vs %d" % (len(got), len(want)))
        errors = sum(w.startswith("error: ") for w in want)
        print("%-8s %d/%d identical (%.2f %%), %d of them NLTK errors"
              % (mode, ok, len(want), 100.0 * ok / len(want), errors))
        total += len(want)
        same += ok
    print("overall  %.2f %% identical" % (100.0 * same / total))


if __name__ == "__main__":
    main()
