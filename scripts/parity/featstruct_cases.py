"""Extract feature-structure parity cases from NLTK's own featstruct.doctest.

Runs every example of NLTK 3.10.4's ``nltk/test/featstruct.doctest`` in
order (as doctest would, in one namespace) with NLTK's reader, ``unify``,
``subsumes`` and ``equal_values`` instrumented, and writes what they were
asked and what they answered as JSON lines:

* ``{"op": "parse", "input": s, "repr": ..., "str": ...}`` or
  ``{"op": "parse", "input": s, "error": message}``
* ``{"op": "unify", "a": repr, "b": repr, "bindings": {...}|null,
  "result": repr|null, "bindings_after": {...}|null}``
* ``{"op": "subsumes"|"equal_values", "a": repr, "b": repr, ...,
  "result": bool}``

Structures are passed as their ``repr``, which NLTK reads back; a case whose
inputs do not read back equal in NLTK itself is dropped (counted on stderr).

Usage: NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/featstruct_cases.py \
    > tests/parity/featstruct/doctest.jsonl
"""

import doctest
import io
import json
import os
import sys
import contextlib

import nltk
import nltk.featstruct as fsm
from nltk.featstruct import FeatStruct, FeatStructReader
from nltk.sem.logic import Variable

cases = []
dropped = {"unreadable": 0}
depth = [0]


def rt(fs):
    """repr of fs if NLTK reads it back equal, else None."""
    if not isinstance(fs, FeatStruct):
        return None
    r = repr(fs)
    try:
        back = FeatStruct(r)
    except Exception:
        return None
    return r if back == fs and repr(back) == r else None


def value_repr(v):
    if isinstance(v, FeatStruct):
        return rt(v)
    if isinstance(v, Variable):
        return v.name
    if isinstance(v, (bool, int, str)) or v is None:
        return repr(v)
    return None


def bindings_repr(b):
    if b is None:
        return None
    out = {}
    for k, v in b.items():
        r = value_repr(v)
        if not isinstance(k, Variable) or r is None:
            raise ValueError("unreadable binding")
        out[k.name] = r
    return out


orig_fromstring = FeatStructReader.fromstring


def fromstring(self, s, fstruct=None):
    top = (
        depth[0] == 0
        and type(self) is FeatStructReader
        and sorted(self._features) == ["slash", "type"]
        and self._fdict_class is FeatStruct
    )
    depth[0] += 1
    try:
        fs = orig_fromstring(self, s, fstruct)
    except ValueError as e:
        if top and isinstance(s, str):
            cases.append({"op": "parse", "input": s, "error": str(e)})
        raise
    finally:
        depth[0] -= 1
    if top and isinstance(s, str) and isinstance(fs, FeatStruct):
        case = {"op": "parse", "input": s, "repr": repr(fs)}
        if isinstance(fs, fsm.FeatDict):
            case["str"] = str(fs)
        cases.append(case)
    return fs


orig_unify = fsm.unify


def unify(fs1, fs2, bindings=None, trace=False, fail=None, rename_vars=True, fs_class="default"):
    top = depth[0] == 0
    record = top and fail is None and rename_vars and fs_class == "default"
    a, b = (rt(fs1), rt(fs2)) if record else (None, None)
    try:
        bin_before = bindings_repr(bindings) if record else None
    except ValueError:
        record = False
    # A structure bound to a variable may be shared with an input, which a
    # repr cannot convey: such calls are dropped.
    if record and bindings and any(isinstance(v, FeatStruct) for v in bindings.values()):
        dropped["unreadable"] += 1
        record = False
    depth[0] += 1
    try:
        result = orig_unify(fs1, fs2, bindings, trace, fail, rename_vars, fs_class)
    finally:
        depth[0] -= 1
    if record:
        if a is None or b is None:
            dropped["unreadable"] += 1
        else:
            res = None if result is None else rt(result)
            try:
                bin_after = bindings_repr(bindings) if bindings is not None else None
            except ValueError:
                bin_after = "unreadable"
            if (result is not None and res is None) or bin_after == "unreadable":
                dropped["unreadable"] += 1
            else:
                cases.append({"op": "unify", "a": a, "b": b, "bindings": bin_before,
                              "result": res, "bindings_after": bin_after})
    return result


orig_subsumes = fsm.subsumes


def subsumes(fs1, fs2):
    top = depth[0] == 0
    depth[0] += 1
    try:
        result = orig_subsumes(fs1, fs2)
    finally:
        depth[0] -= 1
    if top:
        a, b = rt(fs1), rt(fs2)
        if a is None or b is None:
            dropped["unreadable"] += 1
        else:
            cases.append({"op": "subsumes", "a": a, "b": b, "result": bool(result)})
    return result


orig_equal_values = FeatStruct.equal_values


def equal_values(self, other, check_reentrance=False):
    result = orig_equal_values(self, other, check_reentrance)
    if depth[0] == 0:
        a, b = rt(self), rt(other)
        if a is None or b is None:
            dropped["unreadable"] += 1
        else:
            cases.append({"op": "equal_values", "a": a, "b": b,
                          "check_reentrance": bool(check_reentrance), "result": bool(result)})
    return result


def main():
    path = os.path.join(os.path.dirname(nltk.__file__), "test", "featstruct.doctest")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    examples = doctest.DocTestParser().get_examples(text)
    FeatStructReader.fromstring = fromstring
    fsm.unify = unify
    fsm.subsumes = subsumes
    FeatStruct.equal_values = equal_values
    ns = {"__name__": "__featstruct_doctest__"}
    failed = 0
    for ex in examples:
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                code = compile(ex.source, "<doctest>", "single")
                exec(code, ns)
        except Exception:
            failed += 1
    # subsumes is not called by the doctest; ask NLTK about every unified pair.
    FeatStructReader.fromstring = orig_fromstring
    for c in [c for c in cases if c["op"] == "unify" and c["bindings"] is None]:
        fa, fb = FeatStruct(c["a"]), FeatStruct(c["b"])
        for x, y, xs, ys in ((fa, fb, c["a"], c["b"]), (fb, fa, c["b"], c["a"])):
            cases.append({"op": "subsumes", "a": xs, "b": ys,
                          "result": bool(orig_subsumes(x, y))})
    seen = set()
    n = 0
    for c in cases:
        key = json.dumps(c, sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        print(key)
        n += 1
    print(
        f"{len(examples)} doctest examples run ({failed} raised), {n} unique cases, "
        f"{dropped['unreadable']} calls dropped (inputs not readable back)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
