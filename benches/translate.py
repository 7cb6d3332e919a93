#!/usr/bin/env python3
"""MT-metric speed: NLTK 3.10.4 vs nlkit on the same corpus, in the same run.

The corpus: SEGMENTS sentences of brown (the references) with perturbed copies
as hypotheses (scripts/parity/translate.py's perturbation), two references per
segment. Timed: corpus_bleu (default weights, method 0 and method 7),
corpus_chrf, corpus_gleu, corpus_nist, corpus_ribes and METEOR (meteor_score
per segment). NLTK: best of --repeat runs of the call. nlkit "lib": the same
call in Rust (`cargo build --release --example translate_eval`, input already
parsed, best of 3); nlkit "CLI": the whole `nlkit score` process on text files
(start-up, reading, whitespace tokenization included). CPU columns, the fair
measure on a loaded machine: NLTK's best `time.process_time` of the call; nlkit
lib's CPU time per round, from `getrusage(RUSAGE_CHILDREN)` of a
`translate_eval --time R` run minus a `--time 1` run, over R-1 rounds.

Usage:
    NLTK_DATA=.nltk_data .venv/bin/python benches/translate.py [--segments 3000] [--repeat 3]
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))

from translate import perturb  # noqa: E402

from nltk.corpus import brown  # noqa: E402
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu  # noqa: E402
from nltk.translate.chrf_score import corpus_chrf  # noqa: E402
from nltk.translate.gleu_score import corpus_gleu  # noqa: E402
from nltk.translate.meteor_score import meteor_score  # noqa: E402
from nltk.translate.nist_score import corpus_nist  # noqa: E402
from nltk.translate.ribes_score import corpus_ribes  # noqa: E402


def best(f, repeat):
    t_best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best


def best_cpu(f, repeat):
    c_best = float("inf")
    for _ in range(repeat):
        c = time.process_time()
        f()
        c_best = min(c_best, time.process_time() - c)
    return c_best


def child_cpu(cmd, stdin):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, input=stdin, capture_output=True, check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu-rounds", type=int, default=30,
                    help="rounds of the nlkit lib call for its CPU time per round")
    ap.add_argument("--eval", default=os.path.join(ROOT, "target", "release", "examples", "translate_eval"))
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    args = ap.parse_args()
    rng = random.Random(7)
    sents = [list(s) for s in brown.sents()[: args.segments * 2] if 3 <= len(s) <= 60][: args.segments]
    pool = [w for s in sents for w in s]
    refs = [[s, perturb(rng, s, pool)] for s in sents]
    hyps = [perturb(rng, s, pool) for s in sents]
    ntok = sum(len(h) for h in hyps)
    print(f"{len(hyps)} segments, {ntok} hypothesis tokens, 2 references each")
    sf = SmoothingFunction()
    chrf_refs = [" ".join(r[0]) for r in refs]
    chrf_hyps = [" ".join(h) for h in hyps]
    jobs = [
        ("corpus_bleu", {"metric": "bleu", "smoothing": 0},
         lambda: corpus_bleu(refs, hyps), "bleu", []),
        ("corpus_bleu method7", {"metric": "bleu", "smoothing": 7},
         lambda: corpus_bleu(refs, hyps, smoothing_function=sf.method7), "bleu", ["--smoothing", "7"]),
        ("corpus_chrf", {"metric": "chrf", "refs": chrf_refs, "hyps": chrf_hyps},
         lambda: corpus_chrf(chrf_refs, chrf_hyps), "chrf", None),
        ("corpus_gleu", {"metric": "gleu"}, lambda: corpus_gleu(refs, hyps), "gleu", []),
        ("corpus_nist", {"metric": "nist"}, lambda: corpus_nist(refs, hyps), "nist", []),
        ("corpus_ribes", {"metric": "ribes"}, lambda: corpus_ribes(refs, hyps), "ribes", []),
        ("meteor (per segment)", {"metric": "meteor"},
         lambda: [meteor_score(r, h) for r, h in zip(refs, hyps)], "meteor", []),
    ]
    tmp = tempfile.mkdtemp()
    paths = {}
    for k, rows in (("ref0", [r[0] for r in refs]), ("ref1", [r[1] for r in refs]), ("hyp", hyps)):
        paths[k] = os.path.join(tmp, k + ".txt")
        with open(paths[k], "w", encoding="utf-8") as f:
            f.writelines(" ".join(t) + "\n" for t in rows)
    print(f"{'metric':22s} {'NLTK s':>9s} {'nlkit lib s':>12s} {'lib x':>8s} {'CLI s':>8s} {'CLI x':>7s}"
          f" {'NLTK CPU s':>11s} {'lib CPU s':>10s} {'CPU x':>7s}")
    for name, case, nltk_f, metric, cli_extra in jobs:
        case = dict(case)
        case.setdefault("refs", refs)
        case.setdefault("hyps", hyps)
        case["level"] = "corpus"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nltk_f()  # warm up (WordNet loading for METEOR)
            t_nltk = best(nltk_f, args.repeat)
            c_nltk = best_cpu(nltk_f, args.repeat)
        stdin = (json.dumps(case) + "\n").encode()
        p = subprocess.run([args.eval, "--time", "3"], input=stdin, capture_output=True, check=True)
        t_lib = json.loads(p.stdout)["seconds"]
        rounds = max(args.cpu_rounds, 2)
        c_lib = min(
            (child_cpu([args.eval, "--time", str(rounds)], stdin) - child_cpu([args.eval, "--time", "1"], stdin))
            / (rounds - 1)
            for _ in range(2)
        )
        t_cli = float("nan")
        if cli_extra is not None:
            cmd = [args.nlkit, "score", "-m", metric, "--ref", paths["ref0"], "--ref", paths["ref1"],
                   "--hyp", paths["hyp"], "--data", os.environ["NLTK_DATA"]] + cli_extra
            t_cli = best(lambda: subprocess.run(cmd, check=True, capture_output=True), args.repeat)
        elif metric == "chrf":
            cmd = [args.nlkit, "score", "-m", "chrf", "--ref", paths["ref0"], "--hyp", paths["hyp"]]
            t_cli = best(lambda: subprocess.run(cmd, check=True, capture_output=True), args.repeat)
        print(f"{name:22s} {t_nltk:9.4f} {t_lib:12.5f} {t_nltk / t_lib:8.1f} {t_cli:8.4f} {t_nltk / t_cli:7.1f}"
              f" {c_nltk:11.4f} {c_lib:10.5f} {c_nltk / max(c_lib, 1e-9):7.1f}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
