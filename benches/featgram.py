#!/usr/bin/env python3
"""Feature-grammar speed: NLTK 3.10.4 vs nlkit on the same input, same run.

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/featgram.py [--reps 5] [--n 20000] [--runs 3]

* parse: the sentences of tests/parity/featgram/parses.jsonl (the NLTK
  book's examples for feat0, feat1, german, simple-sem, sql0, sql1 plus
  sentences generated from each grammar), repeated REPS times, parsed with
  NLTK's default FeatureChartParser (`print(tree)` of every parse, the
  fresh-variable counter running across the run as in one process) vs `nlkit parse --grammar G
  --format pretty` (one process per grammar; start-up and grammar reading
  included, best of RUNS). Outputs are checked to be identical.
* unify: N random pairs of feature structures (scripts/parity/featstruct.py's
  generator, seed 5) unified, `repr(unify(a, b))` per pair, vs
  `nlkit featstruct unify` (whole process, reading the pairs from text); a
  second row times NLTK reading the pairs from text too (the same work); a
  third row times only unification + repr on both sides, structures already
  read (nlkit: `examples/featstruct_unify_bench.rs`, in-process CPU time of
  the loop, best of RUNS; build it with `cargo build --release --example
  featstruct_unify_bench`).
"""

import argparse
import importlib.util
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from contextlib import redirect_stdout

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
import timing  # noqa: E402

import nltk  # noqa: E402
from nltk.featstruct import FeatStruct, unify  # noqa: E402
from nltk.parse import FeatureChartParser  # noqa: E402
from nltk.sem import logic  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "fs_parity", os.path.join(ROOT, "scripts", "parity", "featstruct.py"))
FSP = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(FSP)


def row(name, items, nw, kw, nc, kc, same):
    print(f"{name:24s} {items!s:>7s} {nw:9.3f} {kw:10.3f} {nw / kw:6.1f}x "
          f"{nc:9.3f} {kc:9.3f} {nc / max(kc, 1e-9):6.1f}x {same:>6s}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--unify-bench", default=os.path.join(
        ROOT, "target", "release", "examples", "featstruct_unify_bench"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    data = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))

    by_grammar = OrderedDict()
    with open(os.path.join(ROOT, "tests", "parity", "featgram", "parses.jsonl")) as fh:
        for line in fh:
            c = json.loads(line)
            if c["parser"] == "chart" and "error" not in c:
                by_grammar.setdefault(c["grammar"], []).append(" ".join(c["tokens"]))
    print("wall = elapsed seconds, cpu = CPU seconds (user+system); best of RUNS each")
    print(f"{'task':24s} {'items':>7s} {'NLTK wall':>9s} {'nlkit wall':>10s} {'x wall':>7s} "
          f"{'NLTK cpu':>9s} {'nlkit cpu':>9s} {'x cpu':>7s} {'same':>6s}")
    tot = [0.0, 0.0, 0.0, 0.0]
    tmp = tempfile.mkdtemp()
    for gpath, sents in by_grammar.items():
        sents = sents * args.reps
        g = nltk.data.load(gpath)
        parser = FeatureChartParser(g)
        best = cbest = float("inf")
        want = ""
        for _ in range(args.runs):
            buf = io.StringIO()
            t0, c0 = time.perf_counter(), time.process_time()
            logic._counter._value = 0
            with redirect_stdout(buf):
                for s in sents:
                    for t in parser.parse(s.split()):
                        print(t)
                    print()
            best = min(best, time.perf_counter() - t0)
            cbest = min(cbest, time.process_time() - c0)
            want = buf.getvalue()
        inp = os.path.join(tmp, "sents.txt")
        with open(inp, "w") as fh:
            fh.write("".join(s + "\n" for s in sents))
        cmd = [args.nlkit, "parse", "--grammar", os.path.join(data, gpath), "--format", "pretty", inp]
        got = subprocess.run(cmd, capture_output=True, check=True).stdout.decode()
        wall, cpu = timing.child(cmd, args.runs)
        name = "parse " + os.path.basename(gpath)
        row(name, len(sents), best, wall, cbest, cpu, str(got == want))
        for i, v in enumerate((best, wall, cbest, cpu)):
            tot[i] += v
    row("parse (all grammars)", "", *tot, "")

    rng = random.Random(5)
    parsed = [(FSP.structure(rng), FSP.structure(rng)) for _ in range(args.n)]
    pairs = [(repr(a), repr(b)) for a, b in parsed]

    def nltk_unify(a, b):
        try:
            return repr(unify(a, b))
        except TypeError:  # a feature list met by a feature dict
            return "None"
    best = cbest = float("inf")
    want = []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        want = [nltk_unify(a, b) for a, b in parsed]
        best = min(best, time.perf_counter() - t0)
        cbest = min(cbest, time.process_time() - c0)
    inp = os.path.join(tmp, "pairs.txt")
    with open(inp, "w") as fh:
        fh.write("".join(f"{a}\t{b}\n" for a, b in pairs))
    cmd = [args.nlkit, "featstruct", "unify", inp]
    got = subprocess.run(cmd, capture_output=True, check=True).stdout.decode().split("\n")[:-1]
    same = sum(a == b for a, b in zip(want, got))
    wall, cpu = timing.child(cmd, args.runs)
    row("unify (parsed)", len(pairs), best, wall, cbest, cpu, f"{same}/{len(pairs)}")
    # The same work on both sides: read both structures from text, unify, repr.
    best = cbest = float("inf")
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        want2 = [nltk_unify(FeatStruct(a), FeatStruct(b)) for a, b in pairs]
        best = min(best, time.perf_counter() - t0)
        cbest = min(cbest, time.process_time() - c0)
    same = sum(a == b for a, b in zip(want2, got))
    row("read + unify", len(pairs), best, wall, cbest, cpu, f"{same}/{len(pairs)}")
    if os.path.exists(args.unify_bench):
        # Unification alone on both sides: structures read before the clock.
        nbest = ncbest = float("inf")
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            [nltk_unify(a, b) for a, b in parsed]
            nbest = min(nbest, time.perf_counter() - t0)
            ncbest = min(ncbest, time.process_time() - c0)
        r = subprocess.run([args.unify_bench, inp, str(args.runs)], capture_output=True,
                           check=True)
        got3 = r.stdout.decode().split("\n")[:-1]
        stats = json.loads(r.stderr.decode().strip().splitlines()[-1])
        same = sum(a == b for a, b in zip(want, got3))
        row("unify (both read first)", len(pairs), nbest, stats["seconds"], ncbest,
            stats["cpu_seconds"], f"{same}/{len(pairs)}")
    print("(unify (parsed): NLTK's time excludes reading the structures, nlkit's includes it;"
          " read + unify: both read them from text; unify (both read first): unification"
          " and repr only, nlkit in-process)")


if __name__ == "__main__":
    main()
