#!/usr/bin/env python3
"""Generates tests/parity/chunk/*.jsonl from NLTK 3.10.4:

    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_chunk.py

test_rows.jsonl, train_rows.jsonl: the first 60 test / 300 train sentences
              of conll2000 as [[word, tag, iob], ...] (one sentence a line).
trees.jsonl:  {"grammar", "loop", "test_sent": k | "tagged": [[w, t], ...], "tree": pformat}
              for the first 40 conll2000 test sentences and every grammar of
              chunk_common.GRAMMARS, plus a few hand-made sentences.
scores.jsonl: {"grammar", "loop", "types", "test_sents": n, "score": {...}}
              NLTK's ChunkScore of each grammar on those 40 sentences.
errors.jsonl: {"grammar", "error"}: NLTK's ValueError text for malformed grammars.
conll.jsonl:  {"rows": [[w, t, iob]], "strict", "tree" | "error"}: conlltags2tree,
              and {"tree", "conlltags" | "error"}: tree2conlltags.
ngram.jsonl:  {"kind", "train_sents": n, "test_sents": n, "guessed", "score": {...}}: the book's
              unigram/bigram chunkers trained on the first n train sentences.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chunk_common import ALL_TYPES, GRAMMARS, ROOT, UnigramChunker, gold  # noqa: E402

import nltk  # noqa: E402
from nltk.corpus import conll2000  # noqa: E402
from nltk.chunk.util import conlltags2tree, tree2conlltags  # noqa: E402
from nltk.tree import Tree  # noqa: E402

N = 30
OUT = os.path.join(ROOT, "tests", "parity", "chunk")

EXTRA = [
    [("the", "DT"), ("little", "JJ"), ("yellow", "JJ"), ("dog", "NN"), ("barked", "VBD"), ("at", "IN"), ("the", "DT"), ("cat", "NN")],
    [("Rapunzel", "NNP"), ("let", "VBD"), ("down", "RP"), ("her", "PP$"), ("long", "JJ"), ("golden", "JJ"), ("hair", "NN")],
    [("Mary", "NN"), ("saw", "VBD"), ("the", "DT"), ("cat", "NN"), ("sit", "VB"), ("on", "IN"), ("the", "DT"), ("mat", "NN")],
    [("John", "NNP"), ("thinks", "VBZ"), ("Mary", "NN"), ("saw", "VBD"), ("the", "DT"), ("cat", "NN"), ("sit", "VB"), ("on", "IN"), ("the", "DT"), ("mat", "NN")],
    [("1/2", "CD"), ("a/b", "NN")],
    [("x", "NN")],
]

EXTRA_GRAMMARS = [
    ("empty_strip", "NP: {<.*>+}\n}{", 1),
    ("lazy", "NP: {<DT>?<NN.*>+?}", 1),
    ("escaped_hash", "NP: {<PP\\$>} # comment with # hash", 1),
    ("alternation_top", "NP: {<DT><NN>|<NNP>+}", 1),
    ("strip_empty_capable", "NP: {<.*>+}\n    }<VB.*>*{", 1),
    ("two_labels_same_line", "NP: {<DT><NN>}\nVP: {<VBD>}\nNP: {<NP><VP>}", 1),
    ("unicode_label", "NPé: {<NN>}", 1),
    ("root_tag_class", "X: {<[^V].*>+}", 1),
]

ERRORS = [
    "{<DT>}",
    "NP: {<DT>",
    "NP: <DT>}",
    "NP: {<DT<NN>>}",
    "NP: {<DT>}}{<NN>}{",
    "NP: {<DT>{3,a}}",
    "NP: }<DT>{}<NN>",
    "NP: {(<DT>}",
    "NP: {<DT>**}",
    "NP: <DT>{}<NN>{}<JJ>",
    "NP: <IN>{<DT>?<NN.*>{1,3}}<.>",
    "NP: {<DT>}\n: {<NN>}",
    "NP: {[<DT>]}",
    "NP: {<>}",
    "NP: a{b}c{d",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    NTR, NTE = 300, 60
    with open(os.path.join(OUT, "test_rows.jsonl"), "w", encoding="utf-8") as f:
        for x in conll2000.iob_sents("test.txt")[:NTE]:
            f.write(json.dumps([list(r) for r in x]) + "\n")
    with open(os.path.join(OUT, "train_rows.jsonl"), "w", encoding="utf-8") as f:
        for x in conll2000.iob_sents("train.txt")[:NTR]:
            f.write(json.dumps([list(r) for r in x]) + "\n")
    test = gold(ALL_TYPES)[:N]
    tagged = [t.leaves() for t in test] + EXTRA
    grammars = [(n, g, l) for n, g, l, _ in GRAMMARS] + EXTRA_GRAMMARS
    with open(os.path.join(OUT, "trees.jsonl"), "w", encoding="utf-8") as f:
        for name, g, loop in grammars:
            cp = nltk.RegexpParser(g, loop=loop)
            for k, s in enumerate(tagged):
                try:
                    rec = {"tree": cp.parse(s).pformat(margin=10**9)}
                except ValueError as e:
                    rec = {"error": str(e)}
                src = {"test_sent": k} if k < N else {"tagged": [list(x) for x in s]}
                f.write(json.dumps({"name": name, "grammar": g, "loop": loop, **src, **rec}, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "scores.jsonl"), "w", encoding="utf-8") as f:
        for name, g, loop, types in GRAMMARS:
            cp = nltk.RegexpParser(g, loop=loop)
            gs = gold(types)[:N]
            s = cp.accuracy(gs)
            try:
                acc_fn = nltk.chunk.accuracy(cp, gs)
            except ValueError as e:
                acc_fn = str(e)
            f.write(json.dumps({
                "name": name, "grammar": g, "loop": loop, "types": types,
                "test_sents": N,
                "score": {"accuracy": s.accuracy(), "precision": s.precision(), "recall": s.recall(),
                          "f_measure": s.f_measure(), "missed": len(s.missed()), "incorrect": len(s.incorrect()),
                          "len": len(s)},
                "accuracy_fn": acc_fn,
            }, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "errors.jsonl"), "w", encoding="utf-8") as f:
        for g in ERRORS:
            try:
                nltk.RegexpParser(g)
                err = None
            except ValueError as e:
                err = str(e)
            f.write(json.dumps({"grammar": g, "error": err}, ensure_ascii=False) + "\n")
    seqs = [
        [("a", "DT", "B-NP"), ("b", "NN", "I-NP"), ("c", "VB", "O")],
        [("a", "DT", "I-NP"), ("b", "NN", "I-NP")],
        [("a", "DT", "B-NP"), ("b", "NN", "I-VP"), ("c", "NN", "I-VP")],
        [("a", "DT", "O"), ("b", "NN", "I-NP")],
        [("a", "DT", "B-NP"), ("b", "NN", "X-NP")],
        [("a", "DT", "B-NP-SBJ"), ("b", "NN", "I-NP-SBJ")],
        [],
    ]
    with open(os.path.join(OUT, "conll.jsonl"), "w", encoding="utf-8") as f:
        for rows in seqs:
            for strict in (False, True):
                try:
                    rec = {"tree": conlltags2tree(rows, strict=strict).pformat(margin=10**9)}
                except ValueError as e:
                    rec = {"error": str(e)}
                f.write(json.dumps({"rows": [list(r) for r in rows], "strict": strict, **rec}) + "\n")
        iob = conll2000.iob_sents("test.txt")[:10]
        for rows, t in zip(iob, test[:10]):
            f.write(json.dumps({"rows_in": [list(r) for r in rows], "conlltags": [list(r) for r in tree2conlltags(t)],
                                "conllstr": nltk.chunk.tree2conllstr(t)}) + "\n")
        t = Tree("S", [Tree("PP", [("in", "IN"), Tree("NP", [("it", "PRP")])])])
        try:
            tree2conlltags(t)
        except ValueError as e:
            f.write(json.dumps({"tree_in": t.pformat(margin=10**9), "error": str(e)}) + "\n")
    with open(os.path.join(OUT, "ngram.jsonl"), "w", encoding="utf-8") as f:
        train = gold(ALL_TYPES, "train.txt")[:NTR]
        test100 = gold(ALL_TYPES)[:NTE]
        for kind in ("unigram", "bigram"):
            c = UnigramChunker(train, bigram=kind == "bigram")
            s = c.accuracy(test100)
            f.write(json.dumps({
                "kind": kind, "train_sents": NTR, "test_sents": NTE,
                "guessed": [c.parse(t.leaves()).pformat(margin=10**9) for t in test100],
                "score": {"accuracy": s.accuracy(), "precision": s.precision(), "recall": s.recall(), "f_measure": s.f_measure()},
            }) + "\n")


if __name__ == "__main__":
    main()
