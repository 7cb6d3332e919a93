//! Neural models in the pipeline (`nlkit pipeline --tagger neural:DIR
//! --ner LANG|DIR`, `nlkit::pipeline::NeuralStage`): a tiny UPOS or Penn
//! Treebank labeller trained in seconds on a slice of UD English-EWT
//! replaces the matching perceptron and gives exactly its own labels; the
//! embedded CoNLL-2002 models add a `ner` column (JSONL) and `NER=` (CoNLL-U
//! MISC); bad folders and options fail with one clear message and no
//! output. The EWT tests skip without `../shared/data` (fail under CI).
mod common;

use std::path::{Path, PathBuf};

use common::{root, run_nlkit, shared_data};
use nlkit::neural::labeller::{
    train_labeller, LabellerConfig, ModelInfo, SequenceLabeller, Task, TrainConfig,
};
use nlkit::pipeline::{NeuralStage, Pipeline, SentenceRecord};

const CPU: candle_core::Device = candle_core::Device::Cpu;

const TEXT: &str = "The new rules take effect next week. I don't think they will help.\n\n\
                    She sold 300 shares of Apple on Monday.\n";

/// A tiny labeller for `task` trained on 300 EWT sentences, saved in `dir`.
fn tiny(task: Task, dir: &Path) -> Option<(SequenceLabeller, PathBuf)> {
    let path = shared_data()?.join("ud/en_ewt/en_ewt-ud-train.conllu");
    let all = task.read(&path).expect("read EWT");
    let opts = TrainConfig {
        epochs: 2,
        seed: 7,
        ..TrainConfig::default()
    };
    let info = ModelInfo::new(task.name());
    let m = train_labeller(
        &all[..300],
        &all[300..360],
        &LabellerConfig::small(),
        &opts,
        info,
        &CPU,
    )
    .expect("train");
    let out = dir.join(task.name());
    m.save(&out).expect("save");
    Some((m, out))
}

fn records(jsonl: &str) -> Vec<serde_json::Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn column(r: &serde_json::Value, name: &str) -> Vec<String> {
    r[name]
        .as_array()
        .unwrap_or_else(|| panic!("no column {name} in {r}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// `model`'s labels for each record, each paragraph's sentences labelled
/// in one batch as the pipeline does (batch shapes move float sums, so a
/// near tie may differ from labelling a sentence alone).
fn model_labels(model: &SequenceLabeller, recs: &[serde_json::Value]) -> Vec<Vec<String>> {
    let second = TEXT.find("She").unwrap() as u64;
    let mut out = Vec::new();
    for para in [false, true] {
        let sents: Vec<Vec<String>> = recs
            .iter()
            .filter(|r| (r["span"][0].as_u64().unwrap() >= second) == para)
            .map(|r| column(r, "tokens"))
            .collect();
        for labels in model.label_sents(&sents).unwrap() {
            out.push(labels.into_iter().map(String::from).collect());
        }
    }
    out
}

#[test]
fn neural_taggers_replace_the_perceptrons_column_by_column() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((upos, upos_dir)) = tiny(Task::Upos, tmp.path()) else {
        return;
    };
    let Some((xpos, xpos_dir)) = tiny(Task::Xpos, tmp.path()) else {
        return;
    };
    let (code, plain, err) = run_nlkit(&["pipeline"], TEXT.as_bytes());
    assert_eq!(code, 0, "{err}");
    let plain = records(&plain);

    // a UPOS model: `upos` is the model's, `tags` stays the perceptron's
    let arg = format!("neural:{}", upos_dir.display());
    let (code, out, err) = run_nlkit(&["pipeline", "--tagger", &arg], TEXT.as_bytes());
    assert_eq!(code, 0, "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), plain.len());
    let want = model_labels(&upos, &recs);
    for ((r, p), w) in recs.iter().zip(&plain).zip(&want) {
        assert_eq!(r["tokens"], p["tokens"]);
        assert_eq!(r["tags"], p["tags"]);
        assert_eq!(&column(r, "upos"), w);
    }

    // both models: `tags` from the XPOS model, `upos` from the UPOS model
    let xarg = format!("neural:{}", xpos_dir.display());
    let (code, out, err) = run_nlkit(
        &["pipeline", "--tagger", &xarg, "--tagger", &arg],
        TEXT.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let recs = records(&out);
    let (tags, upos_want) = (model_labels(&xpos, &recs), model_labels(&upos, &recs));
    for ((r, t), u) in recs.iter().zip(&tags).zip(&upos_want) {
        assert_eq!(&column(r, "tags"), t);
        assert_eq!(&column(r, "upos"), u);
    }

    // an XPOS model alone: the stacked UPOS perceptron reads its tags, as
    // the library's builder does
    let (code, out, err) = run_nlkit(&["pipeline", "--tagger", &xarg], TEXT.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lib = Pipeline::builder()
        .ud_text()
        .english_taggers_with(vec![NeuralStage::load(&xpos_dir).unwrap()])
        .unwrap();
    let mut want: Vec<SentenceRecord> = Vec::new();
    for para in TEXT.split("\n\n") {
        want.extend(lib.process("<stdin>", 0, para.trim_end()).unwrap());
    }
    let got = records(&out);
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(column(g, "tags"), w.tags.clone().unwrap());
        assert_eq!(column(g, "upos"), w.upos.clone().unwrap());
    }
    assert_eq!(lib.stage_names(), ["tags", "upos"]);

    // two models for one column, and models on the wrong flag
    let (code, out, err) = run_nlkit(
        &["pipeline", "--tagger", &arg, "--tagger", &arg],
        TEXT.as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("two pipeline stages write column `upos`"),
        "{err}"
    );
    let (code, out, err) = run_nlkit(
        &["pipeline", "--ner", upos_dir.to_str().unwrap()],
        TEXT.as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("not a named-entity model"), "{err}");
}

#[test]
fn embedded_ner_adds_an_entity_column() {
    let text = "Juan Pérez vive en Madrid.\n";
    let (code, out, err) = run_nlkit(&["pipeline", "--ner", "es"], text.as_bytes());
    assert_eq!(code, 0, "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let toks = column(&recs[0], "tokens");
    let model = nlkit::neural::labeller::embedded_ner("es", &CPU).unwrap();
    let want: Vec<String> = model
        .label(&toks)
        .unwrap()
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(column(&recs[0], "ner"), want);
    assert_eq!(&want[..2], ["B-PER", "I-PER"]);
    assert!(column(&recs[0], "tags").len() == toks.len());

    let (code, out, err) = run_nlkit(
        &["pipeline", "--ner", "es", "--format", "conllu"],
        text.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("TokenRange=0:4|NER=B-PER"), "{out}");
    assert!(out.contains("TokenRange=5:11|NER=I-PER"), "{out}");

    // a model folder works as the language name does
    let folder = root().join("corpora/models/ner-nl");
    let (code, by_dir, err) = run_nlkit(
        &["pipeline", "--ner", folder.to_str().unwrap()],
        text.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, by_lang, err) = run_nlkit(&["pipeline", "--ner", "nl"], text.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_dir, by_lang);
}

#[test]
fn bad_neural_options_fail_cleanly() {
    let text = b"The cat sat.\n";
    // no folder: usage error
    let (code, out, err) = run_nlkit(&["pipeline", "--tagger", "neural"], text);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("expected neural:DIR"), "{err}");
    // a missing folder
    let (code, out, err) = run_nlkit(&["pipeline", "--tagger", "neural:/no/such/dir"], text);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("nlkit: ") && err.contains("/no/such/dir"),
        "{err}"
    );
    // an unknown NER language
    let (code, out, err) = run_nlkit(&["pipeline", "--ner", "xx"], text);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("neither an embedded model (es, nl) nor a model folder"),
        "{err}"
    );
    // an NER model as a tagger
    let ner = format!("neural:{}", root().join("corpora/models/ner-es").display());
    let (code, out, err) = run_nlkit(&["pipeline", "--tagger", &ner], text);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("not an xpos or upos tagger"), "{err}");
    // a folder with a truncated checkpoint
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let src = root().join("corpora/models/ner-es");
    for f in std::fs::read_dir(&src).unwrap() {
        let f = f.unwrap().path();
        let bytes = std::fs::read(&f).unwrap();
        let keep = if f.extension().is_some_and(|e| e == "safetensors") {
            bytes.len() / 2
        } else {
            bytes.len()
        };
        std::fs::write(bad.join(f.file_name().unwrap()), &bytes[..keep]).unwrap();
    }
    let (code, out, err) = run_nlkit(&["pipeline", "--ner", bad.to_str().unwrap()], text);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.starts_with("nlkit: "), "{err}");
    // conflicts with --config and --encoder
    let (code, _, _) = run_nlkit(
        &["pipeline", "--tagger", "neural:x", "--encoder", "y"],
        text,
    );
    assert_eq!(code, 2);
}
