#!/usr/bin/env python3
"""Tokens, sentences, words, UPOS and XPOS F1 of `nlkit pipeline` from raw
text, scored as the CoNLL 2018 shared task scores (conll18_ud_eval.py's
metrics, reimplemented here): spans are character offsets into the raw
text, a token is correct when the system has a token with exactly its span,
a sentence when the system has a sentence with exactly its span (first
token's start to last token's end), and a word's tag when the word is
aligned with a system word (same span; inside multi-word tokens by the
longest common subsequence of lower-cased forms) and the tags are equal.
Precision, recall and F1 are over the gold and system counts.

The raw text of a UD treebank: each `# newpar` (or `# newdoc`) block is one
paragraph, its sentences (rebuilt from the token forms and SpaceAfter=No)
joined by one space; paragraphs are separated by a blank line. The system
side is `nlkit pipeline --format conllu` on that file: its TokenRange byte
offsets give the spans, and `a-b` lines (multi-word tokens, written in UD
mode for clitic splits such as `do n't`) group words into tokens.

Usage:
  cargo build --release --features cli
  python3 scripts/eval/raw_text.py /work/shared/data/ud/en_ewt/en_ewt-ud-test.conllu
  python3 scripts/eval/raw_text.py GOLD.conllu -- --tokenizer word --sentences punkt
Everything after `--` is passed to `nlkit pipeline`. `--nlkit PATH` picks
the binary (default target/release/nlkit), `--json` prints one JSON object,
`--errors N` prints the N most frequent token errors (gold vs system forms).
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Word:
    __slots__ = ("form", "upos", "xpos", "span", "mwt")

    def __init__(self, form, upos, xpos, span, mwt):
        self.form, self.upos, self.xpos, self.span, self.mwt = form, upos, xpos, span, mwt


def read_gold(path):
    """Paragraphs of sentences; a sentence is a list of tokens, a token is
    (form, space_after, [(word form, upos, xpos)])."""
    paras, sent, para = [], [], []
    mwt_end, mwt_tok = 0, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            if line.startswith("# newpar") or line.startswith("# newdoc"):
                if para:
                    paras.append(para)
                para = []
            continue
        if not line.strip():
            if sent:
                para.append(sent)
            sent = []
            continue
        c = line.split("\t")
        if "." in c[0]:
            continue
        space = "SpaceAfter=No" not in c[9].split("|")
        if "-" in c[0]:
            a, b = c[0].split("-")
            mwt_end = int(b)
            mwt_tok = (c[1], space, [])
            sent.append(mwt_tok)
            continue
        w = (c[1], c[3], c[4])
        if mwt_tok is not None and int(c[0]) <= mwt_end:
            mwt_tok[2].append(w)
            if int(c[0]) == mwt_end:
                mwt_tok = None
            continue
        sent.append((c[1], space, [w]))
    if sent:
        para.append(sent)
    if para:
        paras.append(para)
    return paras


def build_raw(paras):
    """The raw text and the gold tokens, words and sentences with spans."""
    out, pos = [], 0
    tokens, words, sents = [], [], []
    for pi, para in enumerate(paras):
        if pi:
            out.append("\n\n")
            pos += 2
        for si, sent in enumerate(para):
            if si:
                out.append(" ")
                pos += 1
            start = pos
            for ti, (form, space, ws) in enumerate(sent):
                span = (pos, pos + len(form))
                tokens.append(span)
                for f, u, x in ws:
                    words.append(Word(f, u, x, span, len(ws) > 1))
                out.append(form)
                pos += len(form)
                if space and ti + 1 < len(sent):
                    out.append(" ")
                    pos += 1
            sents.append((start, pos))
    return "".join(out), tokens, words, sents


def read_system(conllu, raw_bytes):
    """System tokens, words and sentences with character spans."""
    # byte offset -> character offset
    b2c = {}
    ci = 0
    i = 0
    n = len(raw_bytes)
    while i < n:
        b2c[i] = ci
        b = raw_bytes[i]
        i += 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        ci += 1
    b2c[n] = ci
    tokens, words, sents = [], [], []
    for block in conllu.split("\n\n"):
        rows = [l.split("\t") for l in block.split("\n") if l and not l.startswith("#")]
        if not rows:
            continue
        mwt = {}
        for r in rows:
            if "-" in r[0]:
                a, b = map(int, r[0].split("-"))
                for k in range(a, b + 1):
                    mwt[k] = (a, b)
        spans = {}
        for r in rows:
            if "-" in r[0] or "." in r[0]:
                continue
            rng = [m for m in r[9].split("|") if m.startswith("TokenRange=")][0]
            s, e = map(int, rng[len("TokenRange="):].split(":"))
            spans[int(r[0])] = (b2c[s], b2c[e])
        for r in rows:
            if "-" in r[0] or "." in r[0]:
                continue
            k = int(r[0])
            if k in mwt:
                a, b = mwt[k]
                span = (spans[a][0], spans[b][1])
                if k == a:
                    tokens.append(span)
            else:
                span = spans[k]
                tokens.append(span)
            words.append(Word(r[1], r[3], r[4], span, k in mwt))
        sents.append((min(s for s, _ in spans.values()), max(e for _, e in spans.values())))
    return tokens, words, sents


def lcs_align(gw, sw):
    """Pairs of (gold, system) words aligned by the LCS of lower-cased forms."""
    n, m = len(gw), len(sw)
    t = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if gw[i].form.lower() == sw[j].form.lower():
                t[i][j] = 1 + t[i + 1][j + 1]
            else:
                t[i][j] = max(t[i + 1][j], t[i][j + 1])
    i = j = 0
    out = []
    while i < n and j < m:
        if gw[i].form.lower() == sw[j].form.lower():
            out.append((gw[i], sw[j]))
            i += 1
            j += 1
        elif t[i + 1][j] >= t[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def align_words(gold, system):
    """conll18_ud_eval's word alignment: equal spans outside multi-word
    tokens; inside a region of overlapping multi-word tokens, LCS."""
    pairs = []
    gi = si = 0
    while gi < len(gold) and si < len(system):
        g, s = gold[gi], system[si]
        if g.mwt or s.mwt:
            if g.span[1] > s.span[0] and s.span[1] > g.span[0]:
                # the region: extend while the next word overlaps it
                end = max(g.span[1], s.span[1])
                gj, sj = gi, si
                while True:
                    moved = False
                    while gj < len(gold) and gold[gj].span[0] < end:
                        end = max(end, gold[gj].span[1])
                        gj += 1
                        moved = True
                    while sj < len(system) and system[sj].span[0] < end:
                        end = max(end, system[sj].span[1])
                        sj += 1
                        moved = True
                    if not moved:
                        break
                pairs.extend(lcs_align(gold[gi:gj], system[si:sj]))
                gi, si = gj, sj
                continue
        elif g.span == s.span:
            pairs.append((g, s))
            gi += 1
            si += 1
            continue
        if (g.span[0], g.span[1]) <= (s.span[0], s.span[1]):
            gi += 1
        else:
            si += 1
    return pairs


def f1(correct, gold, system):
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return 100 * (2 * p * r / (p + r) if p + r else 0.0)


def span_f1(gold, system):
    g = collections.Counter(gold)
    s = collections.Counter(system)
    return f1(sum((g & s).values()), len(gold), len(system))


def token_errors(raw, gold, system, n):
    g, s = set(gold), set(system)
    c = collections.Counter()
    for a, b in gold:
        if (a, b) not in s:
            # the system spans covering this gold token
            cover = [raw[x:y] for x, y in system if x < b and y > a]
            c[(raw[a:b], " ".join(cover))] += 1
    for a, b in system:
        if (a, b) not in g:
            cover = [raw[x:y] for x, y in gold if x < b and y > a]
            c[(" ".join(cover), raw[a:b])] += 1
    return c.most_common(n)


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", help="a UD treebank's .conllu file")
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--sentence-errors", type=int, default=0)
    ap.add_argument("--word-errors", type=int, default=0)
    ap.add_argument("--tag-errors", type=int, default=0)
    a = ap.parse_args(argv)

    raw, gtok, gwords, gsents = build_raw(read_gold(a.gold))
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "raw.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(raw + "\n")
        cmd = [a.nlkit, "pipeline", "--format", "conllu", *extra, path]
        out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        if out.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {out.stderr}")
    stok, swords, ssents = read_system(out.stdout, (raw + "\n").encode("utf-8"))
    pairs = align_words(gwords, swords)
    res = {
        "tokens": span_f1(gtok, stok),
        "sentences": span_f1(gsents, ssents),
        "words": f1(len(pairs), len(gwords), len(swords)),
        "upos": f1(sum(g.upos == s.upos for g, s in pairs), len(gwords), len(swords)),
        "xpos": f1(sum(g.xpos == s.xpos for g, s in pairs), len(gwords), len(swords)),
    }
    if a.json:
        print(json.dumps({k: round(v, 2) for k, v in res.items()}))
    else:
        print(f"{os.path.basename(a.gold)}  nlkit pipeline {' '.join(extra)}".rstrip())
        for k, v in res.items():
            print(f"  {k:<10} {v:6.2f}")
    if a.errors:
        for (g, s), k in token_errors(raw, gtok, stok, a.errors):
            print(f"{k:5d}  gold {g!r:30} system {s!r}")
    if a.word_errors:
        gi = {id(g) for g, _ in pairs}
        si = {id(x) for _, x in pairs}
        c = collections.Counter()
        for w in gwords:
            if id(w) not in gi:
                c["gold word " + raw[w.span[0]:w.span[1]] + " -> " + w.form] += 1
        for w in swords:
            if id(w) not in si:
                c["system word " + raw[w.span[0]:w.span[1]] + " -> " + w.form] += 1
        for t, k in c.most_common(a.word_errors):
            print(f"{k:4d}  {t}")
    if a.tag_errors:
        c = collections.Counter()
        for g, x in pairs:
            if g.upos != x.upos:
                c[f"{g.form} gold {g.upos} system {x.upos}"] += 1
        print(f"{sum(c.values())} UPOS errors on aligned words")
        for t, k in c.most_common(a.tag_errors):
            print(f"{k:4d}  {t}")
    if a.sentence_errors:
        gs, ss = set(gsents), set(ssents)
        c = collections.Counter()
        for x, y in gsents:
            if (x, y) not in ss:
                c["gold end: " + raw[max(x, y - 25):y] + " || " + raw[y:y + 20]] += 1
        for x, y in ssents:
            if (x, y) not in gs:
                c["sys end:  " + raw[max(x, y - 25):y] + " || " + raw[y:y + 20]] += 1
        for t, k in c.most_common(a.sentence_errors):
            print(f"{k:4d}  {t!r}")


if __name__ == "__main__":
    main()
