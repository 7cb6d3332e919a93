"""Vocabularies for the stemmer parity scripts (imported by stem.py and gen_stem.py).

English: the word forms of ../shared/data/ud/en_ewt (all three splits) and of the
NLTK corpora in .nltk_data, in original case and lowercased.
Other Snowball languages: words of that language's text (conll2002 for Spanish and
Dutch, udhr/udhr2 for the rest, plus the language's NLTK stop-word list), original
case and lowercased.
"""

import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))
os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))

import nltk  # noqa: E402
from nltk.corpus import (  # noqa: E402
    abc,
    brown,
    conll2000,
    conll2002,
    genesis,
    inaugural,
    movie_reviews,
    names,
    state_union,
    stopwords,
    treebank,
    udhr,
    udhr2,
    webtext,
    words,
)

assert nltk.__version__ == "3.10.4", nltk.__version__


def usable(w):
    """A word that survives one-word-per-line transport unchanged."""
    return bool(w) and w.splitlines() == [w] and "\r" not in w and w.strip() == w


def with_lower(forms):
    out = set()
    for w in forms:
        if usable(w):
            out.add(w)
            lw = w.lower()
            if usable(lw):
                out.add(lw)
    return out


def english_vocab():
    forms = set()
    for f in glob.glob(os.path.join(SHARED, "ud", "en_ewt", "*.conllu")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) > 2:
                    forms.add(cols[1])
                    forms.add(cols[2])
    for corpus in (
        brown,
        treebank,
        conll2000,
        inaugural,
        state_union,
        webtext,
        abc,
        movie_reviews,
        words,
        names,
    ):
        forms.update(corpus.words())
    forms.update(genesis.words("english-kjv.txt"))
    forms.update(stopwords.words("english"))
    return sorted(with_lower(forms))


UDHR = {
    "arabic": (["Arabic_Alarabia-Arabic"], ["arb.txt"]),
    "danish": (["Danish_Dansk-Latin1"], ["dan.txt"]),
    "dutch": (["Dutch_Nederlands-Latin1"], ["nld.txt"]),
    "english": (["English-Latin1"], ["eng.txt"]),
    "finnish": (["Finnish_Suomi-Latin1"], ["fin.txt"]),
    "french": (["French_Francais-Latin1"], ["fra.txt"]),
    "german": (["German_Deutsch-Latin1"], ["deu.txt", "deu_1901.txt"]),
    "hungarian": (["Hungarian_Magyar-UTF8"], ["hun.txt"]),
    "italian": (["Italian-Latin1", "Italian_Italiano-Latin1"], ["ita.txt"]),
    "norwegian": (["Norwegian-Latin1", "Norwegian_Norsk-Bokmal-Latin1"], ["nob.txt", "nno.txt"]),
    "portuguese": (["Portuguese_Portugues-Latin1"], ["por_PT.txt", "por_BR.txt"]),
    "romanian": (["Romanian-Latin2", "Romanian_Romana-Latin2"], ["ron.txt", "ron_1993.txt"]),
    "russian": (["Russian-UTF8", "Russian_Russky-UTF8"], ["rus.txt"]),
    "spanish": (["Spanish-Latin1", "Spanish_Espanol-Latin1"], ["spa.txt"]),
    "swedish": (["Swedish_Svenska-Latin1"], ["swe.txt"]),
}


def language_vocab(lang):
    """Word forms of `lang`'s text (tokens with at least one letter)."""
    forms = set()
    if lang == "porter":
        return english_vocab()
    u1, u2 = UDHR[lang]
    for f in u1:
        forms.update(udhr.words(f))
    for f in u2:
        forms.update(udhr2.words(f))
    if lang == "spanish":
        for f in ("esp.train", "esp.testa", "esp.testb"):
            forms.update(conll2002.words(f))
    if lang == "dutch":
        for f in ("ned.train", "ned.testa", "ned.testb"):
            forms.update(conll2002.words(f))
    if lang in stopwords.fileids():
        forms.update(stopwords.words(lang))
    forms = {w for w in forms if any(c.isalpha() for c in w)}
    return sorted(with_lower(forms))


if __name__ == "__main__":
    v = english_vocab() if len(sys.argv) < 2 else language_vocab(sys.argv[1])
    print(len(v))
