#!/usr/bin/env python3
"""Logic speed: NLTK 3.10.4 vs `nlkit sem` on the same formulas, in the same run.

Usage (repo root, after `cargo build --release`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/sem.py [--n 20000] [--runs 3]

Input: N random formulas from scripts/parity/sem.py's generator (seed 7;
nested lambdas, quantifiers, reducible applications, capture cases), one
per line. NLTK time is the loop `str(Expression.fromstring(f)[.simplify()])`
in one Python process (start-up and file reading not counted); nlkit time
is the whole `nlkit sem parse|simplify` process (start-up, reading and
writing included), best of RUNS. Outputs are checked to be identical.
Wall-clock and CPU time (NLTK: process_time of the loop; nlkit: the child's
user+sys) are both reported: on a loaded machine a short child process
waits for a CPU, so the CPU ratio is the steadier one.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
sys.path.append(os.path.join(ROOT, "scripts", "parity"))
import importlib.util  # noqa: E402

import timing  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "sem_parity", os.path.join(ROOT, "scripts", "parity", "sem.py"))
P = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(P)

from nltk.sem import logic  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    r = random.Random(7)
    formulas = [P.gen(r, r.randint(1, 6), []) for _ in range(args.n)]
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("".join(x + "\n" for x in formulas))
        path = f.name
    print(f"{len(formulas)} formulas, {os.path.getsize(path) / 1e6:.2f} MB; nlkit = {args.nlkit}")
    print(f"{'task':10s} {'NLTK s':>8s} {'nlkit s':>8s} {'speed-up':>9s} {'same output':>12s}"
          f"  {'NLTK cpu':>8s} {'nlkit cpu':>9s} {'cpu ratio':>9s}")
    try:
        for mode in ("parse", "simplify"):
            best = bcpu = float("inf")
            for _ in range(args.runs):
                logic._counter._value = 0
                t0, c0 = time.perf_counter(), time.process_time()
                want = [P.nltk_line(x, mode == "simplify") for x in formulas]
                best = min(best, time.perf_counter() - t0)
                bcpu = min(bcpu, time.process_time() - c0)
            got = subprocess.run([args.nlkit, "sem", mode, path], capture_output=True,
                                 check=True).stdout.decode().split("\n")[:-1]
            same = sum(a == b for a, b in zip(want, got))
            wall, cpu = timing.child([args.nlkit, "sem", mode, path], args.runs)
            print(f"{mode:10s} {best:8.3f} {wall:8.3f} {best / wall:8.1f}x "
                  f"{same:>6d}/{len(want)}  {bcpu:8.3f} {cpu:9.3f} {bcpu / cpu:8.1f}x")
        # evaluation in a model: the semantics.doctest valuation, random formulas
        import gen_sem_evaluate as G
        from nltk.sem import Assignment, Model, Valuation
        r = random.Random(11)
        efs = [G.gen(r, r.randint(0, 4)) for _ in range(args.n)]
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(x + "\n" for x in efs))
        valpath = path + ".val"
        with open(valpath, "w", encoding="utf-8") as f:
            f.write(G.VAL)
        val = Valuation.fromstring(G.VAL)
        m = Model(val.domain, val)
        g = Assignment(val.domain, G.ASSIGN)

        def nltk_eval(x):
            try:
                return G.fmt(m.evaluate(x, g.copy()))
            except Exception:
                return "ERROR"
        best = bcpu = float("inf")
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            want = [nltk_eval(x) for x in efs]
            best = min(best, time.perf_counter() - t0)
            bcpu = min(bcpu, time.process_time() - c0)
        assign = ",".join("%s=%s" % p for p in G.ASSIGN)
        cmd = [args.nlkit, "sem", "evaluate", "--valuation", valpath, "--assign", assign, path]
        got = subprocess.run(cmd, capture_output=True, check=True).stdout.decode().split("\n")[:-1]
        same = sum(a == b or (a == "ERROR" and b.startswith("error: ")) for a, b in zip(want, got))
        wall, cpu = timing.child(cmd, args.runs)
        print(f"{'evaluate':10s} {best:8.3f} {wall:8.3f} {best / wall:8.1f}x "
              f"{same:>6d}/{len(want)}  {bcpu:8.3f} {cpu:9.3f} {bcpu / cpu:8.1f}x")
        os.unlink(valpath)
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
