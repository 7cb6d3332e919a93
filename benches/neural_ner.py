#!/usr/bin/env python3
"""Neural NER speed and accuracy: nlkit's shipped CoNLL-2002 models
(`nlkit ner`, `nlkit eval-ner`) beside NLTK 3.10.4's `pos_tag` and
`ne_chunk(pos_tag(...))` (when its data package is installed) on the same
sentences, in the same run.

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/neural_ner.py [--nlkit target/release/nlkit] [--lang es nl]

Input: conll2002 {esp,ned}.testb (read from ../shared's conll2002.zip). For
nlkit, entity-level F1 (conlleval) and tokens/s come from `nlkit eval-ner`
(labelling time only, model loaded) and from the whole `nlkit ner
--pretokenized` process (start-up, model load, reading, writing included),
both with candle's default threads and with one thread (RAYON_NUM_THREADS=1).
NLTK's taggers are English models: on Spanish or Dutch their output is
meaningless, so only their speed is reported (sentences pre-tokenized,
start-up not counted; best of 2). CPU seconds are printed beside wall
seconds because the machine is shared.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZIPS = [os.path.join(ROOT, "../shared/data/nltk_server/packages/corpora/conll2002.zip"),
        "/work/shared/data/nltk_server/packages/corpora/conll2002.zip"]


def sentences(text):
    out, cur = [], []
    for line in text.split("\n"):
        f = line.split()
        if not f:
            if cur:
                out.append(cur)
            cur = []
        elif f[0] != "-DOCSTART-":
            cur.append(f[0])
    if cur:
        out.append(cur)
    return out


def child(cmd, stdin_path, env=None):
    with open(stdin_path, "rb") as f:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdin=f, capture_output=True, check=True, env=env)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), r.stdout.decode()


def timed(f, runs=2):
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        f()
        best = min(best, (time.perf_counter() - t0, time.process_time() - c0))
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--lang", nargs="+", default=["es", "nl"])
    a = ap.parse_args()
    zpath = next(p for p in ZIPS if os.path.exists(p))
    import nltk
    tmp = tempfile.mkdtemp()
    for lang in a.lang:
        name = {"es": "esp", "nl": "ned"}[lang]
        text = zipfile.ZipFile(zpath).read(f"conll2002/{name}.testb").decode("utf-8")
        gold = os.path.join(tmp, f"{name}.testb")
        open(gold, "w").write(text)
        sents = sentences(text)
        words = os.path.join(tmp, f"{name}.words")
        open(words, "w").write("".join(" ".join(s) + "\n" for s in sents))
        ntok = sum(len(s) for s in sents)
        model = os.path.join(ROOT, f"corpora/models/ner-{lang}")
        print(f"== {lang}: {name}.testb, {len(sents)} sentences, {ntok} tokens")
        for threads in [None, "1"]:
            env = dict(os.environ)
            label = "default threads"
            if threads:
                env["RAYON_NUM_THREADS"] = threads
                label = "1 thread"
            _, _, out = child([a.nlkit, "eval-ner", "--model", model, gold, "--format", "json"], os.devnull, env)
            r = json.loads(out)
            wall, cpu, _ = child([a.nlkit, "ner", "--model", model, "--pretokenized", "--format", "conll"], words, env)
            print(f"nlkit ({label}): F1 {r['f1']:.2f} (P {r['precision']:.2f} R {r['recall']:.2f}); "
                  f"labelling {r['tokens_per_second']:.0f} tokens/s; whole `nlkit ner` {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU = {ntok / wall:.0f} tokens/s")
        w, c = timed(lambda: [nltk.pos_tag(s) for s in sents])
        print(f"nltk.pos_tag: {w:.2f} s wall, {c:.2f} s CPU = {ntok / w:.0f} tokens/s")
        try:
            w, c = timed(lambda: [nltk.ne_chunk(nltk.pos_tag(s)) for s in sents], runs=1)
            print(f"nltk.ne_chunk(pos_tag): {w:.2f} s wall, {c:.2f} s CPU = {ntok / w:.0f} tokens/s")
        except LookupError:
            print("nltk.ne_chunk: not measured (NLTK data package maxent_ne_chunker_tab not installed)")


if __name__ == "__main__":
    main()
