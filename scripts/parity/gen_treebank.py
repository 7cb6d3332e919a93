#!/usr/bin/env python3
"""Generate the Treebank-family parity cases from NLTK 3.10.4.

Writes (each line one JSON object, offsets are UTF-8 byte offsets):
  tests/parity/treebank/treebank.jsonl   {"kind":"treebank","text","tokens","spans"}
  tests/parity/treebank/nltk_word.jsonl  {"kind":"nltk_word","text","tokens","spans"}   (NLTKWordTokenizer)
  tests/parity/treebank/detok.jsonl      {"kind":"detok","tokens","text"}               (TreebankWordDetokenizer)
  tests/parity/word/word.jsonl           {"kind":"word","text","preserve_line","tokens"} (nltk.word_tokenize,
                                          punkt_tab/english from NLTK_DATA)

Inputs: hand-picked tricky cases plus a fixed sample (every 500th line) of the
real lines used by scripts/parity/tokenizers.py.

Usage (from the repository root):
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_treebank.py
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
sys.path.insert(0, HERE)

import tokenizers  # noqa: E402  (the corpus reader of the full measurement)
from nltk.tokenize import (  # noqa: E402
    NLTKWordTokenizer,
    TreebankWordDetokenizer,
    TreebankWordTokenizer,
    word_tokenize,
)

TRICKY = [
    "Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.",
    "They'll save and invest more.",
    "hi, my name can't hello,",
    '"Hello," she said. "Don\'t go!"',
    "''Quoted'' and ``quoted'' text.",
    "He said, 'Hello there' and 'tis the season; 'twas fun.",
    "I cannot, I wanna, gonna, gotta, gimme, lemme, d'ye, more'n, whaddya.",
    "WANNA go? Cannot! GONNA be fine.",
    "She's, he'd, I'm, we'll, you're, they've, isn't, WON'T, I'D, SHE'S.",
    "Rock 'n' roll and 'em, y'all.",
    "Wait... what?! Really..... no way.. ok...",
    "Visit https://www.example.com/path?q=1&x=2#frag or mail me@example.org.",
    "“Unicode quotes” and ‘single ones’ and «guillemets» and „low ones“.",
    "The range 1990–2000 — an era ― ended‒ maybe.",
    "Parentheses (like these) [and these] {and these} <and these>.",
    "Numbers: 1,000,000 and 3,14 and 12:30, 1:2 ratios, and -5.5%.",
    "Trailing periods.)",
    "End with quote.\"",
    "End with period and spaces.   ",
    "U.S.A. and e.g. and etc.",
    "Emoji 😀 are fun 👍🏽! #hashtag @user",
    "Stars *bold* and --double dashes-- and tabs\there.",
    "Mixed 'quotes\" and \"unbalanced 'ones",
    "A sentence with `backticks` and ```triple``` ones.",
    "Don't split O'Neill or rock'n'roll, but 'Hello.'",
    "It costs £15, €20 or ¥300; 50% off & free.",
    "Dr. Smith went to Washington. He arrived at 5 p.m. Mr. Jones didn't.",
    "Question? Exclamation! Interrobang?! Done.",
    "CAN'T STOP, WON'T STOP.",
    "a,b,c;d:e",
    "",
    "   ",
    ".",
    "'",
    '"',
    "''",
    "...",
    "Straße, naïve café, Ωmega, 東京 は 日本 です。",
    "x' y' z'",
    "It's 'quoted' inside (parens.)",
    "He said: \"(yes).\"",
    "Line one.\nLine two?\n\"Line three.\"",
]


def byte_spans(text, spans):
    return [[len(text[:a].encode("utf-8")), len(text[:b].encode("utf-8"))] for a, b in spans]


def main():
    lines = tokenizers.corpus_lines()
    sample = TRICKY + lines[::500]
    tb = TreebankWordTokenizer()
    nw = NLTKWordTokenizer()
    dt = TreebankWordDetokenizer()
    out_tb = os.path.join(ROOT, "tests", "parity", "treebank")
    out_w = os.path.join(ROOT, "tests", "parity", "word")
    os.makedirs(out_tb, exist_ok=True)
    os.makedirs(out_w, exist_ok=True)

    def dump(path, records):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{path}: {len(records)} cases")

    recs = []
    for name, t in (("treebank", tb), ("nltk_word", nw)):
        recs = []
        for text in sample:
            rec = {"kind": name, "text": text, "tokens": t.tokenize(text)}
            try:
                rec["spans"] = byte_spans(text, t.span_tokenize(text))
            except (ValueError, RuntimeError):
                rec["spans"] = None  # NLTK cannot align: nlkit must return an error
            recs.append(rec)
        dump(os.path.join(out_tb, f"{name}.jsonl"), recs)

    recs = []
    for text in sample:
        for toks in (tb.tokenize(text), nw.tokenize(text)):
            recs.append({"kind": "detok", "tokens": toks, "text": dt.detokenize(toks)})
    dump(os.path.join(out_tb, "detok.jsonl"), recs)

    paragraphs = TRICKY + [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 1000)]
    recs = []
    for text in paragraphs:
        for pl in (False, True):
            recs.append(
                {"kind": "word", "text": text, "preserve_line": pl, "tokens": word_tokenize(text, preserve_line=pl)}
            )
    dump(os.path.join(out_w, "word.jsonl"), recs)


if __name__ == "__main__":
    main()
