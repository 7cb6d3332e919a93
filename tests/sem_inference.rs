//! Provers (`nlkit::sem::inference`): NLTK 3.10.4's `resolution.doctest`,
//! the resolution and tableau demos and random problems
//! (`scripts/parity/inference_cases.py`, `tests/parity/inference/cases.jsonl`),
//! bounded search, bad input and the `nlkit sem prove` CLI.

mod common;

use nlkit::sem::inference::{
    most_general_unification, Clause, ProofResult, ResolutionProver, TableauProver,
};
use nlkit::sem::logic::{set_counter, Expression};
use serde_json::Value;

fn expr(s: &str) -> Result<Expression, String> {
    Expression::fromstring(s).map_err(|e| e.to_string())
}

fn clause(v: &Value) -> Result<Clause, String> {
    let lits = v
        .as_array()
        .ok_or("bad clause")?
        .iter()
        .map(|s| expr(s.as_str().unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Clause::new(lits))
}

fn problem(case: &Value) -> Result<(Option<Expression>, Vec<Expression>), String> {
    let goal = match case["goal"].as_str() {
        Some(g) => Some(expr(g)?),
        None => None,
    };
    let assumptions = case["assumptions"]
        .as_array()
        .ok_or("bad assumptions")?
        .iter()
        .map(|a| expr(a.as_str().unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((goal, assumptions))
}

fn show(case: &Value) -> Result<String, String> {
    set_counter(case["counter"].as_u64().unwrap_or(0));
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    Ok(match case["kind"].as_str().unwrap_or_default() {
        "mgu" => match most_general_unification(&expr(&s(&case["a"]))?, &expr(&s(&case["b"]))?) {
            Some(b) => b.to_string(),
            None => "error: BindingException".into(),
        },
        "unify" => {
            let r = clause(&case["a"])?
                .unify(&clause(&case["b"])?)
                .map_err(|e| e.to_string())?;
            let items: Vec<String> = r.iter().map(|c| c.to_string()).collect();
            format!("[{}]", items.join(", "))
        }
        "tautology" => py_bool(clause(&case["a"])?.is_tautology()),
        "subsumes" => py_bool(
            clause(&case["a"])?
                .subsumes(&clause(&case["b"])?)
                .map_err(|e| e.to_string())?,
        ),
        "prove" | "proof" | "answers" => {
            let (goal, assumptions) = problem(case)?;
            let kind = case["kind"].as_str().unwrap_or_default();
            if case["prover"] == "tableau" {
                match TableauProver::default().prove(goal.as_ref(), &assumptions) {
                    Ok(r) => r.to_string(),
                    Err(_) => "error".into(),
                }
            } else {
                let p = ResolutionProver::default();
                match kind {
                    "answers" => {
                        let a = p
                            .find_answers(goal.as_ref(), &assumptions)
                            .map_err(|e| e.to_string())?;
                        let items: Vec<String> = a.iter().map(|e| e.repr()).collect();
                        format!("[{}]", items.join(", "))
                    }
                    _ => match p.prove(goal.as_ref(), &assumptions) {
                        Ok(r) if kind == "proof" => r.proof,
                        Ok(r) => r.result.to_string(),
                        Err(_) => "error".into(),
                    },
                }
            }
        }
        other => return Err(format!("unknown kind {other}")),
    })
}

fn py_bool(b: bool) -> String {
    if b { "True" } else { "False" }.to_string()
}

fn trim_lines(s: &str) -> String {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn inference_cases_match_nltk() {
    let mut per_source: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut failed = Vec::new();
    for (file, line, case) in &common::parity_cases("inference") {
        let want = case["want"].as_str().unwrap_or_default();
        let want = if want.starts_with("error") {
            "error"
        } else {
            want
        };
        let got = show(case).unwrap_or_else(|e| format!("ERROR {e}"));
        let src = case["source"].as_str().unwrap_or_default();
        let src = src.split(':').next().unwrap_or_default().to_string();
        let entry = per_source.entry(src).or_default();
        entry.0 += 1;
        if trim_lines(&got) == trim_lines(want) {
            entry.1 += 1;
        } else {
            failed.push(format!(
                "{file}:{line} {}: want {want:?}, got {got:?}",
                case["source"]
            ));
        }
    }
    for (src, (n, ok)) in &per_source {
        eprintln!("inference cases from {src}: {ok}/{n} pass");
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn infinite_searches_stop_with_unknown_or_false() {
    let e = |s: &str| Expression::fromstring(s).unwrap();
    // an infinite tableau: NLTK's depth bound makes the branch open
    let t = TableauProver::default()
        .prove(Some(&e("P(a)")), &[e("all x.exists y.succ(x,y)")])
        .unwrap();
    assert_ne!(t, ProofResult::Proved);
    // resolution saturating forever: bounded by the step budget
    let p = ResolutionProver { max_steps: 2_000 };
    let r = p
        .prove(
            Some(&e("P(a)")),
            &[
                e("all x.(Q(x) -> Q(succ(x)))"),
                e("Q(b)"),
                e("all x.(Q(x) -> R(x))"),
            ],
        )
        .unwrap();
    assert_ne!(r.result, ProofResult::Proved);
    // terms that grow without end: unknown, not an error
    let r = ResolutionProver::default()
        .prove(
            Some(&e("P(a)")),
            &[e("all x.(Q(x) -> Q(succ(x)))"), e("Q(b)")],
        )
        .unwrap();
    assert_eq!(r.result, ProofResult::Unknown);
    // a huge disjunction of conjunctions: CNF would blow up; bounded
    let big: Vec<String> = (0..60).map(|i| format!("(P{i}(a) & Q{i}(a))")).collect();
    let g = e(&big.join(" | "));
    let r = ResolutionProver::default().prove(Some(&e("R(a)")), std::slice::from_ref(&g));
    assert!(matches!(
        r,
        Err(_)
            | Ok(nlkit::sem::inference::ResolutionProof {
                result: ProofResult::Unknown,
                ..
            })
    ));
    let t = TableauProver { max_steps: 50_000 }
        .prove(Some(&e("R(a)")), &[g])
        .unwrap();
    assert_ne!(t, ProofResult::Proved);
}

#[test]
fn formulas_the_provers_cannot_take_are_errors() {
    let e = |s: &str| Expression::fromstring(s).unwrap();
    // NLTK: "cannot be skolemized" / ProverParseError / AttributeError
    assert!(ResolutionProver::default()
        .prove(Some(&e("P")), &[])
        .is_err());
    assert!(ResolutionProver::default()
        .prove(Some(&e(r"\x.P(x)")), &[])
        .is_err());
    assert!(TableauProver::default()
        .prove(Some(&e("iota x.P(x)")), &[])
        .is_err());
}

#[test]
fn cli_prove_reads_assumptions_and_goal_per_line() {
    let input = "all x.(man(x) -> mortal(x)); man(socrates) => mortal(socrates)\n\
                 => (P(a) | -P(a))\n\
                 man(socrates) => woman(socrates)\n\
                 P(x => Q\n\
                 no arrow here\n";
    for method in ["resolution", "tableau"] {
        let (code, out, err) =
            common::run_nlkit(&["sem", "prove", "--prover", method], input.as_bytes());
        assert_eq!(code, 0, "{err}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert_eq!(lines[0], "True");
        assert_eq!(lines[1], "True");
        assert_eq!(lines[2], "False");
        assert!(lines[3].starts_with("error: "), "{}", lines[3]);
        assert!(lines[4].starts_with("error: "), "{}", lines[4]);
    }
    let (code, out, _) = common::run_nlkit(
        &["sem", "prove", "--proof"],
        b"man(socrates) => man(socrates)\n",
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("True\n[1] {-man(socrates)}  A"), "{out}");
}

#[test]
fn long_clauses_do_not_overflow_the_stack() {
    let e = |s: &str| Expression::fromstring(s).unwrap();
    let wide: Vec<String> = (0..150).map(|i| format!("P(c{i})")).collect();
    let neg: Vec<String> = (0..150).map(|i| format!("-P(c{i})")).collect();
    let p = ResolutionProver { max_steps: 20_000 };
    let r = p
        .prove(
            Some(&e("Q(a)")),
            &[e(&wide.join(" | ")), e(&neg.join(" | "))],
        )
        .unwrap();
    assert_ne!(r.result, ProofResult::Proved);
}

#[test]
fn the_deepest_readable_formulas_are_handled() {
    let e = |s: &str| Expression::fromstring(s).unwrap();
    let chain: Vec<String> = (0..190).map(|i| format!("P(c{i})")).collect();
    let deep_and = e(&chain.join(" & "));
    let deep_neg = e(&("-".repeat(190) + "P(c0)"));
    for goal in [&deep_and, &deep_neg] {
        let r = ResolutionProver { max_steps: 20_000 }
            .prove(Some(goal), std::slice::from_ref(&deep_and));
        assert!(r.is_ok());
        let t =
            TableauProver { max_steps: 20_000 }.prove(Some(goal), std::slice::from_ref(&deep_and));
        assert!(t.is_ok());
    }
    // too deep for the reader: an error with its position, no overflow
    let s = "-".repeat(100_000) + "P(a)";
    assert!(Expression::fromstring(&s).is_err());
}
