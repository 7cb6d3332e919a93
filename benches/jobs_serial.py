#!/usr/bin/env python3
"""What is serial in `nlkit pipeline --jobs N` (issue 30): per-thread CPU.

Samples each run with `perf record` (CPU clock, per thread), then splits the
CPU time into the main thread's (start-up, reading paragraphs, writing the
formatted output: serial with respect to the workers) and the workers'
(rayon threads: splitting, tokenizing, tagging, formatting). With T1 the CPU
time of one job, the wall-time bound for N jobs on N free cores is
main + workers / N, hence the speedup bound T1 / (main + workers / N)
(Amdahl, taking all of the main thread's time as serial, which overstates
it: reading and writing overlap the workers). CPU times are robust to a
loaded machine; the load average is printed with them.

Usage: benches/jobs_serial.py INPUT [--nlkit BIN]... [--jobs 2] [--runs 3] [-- EXTRA ARGS]
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def per_thread(bin_, args, path):
    """CPU ms per thread id, the main thread's id (perf samples at 1999 Hz)."""
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "perf.data")
        with open(os.devnull, "w") as null:
            subprocess.run(["perf", "record", "-q", "-F", "1999", "-s", "-o", data, "--", bin_] + args + [path],
                           stdout=null, stderr=subprocess.DEVNULL, check=True)
        rep = subprocess.run(["perf", "report", "-i", data, "--sort", "pid", "-n", "--stdio"],
                             capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in rep.splitlines():
        m = re.match(r"\s*[\d.]+%\s+(\d+)\s+(\d+):", line)
        if m:
            rows[int(m.group(2))] = int(m.group(1)) * 1000 / 1999
    main = min(rows) if rows else 0  # the process's first thread has the lowest id
    return rows, main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--nlkit", action="append", help="binary (repeatable; default target/release/nlkit)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("extra", nargs="*", help="more `nlkit pipeline` arguments (after --)")
    a = ap.parse_args()
    bins = a.nlkit or [os.path.join(ROOT, "target/release/nlkit")]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    runs = {b: ([], [], []) for b in bins}
    for _ in range(a.runs):
        # the binaries alternate, so that a change of load hits them alike
        for b in bins:
            one, main_n, work_n = runs[b]
            rows, _ = per_thread(b, ["pipeline"] + a.extra, a.input)
            one.append(sum(rows.values()))
            rows, m = per_thread(b, ["pipeline", "--jobs", str(a.jobs)] + a.extra, a.input)
            main_n.append(rows.get(m, 0.0))
            work_n.append(sum(v for t, v in rows.items() if t != m))
    for b in bins:
        one, main_n, work_n = runs[b]
        t1, mn, wk = statistics.median(one), statistics.median(main_n), statistics.median(work_n)
        s = mn / (mn + wk)
        bound = t1 / (mn + wk / a.jobs)
        print(f"{b}: one job {t1:.0f} ms CPU; --jobs {a.jobs}: main thread {mn:.0f} ms, "
              f"workers {wk:.0f} ms ({(mn + wk) / t1:.3f}x one job's CPU); serial fraction {s:.3f}; "
              f"bound {bound:.2f}x one job (median of {a.runs})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
