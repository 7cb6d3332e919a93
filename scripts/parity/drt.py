#!/usr/bin/env python3
"""Parity of `nlkit sem drt` with NLTK 3.10.4's nltk.sem.drt on random DRT expressions.

Generates random DRT expressions (DRSs with referents and conditions, merges
`+`, conditionals `->`, disjunction, negation, equality, PRO(x) pronouns,
propositions, lambdas and reducible applications with capture traps) plus
mutated copies (a character deleted, duplicated or swapped) that are often
malformed, and compares per line, for each --op (parse, simplify, fol,
resolve, pretty), NLTK's result with `nlkit sem drt --op OP`'s (one process
each, fresh-variable counter running across lines). NLTK errors are compared
as nlkit prints them: `error: <first message line> (at character N)`.

NLTK walks Python sets in some places (referents shared by two merged DRSs,
referents a substitution must rename), so a few results depend on
PYTHONHASHSEED. NLTK runs under PYTHONHASHSEED 0..7 (simplify) or 0..1; lines whose
results differ between them are reported as order-dependent and left out
of the score (nlkit goes in name order).

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/drt.py [N] [SEED] [--write K]
(needs target/release/nlkit or NLKIT=path). --write K stores the first K
order-independent cases of each op in tests/parity/drt/random.jsonl.
"""

import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NLKIT = os.environ.get("NLKIT", os.path.join(ROOT, "target", "release", "nlkit"))
OPS = ("parse", "simplify", "fol", "resolve", "pretty")

IND = ["x", "y", "z", "w", "z1", "x1"]
EVT = ["e", "e1", "e01"]
FUN = ["P", "Q", "F1"]
CONST = ["john", "mary", "walk", "see", "dog"]


def atom(r, bound):
    k = r.random()
    if k < 0.55:
        pred = r.choice(CONST + FUN)
        args = [r.choice(IND + EVT + CONST[:2] + bound) for _ in range(r.randint(1, 3))]
        return "%s(%s)" % (pred, r.choice([",", ", "]).join(args))
    if k < 0.7:
        return "PRO(%s)" % r.choice(IND + EVT[:2])
    if k < 0.8:
        return "%s %s %s" % (r.choice(IND + bound), r.choice(["=", "==", "!="]),
                             r.choice(IND + CONST[:2]))
    return r.choice(IND + FUN + CONST + EVT + bound)


def drs(r, depth, bound):
    refs = r.sample(IND + EVT, r.randint(0, 3))
    inner = bound + refs
    conds = [cond(r, depth - 1, inner) for _ in range(r.randint(0, 3))]
    sep = r.choice([",", ", ", " "])
    form = r.choice(["([%s],[%s])", "([%s],[%s])", "DRS([%s],[%s])", "([%s][%s])"])
    return form % (sep.join(refs), ", ".join(conds))


def cond(r, depth, bound):
    if depth <= 0 or r.random() < 0.4:
        return atom(r, bound)
    k = r.randint(0, 7)
    if k == 0:
        return "-" + drs(r, depth - 1, bound)
    if k == 1:
        return "(%s -> %s)" % (drs(r, depth - 1, bound), drs(r, depth - 1, bound))
    if k == 2:
        return "(%s | %s)" % (drs(r, depth - 1, bound), drs(r, depth - 1, bound))
    if k == 3:
        return "(%s + %s -> %s)" % (drs(r, depth - 1, bound), drs(r, depth - 1, bound),
                                    drs(r, depth - 1, bound))
    if k == 4:
        return "%s:%s" % (r.choice(["p", "q1"]), drs(r, depth - 1, bound))
    return atom(r, bound)


def gen(r, depth, bound):
    k = r.randint(0, 9)
    if depth <= 0 or k <= 3:
        return drs(r, depth, bound)
    sub = lambda: gen(r, depth - 1, bound)
    if k == 4:
        return "%s + %s" % (sub(), sub())
    if k == 5:
        return "(%s + %s)" % (drs(r, depth - 1, bound), sub())
    if k == 6:
        v = r.choice(IND + FUN)
        return "\\%s.%s" % (v, gen(r, depth - 1, bound + [v]))
    if k == 7:
        # a reducible application with capture traps
        v = r.choice(IND)
        body = drs(r, depth - 1, bound + [v])
        arg = r.choice(IND + CONST[:2])
        return "(\\%s.%s)(%s)" % (v, body, arg)
    if k == 8:
        P = r.choice(["P", "Q"])
        return "(\\%s.(%s + %s(x)))(\\y.%s)" % (P, drs(r, depth - 1, bound), P,
                                                 drs(r, depth - 1, bound + ["y"]))
    return "%s -> %s" % (drs(r, depth - 1, bound), drs(r, depth - 1, bound))


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


def nltk_worker(op):
    """Reads inputs on stdin, prints one JSON [counter_before, result] per line."""
    from nltk.sem import logic
    from nltk.sem.drt import DrtExpression, resolve_anaphora
    logic._counter._value = 0
    for line in sys.stdin.read().split("\n")[:-1]:
        before = logic._counter._value
        try:
            d = DrtExpression.fromstring(line)
            if op == "simplify":
                res = str(d.simplify())
            elif op == "fol":
                res = str(d.fol())
            elif op == "resolve":
                res = str(resolve_anaphora(d))
                if "None" in res:
                    res = "error: None"  # NLTK returns None for a proposition
            elif op == "pretty":
                res = d.pretty_format()
            else:
                res = str(d)
        except logic.LogicalExpressionException as ex:
            lines = str(ex).split("\n")
            if len(lines) >= 3 and lines[-1].endswith("^"):
                res = "error: %s (at character %d)" % (lines[0], len(lines[-1]) - 1)
            else:
                res = "error: " + lines[0]
        except Exception as ex:
            res = "error: " + (str(ex).split("\n")[0] if str(ex) else type(ex).__name__)
        print(json.dumps([before, res]))


def run_nltk(op, text, hashseed):
    env = dict(os.environ, PYTHONHASHSEED=str(hashseed))
    out = subprocess.run([sys.executable, __file__, "--nltk-worker", op], input=text.encode(),
                         capture_output=True, check=True, env=env).stdout.decode()
    return [json.loads(x) for x in out.split("\n") if x]


def same(w, g):
    """NLTK's non-parser errors (AssertionError, AttributeError, ...) have no
    nlkit equivalent message: any nlkit error matches them."""
    if w == g:
        return True
    parser_error = (" (at character " in w or "Antecedent" in w or "Cannot convert" in w
                    or "does not resolve" in w)
    return w.startswith("error: ") and g.startswith("error: ") and not parser_error


def main():
    if sys.argv[1:2] == ["--nltk-worker"]:
        return nltk_worker(sys.argv[2])
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    write = 0
    if "--write" in sys.argv:
        write = int(sys.argv[sys.argv.index("--write") + 1])
        args = [a for a in args if a != str(write)]
    n = int(args[0]) if args else 2000
    seed = int(args[1]) if len(args) > 1 else 1
    r = random.Random(seed)
    inputs = []
    while len(inputs) < n:
        s = gen(r, r.randint(1, 4), [])
        inputs.append(s)
        if r.random() < 0.25:
            inputs.append(mutate(r, s))
    inputs = [s for s in inputs if "\n" not in s][:n]
    text = "".join(s + "\n" for s in inputs)
    stored = []
    total = ok_all = 0
    for op in OPS:
        # simplify walks sets: eight hash seeds catch nearly every
        # order-dependent line (two suffice elsewhere)
        runs = [run_nltk(op, text, h) for h in range(8 if op == "simplify" else 2)]
        a = runs[0]
        b = [[c, w if all(r[i][1] == w for r in runs) else None]
             for i, (c, w) in enumerate(a)]
        out = subprocess.run([NLKIT, "sem", "drt", "--op", op], input=text.encode(),
                             capture_output=True, check=True).stdout.decode()
        if op == "pretty":
            got = out.split("\n\n")[:-1]
        else:
            got = out.split("\n")[:-1]
        if len(got) != len(inputs):
            print("%s: line count differs: %d vs %d" % (op, len(got), len(inputs)))
        ok = dep = errors = shown = 0
        kept = 0
        for s, (c, w), (_, w2), g in zip(inputs, a, b, got):
            if w != w2:
                dep += 1
                continue
            errors += w.startswith("error: ")
            if same(w, g):
                ok += 1
            elif shown < 5:
                shown += 1
                print("DIFF %s: %r\n  nltk:  %s\n  nlkit: %s" % (op, s, w, g))
            if kept < write:
                kept += 1
                stored.append({"op": op, "input": s, "counter": c, "want": w})
        scored = len(inputs) - dep
        print("%-8s %d/%d identical (%.2f %%), %d NLTK errors, %d order-dependent left out"
              % (op, ok, scored, 100.0 * ok / max(scored, 1), errors, dep))
        total += scored
        ok_all += ok
    print("overall  %.2f %% identical" % (100.0 * ok_all / max(total, 1)))
    if write:
        path = os.path.join(ROOT, "tests", "parity", "drt", "random.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for c in stored:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print("wrote %d cases to %s" % (len(stored), path))


if __name__ == "__main__":
    main()
