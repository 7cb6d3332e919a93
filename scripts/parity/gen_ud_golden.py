#!/usr/bin/env python3
"""Golden output of the UD tokenizer and sentence splitter on tricky text.

Writes tests/golden/ud/tricky.txt (synthetic web-like text, seeded: URLs,
e-mail addresses, handles, emoticons, clitics, contractions, abbreviations,
numbers and ranges, hyphens, punctuation runs, non-ASCII letters and spaces,
blank lines) and, from the given nlkit binary, the spans of
`nlkit tokenize -t ud --spans --format jsonl` (tricky.tokens.jsonl) and
`nlkit sentences --model ud --spans --format jsonl` (tricky.sentences.jsonl).
tests/tokenize_ud.rs checks that the current build gives the same bytes,
so speed work on the tokenizer and splitter keeps their output (issue 30).

Usage: python3 scripts/parity/gen_ud_golden.py REFERENCE_NLKIT_BINARY
"""
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "golden", "ud")

PIECES = [
    "http://a.com/x?y=1", "www.ex.org", "foo.com", "me@x.org", "@bob", "#tag", ":)", "XD", "xD",
    ":-(", "<3", "o_O", "'s", "n't", "’s", "n’t", "-", "--", "1", "5pm", "7:30PM", "etc.", "U.S.",
    "its", "not", "a", "the", "é", "İ", "’", "…", "\u00a0", "\u2003", "\x1c", "\n", "\n\n", " ",
    " ", " ", "  ", "Dr.", "Mr", "cannot", "gonna", "dont", "havent", "alot", "(", ")", "\"", "'",
    "`", ".", "!!!", "?!", ",", ";", ":", "1,000", "3.5", "713-853-3989", "5-10", "1969-1970",
    "+44", "e-mail", "long-term", "non-stop", "Yahoo!", "a/b", "and/or", "11/28/2000", "AT&T",
    "x_y", "ΣΑΣ", "日本", "😀", "word", "Word", "WORD", "w0rd", "x²", "İt's", "K", "ǅ", "ſ",
    "Ⅻ", "\t", "...", "p.m.", "i.e.", "J.", "A.B.C.", "...!", "**", "=)", "8-)", "ß",
]


def main():
    ref = sys.argv[1]
    rng = random.Random(30)
    lines = []
    for _ in range(400):
        n = rng.randint(1, 30)
        lines.append("".join(rng.choice(PIECES) + rng.choice(["", " ", " ", " "]) for _ in range(n)))
    os.makedirs(OUT, exist_ok=True)
    text = os.path.join(OUT, "tricky.txt")
    with open(text, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    for name, args in [("tokens", ["tokenize", "-t", "ud"]), ("sentences", ["sentences", "--model", "ud"])]:
        out = subprocess.run([ref] + args + ["--spans", "--format", "jsonl", text],
                             capture_output=True, check=True).stdout
        with open(os.path.join(OUT, f"tricky.{name}.jsonl"), "wb") as f:
            f.write(out)


if __name__ == "__main__":
    main()
