//! Bad and unusual input for the tagger: model files, training data,
//! CoNLL-U files and the `tag` / `train-tagger` / `eval-tagger` commands.
mod common;

use std::io::Write;

use common::run_nlkit;
use nlkit::corpus::conllu::{Column, ConlluReader};
use nlkit::tag::{
    default_english_xpos, FeatureSet, PerceptronTagger, Tagger, TrainConfig, WordClusters,
};
use proptest::prelude::*;

fn tiny_model() -> PerceptronTagger {
    let sents: Vec<Vec<(String, String)>> = vec![
        vec![("the".into(), "DT".into()), ("dog".into(), "NN".into())],
        vec![
            ("a".into(), "DT".into()),
            ("cat".into(), "NN".into()),
            ("runs".into(), "VBZ".into()),
        ],
    ];
    PerceptronTagger::train(&sents, &TrainConfig::default()).unwrap()
}

#[test]
fn model_round_trips() {
    let m = tiny_model();
    let back = PerceptronTagger::from_bytes(&m.to_bytes().unwrap()).unwrap();
    assert_eq!(
        back.tag(&["a", "dog", "runs"]),
        m.tag(&["a", "dog", "runs"])
    );
}

#[test]
fn truncated_model_is_an_error_at_every_length() {
    let bytes = tiny_model().to_bytes().unwrap();
    for n in 0..bytes.len() {
        let e = PerceptronTagger::from_bytes(&bytes[..n])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("truncated") || e.contains("bad magic"),
            "length {n}: {e}"
        );
    }
}

#[test]
fn corrupt_model_is_an_error() {
    let mut bytes = tiny_model().to_bytes().unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x5a;
    let e = PerceptronTagger::from_bytes(&bytes)
        .unwrap_err()
        .to_string();
    assert!(e.contains("corrupt"), "{e}");
}

#[test]
fn other_format_version_names_both_versions() {
    let mut bytes = tiny_model().to_bytes().unwrap();
    bytes[8..12].copy_from_slice(&7u32.to_le_bytes());
    let e = PerceptronTagger::from_bytes(&bytes)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("version 7") && e.contains("versions 1 to 3"),
        "{e}"
    );
}

#[test]
fn cli_refuses_a_json_file_as_model() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.bin");
    std::fs::write(&p, b"{\"not\": \"a model\"}").unwrap();
    let (code, _, err) = run_nlkit(&["tag", "--model", p.to_str().unwrap()], b"a b\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("bad magic"),
        "{err}"
    );
}

#[test]
fn cli_missing_nltk_model_folder_is_clear() {
    let (code, _, err) = run_nlkit(&["tag", "--nltk-model", "/nonexistent/dir"], b"a\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("nlkit download"),
        "{err}"
    );
}

#[test]
fn empty_lines_give_empty_output_lines() {
    let (code, out, err) = run_nlkit(&["tag", "--pretokenized"], b"\nThe dog barks .\n\n");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "");
    assert_eq!(lines[2], "");
    let (_, out, _) = run_nlkit(&["tag", "--pretokenized", "--format", "jsonl"], b"\n");
    assert_eq!(out, "[]\n");
}

#[test]
fn tokens_with_slashes_split_at_the_last_slash() {
    let (code, out, err) = run_nlkit(&["tag", "--pretokenized"], b"He ate 1/2 of it\n");
    assert_eq!(code, 0, "{err}");
    let toks: Vec<&str> = out.split_whitespace().collect();
    let (word, tag) = toks[2].rsplit_once('/').unwrap();
    assert_eq!(word, "1/2");
    assert!(!tag.is_empty() && !tag.contains('/'));
    // and word/TAG training data parses the same way
    let s = nlkit::tag::parse_word_tag_line("1/2/CD and/CC", "x", 1).unwrap();
    assert_eq!(s[0], ("1/2".to_string(), "CD".to_string()));
}

#[test]
fn jsonl_and_universal_output() {
    let (code, out, err) = run_nlkit(
        &[
            "tag",
            "--pretokenized",
            "--format",
            "jsonl",
            "--tagset",
            "universal",
        ],
        b"The dog barks .\n",
    );
    assert_eq!(code, 0, "{err}");
    let v: Vec<(String, String)> = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v[0], ("The".to_string(), "DET".to_string()));
    assert_eq!(v[3].1, ".");
}

#[test]
fn invalid_utf8_input_is_an_error_unless_lossy() {
    let (code, _, err) = run_nlkit(&["tag"], b"ok\nbad \xff\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("byte offset"),
        "{err}"
    );
    let (code, _, _) = run_nlkit(&["tag", "--lossy"], b"bad \xff\n");
    assert_eq!(code, 0);
}

#[test]
fn jobs_keep_order() {
    let input: String = (0..500).map(|i| format!("line {i} is here\n")).collect();
    let (_, one, _) = run_nlkit(&["tag", "--pretokenized"], input.as_bytes());
    let (_, two, _) = run_nlkit(&["tag", "--pretokenized", "--jobs", "2"], input.as_bytes());
    assert_eq!(one, two);
    assert_eq!(one.lines().count(), 500);
}

#[test]
fn word_tag_training_data_with_bad_token_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.txt");
    std::fs::write(&train, "the/DT dog/NN\nbad token/NN\n").unwrap();
    let out = dir.path().join("m.bin");
    let (code, _, err) = run_nlkit(
        &[
            "train-tagger",
            "--train",
            train.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("train.txt:2") && err.contains("`bad`"),
        "{err}"
    );
}

#[test]
fn unseen_and_unusual_tags_in_training_data_are_classes() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.txt");
    std::fs::write(&train, "the/DT dog/NN-WEIRD\na/DT cat/NN-WEIRD ./.\n").unwrap();
    let model = dir.path().join("m.bin");
    let (code, _, err) = run_nlkit(
        &[
            "train-tagger",
            "--train",
            train.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
            "--iterations",
            "3",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_nlkit(
        &["tag", "--pretokenized", "--model", model.to_str().unwrap()],
        b"the dog\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("/NN-WEIRD"), "{out}");
    // gold tags the model never saw just count as errors in evaluation
    let test = dir.path().join("test.txt");
    std::fs::write(&test, "the/DT dog/NEVERSEEN\n").unwrap();
    let (code, out, err) = run_nlkit(
        &[
            "eval-tagger",
            "--model",
            model.to_str().unwrap(),
            "--test",
            test.to_str().unwrap(),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tokens"], 2);
    assert_eq!(v["correct"], 1);
}

#[test]
fn unknown_algorithm_is_refused_clearly() {
    let (code, _, err) = run_nlkit(
        &[
            "train-tagger",
            "--algorithm",
            "crf",
            "--train",
            "x",
            "-o",
            "y",
        ],
        b"",
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'crf'"), "{err}");
}

const CONLLU: &str = "# sent_id = 1\n# text = I'm here.\n1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2\t'm\tbe\tAUX\tVBP\t_\t3\tcop\t_\t_\n2.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t3:x\t_\n3\there\there\tADV\tRB\t_\t0\troot\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

#[test]
fn conllu_multiword_and_empty_nodes_are_not_tagged() {
    let sents: Vec<_> = ConlluReader::new(CONLLU.as_bytes(), "x.conllu")
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sents.len(), 1);
    assert_eq!(sents[0].forms(), ["I", "'m", "here", "."]);
    assert_eq!(sents[0].tags(Column::Upos), ["PRON", "AUX", "ADV", "PUNCT"]);
    assert_eq!(sents[0].text.as_deref(), Some("I'm here."));
}

#[test]
fn conllu_malformed_lines_name_file_and_line() {
    for (bad, line) in [
        ("1\tI\tI\tPRON\n", 1),
        (
            "# c\n1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\nx\ty\t_\t_\t_\t_\t_\t_\t_\t_\n",
            3,
        ),
        ("1-x\tI\t_\t_\t_\t_\t_\t_\t_\t_\n", 1),
        ("1.a\tI\t_\t_\t_\t_\t_\t_\t_\t_\n", 1),
        ("0\tI\t_\t_\t_\t_\t_\t_\t_\t_\n", 1),
    ] {
        let e = ConlluReader::new(bad.as_bytes(), "bad.conllu")
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(&format!("bad.conllu:{line}:")),
            "{bad:?}: {e}"
        );
    }
}

#[test]
fn eval_tagger_on_conllu_reports_everything() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.conllu");
    std::fs::File::create(&p)
        .unwrap()
        .write_all(CONLLU.as_bytes())
        .unwrap();
    let (code, out, err) = run_nlkit(
        &[
            "eval-tagger",
            "--test",
            p.to_str().unwrap(),
            "--column",
            "xpos",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    for needle in [
        "accuracy:",
        "known words:",
        "unknown words:",
        "precision",
        "confusion matrix",
    ] {
        assert!(out.contains(needle), "{needle} missing in {out}");
    }
    let (code, out, err) = run_nlkit(
        &[
            "eval-tagger",
            "--test",
            p.to_str().unwrap(),
            "--column",
            "upos",
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tokens"], 4);
    let bad = dir.path().join("bad.conllu");
    std::fs::write(&bad, "1\tI\n").unwrap();
    let (code, _, err) = run_nlkit(&["eval-tagger", "--test", bad.to_str().unwrap()], b"");
    assert_eq!(code, 1);
    assert!(err.contains("bad.conllu:1:"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn tagging_never_panics(words in proptest::collection::vec("\\PC{0,12}", 0..12)) {
        let t = default_english_xpos().unwrap();
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags = t.tag(&w);
        prop_assert_eq!(tags.len(), w.len());
        prop_assert!(tags.iter().all(|t| !t.is_empty()));
    }

    #[test]
    fn model_decoder_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for version in [1u8, 2, 3] {
            let mut b = b"NLKITTAG".to_vec();
            b.extend([version, 0, 0, 0]);
            b.extend(&bytes);
            let _ = PerceptronTagger::from_bytes(&b);
        }
    }

    #[test]
    fn word_clusters_parser_never_panics(text in "([^\t\n]{0,4}(\t[0-9x-]{0,5}){0,5}\n){0,6}") {
        if let Ok(c) = WordClusters::from_tsv(&text) {
            for w in text.split_whitespace() {
                let _ = c.get(w);
            }
        }
    }

    #[test]
    fn conllu_reader_never_panics(text in "([0-9.\\-]{0,4}(\t[^\t\n]{0,3}){0,10}\n){0,6}") {
        for r in ConlluReader::new(text.as_bytes(), "p.conllu") {
            if r.is_err() { break; }
        }
    }
}

fn tiny_cluster_model() -> PerceptronTagger {
    let sents: Vec<Vec<(String, String)>> = vec![
        vec![("the".into(), "DT".into()), ("dog".into(), "NN".into())],
        vec![("a".into(), "DT".into()), ("cat".into(), "NN".into())],
    ];
    let clusters = WordClusters::from_tsv("dog\t1\t2\t3\ncat\t1\t2\t3\npuppy\t1\t2\t3\n").unwrap();
    let cfg = TrainConfig {
        feature_set: FeatureSet::Clusters,
        clusters: Some(std::sync::Arc::new(clusters)),
        ..TrainConfig::default()
    };
    PerceptronTagger::train(&sents, &cfg).unwrap()
}

#[test]
fn cluster_model_round_trips_with_its_clusters() {
    let m = tiny_cluster_model();
    // `puppy` is unseen in training, but shares the clusters of dog and cat
    assert_eq!(m.tag(&["the", "puppy"]), vec!["DT", "NN"]);
    let back = PerceptronTagger::from_bytes(&m.to_bytes().unwrap()).unwrap();
    assert_eq!(back.feature_set(), FeatureSet::Clusters);
    assert_eq!(back.clusters().map(WordClusters::len), Some(3));
    assert_eq!(back.tag(&["the", "puppy"]), m.tag(&["the", "puppy"]));
}

#[test]
fn cluster_features_need_clusters_and_only_they_take_them() {
    let sents = vec![vec![("dog".to_string(), "NN".to_string())]];
    let e = PerceptronTagger::train(
        &sents,
        &TrainConfig {
            feature_set: FeatureSet::Clusters,
            ..TrainConfig::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("needs word clusters"), "{e}");
    let e = PerceptronTagger::train(
        &sents,
        &TrainConfig {
            feature_set: FeatureSet::Extended,
            clusters: Some(Default::default()),
            ..TrainConfig::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("reads none"), "{e}");
}

#[test]
fn cli_bad_clusters_file_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.txt");
    std::fs::write(&train, "the/DT dog/NN\n").unwrap();
    let clusters = dir.path().join("clusters.tsv");
    std::fs::write(&clusters, "# ok\ndog\t1\t2\t3\ncat\t1\ttwo\t3\n").unwrap();
    let out = dir.path().join("m.bin");
    let args = |features: &'static str, with_clusters: bool| {
        let mut a = vec![
            "train-tagger".to_string(),
            "--train".into(),
            train.to_str().unwrap().into(),
            "--features".into(),
            features.into(),
            "-o".into(),
            out.to_str().unwrap().into(),
        ];
        if with_clusters {
            a.extend(["--clusters".into(), clusters.to_str().unwrap().into()]);
        }
        a
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        run_nlkit(&a, b"")
    };
    let (code, _, err) = run(args("clusters", true));
    assert_eq!(code, 1);
    assert!(
        err.contains("clusters.tsv") && err.contains("line 3"),
        "{err}"
    );
    let (code, _, err) = run(args("clusters", false));
    assert_eq!(code, 1);
    assert!(err.contains("needs word clusters"), "{err}");
    std::fs::write(&clusters, "dog\t1\t2\t3\n").unwrap();
    let (code, _, err) = run(args("extended", true));
    assert_eq!(code, 1);
    assert!(err.contains("reads none"), "{err}");
    assert!(!out.exists(), "no model is written on error");
    let (code, _, err) = run(args("clusters", true));
    assert_eq!(code, 0, "{err}");
    assert!(out.exists());
}

/// The shipped cluster file is the one the embedded models were trained
/// with (and carry), so `corpora/models/README.md`'s recipe remakes them.
#[test]
fn embedded_models_carry_the_shipped_clusters() {
    let text =
        std::fs::read_to_string(common::root().join("corpora/models/en_clusters.tsv")).unwrap();
    let shipped = WordClusters::from_tsv(&text).unwrap();
    assert!(shipped.len() > 40_000);
    let xpos = default_english_xpos().unwrap();
    let upos = nlkit::tag::default_english_upos().unwrap();
    assert_eq!(xpos.feature_set(), FeatureSet::Clusters);
    assert_eq!(upos.feature_set(), FeatureSet::Stacked);
    let first = upos.first_stage().unwrap();
    for t in [xpos, upos, first] {
        assert_eq!(t.clusters(), Some(&shipped));
    }
    // the UPOS model reads the XPOS model's tags: its first stage is trained
    // with the XPOS model's recipe, so it is that model, and the two share it
    assert!(std::ptr::eq(first, xpos));
    assert_eq!(first.feature_set(), FeatureSet::Clusters);
    assert_eq!(
        (first.n_features(), first.n_weights()),
        (xpos.n_features(), xpos.n_weights())
    );
    let text = include_str!("../corpora/samples/inaugural-2009.txt");
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(first.tag(&words), xpos.tag(&words), "{line}");
    }
}

type Tagged = Vec<Vec<(String, String)>>;

/// Sentences tagged with XPOS and UPOS (the same words), for stacking.
fn two_columns() -> (Tagged, Tagged) {
    let rows: [&[(&str, &str, &str)]; 4] = [
        &[
            ("the", "DT", "DET"),
            ("dog", "NN", "NOUN"),
            ("runs", "VBZ", "VERB"),
        ],
        &[
            ("a", "DT", "DET"),
            ("cat", "NN", "NOUN"),
            ("sleeps", "VBZ", "VERB"),
        ],
        &[
            ("that", "DT", "DET"),
            ("dog", "NN", "NOUN"),
            ("barks", "VBZ", "VERB"),
        ],
        &[
            ("we", "PRP", "PRON"),
            ("run", "VBP", "VERB"),
            ("home", "RB", "ADV"),
        ],
    ];
    let col = |k: usize| {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|t| (t.0.to_string(), [t.1, t.2][k].to_string()))
                    .collect()
            })
            .collect()
    };
    (col(0), col(1))
}

fn stacked_configs() -> (TrainConfig, TrainConfig) {
    let clusters = WordClusters::from_tsv("dog\t1\t2\t3\ncat\t1\t2\t3\npuppy\t1\t2\t3\n").unwrap();
    let first = TrainConfig {
        feature_set: FeatureSet::Clusters,
        clusters: Some(std::sync::Arc::new(clusters)),
        ..TrainConfig::default()
    };
    let second = TrainConfig {
        feature_set: FeatureSet::Stacked,
        ..first.clone()
    };
    (first, second)
}

#[test]
fn stacked_model_round_trips_with_its_first_stage() {
    let (xpos, upos) = two_columns();
    let (f, c) = stacked_configs();
    let m = PerceptronTagger::train_stacked(&xpos, &upos, &f, &c, 2).unwrap();
    let words = ["the", "puppy", "sleeps"];
    assert_eq!(m.tag(&words), ["DET", "NOUN", "VERB"]);
    let back = PerceptronTagger::from_bytes(&m.to_bytes().unwrap()).unwrap();
    assert_eq!(back.feature_set(), FeatureSet::Stacked);
    assert_eq!(back.tag(&words), m.tag(&words));
    let first = back.first_stage().unwrap();
    assert_eq!(first.feature_set(), FeatureSet::Clusters);
    assert_eq!(first.tag(&words), ["DT", "NN", "VBZ"]);
    assert!(first.first_stage().is_none());
}

#[test]
fn stacked_training_refuses_bad_setups() {
    let (xpos, upos) = two_columns();
    let (f, c) = stacked_configs();
    let err = |r: nlkit::Result<PerceptronTagger>| r.unwrap_err().to_string();
    let e = err(PerceptronTagger::train(&upos, &c));
    assert!(e.contains("first stage"), "{e}");
    let e = err(PerceptronTagger::train_stacked(&xpos, &upos, &c, &c, 2));
    assert!(e.contains("first stage of another"), "{e}");
    let e = err(PerceptronTagger::train_stacked(&xpos, &upos, &f, &f, 2));
    assert!(e.contains("first stage of another"), "{e}");
    let e = err(PerceptronTagger::train_stacked(
        &xpos,
        &upos[1..],
        &f,
        &c,
        2,
    ));
    assert!(e.contains("same words"), "{e}");
    let mut other = upos.clone();
    other[2][1].0 = "puppy".into();
    let e = err(PerceptronTagger::train_stacked(&xpos, &other, &f, &c, 2));
    assert!(e.contains("same words"), "{e}");
    for folds in [0, 1, 5] {
        let e = err(PerceptronTagger::train_stacked(&xpos, &upos, &f, &c, folds));
        assert!(e.contains("folds"), "{folds}: {e}");
    }
    let no_clusters = TrainConfig {
        clusters: None,
        ..c.clone()
    };
    let e = err(PerceptronTagger::train_stacked(
        &xpos,
        &upos,
        &f,
        &no_clusters,
        2,
    ));
    assert!(e.contains("needs word clusters"), "{e}");
}

#[test]
fn cli_stacked_training_needs_conllu_and_a_first_column() {
    let dir = tempfile::tempdir().unwrap();
    let conllu = dir.path().join("train.conllu");
    let (xpos, upos) = two_columns();
    let mut text = String::new();
    for (x, u) in xpos.iter().zip(&upos) {
        for (i, ((w, xt), (_, ut))) in x.iter().zip(u).enumerate() {
            text.push_str(&format!("{}\t{w}\t_\t{ut}\t{xt}\t_\t0\t_\t_\t_\n", i + 1));
        }
        text.push('\n');
    }
    std::fs::write(&conllu, text).unwrap();
    let txt = dir.path().join("train.txt");
    std::fs::write(&txt, "the/DT dog/NN\n").unwrap();
    let clusters = dir.path().join("clusters.tsv");
    std::fs::write(&clusters, "dog\t1\t2\t3\n").unwrap();
    let out = dir.path().join("m.bin");
    // `extra`: more flags, separated by spaces
    let run = |train: &std::path::Path, extra: &str| {
        let mut a = vec![
            "train-tagger",
            "--train",
            train.to_str().unwrap(),
            "--column",
            "upos",
            "--clusters",
            clusters.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        a.extend(extra.split_whitespace());
        run_nlkit(&a, b"")
    };
    let stacked = "--features stacked --first-column xpos";
    for (train, extra, want) in [
        (&conllu, "--features stacked".to_string(), "go together"),
        (
            &conllu,
            "--features clusters --first-column xpos".to_string(),
            "go together",
        ),
        (&txt, stacked.to_string(), "CoNLL-U"),
        (&conllu, format!("{stacked} --folds 1"), "folds"),
    ] {
        let (code, _, err) = run(train, &extra);
        assert_eq!(code, 1, "{extra}");
        assert!(err.contains(want), "{extra}: {err}");
        assert!(!out.exists(), "no model is written on error");
    }
    let (code, _, err) = run(&conllu, &format!("{stacked} --folds 2"));
    assert_eq!(code, 0, "{err}");
    let m = PerceptronTagger::load(&out).unwrap();
    assert_eq!(m.feature_set(), FeatureSet::Stacked);
    assert_eq!(m.tag(&["the", "cat", "runs"]), ["DET", "NOUN", "VERB"]);
}

#[test]
fn a_model_body_that_inflates_far_beyond_its_size_is_refused() {
    // 20 MB of zeros deflate to about 20 kB: a crafted "zip bomb" body.
    let mut file = b"NLKITTAG".to_vec();
    file.extend(3u32.to_le_bytes());
    let meta = br#"{"kind":"perceptron"}"#;
    file.extend((meta.len() as u32).to_le_bytes());
    file.extend(meta);
    let mut enc = flate2::write::ZlibEncoder::new(file, flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..20 {
        enc.write_all(&zeros).unwrap();
    }
    let file = enc.finish().unwrap();
    assert!(file.len() < 100_000, "{}", file.len());
    let e = nlkit::tag::model_from_bytes(&file)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("inflates to more than"), "{e}");
    let e = PerceptronTagger::from_bytes(&file)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("inflates to more than"), "{e}");
}
