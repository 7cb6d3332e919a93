#!/usr/bin/env python3
"""Corpus-reader parity: nlkit vs NLTK 3.10.4 on every corpus of
../shared/data/nltk_server that nlkit has a reader for.

For each corpus and view it compares fileids, categories, the number of items
and the first and last 1,000 items (and, for the whole view, how many items
are identical position by position), then prints a table and the first
differences. It then builds an index (`nlkit index`) of nine corpora and
checks `nlkit stats` (tokens, types, top 100 = FreqDist.most_common,
collocations = Text.collocation_list(20)) and `nlkit concordance` for five
words against NLTK's Text (skip with --no-stats).

Usage: scripts/parity/corpus.py [--nlkit target/debug/nlkit] [--data .nltk_data] [corpus ...]
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

VIEWS = {
    "abc": ["words", "sents"],
    "brown": ["words", "sents", "tagged", "categories"],
    "cmudict": ["words", "entries"],
    "conll2000": ["words", "sents", "tagged", "iob"],
    "conll2002": ["words", "sents", "tagged", "iob"],
    "dependency_treebank": ["words", "sents", "tagged", "parsed"],
    "gazetteers": ["words"],
    "genesis": ["words", "sents"],
    "ieer": ["words", "parsed", "entries"],
    "inaugural": ["words", "sents"],
    "movie_reviews": ["words", "sents", "categories"],
    "names": ["words"],
    "ppattach": ["entries"],
    "sinica_treebank": ["words", "sents", "tagged", "parsed"],
    "state_union": ["words", "sents"],
    "stopwords": ["words"],
    "treebank": ["words", "sents", "tagged", "parsed"],
    "udhr": ["words", "sents"],
    "udhr2": ["words", "sents"],
    "webtext": ["words", "sents"],
    "words": ["words"],
}

# Extra selections checked with --fileids / --categories.
EXTRA = [
    ("stopwords", "words", ["--fileids", "english-extended"]),
    ("stopwords", "words", ["--fileids", "english", "french"]),
    ("brown", "tagged", ["--categories", "news", "romance"]),
    ("movie_reviews", "words", ["--categories", "pos"]),
    ("brown", "categories", ["--fileids", "ca01", "cr09"]),
    ("udhr", "words", ["--fileids", "Japanese_Nihongo-EUC", "Chinese_Mandarin-GB2312",
                       "Japanese_Nihongo-SJIS", "Turkish_Turkce-Turkish"]),
    ("dependency_treebank", "parsed", ["--fileids", "wsj_0199.dp", "wsj_0001.dp"]),
    ("ieer", "parsed", ["--fileids", "NYT_19980407"]),
]


def nltk_items(corpus_id, view, args):
    import nltk
    from nltk.corpus import __dict__ as cd  # noqa: F401
    reader = getattr(nltk.corpus, corpus_id)
    kw = {}
    if args:
        flag, vals = args[0], args[1:]
        kw = {"fileids" if flag == "--fileids" else "categories": vals}
    if corpus_id == "ieer" and view == "words":  # NLTK's reader has no words()
        return [w for d in reader.parsed_docs(**kw) for w in d.text.leaves()]
    if corpus_id == "ieer" and view == "parsed":
        return [d.text.pformat(margin=10**9) for d in reader.parsed_docs(**kw)]
    if corpus_id == "ieer" and view == "entries":
        return ["%s\t%s" % (d.docno or "", " ".join(d.headline.leaves() if d.headline else []))
                for d in reader.parsed_docs()]
    if view == "words":
        if corpus_id == "cmudict":
            return list(reader.words())
        if corpus_id in ("stopwords",) and "fileids" in kw and len(kw["fileids"]) == 1:
            return list(reader.words(kw["fileids"][0]))
        return list(reader.words(**kw))
    if view == "sents":
        return [" ".join(s) for s in reader.sents(**kw)]
    if view == "tagged":
        return ["%s\t%s" % (w, "" if t is None else t) for w, t in reader.tagged_words(**kw)]
    if view == "parsed" and corpus_id == "dependency_treebank":
        return [g.tree().pformat(margin=10**9) for g in reader.parsed_sents(**kw)]
    if view == "parsed":
        return [t.pformat(margin=10**9) for t in reader.parsed_sents(**kw)]
    if view == "iob":
        return ["%s\t%s\t%s" % x for x in reader.iob_words(**kw)]
    if view == "entries" and corpus_id == "ppattach":
        return ["%s\t%s %s %s %s %s" % (a.sent, a.verb, a.noun1, a.prep, a.noun2, a.attachment)
                for a in reader.attachments(reader.fileids())]
    if view == "entries":
        return ["%s\t%s" % (w, " ".join(p)) for w, p in reader.entries()]
    if view == "categories":
        return list(reader.categories(**kw))
    if view == "fileids":
        return list(reader.fileids(**kw))
    raise ValueError(view)


def nlkit_items(nlkit, data, corpus_id, view, args):
    p = subprocess.run(
        [nlkit, "corpus", corpus_id, view, "--data", data] + args,
        capture_output=True,
    )
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace").strip()
    out = p.stdout.decode("utf-8")
    lines = out.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines, None


def compare(name, a, b, report):
    """a = NLTK, b = nlkit."""
    same = sum(1 for x, y in zip(a, b) if x == y)
    total = max(len(a), len(b))
    first_ok = a[:1000] == b[:1000]
    last_ok = a[-1000:] == b[-1000:]
    pct = 100.0 * same / total if total else 100.0
    ok = len(a) == len(b) and same == len(a)
    print("%-48s %9d %9d %8.3f%%  first1000=%s last1000=%s %s" % (
        name, len(a), len(b), pct, "ok" if first_ok else "DIFF", "ok" if last_ok else "DIFF",
        "" if ok else "<--"))
    if not ok:
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                report.append("%s item %d: NLTK %r vs nlkit %r" % (name, i, x[:200], y[:200]))
                break
        else:
            report.append("%s: lengths differ (NLTK %d, nlkit %d)" % (name, len(a), len(b)))
    return ok, same, total


STATS_CORPORA = ["abc", "brown", "conll2000", "genesis", "inaugural", "movie_reviews",
                 "state_union", "treebank", "webtext"]
STATS_WORDS = ["the", "freedom", "said", "God", "love"]


def stats_parity(nlkit, data, corpora, report):
    """nlkit index + stats/concordance vs NLTK FreqDist, Text.collocation_list
    and Text.concordance on whole corpora."""
    import contextlib
    import io
    import json
    import tempfile
    import nltk
    from nltk.probability import FreqDist
    from nltk.text import Text
    ok = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for cid in corpora:
            idx = os.path.join(tmp, cid + ".nlkidx")
            subprocess.run([nlkit, "index", cid, "--data", data, "-o", idx], check=True,
                           capture_output=True)
            st = json.loads(subprocess.run([nlkit, "stats", idx, "--top", "100", "--format", "json"],
                                           check=True, capture_output=True).stdout)
            text = Text(getattr(nltk.corpus, cid).words())
            fd = FreqDist(text.tokens)
            checks = [
                ("tokens", st["tokens"] == len(text.tokens)),
                ("types", st["types"] == len(fd)),
                ("top100", [tuple(x) for x in st["most_common"]] == fd.most_common(100)),
                ("collocations", [tuple(x) for x in st["collocations"]] == text.collocation_list(20)),
            ]
            for w in STATS_WORDS:
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    text.concordance(w, lines=50)
                got = subprocess.run([nlkit, "concordance", idx, w, "--lines", "50"], check=True,
                                     capture_output=True, text=True).stdout
                checks.append(("concordance " + w, got == buf.getvalue()))
            for name, good in checks:
                total += 1
                ok += good
                if not good:
                    report.append("stats %s: %s differs" % (cid, name))
            print("%-48s %d/%d checks identical" % ("stats " + cid, sum(g for _, g in checks), len(checks)))
    return ok, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/debug/nlkit"))
    ap.add_argument("--data", default=os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data")))
    ap.add_argument("--no-stats", action="store_true", help="skip the index/stats/concordance checks")
    ap.add_argument("corpora", nargs="*")
    a = ap.parse_args()
    os.environ["NLTK_DATA"] = a.data
    import nltk
    nltk.data.path[:0] = [a.data]
    report = []
    n_ok = n_all = 0
    items_same = items_total = 0
    todo = []
    for cid, views in VIEWS.items():
        if a.corpora and cid not in a.corpora:
            continue
        todo.append((cid, "fileids", []))
        for v in views:
            todo.append((cid, v, []))
    for cid, v, args in EXTRA:
        if not a.corpora or cid in a.corpora:
            todo.append((cid, v, args))
    print("%-48s %9s %9s %9s" % ("corpus view", "NLTK", "nlkit", "same"))
    for cid, v, args in todo:
        name = " ".join([cid, v] + args)
        try:
            ref = nltk_items(cid, v, args)
        except Exception as e:  # NLTK cannot read it either
            print("%-48s NLTK error: %s" % (name, e))
            continue
        got, err = nlkit_items(a.nlkit, a.data, cid, v, args)
        n_all += 1
        if got is None:
            print("%-48s nlkit error: %s <--" % (name, err))
            report.append("%s: nlkit error %s" % (name, err))
            items_total += len(ref)
            continue
        ok, same, total = compare(name, ref, got, report)
        n_ok += ok
        items_same += same
        items_total += total
    if not a.no_stats:
        sc = [c for c in STATS_CORPORA if not a.corpora or c in a.corpora]
        s_ok, s_all = stats_parity(a.nlkit, a.data, sc, report)
        n_ok += s_ok
        n_all += s_all
    print()
    print("views/checks identical: %d/%d; items identical: %d/%d (%.4f%%)" % (
        n_ok, n_all, items_same, items_total, 100.0 * items_same / max(items_total, 1)))
    for r in report:
        print("DIFF", r)
    return 0 if n_ok == n_all else 1


if __name__ == "__main__":
    sys.exit(main())
