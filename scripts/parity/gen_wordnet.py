#!/usr/bin/env python3
"""Writes the fixed WordNet parity sample tests/parity/wordnet/*.jsonl from
NLTK 3.10.4 (run with the repo's .venv python; NLTK_DATA = .nltk_data).

  .venv/bin/python scripts/parity/gen_wordnet.py

Files: lemmas.jsonl (lemmatize for n, v, a, r, s), synsets.jsonl (synsets()
with definitions, examples, lemma names, hypernyms), names.jsonl (synset()
name resolution, including errors), similarity.jsonl (path/wup), lemma.jsonl
(antonyms, pertainyms, derivations, keys, counts, depths, root hypernyms).
Relations that NLTK keeps in a set are written sorted."""

import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordnet_vocab import ROOT, SYNSET_NAME, vocabulary  # noqa: E402

from nltk.corpus import wordnet as wn  # noqa: E402
from nltk.stem import WordNetLemmatizer  # noqa: E402

OUT = os.path.join(ROOT, "tests", "parity", "wordnet")
rng = random.Random(20240611)
lem = WordNetLemmatizer()


def names(ss):
    return sorted(s.name() for s in ss)


def write(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print(name, len(rows))


def main():
    os.makedirs(OUT, exist_ok=True)
    vocab = vocabulary()
    # Lemmas: words where some POS changes the word, plus a random rest, plus edge cases.
    changed = [w for w in vocab if any(lem.lemmatize(w, p) != w for p in "nvar")]
    sample = rng.sample(changed, 1500) + rng.sample(vocab, 500)
    sample += ["", "Dogs", "DOGS", "geese", "was", "us", "better", "best", "hardrock",
               "1990s", "42", "naïve", "собаки", "犬", "ÉTÉ", "a" * 10000, "dogs ",
               "hot_dogs", "men", "women", "aardwolves", "abaci", "ladies", "stood"]
    lemmas = [{"kind": "lemma", "word": w, **{p: lem.lemmatize(w, p) for p in "nvars"}}
              for w in dict.fromkeys(sample)]
    write("lemmas.jsonl", lemmas)

    # synsets(): 250 words that have synsets (the full script checks 1000).
    with_syn = [w for w in rng.sample(vocab, 4000) if wn.synsets(w) and not SYNSET_NAME.match(w)]
    rows = []
    all_synsets = []
    for w in with_syn[:250]:
        ss = wn.synsets(w)
        all_synsets.extend(ss)
        rows.append({
            "kind": "synsets", "word": w,
            "synsets": [{
                "name": s.name(), "pos": s.pos(), "offset": s.offset(), "lexname": s.lexname(),
                "definition": s.definition(), "examples": s.examples(),
                "lemma_names": s.lemma_names(), "hypernyms": names(s.hypernyms()),
                "instance_hypernyms": names(s.instance_hypernyms()),
            } for s in ss],
        })
    for w, p in [("dogs", "n"), ("ran", "v"), ("big", "s"), ("big", "a"), ("quickly", "r")]:
        rows.append({"kind": "synsets", "word": w, "pos": p,
                     "names": [s.name() for s in wn.synsets(w, p)]})
    write("synsets.jsonl", rows)

    # synset() name resolution, including NLTK's errors.
    rows = []
    for s in rng.sample(all_synsets, 150):
        for l in s.lemma_names()[:2]:
            for n in (1, 2):
                name = f"{l}.{s.pos()}.{n:02d}"
                rows.append(resolve(name))
    for name in ["dog.n.01", "DOG.N.01", "dog.n.0", "dog.n.-1", "dog.n.8", "dog.x.01",
                 "nosuchword.n.01", "big.s.01", "big.s.03", "large.a.01", "dog.n.1",
                 "dog.n. 1", "dog.n.+1", "dog.n.a", "dog.n", "dog", ".45_caliber.a.01"]:
        rows.append(resolve(name))
    write("names.jsonl", rows)

    # Similarities: same-POS and mixed pairs.
    rows = []
    nouns = [s for s in all_synsets if s.pos() == "n"]
    verbs = [s for s in all_synsets if s.pos() == "v"]
    pairs = [tuple(rng.sample(nouns, 2)) for _ in range(150)]
    pairs += [tuple(rng.sample(verbs, 2)) for _ in range(100)]
    pairs += [tuple(rng.sample(all_synsets, 2)) for _ in range(100)]
    pairs += [(s, s) for s in rng.sample(all_synsets, 10)]
    for a, b in pairs:
        rows.append({"kind": "similarity", "a": a.name(), "b": b.name(),
                     # floats as repr strings: JSON readers need not round-trip them exactly
                     "path": fmt(a.path_similarity(b)), "wup": fmt(a.wup_similarity(b)),
                     "lch_hypernyms": names(a.lowest_common_hypernyms(b)),
                     "distance": a.shortest_path_distance(b)})
    write("similarity.jsonl", rows)

    # Lemma relations, keys, counts; synset depths and roots.
    rows = []
    for s in rng.sample(all_synsets, 200):
        rows.append({
            "kind": "synset_info", "name": s.name(),
            "min_depth": s.min_depth(), "max_depth": s.max_depth(),
            "root_hypernyms": names(s.root_hypernyms()),
            "hyponyms": names(s.hyponyms()), "similar_tos": names(s.similar_tos()),
            "part_meronyms": names(s.part_meronyms()), "member_holonyms": names(s.member_holonyms()),
            "entailments": names(s.entailments()), "also_sees": names(s.also_sees()),
            "verb_groups": names(s.verb_groups()), "attributes": names(s.attributes()),
            "lemmas": [{
                "name": l.name(), "key": l.key(), "count": l.count(),
                "antonyms": [repr(x) for x in l.antonyms()],
                "pertainyms": [repr(x) for x in l.pertainyms()],
                "derivationally_related_forms": [repr(x) for x in l.derivationally_related_forms()],
            } for l in s.lemmas()],
        })
    write("synset_info.jsonl", rows)


def fmt(x):
    return None if x is None else repr(x)


def resolve(name):
    try:
        return {"kind": "name", "input": name, "name": wn.synset(name).name()}
    except Exception as e:  # noqa: BLE001
        return {"kind": "name", "input": name, "error": type(e).__name__}


if __name__ == "__main__":
    main()
