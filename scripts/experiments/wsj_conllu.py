#!/usr/bin/env python3
"""Experiment (not part of nlkit or its tests): write NLTK's WSJ data as
CoNLL-U with PTB tags in the XPOS column, for the feature-augmentation
experiment in BENCHMARKS.md (Tagging).

The `treebank` sample (its `-NONE-` trace tokens dropped) and `conll2000`,
brackets written as EWT writes them: the words `-LRB-`/`-RRB-` become `(`/`)`
and the tags `(`/`)` become `-LRB-`/`-RRB-`.

  NLTK_DATA=.nltk_data .venv/bin/python scripts/experiments/wsj_conllu.py \
      [--treebank-only] -o /tmp/wsj.conllu
"""
import argparse

from nltk.corpus import conll2000, treebank

WORDS = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "-LSB-": "[", "-RSB-": "]"}
TAGS = {"(": "-LRB-", ")": "-RRB-", "-LCB-": "-LRB-", "-RCB-": "-RRB-"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--treebank-only", action="store_true", help="leave out conll2000")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    corpora = [treebank] if args.treebank_only else [treebank, conll2000]
    n = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for corpus in corpora:
            for sent in corpus.tagged_sents():
                toks = [(WORDS.get(w, w), TAGS.get(t, t)) for w, t in sent if t != "-NONE-"]
                if not toks:
                    continue
                for i, (w, t) in enumerate(toks, 1):
                    out.write(f"{i}\t{w}\t_\tX\t{t}\t_\t_\t_\t_\t_\n")
                out.write("\n")
                n += 1
    print(f"{n} sentences -> {args.output}")


if __name__ == "__main__":
    main()
