//! Chunkers against NLTK 3.10.4: RegexpParser trees and errors, ChunkScore,
//! the IOB conversions and the NLTK book's n-gram chunkers, on the cases in
//! tests/parity/chunk (made by scripts/parity/gen_chunk.py from the first
//! conll2000 sentences).

mod common;

use nlkit::chunk::{
    accuracy, chunked_sent_from_iob, conlltags2tree, tree2conllstr, tree2conlltags, ChunkScore,
    Chunker, RegexpParser, TaggerChunker, CONLL2000_CHUNK_TYPES,
};
use nlkit::tree::Tree;
use serde_json::Value;

type Rows = Vec<(String, String, String)>;

fn lines(name: &str) -> Vec<Value> {
    let p = common::root().join("tests/parity/chunk").join(name);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn rows_of(v: &Value) -> Rows {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r = r.as_array().unwrap();
            let s = |i: usize| r[i].as_str().unwrap().to_string();
            (s(0), s(1), s(2))
        })
        .collect()
}

fn sents(name: &str) -> Vec<Rows> {
    lines(name).iter().map(rows_of).collect()
}

fn gold(rows: &[Rows], types: &[&str]) -> Vec<Tree> {
    rows.iter()
        .map(|r| chunked_sent_from_iob(r, Some(types)).unwrap())
        .collect()
}

fn str_list(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn regexp_parser_trees_and_errors_match_nltk() {
    let test = sents("test_rows.jsonl");
    let cases = lines("trees.jsonl");
    assert!(cases.len() > 300);
    let mut checked = 0;
    for c in &cases {
        let grammar = c["grammar"].as_str().unwrap();
        let loop_count = c["loop"].as_u64().unwrap() as usize;
        let cp = RegexpParser::with_options(grammar, "S", loop_count).unwrap();
        let tagged: Vec<(String, String)> = match c.get("test_sent") {
            Some(k) => test[k.as_u64().unwrap() as usize]
                .iter()
                .map(|(w, t, _)| (w.clone(), t.clone()))
                .collect(),
            None => c["tagged"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_string(),
                        p[1].as_str().unwrap().to_string(),
                    )
                })
                .collect(),
        };
        let pairs: Vec<(&str, &str)> = tagged
            .iter()
            .map(|(w, t)| (w.as_str(), t.as_str()))
            .collect();
        let got = cp.parse(&pairs);
        match (c.get("tree"), got) {
            (Some(want), Ok(t)) => {
                assert_eq!(
                    t.pformat(usize::MAX),
                    want.as_str().unwrap(),
                    "{}",
                    c["name"]
                )
            }
            (None, Err(e)) => {
                assert_eq!(e.to_string(), c["error"].as_str().unwrap(), "{}", c["name"])
            }
            (want, got) => panic!("{}: NLTK {want:?}, nlkit {got:?}", c["name"]),
        }
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}

#[test]
fn malformed_grammars_give_nltk_errors() {
    for c in lines("errors.jsonl") {
        let g = c["grammar"].as_str().unwrap();
        match (c["error"].as_str(), RegexpParser::new(g)) {
            (Some(want), Err(e)) => assert_eq!(e.to_string(), want, "{g}"),
            (None, Ok(_)) => {}
            (want, got) => panic!("{g}: NLTK {want:?}, nlkit {:?}", got.err()),
        }
    }
}

#[test]
fn chunkscore_matches_nltk() {
    let test = sents("test_rows.jsonl");
    for c in lines("scores.jsonl") {
        let types: Vec<String> = str_list(&c["types"]);
        let types: Vec<&str> = types.iter().map(|s| s.as_str()).collect();
        let n = c["test_sents"].as_u64().unwrap() as usize;
        let gs = gold(&test[..n], &types);
        let cp = RegexpParser::with_options(
            c["grammar"].as_str().unwrap(),
            "S",
            c["loop"].as_u64().unwrap() as usize,
        )
        .unwrap();
        let mut s = ChunkScore::new();
        for g in &gs {
            let leaves = g.leaves();
            let words: Vec<(&str, &str)> =
                leaves.iter().map(|l| l.rsplit_once('/').unwrap()).collect();
            s.score(g, &cp.parse(&words).unwrap());
        }
        let want = &c["score"];
        let name = c["name"].as_str().unwrap();
        let close = |a: f64, k: &str| {
            let b = want[k].as_f64().unwrap();
            assert!((a - b).abs() < 1e-12, "{name} {k}: nlkit {a}, NLTK {b}");
        };
        close(s.accuracy(), "accuracy");
        close(s.precision(), "precision");
        close(s.recall(), "recall");
        close(s.f_measure(), "f_measure");
        assert_eq!(
            s.missed().len() as u64,
            want["missed"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            s.incorrect().len() as u64,
            want["incorrect"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(s.len() as u64, want["len"].as_u64().unwrap(), "{name}");
        match (accuracy(&cp, &gs), &c["accuracy_fn"]) {
            (Ok(a), Value::Number(b)) => assert!((a - b.as_f64().unwrap()).abs() < 1e-12, "{name}"),
            (Err(e), Value::String(b)) => assert_eq!(&e.to_string(), b, "{name}"),
            (got, want) => panic!("{name}: accuracy() nlkit {got:?}, NLTK {want}"),
        }
    }
}

#[test]
fn iob_conversions_match_nltk() {
    for c in lines("conll.jsonl") {
        if let Some(rows) = c.get("rows") {
            let rows = rows_of(rows);
            let strict = c["strict"].as_bool().unwrap();
            match (conlltags2tree(&rows, "S", strict), c.get("tree")) {
                (Ok(t), Some(w)) => assert_eq!(t.pformat(usize::MAX), w.as_str().unwrap()),
                (Err(e), None) => assert_eq!(e.to_string(), c["error"].as_str().unwrap()),
                (got, want) => panic!("{rows:?}: nlkit {got:?}, NLTK {want:?}"),
            }
        } else if let Some(rows) = c.get("rows_in") {
            let rows = rows_of(rows);
            let t = chunked_sent_from_iob(&rows, Some(&CONLL2000_CHUNK_TYPES)).unwrap();
            assert_eq!(tree2conlltags(&t).unwrap(), rows_of(&c["conlltags"]));
            assert_eq!(tree2conllstr(&t).unwrap(), c["conllstr"].as_str().unwrap());
        } else {
            let t = Tree::fromstring(c["tree_in"].as_str().unwrap()).unwrap();
            let e = tree2conlltags(&t).unwrap_err();
            assert_eq!(e.to_string(), c["error"].as_str().unwrap());
        }
    }
}

#[test]
fn ngram_chunkers_match_nltk() {
    let train_rows = sents("train_rows.jsonl");
    let test_rows = sents("test_rows.jsonl");
    for c in lines("ngram.jsonl") {
        let ntr = c["train_sents"].as_u64().unwrap() as usize;
        let nte = c["test_sents"].as_u64().unwrap() as usize;
        let train = gold(&train_rows[..ntr], &CONLL2000_CHUNK_TYPES);
        let test = gold(&test_rows[..nte], &CONLL2000_CHUNK_TYPES);
        let chunker = match c["kind"].as_str().unwrap() {
            "unigram" => TaggerChunker::unigram(&train).unwrap(),
            _ => TaggerChunker::bigram(&train).unwrap(),
        };
        let guessed = str_list(&c["guessed"]);
        let mut s = ChunkScore::new();
        for (g, want) in test.iter().zip(&guessed) {
            let leaves = g.leaves();
            let words: Vec<(&str, &str)> =
                leaves.iter().map(|l| l.rsplit_once('/').unwrap()).collect();
            let t = chunker.parse(&words).unwrap();
            assert_eq!(&t.pformat(usize::MAX), want);
            s.score(g, &t);
        }
        let f = c["score"]["f_measure"].as_f64().unwrap();
        assert!((s.f_measure() - f).abs() < 1e-12);
    }
}
