//! Feature-grammar parity with NLTK 3.10.4 (cases written by
//! `scripts/parity/featgram.py` into `tests/parity/featgram/`): every
//! `.fcfg` of NLTK's `book_grammars` and `sample_grammars` read as NLTK
//! reads it (printed productions, start symbol, or an error where NLTK
//! errs), and the book's example sentences plus generated ones parsed with
//! `FeatureChartParser` and `FeatureEarleyChartParser`: the same printed
//! trees in the same order, or NLTK's error. Needs `.nltk_data` (the
//! grammar files); skips without it outside CI.

mod common;

use std::collections::HashMap;

use nlkit::grammar::FeatureGrammar;
use nlkit::parse::{FeatureChartParser, FeatureStrategy};
use nlkit::sem::logic::set_counter;

fn cases(file: &str) -> Vec<serde_json::Value> {
    common::parity_cases("featgram")
        .into_iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, _, v)| v)
        .collect()
}

#[test]
fn grammars_read_as_nltk_reads_them() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let all = cases("grammars.jsonl");
    assert!(all.len() >= 20, "{} grammar cases", all.len());
    for c in &all {
        let file = c["file"].as_str().unwrap();
        let got = FeatureGrammar::from_file(&data.join(file));
        match (got, c.get("error")) {
            (Err(_), Some(_)) => {}
            (Ok(g), None) => {
                assert_eq!(g.start().repr(), c["start"].as_str().unwrap(), "{file}");
                let want: Vec<&str> = c["productions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap())
                    .collect();
                let got: Vec<String> = g.productions().iter().map(|p| p.to_string()).collect();
                assert_eq!(got.len(), want.len(), "{file}");
                for (a, b) in got.iter().zip(&want) {
                    assert_eq!(a, b, "{file}");
                }
            }
            (Ok(_), Some(e)) => panic!("{file}: NLTK fails ({e}), nlkit reads it"),
            (Err(e), None) => panic!("{file}: {e}"),
        }
    }
}

#[test]
fn parses_match_nltk_trees_and_order() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let mut grammars: HashMap<String, FeatureGrammar> = HashMap::new();
    let all = cases("parses.jsonl");
    let (mut pass, mut fails) = (0, Vec::new());
    for c in &all {
        let file = c["grammar"].as_str().unwrap().to_string();
        let g = grammars
            .entry(file.clone())
            .or_insert_with(|| FeatureGrammar::from_file(&data.join(&file)).unwrap());
        let strategy = match c["parser"].as_str().unwrap() {
            "earley" => FeatureStrategy::Earley,
            _ => FeatureStrategy::BottomUpLeftCorner,
        };
        let tokens: Vec<&str> = c["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        set_counter(0);
        let got = FeatureChartParser::with_strategy(g, strategy).parse(&tokens);
        let ok = match (&got, c.get("error")) {
            (Err(e), Some(want)) => e.to_string() == want.as_str().unwrap(),
            (Ok(trees), None) => {
                let got: Vec<String> = trees.iter().map(|t| t.pformat(70)).collect();
                let want: Vec<&str> = c["trees"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect();
                got == want
            }
            _ => false,
        };
        if ok {
            pass += 1;
        } else {
            let got = got.map(|ts| ts.iter().map(|t| t.pformat(70)).collect::<Vec<_>>());
            fails.push(format!("{c}\n  -> nlkit: {got:?}"));
        }
    }
    eprintln!("featgram parse cases: {pass}/{} identical", all.len());
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// `nltk.sem.util.interpret_sents` / `evaluate_sents` on simple-sem.fcfg:
/// the same trees, simplified semantics (fresh variables numbered across
/// the whole run, as in NLTK) and model values.
#[test]
fn semantics_match_nltk() {
    use nlkit::sem::evaluate::{Assignment, Model, Valuation};
    use nlkit::sem::util::{evaluate_sents, interpret_sents};
    let Some(data) = common::nltk_data() else {
        return;
    };
    let all = cases("semantics.jsonl");
    assert_eq!(all.len(), 2);
    for c in &all {
        let g = FeatureGrammar::from_file(&data.join(c["grammar"].as_str().unwrap())).unwrap();
        let sents: Vec<&str> = c["sents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let want: Vec<Vec<Vec<String>>> = serde_json::from_value(c["readings"].clone()).unwrap();
        set_counter(0);
        let got: Vec<Vec<Vec<String>>> = if c["op"] == "interpret" {
            interpret_sents(&sents, &g, "SEM")
                .unwrap()
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|(t, s)| vec![t.pformat(70), sem_str(&s)])
                        .collect()
                })
                .collect()
        } else {
            let val = Valuation::fromstring(c["model"].as_str().unwrap()).unwrap();
            let m = Model::new(val.domain(), val.clone()).unwrap();
            let a = Assignment::new(val.domain());
            evaluate_sents(&sents, &g, &m, &a)
                .unwrap()
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|(_, s, v)| vec![sem_str(&s), v.to_string()])
                        .collect()
                })
                .collect()
        };
        assert_eq!(got, want, "{}", c["op"]);
    }
}

fn sem_str(v: &nlkit::featstruct::FeatValue) -> String {
    match v {
        nlkit::featstruct::FeatValue::Expr(e) => e.to_string(),
        other => other.repr(),
    }
}
