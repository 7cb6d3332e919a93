//! Saving and loading the classic taggers (n-gram chain, HMM, Brill) in
//! nlkit's model format, through `nlkit train-tagger --algorithm
//! ngram|hmm|brill`, `nlkit tag --model` and `nlkit eval-tagger --model`:
//! the loaded model tags exactly as the library tagger it was trained as,
//! evaluation agrees with the library, and bad model files give one clear
//! error.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::run_nlkit;
use nlkit::corpus::conllu::{Column, ConlluReader};
use nlkit::tag::classic::{
    fntbl37, ngram_chain, BrillTaggerTrainer, ClassicModel, ClassicTagger, HiddenMarkovModelTagger,
    HmmEstimator, RegexpTagger, SequentialBackoffTagger,
};
use nlkit::tag::{evaluate, load_model, model_from_bytes, LoadedModel, Tagger};

type Sents = Vec<Vec<(String, String)>>;

/// The first `n` sentences of a CoNLL-U file (XPOS).
fn read_conllu(path: &Path, n: usize) -> Sents {
    let f = std::fs::File::open(path).unwrap();
    ConlluReader::new(std::io::BufReader::new(f), path)
        .take(n)
        .map(|s| s.unwrap().tagged(Column::Xpos))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A small synthetic word/TAG corpus (deterministic).
fn synthetic() -> Sents {
    let dets = ["the", "a", "this"];
    let nouns = ["dog", "cat", "run", "walk", "book"];
    let verbs = ["runs", "walks", "books", "sees"];
    let mut out = Vec::new();
    for i in 0..60usize {
        let mut s = vec![
            (dets[i % 3].to_string(), "DT".to_string()),
            (nouns[i % 5].to_string(), "NN".to_string()),
            (verbs[i % 4].to_string(), "VBZ".to_string()),
        ];
        if i % 2 == 0 {
            s.push(("to".into(), "TO".into()));
            s.push((nouns[(i / 2) % 5].to_string(), "VB".into()));
        }
        s.push((".".into(), ".".into()));
        out.push(s);
    }
    out
}

fn write_word_tag(path: &Path, sents: &Sents) {
    let text: String = sents
        .iter()
        .map(|s| {
            let toks: Vec<String> = s.iter().map(|(w, t)| format!("{w}/{t}")).collect();
            toks.join(" ") + "\n"
        })
        .collect();
    std::fs::write(path, text).unwrap();
}

/// The library taggers, trained as `train-tagger` trains them (defaults:
/// cutoff 0, default tag NN, max rules 100, min score 2).
fn library_tagger(algorithm: &str, train: &Sents) -> Box<dyn Tagger> {
    match algorithm {
        "ngram" => Box::new(ngram_chain(train, 0, "NN")),
        "hmm" => Box::new(HiddenMarkovModelTagger::train(
            train,
            HmmEstimator::Lidstone(0.1),
        )),
        "brill" => Box::new(
            BrillTaggerTrainer::new(Box::new(ngram_chain(train, 0, "NN")), fntbl37())
                .train(train, 100, 2),
        ),
        _ => unreachable!(),
    }
}

/// Trains with the CLI, tags `test` with the CLI (jsonl, pre-tokenized),
/// and compares with the library tagger; then compares eval-tagger's
/// accuracy with the library's.
fn round_trip(train_file: &Path, train: &Sents, test_file: &Path, test: &Sents, dir: &Path) {
    for algorithm in ["ngram", "hmm", "brill"] {
        let model = dir.join(format!("{algorithm}.bin"));
        let (code, _, err) = run_nlkit(
            &[
                "train-tagger",
                "--algorithm",
                algorithm,
                "--train",
                train_file.to_str().unwrap(),
                "--column",
                "xpos",
                "-o",
                model.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(code, 0, "{algorithm}: {err}");
        let loaded = load_model(&model).unwrap();
        assert!(matches!(loaded, LoadedModel::Classic(_)));
        assert_eq!(loaded.meta().kind, algorithm);

        let lib = library_tagger(algorithm, train);
        let sents: Vec<Vec<&str>> = test
            .iter()
            .map(|s| s.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>())
            .filter(|s| s.iter().all(|w| !w.contains(char::is_whitespace)))
            .collect();
        let input: String = sents.iter().map(|s| s.join(" ") + "\n").collect();
        let (code, out, err) = run_nlkit(
            &[
                "tag",
                "--pretokenized",
                "--format",
                "jsonl",
                "--model",
                model.to_str().unwrap(),
            ],
            input.as_bytes(),
        );
        assert_eq!(code, 0, "{algorithm}: {err}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), sents.len());
        let mut n_tokens = 0;
        for (line, s) in lines.iter().zip(&sents) {
            let got: Vec<(String, String)> = serde_json::from_str(line).unwrap();
            let want = lib.tag(s);
            let got_tags: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
            assert_eq!(got_tags, want, "{algorithm}: {s:?}");
            assert_eq!(loaded.tag(s), want, "{algorithm} (load_model): {s:?}");
            n_tokens += s.len();
        }
        assert!(n_tokens > 0);

        let (code, out, err) = run_nlkit(
            &[
                "eval-tagger",
                "--model",
                model.to_str().unwrap(),
                "--test",
                test_file.to_str().unwrap(),
                "--format",
                "json",
            ],
            b"",
        );
        assert_eq!(code, 0, "{algorithm}: {err}");
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        let vocab: HashSet<&str> = train
            .iter()
            .flat_map(|s| s.iter().map(|(w, _)| w.as_str()))
            .collect();
        let ev = evaluate(&*lib, test, |w| vocab.contains(w)).unwrap();
        assert_eq!(v["accuracy"].as_f64().unwrap(), ev.accuracy, "{algorithm}");
        assert_eq!(v["correct"].as_u64().unwrap(), ev.correct, "{algorithm}");
        assert_eq!(
            v["known_tokens"].as_u64().unwrap(),
            ev.known_tokens,
            "{algorithm}"
        );
    }
}

#[test]
fn synthetic_corpus_round_trips_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let all = synthetic();
    let (train, test) = all.split_at(45);
    let (train, test) = (train.to_vec(), test.to_vec());
    let train_file = dir.path().join("train.txt");
    let test_file = dir.path().join("test.txt");
    write_word_tag(&train_file, &train);
    write_word_tag(&test_file, &test);
    round_trip(&train_file, &train, &test_file, &test, dir.path());
}

#[test]
fn en_ewt_slice_round_trips_through_the_cli() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let ud = data.join("ud/en_ewt");
    let dir = tempfile::tempdir().unwrap();
    let train = read_conllu(&ud.join("en_ewt-ud-train.conllu"), 300);
    let test = read_conllu(&ud.join("en_ewt-ud-dev.conllu"), 200);
    // the slices as files (the CLI reads CoNLL-U by extension)
    let slice = |src: &Path, n: usize, dst: &Path| {
        let text = std::fs::read_to_string(src).unwrap();
        let mut out = String::new();
        for block in text.split_inclusive("\n\n").take(n) {
            out.push_str(block);
        }
        std::fs::write(dst, out).unwrap();
    };
    let train_file = dir.path().join("train.conllu");
    let test_file = dir.path().join("dev.conllu");
    slice(&ud.join("en_ewt-ud-train.conllu"), 300, &train_file);
    slice(&ud.join("en_ewt-ud-dev.conllu"), 200, &test_file);
    assert_eq!(read_conllu(&train_file, usize::MAX), train);
    round_trip(&train_file, &train, &test_file, &test, dir.path());
}

fn tiny_classic() -> ClassicTagger {
    ClassicTagger::train_ngram(&synthetic(), 0, "NN").unwrap()
}

#[test]
fn every_classic_model_kind_round_trips_in_the_library() {
    let train = synthetic();
    let regexp = RegexpTagger::new(
        &[(r".*s$", "VBZ"), (r"^t", "DT")],
        Some(Box::new(nlkit::tag::classic::AffixTagger::train(
            &train,
            -2,
            1,
            0,
            Some(Box::new(nlkit::tag::classic::DefaultTagger::new("NN"))),
        ))),
    )
    .unwrap();
    let models = [
        regexp.to_model().unwrap(),
        ClassicTagger::train_hmm(&train, HmmEstimator::Mle)
            .unwrap()
            .model()
            .clone(),
    ];
    let words = ["the", "cats", "to", "book", "xyz", "."];
    for m in models {
        let kind = m.kind();
        let t = ClassicTagger::new(m.clone(), HashSet::new()).unwrap();
        let back = ClassicTagger::from_bytes(&t.to_bytes().unwrap()).unwrap();
        assert_eq!(back.model(), &m, "{kind}");
        assert_eq!(back.tag(&words), t.tag(&words), "{kind}");
    }
    assert_eq!(regexp.tag(&words), ["DT", "VBZ", "DT", "NN", "NN", "NN"]);
}

#[test]
fn truncated_classic_model_is_an_error_at_every_length() {
    let bytes = tiny_classic().to_bytes().unwrap();
    for n in 0..bytes.len() {
        let e = model_from_bytes(&bytes[..n]).err().unwrap().to_string();
        assert!(
            e.contains("truncated") || e.contains("bad magic"),
            "length {n}: {e}"
        );
    }
}

#[test]
fn corrupt_classic_model_is_an_error() {
    let mut bytes = tiny_classic().to_bytes().unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x5a;
    let e = model_from_bytes(&bytes).err().unwrap().to_string();
    assert!(e.contains("corrupt"), "{e}");
}

#[test]
fn classic_model_of_another_version_names_both_versions() {
    let mut bytes = tiny_classic().to_bytes().unwrap();
    bytes[8..12].copy_from_slice(&9u32.to_le_bytes());
    let e = model_from_bytes(&bytes).err().unwrap().to_string();
    assert!(
        e.contains("version 9") && e.contains("versions 1 to 3"),
        "{e}"
    );
}

#[test]
fn perceptron_and_classic_loaders_refuse_each_others_models() {
    let bytes = tiny_classic().to_bytes().unwrap();
    let e = nlkit::tag::PerceptronTagger::from_bytes(&bytes)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("`ngram`"), "{e}");
    let p = include_bytes!("../corpora/models/en_ewt_upos.bin");
    let e = ClassicTagger::from_bytes(p).err().unwrap().to_string();
    assert!(e.contains("perceptron"), "{e}");
    // the embedded perceptron models (no `kind` field) load as perceptrons
    assert!(matches!(
        model_from_bytes(p).unwrap(),
        LoadedModel::Perceptron(_)
    ));
}

#[test]
fn cli_bad_classic_models_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = tiny_classic().to_bytes().unwrap();
    let mut corrupt = good.clone();
    let last = corrupt.len() - 3;
    corrupt[last] ^= 0x5a;
    let mut other = good.clone();
    other[8..12].copy_from_slice(&9u32.to_le_bytes());
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("corrupt.bin", corrupt, "corrupt"),
        (
            "truncated.bin",
            good[..good.len() / 2].to_vec(),
            "truncated",
        ),
        ("v9.bin", other, "version 9"),
    ];
    for (name, bytes, want) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        for cmd in [
            vec!["tag", "--model", p.to_str().unwrap()],
            vec![
                "eval-tagger",
                "--model",
                p.to_str().unwrap(),
                "--test",
                p.to_str().unwrap(),
            ],
        ] {
            let (code, out, err) = run_nlkit(&cmd, b"a b\n");
            assert_eq!(code, 1, "{name}: {err}");
            assert!(out.is_empty(), "{name}: {out}");
            assert!(err.starts_with("nlkit: "), "{name}: {err}");
            assert!(err.contains(want), "{name}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        }
    }
}

#[test]
fn unknown_model_kind_is_an_error() {
    let t = tiny_classic();
    let mut meta = t.meta().clone();
    meta.kind = "crf".into();
    // rebuild the header with another kind: magic, version, metadata, body
    let bytes = t.to_bytes().unwrap();
    let n = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let json = serde_json::to_vec(&meta).unwrap();
    let mut out = bytes[..12].to_vec();
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&bytes[16 + n..]);
    let e = model_from_bytes(&out).err().unwrap().to_string();
    assert!(e.contains("unknown tagger model kind `crf`"), "{e}");
}

#[test]
fn hmm_or_brill_cannot_be_a_backoff() {
    let m = ClassicModel::Ngram {
        n: 1,
        table: vec![],
        backoff: Some(Box::new(ClassicModel::Hmm {
            states: vec![],
            symbols: vec![],
            priors: vec![],
            transitions: vec![],
            outputs: vec![],
            unseen: vec![],
        })),
    };
    let e = m.into_tagger().err().unwrap().to_string();
    assert!(e.contains("cannot be a backoff"), "{e}");
}
