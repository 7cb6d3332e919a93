#!/usr/bin/env python3
"""Full parity measurement of nlkit's word tokenizers against NLTK 3.10.4.

For every tokenizer in TOKENIZERS, runs NLTK and `nlkit tokenize --format jsonl`
on the same real lines and prints the % of lines whose token lists are identical,
plus the first differences.

Input (>= 20,000 lines): the `# text =` lines of ../shared/data/ud/en_ewt/*.conllu
and the non-blank lines of NLTK corpora in the NLTK data folder (state_union,
inaugural, webtext, abc, movie_reviews, genesis/english-kjv).

Usage (from the repository root):
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/tokenizers.py \
        [--nlkit target/release/nlkit] [--only word,treebank] [--show 10] [--max-lines N]

Adding a tokenizer: add one entry to TOKENIZERS: name -> (function building the
NLTK callable `line -> list[str]`, extra nlkit arguments). The nlkit side always
runs `nlkit tokenize --format jsonl --tokenizer <name> <extra args>`.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))
NLTK_DATA = os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
PUNKT_EN = os.path.join(NLTK_DATA, "tokenizers", "punkt_tab", "english")


def nltk_word():
    """nltk.word_tokenize with the punkt_tab English model of NLTK_DATA."""
    from nltk.tokenize import word_tokenize

    return lambda line: word_tokenize(line)


def nltk_treebank():
    from nltk.tokenize import TreebankWordTokenizer

    t = TreebankWordTokenizer()
    return t.tokenize


def nltk_tweet():
    from nltk.tokenize import TweetTokenizer

    return TweetTokenizer().tokenize


def nltk_toktok():
    from nltk.tokenize import ToktokTokenizer

    return ToktokTokenizer().tokenize


def nltk_wordpunct():
    from nltk.tokenize import WordPunctTokenizer

    return WordPunctTokenizer().tokenize


def nltk_whitespace():
    from nltk.tokenize import WhitespaceTokenizer

    return WhitespaceTokenizer().tokenize


REGEXP = r"\w+|\$[\d\.]+|\S+"


def nltk_regexp():
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(REGEXP).tokenize


# name -> (NLTK callable factory, extra nlkit arguments)
TOKENIZERS = {
    "word": (nltk_word, ["--punkt", PUNKT_EN]),
    "treebank": (nltk_treebank, []),
    "tweet": (nltk_tweet, []),
    "toktok": (nltk_toktok, []),
    "wordpunct": (nltk_wordpunct, []),
    "whitespace": (nltk_whitespace, []),
    "regexp:" + REGEXP: (nltk_regexp, []),
}


def read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def corpus_lines(max_lines=None):
    """Real lines, split on '\\n' only (as nlkit reads them), blank lines dropped."""
    lines = []
    for f in sorted(glob.glob(os.path.join(SHARED, "ud", "en_ewt", "*.conllu"))):
        for line in read_text(f).split("\n"):
            if line.startswith("# text = "):
                lines.append(line[len("# text = "):])
    corpora = ["state_union", "inaugural", "webtext", "abc", "movie_reviews", "genesis"]
    for c in corpora:
        pattern = os.path.join(NLTK_DATA, "corpora", c, "**", "*.txt")
        files = sorted(glob.glob(pattern, recursive=True))
        if c == "genesis":
            files = [f for f in files if f.endswith("english-kjv.txt")]
        for f in files:
            for line in read_text(f).split("\n"):
                line = line.rstrip("\r")
                if line.strip():
                    lines.append(line)
    if max_lines:
        lines = lines[:max_lines]
    return lines


def run_nlkit(nlkit, name, extra, path):
    cmd = [nlkit, "tokenize", "--tokenizer", name, "--format", "jsonl", *extra, path]
    out = subprocess.run(cmd, capture_output=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {out.stderr.decode(errors='replace')}")
    return [json.loads(x) for x in out.stdout.decode("utf-8").split("\n")[:-1]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--only", default="", help="comma-separated tokenizer names")
    ap.add_argument("--show", type=int, default=5, help="differences to print per tokenizer")
    ap.add_argument("--max-lines", type=int, default=None)
    args = ap.parse_args()

    lines = corpus_lines(args.max_lines)
    print(f"{len(lines)} lines")
    names = [n for n in args.only.split(",") if n] or list(TOKENIZERS)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "lines.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        failed = False
        for name in names:
            factory, extra = TOKENIZERS[name]
            tok = factory()
            t0 = time.perf_counter()
            expected = [tok(line) for line in lines]
            t1 = time.perf_counter()
            got = run_nlkit(args.nlkit, name, extra, path)
            t2 = time.perf_counter()
            if len(got) != len(lines):
                print(f"{name}: nlkit printed {len(got)} lines for {len(lines)} input lines")
                failed = True
                continue
            diffs = [i for i, (e, g) in enumerate(zip(expected, got)) if e != g]
            same = 100.0 * (len(lines) - len(diffs)) / len(lines)
            print(
                f"{name}: {same:.3f}% identical ({len(diffs)} of {len(lines)} lines differ)"
                f"  [nltk {t1 - t0:.1f}s, nlkit {t2 - t1:.1f}s]"
            )
            for i in diffs[: args.show]:
                e, g = expected[i], got[i]
                k = next((j for j in range(min(len(e), len(g))) if e[j] != g[j]), min(len(e), len(g)))
                print(f"  line {i + 1}: {lines[i][:200]!r}")
                print(f"    nltk : {e[max(0, k - 3):k + 4]}")
                print(f"    nlkit: {g[max(0, k - 3):k + 4]}")
            failed |= bool(diffs)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
