#!/usr/bin/env python3
"""Start-up cost of nlkit commands: CPU time of whole processes on empty
input, for one or more binaries, interleaved in the same run (the machine
is shared, so runs alternate between binaries and the median is reported).

Usage (repo root, after `cargo build --release --features cli`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/startup.py BIN [BIN...] [--runs 100]

Commands: `nlkit --version`; `nlkit chunk --grammar G </dev/null` for the
NLTK book's grammars 2.3 (NP, two chunk rules) and 2.5 (chinking); `nlkit
parse --grammar grammars/english_toy.cfg </dev/null`. `/bin/true` is timed
the same way as the floor (fork, exec, exit).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
from chunk_common import GRAMMARS  # noqa: E402


def cpu_of(cmd):
    """CPU seconds (user + system) of one run of `cmd` on empty stdin."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bins", nargs="+")
    ap.add_argument("--runs", type=int, default=100)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    grammars = {}
    for name, grammar, _, _ in GRAMMARS:
        if name in ("book_2.3_np_possessive", "book_2.5_chinking"):
            grammars[name] = os.path.join(tmp, name)
            with open(grammars[name], "w") as f:
                f.write(grammar)
    cfg = os.path.join(ROOT, "grammars", "english_toy.cfg")
    cases = [("--version", ["--version"])]
    cases += [(f"chunk --grammar {n}", ["chunk", "--grammar", p]) for n, p in grammars.items()]
    cases.append(("parse --grammar english_toy.cfg", ["parse", "--grammar", cfg]))
    floor = [cpu_of(["/bin/true"]) for _ in range(a.runs)]
    print(f"/bin/true: median {statistics.median(floor) * 1e3:.2f} ms CPU ({a.runs} runs)")
    print(f"{'command':36}" + "".join(f" {os.path.basename(b)[:20]:>20}" for b in a.bins) + "   (median ms CPU; mean)")
    for label, args in cases:
        times = {b: [] for b in a.bins}
        for _ in range(a.runs):
            for b in a.bins:
                times[b].append(cpu_of([b] + args))
        cols = "".join(
            f" {statistics.median(times[b]) * 1e3:8.2f} ({statistics.mean(times[b]) * 1e3:5.2f})    " for b in a.bins
        )
        print(f"{label:36}{cols}")


if __name__ == "__main__":
    main()
