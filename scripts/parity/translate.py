#!/usr/bin/env python3
"""MT-metric parity: nlkit vs NLTK 3.10.4 (nltk.translate) on random and real
segment sets.

Every case is a segment set (one or several segments, each with 0-3
references) scored by one metric with random settings: BLEU with each of
SmoothingFunction's methods 0-7 (random weights, several weight tuples at
once, auto_reweigh), GLEU, chrF, NIST, RIBES and METEOR. Random sets use small
vocabularies so n-grams match often and include the edge cases (empty
hypothesis, empty references, no references, hypothesis shorter than n, no
matches); real sets are sentences of brown/treebank/inaugural with perturbed
hypotheses (dropped, swapped, repeated, replaced, re-inflected words).

NLTK scores each case here; nlkit scores the same cases through
`examples/translate_eval.rs` (release build). A case agrees when both give
the same number of scores, each within 1e-12 relative (or both exactly 0),
or when both refuse it (NLTK raises, nlkit returns an error).

Usage:
  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/translate.py [--sets 10000]
      [--seed 1] [--eval target/release/examples/translate_eval]
      [--write-sample 40]   # also write tests/parity/translate/<metric>.jsonl
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))

from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu, sentence_bleu  # noqa: E402
from nltk.translate.chrf_score import corpus_chrf, sentence_chrf  # noqa: E402
from nltk.translate.gleu_score import corpus_gleu, sentence_gleu  # noqa: E402
from nltk.translate.meteor_score import meteor_score  # noqa: E402
from nltk.translate.nist_score import corpus_nist, sentence_nist  # noqa: E402
from nltk.translate.ribes_score import corpus_ribes, sentence_ribes  # noqa: E402

TOL = 1e-12
METRICS = ["bleu", "gleu", "chrf", "nist", "ribes", "meteor"]
# words with stems and synonyms, so METEOR's stem and WordNet stages fire
METEOR_WORDS = ("cat cats dog dogs run running ran runs big large huge car automobile cars "
                "house home houses quick fast quickly speed the a on in sat sit sitting mat "
                "happy glad joyful walk walked walking buy bought purchase child children kid "
                "Party party commands command guide guiding").split()
SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", " \n "]


def real_sentences(rng, limit=6000):
    from nltk.corpus import brown, inaugural, treebank
    sents = []
    for reader in (brown, treebank, inaugural):
        try:
            for s in reader.sents()[:limit]:
                if 1 <= len(s) <= 60:
                    sents.append(list(s))
        except LookupError:
            pass
    rng.shuffle(sents)
    return sents


def perturb(rng, sent, pool):
    s = list(sent)
    for _ in range(rng.randint(0, 4)):
        op = rng.random()
        if not s:
            break
        i = rng.randrange(len(s))
        if op < 0.25:
            del s[i]
        elif op < 0.45 and len(s) > 1:
            j = min(i + 1, len(s) - 1)
            s[i], s[j] = s[j], s[i]
        elif op < 0.6:
            s.insert(i, s[i])
        elif op < 0.8:
            s[i] = rng.choice(pool)
        elif op < 0.9:
            s[i] = s[i].lower() if rng.random() < 0.5 else s[i].upper()
        else:
            s[i] = s[i] + rng.choice(["s", "ed", "ing", "ly"])
    return s


def random_tokens(rng, vocab, lo=0, hi=12):
    return [rng.choice(vocab) for _ in range(rng.randint(lo, hi))]


def make_segment(rng, kind, sents, pool):
    if kind == "real":
        base = rng.choice(sents)
        nrefs = rng.choice([1, 1, 2, 3])
        refs = [base] + [perturb(rng, base, pool) for _ in range(nrefs - 1)]
        hyp = perturb(rng, base, pool)
    else:
        vocab = rng.choice([list("ab"), list("abc"), list("abcde"), METEOR_WORDS[:12],
                            rng.sample(METEOR_WORDS, 8)])
        nrefs = rng.choice([0, 1, 1, 1, 2, 3]) if rng.random() < 0.1 else rng.choice([1, 2, 3])
        refs = [random_tokens(rng, vocab) for _ in range(nrefs)]
        hyp = random_tokens(rng, vocab)
        r = rng.random()
        if r < 0.05:
            hyp = []
        elif r < 0.08 and refs:
            refs[0] = []
        elif r < 0.12:
            hyp = random_tokens(rng, ["zz", "yy"], 1, 4)  # no matches
        elif r < 0.18:
            hyp = random_tokens(rng, vocab, 1, 3)  # shorter than n
    return refs, hyp


def random_weights(rng):
    r = rng.random()
    if r < 0.3:
        return [[0.25] * 4]
    if r < 0.5:
        n = rng.randint(1, 5)
        return [[1.0 / n] * n]
    if r < 0.75:
        n = rng.randint(1, 5)
        w = [rng.random() for _ in range(n)]
        t = sum(w)
        return [[x / t for x in w]]
    return [[1.0 / n] * n for n in rng.sample([1, 2, 3, 4, 5], rng.randint(2, 4))]


def make_case(rng, metric, sents, pool):
    kind = "real" if rng.random() < 0.5 else "random"
    nseg = 1 if rng.random() < 0.5 else rng.randint(1, 5)
    segs = [make_segment(rng, kind, sents, pool) for _ in range(nseg)]
    level = "sentence" if nseg == 1 and rng.random() < 0.7 else "corpus"
    case = {"metric": metric, "level": level, "kind": kind,
            "refs": [r for r, _ in segs], "hyps": [h for _, h in segs]}
    if metric == "bleu":
        case["smoothing"] = rng.randint(0, 7)
        case["weights"] = random_weights(rng)
        case["auto_reweigh"] = rng.random() < 0.15
    elif metric == "gleu":
        lo = rng.randint(1, 2)
        case["min_len"], case["max_len"] = lo, rng.randint(lo, 4)
    elif metric == "nist":
        case["n"] = rng.randint(1, 5)
    elif metric == "chrf":
        # one reference per segment, as text; tokens joined with assorted whitespace
        def text(toks):
            return "".join(t + rng.choice(SPACES) for t in toks).rstrip(" ") if rng.random() < 0.3 \
                else " ".join(toks)
        case["refs"] = [text(r[0]) if r else "" for r in case["refs"]]
        case["hyps"] = [text(h) for h in case["hyps"]]
        lo = rng.randint(1, 2)
        case["min_len"], case["max_len"] = lo, rng.randint(lo, 6)
        case["beta"] = rng.choice([3.0, 1.0, 2.0, 0.5])
        case["ignore_whitespace"] = rng.random() < 0.8
    elif metric == "ribes" and rng.random() < 0.2:
        case["alpha"], case["beta"] = rng.choice([0.5, 0.1]), rng.choice([0.2, 0.05])
    return case


def nltk_score(c):
    m, sent = c["metric"], c["level"] == "sentence" and len(c["hyps"]) == 1
    refs, hyps = c["refs"], c["hyps"]
    if m == "bleu":
        sf = getattr(SmoothingFunction(), "method%d" % c["smoothing"])
        w = c["weights"]
        w = tuple(w[0]) if len(w) == 1 else [tuple(x) for x in w]
        if sent:
            s = sentence_bleu(refs[0], hyps[0], w, sf, c["auto_reweigh"])
        else:
            s = corpus_bleu(refs, hyps, w, sf, c["auto_reweigh"])
    elif m == "gleu":
        f = (lambda: sentence_gleu(refs[0], hyps[0], c["min_len"], c["max_len"])) if sent else \
            (lambda: corpus_gleu(refs, hyps, c["min_len"], c["max_len"]))
        s = f()
    elif m == "nist":
        s = sentence_nist(refs[0], hyps[0], c["n"]) if sent else corpus_nist(refs, hyps, c["n"])
    elif m == "chrf":
        kw = dict(min_len=c["min_len"], max_len=c["max_len"], beta=c["beta"],
                  ignore_whitespace=c["ignore_whitespace"])
        s = sentence_chrf(refs[0], hyps[0], **kw) if sent else corpus_chrf(refs, hyps, **kw)
    elif m == "ribes":
        a, b = c.get("alpha", 0.25), c.get("beta", 0.10)
        s = sentence_ribes(refs[0], hyps[0], a, b) if sent else corpus_ribes(refs, hyps, a, b)
    elif m == "meteor":
        s = [meteor_score(r, h) for r, h in zip(refs, hyps)]
    else:
        raise ValueError(m)
    return [float(x) for x in s] if isinstance(s, list) else [float(s)]


def expected(c):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = nltk_score(c)
        if not all(math.isfinite(x) for x in s):
            return {"error": "non-finite"}
        return {"scores": s}
    except Exception as e:  # NLTK raises: nlkit must refuse too
        return {"error": type(e).__name__}


def agrees(exp, got):
    if "error" in exp or "error" in got:
        return "error" in exp and "error" in got
    a, b = exp["scores"], got["scores"]
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if abs(x - y) > TOL * max(abs(x), abs(y)):
            return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=10000, help="segment sets per metric")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--metrics", default=",".join(METRICS))
    ap.add_argument("--eval", default=os.path.join(ROOT, "target", "release", "examples", "translate_eval"))
    ap.add_argument("--write-sample", type=int, default=0, metavar="N",
                    help="write N cases per metric to tests/parity/translate/<metric>.jsonl")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sents = real_sentences(rng)
    pool = [w for s in sents[:2000] for w in s] or METEOR_WORDS
    print(f"{len(sents)} real sentences; eval = {args.eval}")
    fails_shown = 0
    exit_code = 0
    for metric in args.metrics.split(","):
        n = args.sets if metric != "meteor" else max(1, args.sets)
        cases = [make_case(rng, metric, sents, pool) for _ in range(n)]
        t = time.time()
        exps = [expected(c) for c in cases]
        t_nltk = time.time() - t
        inp = "".join(json.dumps(c) + "\n" for c in cases)
        env = dict(os.environ)
        p = subprocess.run([args.eval], input=inp.encode(), capture_output=True, env=env)
        if p.returncode != 0:
            print(p.stderr.decode(), file=sys.stderr)
            sys.exit(1)
        gots = [json.loads(line) for line in p.stdout.decode().splitlines()]
        assert len(gots) == len(cases), (len(gots), len(cases))
        ok = 0
        by = {}
        for c, e, g in zip(cases, exps, gots):
            good = agrees(e, g)
            ok += good
            key = "method%d" % c["smoothing"] if metric == "bleu" else metric
            tot = by.setdefault(key, [0, 0, 0, 0])
            tot[0] += good
            tot[1] += 1
            tot[2] += "error" in e
            tot[3] += "scores" in e and e.get("scores") == g.get("scores")
            if not good and fails_shown < 8:
                fails_shown += 1
                print("MISMATCH", json.dumps(c)[:400], "nltk:", e, "nlkit:", g)
        for key, (good, tot, errs, exact) in sorted(by.items()):
            print(f"{key:10s} {good:6d}/{tot:<6d} {100.0 * good / tot:7.3f}% within {TOL:g} "
                  f"({exact} bit-identical, {errs} refused by both)")
        print(f"{metric:10s} total {100.0 * ok / len(cases):.3f}%  (NLTK {t_nltk:.1f}s)")
        if ok != len(cases):
            exit_code = 1
        if args.write_sample:
            path = os.path.join(ROOT, "tests", "parity", "translate", metric + ".jsonl")
            picked = cases[: args.write_sample * (2 if metric == "bleu" else 1)]
            with open(path, "w", encoding="utf-8") as f:
                for c, e in zip(picked, exps):
                    rec = dict(c)
                    rec["expected"] = e
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    sys.exit(exit_code)


if __name__ == "__main__":
    main()
