#!/usr/bin/env python3
"""Parity cases for feature grammars: NLTK 3.10.4 reading every .fcfg of
``book_grammars`` and ``sample_grammars`` (printed productions, or the
error), and parsing the NLTK book's example sentences (chapter 9 and 10)
plus sentences generated from each grammar's category skeleton with
``FeatureChartParser`` and ``FeatureEarleyChartParser`` (printed trees in
order, or the error). The fresh-variable counter of ``nltk.sem.logic`` is
reset to 0 before each parse (nlkit's test does the same).

Writes tests/parity/featgram/grammars.jsonl and parses.jsonl, which
tests/featgram_parity.rs replays against nlkit.

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/featgram.py
"""

import json
import os
import random

import nltk
from nltk.grammar import CFG, FeatureGrammar, Nonterminal, Production
from nltk.featstruct import TYPE
from nltk.parse import FeatureChartParser, FeatureEarleyChartParser
from nltk.parse.generate import generate
from nltk.sem import logic

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "parity", "featgram")
DATA = os.path.join(ROOT, ".nltk_data", "grammars")

BOOK = {
    "feat0": [
        "Kim likes children",
        "this dog disappears",
        "these dogs disappear",
        "this dogs disappear",
        "the girl sees Jody",
        "Kim walked",
        "children walk",
    ],
    "feat1": [
        "Kim likes children",
        "who do you claim that you like",
        "you claim that you like cats",
        "rarely do you sing",
        "who do you like",
        "you like",
        "do you like cats",
    ],
    "german": [
        "ich folge den Katzen",
        "ich folge den Katze",
        "der Hund folgt mir",
        "die Katze sieht den Hund",
        "die Katzen kommen",
        "du siehst mich",
    ],
    "simple-sem": [
        "Angus gives a bone to every dog",
        "a dog barks",
        "every girl chases a dog",
        "Cyril sees every boy",
        "Angus sees a dog",
        "Irene walks",
        "every dog barks",
        "all dogs bark",
        "Angus chases Irene",
        "Angus sees a man with a dog",
    ],
    "sql0": [
        "What cities are located in China",
        "What cities are located in Greece",
        "Which cities are in China",
    ],
    "sql1": [
        "What cities are located in China",
        "What cities are in China and have populations above 1,000,000",
        "What cities have populations above 1,000,000",
    ],
}


# The model of the NLTK book, chapter 10 section 4.
MODEL = """
bertie => b
olive => o
cyril => c
boy => {b}
girl => {o}
dog => {c}
walk => {o, c}
see => {(b, o), (c, b), (o, c)}
"""


def skeleton_sentences(g, n, rng):
    """Sentences of the grammar's category skeleton (features dropped)."""
    prods = []
    for p in g.productions():
        lhs = Nonterminal(str(p.lhs()[TYPE]))
        rhs = [
            Nonterminal(str(s[TYPE])) if isinstance(s, nltk.grammar.Nonterminal) else s
            for s in p.rhs()
        ]
        prods.append(Production(lhs, rhs))
    cfg = CFG(Nonterminal(str(g.start()[TYPE])), prods)
    sents = [" ".join(s) for s in generate(cfg, depth=7, n=4000)]
    sents = sorted(set(sents))
    rng.shuffle(sents)
    return sents[:n]


def parse_case(path, tokens, kind):
    g = nltk.data.load(path, cache=True)
    parser = (FeatureChartParser if kind == "chart" else FeatureEarleyChartParser)(g)
    logic._counter._value = 0
    case = {"grammar": path, "tokens": tokens, "parser": kind}
    try:
        case["trees"] = [str(t) for t in parser.parse(tokens)]
    except Exception as e:  # noqa: BLE001 - the oracle's error is the case
        case["error"] = str(e)
    return case


def main():
    rng = random.Random(29)
    grammars = []
    for d in ("book_grammars", "sample_grammars"):
        for f in sorted(os.listdir(os.path.join(DATA, d))):
            if not f.endswith(".fcfg"):
                continue
            path = f"grammars/{d}/{f}"
            try:
                g = nltk.data.load(path, cache=False)
                grammars.append({"file": path, "start": repr(g.start()),
                                 "productions": [str(p) for p in g.productions()]})
            except Exception as e:  # noqa: BLE001
                grammars.append({"file": path, "error": str(e).split("\n")[0]})
    with open(os.path.join(OUT, "grammars.jsonl"), "w") as fh:
        for c in grammars:
            fh.write(json.dumps(c, sort_keys=True) + "\n")

    cases = []
    for name, sents in BOOK.items():
        path = f"grammars/book_grammars/{name}.fcfg"
        g = nltk.data.load(path)
        more = skeleton_sentences(g, 25, rng)
        for s in sents + more:
            for kind in ("chart", "earley"):
                cases.append(parse_case(path, s.split(), kind))
    with open(os.path.join(OUT, "parses.jsonl"), "w") as fh:
        for c in cases:
            fh.write(json.dumps(c, sort_keys=True) + "\n")
    # nltk.sem.util.interpret_sents / evaluate_sents on simple-sem (one run,
    # the fresh-variable counter reset once before it, as nlkit's test does).
    sem_path = "grammars/book_grammars/simple-sem.fcfg"
    sents = [x for x in BOOK["simple-sem"] if "with" not in x] + ["Irene walks", "Cyril bites an ankle", "Cyril sees every boy"]
    logic._counter._value = 0
    interp = nltk.interpret_sents(sents, sem_path)
    sem_cases = [{"op": "interpret", "grammar": sem_path, "sents": sents,
                  "readings": [[[str(t), str(s)] for (t, s) in r] for r in interp]}]
    model = MODEL
    val = nltk.Valuation.fromstring(model)
    g = nltk.Assignment(val.domain)
    m = nltk.Model(val.domain, val)
    eval_sents = ["Cyril sees every boy", "Irene walks", "Cyril bites an ankle",
                  "every boy sees Cyril", "a dog barks", "Angus walks"]
    logic._counter._value = 0
    ev = nltk.evaluate_sents(eval_sents, sem_path, m, g)
    sem_cases.append({"op": "evaluate", "grammar": sem_path, "sents": eval_sents,
                      "model": model,
                      "readings": [[[str(s), str(v)] for (_, s, v) in r] for r in ev]})
    with open(os.path.join(OUT, "semantics.jsonl"), "w") as fh:
        for c in sem_cases:
            fh.write(json.dumps(c, sort_keys=True) + "\n")
    parsed = sum(1 for c in cases if c.get("trees"))
    print(f"{len(grammars)} grammars, {len(cases)} parse cases ({parsed} with trees)")


if __name__ == "__main__":
    main()
