"""Shared helpers for the WordNet parity scripts: the real-word vocabulary
(en_ewt forms + words of the NLTK corpora, original case and lower-cased)."""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))
NLTK_DATA = os.environ.get("NLKIT_NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
os.environ.setdefault("NLTK_DATA", NLTK_DATA)
WORDNET_DIR = os.path.join(NLTK_DATA, "corpora", "wordnet")

# Words the CLI would read as synset names (lemma.pos.NN) are left out of
# `nlkit wordnet` comparisons.
SYNSET_NAME = re.compile(r"^.+\.[nvasr]\.[0-9]+$")


def ud_forms():
    forms = []
    for split in ("train", "dev", "test"):
        p = os.path.join(SHARED, "ud", "en_ewt", f"en_ewt-ud-{split}.conllu")
        with open(p, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) > 1:
                    forms.append(cols[1])
    return forms


def corpus_words():
    from nltk.corpus import (brown, conll2000, inaugural, state_union, treebank,
                             webtext, words)
    out = []
    for c in (brown, treebank, conll2000, inaugural, state_union, webtext, words):
        out.extend(c.words())
    return out


def vocabulary():
    """Distinct real word forms, original case and lower-cased, sorted."""
    vocab = set()
    for w in ud_forms() + corpus_words():
        for v in (w, w.lower()):
            if v and "\n" not in v and "\r" not in v:
                vocab.add(v)
    return sorted(vocab)
