#!/usr/bin/env python3
"""Punkt sentence-splitting parity: nlkit vs NLTK 3.10.4 on >= 20,000 real texts.

Texts: every `# text =` line of ../shared/data/ud/en_ewt/*.conllu, plus the
blank-line separated paragraphs of NLTK corpora (state_union, inaugural,
webtext, abc, treebank raw, genesis english-kjv, udhr English). Both sides use
the same punkt_tab folder (default: NLTK's shared English one). A text counts
as identical when NLTK's `PunktSentenceTokenizer(params).span_tokenize(text)`
and nlkit's spans are equal (NLTK's character offsets converted to bytes).

Usage (from the repository root, after `cargo build --release`):
  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/punkt.py \
      [--punkt DIR] [--nlkit PATH] [--show N] [--dump FILE]
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def shared():
    return os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))


def nltk_data():
    return os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))


def is_blank(line):
    return line.strip() == ""


def clean(text):
    """Texts that nlkit's paragraph reader returns unchanged: no CR, no
    whitespace-only lines, no characters Python and Rust disagree on as
    whitespace at a line level."""
    return all(ch not in text for ch in "\r\x1c\x1d\x1e\x1f\x85")


def paragraphs(raw, max_chars=3000, chunk_lines=8):
    para = []
    out = []

    def flush():
        if not para:
            return
        text = "\n".join(para)
        if len(text) > max_chars:
            for i in range(0, len(para), chunk_lines):
                out.append("\n".join(para[i : i + chunk_lines]))
        else:
            out.append(text)
        para.clear()

    for line in raw.split("\n"):
        if is_blank(line):
            flush()
        else:
            para.append(line)
    flush()
    return out


def ud_texts():
    texts = []
    for f in sorted(glob.glob(os.path.join(shared(), "ud", "en_ewt", "*.conllu"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# text = "):
                    texts.append(line[len("# text = ") :].rstrip("\n"))
    return texts


def corpus_texts():
    base = os.path.join(nltk_data(), "corpora")
    globs = [
        "state_union/*.txt",
        "inaugural/*.txt",
        "webtext/*.txt",
        "abc/*.txt",
        "treebank/raw/wsj_*",
        "genesis/english-kjv.txt",
        "udhr/English-Latin1",
    ]
    texts = []
    for g in globs:
        for f in sorted(glob.glob(os.path.join(base, g))):
            with open(f, "rb") as fh:
                data = fh.read()
            try:
                raw = data.decode("utf-8")
            except UnicodeDecodeError:
                raw = data.decode("latin-1")
            texts.extend(paragraphs(raw.replace("\r\n", "\n")))
    return texts


def all_texts():
    texts = [t for t in ud_texts() + corpus_texts() if t.strip() and clean(t)]
    return [t for t in texts if not any(is_blank(line) for line in t.split("\n"))]


def nltk_spans(texts, punkt_dir):
    from nltk.tokenize.punkt import PunktSentenceTokenizer, load_punkt_params
    from nltk.data import FileSystemPathPointer

    tok = PunktSentenceTokenizer(load_punkt_params(FileSystemPathPointer(punkt_dir)))
    out = []
    t0 = time.perf_counter()
    for t in texts:
        spans = []
        for s, e in tok.span_tokenize(t):
            bs = len(t[:s].encode("utf-8"))
            be = bs + len(t[s:e].encode("utf-8"))
            spans.append([bs, be])
        out.append(spans)
    return out, time.perf_counter() - t0


def nlkit_spans(texts, punkt_dir, nlkit):
    data = "\n\n".join(texts) + "\n"
    cmd = [nlkit, "sentences", "--punkt", punkt_dir, "--unit", "paragraph", "--format", "jsonl", "--spans"]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, input=data.encode("utf-8"), capture_output=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"nlkit failed: {r.stderr.decode()}")
    lines = r.stdout.decode("utf-8").splitlines()
    return [json.loads(x) for x in lines], dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--punkt", default=os.path.join(nltk_data(), "tokenizers", "punkt_tab", "english"))
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--dump", help="write the texts (JSON lines) here")
    args = ap.parse_args()

    texts = all_texts()
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
    ours, t_ours = nlkit_spans(texts, args.punkt, args.nlkit)
    theirs, t_nltk = nltk_spans(texts, args.punkt)
    if len(ours) != len(theirs):
        sys.exit(f"nlkit printed {len(ours)} results for {len(texts)} texts")
    same = 0
    shown = 0
    nsent = 0
    for t, a, b in zip(texts, ours, theirs):
        nsent += len(b)
        if a == b:
            same += 1
        elif shown < args.show:
            shown += 1
            tb = t.encode("utf-8")
            print("--- DIFF:", json.dumps(t[:300], ensure_ascii=False))
            print("  nltk: ", [tb[s:e].decode() for s, e in b])
            print("  nlkit:", [tb[s:e].decode() for s, e in a])
    n = len(texts)
    print(f"texts: {n}, NLTK sentences: {nsent}")
    print(f"identical: {same}/{n} = {100.0 * same / n:.3f} %")
    print(f"time: NLTK {t_nltk:.2f}s, nlkit CLI {t_ours:.2f}s")


if __name__ == "__main__":
    main()
