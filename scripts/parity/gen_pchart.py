#!/usr/bin/env python3
"""Writes tests/parity/parse/pchart.jsonl from NLTK 3.10.4: the bottom-up
probabilistic chart parsers (InsideChartParser, LongestChartParser,
RandomChartParser, UnsortedChartParser) with and without a beam, on the
grammars and sentences of inside.jsonl plus a PCFG induced from treebank
trees. Each line: grammar, sentence, parser, beam, seed (Python's
`random.seed` before parsing, for the random orders) and NLTK's parses in its
order (pformat, repr of the probability), or its error.

  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_pchart.py
"""

import json
import re
import random

from nltk.corpus import treebank
from nltk.grammar import PCFG, Nonterminal, induce_pcfg
from nltk.parse.pchart import (
    InsideChartParser,
    LongestChartParser,
    RandomChartParser,
    UnsortedChartParser,
)

OUT = "tests/parity/parse/pchart.jsonl"
PARSERS = {
    "inside": InsideChartParser,
    "longest": LongestChartParser,
    "random": RandomChartParser,
    "unsorted": UnsortedChartParser,
}
RUNS = [
    ("inside", 0, 0), ("inside", 1, 0), ("inside", 3, 0), ("inside", 8, 0), ("inside", 30, 0),
    ("longest", 0, 0), ("longest", 4, 0), ("longest", 25, 0),
    ("random", 0, 0), ("random", 0, 1), ("random", 12, 3),
    ("unsorted", 0, 0), ("unsorted", 5, 0), ("unsorted", 12, 0),
]


def run(grammar_text, grammar, sentence, name, beam, seed, out):
    parser = PARSERS[name](grammar, beam_size=beam)
    random.seed(seed)
    rec = {"grammar": grammar_text, "sentence": sentence, "parser": name, "beam": beam, "seed": seed}
    try:
        rec["parses"] = [[t.pformat(margin=10**9), repr(t.prob())] for t in parser.parse(sentence.split())]
    except ValueError as e:
        rec["error"] = str(e)
    except RecursionError:
        return
    out.write(json.dumps(rec) + "\n")


def main():
    with open(OUT, "w", encoding="utf-8") as out:
        for line in open("tests/parity/parse/inside.jsonl", encoding="utf-8"):
            case = json.loads(line)
            g = PCFG.fromstring(case["grammar"])
            for s in case["sentences"]:
                for name, beam, seed in RUNS:
                    run(case["grammar"], g, s, name, beam, seed, out)
        # a treebank-induced PCFG (as NLTK's pchart demo) on its own sentences
        trees = treebank.parsed_sents(treebank.fileids()[0])[:2]
        prods = [p for t in trees for p in t.productions()]
        g = induce_pcfg(Nonterminal("S"), prods)
        names = {}

        def name(nt):  # labels such as "." or "-NONE-" are not readable nonterminals
            sym = nt.symbol()
            if not re.fullmatch(r"[\w/][\w/^<>-]*", sym):
                sym = names.setdefault(sym, f"X{len(names)}")
            return sym

        lines = []
        for p in g.productions():
            rhs = " ".join(name(x) if isinstance(x, Nonterminal) else repr(x) for x in p.rhs())
            lines.append(f"{name(p.lhs())} -> {rhs} [{p.prob()!r}]")
        text = "\n".join(lines)
        g = PCFG.fromstring(text)
        for t in trees:
            s = " ".join(w for w in t.leaves())
            for name, beam, seed in [("inside", 20, 0), ("inside", 60, 0), ("longest", 40, 0), ("random", 50, 2)]:
                run(text, g, s, name, beam, seed, out)


if __name__ == "__main__":
    main()
