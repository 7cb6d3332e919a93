//! Parse parity with NLTK 3.10.4: committed cases (tests/parity/parse/,
//! written by scripts/parity/gen_parse.py) and a live oracle check.

mod common;

use std::collections::BTreeSet;

use nlkit::grammar::{induce_pcfg, tree_productions, Nonterminal, CFG, PCFG};
use nlkit::parse::{BracketEscape, ChartParser, Forest, ViterbiParser};
use nlkit::tree::Tree;
use serde_json::Value;

fn cases(file: &str) -> Vec<Value> {
    common::parity_cases("parse")
        .into_iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, _, v)| v)
        .collect()
}

/// NLTK's error text is "Unable to parse line N: LINE\nMESSAGE"; ours names
/// line and column and carries the same message.
fn same_error(ours: &str, nltk: &str) {
    match nltk.split_once('\n') {
        Some((head, msg)) => {
            let line = head
                .strip_prefix("Unable to parse line ")
                .and_then(|r| r.split(':').next())
                .unwrap();
            assert!(
                ours.contains(&format!(":{line}: column ")),
                "{ours} vs {nltk}"
            );
            assert!(ours.contains(msg), "{ours} vs {nltk}");
        }
        None => assert!(ours.contains(nltk), "{ours} vs {nltk}"),
    }
}

#[test]
fn grammar_reading_matches_nltk() {
    for c in cases("grammar_read.jsonl") {
        let text = c["text"].as_str().unwrap();
        let nltk = &c["nltk"];
        let got = if c["kind"] == "cfg" {
            CFG::fromstring(text).map(|g| {
                let ps: Vec<String> = g.productions().iter().map(|p| p.to_string()).collect();
                (g.start().to_string(), ps, g.is_chomsky_normal_form())
            })
        } else {
            PCFG::fromstring(text).map(|g| {
                let ps = (0..g.productions().len())
                    .map(|i| g.production_string(i))
                    .collect();
                (g.start().to_string(), ps, g.cfg().is_chomsky_normal_form())
            })
        };
        match (got, nltk.get("error")) {
            (Err(e), Some(msg)) => same_error(&e.to_string(), msg.as_str().unwrap()),
            (Ok((start, prods, cnf)), None) => {
                assert_eq!(start, nltk["start"], "{text}");
                let want: Vec<String> =
                    serde_json::from_value(nltk["productions"].clone()).unwrap();
                assert_eq!(prods, want, "{text}");
                assert_eq!(cnf, nltk["cnf"], "{text}");
            }
            (got, _) => panic!("{text:?}: nlkit {:?} vs NLTK {nltk}", got.map(|g| g.1)),
        }
    }
}

/// `bracket_strings` gives `trees()`'s strings, in the same order, plain
/// and JSON-escaped; returns how many.
fn same_strings_as_trees(f: &Forest) -> usize {
    let want: Vec<String> = f.trees().map(|t| t.to_string()).collect();
    for escape in [BracketEscape::Plain, BracketEscape::Json] {
        let mut it = f.bracket_strings(escape);
        let mut got = Vec::new();
        while let Some(s) = it.next_tree() {
            got.push(s.to_string());
        }
        assert_eq!(it.next_tree(), None);
        let want: Vec<String> = match escape {
            BracketEscape::Plain => want.clone(),
            BracketEscape::Json => want
                .iter()
                .map(|s| {
                    let q = serde_json::to_string(s).unwrap();
                    q[1..q.len() - 1].to_string()
                })
                .collect(),
        };
        assert_eq!(got, want);
    }
    want.len()
}

#[test]
fn bracket_strings_follow_the_tree_order() {
    let cases: &[(&str, &str, usize)] = &[
        // Catalan(7) trees: every frame has several choices
        ("S -> S S | 'a'", "a a a a a a a a", 429),
        // several analyses per constituent, of different lengths
        (
            "S -> A B | A C D | S 'x'\nA -> 'a' | 'a' 'a' | A A\nB -> 'b' | B 'b' | 'b' 'b'\nC -> 'b'\nD -> 'b' | D 'b' | \nE -> ",
            "a a a b b b x",
            0,
        ),
        // empty constituents and a unary cycle (NLTK's cut)
        ("S -> A S | 'a'\nA -> | B\nB -> A", "a", 0),
        // items waiting for symbols that can be empty (the chart's
        // lookahead must let them through)
        ("S -> A B\nA -> 'a'\nB -> | 'b'", "a", 1),
        ("S -> A B C 'c'\nB -> | 'b'\nC -> B B\nA -> 'a'", "a c", 1),
        ("S -> A B C 'c'\nB -> | 'b'\nC -> B B\nA -> 'a'", "a b c", 3),
        // words that JSON must escape
        ("S -> 'a\"b' T | T\nT -> 'c\\d' | U\nU -> 'c\\d'", "a\"b c\\d", 2),
    ];
    for &(g, s, n) in cases {
        let g = CFG::fromstring(g).unwrap();
        let toks: Vec<&str> = s.split(' ').collect();
        let f = ChartParser::new(&g).forest(&toks).unwrap();
        let got = same_strings_as_trees(&f);
        assert!(got > 0, "{s}");
        if n > 0 {
            assert_eq!(got, n, "{s}");
        }
    }
    // no parse: no strings
    let g = CFG::fromstring("S -> 'a' 'b'\nT -> 'b'").unwrap();
    let f = ChartParser::new(&g).forest(&["b"]).unwrap();
    assert_eq!(same_strings_as_trees(&f), 0);
    assert_eq!(f.bracket_strings(BracketEscape::Plain).next_tree(), None);
}

#[test]
fn chart_tree_sets_match_nltk() {
    let mut n = 0;
    for c in cases("chart.jsonl") {
        let g = CFG::fromstring(c["grammar"].as_str().unwrap()).unwrap();
        let parser = ChartParser::new(&g);
        for (s, want) in c["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["nltk"].as_array().unwrap())
        {
            let toks: Vec<&str> = s.as_str().unwrap().split_whitespace().collect();
            match (parser.forest(&toks), want.get("error")) {
                (Err(e), Some(msg)) => assert_eq!(e.to_string(), msg.as_str().unwrap()),
                (Ok(f), None) => {
                    same_strings_as_trees(&f);
                    let ours: BTreeSet<String> = f.trees().map(|t| t.to_string()).collect();
                    let theirs: BTreeSet<String> =
                        serde_json::from_value(want["trees"].clone()).unwrap();
                    assert_eq!(ours, theirs, "{s}");
                    assert_eq!(f.count(), Some(theirs.len() as u128), "{s}");
                }
                (got, _) => panic!("{s}: {:?} vs {want}", got.map(|f| f.count())),
            }
            n += 1;
        }
    }
    assert!(n > 50);
}

#[test]
fn viterbi_matches_nltk() {
    for c in cases("viterbi.jsonl") {
        let g = PCFG::fromstring(c["grammar"].as_str().unwrap()).unwrap();
        let parser = ViterbiParser::new(&g);
        for (s, want) in c["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["nltk"].as_array().unwrap())
        {
            let toks: Vec<&str> = s.as_str().unwrap().split_whitespace().collect();
            match (parser.parse(&toks), want.get("error")) {
                (Err(e), Some(msg)) => assert_eq!(e.to_string(), msg.as_str().unwrap()),
                (Ok(None), None) => assert!(want["tree"].is_null(), "{s}"),
                (Ok(Some(best)), None) => {
                    assert_eq!(best.tree.to_string(), want["tree"].as_str().unwrap(), "{s}");
                    let p: f64 = want["prob"].as_str().unwrap().parse().unwrap();
                    assert_eq!(best.prob, p, "{s}");
                }
                (got, _) => panic!("{s}: {got:?} vs {want}"),
            }
        }
    }
}

#[test]
fn induced_pcfg_matches_nltk() {
    for c in cases("induce.jsonl") {
        let mut prods = Vec::new();
        for t in c["trees"].as_array().unwrap() {
            prods.extend(tree_productions(
                &Tree::fromstring(t.as_str().unwrap()).unwrap(),
            ));
        }
        let strs: Vec<String> = prods.iter().map(|p| p.to_string()).collect();
        let want: Vec<String> = serde_json::from_value(c["productions"].clone()).unwrap();
        assert_eq!(strs, want);
        let g = induce_pcfg(Nonterminal::new("S"), &prods).unwrap();
        let want = c["pcfg"].as_array().unwrap();
        assert_eq!(g.productions().len(), want.len());
        for (i, w) in want.iter().enumerate() {
            assert_eq!(g.productions()[i].to_string(), w[0].as_str().unwrap());
            assert_eq!(g.prob(i), w[1].as_str().unwrap().parse::<f64>().unwrap());
        }
    }
}

/// Live oracle: a few sentences of an ambiguous grammar, parsed by NLTK now.
#[test]
fn live_oracle_chart_and_viterbi() {
    let grammar = "S -> NP VP [1.0]\nNP -> NP PP [0.3] | 'I' [0.4] | 'fish' [0.3]\nVP -> V NP [0.6] | VP PP [0.4]\nPP -> P NP [1.0]\nV -> 'saw' [1.0]\nP -> 'with' [1.0]";
    let sents = [
        "I saw fish with fish with I",
        "I saw fish",
        "fish saw I with fish",
    ];
    let script = r#"
import sys, json
from nltk.grammar import PCFG
from nltk.parse import ChartParser, ViterbiParser
g = PCFG.fromstring(sys.stdin.readline().encode().decode('unicode_escape'))
for line in sys.stdin:
    s = line.split()
    trees = sorted(t.pformat(margin=10**9) for t in ChartParser(g, max_time=None).parse(s))
    best = list(ViterbiParser(g, max_time=None).parse(s))[0]
    print(json.dumps({"trees": trees, "best": best.pformat(margin=10**9), "prob": repr(best.prob())}))
"#;
    let input = format!("{}\n{}\n", grammar.replace('\n', "\\n"), sents.join("\n"));
    let Some(out) = common::run_nltk(script, &input) else {
        return;
    };
    let g = PCFG::fromstring(grammar).unwrap();
    let chart = ChartParser::new(g.cfg());
    let vit = ViterbiParser::new(&g);
    for (s, line) in sents.iter().zip(out.lines()) {
        let v: Value = serde_json::from_str(line).unwrap();
        let toks: Vec<&str> = s.split(' ').collect();
        let ours: BTreeSet<String> = chart
            .forest(&toks)
            .unwrap()
            .trees()
            .map(|t| t.to_string())
            .collect();
        let theirs: BTreeSet<String> = serde_json::from_value(v["trees"].clone()).unwrap();
        assert_eq!(ours, theirs, "{s}");
        let best = vit.parse(&toks).unwrap().unwrap();
        assert_eq!(best.tree.to_string(), v["best"].as_str().unwrap());
        assert_eq!(
            best.prob,
            v["prob"].as_str().unwrap().parse::<f64>().unwrap()
        );
    }
}

#[test]
fn shift_reduce_matches_nltk() {
    let mut n = 0;
    for c in cases("shift_reduce.jsonl") {
        let g = CFG::fromstring(c["grammar"].as_str().unwrap()).unwrap();
        let parser = nlkit::parse::ShiftReduceParser::new(&g);
        for (s, want) in c["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["nltk"].as_array().unwrap())
        {
            if want.get("skip").is_some() {
                continue;
            }
            let toks: Vec<&str> = s.as_str().unwrap().split_whitespace().collect();
            match (parser.parse(&toks), want.get("error")) {
                (Err(e), Some(msg)) => assert_eq!(e.to_string(), msg.as_str().unwrap()),
                (Ok(t), None) => {
                    assert_eq!(
                        t.map(|t| t.to_string()),
                        want["tree"].as_str().map(String::from),
                        "{s}"
                    )
                }
                (got, _) => panic!("{s}: {got:?} vs {want}"),
            }
            n += 1;
        }
    }
    assert!(n > 50);
}

/// RecursiveDescentParser: NLTK's trees in NLTK's order. Where NLTK cannot
/// finish (left recursion: RecursionError, or its time limit), nlkit either
/// returns every parse (the chart parser's set) or stops at a cycle that
/// reads no word with an error.
#[test]
fn recursive_descent_matches_nltk() {
    let (mut same, mut beyond, mut cycles) = (0, 0, 0);
    for c in cases("recursive_descent.jsonl") {
        let g = CFG::fromstring(c["grammar"].as_str().unwrap()).unwrap();
        let parser = nlkit::parse::RecursiveDescentParser::new(&g);
        let chart = ChartParser::new(&g);
        for (s, want) in c["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["nltk"].as_array().unwrap())
        {
            let toks: Vec<&str> = s.as_str().unwrap().split_whitespace().collect();
            if let Some(msg) = want.get("error") {
                let e = parser.parse(&toks).err().expect("a coverage error");
                assert_eq!(e.to_string(), msg.as_str().unwrap());
                same += 1;
                continue;
            }
            let got: Vec<Result<String, String>> = parser
                .parse(&toks)
                .unwrap()
                .map(|t| t.map(|t| t.to_string()).map_err(|e| e.to_string()))
                .collect();
            if let Some(trees) = want.get("trees") {
                let theirs: Vec<String> = serde_json::from_value(trees.clone()).unwrap();
                let ours: Vec<String> = got.into_iter().map(Result::unwrap).collect();
                assert_eq!(ours, theirs, "{s}");
                same += 1;
            } else if let Some(Err(e)) = got.last() {
                assert!(e.contains("without reading a word"), "{e}");
                cycles += 1;
            } else {
                let ours: BTreeSet<String> = got.into_iter().map(Result::unwrap).collect();
                let all: BTreeSet<String> = chart
                    .forest(&toks)
                    .unwrap()
                    .trees()
                    .map(|t| t.to_string())
                    .collect();
                assert_eq!(ours, all, "{s}");
                beyond += 1;
            }
        }
    }
    assert!(same >= 50, "{same}");
    assert!(beyond + cycles >= 20, "{beyond} {cycles}");
}

#[test]
fn recursive_descent_edge_cases() {
    use nlkit::parse::RecursiveDescentParser;
    // a cycle that reads nothing: the parses before it, then an error
    let g = CFG::fromstring("S -> 'a' | A\nA -> S").unwrap();
    let got: Vec<_> = RecursiveDescentParser::new(&g)
        .parse(&["a"])
        .unwrap()
        .collect();
    assert_eq!(got[0].as_ref().unwrap().to_string(), "(S a)");
    assert!(got.last().unwrap().is_err());
    // exponentially many parses come lazily
    let g = CFG::fromstring("S -> S S | 'a'").unwrap();
    let words = vec!["a"; 40];
    let first: Vec<_> = RecursiveDescentParser::new(&g)
        .parse(&words)
        .unwrap()
        .take(3)
        .collect();
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(Result::is_ok));
    // nothing derivable, empty input, a nonterminal with no productions
    let g = CFG::fromstring("S -> A 'x'\nA -> B\nB -> 'y' B").unwrap();
    assert_eq!(
        RecursiveDescentParser::new(&g)
            .parse(&["x"])
            .unwrap()
            .count(),
        0
    );
    let g = CFG::fromstring("S -> | 'a'").unwrap();
    let empty: Vec<&str> = Vec::new();
    let trees: Vec<String> = RecursiveDescentParser::new(&g)
        .parse(&empty)
        .unwrap()
        .map(|t| t.unwrap().to_string())
        .collect();
    assert_eq!(trees, ["(S )"]);
}

/// DependencyGrammar reading (NLTK's `str` or error text) and the set of
/// ProjectiveDependencyParser trees, on NLTK's demo grammars, reader edge
/// cases and seeded random grammars (scripts/parity/gen_dependency.py).
#[test]
fn dependency_grammars_and_projective_parses_match_nltk() {
    use nlkit::grammar::DependencyGrammar;
    use nlkit::parse::ProjectiveDependencyParser;
    let (mut grammars, mut sentences, mut trees) = (0, 0, 0);
    for c in cases("dependency.jsonl") {
        let text = c["grammar"].as_str().unwrap();
        let nltk = &c["nltk"];
        let g = match (DependencyGrammar::fromstring(text), nltk.get("error")) {
            (Err(e), Some(msg)) => {
                assert_eq!(e.to_string(), msg.as_str().unwrap(), "{text:?}");
                grammars += 1;
                continue;
            }
            (Ok(g), None) => g,
            (got, _) => panic!("{text:?}: {got:?} vs {nltk}"),
        };
        assert_eq!(g.to_string(), nltk["str"].as_str().unwrap());
        grammars += 1;
        let p = ProjectiveDependencyParser::new(&g);
        for (s, want) in c["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .zip(nltk["parses"].as_array().unwrap())
        {
            let toks: Vec<&str> = s.as_str().unwrap().split_whitespace().collect();
            match (p.parse(&toks), want.get("error")) {
                (Err(e), Some(msg)) => assert_eq!(e.to_string(), msg.as_str().unwrap()),
                (Ok(ts), None) => {
                    let mut ours: Vec<String> = ts.iter().map(|t| t.to_string()).collect();
                    ours.sort();
                    let theirs: Vec<String> =
                        serde_json::from_value(want["trees"].clone()).unwrap();
                    assert_eq!(ours, theirs, "{text:?} {s}");
                    trees += ours.len();
                }
                (got, _) => panic!("{s}: {got:?} vs {want}"),
            }
            sentences += 1;
        }
    }
    assert!(
        grammars >= 50 && sentences >= 150 && trees >= 5000,
        "{grammars} {sentences} {trees}"
    );
}

/// InsideChartParser (no beam): the same parses with the same
/// probabilities (repr, bit for bit) in NLTK's order, ties included.
#[test]
fn inside_parses_and_probabilities_match_nltk() {
    use nlkit::parse::InsideChartParser;
    let mut n = 0;
    for c in cases("inside.jsonl") {
        let g = PCFG::fromstring(c["grammar"].as_str().unwrap()).unwrap();
        let parser = InsideChartParser::new(&g);
        for (s, want) in c["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["nltk"].as_array().unwrap())
        {
            if want.get("recursion").is_some() {
                continue; // NLTK recurses without end on this cyclic grammar
            }
            let toks: Vec<&str> = s.as_str().unwrap().split_whitespace().collect();
            match (parser.parse(&toks, None), want.get("error")) {
                (Err(e), Some(msg)) => assert_eq!(e.to_string(), msg.as_str().unwrap()),
                (Ok(parses), None) => {
                    let theirs: Vec<(String, String)> =
                        serde_json::from_value(want["parses"].clone()).unwrap();
                    let ours: Vec<(String, String)> = parses
                        .iter()
                        .map(|p| (p.tree.to_string(), nlkit::grammar::py_float_repr(p.prob)))
                        .collect();
                    assert_eq!(ours, theirs, "{s}");
                    n += ours.len();
                }
                (got, _) => panic!("{s}: {got:?} vs {want}"),
            }
        }
    }
    assert!(n >= 40, "{n}");
}

/// NLTK's bottom-up probabilistic chart parsers, with and without a beam,
/// every queue order (the random ones seeded as `random.seed(n)`): the same
/// parses, probabilities (repr) and order, ties included.
#[test]
fn probabilistic_chart_parsers_match_nltk_with_beams() {
    use nlkit::parse::{BottomUpProbabilisticChartParser, QueueOrder};
    let mut runs = 0;
    let mut trees = 0;
    let mut pruned_to_nothing = 0;
    let mut bad = Vec::new();
    for c in cases("pchart.jsonl") {
        let g = PCFG::fromstring(c["grammar"].as_str().unwrap()).unwrap();
        let seed = c["seed"].as_u64().unwrap();
        let order = match c["parser"].as_str().unwrap() {
            "inside" => QueueOrder::Inside,
            "longest" => QueueOrder::Longest,
            "random" => QueueOrder::Random(seed),
            "unsorted" => QueueOrder::Unsorted,
            other => panic!("{other}"),
        };
        let beam = c["beam"].as_u64().unwrap() as usize;
        let parser = BottomUpProbabilisticChartParser::new(&g, order, beam);
        let s = c["sentence"].as_str().unwrap();
        let toks: Vec<&str> = s.split_whitespace().collect();
        let what = format!("{s} / {order:?} beam {beam}");
        match (parser.parse(&toks), c.get("error")) {
            (Err(e), Some(msg)) => assert_eq!(e.to_string(), msg.as_str().unwrap(), "{what}"),
            (Ok(parses), None) => {
                let theirs: Vec<(String, String)> =
                    serde_json::from_value(c["parses"].clone()).unwrap();
                let ours: Vec<(String, String)> = parses
                    .iter()
                    .map(|p| (p.tree.to_string(), nlkit::grammar::py_float_repr(p.prob)))
                    .collect();
                if ours != theirs {
                    bad.push(what.clone());
                }
                trees += ours.len();
                pruned_to_nothing += usize::from(beam > 0 && ours.is_empty());
            }
            (got, _) => panic!("{what}: {got:?} vs {c}"),
        }
        runs += 1;
    }
    assert!(bad.is_empty(), "{} of {runs} differ: {bad:#?}", bad.len());
    assert!(
        runs >= 170 && trees >= 300 && pruned_to_nothing >= 20,
        "{runs} {trees} {pruned_to_nothing}"
    );
}
