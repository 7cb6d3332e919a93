//! NLTK 3.10.4's own `featgram.doctest`, replayed against nlkit: the
//! examples with output that nlkit's API answers (parse trees printed by
//! `print(tree)`, `print(fs)`, `print(nltk.unify(a, b))`), written with
//! NLTK's output by `scripts/parity/featgram_doctest.py`
//! (`tests/parity/featgram/doctest.jsonl`, whose first line counts every
//! kind of example of the 83).

mod common;

use nlkit::featstruct::FeatStruct;
use nlkit::grammar::FeatureGrammar;
use nlkit::parse::{FeatureChartParser, FeatureStrategy};
use nlkit::sem::logic::set_counter;

#[test]
fn featgram_doctest_examples() {
    let all: Vec<serde_json::Value> = common::parity_cases("featgram")
        .into_iter()
        .filter(|(f, _, _)| f == "doctest.jsonl")
        .map(|(_, _, v)| v)
        .collect();
    let summary = &all[0]["summary"];
    assert_eq!(summary["examples"], 83);
    let cases = &all[1..];
    let mut fails = Vec::new();
    for c in cases {
        let s = |k: &str| c[k].as_str().unwrap().to_string();
        let got = match c["op"].as_str().unwrap() {
            "parse" => {
                let g = FeatureGrammar::fromstring(&s("grammar")).unwrap();
                let strategy = if s("strategy") == "earley" {
                    FeatureStrategy::Earley
                } else {
                    FeatureStrategy::BottomUpLeftCorner
                };
                let tokens: Vec<&str> = c["tokens"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect();
                set_counter(c["counter"].as_u64().unwrap());
                let trees = FeatureChartParser::with_strategy(&g, strategy)
                    .parse(&tokens)
                    .unwrap();
                trees
                    .iter()
                    .map(|t| t.pformat(70))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            "str" => FeatStruct::fromstring(&s("fs")).unwrap().to_string(),
            "repr" => FeatStruct::fromstring(&s("fs")).unwrap().repr(),
            "unify" => {
                let a = FeatStruct::fromstring(&s("a")).unwrap();
                let b = FeatStruct::fromstring(&s("b")).unwrap();
                a.unify(&b)
                    .unwrap()
                    .map_or("None".to_string(), |u| u.to_string())
            }
            other => panic!("unknown op {other}"),
        };
        if got != s("want") {
            fails.push(format!(
                "example {}: got\n{got}\nwant\n{}",
                c["example"],
                s("want")
            ));
        }
    }
    eprintln!(
        "featgram.doctest: {} of {} replayable examples identical ({} examples in all, kinds {})",
        cases.len() - fails.len(),
        cases.len(),
        summary["examples"],
        summary["kinds"]
    );
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
