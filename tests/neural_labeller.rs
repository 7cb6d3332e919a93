//! The neural sequence labeller (`nlkit::neural::labeller`, `nlkit
//! train-neural`, `nlkit ner`, `nlkit eval-ner`, `nlkit tag --tagger
//! neural:DIR`): a tiny model trained in seconds on a slice of UD
//! English-EWT must beat the majority-label baseline by a wide margin; its
//! checkpoint must round-trip and refuse corrupt, truncated or mismatched
//! files; and the CLI must train and run a model on a small synthetic NER
//! set. The EWT tests skip without `../shared/data` (fail under CI).
mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{run_nlkit, shared_data};
use nlkit::neural::labeller::{
    train_labeller, Labelled, LabellerConfig, ModelInfo, SequenceLabeller, Task, TrainConfig,
};
use nlkit::Error;

const CPU: candle_core::Device = candle_core::Device::Cpu;

/// The first `train` and the next `dev` sentences of EWT train (UPOS).
fn ewt_slice() -> Option<(Vec<Labelled>, Vec<Labelled>)> {
    static DATA: OnceLock<Option<(Vec<Labelled>, Vec<Labelled>)>> = OnceLock::new();
    DATA.get_or_init(|| {
        let path = shared_data()?.join("ud/en_ewt/en_ewt-ud-train.conllu");
        let all = Task::Upos.read(&path).expect("read EWT");
        Some((all[..600].to_vec(), all[600..900].to_vec()))
    })
    .clone()
}

/// A tiny model trained on the EWT slice (once per test run).
fn tiny() -> Option<&'static (SequenceLabeller, Vec<Labelled>)> {
    static MODEL: OnceLock<Option<(SequenceLabeller, Vec<Labelled>)>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let (train, dev) = ewt_slice()?;
            let opts = TrainConfig {
                epochs: 6,
                seed: 3,
                ..TrainConfig::default()
            };
            let m = train_labeller(
                &train,
                &dev,
                &LabellerConfig::small(),
                &opts,
                ModelInfo::new("upos"),
                &CPU,
            )
            .expect("train");
            Some((m, dev))
        })
        .as_ref()
}

fn accuracy(m: &SequenceLabeller, data: &[Labelled]) -> f64 {
    let words: Vec<Vec<&str>> = data
        .iter()
        .map(|(w, _)| w.iter().map(String::as_str).collect())
        .collect();
    let pred = m.label_sents(&words).expect("label");
    let (mut ok, mut n) = (0, 0);
    for ((_, g), p) in data.iter().zip(&pred) {
        assert_eq!(g.len(), p.len());
        n += g.len();
        ok += g.iter().zip(p).filter(|(g, p)| g.as_str() == **p).count();
    }
    ok as f64 / n as f64
}

#[test]
fn tiny_model_beats_the_majority_label_by_far() {
    let Some((m, dev)) = tiny() else { return };
    let (train, _) = ewt_slice().unwrap();
    let mut counts = std::collections::HashMap::new();
    for (_, l) in &train {
        for t in l {
            *counts.entry(t.clone()).or_insert(0usize) += 1;
        }
    }
    let majority = counts.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
    let n: usize = dev.iter().map(|(w, _)| w.len()).sum();
    let base = dev
        .iter()
        .flat_map(|(_, l)| l)
        .filter(|t| **t == majority)
        .count() as f64
        / n as f64;
    let acc = accuracy(m, dev);
    eprintln!("dev accuracy {acc:.4}, majority ({majority}) {base:.4}");
    assert!(
        acc > base + 0.4,
        "accuracy {acc} vs majority baseline {base}"
    );
    assert!(m.info().dev_score.is_some());
}

#[test]
fn save_and_load_give_identical_labels() {
    let Some((m, dev)) = tiny() else { return };
    let dir = tempfile::tempdir().unwrap();
    m.save(dir.path()).unwrap();
    let back = SequenceLabeller::load(dir.path(), &CPU).unwrap();
    let words: Vec<Vec<&str>> = dev
        .iter()
        .map(|(w, _)| w.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        m.label_sents(&words).unwrap(),
        back.label_sents(&words).unwrap()
    );
    assert_eq!(back.labels(), m.labels());
    assert_eq!(back.info(), m.info());
}

#[test]
fn empty_and_very_long_sentences() {
    let Some((m, _)) = tiny() else { return };
    assert!(m.label::<&str>(&[]).unwrap().is_empty());
    let got = m
        .label_sents(&[vec![], vec!["The", "dog"], vec![]])
        .unwrap();
    assert_eq!(got.iter().map(Vec::len).collect::<Vec<_>>(), [0, 2, 0]);
    let long: Vec<String> = (0..5000)
        .map(|i| ["the", "dog", "barks", ",", "and"][i % 5].to_string())
        .collect();
    let tags = m.label(&long).unwrap();
    assert_eq!(tags.len(), 5000);
    assert!(tags.iter().all(|t| m.labels().iter().any(|l| l == t)));
}

/// A small synthetic NER set: names and cities in fixed frames.
fn synthetic_ner() -> String {
    let names = [
        "Ana", "Luis", "Marta", "Pedro", "Sofía", "Jorge", "Elena", "Pablo",
    ];
    let cities = [
        "Madrid", "Lima", "Bogotá", "Quito", "Sevilla", "Toledo", "Cuzco",
    ];
    let mut s = String::new();
    for i in 0..160 {
        let n = names[i % names.len()];
        let c = cities[(i * 3) % cities.len()];
        let row = |w: &str, t: &str| format!("{w} X {t}\n");
        if i % 2 == 0 {
            s += &(row(n, "B-PER")
                + &row("vive", "O")
                + &row("en", "O")
                + &row(c, "B-LOC")
                + &row(".", "O"));
        } else {
            s += &(row("En", "O")
                + &row(c, "B-LOC")
                + &row("trabaja", "O")
                + &row(n, "B-PER")
                + &row("Ruiz", "I-PER")
                + &row(".", "O"));
        }
        s.push('\n');
    }
    s
}

fn train_small(dir: &Path, data: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("train.txt"), data).unwrap();
    let out = dir.join("model");
    let (code, _, err) = run_nlkit(
        &[
            "train-neural",
            "--task",
            "ner",
            "--train",
            dir.join("train.txt").to_str().unwrap(),
            "--dev",
            dir.join("train.txt").to_str().unwrap(),
            "--epochs",
            "8",
            "--hidden",
            "32",
            "--word-dim",
            "16",
            "--seed",
            "5",
            "-q",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    out
}

fn load_err(dir: &Path) -> Error {
    SequenceLabeller::load(dir, &CPU).unwrap_err()
}

#[test]
fn cli_trains_tags_and_scores_ner_and_checkpoints_refuse_bad_files() {
    let tmp = tempfile::tempdir().unwrap();
    let model = train_small(tmp.path(), &synthetic_ner());
    let m = model.to_str().unwrap();

    let (code, out, err) = run_nlkit(
        &["ner", "--model", m, "--pretokenized", "--format", "jsonl"],
        "Marta vive en Lima .\n\n".as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!([
            ["Marta", "B-PER"],
            ["vive", "O"],
            ["en", "O"],
            ["Lima", "B-LOC"],
            [".", "O"]
        ])
    );
    assert_eq!(lines[1], serde_json::json!([]));
    let (code, out, _) = run_nlkit(
        &["ner", "--model", m, "--format", "conll"],
        "En Quito trabaja Pablo Ruiz.\n".as_bytes(),
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("Quito B-LOC\n") && out.contains("Ruiz I-PER\n"),
        "{out}"
    );

    let gold = tmp.path().join("train.txt");
    let (code, out, err) = run_nlkit(
        &[
            "eval-ner",
            "--model",
            m,
            gold.to_str().unwrap(),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["f1"].as_f64().unwrap() > 95.0, "{v}");
    assert_eq!(v["gold"].as_u64(), Some(320));

    let (code, out, err) = run_nlkit(
        &["tag", "--tagger", &format!("neural:{m}"), "--pretokenized"],
        b"Pedro vive en Cuzco\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Pedro/B-PER vive/O en/O Cuzco/B-LOC");

    // the same data, options and seed give the same weights
    let again = tempfile::tempdir().unwrap();
    let model2 = train_small(again.path(), &synthetic_ner());
    assert_eq!(
        std::fs::read(model.join("model.safetensors")).unwrap(),
        std::fs::read(model2.join("model.safetensors")).unwrap()
    );

    // bad checkpoints: each a clear, typed error
    let copy = |name: &str| {
        let d = tmp.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        for f in ["model.safetensors", "config.json"] {
            std::fs::copy(model.join(f), d.join(f)).unwrap();
        }
        d
    };
    let edit_config = |d: &Path, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("config.json")).unwrap()).unwrap();
        f(&mut v);
        std::fs::write(d.join("config.json"), serde_json::to_vec(&v).unwrap()).unwrap();
    };
    let d = copy("flipped");
    let mut w = std::fs::read(d.join("model.safetensors")).unwrap();
    let mid = w.len() / 2;
    w[mid] ^= 0x40;
    std::fs::write(d.join("model.safetensors"), &w).unwrap();
    assert!(matches!(load_err(&d), Error::Model(m) if m.contains("corrupt")));
    let d = copy("truncated");
    std::fs::write(d.join("model.safetensors"), &w[..mid]).unwrap();
    assert!(matches!(load_err(&d), Error::Model(m) if m.contains("truncated")));
    let d = copy("missing");
    std::fs::remove_file(d.join("model.safetensors")).unwrap();
    assert!(matches!(load_err(&d), Error::Io { .. }));
    let d = copy("notjson");
    std::fs::write(d.join("config.json"), b"{\"format\": ").unwrap();
    assert!(matches!(load_err(&d), Error::Json { .. }));
    let d = copy("version");
    edit_config(&d, &|v| v["version"] = 3.into());
    assert!(matches!(load_err(&d), Error::ModelVersion { found: 3, .. }));
    let d = copy("format");
    edit_config(&d, &|v| v["format"] = "something-else".into());
    assert!(matches!(load_err(&d), Error::Model(_)));
    let d = copy("vocab");
    edit_config(&d, &|v| {
        v["words"].as_array_mut().unwrap().pop();
    });
    assert!(matches!(
        load_err(&d),
        Error::ModelMismatch {
            part: "word vocabulary",
            ..
        }
    ));
    let d = copy("labels");
    edit_config(&d, &|v| {
        v["labels"].as_array_mut().unwrap().push("B-ORG".into())
    });
    assert!(matches!(
        load_err(&d),
        Error::ModelMismatch {
            part: "label set",
            ..
        }
    ));
    let d = copy("dup");
    edit_config(&d, &|v| {
        let first = v["labels"][0].clone();
        v["labels"].as_array_mut().unwrap()[1] = first;
    });
    assert!(matches!(load_err(&d), Error::Model(_)));
    let d = copy("hyper");
    edit_config(&d, &|v| v["config"]["char_filters"] = 7.into());
    assert!(matches!(
        load_err(&d),
        Error::ModelMismatch {
            part: "hyper-parameters",
            ..
        }
    ));
    // the CLI reports it in one line and exits 1
    let (code, _, err) = run_nlkit(&["ner", "--model", d.to_str().unwrap()], b"x\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("does not match"),
        "{err}"
    );
}

#[test]
fn cli_bad_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.txt");
    std::fs::write(&bad, "a X O\nb O\n").unwrap();
    let b = bad.to_str().unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "train-neural",
            "--task",
            "ner",
            "--train",
            b,
            "--dev",
            b,
            "-o",
            "x",
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("bad.txt:2"), "{err}");
    let (code, _, err) = run_nlkit(
        &[
            "train-neural",
            "--task",
            "upos",
            "--train",
            b,
            "--dev",
            b,
            "-o",
            "x",
        ],
        b"",
    );
    assert_eq!(code, 1, "{err}");
    std::fs::write(&bad, b"a X \xff\n").unwrap();
    let (code, _, err) = run_nlkit(
        &["eval-ner", "--model", tmp.path().to_str().unwrap(), b],
        b"",
    );
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = run_nlkit(&["ner", "--model", "/no/such/model"], b"x\n");
    assert_eq!(code, 1);
    assert!(err.contains("config.json"), "{err}");
    let (code, _, err) = run_nlkit(&["ner", "--model", ".", "--device", "tpu"], b"x\n");
    assert_eq!(code, 1);
    assert!(err.contains("unknown device"), "{err}");
    #[cfg(not(feature = "cuda"))]
    {
        let (code, _, err) = run_nlkit(&["ner", "--model", ".", "--device", "cuda:0"], b"x\n");
        assert_eq!(code, 1);
        assert!(err.contains("without CUDA"), "{err}");
    }
    let (code, _, _) = run_nlkit(&["train-neural", "--task", "lemma"], b"");
    assert_eq!(code, 2);
    // training data whose words and labels disagree is refused by the library
    let data = vec![(vec!["a".to_string()], vec![])];
    let e = train_labeller(
        &data,
        &[],
        &LabellerConfig::small(),
        &TrainConfig::default(),
        ModelInfo::new("x"),
        &CPU,
    )
    .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)));
    assert!(train_labeller(
        &[],
        &[],
        &LabellerConfig::small(),
        &TrainConfig::default(),
        ModelInfo::new("x"),
        &CPU
    )
    .is_err());
}

/// `nlkit ner --lang es|nl` runs the embedded models: the same labels as
/// the shipped folders under `corpora/models/`, real entities found, and
/// a clear error for another language or no model at all.
#[test]
fn embedded_ner_models_equal_the_shipped_folders() {
    let text = "El presidente Juan Pérez visitó Madrid con la ONU .\n\
                La Comisión Europea abrió una oficina en Barcelona el lunes .\n\
                \n\
                Jan Peeters woont in Amsterdam en werkt voor Philips .\n";
    for lang in ["es", "nl"] {
        let dir = common::root().join(format!("corpora/models/ner-{lang}"));
        let (code, embedded, err) = run_nlkit(
            &["ner", "--lang", lang, "--pretokenized", "--format", "jsonl"],
            text.as_bytes(),
        );
        assert_eq!(code, 0, "{err}");
        let (code, folder, err) = run_nlkit(
            &[
                "ner",
                "--model",
                dir.to_str().unwrap(),
                "--pretokenized",
                "--format",
                "jsonl",
            ],
            text.as_bytes(),
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(embedded, folder, "{lang}");
        assert_eq!(embedded.lines().count(), 4);
        let m = nlkit::neural::labeller::embedded_ner(lang, &CPU).unwrap();
        let from_dir = SequenceLabeller::load(&dir, &CPU).unwrap();
        assert_eq!(m.labels(), from_dir.labels());
        assert_eq!(m.info(), from_dir.info());
    }
    let (_, es, _) = run_nlkit(&["ner", "--lang", "es", "--pretokenized"], text.as_bytes());
    assert!(es.contains("Juan/B-PER Pérez/I-PER"), "{es}");
    assert!(es.contains("Madrid/B-LOC"), "{es}");
    let (code, _, err) = run_nlkit(&["ner", "--lang", "xx"], b"x\n");
    assert_eq!(code, 1);
    assert!(err.contains("unknown NER language `xx`"), "{err}");
    let (code, _, err) = run_nlkit(&["ner"], b"x\n");
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run_nlkit(&["ner", "--lang", "es", "--model", "."], b"x\n");
    assert_eq!(code, 2, "{err}");
}
