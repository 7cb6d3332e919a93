#!/usr/bin/env python3
"""Generates the committed parity cases for corpus readers and statistics from
NLTK 3.10.4:

- tests/parity/corpus/readers.jsonl: per corpus and view, NLTK's item count
  and its first and last 20 items (the test runs `nlkit corpus` on the same
  NLTK data folder).
- tests/parity/probability/*.jsonl: FreqDist and collocation-finder results
  (scores for every measure, full ranking of the top 50) on fixed word lists
  that are stored in the cases themselves.
- tests/parity/index/concordance.jsonl: Text.concordance output and
  FreqDist/collocation_list statistics for the bundled sample, inaugural and
  treebank.

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_corpus.py
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))

import nltk  # noqa: E402
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder  # noqa: E402
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures  # noqa: E402
from nltk.probability import ConditionalFreqDist, FreqDist  # noqa: E402

import corpus as parity  # noqa: E402  (scripts/parity/corpus.py)


def readers():
    out = []
    todo = []
    for cid, views in parity.VIEWS.items():
        todo.append((cid, "fileids", []))
        todo += [(cid, v, []) for v in views]
    todo += parity.EXTRA
    for cid, v, args in todo:
        items = parity.nltk_items(cid, v, args)
        out.append({"corpus": cid, "view": v, "args": args, "count": len(items),
                    "first": items[:20], "last": items[-20:]})
    return out


def probability():
    kjv = nltk.corpus.genesis.words("english-kjv.txt")[:4000]
    news = [w.lower() for w in nltk.corpus.brown.words(categories="news")[:6000]]
    stop = set(nltk.corpus.stopwords.words("english"))
    cases = [{"kind": "input", "name": "kjv", "words": list(kjv)},
             {"kind": "input", "name": "news", "words": news}]
    for name, words in (("kjv", kjv), ("news", news)):
        fd = FreqDist(words)
        cases.append({"kind": "freqdist", "input": name, "N": fd.N(), "B": fd.B(),
                      "most_common": fd.most_common(60), "hapaxes": fd.hapaxes()[:200],
                      "freq_the": fd.freq("the"), "max": fd.max()})
        cfd = ConditionalFreqDist((len(w), w) for w in words)
        cases.append({"kind": "cfd", "input": name, "N": cfd.N(), "conditions": list(cfd.conditions()),
                      "most_common_3": cfd[3].most_common(10)})
        bm = BigramAssocMeasures()
        tm = TrigramAssocMeasures()
        for ws in (2, 3):
            for filt in (None, 2):
                for word_filter in (False, True):
                    f = BigramCollocationFinder.from_words(words, window_size=ws)
                    if filt:
                        f.apply_freq_filter(filt)
                    if word_filter:
                        f.apply_word_filter(lambda w: len(w) < 3 or w.lower() in stop)
                    for m in ("raw_freq", "student_t", "chi_sq", "pmi", "likelihood_ratio",
                              "mi_like", "poisson_stirling", "jaccard", "dice", "phi_sq"):
                        scored = f.score_ngrams(getattr(bm, m))
                        cases.append({"kind": "bigram", "input": name, "window": ws, "freq_filter": filt,
                                      "word_filter": word_filter, "measure": m, "count": len(scored),
                                      "top": [[a, b, s] for (a, b), s in scored[:50]]})
        for ws in (3, 4):
            f = TrigramCollocationFinder.from_words(words, window_size=ws)
            f.apply_freq_filter(2)
            for m in ("raw_freq", "student_t", "chi_sq", "pmi", "likelihood_ratio",
                      "mi_like", "poisson_stirling", "jaccard"):
                scored = f.score_ngrams(getattr(tm, m))
                cases.append({"kind": "trigram", "input": name, "window": ws, "freq_filter": 2,
                              "word_filter": False, "measure": m, "count": len(scored),
                              "top": [[a, b, c, s] for (a, b, c), s in scored[:50]]})
    return cases


CONCORDANCE_QUERIES = [
    ("said", None, None), ("love", None, None),
    ("freedom", 80, 25), ("Freedom", 60, 10), ("america", 80, 1000), ("the", 40, 30), ("of", 20, 5),
    ("nosuchword", 80, 25), ("citizens", 10, 3), ("government", 3, 3), ("peace", 200, 7),
    (",", 79, 4), ("my", 81, 25),
]


def index_cases():
    import io
    import contextlib
    from nltk.text import Text
    cases = []
    # PlaintextCorpusReader.words() is WordPunctTokenizer over the text (NLTK's
    # path sandbox refuses a reader rooted outside the data folder).
    with open(os.path.join(ROOT, "corpora/samples/inaugural-2009.txt"), encoding="utf-8") as f:
        sample = nltk.tokenize.WordPunctTokenizer().tokenize(f.read())
    sources = [("sample", sample),
               ("inaugural", nltk.corpus.inaugural.words()),
               ("treebank", nltk.corpus.treebank.words())]
    for name, words in sources:
        text = Text(words)
        fd = FreqDist(text.tokens)
        cases.append({"kind": "stats", "source": name, "tokens": len(text.tokens), "types": len(fd),
                      "most_common": fd.most_common(40), "collocations": text.collocation_list(20)})
        for word, width, lines in CONCORDANCE_QUERIES:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                if width is None:
                    text.concordance(word)  # NLTK's defaults (width 79, 25 lines)
                else:
                    text.concordance(word, width=width, lines=lines)
            cases.append({"kind": "concordance", "source": name, "word": word, "width": width,
                          "lines": lines, "output": buf.getvalue()})
    return cases


def write(path, rows):
    with open(os.path.join(ROOT, path), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(path, len(rows), "cases", os.path.getsize(os.path.join(ROOT, path)), "bytes")


if __name__ == "__main__":
    which = sys.argv[1:] or ["readers", "probability", "index"]
    if "readers" in which:
        write("tests/parity/corpus/readers.jsonl", readers())
    if "index" in which:
        write("tests/parity/index/concordance.jsonl", index_cases())
    if "probability" in which:
        write("tests/parity/probability/collocations.jsonl", probability())
