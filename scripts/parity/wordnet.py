#!/usr/bin/env python3
"""Full WordNet parity measurement: nlkit vs NLTK 3.10.4 on the same input.

  cargo build --release --features cli && .venv/bin/python scripts/parity/wordnet.py [--words N]

1. The lemmatizer (`nlkit lemmatize --pos P`) for n, v, a, r, s over every
   distinct real word form: en_ewt (train/dev/test) + the words of the NLTK
   corpora brown, treebank, conll2000, inaugural, state_union, webtext, words
   (original case and lower-cased).
2. synsets(): names in order, definitions, examples, lemma names,
   lexnames, hypernyms and instance hypernyms (compared as sets: NLTK keeps
   them in a Python set, so their order changes from run to run) for 1,000
   sampled words that have synsets (`nlkit wordnet - --format json`).
3. path and Wu-Palmer similarity for 2,000 sampled synset pairs
   (`nlkit wordnet --similarity -`).
Prints % identical and the first differences. NLKIT_BIN overrides the binary."""

import argparse
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordnet_vocab import ROOT, SYNSET_NAME, WORDNET_DIR, vocabulary  # noqa: E402

from nltk.corpus import wordnet as wn  # noqa: E402
from nltk.stem import WordNetLemmatizer  # noqa: E402

BIN = os.environ.get("NLKIT_BIN", os.path.join(ROOT, "target", "release", "nlkit"))


def nlkit(args, stdin):
    r = subprocess.run([BIN, *args, "--wordnet", WORDNET_DIR], input=stdin.encode("utf-8"),
                       capture_output=True, check=False)
    if r.returncode != 0:
        sys.exit(f"nlkit {' '.join(args)} failed: {r.stderr.decode(errors='replace')}")
    return r.stdout.decode("utf-8")


def report(title, total, diffs):
    ok = total - len(diffs)
    print(f"{title}: {ok}/{total} identical ({100.0 * ok / max(total, 1):.3f} %)")
    for d in diffs[:10]:
        print("   ", d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--synset-words", type=int, default=1000)
    ap.add_argument("--pairs", type=int, default=2000)
    args = ap.parse_args()
    t = time.time()
    vocab = vocabulary()
    print(f"vocabulary: {len(vocab)} distinct word forms ({time.time() - t:.1f} s)")
    lem = WordNetLemmatizer()
    all_ok = True

    for pos in "nvars":
        want = [lem.lemmatize(w, pos) for w in vocab]
        got = nlkit(["lemmatize", "--pos", pos], "".join(w + "\n" for w in vocab)).split("\n")[:-1]
        diffs = [f"{w!r}: nlkit {g!r} NLTK {e!r}" for w, g, e in zip(vocab, got, want) if g != e]
        if len(got) != len(want):
            diffs.append(f"line count {len(got)} vs {len(want)}")
        all_ok &= not diffs
        report(f"lemmatize pos={pos}", len(vocab), diffs)

    rng = random.Random(7)
    candidates = [w for w in rng.sample(vocab, min(len(vocab), 20000)) if not SYNSET_NAME.match(w)]
    words = [w for w in candidates if wn.synsets(w)][: args.synset_words]
    got = nlkit(["wordnet", "-", "--format", "json"], "".join(w + "\n" for w in words)).split("\n")[:-1]
    diffs = []
    all_synsets = []
    for w, line in zip(words, got):
        rec = json.loads(line)
        ss = wn.synsets(w)
        all_synsets.extend(ss)
        mine = rec["synsets"]
        if [s["name"] for s in mine] != [s.name() for s in ss]:
            diffs.append(f"{w!r}: names differ")
            continue
        for m, s in zip(mine, ss):
            fields = {
                "definition": (m["definition"], s.definition()),
                "examples": (m["examples"], s.examples()),
                "lemma_names": (m["lemma_names"], s.lemma_names()),
                "lexname": (m["lexname"], s.lexname()),
                "hypernyms": (sorted(m["hypernyms"]), sorted(h.name() for h in s.hypernyms())),
                "instance_hypernyms": (sorted(m["instance_hypernyms"]),
                                       sorted(h.name() for h in s.instance_hypernyms())),
            }
            bad = [k for k, (a, b) in fields.items() if a != b]
            if bad:
                diffs.append(f"{w!r} {s.name()}: {bad}")
    if len(got) != len(words):
        diffs.append(f"line count {len(got)} vs {len(words)}")
    all_ok &= not diffs
    report(f"synsets (names, definitions, examples, lemmas, hypernyms) of {len(words)} words",
           len(words), diffs)

    pairs = []
    nouns = [s for s in all_synsets if s.pos() == "n"]
    verbs = [s for s in all_synsets if s.pos() == "v"]
    for i in range(args.pairs):
        pool = (nouns, verbs, all_synsets)[i % 3]
        pairs.append(tuple(rng.sample(pool, 2)))
    got = nlkit(["wordnet", "--similarity", "-", "--format", "json"],
                "".join(f"{a.name()} {b.name()}\n" for a, b in pairs)).split("\n")[:-1]
    diffs = []
    for (a, b), line in zip(pairs, got):
        rec = json.loads(line)
        want = (a.path_similarity(b), a.wup_similarity(b))
        mine = (rec["path"], rec["wup"])
        if repr(mine) != repr(want):
            diffs.append(f"{a.name()} {b.name()}: nlkit {mine} NLTK {want}")
    all_ok &= not diffs
    report(f"path/wup similarity of {len(pairs)} synset pairs", len(pairs), diffs)
    print("ALL IDENTICAL" if all_ok else "DIFFERENCES FOUND")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
