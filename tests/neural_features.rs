//! Extra token features of the neural labeller (`LabellerConfig::features`,
//! `train-neural --features pos`) and the neural chunker (`nlkit chunk
//! --model DIR`): on synthetic chunking data whose words are all new at
//! test time, only the POS column tells the chunks, so a model that reads
//! it must be near perfect and far ahead of one that does not; featured
//! checkpoints round-trip, and bad feature input is refused clearly.
mod common;

use std::path::Path;

use common::run_nlkit;
use nlkit::chunk::{Chunker, NeuralChunker};
use nlkit::neural::labeller::{
    train_examples, Example, FeatureColumn, LabellerConfig, ModelInfo, SequenceLabeller,
    TrainConfig,
};
use nlkit::Error;

const CPU: candle_core::Device = candle_core::Device::Cpu;

/// A small deterministic generator (the sentences must not depend on the
/// platform).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    /// A lower-case pseudo-word of 3-7 letters.
    fn word(&mut self) -> String {
        let len = 3 + self.next(5);
        (0..len)
            .map(|_| (b'a' + self.next(26) as u8) as char)
            .collect()
    }
}

/// `n` sentences `DT JJ* NN VBD IN DT NN .` of fresh random words, with
/// their IOB chunks (NP, VP, PP).
fn synthetic(seed: u64, n: usize) -> Vec<Example> {
    let mut g = Lcg(seed);
    (0..n)
        .map(|_| {
            let mut rows: Vec<(String, &str, &str)> = Vec::new();
            let np = |g: &mut Lcg, rows: &mut Vec<(String, &str, &str)>| {
                rows.push((g.word(), "DT", "B-NP"));
                for _ in 0..g.next(3) {
                    rows.push((g.word(), "JJ", "I-NP"));
                }
                rows.push((g.word(), "NN", "I-NP"));
            };
            np(&mut g, &mut rows);
            rows.push((g.word(), "VBD", "B-VP"));
            rows.push((g.word(), "IN", "B-PP"));
            np(&mut g, &mut rows);
            rows.push((".".into(), ".", "O"));
            Example {
                words: rows.iter().map(|r| r.0.clone()).collect(),
                features: vec![rows.iter().map(|r| r.1.to_string()).collect()],
                labels: rows.iter().map(|r| r.2.to_string()).collect(),
            }
        })
        .collect()
}

fn config(pos: bool) -> LabellerConfig {
    let mut c = LabellerConfig::small();
    if pos {
        c.features.push(FeatureColumn {
            name: "pos".into(),
            dim: 8,
        });
    }
    c
}

fn train(data: &[Example], pos: bool) -> SequenceLabeller {
    let data: Vec<Example> = data
        .iter()
        .cloned()
        .map(|mut e| {
            if !pos {
                e.features.clear();
            }
            e
        })
        .collect();
    let opts = TrainConfig {
        epochs: 6,
        seed: 11,
        ..TrainConfig::default()
    };
    train_examples(
        &data,
        &[],
        &config(pos),
        &opts,
        ModelInfo::new("chunk"),
        &CPU,
    )
    .unwrap()
}

fn accuracy(m: &SequenceLabeller, data: &[Example], pos: bool) -> f64 {
    let words: Vec<Vec<&str>> = data
        .iter()
        .map(|e| e.words.iter().map(String::as_str).collect())
        .collect();
    let feats: Vec<Vec<Vec<String>>> = data
        .iter()
        .map(|e| if pos { e.features.clone() } else { Vec::new() })
        .collect();
    let pred = m.label_sents_with(&words, &feats).unwrap();
    let (mut ok, mut n) = (0, 0);
    for (e, p) in data.iter().zip(&pred) {
        n += e.labels.len();
        ok += e.labels.iter().zip(p).filter(|(g, p)| g == p).count();
    }
    ok as f64 / n as f64
}

#[test]
fn a_model_reading_pos_chunks_unseen_words() {
    let train_data = synthetic(1, 300);
    let test_data = synthetic(2, 100);
    let with = train(&train_data, true);
    let without = train(&train_data, false);
    let (a, b) = (
        accuracy(&with, &test_data, true),
        accuracy(&without, &test_data, false),
    );
    assert!(a >= 0.97, "with the POS column: {a}");
    assert!(a - b >= 0.1, "with POS {a}, without {b}");
    // the chunker gives the same chunks as the labels say
    let chunker = NeuralChunker::new(with).unwrap();
    let e = &test_data[0];
    let tagged: Vec<(&str, &str)> = e
        .words
        .iter()
        .zip(&e.features[0])
        .map(|(w, t)| (w.as_str(), t.as_str()))
        .collect();
    let tree = chunker.parse(&tagged).unwrap();
    assert_eq!(tree.label(), "S");
    assert!(tree
        .to_string()
        .starts_with(&format!("(S (NP {}/DT", e.words[0])));
    assert!(chunker.parse(&[]).unwrap().to_string() == "(S )");
}

#[test]
fn featured_checkpoints_round_trip_and_refuse_bad_input() {
    let data = synthetic(3, 60);
    let m = train(&data, true);
    let dir = tempfile::tempdir().unwrap();
    m.save(dir.path()).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("config.json")).unwrap()).unwrap();
    assert_eq!(json["version"], 2);
    let back = SequenceLabeller::load(dir.path(), &CPU).unwrap();
    assert_eq!(back.feature_columns(), m.feature_columns());
    let words = vec![data[0].words.clone()];
    let feats = vec![data[0].features.clone()];
    assert_eq!(
        back.label_sents_with(&words, &feats).unwrap(),
        m.label_sents_with(&words, &feats).unwrap()
    );
    // no columns, a short column, the wrong count of sentences
    let e = m.label_sents(&words).unwrap_err();
    assert!(
        e.to_string().contains("reads 1 feature column(s) [pos]"),
        "{e}"
    );
    let short = vec![vec![data[0].features[0][1..].to_vec()]];
    let e = m.label_sents_with(&words, &short).unwrap_err();
    assert!(e.to_string().contains("values of feature `pos`"), "{e}");
    assert!(m
        .label_sents_with(&words, &Vec::<Vec<Vec<String>>>::new())
        .is_err());
    // training data whose columns do not fit the configuration
    let no_cols: Vec<Example> = data
        .iter()
        .cloned()
        .map(|mut e| {
            e.features.clear();
            e
        })
        .collect();
    let opts = TrainConfig {
        epochs: 1,
        ..TrainConfig::default()
    };
    let e = train_examples(
        &no_cols,
        &[],
        &config(true),
        &opts,
        ModelInfo::new("x"),
        &CPU,
    )
    .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
    // edited checkpoints
    let edit = |name: &str, f: &dyn Fn(&mut serde_json::Value)| -> Error {
        let d = dir.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::copy(
            dir.path().join("model.safetensors"),
            d.join("model.safetensors"),
        )
        .unwrap();
        let mut v = json.clone();
        f(&mut v);
        std::fs::write(d.join("config.json"), serde_json::to_vec(&v).unwrap()).unwrap();
        SequenceLabeller::load(&d, &CPU).unwrap_err()
    };
    let e = edit("vocab", &|v| {
        v["features"][0].as_array_mut().unwrap().pop();
    });
    assert!(
        matches!(
            e,
            Error::ModelMismatch {
                part: "feature vocabulary",
                ..
            }
        ),
        "{e}"
    );
    let e = edit("columns", &|v| {
        v["features"].as_array_mut().unwrap().clear();
    });
    assert!(
        matches!(
            e,
            Error::ModelMismatch {
                part: "feature vocabulary",
                ..
            }
        ),
        "{e}"
    );
    let e = edit("v1", &|v| v["version"] = 1.into());
    assert!(matches!(e, Error::ModelMismatch { .. }), "{e}");
    let e = edit("v3", &|v| v["version"] = 3.into());
    assert!(matches!(e, Error::ModelVersion { found: 3, .. }), "{e}");
}

/// Writes examples as a CoNLL-2000 file (`word POS chunk`).
fn write_conll(path: &Path, data: &[Example]) {
    let mut s = String::new();
    for e in data {
        for ((w, p), c) in e.words.iter().zip(&e.features[0]).zip(&e.labels) {
            s += &format!("{w} {p} {c}\n");
        }
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn cli_trains_a_pos_reading_chunker_and_chunk_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let (train, dev, out) = (
        dir.path().join("train.txt"),
        dir.path().join("dev.txt"),
        dir.path().join("model"),
    );
    write_conll(&train, &synthetic(4, 200));
    write_conll(&dev, &synthetic(5, 40));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let (code, _, err) = run_nlkit(
        &[
            "train-neural",
            "--task",
            "chunk",
            "--train",
            &s(&train),
            "--dev",
            &s(&dev),
            "--features",
            "pos",
            "--feature-dim",
            "8",
            "--epochs",
            "4",
            "--hidden",
            "32",
            "--word-dim",
            "16",
            "--seed",
            "3",
            "-q",
            "-o",
            &s(&out),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    // chunk --model DIR reads word/TAG lines, as with the other chunkers
    let (code, text, err) = run_nlkit(
        &["chunk", "--model", &s(&out)],
        b"qzx/DT vlorp/JJ mib/NN tarsk/VBD ol/IN ep/DT wunt/NN ./.\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        text,
        "(S (NP qzx/DT vlorp/JJ mib/NN) (VP tarsk/VBD) (PP ol/IN) (NP ep/DT wunt/NN) ./.)\n"
    );
    // eval-ner takes the POS column from the gold file
    let (code, json, err) = run_nlkit(
        &[
            "eval-ner",
            "--model",
            &s(&out),
            &s(&dev),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["f1"].as_f64().unwrap() > 95.0, "{json}");
    // bad input: a column the format lacks; a featured model without its column
    let (code, _, err) = run_nlkit(
        &[
            "train-neural",
            "--task",
            "chunk",
            "--train",
            &s(&train),
            "--dev",
            &s(&dev),
            "--features",
            "xpos",
            "-q",
            "-o",
            &s(&dir.path().join("bad")),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("unknown feature column `xpos`"), "{err}");
    assert!(!dir.path().join("bad").exists());
    let (code, _, err) = run_nlkit(&["ner", "--model", &s(&out)], b"a b\n");
    assert_eq!(code, 1);
    assert!(err.contains("feature column"), "{err}");
}
