#!/usr/bin/env python3
"""Corpus-reader speed: `nlkit corpus ID VIEW > /dev/null` (release binary,
whole process) vs NLTK 3.10.4 materialising the same view (`list(...)`) in
one Python process, on the same NLTK data folder, same run. Wall and CPU
(user + system) seconds are both printed: on a loaded machine the CPU ratio
is the fairer one.

Usage: benches/corpus.py [--nlkit target/release/nlkit] [--data .nltk_data]
"""
import argparse
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = [
    ("brown", "tagged", "tagged_words"),
    ("brown", "sents", "sents"),
    ("treebank", "parsed", "parsed_sents"),
    ("movie_reviews", "words", "words"),
    ("conll2000", "iob", "iob_words"),
    ("inaugural", "sents", "sents"),
    ("cmudict", "entries", "entries"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv/bin/python"))
    ap.add_argument("--data", default=os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data")))
    a = ap.parse_args()
    env = dict(os.environ, NLTK_DATA=a.data)
    print("%-24s %10s %10s %8s %10s %10s %8s" % ("corpus view", "NLTK wall", "nlkit wall", "ratio",
                                               "NLTK cpu", "nlkit cpu", "ratio"))
    for cid, view, method in CASES:
        script = ("import time, nltk; r = getattr(nltk.corpus, %r); r.fileids(); t = time.perf_counter(); "
                  "c = time.process_time(); n = len(list(r.%s())); "
                  "print(n, time.perf_counter() - t, time.process_time() - c)" % (cid, method))
        out = subprocess.run([a.python, "-c", script], env=env, capture_output=True, text=True, check=True)
        n, nltk_s, nltk_cpu = out.stdout.split()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run([a.nlkit, "corpus", cid, view, "--data", a.data], capture_output=True, check=True)
        nl_s = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        nl_cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        lines = p.stdout.count(b"\n")
        assert lines == int(n), (cid, view, lines, n)
        print("%-24s %10.2f %10.3f %7.1fx %10.2f %10.3f %7.1fx" % (
            cid + " " + view, float(nltk_s), nl_s, float(nltk_s) / nl_s,
            float(nltk_cpu), nl_cpu, float(nltk_cpu) / max(nl_cpu, 1e-3)))


if __name__ == "__main__":
    sys.exit(main())
