#!/usr/bin/env python3
"""Accuracy of nlkit's default English taggers and of NLTK's own model on
UD English-EWT (gold tokens), plus accuracy from raw text.

* `nlkit eval-tagger` with the embedded XPOS and UPOS models on dev and test;
* NLTK's averaged_perceptron_tagger_eng on the same files, measured twice:
  by nltk.pos_tag itself (Python) and by `nlkit eval-tagger --nltk-model`
  (they must agree, see scripts/parity/tag.py), XPOS directly and UPOS after
  NLTK's map to the universal tagset is NOT comparable (12 vs 17 tags), so
  only XPOS is reported for NLTK's model;
* raw text: each test sentence's `# text` tokenized by nlkit's `word`
  tokenizer (Punkt + Treebank) and tagged; a gold token counts as correct
  when a predicted token has exactly its character span and its tag (the
  share of gold tokens with the right span, the tokenizer's part of the
  loss, is printed too).

The contextual taggers (`--encoder`, all-MiniLM-L6-v2) are measured too
when scripts/setup-env.sh has linked the encoder as .encoder.

Usage: cargo build --release --features cli && NLTK_DATA=.nltk_data .venv/bin/python scripts/eval/tag_accuracy.py
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_conllu(path):
    sents, cur, text = [], [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append((text, cur))
            cur, text = [], None
            continue
        if line.startswith("# text = "):
            text = line[len("# text = "):]
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if "-" in c[0] or "." in c[0]:
            continue
        cur.append((c[1], c[3], c[4]))
    if cur:
        sents.append((text, cur))
    return sents


def spans(text, toks):
    """Character span of each token in text (None when it cannot be found)."""
    out, pos = [], 0
    for t in toks:
        cands = [t] + (['"'] if t in ("``", "''") else [])
        best = None
        for c in cands:
            i = text.find(c, pos)
            if i >= 0 and text[pos:i].strip() == "" and (best is None or i < best[0]):
                best = (i, i + len(c))
        if best:
            pos = best[1]
        out.append(best)
    return out


def nlkit(args, inp=None):
    return subprocess.run([NLKIT] + args, input=inp, capture_output=True, check=True).stdout.decode()


def main():
    global NLKIT
    NLKIT = os.environ.get("NLKIT", os.path.join(ROOT, "target/release/nlkit"))
    shared = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "../shared/data"))
    nltk_data = os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))
    ud = os.path.join(shared, "ud/en_ewt")
    model = os.path.join(nltk_data, "taggers/averaged_perceptron_tagger_eng")
    # the contextual taggers need the all-MiniLM-L6-v2 folder (scripts/setup-env.sh links it)
    encoder = os.environ.get("NLKIT_ENCODER", os.path.join(ROOT, ".encoder"))
    contextual = []
    if os.path.exists(os.path.join(encoder, "model.safetensors")):
        contextual = [("nlkit contextual (--encoder)", col, ["--encoder", encoder]) for col in ("xpos", "upos")]
    else:
        print(f"(no encoder at {encoder}: contextual taggers not measured)")
    print("model                      column  split  accuracy  known   unknown")
    for part in ("dev", "test"):
        f = os.path.join(ud, f"en_ewt-ud-{part}.conllu")
        for name, col, extra in (
            ("nlkit default (embedded)", "xpos", []),
            ("nlkit default (embedded)", "upos", []),
            ("NLTK model via nlkit", "xpos", ["--nltk-model", model]),
            *contextual,
        ):
            ev = json.loads(nlkit(["eval-tagger", "--test", f, "--column", col, "--format", "json"] + extra))
            print(f"{name:26s} {col:6s}  {part:5s}  {ev['accuracy']:7.2f}%  {ev['known_accuracy'] or 0:6.2f}  {ev['unknown_accuracy'] or 0:6.2f}")
        import nltk
        gold = read_conllu(f)
        ok = n = 0
        for _, toks in gold:
            tags = nltk.pos_tag([w for w, _, _ in toks])
            ok += sum(p == x for (_, p), (_, _, x) in zip(tags, toks))
            n += len(toks)
        print(f"{'NLTK model via nltk.pos_tag':26s} {'xpos':6s}  {part:5s}  {100 * ok / n:7.2f}%")

    # raw text through nlkit's own tokenizer
    gold = [g for g in read_conllu(os.path.join(ud, "en_ewt-ud-test.conllu")) if g[0] is not None]
    inp = "".join(t.replace("\n", " ") + "\n" for t, _ in gold).encode()
    runs = [("", col, extra) for col, extra in (("xpos", []), ("upos", ["--tagset", "upos"]))]
    if contextual:
        runs += [("contextual ", col, extra + ["--encoder", encoder]) for _, col, extra in runs]
    for label, col, extra in runs:
        out = nlkit(["tag", "--format", "jsonl"] + extra, inp).splitlines()
        ok = n = spans_ok = 0
        for (text, toks), line in zip(gold, out):
            pred = json.loads(line)
            gsp = spans(text, [w for w, _, _ in toks])
            psp = spans(text, [w for w, _ in pred])
            gi = 2 if col == "xpos" else 1
            pm = {s: t for s, (_, t) in zip(psp, pred) if s}
            for s, g in zip(gsp, toks):
                n += 1
                spans_ok += s is not None and s in pm
                ok += s is not None and pm.get(s) == g[gi]
        print(f"raw text (nlkit word tokenizer) {label}{col}: {100 * ok / n:.2f}% of {n} gold tokens tagged with the right span and tag"
              f" ({100 * spans_ok / n:.2f}% have the right span; {100 * ok / max(spans_ok, 1):.2f}% of those the right tag)")


if __name__ == "__main__":
    sys.exit(main())
