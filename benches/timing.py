"""Timing helpers shared by the tokenizer benchmarks (tokenize.py, tokenize_others.py)."""
import resource
import subprocess
import time


def child(cmd, runs):
    """Best (wall, CPU) seconds of `runs` runs of a child process."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        best = (min(best[0], wall), min(best[1], cpu))
    return best


def in_process(f, lines, runs):
    """Best (wall, CPU) seconds of `runs` runs of f over all lines."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for line in lines:
            f(line)
        best = (min(best[0], time.perf_counter() - t0), min(best[1], time.process_time() - c0))
    return best
