#!/usr/bin/env python3
"""Writes the small parse parity cases under tests/parity/parse/ from NLTK 3.10.4.

  grammar_read.jsonl  grammar texts (valid and malformed, CFG and PCFG):
                      NLTK's start symbol and productions, or its error text.
  chart.jsonl         a grammar text and sentences: ChartParser's sorted trees
                      or error text per sentence.
  shift_reduce.jsonl  the chart cases again: ShiftReduceParser's one tree or none.
  recursive_descent.jsonl
                      the chart cases again: RecursiveDescentParser's trees in
                      NLTK's order, or "recursion" where NLTK hits Python's
                      recursion limit (left recursion, cycles), or "timeout" where
                      it passes its time limit (2 s here).
  viterbi.jsonl       a PCFG text and sentences: ViterbiParser's tree and
                      probability (repr) per sentence.
  dependency.jsonl    written by scripts/parity/gen_dependency.py.
  inside.jsonl        the Viterbi cases and NLTK's toy PCFGs: InsideChartParser's
                      parses (tree and repr of its probability) in NLTK's order.
  induce.jsonl        treebank sample trees and the PCFG nltk.induce_pcfg gives
                      for their productions (production strings with repr probs).

  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_parse.py
"""

import json
import os

import nltk
from nltk.corpus import treebank
from nltk.grammar import CFG, PCFG, Nonterminal, induce_pcfg
from nltk.parse import ChartParser, RecursiveDescentParser, ShiftReduceParser, ViterbiParser
from nltk.parse.pchart import InsideChartParser
from nltk.parse.generate import generate

OUT = "tests/parity/parse"

READ_CASES = [
    ("cfg", "S -> NP VP\nNP -> 'the' N | 'a' N\nN -> 'dog' | \"cat's\"\nVP -> 'runs'"),
    ("cfg", "# comment\n%start VP\nS -> NP VP\nVP -> V \\\n  NP | V\nV -> 'x'\nNP -> 'y'\n"),
    ("cfg", "S -> A B\nA ->\nB -> | 'b'"),
    ("cfg", "  S   ->   'a  b'   S|'c'  \n\n"),
    ("cfg", "S-x -> N/P <a>^b\nN/P -> 'q'"),
    ("cfg", "S -> NP\nNP 'x'"),
    ("cfg", "S -> 'unterminated"),
    ("cfg", "S -> [0.5]"),
    ("cfg", "%start"),
    ("cfg", "%start S T\nS -> 'a'"),
    ("cfg", "%foo S\nS -> 'a'"),
    ("cfg", "# nothing\n\n"),
    ("cfg", "-> 'a'"),
    ("cfg", "S -> 'a' # trailing comment"),
    ("cfg", "S -> A\r\nA -> 'a'\r\n"),
    ("pcfg", "S -> NP VP [1.0]\nNP -> 'a' [0.25] | 'b' [0.75]\nVP -> 'c' [0.5] | 'd' [.5]"),
    ("pcfg", "S -> 'a' [0.5]\nS -> 'b' [0.495]"),
    ("pcfg", "S -> 'a' [0.5]\nS -> 'b' [0.48]"),
    ("pcfg", "S -> 'a' [1.5]"),
    ("pcfg", "S -> 'a' [1.2.3]"),
    ("pcfg", "S -> 'a' [0.3] [1.0]"),
    ("pcfg", "S -> 'a'"),
    ("pcfg", "S -> [ 1.0 ] 'a'"),
    ("pcfg", "S -> [1.0] 'a' | 'b'"),
]

CHART_CASES = [
    (
        "S -> NP VP\nVP -> V NP | VP PP\nNP -> NP PP | Det N | 'I'\nPP -> P NP\n"
        "V -> 'saw'\nDet -> 'the' | 'a'\nN -> 'man' | 'park' | 'telescope'\nP -> 'in' | 'with'",
        [
            "I saw the man in the park with a telescope",
            "I saw the man",
            "the man saw I",
            "I saw",
            "I saw the dog",
            "",
        ],
    ),
    ("S -> S S | 'a'", ["a", "a a a", "a a a a a", "b a"]),
    ("S -> A | 'x'\nA -> B\nB -> 'x' | S", ["x"]),
    ("S -> A S | 'b'\nA -> | 'a'", ["b", "a b", "a a b"]),
    ("S -> 'a' S | 'a'\nS -> 'a' S", ["a a a"]),
    ("S -> 'the' \"dog's\" N\nN -> 'bone'", ["the dog's bone"]),
]

# Grammars for RecursiveDescentParser (no left recursion: NLTK finishes)
RD_CASES = [
    (
        "S -> NP VP\nVP -> V NP | V NP PP\nPP -> P NP\nV -> 'saw' | 'ate' | 'walked'\n"
        "NP -> 'John' | 'Mary' | 'Bob' | Det N | Det N PP\nDet -> 'a' | 'an' | 'the' | 'my'\n"
        "N -> 'man' | 'dog' | 'cat' | 'telescope' | 'park'\nP -> 'in' | 'on' | 'by' | 'with'",
        [
            "Mary saw Bob",
            "John saw the man in the park with a telescope",
            "the dog ate my cat by the park",
            "Mary walked",
            "Bob saw the man on the dog in the park with a telescope",
        ],
    ),
    ("S -> A B\nA -> | 'a'\nB -> 'b' | A 'b' | 'b' B", ["b", "a b", "b b", "a b b", ""]),
    ("S -> X Y\nX -> 'a' X | 'a' |\nY -> 'a' Y | 'a'", ["a", "a a", "a a a a"]),
]

VITERBI_CASES = [
    (
        "S -> NP VP [1.0]\nVP -> V NP [0.7] | VP PP [0.3]\nNP -> NP PP [0.2] | Det N [0.5] | 'I' [0.3]\n"
        "PP -> P NP [1.0]\nV -> 'saw' [1.0]\nDet -> 'the' [0.6] | 'a' [0.4]\n"
        "N -> 'man' [0.5] | 'park' [0.3] | 'telescope' [0.2]\nP -> 'in' [0.5] | 'with' [0.5]",
        ["I saw the man in the park with a telescope", "I saw the man", "the man saw I", "I saw the dog"],
    ),
    ("S -> A [0.5] | B [0.5]\nA -> 'x' [1.0]\nB -> 'x' [1.0]", ["x", "x x"]),
    ("S -> S S [0.4] | 'a' [0.6]", ["a a a a", "a"]),
    ("S -> A [0.5] | 'x' [0.5]\nA -> S [0.9] | 'y' [0.1]", ["x", "y"]),
]


def read_case(kind, text):
    try:
        g = (CFG if kind == "cfg" else PCFG).fromstring(text)
    except ValueError as e:
        return {"error": str(e)}
    prods = [str(p) for p in g.productions()]
    return {"start": str(g.start()), "productions": prods, "cnf": g.is_chomsky_normal_form()}


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(f"{OUT}/grammar_read.jsonl", "w", encoding="utf-8") as f:
        for kind, text in READ_CASES:
            f.write(json.dumps({"kind": kind, "text": text, "nltk": read_case(kind, text)}) + "\n")
    chart = list(CHART_CASES)
    for pkg in ["basque_grammars", "spanish_grammars"]:
        folder = os.path.join(os.environ.get("NLTK_DATA", ".nltk_data"), "grammars", pkg)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".cfg"):
                text = nltk.data.load(f"grammars/{pkg}/{name}", format="text")
                g = CFG.fromstring(text)
                sents = [" ".join(s) for s in generate(g, depth=7, n=12)]
                chart.append((text, sents))
    with open(f"{OUT}/chart.jsonl", "w", encoding="utf-8") as f:
        for text, sents in chart:
            parser = ChartParser(CFG.fromstring(text), max_time=None)
            results = []
            for s in sents:
                try:
                    results.append({"trees": sorted(t.pformat(margin=10**9) for t in parser.parse(s.split()))})
                except ValueError as e:
                    results.append({"error": str(e)})
            f.write(json.dumps({"grammar": text, "sentences": sents, "nltk": results}) + "\n")
    with open(f"{OUT}/shift_reduce.jsonl", "w", encoding="utf-8") as f:
        for text, sents in chart:
            parser = ShiftReduceParser(CFG.fromstring(text), max_time=1)
            results = []
            for s in sents:
                try:
                    got = list(parser.parse(s.split()))
                    results.append({"tree": got[0].pformat(margin=10**9) if got else None})
                except ValueError as e:
                    results.append({"error": str(e)})
                except (AttributeError, TimeoutError):
                    results.append({"skip": True})  # NLTK crashes or loops; see docs/differences.md
            f.write(json.dumps({"grammar": text, "sentences": sents, "nltk": results}) + "\n")
    with open(f"{OUT}/recursive_descent.jsonl", "w", encoding="utf-8") as f:
        for text, sents in chart + RD_CASES:
            parser = RecursiveDescentParser(CFG.fromstring(text), max_time=2)
            results = []
            for s in sents:
                try:
                    results.append({"trees": [t.pformat(margin=10**9) for t in parser.parse(s.split())]})
                except ValueError as e:
                    results.append({"error": str(e)})
                except RecursionError:
                    results.append({"recursion": True})
                except TimeoutError:
                    results.append({"timeout": True})
            f.write(json.dumps({"grammar": text, "sentences": sents, "nltk": results}) + "\n")
    with open(f"{OUT}/viterbi.jsonl", "w", encoding="utf-8") as f:
        for text, sents in VITERBI_CASES:
            parser = ViterbiParser(PCFG.fromstring(text), max_time=None)
            results = []
            for s in sents:
                try:
                    best = list(parser.parse(s.split()))
                    results.append(
                        {"tree": best[0].pformat(margin=10**9), "prob": repr(best[0].prob())} if best else {"tree": None}
                    )
                except ValueError as e:
                    results.append({"error": str(e)})
            f.write(json.dumps({"grammar": text, "sentences": sents, "nltk": results}) + "\n")
    with open(f"{OUT}/inside.jsonl", "w", encoding="utf-8") as f:
        # NLTK's toy PCFGs (nltk/test/parse.doctest)
        toy1 = (
            "S -> NP VP [1.0]\nNP -> Det N [0.5] | NP PP [0.25] | 'John' [0.1] | 'I' [0.15]\n"
            "Det -> 'the' [0.8] | 'my' [0.2]\nN -> 'man' [0.5] | 'telescope' [0.5]\n"
            "VP -> VP PP [0.1] | V NP [0.7] | V [0.2]\nV -> 'ate' [0.35] | 'saw' [0.65]\n"
            "PP -> P NP [1.0]\nP -> 'with' [0.61] | 'under' [0.39]"
        )
        toy2 = (
            "S -> NP VP [1.0]\nVP -> V NP [.59]\nVP -> V [.40]\nVP -> VP PP [.01]\nNP -> Det N [.41]\n"
            "NP -> Name [.28]\nNP -> NP PP [.31]\nPP -> P NP [1.0]\nV -> 'saw' [.21]\nV -> 'ate' [.51]\n"
            "V -> 'ran' [.28]\nN -> 'boy' [.11]\nN -> 'cookie' [.12]\nN -> 'table' [.13]\n"
            "N -> 'telescope' [.14]\nN -> 'hill' [.5]\nName -> 'Jack' [.52]\nName -> 'Bob' [.48]\n"
            "P -> 'with' [.61]\nP -> 'under' [.39]\nDet -> 'the' [.41]\nDet -> 'a' [.31]\nDet -> 'my' [.28]"
        )
        inside_cases = list(VITERBI_CASES) + [
            (toy1, ["I saw John with my telescope", "I saw the man with my telescope under the man with John"]),
            (toy2, ["Jack saw Bob with my cookie", "the boy saw Jack with Bob under the table with a telescope"]),
        ]
        for text, sents in inside_cases:
            parser = InsideChartParser(PCFG.fromstring(text))
            results = []
            for s in sents:
                try:
                    results.append({"parses": [[t.pformat(margin=10**9), repr(t.prob())] for t in parser.parse(s.split())]})
                except ValueError as e:
                    results.append({"error": str(e)})
                except RecursionError:
                    results.append({"recursion": True})  # NLTK on a cyclic grammar
            f.write(json.dumps({"grammar": text, "sentences": sents, "nltk": results}) + "\n")
    with open(f"{OUT}/induce.jsonl", "w", encoding="utf-8") as f:
        trees = treebank.parsed_sents(treebank.fileids()[0])[:3]
        prods = [p for t in trees for p in t.productions()]
        g = induce_pcfg(Nonterminal("S"), prods)
        f.write(
            json.dumps(
                {
                    "trees": [t.pformat(margin=10**9) for t in trees],
                    "productions": [str(p) for p in prods],
                    "pcfg": [[str(Nonterminal(p.lhs())) + " -> " + str(p).split(" -> ", 1)[1].rsplit(" [", 1)[0], repr(p.prob())] for p in g.productions()],
                }
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
