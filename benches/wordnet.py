#!/usr/bin/env python3
"""Speed of the WordNet lemmatizer, nlkit vs NLTK 3.10.4, same input, same run.

  cargo build --release --features cli && .venv/bin/python benches/wordnet.py

- load-to-first-answer: a fresh process that loads WordNet and lemmatizes one
  word (NLTK: `python -c` importing nltk and calling lemmatize once; nlkit:
  `nlkit lemmatize` on one word). CPU time (user + sys), best of 3.
- throughput after loading: the en_ewt word forms (all tokens, ~250k,
  lemmatized as nouns and as verbs). NLTK is timed in-process after a warm-up
  call; nlkit's time is the CLI run on the same words minus its one-word
  run (load + start-up), best of 3. All times are CPU time (the 2-core VM is
  shared with other jobs, so the wall clock is noisy). nlkit's CLI answers
  repeated words from its lemma cache (`LemmaCache`); NLTK 3.10.4 has none.
- worst case for that cache: the ~336k distinct word forms of the parity
  vocabulary (en_ewt + NLTK corpora, original and lower case), each seen
  once, so every word is a cache miss, as nouns; same method.
NLKIT_BIN overrides the binary."""

import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "parity"))
from wordnet_vocab import NLTK_DATA, ROOT, WORDNET_DIR, ud_forms, vocabulary  # noqa: E402

BIN = os.environ.get("NLKIT_BIN", os.path.join(ROOT, "target", "release", "nlkit"))
PY = sys.executable


def best(f, n=3):
    return min(f() for _ in range(n))


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_nlkit(pos, data):
    """CPU seconds (user + sys) of one `nlkit lemmatize` run: the VM's two
    cores are shared, so CPU time is steadier than the wall clock."""
    t = child_cpu()
    subprocess.run([BIN, "lemmatize", "--pos", pos, "--wordnet", WORDNET_DIR], input=data,
                   stdout=subprocess.DEVNULL, check=True)
    return child_cpu() - t


def main():
    words = ud_forms()
    data = "".join(w + "\n" for w in words).encode()
    print(f"input: {len(words)} en_ewt tokens; machine: {os.cpu_count()} cores")

    nltk_first = best(lambda: timed_py(
        "from nltk.stem import WordNetLemmatizer as W; print(W().lemmatize('geese'))"))
    nlkit_first = best(lambda: run_nlkit("n", b"geese\n"))
    print(f"load to first answer: NLTK {nltk_first * 1000:.0f} ms, nlkit {nlkit_first * 1000:.1f} ms "
          f"({nltk_first / nlkit_first:.0f}x)")

    from nltk.stem import WordNetLemmatizer
    lem = WordNetLemmatizer()
    lem.lemmatize("geese")  # load
    for pos in "nv":
        compare(lem, "lemmatize", pos, words, data)
    vocab = vocabulary()
    compare(lem, "distinct forms (all cache misses)", "n", vocab,
            "".join(w + "\n" for w in vocab).encode())


def compare(lem, label, pos, words, data):
    """NLTK in-process vs nlkit's CLI run minus its one-word run."""
    def nltk_run():
        t = time.process_time()
        for w in words:
            lem.lemmatize(w, pos)
        return time.process_time() - t
    nt = best(nltk_run)
    total = best(lambda: run_nlkit(pos, data))
    start = best(lambda: run_nlkit(pos, b"geese\n"))
    kt = max(total - start, 1e-9)
    print(f"{label} pos={pos}: NLTK {len(words) / nt / 1e3:.0f} k words/s, "
          f"nlkit {len(words) / kt / 1e3:.0f} k words/s after loading "
          f"(whole CLI run incl. load and I/O: {total * 1000:.0f} ms) -> {nt / kt:.0f}x")


def timed_py(code):
    t = child_cpu()
    subprocess.run([PY, "-c", code], env={**os.environ, "NLTK_DATA": NLTK_DATA},
                   stdout=subprocess.DEVNULL, check=True)
    return child_cpu() - t


if __name__ == "__main__":
    main()
