#!/usr/bin/env python3
"""Word clusters from unlabelled text, for the tagger's cluster features.

Reads the running text of the NLTK corpora in ../shared/data/nltk_server and
the word forms of UD English-EWT *train* (never dev or test), tokenizes raw
text with nlkit's own `word` tokenizer, and writes one line per word:

    word<TAB>c1<TAB>c2<TAB>c3

where word is lower-cased (Python's str.lower, as nlkit's tagger looks it up)
and c1 < c2 < c3 clusters are k-means clusters (64, 256 and 1024 of them) of
the word's distributional vector: positive PMI with the 4 neighbouring
positions' frequent words, reduced by SVD. Needs numpy and scipy.

    python scripts/train/clusters.py --nlkit target/release/nlkit -o corpora/models/en_clusters.tsv
"""
import argparse
import collections
import io
import os
import re
import subprocess
import sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nltk_text import ROOT, SHARED, brown_sents, conll2000_train_sents, members  # noqa: E402

RAW = {  # corpus -> member-name regex of raw running text
    "webtext": r"webtext/.*\.txt$",
    "abc": r"abc/.*\.txt$",
    "state_union": r"state_union/.*\.txt$",
    "inaugural": r"inaugural/.*\.txt$",
    "genesis": r"genesis/english-.*\.txt$",
}


def tokenized_sentences(nlkit):
    """Yields lists of tokens."""
    yield from brown_sents()
    yield from conll2000_train_sents()
    leaf = re.compile(r"\(([^\s()]+) ([^\s()]+)\)")
    for text in members("treebank", r"treebank/combined/.*\.mrg$"):
        toks = [w for t, w in leaf.findall(text) if t != "-NONE-"]
        if toks:
            yield toks
    for text in members("movie_reviews", r"movie_reviews/.*\.txt$"):
        for line in text.splitlines():
            if line.split():
                yield line.split()
    sent = []
    with open(os.path.join(SHARED, "ud", "en_ewt", "en_ewt-ud-train.conllu"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                if sent:
                    yield sent
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    sent.append(cols[1])
    raw = []
    for corpus, pattern in RAW.items():
        for text in members(corpus, pattern):
            raw.extend(l for l in text.splitlines() if l.strip())
    out = subprocess.run([nlkit, "tokenize", "--lossy"], input="\n".join(raw) + "\n",
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.split():
            yield line.split()


def kmeans(x, k, seed, iters=25):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        # cosine k-means on unit rows
        assign = np.empty(len(x), dtype=np.int64)
        for s in range(0, len(x), 8192):
            assign[s:s + 8192] = np.argmax(x[s:s + 8192] @ c.T, axis=1)
        for j in range(k):
            m = x[assign == j]
            if len(m):
                v = m.sum(0)
                c[j] = v / (np.linalg.norm(v) + 1e-9)
            else:
                c[j] = x[rng.integers(len(x))]
    return assign


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--contexts", type=int, default=4000)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--sizes", default="64,256,1024")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    sents = [[w.lower() for w in s] for s in tokenized_sentences(args.nlkit)]
    freq = collections.Counter(w for s in sents for w in s)
    print(f"{len(sents)} sentences, {sum(freq.values())} tokens, {len(freq)} types", file=sys.stderr)
    words = [w for w, c in freq.most_common() if c >= args.min_count]
    widx = {w: i for i, w in enumerate(words)}
    ctxs = [w for w, _ in freq.most_common(args.contexts)]
    cidx = {w: i for i, w in enumerate(ctxs)}
    n_ctx = len(ctxs) + 1  # last: rare word / padding
    rows, cols = [], []
    for s in sents:
        ids = [widx.get(w, -1) for w in s]
        cs = [cidx.get(w, n_ctx - 1) for w in s]
        n = len(s)
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for slot, off in enumerate((-2, -1, 1, 2)):
                j = i + off
                c = cs[j] if 0 <= j < n else n_ctx - 1
                rows.append(wi)
                cols.append(slot * n_ctx + c)
    m = sp.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                      shape=(len(words), 4 * n_ctx)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(1)).ravel()
    cs_ = np.asarray(m.sum(0)).ravel() ** 0.75
    cs_ = cs_ / cs_.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (rs[m.row] * cs_[m.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=args.dims, random_state=args.seed)
    x = u * np.sqrt(s)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    print(f"{len(words)} words embedded", file=sys.stderr)
    assigns = [kmeans(x, int(k), args.seed + i) for i, k in enumerate(args.sizes.split(","))]
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(f"# nlkit word clusters v1: {args.sizes} k-means clusters of PPMI-SVD vectors; "
                f"{sum(freq.values())} tokens of NLTK corpora + UD English-EWT train\n")
        for i, w in enumerate(words):
            if "\t" in w or "\n" in w:
                continue
            f.write(w + "\t" + "\t".join(str(a[i]) for a in assigns) + "\n")


if __name__ == "__main__":
    main()
