#!/usr/bin/env python3
"""Parser speed: NLTK 3.10.4 vs `nlkit parse` on the same grammars and sentences, same run.

Usage (repo root, after `cargo build --release`):
    NLTK_DATA=.nltk_data .venv/bin/python benches/parse.py [--nlkit target/release/nlkit] [--atis-subset N]
        [--baseline OTHER_NLKIT] [--repeat N]

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
nlkit times are whole processes (start-up, grammar reading included), best of
--repeat (3). NLTK times exclude grammar loading. Outputs are checked to agree
(counts / trees). Every time is given as wall clock and as CPU time (user + system:
the child's rusage for nlkit, time.process_time() for NLTK); on a loaded machine the
CPU-time ratio is the one to trust. --baseline times a second nlkit binary (e.g. an
older build) on the same cases in the same run and checks its output is identical.
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


REPEAT = 3


def run_nlkit(binary, args, inp, repeat=None):
    """Best (wall, cpu) seconds of `repeat` runs, and the output. The exit code
    is not checked: ATIS has 4 sentences the grammar does not cover (exit 1)."""
    best_wall = best_cpu = None
    out = None
    with tempfile.TemporaryFile() as fin:
        fin.write(inp.encode())
        for _ in range(repeat or REPEAT):
            fin.seek(0)
            with tempfile.TemporaryFile() as fout:
                t0 = time.perf_counter()
                p = subprocess.Popen([binary, "parse", *args], stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
                _, status, ru = os.wait4(p.pid, 0)
                dt = time.perf_counter() - t0
                p.returncode = os.waitstatus_to_exitcode(status)
                cpu = ru.ru_utime + ru.ru_stime
                fout.seek(0)
                out = fout.read().decode()
            if not out:
                sys.exit(f"nlkit gave no output (exit {p.returncode})")
            best_wall = dt if best_wall is None else min(best_wall, dt)
            best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return (best_wall, best_cpu), out


def fmt(t):
    return f"{t[0]:.3f} s wall / {t[1]:.3f} s CPU"


def ratio(nltk_t, t):
    return f"{nltk_t[0] / t[0]:.0f}x wall, {nltk_t[1] / t[1]:.0f}x CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--atis-subset", type=int, default=0)
    ap.add_argument("--baseline", help="a second nlkit binary to time on the same cases")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    global REPEAT
    REPEAT = a.repeat
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    data = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
    gpath = os.path.join(data, "grammars/large_grammars/atis.cfg")
    grammar = nltk.data.load("grammars/large_grammars/atis.cfg")
    cases = extract_test_sentences(nltk.data.load("grammars/large_grammars/atis_sentences.txt", format="text"))
    sents = [s for s, _ in cases]
    inp = "".join(" ".join(s) + "\n" for s in sents)

    parser = ChartParser(grammar, max_time=None)
    subset = sents[: a.atis_subset] if a.atis_subset else sents
    t0 = time.perf_counter()
    c0 = time.process_time()
    nltk_counts = []
    for s in subset:
        try:
            nltk_counts.append(len(list(parser.parse(s))))
        except ValueError:
            nltk_counts.append(0)
    t_nltk = (time.perf_counter() - t0, time.process_time() - c0)

    t_enum, out = run_nlkit(a.nlkit, ["--grammar", gpath, "--format", "jsonl"], inp)
    ours = [json.loads(line) for line in out.splitlines()]
    our_counts = [o.get("count", 0) for o in ours]
    total = sum(our_counts)
    assert sum(len(o.get("trees", [])) for o in ours) == total
    assert our_counts[: len(subset)] == nltk_counts, "counts differ from NLTK"
    sub_total = sum(nltk_counts)
    scale = total / sub_total if a.atis_subset else 1.0
    t_nltk_all = (t_nltk[0] * scale, t_nltk[1] * scale)
    note = f" (measured on {len(subset)} sentences / {sub_total} trees, scaled x{scale:.2f})" if a.atis_subset else ""
    print(f"ATIS: {len(sents)} sentences, {total} parses")
    print(f"  enumerate: NLTK ChartParser {fmt(t_nltk_all)}{note}")
    print(f"             nlkit {fmt(t_enum)}; speed-up {ratio(t_nltk_all, t_enum)}")
    if a.baseline:
        t_base, base_out = run_nlkit(a.baseline, ["--grammar", gpath, "--format", "jsonl"], inp)
        assert base_out == out, "baseline output differs"
        print(f"             baseline {fmt(t_base)}; speed-up {ratio(t_nltk_all, t_base)} (identical output)")
    count_args = ["--grammar", gpath, "--format", "jsonl", "--count"]
    t_count, out = run_nlkit(a.nlkit, count_args, inp)
    assert [json.loads(line).get("count", 0) for line in out.splitlines()] == our_counts
    print(f"  count:     NLTK (must enumerate) {fmt(t_nltk_all)}")
    print(f"             nlkit --count {fmt(t_count)}; speed-up {ratio(t_nltk_all, t_count)}")
    if a.baseline:
        t_base, base_out = run_nlkit(a.baseline, count_args, inp)
        assert base_out == out, "baseline output differs"
        print(f"             baseline {fmt(t_base)}; speed-up {ratio(t_nltk_all, t_base)} (identical output)")

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
    c0 = time.process_time()
    best = [list(vit.parse(s)) for s in vsents]
    t_vn = (time.perf_counter() - t0, time.process_time() - c0)
    vinp = "".join(" ".join(s) + "\n" for s in vsents)
    vargs = ["--grammar", ppath, "--parser", "viterbi", "--format", "jsonl"]
    t_vo, out = run_nlkit(a.nlkit, vargs, vinp)
    ours = [json.loads(line) for line in out.splitlines()]
    agree = sum((o["trees"] == [b[0].pformat(margin=10**9)]) if b else o["count"] == 0 for o, b in zip(ours, best))
    base = None
    if a.baseline:
        base = run_nlkit(a.baseline, vargs, vinp)
        assert base[1] == out, "baseline output differs"
    os.unlink(ppath)
    print(f"Viterbi: induced PCFG ({len(pcfg.productions())} productions), {len(vsents)} sentences <= 12 words,"
          f" {agree}/{len(vsents)} same best tree")
    print(f"  NLTK ViterbiParser {fmt(t_vn)}")
    print(f"  nlkit {fmt(t_vo)}; speed-up {ratio(t_vn, t_vo)}")
    if base:
        print(f"  baseline {fmt(base[0])}; speed-up {ratio(t_vn, base[0])} (identical output)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
