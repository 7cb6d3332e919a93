//! Model evaluation against NLTK 3.10.4 (`tests/parity/sem/evaluate.jsonl`,
//! from `scripts/parity/gen_sem_evaluate.py`: semantics.doctest's formulas
//! and random ones), the `nlkit sem evaluate` CLI, and bad input.

mod common;
use common::run_nlkit;

use nlkit::sem::evaluate::{Assignment, Model, Valuation};
use nlkit::sem::logic::Expression;

#[test]
fn evaluate_matches_nltk() {
    let cases = common::parity_cases("sem");
    let cases: Vec<_> = cases
        .iter()
        .filter(|(f, _, _)| f == "evaluate.jsonl")
        .collect();
    let head = &cases[0].2;
    let val = Valuation::fromstring(head["valuation"].as_str().unwrap()).unwrap();
    let m = Model::new(val.domain(), val).unwrap();
    let mut g = Assignment::new(m.domain().clone());
    for pair in head["assign"].as_array().unwrap() {
        g.add(pair[0].as_str().unwrap(), pair[1].as_str().unwrap())
            .unwrap();
    }
    let mut bad = Vec::new();
    let mut n = 0;
    for (_, line, c) in &cases[1..] {
        n += 1;
        let f = c["formula"].as_str().unwrap();
        let got = match m.evaluate(f, &g) {
            Ok(v) => v.to_string(),
            Err(_) => "ERROR".to_string(),
        };
        if got != c["want"].as_str().unwrap() {
            bad.push(format!("line {line}: {f:?}: want {}, got {got}", c["want"]));
        }
        if let Some(want) = c["satisfiers"].as_str() {
            let got = match Expression::fromstring(f).and_then(|e| m.satisfiers(&e, "x", &g)) {
                Ok(s) => format!(
                    "[{}]",
                    s.iter()
                        .map(|u| format!("'{u}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Err(_) => "ERROR".to_string(),
            };
            if got != want {
                bad.push(format!(
                    "line {line}: satisfiers of {f:?}: want {want}, got {got}"
                ));
            }
        }
    }
    eprintln!(
        "evaluate cases: {}/{n} formulas without a difference",
        n - bad.len()
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn cli_evaluates_lines_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let val = dir.path().join("m.val");
    std::fs::write(
        &val,
        "john => b1\nmary => g1\nboy => {b1}\nlove => {(b1, g1)}\n",
    )
    .unwrap();
    let v = val.to_str().unwrap();
    let input = "love(john, mary)\nexists x.boy(x)\nboy(y)\nwalk(john)\nboy(\n";
    let (code, out, err) = run_nlkit(
        &["sem", "evaluate", "--valuation", v, "--assign", "x=g1"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..4], ["True", "True", "Undefined", "Undefined"]);
    assert!(
        lines[4].starts_with("error: End of input found."),
        "{}",
        lines[4]
    );
    let (code, out, _) = run_nlkit(
        &["sem", "evaluate", "--valuation", v, "--satisfiers", "x"],
        b"boy(x) | love(x, mary)\nboy(john)\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "['b1']\nerror: x is not free in boy(john)\n");
}

#[test]
fn bad_valuations_and_assignments_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let val = dir.path().join("bad.val");
    std::fs::write(&val, "john => b1\nno arrow\n").unwrap();
    let (code, _, err) = run_nlkit(
        &["sem", "evaluate", "--valuation", val.to_str().unwrap()],
        b"p\n",
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: Unable to parse line 1: no arrow"),
        "{err}"
    );
    std::fs::write(&val, "john => b1\n").unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "sem",
            "evaluate",
            "--valuation",
            val.to_str().unwrap(),
            "--assign",
            "x=zz",
        ],
        b"p\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not in the domain"), "{err}");
    let (code, _, err) = run_nlkit(
        &["sem", "evaluate", "--valuation", "/nonexistent/x.val"],
        b"p\n",
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: /nonexistent/x.val"), "{err}");
    assert!(Valuation::fromstring("r => {(a, b}").is_err());
}

#[test]
fn deep_quantifier_nesting_is_refused_before_it_explodes() {
    let val = Valuation::fromstring("rel => {(a, b), (b, c), (c, d)}").unwrap();
    let m = Model::new(val.domain(), val).unwrap();
    let g = Assignment::new(m.domain().clone());
    let vars = ["x", "y", "z", "w", "u", "v", "s", "t", "q", "p", "o"];
    let f = vars
        .iter()
        .map(|v| format!("exists {v}."))
        .collect::<String>()
        + "rel(x,y)";
    let err = m.evaluate(&f, &g).unwrap_err().to_string();
    assert!(err.contains("Refusing to evaluate formula"), "{err}");
}
