#!/usr/bin/env python3
"""Unlabelled English sentences for uptraining the default taggers.

Writes one sentence per line, tokens separated by single spaces, from the
NLTK data corpora in ../shared/data/nltk_server (never from UD English-EWT dev
or test): `brown` and `conll2000` (train) come tokenized and split into
sentences; the raw text of `webtext`, `abc` and `state_union` goes through
nlkit's own sentence splitter and `word` tokenizer (`nlkit pipeline`-style:
`nlkit sentences --unit line` then `nlkit tokenize`). Sentences are deduplicated and
shuffled with a seed, so `--max-tokens` takes an unbiased sample.

    python scripts/train/silver_text.py --max-tokens 2000000 -o target/silver.txt

`nlkit tag --encoder .encoder --pretokenized --format conllu` then labels them
(the contextual tagger is the teacher) and `nlkit train-tagger` trains the
fast perceptron on gold train plus these silver sentences; see
corpora/models/README.md.
"""
import argparse
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nltk_text import ROOT, brown_sents, conll2000_train_sents, members  # noqa: E402

RAW = {  # corpus -> member-name regex of raw running text
    "webtext": r"webtext/.*\.txt$",
    "abc": r"abc/.*\.txt$",
    "state_union": r"state_union/.*\.txt$",
}


def sentences(nlkit):
    """Yields (source, tokens)."""
    for toks in brown_sents():
        yield "brown", toks
    for toks in conll2000_train_sents():
        yield "conll2000", toks
    for corpus, pattern in RAW.items():
        # one line of these files is a paragraph, a title or a chat turn
        raw = "\n".join(members(corpus, pattern))
        sents = subprocess.run([nlkit, "sentences", "--unit", "line"], input=raw + "\n",
                               capture_output=True, text=True, check=True).stdout
        sents = sents.replace("\t", "\n")
        toks = subprocess.run([nlkit, "tokenize", "--lossy"], input=sents,
                              capture_output=True, text=True, check=True).stdout
        for line in toks.splitlines():
            if line.split():
                yield corpus, line.split()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--max-tokens", type=int, default=0, help="0: all")
    ap.add_argument("--max-len", type=int, default=80, help="longer sentences are left out")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    seen = set()
    sents = []
    for source, toks in sentences(args.nlkit):
        if len(toks) > args.max_len:
            continue
        key = " ".join(toks)
        if key in seen:
            continue
        seen.add(key)
        sents.append((source, key))
    random.Random(args.seed).shuffle(sents)
    n = 0
    counts = {}
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for source, key in sents:
            k = key.count(" ") + 1
            if args.max_tokens and n + k > args.max_tokens:
                break
            n += k
            counts[source] = counts.get(source, 0) + k
            f.write(key + "\n")
    os.replace(tmp, args.output)
    print(f"{n} tokens: " + ", ".join(f"{s} {c}" for s, c in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
