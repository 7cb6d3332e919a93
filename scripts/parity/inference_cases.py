#!/usr/bin/env python3
"""Cases for nlkit's provers from NLTK 3.10.4: resolution.doctest, the
resolution and tableau demos, and random formulas.

1. Every example of nltk/test/resolution.doctest that calls
   most_general_unification, Clause.unify / is_tautology / subsumes,
   ResolutionProverCommand(...).prove(), .proof() or .find_answers() becomes
   a case with its arguments printed by NLTK and the output as written in
   the doctest file (and the fresh-variable counter where it matters).
2. The goal/assumption pairs of nltk.inference.tableau.testTableauProver and
   nltk.inference.resolution.testResolutionProver are proved by both NLTK
   provers (NLTK's answer, or its exception, recorded).
3. N random small first-order problems (SEED) are proved by both provers;
   problems where NLTK ran into its time limit (TIMEOUT set to 2 s here) or
   that take NLTK more than 1.5 s are left out.

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/inference_cases.py [N] [SEED]
writes tests/parity/inference/cases.jsonl and prints the counts.
"""

import contextlib
import doctest
import io
import json
import os
import random
import re
import signal
import sys
import time

import nltk
from nltk.inference.resolution import ResolutionProver
from nltk.inference.tableau import TableauProver
from nltk.sem import logic
from nltk.sem.logic import Expression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "parity", "inference")

TABLEAU_DEMO = [
    ("P | -P", []), ("P & -P", []), ("Q", ["P", "(P -> Q)"]), ("man(x)", []),
    ("(man(x) -> man(x))", []), ("(man(x) -> --man(x))", []), ("-(man(x) and -man(x))", []),
    ("(man(x) or -man(x))", []), ("(man(x) iff man(x))", []), ("-(man(x) iff -man(x))", []),
    ("all x.man(x)", []), ("all x.all y.((x = y) -> (y = x))", []),
    ("all x.all y.all z.(((x = y) & (y = z)) -> (x = z))", []),
    ("mortal(Socrates)", ["all x.(man(x) -> mortal(x))", "man(Socrates)"]),
    ("some y.walks(y)", ["all x.(man(x) -> walks(x))", "man(John)"]),
    ("walks(x)", ["((x = y) & walks(y))"]),
    ("(x = w)", ["((x = y) & ((y = z) & (z = w)))"]),
    ("some e0.walk(e0,mary)", ["some e1.some e2.(believe(e1,john,e2) & walk(e2,mary))"]),
    ("(exists x.exists z3.((x = Mary) & ((z3 = John) & sees(z3,x))) <-> "
     "exists x.exists z4.((x = John) & ((z4 = Mary) & sees(x,z4))))", []),
    ("-all x.some y.F(x,y) & some x.all y.(-F(x,y))", []),
    ("some x.all y.sees(x,y)", []),
]


def strs(clause):
    return [str(a) for a in clause]


def doctest_cases():
    path = os.path.join(os.path.dirname(nltk.__file__), "test", "resolution.doctest")
    examples = doctest.DocTestParser().get_examples(open(path, encoding="utf-8").read())
    ns, cases, skipped = {}, [], 0
    for ex in examples:
        src = ex.source.strip()
        want = ex.want.rstrip("\n").replace("<BLANKLINE>", "")
        counter = logic._counter._value
        case = None
        try:
            m = re.fullmatch(r"print\(most_general_unification\((.*)\)\)", src)
            if m:
                a, b = eval("(%s,)" % m.group(1), ns)
                case = {"kind": "mgu", "a": str(a), "b": str(b)}
            m = m or re.fullmatch(r"print\((.+)\.unify\((.+)\)\)", src)
            if case is None and m:
                case = {"kind": "unify", "a": strs(eval(m.group(1), ns)),
                        "b": strs(eval(m.group(2), ns))}
            m2 = re.fullmatch(r"print\((.+)\.is_tautology\(\)\)", src)
            if m2:
                case = {"kind": "tautology", "a": strs(eval(m2.group(1), ns))}
            m2 = re.fullmatch(r"print\((.+)\.subsumes\((.+)\)\)", src)
            if m2:
                case = {"kind": "subsumes", "a": strs(eval(m2.group(1), ns)),
                        "b": strs(eval(m2.group(2), ns))}
            m2 = re.fullmatch(r"(?:print\()?ResolutionProverCommand\((.+)\)\.prove\(\)\)?", src)
            if m2:
                args = eval("(%s,)" % m2.group(1), ns)
                case = {"kind": "prove", "prover": "resolution", "goal": str(args[0]),
                        "assumptions": [str(a) for a in (args[1] if len(args) > 1 else [])]}
            m2 = re.fullmatch(r"(print\(tp\.proof\(\)\)|tp\.prove\(\)|sorted\(tp\.find_answers\(\)\))", src)
            if m2 and "doctest: +SKIP" not in ex.source and "tp" in ns:
                tp = ns["tp"]
                goal = tp.goal()
                kind = {"p": "proof", "t": "prove", "s": "answers"}[src[0]]
                if kind == "proof":
                    kind = "proof"
                case = {"kind": kind, "prover": "resolution",
                        "goal": None if goal is None else str(goal),
                        "assumptions": [str(a) for a in tp.assumptions()]}
                if kind in ("proof", "prove", "answers"):
                    case["counter"] = ns.get("_tp_counter", counter)
        except Exception:
            case = None
        if src.startswith("tp = "):
            ns["_tp_counter"] = logic._counter._value
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                exec(compile(ex.source, "<doctest>", "single"), ns)
            except Exception:
                pass
        if case is None:
            skipped += 1
            continue
        case["want"] = want
        case["source"] = "resolution.doctest:%d" % (ex.lineno + 1)
        cases.append(case)
    return cases, len(examples), skipped


class Slow(Exception):
    pass


def _alarm(signum, frame):
    raise Slow()


def run(prover, goal, assumptions):
    """NLTK's answer as a string, or None when it hit its time limit."""
    prover.TIMEOUT = 2
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, 2.5)
    t0 = time.perf_counter()
    try:
        g = Expression.fromstring(goal) if goal is not None else None
        r = prover.prove(g, [Expression.fromstring(a) for a in assumptions])
        if time.perf_counter() - t0 > 1.5:
            return None
        return str(r)
    except Slow:
        return None
    except Exception as e:  # noqa: BLE001 - NLTK's errors are part of the answer
        return "error: %s" % type(e).__name__
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


ATOMS = ["P(john)", "P(mary)", "Q(john)", "R(john,mary)", "P(x)", "Q(x)", "R(x,y)",
         "john = mary", "x = john"]


def gen(r, depth, bound):
    if depth <= 0 or r.random() < 0.3:
        a = r.choice(ATOMS)
        for v in ("x", "y"):
            if v not in bound:
                a = re.sub(r"\b%s\b" % v, r.choice(["john", "mary"]), a)
        return a if r.random() < 0.7 else "-" + a
    k = r.randint(0, 5)
    if k <= 2:
        op = r.choice(["&", "|", "->", "<->"])
        return "(%s %s %s)" % (gen(r, depth - 1, bound), op, gen(r, depth - 1, bound))
    if k == 3:
        return "-" + gen(r, depth - 1, bound)
    v = r.choice(["x", "y"])
    q = r.choice(["all", "exists"])
    return "%s %s.%s" % (q, v, gen(r, depth - 1, bound + [v]))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    cases, total, skipped = doctest_cases()
    nd = len(cases)
    problems = [(g, a, "demo") for g, a in TABLEAU_DEMO]
    r = random.Random(seed)
    for _ in range(n):
        goal = gen(r, r.randint(1, 3), [])
        assumptions = [gen(r, r.randint(0, 2), []) for _ in range(r.randint(0, 2))]
        problems.append((goal, assumptions, "random"))
    left_out = 0
    for goal, assumptions, src in problems:
        for name, prover in (("resolution", ResolutionProver()), ("tableau", TableauProver())):
            logic._counter._value = 0
            want = run(prover, goal, assumptions)
            if want is None:
                left_out += 1
                continue
            cases.append({"kind": "prove", "prover": name, "goal": goal,
                          "assumptions": assumptions, "want": want, "source": src})
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.jsonl"), "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print("resolution.doctest: %d examples, %d cases, %d skipped (setup, imports, +SKIP)"
          % (total, nd, skipped))
    print("demo + random problems: %d cases (both provers), %d left out (NLTK time limit)"
          % (len(cases) - nd, left_out))


if __name__ == "__main__":
    main()
