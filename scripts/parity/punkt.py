#!/usr/bin/env python3
"""Punkt sentence-splitting parity: nlkit vs NLTK 3.10.4 on >= 20,000 real texts.

Texts: every `# text =` line of ../shared/data/ud/en_ewt/*.conllu, plus the
blank-line separated paragraphs of NLTK corpora (state_union, inaugural,
webtext, abc, treebank raw, genesis english-kjv, udhr English). Both sides use
the same punkt_tab folder (default: NLTK's shared English one). A text counts
as identical when NLTK's `PunktSentenceTokenizer(params).span_tokenize(text)`
and nlkit's spans are equal (NLTK's character offsets converted to bytes).

With --trainer it instead checks the trainer: NLTK's PunktTrainer and
`nlkit train-punkt` on the same big corpora (state_union, inaugural, webtext,
abc, treebank raw, genesis english-kjv; each file one text, Latin-1 files
converted to UTF-8), comparing the four learned tables.

Usage (from the repository root, after `cargo build --release --features cli`):
  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/punkt.py \
      [--punkt DIR] [--nlkit PATH] [--show N] [--dump FILE] [--trainer] [--embedded]

--embedded runs nlkit with its own embedded English model against NLTK's
English punkt_tab: an agreement figure between two models, not a parity test.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


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
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from gen_punkt import load_params

    tok = PunktSentenceTokenizer(load_params(punkt_dir))
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
    model = ["--punkt", punkt_dir] if punkt_dir else []
    cmd = [nlkit, "sentences", *model, "--unit", "paragraph", "--format", "jsonl", "--spans"]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, input=data.encode("utf-8"), capture_output=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"nlkit failed: {r.stderr.decode()}")
    lines = r.stdout.decode("utf-8").splitlines()
    return [json.loads(x) for x in lines], dt


def trainer_parity(nlkit):
    import tempfile

    from gen_punkt import load_params, train_nltk

    base = os.path.join(nltk_data(), "corpora")
    globs = ["state_union/*.txt", "inaugural/*.txt", "webtext/*.txt", "abc/*.txt", "treebank/raw/wsj_*",
             "genesis/english-kjv.txt"]
    texts = []
    for g in globs:
        for f in sorted(glob.glob(os.path.join(base, g))):
            data = open(f, "rb").read()
            try:
                texts.append(data.decode("utf-8"))
            except UnicodeDecodeError:
                texts.append(data.decode("latin-1"))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate(texts):
            paths.append(os.path.join(tmp, f"{i:04d}.txt"))
            with open(paths[-1], "w", encoding="utf-8", newline="") as f:
                f.write(t)
        out = os.path.join(tmp, "model")
        t0 = time.perf_counter()
        subprocess.run([nlkit, "train-punkt", *paths, "-o", out], check=True)
        t_ours = time.perf_counter() - t0
        ours = load_params(out)
    t0 = time.perf_counter()
    theirs = train_nltk(texts)
    t_nltk = time.perf_counter() - t0
    print(f"trained on {len(texts)} texts, {mb:.1f} MB: NLTK {t_nltk:.1f}s, nlkit {t_ours:.2f}s")
    ok = True
    for name, a, b in [
        ("abbrev_types", ours.abbrev_types, theirs.abbrev_types),
        ("collocations", ours.collocations, theirs.collocations),
        ("sent_starters", ours.sent_starters, theirs.sent_starters),
        ("ortho_context", dict(ours.ortho_context), dict(theirs.ortho_context)),
    ]:
        same = a == b
        ok &= same
        print(f"  {name:14s} {len(b):6d} entries  {'identical' if same else 'DIFFERENT'}")
    print("trainer parity:", "identical" if ok else "DIFFERENT")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--punkt", default=os.path.join(nltk_data(), "tokenizers", "punkt_tab", "english"))
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--dump", help="write the texts (JSON lines) here")
    ap.add_argument("--trainer", action="store_true", help="check the trainer instead")
    ap.add_argument(
        "--embedded",
        action="store_true",
        help="run nlkit with its embedded model (agreement with NLTK's model, not parity)",
    )
    args = ap.parse_args()
    if args.trainer:
        sys.exit(0 if trainer_parity(args.nlkit) else 1)

    texts = all_texts()
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
    ours, t_ours = nlkit_spans(texts, None if args.embedded else args.punkt, args.nlkit)
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
