#!/usr/bin/env python3
"""nlkit.corpus views and nlkit.download vs NLTK, in the same run.

1. Corpus views over whole corpora (NLTK's lists forced with ``list``):
   brown ``tagged_sents(tagset="universal")`` and ``paras``, treebank
   ``parsed_sents``, conll2000 ``chunked_sents`` and ``iob_sents``,
   movie_reviews ``raw``. Each nlkit answer is checked equal to NLTK's (trees
   as strings) before its time is reported. Best of --runs, wall and CPU
   time of this process (CPU is the fair one on a shared machine).
2. Downloads from the shared mirror (``../shared/data/nltk_server`` or
   ``$NLKIT_SHARED/nltk_server``) as file:// URLs (NLTK refuses loopback
   HTTP), into fresh folders: ``stopwords``, ``treebank``, ``conll2000``,
   ``brown``, one ``download`` call each; the installed files are checked equal.

Usage (release build of the package):
    pip install ./python   # release profile by default
    NLTK_DATA=.nltk_data .venv/bin/python benches/python_corpus.py [--runs 3]
"""
import argparse
import os
import pathlib
import sys
import tempfile
import time
import warnings

ROOT = pathlib.Path(__file__).resolve().parents[1]
UPSTREAM = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/"


def best(f, runs):
    out, wall, cpu = None, float("inf"), float("inf")
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = f()
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return out, wall, cpu


def row(name, theirs, ours):
    print(f"{name:<42} NLTK {theirs[1]:7.2f}s wall {theirs[2]:7.2f}s CPU | "
          f"nlkit {ours[1]:6.2f}s wall {ours[2]:6.2f}s CPU | CPU ratio {theirs[2] / max(ours[2], 1e-9):5.1f}x")


def views(runs):
    from nltk.corpus import brown, conll2000, movie_reviews, treebank

    import nlkit.corpus as nc

    strs = lambda ts: [str(t) for t in ts]  # noqa: E731
    cases = [
        ("brown.tagged_sents(tagset='universal')", lambda: list(brown.tagged_sents(tagset="universal")),
         lambda: nc.brown.tagged_sents(tagset="universal"), None),
        ("brown.paras()", lambda: list(brown.paras()), lambda: nc.brown.paras(), None),
        ("treebank.parsed_sents()", lambda: list(treebank.parsed_sents()),
         lambda: nc.treebank.parsed_sents(), strs),
        ("conll2000.chunked_sents('train.txt')", lambda: list(conll2000.chunked_sents("train.txt")),
         lambda: nc.conll2000.chunked_sents("train.txt"), strs),
        ("conll2000.iob_sents()", lambda: list(conll2000.iob_sents()), lambda: nc.conll2000.iob_sents(), None),
        ("movie_reviews.raw()", lambda: movie_reviews.raw(), lambda: nc.movie_reviews.raw(), None),
    ]
    for name, theirs_f, ours_f, norm in cases:
        theirs = best(theirs_f, runs)
        ours = best(ours_f, runs)
        a, b = (norm(ours[0]), norm(theirs[0])) if norm else (ours[0], theirs[0])
        assert a == b, name
        row(name, theirs, ours)


def tree(d):
    d = pathlib.Path(d)
    return {str(p.relative_to(d)): p.read_bytes() for p in d.rglob("*")
            if p.is_file() and not p.name.endswith(".lock")}


def downloads(runs, mirror):
    import nltk
    from nltk.downloader import Downloader as NltkDownloader

    from nlkit.downloader import Downloader

    work = pathlib.Path(tempfile.mkdtemp(prefix="pydl-bench-"))
    xml = (mirror / "index.xml").read_text().replace(UPSTREAM, "file://%s/" % mirror)
    (work / "index.xml").write_text(xml)
    nltk.data.path[:0] = [str(work), str(mirror)]
    url = "file://%s/index.xml" % work
    for pkg in ["stopwords", "treebank", "conll2000", "brown"]:
        n = [0]

        def fresh(tag):
            n[0] += 1
            return str(work / ("%s-%s-%d" % (tag, pkg, n[0])))

        theirs = best(lambda: (lambda d: (NltkDownloader(url, d).download(pkg, quiet=True), d))(fresh("nltk")), runs)
        ours = best(lambda: (lambda d: (Downloader(url, d).download(pkg, quiet=True), d))(fresh("ours")), runs)
        assert theirs[0][0] is True and ours[0][0] is True
        assert tree(theirs[0][1]) == tree(ours[0][1]), pkg
        row("download(%r)" % pkg, theirs, ours)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import nlkit
    print("nlkit", nlkit.__file__, "| python", sys.version.split()[0])
    views(args.runs)
    shared = pathlib.Path(os.environ.get("NLKIT_SHARED") or ROOT / ".." / "shared" / "data")
    mirror = (shared / "nltk_server").resolve()
    if (mirror / "index.xml").is_file():
        downloads(args.runs, mirror)
    else:
        print("no mirror at %s: downloads skipped" % mirror, file=sys.stderr)


if __name__ == "__main__":
    main()
