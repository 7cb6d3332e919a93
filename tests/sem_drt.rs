//! DRT (`nlkit::sem::drt`): NLTK 3.10.4's own `drt.doctest` replayed
//! (cases from `scripts/parity/drt_doctest.py`), random DRT expressions
//! checked against NLTK (`scripts/parity/drt.py`, `tests/parity/drt/random.jsonl`),
//! and bad input.

mod common;

use nlkit::sem::drt::{DrtExpr, DrtExpression};
use nlkit::sem::inference::Method;
use nlkit::sem::logic::{set_counter, Expression, Variable};
use serde_json::Value;

enum Val {
    Drt(DrtExpression),
    Fol(Expression),
}

fn drt(v: &Value) -> Result<DrtExpression, String> {
    match eval(v)? {
        Val::Drt(d) => Ok(d),
        Val::Fol(_) => Err("expected a DRT expression".into()),
    }
}

fn eval(v: &Value) -> Result<Val, String> {
    let m = v.as_object().ok_or("bad node")?;
    let (k, a) = m.iter().next().ok_or("empty node")?;
    let e = |r: nlkit::Result<DrtExpression>| r.map(Val::Drt).map_err(|e| e.to_string());
    match k.as_str() {
        "parse" => e(DrtExpression::fromstring(a.as_str().ok_or("bad parse")?)),
        "var" => Ok(Val::Drt(DrtExpression::var(Variable::new(
            a.as_str().ok_or("bad var")?,
        )))),
        "simplify" => e(drt(a)?.simplify()),
        "normalize" => e(drt(a)?.normalize()),
        "eliminate_equality" => e(drt(a)?.eliminate_equality()),
        "resolve" => e(drt(a)?.resolve_anaphora()),
        "fol" => drt(a)?.fol().map(Val::Fol).map_err(|e| e.to_string()),
        "merge" => e(drt(&a[0])?.merge(&drt(&a[1])?)),
        "cond" => {
            let d = drt(&a[0])?;
            let i = a[1].as_u64().ok_or("bad index")? as usize;
            match d.expr() {
                DrtExpr::Drs(_, conds, _) => conds
                    .get(i)
                    .cloned()
                    .map(Val::Drt)
                    .ok_or_else(|| "no such condition".into()),
                _ => Err("not a DRS".into()),
            }
        }
        "drs" => {
            let refs = a[0]
                .as_array()
                .ok_or("bad refs")?
                .iter()
                .map(|r| Variable::new(r.as_str().unwrap_or_default()))
                .collect();
            let conds = a[1]
                .as_array()
                .ok_or("bad conds")?
                .iter()
                .map(drt)
                .collect::<Result<Vec<_>, _>>()?;
            e(DrtExpression::new(DrtExpr::Drs(refs, conds, None)))
        }
        "replace" => {
            let d = drt(&a[0])?;
            let var = Variable::new(a[1].as_str().ok_or("bad variable")?);
            let with = drt(&a[2])?;
            e(d.replace(&var, &with, a[3].as_bool().unwrap_or(false), true))
        }
        other => Err(format!("unknown node {other}")),
    }
}

fn listing(vars: impl IntoIterator<Item = Variable>) -> String {
    let mut names: Vec<String> = vars.into_iter().map(|v| v.to_string()).collect();
    names.sort();
    let items: Vec<String> = names.iter().map(|n| format!("Variable('{n}')")).collect();
    format!("[{}]", items.join(", "))
}

/// What the case shows, or the error message.
fn show(case: &Value) -> String {
    set_counter(case["counter"].as_u64().unwrap_or(0));
    let show = case["show"].as_str().unwrap_or_default();
    let expr = &case["expr"];
    let r: Result<String, String> = (|| match show.trim_end_matches("_or_error") {
        "str" => Ok(match eval(expr)? {
            Val::Drt(d) => d.to_string(),
            Val::Fol(f) => f.to_string(),
        }),
        "pretty" => Ok(drt(expr)?.pretty_format()),
        "eq" => {
            let a = drt(&expr["eq"][0])?;
            let b = drt(&expr["eq"][1])?;
            Ok(if a.equals(&b) { "True" } else { "False" }.to_string())
        }
        "equiv" => {
            let a = drt(&expr["eq"][0])?;
            let b = drt(&expr["eq"][1])?;
            let r = a.equiv(&b, Method::Tableau).map_err(|e| e.to_string())?;
            Ok(r.to_string())
        }
        "free" => Ok(listing(drt(expr)?.free())),
        "variables" => Ok(listing(drt(expr)?.variables())),
        "refs_true" => Ok(listing(drt(expr)?.get_refs(true))),
        "refs_false" => Ok(listing(drt(expr)?.get_refs(false))),
        "error" => match drt(expr) {
            Ok(d) => Ok(format!("no error: {d}")),
            Err(e) => Err(e),
        },
        other => Err(format!("unknown show {other}")),
    })();
    match r {
        Ok(s) => s,
        Err(e) if show.ends_with("_or_error") || show == "error" => e,
        Err(e) => format!("ERROR {e}"),
    }
}

/// Trailing spaces of each line dropped (the doctest file has none; NLTK
/// prints them in its boxes and its doctest run ignores them).
fn trim_lines(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

#[test]
fn drt_doctest_cases() {
    let mut total = 0;
    let mut failed = Vec::new();
    for (file, line, case) in &common::parity_cases("drt") {
        if file != "doctest.jsonl" {
            continue;
        }
        total += 1;
        let want = trim_lines(case["want"].as_str().unwrap_or_default());
        let got = trim_lines(&show(case));
        if got != want {
            failed.push(format!(
                "{file}:{line} (doctest line {}): want {want:?}, got {got:?}",
                case["line"]
            ));
        }
    }
    eprintln!("drt.doctest cases: {}/{} pass", total - failed.len(), total);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// `error: <first line> (at character N)`, as `nlkit sem drt` prints it.
fn error_line(msg: &str) -> String {
    let lines: Vec<&str> = msg.lines().collect();
    match lines.last() {
        Some(c) if lines.len() >= 3 && c.ends_with('^') => format!(
            "error: {} (at character {})",
            lines[0],
            c.chars().count() - 1
        ),
        _ => format!("error: {}", lines.first().copied().unwrap_or_default()),
    }
}

fn run_op(op: &str, input: &str) -> String {
    let d = DrtExpression::fromstring(input);
    let r = match op {
        "simplify" => d.and_then(|d| d.simplify()).map(|d| d.to_string()),
        "fol" => d.and_then(|d| d.fol()).map(|e| e.to_string()),
        "resolve" => d.and_then(|d| d.resolve_anaphora()).map(|d| d.to_string()),
        "pretty" => d.map(|d| d.pretty_format()),
        _ => d.map(|d| d.to_string()),
    };
    r.unwrap_or_else(|e| error_line(&e.to_string()))
}

/// NLTK's errors outside the reader (assertions, attribute errors) have no
/// nlkit counterpart message; any error matches them.
fn matches_nltk(want: &str, got: &str) -> bool {
    let reader_error = [
        " (at character ",
        "Antecedent",
        "Cannot convert",
        "does not resolve",
    ]
    .iter()
    .any(|m| want.contains(m));
    want == got || (want.starts_with("error: ") && got.starts_with("error: ") && !reader_error)
}

#[test]
fn random_drt_cases_match_nltk() {
    let mut total = 0;
    let mut failed = Vec::new();
    for (file, line, case) in &common::parity_cases("drt") {
        if file != "random.jsonl" {
            continue;
        }
        total += 1;
        set_counter(case["counter"].as_u64().unwrap_or(0));
        let want = case["want"].as_str().unwrap_or_default();
        let got = run_op(
            case["op"].as_str().unwrap_or_default(),
            case["input"].as_str().unwrap_or_default(),
        );
        if !matches_nltk(want, &got) {
            failed.push(format!("{file}:{line}: want {want:?}, got {got:?}"));
        }
    }
    assert!(total > 0);
    eprintln!("random DRT cases: {}/{} pass", total - failed.len(), total);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn malformed_drs_errors_name_the_position() {
    let cases = [
        ("([x],[man(x)", "End of input found.  Expected token ']'.\n([x],[man(x)\n            ^"),
        ("([x],[man(x)]) +", "End of input found.  Expression expected.\n([x],[man(x)]) +\n                ^"),
        ("([john],[])", "'john' is an illegal variable name.  Constants may not be quantified.\n([john],[])\n  ^"),
        ("([x],[a & b])", "Unexpected token: '&'.  Expression expected.\n([x],[a & b])\n        ^"),
        ("man(x) -> walk(x)", "Antecedent of implication must be a DRS"),
    ];
    for (input, want) in cases {
        let err = DrtExpression::fromstring(input).unwrap_err().to_string();
        assert_eq!(err, want, "{input}");
    }
}

#[test]
fn deep_nesting_never_overflows() {
    // 100,000 levels of each construct: an error, never a stack overflow.
    let n = 100_000;
    for s in [
        "-".repeat(n) + "([],[])",
        "([],[".repeat(n) + &"])".repeat(n),
        r"\x.".repeat(n) + "([],[])",
        "([],[]) + ".repeat(n) + "([],[])",
        "P(".repeat(n) + "x" + &")".repeat(n),
    ] {
        let err = DrtExpression::fromstring(&s).unwrap_err().to_string();
        assert!(
            err.contains("maximum depth"),
            "{}",
            &err[..80.min(err.len())]
        );
    }
    // The deepest expressions the reader accepts still simplify, convert,
    // resolve and print.
    let s = "-".repeat(150) + "([x],[PRO(x), dog(x)])";
    let d = DrtExpression::fromstring(&s).unwrap();
    assert!(d.simplify().is_ok());
    assert!(d.fol().is_ok());
    assert!(d.resolve_anaphora().is_err());
    assert_eq!(d.pretty_format().lines().count(), 6);
}

#[test]
fn exponential_merges_are_refused() {
    let mut s = String::from("([x],[P(x)])");
    for _ in 0..20 {
        s = format!(r"(\Y.(Y + Y))({s})");
    }
    let d = DrtExpression::fromstring(&s).unwrap();
    let err = d.simplify().unwrap_err().to_string();
    assert!(err.contains("MAX_SIMPLIFY_SIZE"), "{err}");
}

#[test]
fn cli_drt_prints_each_line_and_goes_on_after_errors() {
    let input = "([x],[man(x)]) + ([x],[walk(x)])\n([x,\n([],[(([x],[dog(x)]) -> ([y],[walks(y), PRO(y)]))])\n";
    let (code, out, err) = common::run_nlkit(&["sem", "drt", "--op", "simplify"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("([x,z"), "{}", lines[0]);
    assert_eq!(
        lines[1],
        "error: End of input found.  Variable expected. (at character 4)"
    );
    let (code, out, _) = common::run_nlkit(&["sem", "drt", "--op", "resolve"], input.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().nth(2),
        Some("([],[(([x],[dog(x)]) -> ([y],[walks(y), (y = x)]))])")
    );
    let (code, _, _) = common::run_nlkit(&["sem", "drt", "--op", "nope"], b"");
    assert_eq!(code, 2);
}
