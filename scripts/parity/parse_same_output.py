#!/usr/bin/env python3
"""Two nlkit binaries give byte-identical `nlkit parse` output (exit code, stdout,
stderr) on the chart-parser grammars: the grammars of tests/parity/parse/chart.jsonl,
the PCFGs of pchart/inside/viterbi.jsonl, the basque/spanish .cfg/.pcfg files on 40
generated sentences + 10 cut ones, commandtalk.cfg on 60 of its sentences, an
exponentially ambiguous grammar and words JSON must escape, each with 7 argument sets.
Used to check that a speed change keeps the tree set and order.

  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/parse_same_output.py OLD_NLKIT NEW_NLKIT
"""
import itertools
import json
import os
import subprocess
import sys
import tempfile

import nltk
from nltk.parse.generate import generate

A, B = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
D = tempfile.mkdtemp()
cases = []  # (name, grammar_path, sentences)
for i, line in enumerate(open(f"{ROOT}/tests/parity/parse/chart.jsonl")):
    c = json.loads(line)
    p = f"{D}/chart{i}.cfg"; open(p, "w").write(c["grammar"])
    cases.append((f"chart{i}", p, c["sentences"]))
for f in ["pchart.jsonl", "inside.jsonl", "viterbi.jsonl"]:
    seen = set()
    for i, line in enumerate(open(f"{ROOT}/tests/parity/parse/{f}")):
        c = json.loads(line)
        g = c.get("grammar")
        if not g or g in seen: continue
        seen.add(g)
        p = f"{D}/{f[:-6]}{i}.pcfg"; open(p, "w").write(g)
        sents = c.get("sentences") or [c.get("sentence", "")]
        cases.append((f"{f}{i}", p, [s if isinstance(s, str) else " ".join(s) for s in sents]))
data = os.path.relpath(os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data")), ROOT) + "/grammars"
for sub in ["basque_grammars", "spanish_grammars"]:
    for fn in sorted(os.listdir(f"{ROOT}/{data}/{sub}")):
        if not (fn.endswith(".cfg") or fn.endswith(".pcfg")): continue
        path = f"{ROOT}/{data}/{sub}/{fn}"
        try:
            g = nltk.data.load(f"grammars/{sub}/{fn}")
            sents = [" ".join(s) for s in itertools.islice(generate(g, depth=8), 40)]
        except Exception as e:
            print("skip", fn, e); continue
        sents += [" ".join(s.split()[:-1]) for s in sents[:10]]
        cases.append((fn, path, sents))
ct = f"{ROOT}/{data}/large_grammars/commandtalk.cfg"
cs = [l.split(":", 1)[-1].strip() for l in open(f"{ROOT}/{data}/large_grammars/commandtalk_sentences.txt", encoding="latin-1") if l.strip() and not l.startswith("#")]
cases.append(("commandtalk", ct, cs[:60]))
p = f"{D}/cat.cfg"; open(p, "w").write("S -> S S | 'a'\n")
cases.append(("catalan", p, ["a " * k for k in range(1, 11)] + ["a " * 81]))
p = f"{D}/esc.cfg"; open(p, "w").write("S -> 'a\"b' T | T\nT -> 'c\\d' | 'x' | U\nU -> 'c\\d'\n")
cases.append(("escape", p, ['a"b c\\d', "x", 'c\\d']))
argsets = [["--format", "jsonl"], ["--format", "bracket"], ["--count"], ["--format", "jsonl", "--count"],
           ["--format", "jsonl", "--max-trees", "3"], ["--format", "bracket", "--max-trees", "1"], ["--format", "pretty", "--max-trees", "2"]]
bad = 0; n = 0
for name, path, sents in cases:
    inp = "".join(s + "\n" for s in sents).encode()
    for args in argsets:
        if "catalan" == name and args == ["--format", "jsonl"] or name == "catalan" and args == ["--format", "bracket"]:
            args = args + ["--max-trees", "5000"]
        outs = []
        for b in (A, B):
            r = subprocess.run([b, "parse", "--grammar", path, *args], input=inp, capture_output=True, timeout=300)
            outs.append((r.returncode, r.stdout, r.stderr))
        n += 1
        if outs[0] != outs[1]:
            bad += 1
            print("DIFF", name, args, outs[0][0], outs[1][0], len(outs[0][1]), len(outs[1][1]), outs[0][2][-200:], outs[1][2][-200:])
print(f"{n - bad}/{n} identical over {len(cases)} grammars")
sys.exit(1 if bad else 0)
