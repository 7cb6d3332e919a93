#!/usr/bin/env python3
"""Experiment (not part of nlkit or its tests): how far does a small neural
tagger get on UD English-EWT with only the data in ../shared?

A BiLSTM tagger of the usual shape (Plank et al. 2016; UDPipe 2 without
contextual embeddings): each token is its lower-cased word embedding
(random init, trained; words seen once are dropped to UNK with p=0.25 while
training), a character CNN over the word's characters (width 3, 100 filters, max-pooled), its word clusters
at the three granularities of `corpora/models/en_clusters.tsv` (the only
information from unlabelled text, the same the perceptron reads) and its
capitalisation; two BiLSTM layers; a softmax per token. Trained on EWT
train, the epoch with the best dev accuracy kept, test reported once.

It answers one question for BENCHMARKS.md: whether a neural tagger without
large pretrained representations would clear the issue's 96 % where the
perceptron (XPOS 95.03 %, UPOS 95.77 % on test) does not.

Needs PyTorch (CPU is enough; about a minute per epoch on 2 cores):
  python -m venv /tmp/tv && /tmp/tv/bin/pip install torch numpy
  /tmp/tv/bin/python scripts/experiments/bilstm_tagger.py --column xpos --epochs 20 --decay 0.9
"""
import argparse
import collections
import os
import random
import sys
import time

import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts/parity"))
from tag import read_conllu  # noqa: E402


def read_clusters(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        out[f[0]] = tuple(int(x) + 1 for x in f[1:4])
    return out


def cap(w):
    if w.isupper():
        return 1
    if w[:1].isupper():
        return 2
    if any(ch.isupper() for ch in w):
        return 3
    return 0


class Tagger(nn.Module):
    def __init__(self, n_words, n_chars, n_tags, sizes, ctx_shape=None):
        super().__init__()
        self.ctx = ctx_shape is not None
        if self.ctx:
            # ELMo-style scalar mix of the transformer's layers
            self.mix = nn.Parameter(torch.zeros(ctx_shape[0]))
            self.gamma = nn.Parameter(torch.ones(1))
        self.word = nn.Embedding(n_words, 100)
        self.char = nn.Embedding(n_chars, 32)
        self.char_cnn = nn.Conv1d(32, 100, kernel_size=3, padding=1)
        self.clus = nn.ModuleList([nn.Embedding(s + 2, d) for s, d in zip(sizes, (16, 32, 64))])
        self.cap = nn.Embedding(4, 8)
        din = 100 + 100 + 16 + 32 + 64 + 8 + (ctx_shape[1] if self.ctx else 0)
        self.drop = nn.Dropout(0.33)
        self.lstm = nn.LSTM(din, 200, num_layers=2, batch_first=True, bidirectional=True, dropout=0.33)
        self.out = nn.Linear(400, n_tags)

    def forward(self, words, chars, char_lens, clus, caps, lens, ctx=None):
        # chars: (n_tokens, max_chars) for all tokens of the batch in order
        ce = self.char_cnn(self.char(chars).transpose(1, 2))  # (n_tokens, 100, max_chars)
        pad = (torch.arange(chars.shape[1])[None, :] >= char_lens[:, None])[:, None, :]
        cvec = torch.tanh(ce.masked_fill(pad, -1e4).max(dim=2).values)  # (n_tokens, 100)
        b, t = words.shape
        cmat = torch.zeros(b, t, 100)
        mask = torch.arange(t)[None, :] < lens[:, None]
        cmat[mask] = cvec
        x = torch.cat(
            [self.word(words), cmat]
            + [e(clus[..., k]) for k, e in enumerate(self.clus)]
            + [self.cap(caps)]
            + ([self.gamma * (ctx * torch.softmax(self.mix, 0)[:, None]).sum(-2)] if self.ctx else []),
            dim=-1,
        )
        x = self.drop(x)
        packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        y, _ = self.lstm(packed)
        y, _ = nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=t)
        return self.out(self.drop(y))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--column", choices=["xpos", "upos"], default="xpos")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--decay", type=float, default=1.0, help="learning rate factor per epoch")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    ap.add_argument("--context", help="folder with {train,dev,test}.npy: per-token transformer layers (n, layers, dim)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    ud = os.path.join(args.shared, "ud/en_ewt")
    train, dev, test = (read_conllu(os.path.join(ud, f"en_ewt-ud-{p}.conllu"), args.column) for p in ("train", "dev", "test"))
    # per sentence: its tokens' transformer layers (tokens, layers, dim), or None
    ctx, ctx_shape = {}, None
    for name, split in (("train", train), ("dev", dev), ("test", test)):
        if not args.context:
            ctx[name] = [None] * len(split)
            continue
        import numpy as np

        a = torch.from_numpy(np.load(os.path.join(args.context, f"{name}.npy")))
        ctx_shape = tuple(a.shape[1:])
        ctx[name], off = [], 0
        for s in split:
            ctx[name].append(a[off : off + len(s)])
            off += len(s)
        assert off == a.shape[0], name
    clusters = read_clusters(os.path.join(ROOT, "corpora/models/en_clusters.tsv"))
    sizes = (64, 256, 1024)

    freq = collections.Counter(w.lower() for s in train for w, _ in s)
    words = {"<pad>": 0, "<unk>": 1}
    for w in freq:
        words.setdefault(w, len(words))
    chars = {"<pad>": 0, "<unk>": 1}
    for s in train:
        for w, _ in s:
            for ch in w:
                chars.setdefault(ch, len(chars))
    tags = sorted({t for s in train for _, t in s})
    tag_id = {t: i for i, t in enumerate(tags)}

    def encode(batch, cbatch, training):
        lens = torch.tensor([len(s) for s in batch])
        t = int(lens.max())
        wid = torch.zeros(len(batch), t, dtype=torch.long)
        cl = torch.zeros(len(batch), t, 3, dtype=torch.long)
        cp = torch.zeros(len(batch), t, dtype=torch.long)
        gold = torch.full((len(batch), t), -100, dtype=torch.long)
        toks = []
        for i, s in enumerate(batch):
            for j, (w, g) in enumerate(s):
                lw = w.lower()
                k = words.get(lw, 1)
                if training and freq[lw] == 1 and random.random() < 0.25:
                    k = 1
                wid[i, j] = k
                c = clusters.get(lw)
                cl[i, j] = torch.tensor(c if c else (sizes[0] + 1, sizes[1] + 1, sizes[2] + 1))
                cp[i, j] = cap(w)
                gold[i, j] = tag_id.get(g, -100)
                toks.append(w[:30])
        mc = max(len(w) for w in toks)
        ch = torch.zeros(len(toks), mc, dtype=torch.long)
        for i, w in enumerate(toks):
            ch[i, : len(w)] = torch.tensor([chars.get(x, 1) for x in w])
        clen = torch.tensor([len(w) for w in toks])
        cx = None
        if ctx_shape:
            cx = torch.zeros((len(batch), t) + ctx_shape)
            for i, c in enumerate(cbatch):
                cx[i, : c.shape[0]] = c.float()
        return wid, ch, clen, cl, cp, lens, gold, cx

    model = Tagger(len(words), len(chars), len(tags), sizes, ctx_shape)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3, betas=(0.9, 0.9))
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=args.decay)
    loss_f = nn.CrossEntropyLoss(ignore_index=-100)

    def accuracy(sents, cs):
        model.eval()
        right = total = 0
        with torch.no_grad():
            for k in range(0, len(sents), 256):
                batch = sents[k : k + 256]
                wid, ch, clen, cl, cp, lens, gold, cx = encode(batch, cs[k : k + 256], False)
                pred = model(wid, ch, clen, cl, cp, lens, cx).argmax(-1)
                m = gold != -100
                right += int((pred[m] == gold[m]).sum())
                total += int(m.sum())
        model.train()
        return 100.0 * right / total

    best, best_state = -1.0, None
    for epoch in range(args.epochs):
        t0 = time.time()
        order = list(range(len(train)))
        random.shuffle(order)
        for k in range(0, len(order), args.batch):
            batch = [train[i] for i in order[k : k + args.batch]]
            cbatch = [ctx["train"][i] for i in order[k : k + args.batch]]
            wid, ch, clen, cl, cp, lens, gold, cx = encode(batch, cbatch, True)
            logits = model(wid, ch, clen, cl, cp, lens, cx)
            loss = loss_f(logits.reshape(-1, len(tags)), gold.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            if k // args.batch % 100 == 99:
                print(f"  {k + args.batch} sentences, {time.time() - t0:.0f} s", flush=True)
        sched.step()
        d = accuracy(dev, ctx["dev"])
        print(f"epoch {epoch + 1}: dev {d:.2f} % ({time.time() - t0:.0f} s)", flush=True)
        if d > best:
            best = d
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    print(f"{args.column}: best dev {best:.2f} %, test {accuracy(test, ctx['test']):.2f} %")


if __name__ == "__main__":
    main()
