#!/usr/bin/env python3
"""Turn NLTK 3.10.4's own logic doctest into nlkit test cases.

Runs every example of nltk/test/logic.doctest in order (as doctest does, one
namespace), and for each example whose source is a formula operation nlkit
implements (fromstring, str, repr, simplify, replace, ==, free, constants,
predicates, variables, the operator overloads, parse errors) writes a case
with the expected output *as written in the doctest file*. Values bound to
names earlier (``e1 = read_expr(...).simplify()``) are inlined, each with the
fresh-variable counter value it was computed at, so the Rust side replays the
counter exactly. Examples outside that subset are counted as skipped.

Usage (from the repo root):
  NLTK_DATA=.nltk_data .venv/bin/python scripts/parity/doctests_to_cases.py
writes tests/parity/sem/logic_doctest.jsonl and prints the counts.
"""

import ast
import contextlib
import io
import doctest
import json
import os
import re
import sys

import nltk
from nltk.sem import logic

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "parity", "sem")

PARSERS = {"read_expr", "lexpr"}
ERR_TYPES = ("LogicalExpressionException", "ExpectedMoreTokensException",
             "UnexpectedTokenException")


class Skip(Exception):
    pass


def translate(node, env):
    """Python AST of an expression-valued sub-expression -> JSON node."""
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in PARSERS and not node.keywords:
            if len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
                return {"parse": node.args[0].value}
            raise Skip
        if isinstance(f, ast.Name) and f.id == "ApplicationExpression" and len(node.args) == 2:
            return {"apply": [translate(node.args[0], env), translate(node.args[1], env)]}
        if isinstance(f, ast.Name) and f.id == "VariableExpression" and len(node.args) == 1:
            a = node.args[0]
            if (isinstance(a, ast.Call) and isinstance(a.func, ast.Name)
                    and a.func.id == "Variable" and isinstance(a.args[0], ast.Constant)):
                return {"var": a.args[0].value}
            raise Skip
        if (isinstance(f, ast.Attribute) and f.attr == "parse" and isinstance(f.value, ast.Name)
                and f.value.id == "tlp" and node.args and isinstance(node.args[0], ast.Constant)):
            sig = {}
            if len(node.args) == 2:
                if not isinstance(node.args[1], ast.Dict):
                    raise Skip
                for k, v in zip(node.args[1].keys, node.args[1].values):
                    if not (isinstance(k, ast.Constant) and isinstance(v, ast.Constant)):
                        raise Skip
                    sig[k.value] = v.value
            elif len(node.args) > 2:
                raise Skip
            return {"tparse": [node.args[0].value, sig]}
        if isinstance(f, ast.Attribute):
            if f.attr == "simplify" and not node.args:
                return {"simplify": translate(f.value, env)}
            if f.attr == "normalize" and not node.args:
                return {"normalize": translate(f.value, env)}
            if f.attr == "replace" and 2 <= len(node.args) <= 3:
                v = node.args[0]
                if not (isinstance(v, ast.Attribute) and v.attr == "variable"):
                    raise Skip
                bound = False
                if len(node.args) == 3:
                    if not isinstance(node.args[2], ast.Constant):
                        raise Skip
                    bound = bool(node.args[2].value)
                return {"replace": [translate(f.value, env), translate(v.value, env),
                                    translate(node.args[1], env), bound]}
            if f.attr == "alpha_convert" and len(node.args) == 1:
                a = node.args[0]
                if (isinstance(a, ast.Call) and isinstance(a.func, ast.Name)
                        and a.func.id == "Variable" and isinstance(a.args[0], ast.Constant)):
                    return {"alpha_convert": [translate(f.value, env), a.args[0].value]}
                raise Skip
        if not node.keywords and node.args:
            # expression application: e(a, b)
            acc = translate(f, env)
            for a in node.args:
                acc = {"apply": [acc, translate(a, env)]}
            return acc
        raise Skip
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        raise Skip
    if isinstance(node, ast.Attribute) and node.attr in ("first", "second", "term",
                                                         "function", "argument"):
        return {"part": [node.attr, translate(node.value, env)]}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return {"neg": translate(node.operand, env)}
    if isinstance(node, ast.BinOp):
        ops = {ast.BitAnd: "&", ast.BitOr: "|"}
        if type(node.op) in ops:
            return {"bin": [ops[type(node.op)], translate(node.left, env),
                            translate(node.right, env)]}
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        ops = {ast.Gt: "->", ast.Lt: "<->"}
        if type(node.ops[0]) in ops:
            return {"bin": [ops[type(node.ops[0])], translate(node.left, env),
                            translate(node.comparators[0], env)]}
    raise Skip


def value_case(node, env):
    """A top-level expression statement -> (show, json)."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "print" and len(node.args) == 1 and not node.keywords):
        inner = node.args[0]
        if isinstance(inner, ast.Attribute) and inner.attr == "type":
            return "type", translate(inner.value, env)
        if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                and inner.func.attr == "findtype" and len(inner.args) == 1):
            a = inner.args[0]
            if (isinstance(a, ast.Call) and isinstance(a.func, ast.Name) and a.func.id == "Variable"
                    and isinstance(a.args[0], ast.Constant)):
                return "findtype:" + a.args[0].value, translate(inner.func.value, env)
            raise Skip
    if isinstance(node, ast.Attribute) and node.attr == "type":
        return "type", translate(node.value, env)
    # Type.fromstring('...') and its .str()
    def type_src(n):
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "fromstring"
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "Type"
                and len(n.args) == 1 and isinstance(n.args[0], ast.Constant)):
            return n.args[0].value
        return None
    if type_src(node) is not None:
        return "type_repr", {"typestr": type_src(node)}
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "str"
            and not node.args and type_src(node.func.value) is not None):
        return "type_alt", {"typestr": type_src(node.func.value)}
    # print(X)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "print" and len(node.args) == 1 and not node.keywords):
        inner = node.args[0]
        if isinstance(inner, ast.Compare) and len(inner.ops) == 1 and isinstance(inner.ops[0], ast.Eq):
            return "eq", {"eq": [translate(inner.left, env), translate(inner.comparators[0], env)]}
        return "str", translate(inner, env)
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
        return "eq", {"eq": [translate(node.left, env), translate(node.comparators[0], env)]}
    return "repr", translate(node, env)


def main():
    path = os.path.join(os.path.dirname(nltk.__file__), "test", "logic.doctest")
    text = open(path, encoding="utf-8").read()
    examples = doctest.DocTestParser().get_examples(text)
    ns = {}
    env = {}
    cases = []
    skipped = 0
    for ex in examples:
        counter = logic._counter._value
        case = None
        try:
            tree = ast.parse(ex.source)
            body = tree.body
            if len(body) == 1 and isinstance(body[0], ast.Assign) and len(body[0].targets) == 1 \
                    and isinstance(body[0].targets[0], ast.Name):
                name = body[0].targets[0].id
                try:
                    env[name] = {"at": counter, "node": translate(body[0].value, env)}
                except Skip:
                    env.pop(name, None)
            elif len(body) == 1 and isinstance(body[0], ast.Expr):
                show, node = value_case(body[0].value, env)
                want = ex.want.rstrip("\n")
                if ex.exc_msg is not None:
                    show = "error"
                    want = ex.exc_msg.rstrip("\n")
                    want = re.sub(r"^(\w+\.)*(%s): " % "|".join(ERR_TYPES), "", want)
                case = {"show": show, "expr": node, "want": want}
            elif (len(body) == 1 and isinstance(body[0], ast.Try) and len(body[0].body) == 1
                  and isinstance(body[0].body[0], ast.Expr)):
                show, node = value_case(body[0].body[0].value, env)
                case = {"show": show + "_or_error", "expr": node,
                        "want": ex.want.rstrip("\n").replace("<BLANKLINE>", "")}
            elif (len(body) == 1 and isinstance(body[0], ast.For)
                  and isinstance(body[0].iter, ast.Name) and body[0].iter.id in ns):
                m = re.search(r"sorted\(e\.(free|constants|predicates|variables)\(\)\)", ex.source)
                if m and "'%-25s' % e" in ex.source:
                    lines = ex.want.rstrip("\n").split("\n")
                    items = ns[body[0].iter.id]
                    srcs = [e for e in ns.get("_example_sources", [])]
                    if len(lines) == len(items) == len(srcs):
                        for src, line in zip(srcs, lines):
                            cases.append({"show": "listing_" + m.group(1),
                                          "expr": {"parse": src}, "want": line,
                                          "counter": counter, "line": ex.lineno + 1})
                        case = "done"
        except (Skip, SyntaxError):
            case = None
        # run the example for real, as doctest would, to keep the namespace
        # (and NLTK's counter) where the file expects them
        if isinstance(ex.source, str) and ex.source.startswith("examples = [r'"):
            ns["_example_sources"] = ast.literal_eval(ex.source.split("=", 1)[1].strip())
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(ex.source, "<doctest>", "single"), ns)
        except Exception:
            pass
        if case == "done":
            continue
        if case is None:
            skipped += 1
            # a skipped statement may have changed the values it names
            # (typecheck() sets types in place): forget them
            try:
                for n in ast.walk(ast.parse(ex.source)) if "typecheck" in ex.source else []:
                    if isinstance(n, ast.Name):
                        env.pop(n.id, None)
            except SyntaxError:
                pass
            continue
        case["counter"] = counter
        case["line"] = ex.lineno + 1
        cases.append(case)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "logic_doctest.jsonl"), "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"logic.doctest: {len(examples)} examples, {len(cases)} cases written, "
          f"{skipped} examples skipped (not formula operations nlkit implements)")


if __name__ == "__main__":
    sys.exit(main())
