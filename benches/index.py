#!/usr/bin/env python3
"""Corpus indexing benchmark: nlkit index/concordance/stats vs NLTK's
Text.concordance on the same corpus.

Builds a plain-text corpus of --size MB by repeating the raw text of the shared
NLTK corpora (inaugural, state_union, webtext, genesis English, abc,
movie_reviews, udhr2 English), indexes it with the release binary under
/usr/bin/time -v (wall time, peak RSS), reports the index size, then times
`nlkit concordance` / `nlkit stats` (whole process, median of --repeat runs)
and NLTK (Text(words) + concordance: first call builds NLTK's
ConcordanceIndex, second call is the cached lookup) on the first
--nltk-size MB of the same corpus (NLTK holds every token in memory, so on
a 1 GB corpus it needs far more than the 2 GB budget).

Usage: benches/index.py [--size 100] [--nltk-size 100] [--word freedom]
       [--nlkit target/release/nlkit] [--memory 256] [--workdir .cache/bench-index]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = [
    ("inaugural", r".*\.txt", "latin-1"),
    ("state_union", r".*\.txt", "iso-8859-2"),
    ("webtext", r".*\.txt", "iso-8859-2"),
    ("genesis", r"english-.*\.txt", "utf-8"),
    ("abc", r"rural\.txt", "utf-8"),
    ("movie_reviews", r"(pos|neg)/.*\.txt", "ascii"),
]


def base_text(data):
    parts = []
    for corpus, pat, enc in SOURCES:
        root = os.path.join(data, "corpora", corpus)
        for dirpath, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                rel = os.path.relpath(os.path.join(dirpath, f), root)
                if re.fullmatch(pat, rel):
                    with open(os.path.join(root, rel), encoding=enc) as fh:
                        parts.append(fh.read())
    return "\n\n".join(parts) + "\n\n"


def make_corpus(data, size_mb, workdir):
    d = os.path.join(workdir, "corpus_%dMB" % size_mb)
    target = size_mb * 1_000_000
    marker = os.path.join(d, ".complete")
    if os.path.exists(marker):
        return d
    os.makedirs(d, exist_ok=True)
    text = base_text(data).encode("utf-8")
    written, part = 0, 0
    while written < target:
        with open(os.path.join(d, "part%04d.txt" % part), "wb") as f:
            chunk = 0
            while chunk < 100_000_000 and written < target:
                n = min(len(text), target - written)
                # cut at a line end so no word is split
                cut = text.rfind(b"\n", 0, n) + 1 if n < len(text) else n
                cut = cut or n
                f.write(text[:cut])
                written += cut
                chunk += cut
        part += 1
    open(marker, "w").close()
    return d


def timev(cmd):
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", p.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    secs = sum(x * 60 ** i for i, x in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return secs, rss, p.stdout


def median_time(cmd, repeat):
    times = []
    out = ""
    for _ in range(repeat):
        t = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def nltk_concordance(corpus_dir, size_mb, word, python):
    script = r'''
import os, sys, time, io, contextlib, resource
from nltk.tokenize import WordPunctTokenizer
from nltk.text import Text
limit = int(sys.argv[2]) * 1_000_000
tok = WordPunctTokenizer()
words = []
read = 0
t0 = time.perf_counter()
for f in sorted(os.listdir(sys.argv[1])):
    if f.startswith("."):
        continue
    with open(os.path.join(sys.argv[1], f), encoding="utf-8") as fh:
        for line in fh:
            read += len(line.encode("utf-8"))
            if read > limit:
                break
            words.extend(tok.tokenize(line))
    if read > limit:
        break
t1 = time.perf_counter()
text = Text(words)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    text.concordance(sys.argv[3])
t2 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    text.concordance(sys.argv[3])
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(words), t1 - t0, t2 - t1, t3 - t2, rss)
sys.stdout.write(buf.getvalue())
'''
    p = subprocess.run([python, "-c", script, corpus_dir, str(size_mb), word],
                       capture_output=True, text=True, check=True)
    head, _, out = p.stdout.partition("\n")
    n, read_s, first_s, second_s, rss = head.split()
    return int(n), float(read_s), float(first_s), float(second_s), int(rss), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--nltk-size", type=int, default=100)
    ap.add_argument("--word", default="freedom")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--memory", type=int, default=256)
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv/bin/python"))
    ap.add_argument("--data", default=os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data")))
    ap.add_argument("--workdir", default=os.path.join(ROOT, ".cache/bench-index"))
    a = ap.parse_args()
    corpus = make_corpus(a.data, a.size, a.workdir)
    size = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus))
    idx = os.path.join(a.workdir, "index_%dMB.nlkidx" % a.size)
    print("corpus: %s (%.1f MB)" % (corpus, size / 1e6))
    secs, rss, _ = timev([a.nlkit, "index", corpus, "-o", idx, "--memory", str(a.memory),
                          "--data", a.data])
    isize = sum(os.path.getsize(os.path.join(idx, f)) for f in os.listdir(idx))
    print("nlkit index: %.1f s, peak RSS %.0f MB, index %.1f MB (%.1f MB/s)" % (
        secs, rss / 1024, isize / 1e6, size / 1e6 / secs))
    conc_t, conc_out = median_time([a.nlkit, "concordance", idx, a.word], a.repeat)
    stats_t, _ = median_time([a.nlkit, "stats", idx], a.repeat)
    print("nlkit concordance %r: %.1f ms (whole process, median of %d); stats: %.1f ms" % (
        a.word, conc_t * 1000, a.repeat, stats_t * 1000))
    print(conc_out.split("\n")[0])
    if a.nltk_size > 0:
        small = idx
        if a.nltk_size != a.size:
            small_corpus = make_corpus(a.data, a.nltk_size, a.workdir)
            small = os.path.join(a.workdir, "index_%dMB.nlkidx" % a.nltk_size)
            timev([a.nlkit, "index", small_corpus, "-o", small, "--data", a.data])
        else:
            small_corpus = corpus
        n, read_s, first_s, second_s, nrss, nout = nltk_concordance(
            small_corpus, a.nltk_size, a.word, a.python)
        s_t, s_out = median_time([a.nlkit, "concordance", small, a.word], a.repeat)
        same = "identical" if s_out == nout else "DIFFERENT"
        print("NLTK on %d MB (%d tokens): read+tokenize %.1f s, first concordance (builds index) %.2f s, "
              "second %.1f ms, peak RSS %.0f MB" % (a.nltk_size, n, read_s, first_s, second_s * 1000, nrss / 1024))
        print("nlkit on the same %d MB: concordance %.1f ms; output %s to NLTK's" % (a.nltk_size, s_t * 1000, same))
        print("ratio: NLTK first query / nlkit = %.0fx; NLTK cached query / nlkit process = %.1fx" % (
            (read_s + first_s) / s_t, second_s / s_t))


if __name__ == "__main__":
    main()
