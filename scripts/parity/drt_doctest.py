#!/usr/bin/env python3
"""Turn NLTK 3.10.4's own drt.doctest into nlkit test cases.

Runs every example of nltk/test/drt.doctest in order (one namespace, as
doctest does) and, for each example that is a DRT operation nlkit implements
(fromstring, str, simplify, fol, normalize, replace, resolve_anaphora,
eliminate_equality, ==, equiv with the tableau prover, pretty_format/pretty_print,
free/variables/get_refs,
parse errors), writes a case with the expected output as written in the
doctest file and the fresh-variable counter value it starts at. Examples
outside that subset (feature-grammar parsing, imports)
are counted as skipped.

Usage (repo root):
  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/drt_doctest.py
writes tests/parity/drt/doctest.jsonl and prints the counts.
"""

import ast
import contextlib
import doctest
import io
import json
import os
import sys

import nltk
from nltk.sem import logic

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "parity", "drt")


class Skip(Exception):
    pass


def const(node):
    if isinstance(node, ast.Constant):
        return node.value
    raise Skip


def variable_name(node, env):
    """A Variable-valued node: Variable('a') or x.variable."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Variable":
        return const(node.args[0])
    if isinstance(node, ast.Attribute) and node.attr == "variable":
        v = translate(node.value, env)
        if "var" in v:
            return v["var"]
        if "parse" in v:
            return v["parse"]
    raise Skip


def translate(node, env):
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        raise Skip
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return {"merge": [translate(node.left, env), translate(node.right, env)]}
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
            and node.value.attr == "conds":
        return {"cond": [translate(node.value.value, env), const(node.slice)]}
    if not isinstance(node, ast.Call):
        raise Skip
    f = node.func
    if isinstance(f, ast.Name):
        if f.id == "dexpr" and len(node.args) == 1:
            s = node.args[0]
            if isinstance(s, ast.BinOp) and isinstance(s.op, ast.Mod):
                raise Skip
            return {"parse": const(s)}
        if f.id == "resolve_anaphora" and len(node.args) == 1:
            return {"resolve": translate(node.args[0], env)}
        if f.id == "DrtVariableExpression":
            return {"var": variable_name(node.args[0], env)}
        if f.id == "DRS" and len(node.args) == 2:
            refs = [variable_name(ast.Attribute(value=r, attr="variable"), env)
                    for r in node.args[0].elts]
            conds = [translate(c, env) for c in node.args[1].elts]
            return {"drs": [refs, conds]}
        raise Skip
    if isinstance(f, ast.Attribute):
        base = translate(f.value, env)
        if f.attr in ("simplify", "fol", "normalize", "eliminate_equality") and not node.args:
            return {f.attr: base}
        if f.attr == "replace" and 2 <= len(node.args) <= 3:
            bound = bool(const(node.args[2])) if len(node.args) == 3 else False
            return {"replace": [base, variable_name(node.args[0], env),
                                translate(node.args[1], env), bound]}
    raise Skip


def value_case(node, env):
    """(show, expr) for an expression statement."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "parse_error":
            return "error", {"parse": const(node.args[0])}
        if node.func.id == "print" and len(node.args) == 1:
            inner = node.args[0]
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) \
                    and inner.func.attr == "pretty_format":
                return "pretty", translate(inner.func.value, env)
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) \
                    and inner.func.id == "str":
                return "str", translate(inner.args[0], env)
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) \
                    and inner.func.attr == "equiv" and len(inner.args) == 2 \
                    and isinstance(inner.args[1], ast.Call) \
                    and getattr(inner.args[1].func, "id", "") == "TableauProver":
                return "equiv", {"eq": [translate(inner.func.value, env),
                                        translate(inner.args[0], env)]}
            if isinstance(inner, ast.Compare) and isinstance(inner.ops[0], ast.Eq):
                return "eq", {"eq": [translate(inner.left, env),
                                     translate(inner.comparators[0], env)]}
            return "str", translate(inner, env)
        if node.func.id == "sorted" and len(node.args) == 1:
            c = node.args[0]
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute):
                if c.func.attr in ("free", "variables") and not c.args:
                    return c.func.attr, translate(c.func.value, env)
                if c.func.attr == "get_refs" and len(c.args) == 1:
                    return "refs_" + str(bool(const(c.args[0]))).lower(), \
                        translate(c.func.value, env)
        raise Skip
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "pretty_print":
        return "pretty", translate(node.func.value, env)
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
        return "eq", {"eq": [translate(node.left, env), translate(node.comparators[0], env)]}
    raise Skip


def main():
    path = os.path.join(os.path.dirname(nltk.__file__), "test", "drt.doctest")
    examples = doctest.DocTestParser().get_examples(open(path, encoding="utf-8").read())
    ns, env, cases, skipped = {}, {}, [], 0
    for ex in examples:
        counter = logic._counter._value
        case = None
        try:
            body = ast.parse(ex.source).body
            if len(body) == 1 and isinstance(body[0], ast.Assign) \
                    and isinstance(body[0].targets[0], ast.Name):
                try:
                    env[body[0].targets[0].id] = translate(body[0].value, env)
                except Skip:
                    env.pop(body[0].targets[0].id, None)
            elif len(body) == 1 and isinstance(body[0], ast.Expr):
                show, node = value_case(body[0].value, env)
                case = {"show": show, "expr": node, "want": ex.want.rstrip("\n")}
            elif len(body) == 1 and isinstance(body[0], ast.Try) \
                    and isinstance(body[0].body[0], ast.Expr):
                show, node = value_case(body[0].body[0].value, env)
                case = {"show": show + "_or_error", "expr": node, "want": ex.want.rstrip("\n")}
        except (Skip, SyntaxError, AttributeError, IndexError):
            case = None
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                exec(compile(ex.source, "<doctest>", "single"), ns)
            except Exception:
                pass
        if case is None:
            skipped += 1
            continue
        case["want"] = case["want"].replace("<BLANKLINE>", "")
        case["counter"] = counter
        case["line"] = ex.lineno + 1
        cases.append(case)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "doctest.jsonl"), "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"drt.doctest: {len(examples)} examples, {len(cases)} cases written, "
          f"{skipped} examples skipped (imports, assignments, grammar parsing)")


if __name__ == "__main__":
    sys.exit(main())
