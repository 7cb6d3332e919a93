#!/usr/bin/env python3
"""Generates tests/parity/tag_classic/*.jsonl: NLTK 3.10.4's classic taggers
trained on a small slice of UD English-EWT (first 300 train sentences, XPOS)
and their tags for the first 60 test sentences.

    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_tag_classic.py

train.jsonl: one {"train": [[word, tag], ...]} line per training sentence.
cases.jsonl: {"tagger": NAME, "words": [...], "tags": [...]} (None -> null).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tag_classic import ROOT, UD, nltk_tagger, read_conllu  # noqa: E402

N_TRAIN, N_TEST = 300, 60
TAGGERS = ["unigram", "unigram_cutoff2", "bigram", "trigram", "affix", "hmm", "hmm_mle", "brill"]


def main():
    train = read_conllu(os.path.join(UD, "en_ewt-ud-train.conllu"), "xpos")[:N_TRAIN]
    test = read_conllu(os.path.join(UD, "en_ewt-ud-test.conllu"), "xpos")[:N_TEST]
    out = os.path.join(ROOT, "tests", "parity", "tag_classic")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "train.jsonl"), "w", encoding="utf-8") as f:
        for s in train:
            f.write(json.dumps({"train": [list(x) for x in s]}, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "cases.jsonl"), "w", encoding="utf-8") as f:
        for name in TAGGERS:
            tagger = nltk_tagger(name, train, 20, 2)
            for s in test:
                words = [w for w, _ in s]
                tags = [t for _, t in tagger.tag(words)]
                f.write(json.dumps({"tagger": name, "words": words, "tags": tags}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
