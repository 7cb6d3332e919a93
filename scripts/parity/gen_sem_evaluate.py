#!/usr/bin/env python3
"""Model-evaluation parity cases: NLTK 3.10.4's Model.evaluate / satisfiers.

Takes the valuation and formulas of nltk/test/semantics.doctest (every
`evaluate(r'...'` / `evaluate('...'` string and the formulas of its test
tables), plus random formulas over the same symbols, evaluates them in NLTK
under a fixed assignment, and writes tests/parity/sem/evaluate.jsonl:
{"valuation", "assign", "formula", "want", "satisfiers"} (want: NLTK's value
as `nlkit sem evaluate` prints it, `Undefined`, or `ERROR` for an exception).

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_sem_evaluate.py
"""

import json
import os
import random
import re

import nltk
from nltk.sem import Assignment, Model, Valuation
from nltk.sem.logic import Expression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

VAL = """john => b1
mary => g1
suzie => g2
fido => d1
tess => d2
noosa => n
girl => {g1, g2}
boy => {b1, b2}
dog => {d1, d2}
bark => {d1, d2}
walk => {b1, g2, d1}
chase => {(b1, g1), (b2, g1), (g1, d1), (g2, d2)}
see => {(b1, g1), (b2, d2), (g1, b1),(d2, b1), (g2, n)}
in => {(b1, n), (b2, n), (d2, n)}
with => {(b1, g1), (g1, b1), (d1, b1), (b1, d1)}
"""
ASSIGN = [("x", "b1"), ("y", "g2")]


def fmt(v):
    if v is True:
        return "True"
    if v is False:
        return "False"
    if isinstance(v, str):
        return v
    if isinstance(v, set):
        if not v:
            return "set()"
        return "{" + ", ".join(repr(t) for t in sorted(v)) + "}"
    if isinstance(v, dict):
        return "{" + ", ".join("%r: %s" % (k, fmt(v[k]) if not isinstance(v[k], str) else repr(v[k]))
                               for k in sorted(v)) + "}"
    return repr(v)


def gen(r, d):
    preds1 = ["girl", "boy", "dog", "bark", "walk", "fly"]
    preds2 = ["chase", "see", "in", "with"]
    terms = ["john", "mary", "suzie", "fido", "tess", "noosa", "x", "y", "z", "w"]
    if d <= 0 or r.random() < 0.25:
        k = r.random()
        if k < 0.5:
            return "%s(%s)" % (r.choice(preds1), r.choice(terms))
        if k < 0.8:
            return "%s(%s, %s)" % (r.choice(preds2), r.choice(terms), r.choice(terms))
        return "%s = %s" % (r.choice(terms), r.choice(terms))
    k = r.randint(0, 5)
    if k == 0:
        return "-" + gen(r, d - 1)
    if k in (1, 2):
        return "(%s %s %s)" % (gen(r, d - 1), r.choice(["&", "|", "->", "<->"]), gen(r, d - 1))
    if k in (3, 4):
        return "%s %s.%s" % (r.choice(["exists", "all"]), r.choice(["x", "y", "z", "w"]), gen(r, d - 1))
    return "\\%s.%s(%s)" % (r.choice(["x", "z"]), gen(r, d - 1), r.choice(terms))


def main():
    doc = open(os.path.join(os.path.dirname(nltk.__file__), "test", "semantics.doctest"),
               encoding="utf-8").read()
    formulas = re.findall(r"evaluate\(r?'([^']*)'", doc)
    formulas += re.findall(r"\(\s*r?'([^']+)',\s*(?:True|False|'Undefined')\)", doc)
    r = random.Random(3)
    formulas += [gen(r, r.randint(0, 4)) for _ in range(600)]
    val = Valuation.fromstring(VAL)
    m = Model(val.domain, val)
    g = Assignment(val.domain, ASSIGN)
    out = []
    for f in dict.fromkeys(formulas):
        try:
            want = fmt(m.evaluate(f, g.copy()))
        except Exception:
            want = "ERROR"
        sat = None
        try:
            e = Expression.fromstring(f)
            if "x" in {v.name for v in e.free()}:
                sat = "[%s]" % ", ".join(repr(u) for u in sorted(m.satisfiers(e, "x", g.copy())))
        except Exception:
            sat = "ERROR"
        out.append({"formula": f, "want": want, "satisfiers": sat})
    path = os.path.join(ROOT, "tests", "parity", "sem", "evaluate.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"valuation": VAL, "assign": ASSIGN}) + "\n")
        for c in out:
            fh.write(json.dumps(c) + "\n")
    print("%d formulas (%d from semantics.doctest) -> %s" % (len(out), len(formulas) - 600, path))


if __name__ == "__main__":
    main()
