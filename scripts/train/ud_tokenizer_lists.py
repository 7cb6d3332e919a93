#!/usr/bin/env python3
"""Learns the word lists of nlkit's UD tokenizer (`nlkit tokenize -t ud`)
from UD English-EWT train and writes corpora/ud/en_ewt_tokenizer.txt.

Sections (`[name]` lines, then one entry a line):
* abbrev: tokens that end in `.` and keep it (`Dr.`, `U.S.`, `etc.`), seen
  at least twice, or once when more than one letter precedes the period
  (single letters with a period are kept by a rule);
* hyphen_prefix: lower-cased left parts `p` of `p-word` that EWT keeps as
  one token more often than it splits (`e-mail`, `non-stop`, `co-workers`);
* hyphen_word: lower-cased hyphenated tokens EWT keeps whole;
* contraction: apostrophe-less forms EWT writes as one multi-word token
  (`cannot` -> `can not`, `gonna` -> `gon na`, `dont` -> `do nt`), as
  `form<TAB>split`, where the form is a multi-word token in most of its uses;
* unit: lower-cased letters that EWT splits off a number they are glued to
  (`5pm` -> `5 pm`, `35mm` -> `35 mm`).

Usage: python3 scripts/train/ud_tokenizer_lists.py /work/shared/data/ud/en_ewt/en_ewt-ud-train.conllu
"""
import collections
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sentences(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if rows:
                yield rows
            rows = []
        elif not line.startswith("#"):
            c = line.split("\t")
            if "." not in c[0]:
                rows.append(c)
    if rows:
        yield rows


def main():
    train = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "..", "shared", "data", "ud", "en_ewt", "en_ewt-ud-train.conllu")
    out = os.path.join(ROOT, "corpora", "ud", "en_ewt_tokenizer.txt")
    abbrev = collections.Counter()
    hyph_whole = collections.Counter()
    hyph_prefix_whole = collections.Counter()
    hyph_prefix_split = collections.Counter()
    mwt = collections.Counter()
    mwt_split = {}
    tokens = collections.Counter()
    units = collections.Counter()
    for rows in sentences(train):
        # surface tokens: (form, space_after, words)
        toks = []
        end = 0
        for c in rows:
            space = "SpaceAfter=No" not in c[9]
            if "-" in c[0]:
                a, b = map(int, c[0].split("-"))
                end = b
                toks.append([c[1], space, []])
            elif toks and int(c[0]) <= end:
                toks[-1][2].append(c[1])
            else:
                toks.append([c[1], space, [c[1]]])
        for f, _, ws in toks:
            tokens[f.lower()] += 1
            if len(ws) > 1 and "'" not in f and "’" not in f:
                mwt[f.lower()] += 1
                mwt_split[f.lower()] = " ".join(w.lower() for w in ws)
            if f.endswith(".") and len(f) > 1 and re.search(r"[^\W\d_]", f):
                abbrev[f] += 1
            if re.search(r"[^\W\d_]-[^\W\d_]", f) and "://" not in f and "@" not in f:
                hyph_whole[f.lower()] += 1
                hyph_prefix_whole[f.split("-")[0].lower()] += 1
        for i in range(len(toks) - 2):
            a, h, b = toks[i], toks[i + 1], toks[i + 2]
            if h[0] == "-" and not a[1] and not h[1] and re.search(r"[^\W\d_]$", a[0]) \
                    and re.match(r"[^\W\d_]", b[0]):
                hyph_prefix_split[a[0].lower()] += 1
        for i in range(len(toks) - 1):
            a, b = toks[i], toks[i + 1]
            if not a[1] and re.fullmatch(r"[\d.,:]*\d", a[0]) and re.fullmatch(r"[^\W\d_]+", b[0]):
                units[b[0].lower()] += 1
    abbrevs = sorted(a for a, n in abbrev.items()
                     if re.fullmatch(r"[\w.'’]+", a) and (n >= 2 or len(re.sub(r"[^\w]", "", a)) > 1))
    prefixes = sorted(p for p, n in hyph_prefix_whole.items()
                      if p and n >= 2 and n > hyph_prefix_split[p] and len(p) <= 6 and not p.isdigit())
    words = sorted(w for w in hyph_whole if w.split("-")[0] not in prefixes)
    # `Xs` split as `X s` is a possessive without its apostrophe (`travellers`)
    # except after these pronouns and adverbs (`thats`, `hes`)
    s_hosts = {"he", "she", "it", "that", "there", "here", "what", "who", "where"}
    contractions = sorted((f, n) for f, n in mwt.items() if n * 2 > tokens[f] and n >= 2
                          and re.fullmatch(r"[^\W\d_]+", f)
                          and (not mwt_split[f].endswith(" s") or mwt_split[f][:-2] in s_hosts))
    unit_list = sorted(u for u, n in units.items() if n >= 2 or len(u) <= 3)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Learned from UD English-EWT train by scripts/train/ud_tokenizer_lists.py\n")
        f.write("# (CC BY-SA 4.0, see corpora/ud/README.md)\n")
        f.write("[abbrev]\n" + "".join(a + "\n" for a in abbrevs))
        f.write("[hyphen_prefix]\n" + "".join(p + "\n" for p in prefixes))
        f.write("[hyphen_word]\n" + "".join(w + "\n" for w in words))
        f.write("[contraction]\n" + "".join(f"{a}\t{mwt_split[a]}\n" for a, _ in contractions))
        f.write("[unit]\n" + "".join(u + "\n" for u in unit_list))
    print(f"{out}: {len(abbrevs)} abbreviations, {len(prefixes)} hyphen prefixes, "
          f"{len(words)} hyphenated words, {len(contractions)} contractions, {len(unit_list)} units")


if __name__ == "__main__":
    main()
