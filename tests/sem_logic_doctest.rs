//! NLTK 3.10.4's own `logic.doctest`, the examples about formulas, replayed
//! against nlkit. Cases come from `scripts/parity/doctests_to_cases.py`
//! (`tests/parity/sem/logic_doctest.jsonl`); each carries the expected output
//! as written in the doctest file and NLTK's fresh-variable counter value.

mod common;

use std::collections::HashMap;

use std::cell::RefCell;
use std::collections::BTreeMap;

use nlkit::sem::logic::{set_counter, BinOp, Expr, Expression, Type, Typing, Variable};

thread_local! {
    /// The typing of the last `tlp.parse` (typed parse) evaluated.
    static TYPING: RefCell<Option<Typing>> = const { RefCell::new(None) };
}
use serde_json::Value;

type Cache = HashMap<*const Value, Expression>;

/// Evaluates every `{"at": counter, "node": ...}` first (innermost first),
/// each at its own counter value, as Python did when it bound the name.
fn pre_eval(v: &Value, cache: &mut Cache) -> Result<(), String> {
    match v {
        Value::Object(m) => {
            for (_, child) in m.iter() {
                pre_eval(child, cache)?;
            }
            if let (Some(at), Some(node)) = (m.get("at"), m.get("node")) {
                set_counter(at.as_u64().ok_or("bad counter")?);
                let e = eval(node, cache)?;
                cache.insert(v as *const Value, e);
            }
        }
        Value::Array(a) => {
            for child in a {
                pre_eval(child, cache)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn eval(v: &Value, cache: &Cache) -> Result<Expression, String> {
    if let Some(e) = cache.get(&(v as *const Value)) {
        return Ok(e.clone());
    }
    let m = v.as_object().ok_or("node is not an object")?;
    let (k, arg) = m.iter().next().ok_or("empty node")?;
    let err = |e: nlkit::Error| e.to_string();
    Ok(match k.as_str() {
        "parse" => Expression::fromstring(arg.as_str().ok_or("parse")?).map_err(err)?,
        "var" => Expression::variable(arg.as_str().ok_or("var")?),
        "tparse" => {
            let a = arg.as_array().ok_or("tparse")?;
            let e = Expression::fromstring(a[0].as_str().ok_or("tparse")?).map_err(err)?;
            let mut sig = BTreeMap::new();
            for (k, v) in a[1].as_object().ok_or("signature")? {
                sig.insert(
                    k.clone(),
                    Type::fromstring(v.as_str().unwrap_or_default()).map_err(err)?,
                );
            }
            let typing = e.typecheck(&sig).map_err(err)?;
            TYPING.with(|t| *t.borrow_mut() = Some(typing));
            e
        }
        "simplify" => eval(arg, cache)?.simplify().map_err(err)?,
        "normalize" => eval(arg, cache)?.normalize().map_err(err)?,
        "apply" => {
            let a = arg.as_array().ok_or("apply")?;
            eval(&a[0], cache)?
                .apply(&eval(&a[1], cache)?)
                .map_err(err)?
        }
        "neg" => eval(arg, cache)?.negate().map_err(err)?,
        "bin" => {
            let a = arg.as_array().ok_or("bin")?;
            let op = match a[0].as_str() {
                Some("&") => BinOp::And,
                Some("|") => BinOp::Or,
                Some("->") => BinOp::Imp,
                _ => BinOp::Iff,
            };
            let x = eval(&a[1], cache)?;
            x.binary(op, &eval(&a[2], cache)?).map_err(err)?
        }
        "replace" => {
            let a = arg.as_array().ok_or("replace")?;
            let target = eval(&a[0], cache)?;
            let var = eval(&a[1], cache)?;
            let var: Variable = var.as_variable().ok_or("not a variable")?.clone();
            let with = eval(&a[2], cache)?;
            let bound = a[3].as_bool().unwrap_or(false);
            target.replace(&var, &with, bound, true).map_err(err)?
        }
        "alpha_convert" => {
            let a = arg.as_array().ok_or("alpha_convert")?;
            let e = eval(&a[0], cache)?;
            e.alpha_convert(&Variable::new(a[1].as_str().ok_or("name")?))
                .map_err(err)?
        }
        "part" => {
            let a = arg.as_array().ok_or("part")?;
            let e = eval(&a[1], cache)?;
            let part = match (a[0].as_str(), e.expr()) {
                (Some("first"), Expr::Binary(_, x, _)) => x.clone(),
                (Some("second"), Expr::Binary(_, _, y)) => y.clone(),
                (Some("term"), Expr::Negated(t) | Expr::Binder(_, _, t)) => t.clone(),
                (Some("function"), Expr::Application(f, _)) => f.clone(),
                (Some("argument"), Expr::Application(_, x)) => x.clone(),
                _ => return Err("no such part".into()),
            };
            part
        }
        other => return Err(format!("unknown node {other}")),
    })
}

fn listing(names: &std::collections::BTreeSet<Variable>) -> String {
    let items: Vec<String> = names
        .iter()
        .map(|v| format!("Variable('{}')", v.name()))
        .collect();
    format!("[{}]", items.join(", "))
}

/// What the case's Python statement would print.
fn show(case: &Value) -> String {
    let mut cache = Cache::new();
    let expr = &case["expr"];
    let kind = case["show"].as_str().unwrap_or_default();
    let mut run = || -> Result<String, String> {
        pre_eval(expr, &mut cache)?;
        set_counter(case["counter"].as_u64().unwrap_or(0));
        if let Some(pair) = expr.get("eq").and_then(Value::as_array) {
            let a = eval(&pair[0], &cache)?;
            let b = eval(&pair[1], &cache)?;
            return Ok(if a.equals(&b) { "True" } else { "False" }.to_string());
        }
        if let Some(src) = expr.get("typestr").and_then(Value::as_str) {
            let t = Type::fromstring(src).map_err(|e| e.to_string())?;
            return Ok(if kind == "type_alt" {
                format!("'{}'", t.str())
            } else {
                t.to_string()
            });
        }
        let e = eval(expr, &cache)?;
        let typing = TYPING.with(|t| t.borrow().clone()).unwrap_or_default();
        if kind == "type" {
            return Ok(typing.type_of(&e).to_string());
        }
        if let Some(name) = kind.strip_prefix("findtype:") {
            return Ok(typing.findtype(&e, &Variable::new(name)).to_string());
        }
        Ok(match kind {
            "str" | "str_or_error" | "error" => e.to_string(),
            "repr" | "repr_or_error" => e.repr(),
            k if k.starts_with("listing_") => {
                let set = match &k["listing_".len()..] {
                    "free" => e.free(),
                    "constants" => e.constants(),
                    "predicates" => e.predicates(),
                    _ => e.variables(),
                };
                let s = e.to_string();
                format!("{s:<25} {}", listing(&set))
            }
            _ => e.to_string(),
        })
    };
    match run() {
        Ok(s) => s,
        Err(e) => e,
    }
}

#[test]
fn logic_doctest_cases() {
    let cases = common::parity_cases("sem");
    let mut total = 0;
    let mut failed = Vec::new();
    for (file, line, case) in &cases {
        if file != "logic_doctest.jsonl" {
            continue;
        }
        total += 1;
        let want = case["want"].as_str().unwrap_or_default();
        let got = show(case);
        if got != want {
            failed.push(format!(
                "{file}:{line} (doctest line {}): want {want:?}, got {got:?}",
                case["line"]
            ));
        }
    }
    eprintln!(
        "logic.doctest cases: {}/{} pass",
        total - failed.len(),
        total
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
