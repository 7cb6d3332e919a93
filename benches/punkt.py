#!/usr/bin/env python3
"""Punkt speed: nlkit vs `nltk.sent_tokenize`, same input, same run.

Input: the paragraphs of the parity texts (en_ewt `# text =` lines and NLTK
corpus prose, see scripts/parity/punkt.py), repeated to at least --mb MB.
NLTK: `nltk.sent_tokenize(paragraph)` for each paragraph (English punkt_tab),
timed in-process. nlkit: the release binary,
`nlkit sentences --punkt <same punkt_tab> --unit paragraph` on the same
paragraphs written to a file (process start, reading, splitting and writing
included), single-threaded and with --jobs 2.

Usage (repository root, after `cargo build --release --features cli`):
  NLTK_DATA=.nltk_data .venv/bin/python benches/punkt.py [--mb 8]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
import punkt as parity  # noqa: E402


def best_of(n, f):
    """Best (wall, CPU) seconds of n runs of a child process; CPU = the
    child's user+sys time, which other load on the machine disturbs less."""
    best = (float("inf"), float("inf"))
    for _ in range(n):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        f()
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        best = (min(best[0], wall), min(best[1], cpu))
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8.0)
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    args = ap.parse_args()

    import nltk

    punkt_dir = os.path.join(parity.nltk_data(), "tokenizers", "punkt_tab", "english")
    base = parity.all_texts()
    texts = []
    size = 0
    while size < args.mb * 1e6:
        for t in base:
            texts.append(t)
            size += len(t.encode("utf-8")) + 2
    data = "\n\n".join(texts) + "\n"
    mb = len(data.encode("utf-8")) / 1e6

    nltk.sent_tokenize("Warm up. The model loads here.")
    t0, c0 = time.perf_counter(), time.process_time()
    n_nltk = sum(len(nltk.sent_tokenize(t)) for t in texts)
    t_nltk, c_nltk = time.perf_counter() - t0, time.process_time() - c0

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(data)
        cmd = [args.nlkit, "sentences", "--punkt", punkt_dir, "--unit", "paragraph", path]
        out = subprocess.run(cmd, capture_output=True, check=True).stdout
        n_ours = out.count(b"\n")
        t_ours = best_of(3, lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True))
        t_ours2 = best_of(3, lambda: subprocess.run(cmd + ["--jobs", "2"], stdout=subprocess.DEVNULL, check=True))

    print(f"input: {len(texts)} paragraphs, {mb:.1f} MB; sentences NLTK {n_nltk}, nlkit {n_ours}")
    print("                           wall s    CPU s   speed-up (wall / CPU)")
    print(f"nltk.sent_tokenize        {t_nltk:7.2f}  {c_nltk:7.2f}")
    for name, (w, c) in [("nlkit sentences, 1 job", t_ours), ("nlkit sentences, --jobs 2", t_ours2)]:
        print(f"{name:25s} {w:7.2f}  {c:7.2f}   {t_nltk / w:6.1f}x / {c_nltk / c:6.1f}x")


if __name__ == "__main__":
    main()
