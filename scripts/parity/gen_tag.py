#!/usr/bin/env python3
"""Writes tests/parity/tag/*.jsonl: NLTK 3.10.4's answers for the tagger tests.

* pos_tag.jsonl: every 20th sentence of UD English-EWT dev and test (gold
  tokens) plus hand-picked edge cases (hyphens, years, digits, non-ASCII
  digits and case, empty tokens), each {"tokens": [...], "tags": [...],
  "universal": [...]} from nltk.pos_tag with and without tagset='universal'.
* map_tag.jsonl: map_tag('en-ptb', 'universal', t) for every tag of the map
  plus unknown ones.

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/gen_tag.py
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts/parity"))
from tag import read_conllu_forms  # noqa: E402

import nltk  # noqa: E402
from nltk.tag.mapping import map_tag  # noqa: E402

EDGE = [
    ["New-York", "-based", "1999", "1999s", "3rd", "٣٤٥٦", "²³", "ÉCOLE", "İstanbul"],
    ["", "a", ""],
    ["The", "well-known", "co-op", "'s", "--", "-", "1/2", "and/or", "http://x.org"],
    ["ΣΊΣΥΦΟΣ", "straße", "Ǆemal", "ﬁne", "Ⅻ", "½", "10,000", "0.5"],
    ["I", "saw", "her", "duck", "."],
    [],
]


def main():
    shared = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "../shared/data"))
    ud = os.path.join(shared, "ud/en_ewt")
    sents = []
    for part in ("dev", "test"):
        sents += read_conllu_forms(os.path.join(ud, f"en_ewt-ud-{part}.conllu"))[::20]
    out_dir = os.path.join(ROOT, "tests/parity/tag")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "pos_tag.jsonl"), "w", encoding="utf-8") as f:
        for s in EDGE + sents:
            tags = [t for _, t in nltk.pos_tag(s)]
            uni = [t for _, t in nltk.pos_tag(s, tagset="universal")]
            f.write(json.dumps({"tokens": s, "tags": tags, "universal": uni}, ensure_ascii=False) + "\n")
    tags = []
    with open(os.path.join(os.environ["NLTK_DATA"], "taggers/universal_tagset/en-ptb.map")) as m:
        tags = [l.split("\t")[0] for l in m if l.strip()]
    with open(os.path.join(out_dir, "map_tag.jsonl"), "w", encoding="utf-8") as f:
        for t in tags + ["NOPE", "", "ADD", "HYPH", "NFP"]:
            f.write(json.dumps({"tag": t, "universal": map_tag("en-ptb", "universal", t)}) + "\n")


if __name__ == "__main__":
    main()
