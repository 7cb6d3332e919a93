#!/usr/bin/env python3
"""Speed of nlkit's tweet, toktok, wordpunct and regexp tokenizers vs NLTK 3.10.4,
same input, same run.

Input: the real lines of the tokenizer parity measurement
(scripts/parity/tokenizers.py: en_ewt `# text =` lines and NLTK corpus prose),
repeated to at least --mb MB, one text per line.

NLTK: `TweetTokenizer().tokenize(line)` (etc.) for each line, timed in-process.
nlkit: the release binary `nlkit tokenize --tokenizer NAME FILE` on the same
lines written to a file (process start, reading, tokenizing and writing
included), single-threaded. Times are the best of --runs runs; nlkit's CPU
time is user+sys of the child, NLTK's its process time.

Usage (repository root, after `cargo build --release --features cli`):
  NLTK_DATA=.nltk_data .venv/bin/python benches/tokenize_others.py [--mb 4] [--runs 3]
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
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="tweet,toktok,wordpunct,regexp")
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    args = ap.parse_args()

    from nltk.tokenize import RegexpTokenizer, ToktokTokenizer, TweetTokenizer, WordPunctTokenizer

    pattern = parity.REGEXP
    cases = {
        "tweet": (TweetTokenizer().tokenize, "tweet"),
        "toktok": (ToktokTokenizer().tokenize, "toktok"),
        "wordpunct": (WordPunctTokenizer().tokenize, "wordpunct"),
        "regexp": (RegexpTokenizer(pattern).tokenize, "regexp:" + pattern),
    }

    base = parity.corpus_lines()
    lines, size = [], 0
    while size < args.mb * 1e6:
        for line in base:
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
            if size >= args.mb * 1e6:
                break
    print(f"input: {len(lines)} lines, {size / 1e6:.1f} MB; machine: {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "lines.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{'tokenizer':10} {'NLTK wall':>10} {'NLTK CPU':>10} {'nlkit wall':>11} {'nlkit CPU':>10}"
              f" {'x wall':>8} {'x CPU':>8}")
        for name in [n for n in args.only.split(",") if n]:
            f, cli_name = cases[name]
            n = in_process(f, lines, args.runs)
            r = child([args.nlkit, "tokenize", "--tokenizer", cli_name, path], args.runs)
            print(f"{name:10} {n[0]:9.2f}s {n[1]:9.2f}s {r[0]:10.2f}s {r[1]:9.2f}s"
                  f" {n[0] / r[0]:7.1f}x {n[1] / r[1]:7.1f}x", flush=True)


if __name__ == "__main__":
    main()
