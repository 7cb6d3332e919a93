#!/usr/bin/env python3
"""`nlkit pipeline` tokens per second with the UD tokenizer and splitter
(the default) and with NLTK's Punkt + word_tokenize (`--tokenizer word
--sentences punkt`, the default before), same binary, same input, same run.

Input: the prose of NLTK's state_union + inaugural + gutenberg + webtext
corpora from .nltk_data (benches/pipeline.py's corpus_text), each line a
paragraph. Best of --runs, one job and --jobs 2: wall time, and CPU time
(user + system of the process, steadier than wall time on a loaded machine).

Usage: cargo build --release --features cli && python3 benches/pipeline_ud.py
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
from pipeline import corpus_text  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--data", default=os.path.join(ROOT, ".nltk_data"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    paras = corpus_text(a.data)
    modes = [("ud (default)", []), ("nltk", ["--tokenizer", "word", "--sentences", "punkt"])]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "in.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")
        mb = os.path.getsize(path) / 1e6
        print(f"input: {len(paras)} paragraphs, {mb:.1f} MB")
        for name, extra in modes:
            out = subprocess.run([a.nlkit, "pipeline", *extra, path], capture_output=True,
                                 text=True, check=True).stdout
            ntok = sum(len(json.loads(l)["tokens"]) for l in out.splitlines())
            nsent = len(out.splitlines())
            for jobs in (1, 2):
                best = cpu_best = float("inf")
                for _ in range(a.runs):
                    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    t = time.perf_counter()
                    subprocess.run([a.nlkit, "pipeline", "--jobs", str(jobs), *extra, path],
                                   stdout=subprocess.DEVNULL, check=True)
                    best = min(best, time.perf_counter() - t)
                    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
                    cpu_best = min(cpu_best, cpu)
                print(f"{name:14} jobs {jobs}: wall {best:6.2f} s {ntok / best:10,.0f} tokens/s; "
                      f"CPU {cpu_best:6.2f} s {ntok / cpu_best:10,.0f} tokens/CPU-s  "
                      f"({ntok:,} tokens, {nsent:,} sentences)")


if __name__ == "__main__":
    main()
