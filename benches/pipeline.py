#!/usr/bin/env python3
"""The main job, whole process, nlkit vs NLTK in the same run.

NLTK's equivalent of `nlkit pipeline` on one process: for each paragraph,
`sent_tokenize`, then `word_tokenize(s, preserve_line=True)` and `pos_tag`
per sentence. nlkit: `nlkit pipeline FILE` with one job and with `--jobs 2`
(JSONL out, discarded), best of --runs. The per-stage breakdown times
`nlkit sentences`, `nlkit tokenize` (word, per line) and `nlkit tag`
on the same text, and NLTK's stages on it.

Input (default): the prose of NLTK's state_union + inaugural + gutenberg
corpora from .nltk_data (each line a paragraph), repeated --repeat times.

Usage: cargo build --release --features cli && NLTK_DATA=.nltk_data .venv/bin/python benches/pipeline.py
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def corpus_text(data):
    paras = []
    for sub in ("state_union", "inaugural", "gutenberg", "webtext"):
        for f in sorted(glob.glob(os.path.join(data, "corpora", sub, "*.txt"))):
            with open(f, encoding="latin-1") as fh:
                for line in fh:
                    line = " ".join(line.split())
                    if len(line) > 40:
                        paras.append(line)
    return paras


def timed(cmd, path):
    t = time.perf_counter()
    subprocess.run(cmd + [path], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--baseline", help="another nlkit binary (e.g. main's) to time in the same run")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--nltk-paras", type=int, default=0,
                    help="time NLTK on about N paragraphs only, every k-th (0: all), and scale")
    a = ap.parse_args()
    import nltk

    data = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
    paras = corpus_text(data) * a.repeat
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tf:
        # paragraphs separated by blank lines, as `nlkit pipeline` reads them
        tf.write("\n\n".join(paras) + "\n")
        path = tf.name
    try:
        # every k-th paragraph: the corpora differ in paragraph length, so
        # the first N paragraphs would misestimate the whole
        step = 1 if a.nltk_paras <= 0 else max(1, -(-len(paras) // a.nltk_paras))
        sample = paras[::step]
        n_nltk = len(sample)
        # NLTK, same work
        t0 = time.perf_counter()
        tokens = 0
        t_split = t_tok = t_tag = 0.0
        for p in sample:
            s0 = time.perf_counter()
            sents = nltk.sent_tokenize(p)
            s1 = time.perf_counter()
            toks = [nltk.word_tokenize(s, preserve_line=True) for s in sents]
            s2 = time.perf_counter()
            for t in toks:
                nltk.pos_tag(t)
                tokens += len(t)
            s3 = time.perf_counter()
            t_split += s1 - s0
            t_tok += s2 - s1
            t_tag += s3 - s2
        t_nltk = time.perf_counter() - t0
        scale = len(paras) / n_nltk
        t_nltk *= scale
        tokens = int(tokens * scale)
        print(f"input: {len(paras)} paragraphs, {os.path.getsize(path) / 1e6:.1f} MB, ~{tokens} tokens"
              + (f" (NLTK timed on every {step}th paragraph, {n_nltk}, scaled)" if scale != 1 else ""))
        print(f"NLTK sent_tokenize + word_tokenize + pos_tag: {t_nltk:.2f} s "
              f"(split {t_split * scale:.2f}, tokenize {t_tok * scale:.2f}, tag {t_tag * scale:.2f})")
        bins = [a.nlkit] + ([a.baseline] if a.baseline else [])
        best = {}
        for _ in range(a.runs):
            # the binaries alternate, so that a change of load hits both
            for b in bins:
                for jobs in ("1", "2"):
                    t = timed([b, "pipeline", "--jobs", jobs], path)
                    best[b, jobs] = min(best.get((b, jobs), t), t)
        one, two = best[a.nlkit, "1"], best[a.nlkit, "2"]
        if a.baseline:
            b1, b2 = best[a.baseline, "1"], best[a.baseline, "2"]
            print(f"baseline {a.baseline}: pipeline {b1:.3f} s = {t_nltk / b1:.1f}x NLTK, "
                  f"--jobs 2 {b2:.3f} s = {t_nltk / b2:.1f}x NLTK; this binary is "
                  f"{b1 / one:.2f}x / {b2 / two:.2f}x the baseline")
        print(f"nlkit pipeline: {one:.3f} s = {t_nltk / one:.1f}x NLTK, {tokens / one / 1e6:.2f} M tokens/s")
        print(f"nlkit pipeline --jobs 2: {two:.3f} s = {t_nltk / two:.1f}x NLTK, "
              f"{tokens / two / 1e6:.2f} M tokens/s, {one / two:.2f}x one job")
        # per-stage breakdown (whole processes; each reads the whole file)
        st = min(timed([a.nlkit, "sentences"], path) for _ in range(a.runs))
        tk = min(timed([a.nlkit, "tokenize"], path) for _ in range(a.runs))
        tg = min(timed([a.nlkit, "tag"], path) for _ in range(a.runs))
        print(f"nlkit stages as separate processes: sentences {st:.3f} s, tokenize {tk:.3f} s, "
              f"tag (tokenize + Penn tags per line) {tg:.3f} s")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    sys.exit(main())
