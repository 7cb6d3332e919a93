#!/usr/bin/env python3
"""nlkit from Python vs NLTK, in the same run, on the same text.

1. ``word_tokenize`` of each paragraph: NLTK, nlkit one call per paragraph,
   nlkit one batch call (``nlkit.word_tokenize(list_of_texts)``).
2. ``pos_tag_sents`` of all sentences: NLTK vs nlkit (the same
   ``averaged_perceptron_tagger_eng`` model).
3. A whole NLTK script (sentences, words, tags, WordNet lemmas of a corpus)
   run as a fresh process, plain and with ``nlkit.patch_nltk()`` as its
   first line: wall time of the process, imports and model loads included.
   It names WordNet POS by letter (``'v'``): touching ``nltk.corpus.wordnet``
   (``wordnet.VERB``) loads NLTK's WordNet, seconds, in both runs.

Times are best of --runs, wall clock and CPU time of the process (the CPU
ratio is the fair one for the single-threaded paths on a shared machine;
the batch calls use all cores, so compare their wall time).

Every nlkit answer is checked equal to NLTK's before its time is reported.
Text: the prose of NLTK's inaugural, state_union, gutenberg and webtext
corpora (one paragraph a line), the first --mb megabytes.

Usage (release build of the package):
    pip install ./python   # release profile by default
    NLTK_DATA=.nltk_data .venv/bin/python benches/python.py [--mb 2] [--runs 3]
"""
import argparse
import glob
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = r'''
import sys, json
if sys.argv[2] == "patched":
    import nlkit
    nlkit.patch_nltk()
import nltk
from nltk.stem import WordNetLemmatizer

def wn_pos(tag):  # wordnet.ADJ, VERB, ADV, NOUN
    return {"J": "a", "V": "v", "R": "r"}.get(tag[:1], "n")

wnl = WordNetLemmatizer()
out = []
for para in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    sents = [nltk.word_tokenize(s) for s in nltk.sent_tokenize(para)]
    for sent in nltk.pos_tag_sents(sents):
        out.append([(w, t, wnl.lemmatize(w.lower(), wn_pos(t))) for w, t in sent])
open(sys.argv[3], "w").write(json.dumps(out))
'''


def paragraphs(data, limit):
    paras, size = [], 0
    for sub in ("inaugural", "state_union", "gutenberg", "webtext"):
        for f in sorted(glob.glob(os.path.join(data, "corpora", sub, "*.txt"))):
            with open(f, encoding="latin-1") as fh:
                for line in fh:
                    line = " ".join(line.split())
                    if len(line) > 40:
                        paras.append(line)
                        size += len(line)
                        if size >= limit:
                            return paras
    return paras


def best(f, runs):
    """(best wall-clock seconds, best CPU seconds of this process, result)."""
    walls, cpus, out = [], [], None
    for _ in range(runs):
        out = None
        c, t = time.process_time(), time.perf_counter()
        out = f()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus), out


def fmt(name, base, ours):
    """`name wall s (ratio) / CPU s (ratio)` against NLTK's (wall, cpu)."""
    return (f"{name} {ours[0]:.3f} s wall ({base[0] / ours[0]:.1f}x), "
            f"{ours[1]:.3f} s CPU ({base[1] / ours[1]:.1f}x)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--script-mb", type=float, default=1.0, help="text size for the end-to-end script")
    a = ap.parse_args()
    import nltk

    import nlkit

    data = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
    paras = paragraphs(data, int(a.mb * 1e6))
    n_chars = sum(map(len, paras))
    print(f"text: {len(paras)} paragraphs, {n_chars / 1e6:.2f} M chars; best of {a.runs}; "
          f"nlkit {nlkit.__version__}, NLTK {nltk.__version__}, {os.cpu_count()} CPUs")

    nltk.word_tokenize(paras[0])
    nlkit.word_tokenize(paras[0])
    *base, ref = best(lambda: [nltk.word_tokenize(p) for p in paras], a.runs)
    *one, ours = best(lambda: [nlkit.word_tokenize(p) for p in paras], a.runs)
    assert ours == ref
    *batch, ours = best(lambda: nlkit.word_tokenize(paras), a.runs)
    assert ours == ref
    n_tok = sum(map(len, ref))
    print(f"word_tokenize ({n_tok} tokens): NLTK {base[0]:.2f} s wall, {base[1]:.2f} s CPU; "
          + fmt("nlkit one call per paragraph", base, one) + "; " + fmt("nlkit one batch call", base, batch))
    # the whole text as one string (paragraphs joined by newlines): one call each
    whole = "\n".join(paras)
    *base, ref = best(lambda: nltk.word_tokenize(whole), a.runs)
    *one, ours = best(lambda: nlkit.word_tokenize(whole), a.runs)
    assert ours == ref
    print(f"word_tokenize of the whole text in one call ({len(ref)} tokens): NLTK {base[0]:.2f} s wall, "
          f"{base[1]:.2f} s CPU; " + fmt("nlkit", base, one))

    sents = [nltk.word_tokenize(s) for p in paras for s in nltk.sent_tokenize(p)]
    nltk.pos_tag_sents(sents[:1])
    nlkit.pos_tag_sents(sents[:1])
    *base, ref = best(lambda: nltk.pos_tag_sents(sents), a.runs)
    *ours_t, ours = best(lambda: nlkit.pos_tag_sents(sents), a.runs)
    assert ours == ref
    print(f"pos_tag_sents ({len(sents)} sentences): NLTK {base[0]:.2f} s wall, {base[1]:.2f} s CPU; "
          + fmt("nlkit", base, ours_t))

    small = paragraphs(data, int(a.script_mb * 1e6))
    with tempfile.TemporaryDirectory() as td:
        text = os.path.join(td, "text.txt")
        with open(text, "w", encoding="utf-8") as fh:
            fh.write("\n".join(small))
        script = os.path.join(td, "script.py")
        with open(script, "w") as fh:
            fh.write(SCRIPT)
        res = {}
        for mode in ("plain", "patched"):
            outp = os.path.join(td, mode + ".json")
            walls, cpus = [], []
            for _ in range(a.runs):
                r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                subprocess.run([sys.executable, script, text, mode, outp], check=True)
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                walls.append(time.perf_counter() - t0)
                cpus.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
            res[mode] = (min(walls), min(cpus))
            with open(outp) as fh:
                res[mode + "_out"] = fh.read()
        assert res["plain_out"] == res["patched_out"]
        pw, pc = res["plain"]
        qw, qc = res["patched"]
        print(f"NLTK script (sent_tokenize, word_tokenize, pos_tag_sents, WordNet lemmas; "
              f"{sum(map(len, small)) / 1e6:.2f} M chars, whole process): plain {pw:.2f} s wall, {pc:.2f} s CPU; "
              f"patch_nltk() {qw:.2f} s wall ({pw / qw:.1f}x), {qc:.2f} s CPU ({pc / qc:.1f}x); outputs identical")
        cpus = []
        for _ in range(a.runs):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-c", "import nltk"], check=True)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
        print(f"  (a process that only imports nltk: {min(cpus):.2f} s CPU, included in both runs)")


if __name__ == "__main__":
    main()
