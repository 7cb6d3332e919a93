#!/usr/bin/env python3
"""NLTK 3.10.4's own featgram.doctest, turned into nlkit replay cases.

Runs every example of nltk/test/featgram.doctest in order, in one namespace
(as doctest does), checks NLTK's own output against the doctest, and for
each example with output that nlkit can replay writes a case:

* ``{"op": "parse", "grammar": text, "strategy": "chart"|"earley",
  "tokens": [...], "counter": n, "want": ...}`` for ``for tree in trees:
  print(tree)`` (the grammar as its printed productions and start symbol,
  the fresh-variable counter as it was when the parse began);
* ``{"op": "str"|"repr", "fs": repr, "want": ...}`` for ``print(fs)`` / ``fs``;
* ``{"op": "unify", "a": repr, "b": repr, "want": ...}`` for
  ``print(nltk.unify(a, b))``.

Every other example (imports, assignments, chart traces, ``show_cfg``,
``==`` of Python objects, indexing) is listed with its kind in the
``summary`` line so the count of 83 is accounted for.

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/featgram_doctest.py
writes tests/parity/featgram/doctest.jsonl.
"""

import ast
import contextlib
import doctest
import io
import json
import os
import re

import nltk
from nltk.featstruct import FeatStruct
from nltk.parse import chart as chartmod
from nltk.parse.earleychart import FeatureEarleyChartParser
from nltk.parse.featurechart import FeatureChartParser, FeatureChart
from nltk.sem import logic

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "parity", "featgram", "doctest.jsonl")
SRC = os.path.join(os.path.dirname(nltk.__file__), "test", "featgram.doctest")

LAST = {}
_orig_parse = chartmod.ChartParser.parse


def _parse(self, tokens, tree_class=chartmod.Tree):
    tokens = list(tokens)
    LAST["parser"] = self
    LAST["tokens"] = tokens
    LAST["counter"] = logic._counter._value
    return _orig_parse(self, tokens, tree_class)


chartmod.ChartParser.parse = _parse


def grammar_text(g):
    return "% start " + repr(g.start()) + "\n" + "\n".join(str(p) for p in g.productions())


def strategy(p):
    if type(p._chart_class) is type and p._chart_class is not FeatureChart and \
            not issubclass(FeatureChart, p._chart_class) and \
            p._chart_class.__name__ != "FeatureIncrementalChart":
        return None  # e.g. InstantiateVarsChart
    if isinstance(p, FeatureEarleyChartParser):
        return "earley"
    if type(p) is FeatureChartParser and p._strategy is not None:
        names = [type(r).__name__ for r in p._strategy]
        if "FeatureBottomUpPredictCombineRule" in names:
            return "chart"
    return None


def main():
    text = open(SRC, encoding="utf-8").read()
    examples = doctest.DocTestParser().get_examples(text)
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    ns = {}
    cases, kinds = [], {}
    nltk_pass = 0
    for i, ex in enumerate(examples):
        buf = io.StringIO()
        src = ex.source.strip()
        value = None
        with contextlib.redirect_stdout(buf):
            try:
                try:
                    code = compile(src, "<doctest>", "eval")
                    value = eval(code, ns)
                    if value is not None:
                        print(repr(value))
                except SyntaxError:
                    exec(compile(ex.source, "<doctest>", "exec"), ns)
            except Exception as e:  # noqa: BLE001
                print(f"{type(e).__name__}: {e}")
        got = buf.getvalue()
        ok = checker.check_output(ex.want, got, flags)
        nltk_pass += ok
        kind = "no output" if not ex.want else "other output"
        case = None
        if ex.want and ok:
            m_unify = re.fullmatch(r"print\(nltk\.unify\((\w+), (\w+)\)\)", src)
            m_print = re.fullmatch(r"print\((\w+)\)", src)
            if src == "for tree in trees: print(tree)" and "parser" in LAST:
                p = LAST["parser"]
                s = strategy(p)
                if s is not None:
                    case = {"op": "parse", "grammar": grammar_text(p.grammar()), "strategy": s,
                            "tokens": LAST["tokens"], "counter": LAST["counter"]}
                else:
                    kind = "parse with InstantiateVarsChart"
            elif m_unify and all(isinstance(ns.get(n), FeatStruct) for n in m_unify.groups()):
                a, b = (ns[n] for n in m_unify.groups())
                case = {"op": "unify", "a": repr(a), "b": repr(b)}
            elif m_print and isinstance(ns.get(m_print.group(1)), FeatStruct):
                case = {"op": "str", "fs": repr(ns[m_print.group(1)])}
            elif isinstance(value, FeatStruct):
                case = {"op": "repr", "fs": repr(value)}
            elif "trace=1" in src or src.startswith("trees = cp.parse") or src.startswith("trees = cp2"):
                kind = "chart trace"
            elif src.startswith("nltk.data.show_cfg") or src.startswith("print(cp.grammar())"):
                kind = "grammar file listing"
        if case is not None:
            case["example"] = i + 1
            case["want"] = got.rstrip("\n")
            cases.append(case)
            kind = "replayed: " + case["op"]
        kinds[kind] = kinds.get(kind, 0) + 1
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"summary": {"examples": len(examples), "nltk_pass": nltk_pass,
                                         "kinds": kinds}}, sort_keys=True) + "\n")
        for c in cases:
            fh.write(json.dumps(c, sort_keys=True) + "\n")
    print(f"{len(examples)} examples, NLTK passes {nltk_pass}; kinds: {kinds}")


if __name__ == "__main__":
    main()
