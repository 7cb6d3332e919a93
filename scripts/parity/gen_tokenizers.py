#!/usr/bin/env python3
"""Generate the fixed parity sample for nlkit's non-Treebank tokenizers from NLTK 3.10.4.

Writes tests/parity/<name>/cases.jsonl for tweet, toktok, wordpunct, whitespace,
regexp and mwe. Each line is one JSON object:
  tweet:      {"text", "options": {preserve_case, reduce_len, strip_handles,
               match_phone_numbers}, "tokens"}
  toktok, wordpunct, whitespace: {"text", "tokens"[, "spans"]}
  regexp:     {"pattern", "gaps", "discard_empty", "text", "tokens", "spans"}
  mwe:        {"mwes", "separator", "text", "tokens"}
Spans are NLTK's span_tokenize converted from character to UTF-8 byte offsets.

Inputs: a seeded sample of real lines (the `# text =` lines of
../shared/data/ud/en_ewt and NLTK corpus prose, as scripts/parity/tokenizers.py
reads them), hand-written tweet-like lines (emoticons, URLs, handles, hashtags,
phone numbers, HTML entities, elongations, emoji) and seeded random strings of
tricky pieces.

Usage (from the repository root):
    NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_tokenizers.py
"""

import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "parity"))
os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))

from nltk.tokenize import (  # noqa: E402
    MWETokenizer,
    RegexpTokenizer,
    ToktokTokenizer,
    TweetTokenizer,
    WhitespaceTokenizer,
    WordPunctTokenizer,
)

import tokenizers as full  # noqa: E402  (corpus_lines of the full parity script)

TWEETS = [
    "This is a cooool #dummysmiley: :-) :-P <3 and some arrows < > -> <--",
    "@remy: This is waaaaayyyy too much for you!!!!!!",
    "@crushinghes the summer holidays are great but I'm so bored already :(",
    "Check http://t.co/AbC123 and https://example.com/path_(with)_parens?q=1&x=2 now!!",
    "mail me: first.last+tag@sub.example.org or x@foo.com, not foo.com@bar",
    "Call +1 (800) 123-4567 or 555-123-4567 or (555) 123 4567 today",
    "Price: &pound;100 &amp; &lt;3 &#8220;quoted&#8221; &#x2019;s &bogus; &#128; &#129;",
    "I ❤️ NY 🇺🇸 👍🏽 👨‍👩‍👧 😂😂😂😂",
    "RT @user_name_that_is_long: #NLProc rocks!!! soooooo goooood ... . . .",
    "<b>bold</b> <br/> --> <-- ---> x.com/ab ſ.com K.com İ.com",
    "a@aaaaaaaaaaaaaaaaaaaa @bbb@ x@ccc @ddd! @aaaaaaaaaaaaaaa@x",
    "3.14 -2,5 +5:30 12/25 1_000 don't rock-n-roll U.S.A. e.g. ŞİŞLİ ΣΑΣ Straße",
    "HELLO World :D XD :p =] (: D: >:( </3",
    "visit www.example.co.uk/page or example.com. or foo.bar-baz.org",
    "&#65;&#x41;&#0x41;&#x0x41;&#1_0;&#+65;&xyz;&x;&#;&apos;&nbsp;end",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    "1234567890123456789012345678901234567890 555 5555 5555555",
    "http:abc HTTP://X.ORG/Y ftp://x.org foo..bar 1.2.3.4 a.b",
    "\u00a0tab\there\u2028line sep\u0085next",
    "",
    "   ",
]

PIECES = [
    ":)", ":-)", ";-P", ":D", "D:", "<3", "</3", ":'(", "8-)", ">:(", "XD", ":p", "=]", "(:",
    "http://t.co/AbC12", "https://example.com/a_(b)", "www.foo.com/x?y=1&z=2", "foo.com",
    "foo.com@x", "bar.com/", "a.b.c.co.uk", "x@foo.com", "first.last+tag@sub.example.org",
    "@user", "@a_b_c", "@aaaaaaaaaaaaaaaaaaaa", "@bbb@", "#tag", "#tag's", "##x-y",
    "555-123-4567", "+1 (800) 123-4567", "(555) 123 4567", "1-800-555-0199", "123 4567",
    "12/25", "3.14", "-2,5", "+5:30", "&amp;", "&lt;3", "&gt;", "&#8220;", "&#x2019;",
    "&quot;", "&nbsp;", "&bogus;", "&#128;", "&#129;", "&#x0x41;", "&", "&&x;", "waaaaay",
    "soooooo", "!!!!!!", "??!!", "......", ". . .", "--->", "<---", "<-", "->", "<b>", "</a>",
    "<br/>", "👍🏽", "👨‍👩‍👧", "🇺🇸", "❤️", "😂😂😂😂", "don't", "it's", "rock-n-roll",
    "A.B.", "U.S.", "e.g.", "ŞİŞLİ", "ΣΑΣ", "Straße", "café", "naïve", "x", "I", "a", "LOL",
    "https://t.co", "http:abc", "HTTP://X.ORG/Y", "foo..bar", "1.2.3.4", "ſ.com", "K.com", "...",
    "…", "“quoted”", "'single'", "(paren)", "[br]", "{cb}", "$3.88", "€5", "100%", "#1", "@",
    "#", "~~~~", "****", "____", "\u00a0", "\t", "a|b", "a & b", "://x/", "?", "x?y", ",,",
    "1,000", "،", "«»", "–", "—", "--", "``", "` `", "' '", "Hi.", "end.\"", "end .'",
]
SEPS = [" ", " ", " ", "", "  ", "\t", ", ", "! "]

REGEXP_PATTERNS = [
    (r"\w+|\$[\d\.]+|\S+", False, True),
    (r"\s+", True, True),
    (r"\s", True, False),
    (r"[A-Z]\w*", False, True),
    (r"(\w)\w*", False, True),
    (r"\w*", False, True),
    (r"(?<=\s)\w+(?=[.,])", False, True),
    (r"[,.;]\s*", True, True),
    (r"\d+(?:\.\d+)?|\w+", False, True),
    (r"^\w+|\w+$", False, True),
    (r"(\s)", True, True),
    (r"\b", True, False),
    (r"\w\w{,2}|x{|\.\Z", False, True),
    (r"[[(]\w+[])]|\S", False, True),
    (r"(?i)\bthe\b|[&~]+", False, True),
]

MWES = [["New", "York"], ["a", "little"], ["a", "little", "bit"], ["in", "spite", "of"], ["the"]]


def fuzz_lines(n, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        s = "".join(rng.choice(PIECES) + rng.choice(SEPS) for _ in range(rng.randint(1, 10)))
        out.append(s.strip(" ") if rng.random() < 0.5 else s)
    return out


def byte_spans(text, spans):
    return [[len(text[:a].encode("utf-8")), len(text[:b].encode("utf-8"))] for a, b in spans]


def write(name, rows):
    d = os.path.join(ROOT, "tests", "parity", name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "cases.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)} cases")


def main():
    rng = random.Random(20261125)
    real = full.corpus_lines()
    sample = rng.sample(real, 250)
    texts = TWEETS + sample + fuzz_lines(150, 1)

    option_sets = [
        dict(preserve_case=True, reduce_len=False, strip_handles=False, match_phone_numbers=True),
        dict(preserve_case=False, reduce_len=False, strip_handles=False, match_phone_numbers=True),
        dict(preserve_case=True, reduce_len=True, strip_handles=True, match_phone_numbers=True),
        dict(preserve_case=True, reduce_len=False, strip_handles=False, match_phone_numbers=False),
    ]
    rows = []
    for i, t in enumerate(texts):
        # Every text with the defaults; the tweet-like ones with every option set.
        sets = option_sets if (i < len(TWEETS) or i >= len(TWEETS) + len(sample)) else option_sets[:1]
        for o in sets:
            rows.append({"text": t, "options": o, "tokens": TweetTokenizer(**o).tokenize(t)})
    write("tweet", rows)

    tt = ToktokTokenizer()
    write("toktok", [{"text": t, "tokens": tt.tokenize(t)} for t in texts])

    for name, tok in [("wordpunct", WordPunctTokenizer()), ("whitespace", WhitespaceTokenizer())]:
        write(
            name,
            [
                {"text": t, "tokens": tok.tokenize(t), "spans": byte_spans(t, list(tok.span_tokenize(t)))}
                for t in texts
            ],
        )

    rows = []
    for pattern, gaps, discard in REGEXP_PATTERNS:
        tok = RegexpTokenizer(pattern, gaps=gaps, discard_empty=discard)
        for t in TWEETS + sample[:40]:
            rows.append(
                {
                    "pattern": pattern,
                    "gaps": gaps,
                    "discard_empty": discard,
                    "text": t,
                    "tokens": [x for x in tok.tokenize(t)],
                    "spans": byte_spans(t, list(tok.span_tokenize(t))),
                }
            )
    write("regexp", rows)

    ws = WhitespaceTokenizer()
    mwe_texts = [
        "a little bit in New York",
        "In spite of the rain , a little",
        "New New York York a a little little bit",
        "the the in spite",
        "",
    ] + sample[:60]
    rows = []
    for sep in ["_", "+"]:
        tok = MWETokenizer(MWES, separator=sep)
        for t in mwe_texts:
            rows.append({"mwes": MWES, "separator": sep, "text": t, "tokens": tok.tokenize(ws.tokenize(t))})
    write("mwe", rows)


if __name__ == "__main__":
    main()
