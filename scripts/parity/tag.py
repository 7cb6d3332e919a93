#!/usr/bin/env python3
"""Full parity measurement of `nlkit tag --nltk-model` against `nltk.pos_tag`.

Tags the gold-tokenized sentences of UD English-EWT dev + test with NLTK
3.10.4's own English perceptron (nltk.pos_tag) and with nlkit loading the same
model folder, and prints the % of tokens (and sentences) tagged identically,
plus the first differences.

Usage (from the repo root):
    cargo build --release --features cli
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/tag.py [--nlkit target/release/nlkit]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_conllu(path, column=None):
    """The sentences of a CoNLL-U file (multiword-token and empty-node lines
    skipped): lists of forms, or of (form, tag) pairs with column "xpos" or
    "upos". Shared by the tagger parity, benchmark and generator scripts."""
    col = {None: None, "xpos": 4, "upos": 3}[column]
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            cur.append(cols[1] if col is None else (cols[1], cols[col]))
    if cur:
        sents.append(cur)
    return sents


def read_conllu_forms(path):
    return read_conllu(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--shared", default=os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "../shared/data")))
    ap.add_argument("--nltk-data", default=os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data")))
    args = ap.parse_args()
    os.environ["NLTK_DATA"] = args.nltk_data
    import nltk

    ud = os.path.join(args.shared, "ud/en_ewt")
    sents = []
    for part in ("dev", "test"):
        sents += read_conllu_forms(os.path.join(ud, f"en_ewt-ud-{part}.conllu"))
    sents = [s for s in sents if all(" " not in w for w in s)]
    n_tok = sum(map(len, sents))

    t = time.time()
    py = [[tag for _, tag in nltk.pos_tag(s)] for s in sents]
    t_py = time.time() - t

    model = os.path.join(args.nltk_data, "taggers/averaged_perceptron_tagger_eng")
    inp = "".join(" ".join(s) + "\n" for s in sents).encode("utf-8")
    t = time.time()
    out = subprocess.run(
        [args.nlkit, "tag", "--nltk-model", model, "--pretokenized", "--format", "jsonl"],
        input=inp, capture_output=True, check=True,
    ).stdout.decode("utf-8")
    t_rs = time.time() - t
    rs = [[tag for _, tag in json.loads(l)] for l in out.splitlines()]
    assert len(rs) == len(sents), (len(rs), len(sents))

    same_tok = same_sent = 0
    diffs = []
    for s, a, b in zip(sents, py, rs):
        ok = 0
        for i, (x, y) in enumerate(zip(a, b)):
            if x == y:
                ok += 1
            elif len(diffs) < 20:
                diffs.append({"word": s[i], "i": i, "nltk": x, "nlkit": y, "sent": " ".join(s)})
        same_tok += ok
        same_sent += ok == len(s) and len(a) == len(b)
    print(f"sentences: {len(sents)}  tokens: {n_tok}")
    print(f"tokens identical:    {same_tok}/{n_tok} = {100 * same_tok / n_tok:.4f}%")
    print(f"sentences identical: {same_sent}/{len(sents)} = {100 * same_sent / len(sents):.4f}%")
    print(f"time: nltk.pos_tag {t_py:.2f}s, nlkit (process incl. model load) {t_rs:.2f}s")
    for d in diffs:
        print("DIFF", json.dumps(d, ensure_ascii=False))
    return 0 if same_tok / n_tok >= 0.9999 else 1


if __name__ == "__main__":
    sys.exit(main())
