#!/usr/bin/env python3
"""Tagging and training speed: nlkit vs NLTK 3.10.4, same input, same run.

1. Tagging pre-tokenized text with NLTK's own English model: nltk.pos_tag per
   sentence vs `nlkit tag --nltk-model DIR --pretokenized` (single job) on the
   gold-tokenized sentences of UD English-EWT dev+test, repeated --repeat times.
   nlkit's time is reported with and without process start + model load (an
   empty-input run is subtracted). The tagging-only rate is measured on the
   same sentences repeated --nlkit-repeat more times (default 10), best of 5,
   because nlkit tags NLTK's input in a fraction of a second and a noisy
   shared VM then swamps the difference.
2. The same with nlkit's embedded default model (`nlkit tag --pretokenized`).
3. Unrepeated text (skip with --no-brown): 2 and 1 on the Brown corpus's
   1.16M gold tokens, each sentence once, tagging only for both (nlkit: the
   whole process less an empty-input run). The repeats of 1 and 2 let
   nlkit's per-word cache hold the whole vocabulary; here most words are new
   when first met, as in real use.
4. Training (skip with --no-train): NLTK's PerceptronTagger.train on EWT train
   XPOS (5 iterations) vs `nlkit train-tagger --features nltk --iterations 5`,
   and nlkit's default-model recipe (--features clusters --iterations 15).

Usage: cargo build --release --features cli && NLTK_DATA=.nltk_data .venv/bin/python benches/tag.py
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/parity"))
from tag import read_conllu, read_conllu_forms  # noqa: E402


def run(cmd, inp=b"", show_stderr=False):
    t = time.perf_counter()
    r = subprocess.run(cmd, input=inp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    el = time.perf_counter() - t
    if show_stderr:
        print("     " + r.stderr.decode().strip())
    return el


def best(f, n=3):
    return min(f() for _ in range(n))


def time_nltk(nltk, sents):
    """Seconds nltk.pos_tag takes to tag `sents`, one call per sentence."""
    t0 = time.perf_counter()
    for s in sents:
        nltk.pos_tag(s)
    return time.perf_counter() - t0


def nlkit_commands(nlkit, nltk_model):
    """The two nlkit tagging commands compared with nltk.pos_tag."""
    base = [nlkit, "tag", "--pretokenized", "--format", "jsonl"]
    return (("nlkit tag --nltk-model", base + ["--nltk-model", nltk_model]), ("nlkit tag (embedded model)", base))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--shared", default=os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "../shared/data")))
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--nlkit-repeat", type=int, default=10)
    ap.add_argument("--no-train", action="store_true")
    ap.add_argument("--no-brown", action="store_true")
    ap.add_argument("--encoder", default=os.environ.get("NLKIT_ENCODER", os.path.join(ROOT, ".encoder")),
                    help="all-MiniLM-L6-v2 folder for the contextual tagger (skipped when absent)")
    args = ap.parse_args()
    nltk_data = os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
    import nltk
    from nltk.tag.perceptron import PerceptronTagger

    ud = os.path.join(args.shared, "ud/en_ewt")
    sents = []
    for part in ("dev", "test"):
        sents += read_conllu_forms(os.path.join(ud, f"en_ewt-ud-{part}.conllu"))
    sents = [s for s in sents if all(" " not in w for w in s)] * args.repeat
    n = sum(map(len, sents))
    inp = "".join(" ".join(s) + "\n" for s in sents).encode()
    model = os.path.join(nltk_data, "taggers/averaged_perceptron_tagger_eng")

    nltk.pos_tag(["warm", "up"])
    t_nltk = time_nltk(nltk, sents)
    print(f"input: {len(sents)} sentences, {n} tokens (EWT dev+test x{args.repeat})")
    print(f"nltk.pos_tag:                     {t_nltk:8.3f} s  {n / t_nltk:10.0f} tok/s")

    big = inp * args.nlkit_repeat
    n_big = n * args.nlkit_repeat
    for label, cmd in nlkit_commands(args.nlkit, model):
        t_full = best(lambda: run(cmd, inp))
        t_load = best(lambda: run(cmd, b""), 5)
        t_big = best(lambda: run(cmd, big), 5)
        net = max(t_big - t_load, 1e-9)
        rate = n_big / net
        print(f"{label + ':':33s} {t_full:8.3f} s whole process on the same input (load {t_load:.3f} s)")
        print(f"   tagging only, {n_big} tokens: {net:.3f} s, {rate:10.0f} tok/s")
        print(f"   speed-up vs nltk.pos_tag: {t_nltk / t_full:6.1f}x whole process, {rate / (n / t_nltk):6.1f}x tagging only")

    if os.path.exists(os.path.join(args.encoder, "model.safetensors")):
        # the contextual tagger, on EWT dev+test once (it is slow)
        once = "".join(" ".join(s) + "\n" for s in sents[: len(sents) // args.repeat]).encode()
        n1 = n // args.repeat
        cmd = [args.nlkit, "tag", "--pretokenized", "--format", "jsonl", "--encoder", args.encoder]
        t_load = best(lambda: run(cmd, b""), 3)
        net = max(run(cmd, once) - t_load, 1e-9)
        print(f"{'nlkit tag --encoder (contextual):':33s} {net:8.3f} s tagging only, {n1} tokens (load {t_load:.3f} s)  "
              f"{n1 / net:10.0f} tok/s  {(n1 / net) / (n / t_nltk):6.3f}x nltk.pos_tag")

    if not args.no_brown:
        from nltk.corpus import brown

        bsents = [s for s in brown.sents() if s and all(" " not in w for w in s)]
        nb = sum(map(len, bsents))
        binp = "".join(" ".join(s) + "\n" for s in bsents).encode()
        tb_nltk = time_nltk(nltk, bsents)
        print(f"unrepeated: Brown, {len(bsents)} sentences, {nb} tokens, each once")
        print(f"nltk.pos_tag:                     {tb_nltk:8.3f} s  {nb / tb_nltk:10.0f} tok/s")
        for label, cmd in nlkit_commands(args.nlkit, model):
            t_load = best(lambda: run(cmd, b""), 5)
            net = max(best(lambda: run(cmd, binp), 3) - t_load, 1e-9)
            print(f"{label + ':':33s} {net:8.3f} s tagging only  {nb / net:10.0f} tok/s  {tb_nltk / net:6.1f}x nltk.pos_tag")

    if args.no_train:
        return
    train = os.path.join(ud, "en_ewt-ud-train.conllu")
    dev = os.path.join(ud, "en_ewt-ud-dev.conllu")
    tsents = read_conllu(train, "xpos")
    tagger = PerceptronTagger(load=False)
    t0 = time.perf_counter()
    tagger.train(tsents, nr_iter=5)
    t_nt = time.perf_counter() - t0
    print(f"training, EWT train XPOS, 5 iterations: NLTK {t_nt:.1f} s, dev accuracy {100 * tagger.accuracy(read_conllu(dev, 'xpos')):.2f}%")
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "m.bin")
        t_rs = run([args.nlkit, "train-tagger", "--train", train, "--dev", dev, "--column", "xpos", "--features", "nltk", "--iterations", "5", "-o", out], show_stderr=True)
        print(f"   nlkit (--features nltk):  {t_rs:.1f} s  ({t_nt / t_rs:.1f}x)")
        t_rs2 = run([args.nlkit, "train-tagger", "--train", train, "--column", "xpos", "--features", "clusters", "--clusters", os.path.join(ROOT, "corpora", "models", "en_clusters.tsv"), "--iterations", "15", "--seed", "1", "-o", out])
        print(f"   nlkit default-model recipe (--features clusters --iterations 15): {t_rs2:.1f} s")


if __name__ == "__main__":
    main()
