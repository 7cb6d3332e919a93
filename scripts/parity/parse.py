#!/usr/bin/env python3
"""Parse parity: nlkit parse vs NLTK 3.10.4 on the same grammars and sentences.

Suites:
  atis      large_grammars/atis.cfg with the 98 test sentences of
            atis_sentences.txt (read with nltk.parse.util.extract_test_sentences,
            as NLTK's own demo does): parse counts and sorted tree sets of
            ChartParser vs `nlkit parse --format jsonl`.
  small     every *.cfg of the grammar packages (basque, spanish) on the first
            sentences nltk.parse.generate produces (depth 8) plus the same with
            one word dropped (mostly unparsable): counts and tree sets.
  treebank  a PCFG induced (nltk.induce_pcfg) from the productions of the
            treebank sample's first N files, written out with exact decimal
            probabilities so both sides read the same grammar; ViterbiParser's
            best tree and probability on the short sentences of those files,
            and ChartParser tree sets on the shortest ones.

Prints per suite the % of sentences with an identical answer (error text,
count, tree set; for Viterbi tree and probability with relative error
<= 1e-12). Run from the repository root:

  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/parse.py [--nlkit target/release/nlkit]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

import nltk
from nltk.grammar import Nonterminal, induce_pcfg
from nltk.parse import ChartParser, ViterbiParser
from nltk.parse.generate import generate
from nltk.parse.util import extract_test_sentences


def nlkit(binary, grammar_path, sents, parser="chart", extra=()):
    inp = "".join(" ".join(s) + "\n" for s in sents)
    out = subprocess.run(
        [binary, "parse", "--grammar", grammar_path, "--parser", parser, "--format", "jsonl", *extra],
        input=inp.encode(),
        capture_output=True,
    )
    lines = out.stdout.decode().splitlines()
    if len(lines) != len(sents):
        sys.exit(f"nlkit gave {len(lines)} lines for {len(sents)} sentences: {out.stderr.decode()[-500:]}")
    return [json.loads(line) for line in lines]


def nltk_chart(parser, sent):
    try:
        trees = [t.pformat(margin=10**9) for t in parser.parse(sent)]
    except ValueError as e:
        if "MAX_PARSE_TREES" in str(e):
            return {"budget": str(e)}
        return {"error": str(e)}
    return {"count": len(trees), "trees": sorted(trees)}


def same_chart(ours, theirs):
    if "budget" in theirs:
        # NLTK refuses to build that many trees (MAX_PARSE_TREES); nlkit must
        # at least have found more trees than NLTK's budget allows to start on.
        return ours.get("count", 0) > 0
    if "error" in theirs:
        return "error" in ours and theirs["error"] in ours["error"]
    return ours.get("count") == theirs["count"] and sorted(ours.get("trees", [])) == theirs["trees"]


def report(name, ok, total, extra=""):
    pct = 100.0 * ok / total if total else 100.0
    print(f"{name}: {ok}/{total} identical ({pct:.2f} %){extra}")
    return ok == total


def suite_atis(binary, data):
    gpath = os.path.join(data, "grammars/large_grammars/atis.cfg")
    grammar = nltk.data.load("grammars/large_grammars/atis.cfg")
    text = nltk.data.load("grammars/large_grammars/atis_sentences.txt", format="text")
    cases = extract_test_sentences(text)
    sents = [s for s, _ in cases]
    parser = ChartParser(grammar, max_time=None)
    t0 = time.perf_counter()
    theirs = [nltk_chart(parser, s) for s in sents]
    t_nltk = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = nlkit(binary, gpath, sents)
    t_ours = time.perf_counter() - t0
    ok = sum(same_chart(o, t) for o, t in zip(ours, theirs))
    assert not any("budget" in t for t in theirs)
    total_trees = sum(t.get("count", 0) for t in theirs)
    file_counts = sum(1 for (s, r), t in zip(cases, theirs) if r == t.get("count", 0))
    return report(
        "atis (ChartParser, count + tree set)",
        ok,
        len(sents),
        f"; trees NLTK {total_trees}, nlkit {sum(o.get('count', 0) for o in ours)};"
        f" sentences whose count matches the file's {file_counts}/{len(sents)};"
        f" NLTK {t_nltk:.1f} s, nlkit {t_ours:.2f} s (incl. process start)",
    )


def suite_small(binary, data):
    ok = total = 0
    for pkg in ["basque_grammars", "spanish_grammars"]:
        folder = os.path.join(data, "grammars", pkg)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".cfg"):
                continue
            grammar = nltk.data.load(f"grammars/{pkg}/{name}")
            sents = [list(s) for s in generate(grammar, depth=8, n=40)]
            sents += [s[1:] for s in sents if len(s) > 1][:10]
            parser = ChartParser(grammar, max_time=None)
            theirs = [nltk_chart(parser, s) for s in sents]
            ours = nlkit(binary, os.path.join(folder, name), sents)
            ok += sum(same_chart(o, t) for o, t in zip(ours, theirs))
            total += len(sents)
    return report("basque/spanish CFGs (ChartParser)", ok, total)


def safe_nt(nt):
    """A name NLTK's grammar reader accepts for a treebank label ('.', ',', '``', '-NONE-'...)."""
    s = "".join(c if (c.isalnum() or c in "_/^<>-") else f"_{ord(c)}_" for c in str(nt))
    return s if (s[0].isalnum() or s[0] in "_/") else "X" + s


def write_pcfg(grammar, path):
    """Writes a PCFG in NLTK's text format with exact decimal probabilities;
    labels NLTK cannot read back are renamed (safe_nt), the same for both sides."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"%start {safe_nt(grammar.start())}\n")
        for p in grammar.productions():
            rhs = " ".join(
                safe_nt(s) if isinstance(s, Nonterminal) else ("'" + s + "'" if "'" not in s else '"' + s + '"')
                for s in p.rhs()
            )
            f.write(f"{safe_nt(p.lhs())} -> {rhs} [{format(Decimal(p.prob()), 'f')}]\n")


def suite_treebank(binary, data, nfiles, max_len):
    from nltk.corpus import treebank

    fileids = treebank.fileids()[:nfiles]
    trees = [t for f in fileids for t in treebank.parsed_sents(f)]
    prods = [p for t in trees for p in t.productions()]
    grammar = induce_pcfg(Nonterminal("S"), prods)
    sents = [t.leaves() for t in trees if len(t.leaves()) <= max_len]
    fd, gpath = tempfile.mkstemp(suffix=".pcfg")
    os.close(fd)
    write_pcfg(grammar, gpath)
    grammar = nltk.grammar.PCFG.fromstring(open(gpath, encoding="utf-8").read())
    vit = ViterbiParser(grammar, max_time=None)
    t0 = time.perf_counter()
    theirs = []
    for s in sents:
        best = list(vit.parse(s))
        theirs.append((best[0].pformat(margin=10**9), best[0].prob()) if best else None)
    t_nltk = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = nlkit(binary, gpath, sents, parser="viterbi")
    t_ours = time.perf_counter() - t0
    ok = 0
    for o, t in zip(ours, theirs):
        if t is None:
            ok += o.get("count") == 0
        elif o.get("trees") == [t[0]]:
            p = o["probs"][0]
            ok += abs(p - t[1]) <= 1e-12 * abs(t[1])
    good = report(
        f"treebank-induced PCFG ({len(grammar.productions())} productions, {nfiles} files), Viterbi",
        ok,
        len(sents),
        f"; NLTK {t_nltk:.2f} s, nlkit {t_ours:.2f} s",
    )
    short = [s for s in sents if len(s) <= 6]
    parser = ChartParser(grammar, max_time=None)
    theirs = [nltk_chart(parser, s) for s in short]
    ours = nlkit(binary, gpath, short, parser="chart")
    budget = sum("budget" in t for t in theirs)
    good &= report(
        "treebank-induced grammar, ChartParser tree sets (<= 6 words)",
        sum(same_chart(o, t) for o, t in zip(ours, theirs)),
        len(short),
        f"; {budget} of them over NLTK's MAX_PARSE_TREES (only checked to have parses)" if budget else "",
    )
    os.unlink(gpath)
    return good


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nlkit", default="target/release/nlkit")
    ap.add_argument("--suites", default="atis,small,treebank")
    ap.add_argument("--treebank-files", type=int, default=20)
    ap.add_argument("--max-len", type=int, default=12)
    a = ap.parse_args()
    data = os.environ.get("NLTK_DATA", ".nltk_data")
    good = True
    for s in a.suites.split(","):
        if s == "atis":
            good &= suite_atis(a.nlkit, data)
        elif s == "small":
            good &= suite_small(a.nlkit, data)
        elif s == "treebank":
            good &= suite_treebank(a.nlkit, data, a.treebank_files, a.max_len)
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
