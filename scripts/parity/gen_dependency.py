#!/usr/bin/env python3
"""Writes tests/parity/parse/dependency.jsonl from NLTK 3.10.4: dependency
grammar texts (valid and malformed) with NLTK's str() of the grammar or its
error, and sentences with the sorted set of ProjectiveDependencyParser trees
(NLTK yields them in a Python set's order) or the error.

Grammars: NLTK's demo grammars, edge cases of the reader, and seeded random
grammars over small vocabularies with random sentences (many ambiguities).

  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_dependency.py
"""

import json
import random

from nltk.grammar import DependencyGrammar
from nltk.parse import ProjectiveDependencyParser

OUT = "tests/parity/parse/dependency.jsonl"

CASES = [
    ("'scratch' -> 'cats' | 'walls'\n'walls' -> 'the'\n'cats' -> 'the'", ["the cats scratch the walls", "cats scratch", "the the"]),
    ("'fell' -> 'price' | 'stock'\n'price' -> 'of' | 'the'\n'of' -> 'stock'\n'stock' -> 'the'", ["the price of the stock fell"]),
    ("'fell' -> 'price' | 'stock'\n'price' -> 'of' 'the'\n'of' -> 'stock'\n'stock' -> 'the'", ["the price of the stock fell"]),
    ("'shot' -> 'I' | 'elephant' | 'in'\n'elephant' -> 'an' | 'in'\n'in' -> 'pajamas'\n'pajamas' -> 'my'",
     ["I shot an elephant in my pajamas", "I shot", "shot", "", "unknown words here"]),
    ("# comment\n\n  'a' --> \"b\" |  'c'  \n'b' ==> 'a'\r\n'c' -> ", ["a b", "b a c", "c a b"]),
    ("'x' -> 'x'", ["x x x x x", "x"]),
    ("shot -> I", []),
    ("'a' -> b", []),
    ("'a' > 'b'", []),
    ("'a' ---------> 'b'", []),
    ("", []),
    ("# only a comment", []),
    ("'a' -> 'b' 'c' | | 'd'", ["a b c d"]),
    ("'it''s' -> 'x'", []),
    ("'q' -> '\"quoted\"'", ["q quoted"]),
]


def random_grammar(rng, vocab):
    lines = []
    for h in vocab:
        mods = [m for m in vocab if rng.random() < 0.35]
        if mods:
            lines.append(f"'{h}' -> " + " | ".join(f"'{m}'" for m in mods))
    return "\n".join(lines) or f"'{vocab[0]}' -> '{vocab[0]}'"


def run(text, sents):
    try:
        g = DependencyGrammar.fromstring(text)
    except ValueError as e:
        return {"grammar": text, "sentences": sents, "nltk": {"error": str(e)}}
    p = ProjectiveDependencyParser(g)
    results = []
    for s in sents:
        try:
            results.append({"trees": sorted(str(t) for t in p.parse(s.split()))})
        except ValueError as e:
            results.append({"error": str(e)})
    return {"grammar": text, "sentences": sents, "nltk": {"str": str(g), "parses": results}}


def main():
    rng = random.Random(7)
    cases = list(CASES)
    for _ in range(40):
        vocab = [f"w{i}" for i in range(rng.randint(2, 5))]
        sents = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 7))) for _ in range(4)]
        cases.append((random_grammar(rng, vocab), sents))
    cases.append(("'a' -> 'a'", [" ".join(["a"] * 501)]))
    with open(OUT, "w", encoding="utf-8") as f:
        for text, sents in cases:
            f.write(json.dumps(run(text, sents)) + "\n")


if __name__ == "__main__":
    main()
