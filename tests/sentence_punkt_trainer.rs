//! PunktTrainer against NLTK 3.10.4's PunktTrainer: parameters learned from
//! the same text must be equal (expected folders written by
//! `scripts/parity/gen_punkt.py cases` from NLTK).
mod common;

use std::path::Path;

use nlkit::sentence::{PunktParameters, PunktSentenceTokenizer, PunktTrainer, SentenceTokenizer};

fn assert_same(got: &PunktParameters, want_dir: &Path) {
    let want = PunktParameters::from_dir(want_dir).unwrap();
    let mut a: Vec<_> = got.abbrev_types.iter().collect();
    let mut b: Vec<_> = want.abbrev_types.iter().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "abbrev_types");
    assert_eq!(got.collocations, want.collocations, "collocations");
    assert_eq!(got.sent_starters, want.sent_starters, "sent_starters");
    assert_eq!(
        got.ortho_context.len(),
        want.ortho_context.len(),
        "ortho_context size"
    );
    for (k, v) in &want.ortho_context {
        assert_eq!(got.ortho_context.get(k), Some(v), "ortho_context[{k:?}]");
    }
}

fn bundled(name: &str) -> String {
    std::fs::read_to_string(common::root().join("corpora/punkt/text").join(name)).unwrap()
}

#[test]
fn trainer_matches_nltk_on_state_union_sample() {
    let text = bundled("state_union.txt");
    let cut = text
        .as_bytes()
        .windows(2)
        .skip(300_000)
        .position(|w| w == b"\n\n")
        .unwrap()
        + 300_000;
    let mut t = PunktTrainer::new();
    t.train(&text[..cut], true);
    assert_same(
        t.get_params(),
        &common::root().join("tests/parity/punkt/trained/state_union_300k"),
    );
}

#[test]
fn trainer_matches_nltk_on_webtext_sample() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let mut t = PunktTrainer::new();
    for name in ["grail.txt", "singles.txt", "overheard.txt"] {
        let mut b = std::fs::read(data.join("corpora/webtext").join(name)).unwrap();
        if name == "overheard.txt" {
            let k = b[250_000..].iter().position(|&c| c == b'\n').unwrap() + 250_000;
            b.truncate(k + 1);
        }
        let latin1: String = b.iter().map(|&c| c as char).collect();
        t.train(&latin1, false);
    }
    assert_same(
        t.get_params(),
        &common::root().join("tests/parity/punkt/trained/webtext"),
    );
}

#[test]
fn embedded_model_is_our_trainer_output_on_bundled_text() {
    let mut t = PunktTrainer::new();
    for name in ["state_union.txt", "inaugural.txt", "genesis-kjv.txt"] {
        t.train(&bundled(name), false);
    }
    let p = t.into_params();
    assert_eq!(&p, PunktSentenceTokenizer::default_english().params());
    assert!(p.abbrev_types.contains("mr") && p.abbrev_types.contains("u.s"));
}

#[test]
fn train_punkt_cli_writes_a_folder_nltk_loads() {
    let Some(_) = common::nltk_python() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("tokenizers/punkt_tab/mymodel");
    let corpus = common::root().join("corpora/punkt/text/inaugural.txt");
    let (code, _, err) = common::run_nlkit(
        &[
            "train-punkt",
            corpus.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    for f in nlkit::sentence::punkt::PUNKT_TAB_FILES {
        assert!(model.join(f).is_file(), "{f}");
    }
    // No temporary folder left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(model.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(leftovers.len(), 1);

    let text = "The Hon. Mr. Adams spoke. Then the U.S. Senate met at 10 a.m. and voted. \"Yes.\" (It passed.) Done!";
    let script = format!(
        "import sys, json, nltk\nnltk.data.path.insert(0, {:?})\nfrom nltk.tokenize.punkt import PunktTokenizer\n\
         print(json.dumps(PunktTokenizer('mymodel').tokenize(sys.stdin.read())))",
        tmp.path().to_str().unwrap()
    );
    let Some(out) = common::run_nltk(&script, text) else {
        return;
    };
    let want: Vec<String> = serde_json::from_str(out.trim()).unwrap();
    let ours = PunktSentenceTokenizer::from_dir(&model).unwrap();
    assert_eq!(ours.tokenize(text), want);

    // A second run refuses to overwrite without --force, and replaces with it.
    let (code, _, err) = common::run_nlkit(
        &[
            "train-punkt",
            corpus.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("--force"),
        "{err}"
    );
    let (code, _, err) = common::run_nlkit(
        &[
            "train-punkt",
            corpus.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
            "--force",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
}
