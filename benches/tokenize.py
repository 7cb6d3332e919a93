#!/usr/bin/env python3
"""Word tokenizer speed: nlkit vs NLTK 3.10.4, same input, same run.

Input: the real lines of the tokenizer parity measurement
(scripts/parity/tokenizers.py: en_ewt `# text =` lines and NLTK corpus prose),
repeated to at least --mb MB, one text per line.

1. `word`: `nltk.word_tokenize(line)` for each line (punkt_tab English of
   NLTK_DATA), timed in-process, against the release binary
   `nlkit tokenize --tokenizer word --punkt <same punkt_tab>` on the same lines
   written to a file (process start, reading, tokenizing and writing included),
   single-threaded.
2. `treebank`: `TreebankWordTokenizer().tokenize(line)` against
   `nlkit tokenize --tokenizer treebank`.
3. `--jobs 2` against one job, nlkit `word` on the same file.

Times are the best of --runs runs; for nlkit both wall-clock and CPU
(user+sys of the child) are reported, NLTK's CPU time is its process time.

Usage (repository root, after `cargo build --release --features cli`):
  NLTK_DATA=.nltk_data .venv/bin/python benches/tokenize.py [--mb 8] [--runs 3]
"""
import argparse
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
import tokenizers as parity  # noqa: E402
from timing import child, in_process  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    args = ap.parse_args()

    from nltk.tokenize import TreebankWordTokenizer, word_tokenize

    base = parity.corpus_lines()
    lines, size = [], 0
    while size < args.mb * 1e6:
        for line in base:
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
            if size >= args.mb * 1e6:
                break
    mb = size / 1e6
    print(f"input: {len(lines)} lines, {mb:.1f} MB; machine: {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "lines.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        nl = [args.nlkit, "tokenize"]
        punkt = ["--punkt", parity.PUNKT_EN]
        rows = []
        nw = in_process(word_tokenize, lines, args.runs)
        rw = child(nl + ["--tokenizer", "word", *punkt, path], args.runs)
        rows.append(("word", nw, rw))
        tb = TreebankWordTokenizer()
        nt = in_process(tb.tokenize, lines, args.runs)
        rt = child(nl + ["--tokenizer", "treebank", path], args.runs)
        rows.append(("treebank", nt, rt))
        print(f"{'tokenizer':10} {'NLTK wall':>10} {'NLTK CPU':>10} {'nlkit wall':>11} {'nlkit CPU':>10}"
              f" {'x wall':>8} {'x CPU':>8}")
        for name, n, r in rows:
            print(f"{name:10} {n[0]:9.2f}s {n[1]:9.2f}s {r[0]:10.2f}s {r[1]:9.2f}s"
                  f" {n[0] / r[0]:7.1f}x {n[1] / r[1]:7.1f}x")
        j1 = rw
        j2 = child(nl + ["--tokenizer", "word", *punkt, "--jobs", "2", path], args.runs)
        print(f"word --jobs 1: {j1[0]:.2f}s wall; --jobs 2: {j2[0]:.2f}s wall "
              f"({j1[0] / j2[0]:.2f}x faster)")


if __name__ == "__main__":
    main()
