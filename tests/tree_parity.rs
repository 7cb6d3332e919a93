//! `nlkit tree` against NLTK: committed parity cases (from
//! scripts/parity/tree.py) and a live oracle check on a few trees.

mod common;

use common::{parity_cases, run_nlkit, run_nltk};

#[test]
fn committed_cases_match_nltk() {
    let cases = parity_cases("tree");
    // group by argument list so that each mode is one nlkit run
    let mut groups: std::collections::BTreeMap<Vec<String>, Vec<(String, String, String)>> =
        Default::default();
    for (file, line, v) in &cases {
        let args: Vec<String> = v["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        groups.entry(args).or_default().push((
            format!("{file}:{line}"),
            v["input"].as_str().unwrap().to_string(),
            v["expected"].as_str().unwrap().to_string(),
        ));
    }
    for (args, items) in groups {
        let input: String = items.iter().map(|(_, i, _)| format!("{i}\n")).collect();
        let mut argv = vec!["tree", "--jsonl"];
        argv.extend(args.iter().map(String::as_str));
        let (code, out, err) = run_nlkit(&argv, input.as_bytes());
        assert_eq!(code, 0, "{args:?}: {err}");
        let got: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(got.len(), items.len(), "{args:?}");
        for (g, (at, input, expected)) in got.iter().zip(&items) {
            assert_eq!(g, expected, "{at} {args:?} input {input}");
        }
    }
    assert!(cases.len() > 100);
}

const TREES: &[&str] = &[
    "(S (NP (DT the) (JJ big) (NN dog)) (VP (VBD chased) (NP (DT a) (NN cat)) (PP (IN in) (NP (DT the) (NN garden)))) (. .))",
    "(ROOT (S (NP (PRP I)) (VP (VBD saw) (NP (NP (DT the) (NN man)) (PP (IN with) (NP (DT a) (NN telescope)))) (ADVP (RB yesterday)) (. .))))",
    "(A (B (C (D x))) (E ) y (F z w v u))",
    "(A (B (C (D x))) (E e) y (F z w v u) (G (H h) i (J j)))",
    "(S (X-very-long-label-indeed word) (Y supercalifragilisticexpialidocious) (Z a))",
];

#[test]
fn live_oracle_agrees_on_a_few_trees() {
    let script = r#"
import sys, json, copy
from nltk.tree import Tree
from nltk.tree.prettyprinter import TreePrettyPrinter
from nltk.tree.transforms import chomsky_normal_form, collapse_unary
for line in sys.stdin.read().splitlines():
    t = Tree.fromstring(line)
    c = copy.deepcopy(t)
    try:
        chomsky_normal_form(c, factor="left", horzMarkov=2, vertMarkov=1)
        c = c.pformat(margin=10**9)
    except IndexError:  # NLTK fails on an empty node with vertMarkov
        c = None
    u = copy.deepcopy(t); collapse_unary(u, collapsePOS=True)
    print(json.dumps([t.pformat(), t.pformat(margin=30), TreePrettyPrinter(t).text(),
        TreePrettyPrinter(t).text(unicodelines=True), c, u.pformat(margin=10**9)]))
"#;
    let input: String = TREES.iter().map(|t| format!("{t}\n")).collect();
    let Some(out) = run_nltk(script, &input) else {
        return;
    };
    let expected: Vec<Vec<Option<String>>> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let modes: [&[&str]; 6] = [
        &["--margin", "70"],
        &["--margin", "30"],
        &["--pretty"],
        &["--unicode"],
        &[
            "--cnf",
            "--factor",
            "left",
            "--horz-markov",
            "2",
            "--vert-markov",
            "1",
        ],
        &["--collapse-unary", "--collapse-pos"],
    ];
    for (k, mode) in modes.iter().enumerate() {
        let mut argv = vec!["tree", "--jsonl"];
        argv.extend_from_slice(mode);
        let (code, out, err) = run_nlkit(&argv, input.as_bytes());
        assert_eq!(code, 0, "{err}");
        let got: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for (i, g) in got.iter().enumerate() {
            if let Some(e) = &expected[i][k] {
                assert_eq!(g, e, "mode {mode:?} tree {}", TREES[i]);
            }
        }
        assert_eq!(got.len(), TREES.len());
    }
}
