#!/usr/bin/env python3
"""Parser speed: NLTK 3.10.4 vs `nlkit parse` on the same grammars and sentences, same run.

Usage (repo root, after `cargo build --release`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/parse.py [--nlkit target/release/nlkit] [--atis-subset N]

Cases:
  enumerate  ATIS (large_grammars/atis.cfg, the 98 test sentences of
             atis_sentences.txt): NLTK `list(ChartParser(g, max_time=None).parse(s))`
             for every sentence vs `nlkit parse --format jsonl` printing every tree.
             With --atis-subset N NLTK runs on the first N sentences only and its
             time is scaled by (all trees / subset trees) (said in the output).
  count      the same sentences: NLTK has no way to count without enumerating, so
             its time is the enumeration time above; nlkit `--count` (forest only).
  viterbi    a PCFG induced from the treebank sample's first 10 files, on its
             sentences of at most 12 words: NLTK ViterbiParser vs nlkit --parser viterbi.
nlkit times are whole processes (start-up, grammar reading included), best of 3.
NLTK times exclude grammar loading. Outputs are checked to agree (counts / trees).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))

import nltk  # noqa: E402
from nltk.grammar import Nonterminal, induce_pcfg  # noqa: E402
from nltk.parse import ChartParser, ViterbiParser  # noqa: E402
from nltk.parse.util import extract_test_sentences  # noqa: E402

from parse import write_pcfg  # noqa: E402


def run_nlkit(binary, args, inp, repeat=3):
    best = None
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = subprocess.run([binary, "parse", *args], input=inp.encode(), capture_output=True)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            sys.exit(f"nlkit failed: {r.stderr.decode()[-400:]}")
        out = r.stdout.decode()
        best = dt if best is None else min(best, dt)
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--atis-subset", type=int, default=0)
    a = ap.parse_args()
    data = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
    gpath = os.path.join(data, "grammars/large_grammars/atis.cfg")
    grammar = nltk.data.load("grammars/large_grammars/atis.cfg")
    cases = extract_test_sentences(nltk.data.load("grammars/large_grammars/atis_sentences.txt", format="text"))
    sents = [s for s, _ in cases]
    inp = "".join(" ".join(s) + "\n" for s in sents)

    parser = ChartParser(grammar, max_time=None)
    subset = sents[: a.atis_subset] if a.atis_subset else sents
    t0 = time.perf_counter()
    nltk_counts = []
    for s in subset:
        try:
            nltk_counts.append(len(list(parser.parse(s))))
        except ValueError:
            nltk_counts.append(0)
    t_nltk = time.perf_counter() - t0

    t_enum, out = run_nlkit(a.nlkit, ["--grammar", gpath, "--format", "jsonl"], inp)
    ours = [json.loads(line) for line in out.splitlines()]
    our_counts = [o.get("count", 0) for o in ours]
    total = sum(our_counts)
    assert sum(len(o.get("trees", [])) for o in ours) == total
    assert our_counts[: len(subset)] == nltk_counts, "counts differ from NLTK"
    sub_total = sum(nltk_counts)
    scale = total / sub_total if a.atis_subset else 1.0
    t_nltk_all = t_nltk * scale
    note = f" (measured on {len(subset)} sentences / {sub_total} trees, scaled x{scale:.2f})" if a.atis_subset else ""
    print(f"ATIS: {len(sents)} sentences, {total} parses")
    print(f"  enumerate: NLTK ChartParser {t_nltk_all:.2f} s{note}; nlkit {t_enum:.3f} s; speed-up {t_nltk_all / t_enum:.0f}x")
    t_count, out = run_nlkit(a.nlkit, ["--grammar", gpath, "--format", "jsonl", "--count"], inp)
    assert [json.loads(line).get("count", 0) for line in out.splitlines()] == our_counts
    print(f"  count:     NLTK (must enumerate) {t_nltk_all:.2f} s; nlkit --count {t_count:.3f} s; speed-up {t_nltk_all / t_count:.0f}x")

    from nltk.corpus import treebank

    trees = [t for f in treebank.fileids()[:10] for t in treebank.parsed_sents(f)]
    pcfg = induce_pcfg(Nonterminal("S"), [p for t in trees for p in t.productions()])
    vsents = [t.leaves() for t in trees if len(t.leaves()) <= 12]
    fd, ppath = tempfile.mkstemp(suffix=".pcfg")
    os.close(fd)
    write_pcfg(pcfg, ppath)
    pcfg = nltk.grammar.PCFG.fromstring(open(ppath, encoding="utf-8").read())
    vit = ViterbiParser(pcfg, max_time=None)
    t0 = time.perf_counter()
    best = [list(vit.parse(s)) for s in vsents]
    t_vn = time.perf_counter() - t0
    vinp = "".join(" ".join(s) + "\n" for s in vsents)
    t_vo, out = run_nlkit(a.nlkit, ["--grammar", ppath, "--parser", "viterbi", "--format", "jsonl"], vinp)
    ours = [json.loads(line) for line in out.splitlines()]
    agree = sum((o["trees"] == [b[0].pformat(margin=10**9)]) if b else o["count"] == 0 for o, b in zip(ours, best))
    os.unlink(ppath)
    print(f"Viterbi: induced PCFG ({len(pcfg.productions())} productions), {len(vsents)} sentences <= 12 words,"
          f" {agree}/{len(vsents)} same best tree")
    print(f"  NLTK ViterbiParser {t_vn:.2f} s; nlkit {t_vo:.3f} s; speed-up {t_vn / t_vo:.0f}x")


if __name__ == "__main__":
    main()
