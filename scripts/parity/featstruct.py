"""Random feature-structure parity cases for nlkit.featstruct.

Generates random pairs of feature structures (dicts and lists, shared
variables, reentrancy, cycles from unification) from a fixed seed, asks
NLTK 3.10.4 for ``unify``, ``subsumes`` (both ways) and ``equal_values``,
and writes JSON lines ``{"a", "b", "unify", "a_subsumes_b",
"b_subsumes_a", "equal"}`` (structures as NLTK's repr); where NLTK
raises (it does on a feature list met by a feature dict) the case has
``nltk_error`` instead of the unify/subsumes answers.
``tests/featstruct_random.rs`` replays them and reports the identical %.

Usage: .venv/bin/python scripts/parity/featstruct.py [N] [SEED] \
    > tests/parity/featstruct/random.jsonl
"""

import json
import random
import sys

from nltk.featstruct import FeatStruct

FEATS = ["a", "b", "c", "d"]
ATOMS = ["1", "2", "'x'", "'y'", "?x", "?y", "?z", "None", "sg", "pl"]


def gen(rng, depth, ids):
    """A random structure string; ids collects reentrance identifiers."""
    if depth > 0 and ids and rng.random() < 0.15:
        return "->(%s)" % rng.choice(ids)
    if depth > 3 or rng.random() < 0.45:
        return rng.choice(ATOMS)
    tag = ""
    if rng.random() < 0.2:
        ident = str(len(ids) + 1)
        tag = "(%s)" % ident
        pending = ident
    else:
        pending = None
    if rng.random() < 0.8:
        names = rng.sample(FEATS, rng.randint(0, 3))
        parts = []
        for n in names:
            v = gen(rng, depth + 1, ids)
            parts.append(n + v if v.startswith("->") else "%s=%s" % (n, v))
        body = "[%s]" % ", ".join(parts)
    else:
        body = "[%s]" % ", ".join(gen(rng, depth + 1, ids) for _ in range(rng.randint(0, 2)))
    if pending:
        ids.append(pending)
    return tag + body


def structure(rng):
    while True:
        s = gen(rng, 0, [])
        if s.startswith("[") or s.startswith("("):
            try:
                return FeatStruct(s)
            except Exception:
                continue


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 29)
    for _ in range(n):
        a, b = structure(rng), structure(rng)
        try:
            u = a.unify(b)
            case = {
                "unify": None if u is None else repr(u),
                "a_subsumes_b": bool(a.subsumes(b)),
                "b_subsumes_a": bool(b.subsumes(a)),
            }
        except Exception as e:  # NLTK raises on a list unified with a dict
            case = {"nltk_error": type(e).__name__}
        case.update({"a": repr(a), "b": repr(b), "equal": bool(a.equal_values(b))})
        print(json.dumps(case, sort_keys=True))


if __name__ == "__main__":
    main()
