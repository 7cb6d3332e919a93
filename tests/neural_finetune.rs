//! Fine-tuning the pretrained encoder end to end (`nlkit::neural::
//! finetune_tagger`, `nlkit train-neural --encoder DIR`, `nlkit tag
//! --tagger neural:DIR`): one short epoch on a slice of UD English-EWT must
//! change the encoder's own weights (gradients reach every layer) and beat
//! the majority tag by far; the folder round-trips and refuses corrupt,
//! truncated or mismatched files. Needs the all-MiniLM-L6-v2 encoder
//! (`.encoder`, `$NLKIT_ENCODER`) and `../shared/data`: without them the
//! tests skip, except under CI.
mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{encoder_dir, run_nlkit, shared_data};
use nlkit::neural::labeller::{Labelled, ModelInfo, Task};
use nlkit::neural::{finetune_tagger, FineTuneConfig, FineTunedTagger};
use nlkit::Error;

/// 160 short training sentences of EWT train (UPOS) and the next 80.
fn slice() -> Option<(Vec<Labelled>, Vec<Labelled>)> {
    let path = shared_data()?.join("ud/en_ewt/en_ewt-ud-train.conllu");
    let all: Vec<Labelled> = Task::Upos
        .read(&path)
        .expect("read EWT")
        .into_iter()
        .filter(|(w, _)| w.len() <= 20)
        .collect();
    Some((all[..160].to_vec(), all[160..240].to_vec()))
}

/// The tuned model (trained once per test run) and its folder.
fn tuned() -> Option<&'static (FineTunedTagger, tempfile::TempDir, Vec<Labelled>)> {
    static M: OnceLock<Option<(FineTunedTagger, tempfile::TempDir, Vec<Labelled>)>> =
        OnceLock::new();
    M.get_or_init(|| {
        let enc = encoder_dir()?;
        let (train, dev) = slice()?;
        let out = tempfile::tempdir().unwrap();
        let opts = FineTuneConfig {
            epochs: 1,
            batch_size: 8,
            encoder_lr: 1e-4,
            head_lr: 5e-3,
            seed: 7,
            ..FineTuneConfig::default()
        };
        let m = finetune_tagger(
            &enc,
            &train,
            &dev,
            &opts,
            ModelInfo::new("upos"),
            out.path(),
        )
        .expect("fine-tune");
        Some((m, out, dev))
    })
    .as_ref()
}

/// The sentences' words, borrowed.
fn words_of(data: &[Labelled]) -> Vec<Vec<&str>> {
    data.iter()
        .map(|(w, _)| w.iter().map(String::as_str).collect())
        .collect()
}

fn accuracy(tags: &[Vec<&str>], gold: &[Labelled]) -> f64 {
    let (mut ok, mut n) = (0, 0);
    for (t, (_, g)) in tags.iter().zip(gold) {
        n += g.len();
        ok += t.iter().zip(g).filter(|(a, b)| *a == b).count();
    }
    ok as f64 / n as f64
}

#[test]
fn fine_tuning_changes_the_encoder_and_learns_the_tags() {
    let Some((m, dir, dev)) = tuned() else { return };
    let words = words_of(dev);
    let tags = m.tag_sents(&words).unwrap();
    let acc = accuracy(&tags, dev);
    // the majority tag (NOUN) of such a slice is about 17 %
    let mut counts = std::collections::HashMap::new();
    for (_, g) in dev {
        for t in g {
            *counts.entry(t.as_str()).or_insert(0usize) += 1;
        }
    }
    let n: usize = counts.values().sum();
    let majority = *counts.values().max().unwrap() as f64 / n as f64;
    assert!(acc > majority + 0.4, "accuracy {acc}, majority {majority}");
    assert_eq!(m.info().epochs, 1);
    assert!(m.info().dev_score.unwrap() > 50.0);
    // every layer of the encoder moved: the tuned weights differ from the
    // pretrained ones in the first and the last layer and in the embeddings
    let before = candle_core::safetensors::load(
        encoder_dir().unwrap().join("model.safetensors"),
        &candle_core::Device::Cpu,
    )
    .unwrap();
    let after = candle_core::safetensors::load(
        dir.path().join("model.safetensors"),
        &candle_core::Device::Cpu,
    )
    .unwrap();
    for name in [
        "embeddings.word_embeddings.weight",
        "encoder.layer.0.attention.self.query.weight",
        "encoder.layer.5.output.dense.weight",
        "encoder.layer.5.output.LayerNorm.weight",
    ] {
        let (a, b) = (&before[name], &after[name]);
        let diff = (a - b)
            .unwrap()
            .abs()
            .unwrap()
            .max_all()
            .unwrap()
            .to_scalar::<f32>()
            .unwrap();
        assert!(diff > 0.0, "{name} did not change");
    }
    // the folder reads back with the same tags, and through the CLI
    let back = FineTunedTagger::load(dir.path()).unwrap();
    assert_eq!(back.tag_sents(&words).unwrap(), tags);
    let line = words[0].join(" ");
    let (code, out, err) = run_nlkit(
        &[
            "tag",
            "--tagger",
            &format!("neural:{}", dir.path().display()),
            "--pretokenized",
        ],
        format!("{line}\n").as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let want: Vec<String> = words[0]
        .iter()
        .zip(&tags[0])
        .map(|(w, t)| format!("{w}/{t}"))
        .collect();
    assert_eq!(out.trim_end(), want.join(" "));
    assert!(m.tag_sents::<&str>(&[vec![]]).unwrap()[0].is_empty());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn fine_tuned_folders_refuse_bad_files() {
    let Some((_, dir, _)) = tuned() else { return };
    // a model without extra columns is still written as version 1
    let h: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("tagger.json")).unwrap()).unwrap();
    assert_eq!(h["version"], 1);
    assert!(h.get("features").is_none() && h.get("feature_vocabs").is_none());
    let tmp = tempfile::tempdir().unwrap();
    let copy = |name: &str| {
        let d = tmp.path().join(name);
        copy_dir(dir.path(), &d);
        d
    };
    let d = copy("head");
    let mut h = std::fs::read(d.join("head.safetensors")).unwrap();
    let last = h.len() - 1;
    h[last] ^= 1;
    std::fs::write(d.join("head.safetensors"), &h).unwrap();
    let e = FineTunedTagger::load(&d).unwrap_err();
    assert!(
        matches!(&e, Error::Model(m) if m.contains("corrupt")),
        "{e}"
    );
    let d = copy("truncated");
    let w = std::fs::read(d.join("model.safetensors")).unwrap();
    std::fs::write(d.join("model.safetensors"), &w[..w.len() / 2]).unwrap();
    let e = FineTunedTagger::load(&d).unwrap_err();
    assert!(
        matches!(&e, Error::Model(m) if m.contains("truncated")),
        "{e}"
    );
    let d = copy("missing");
    std::fs::remove_file(d.join("tokenizer.json")).unwrap();
    assert!(matches!(
        FineTunedTagger::load(&d).unwrap_err(),
        Error::Io { .. }
    ));
    let edit = |name: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let d = copy(name);
        let p = d.join("tagger.json");
        let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        f(&mut v);
        std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
        FineTunedTagger::load(&d).unwrap_err()
    };
    let e = edit("labels", &|v| {
        v["labels"].as_array_mut().unwrap().pop();
    });
    assert!(
        matches!(
            e,
            Error::ModelMismatch {
                part: "label set",
                ..
            }
        ),
        "{e}"
    );
    let e = edit("version", &|v| v["version"] = 9.into());
    assert!(matches!(e, Error::ModelVersion { found: 9, .. }), "{e}");
    let e = edit("format", &|v| v["format"] = "x".into());
    assert!(
        matches!(&e, Error::Model(m) if m.contains("not an nlkit fine-tuned tagger")),
        "{e}"
    );
}

#[test]
fn fine_tuning_refuses_bad_input() {
    let Some(enc) = encoder_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    let o = FineTuneConfig::default();
    let bad: Vec<Labelled> = vec![(vec!["a".into()], vec![])];
    let e = finetune_tagger(&enc, &bad, &[], &o, ModelInfo::new("x"), out.path()).unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
    let e = finetune_tagger(&enc, &[], &[], &o, ModelInfo::new("x"), out.path()).unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
    let data: Vec<Labelled> = vec![(vec!["a".into()], vec!["X".into()])];
    let e = finetune_tagger(
        Path::new("/no/such/encoder"),
        &data,
        &[],
        &o,
        ModelInfo::new("x"),
        out.path(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e}");
    let zero = FineTuneConfig {
        batch_size: 0,
        ..FineTuneConfig::default()
    };
    assert!(finetune_tagger(&enc, &data, &[], &zero, ModelInfo::new("x"), out.path()).is_err());
    assert!(!out.path().join("tagger.json").exists());
    // the CLI: an encoder folder without weights
    let empty = tempfile::tempdir().unwrap();
    for f in ["config.json", "tokenizer.json"] {
        std::fs::copy(enc.join(f), empty.path().join(f)).unwrap();
    }
    let (code, _, err) = run_nlkit(
        &[
            "tag",
            "--tagger",
            &format!("neural:{}", empty.path().display()),
        ],
        b"a\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("model.safetensors"), "{err}");
}

/// A fine-tuned folder is a model for every command that takes a labeller
/// folder: `AnyLabeller`, `nlkit ner --model`, `nlkit eval-ner --model`
/// (its token accuracy is the tags' accuracy), and `nlkit chunk --model`,
/// which refuses labels that are not IOB chunk tags with one message.
#[test]
fn fine_tuned_folders_serve_ner_eval_and_chunk_commands() {
    let Some((m, dir, dev)) = tuned() else { return };
    let words = words_of(dev);
    let tags = m.tag_sents(&words).unwrap();
    let any = nlkit::neural::AnyLabeller::load(dir.path(), &candle_core::Device::Cpu).unwrap();
    assert!(any.feature_columns().is_empty());
    assert_eq!(any.info().task, "upos");
    assert_eq!(any.label_sents(&words).unwrap(), tags);
    let d = dir.path().display().to_string();
    // `nlkit ner --model DIR --pretokenized --format jsonl`
    let input: String = words.iter().map(|w| w.join(" ") + "\n").collect();
    let (code, out, err) = run_nlkit(
        &["ner", "--model", &d, "--pretokenized", "--format", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let got: Vec<Vec<(String, String)>> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let want: Vec<Vec<(String, String)>> = words
        .iter()
        .zip(&tags)
        .map(|(w, t)| {
            w.iter()
                .zip(t)
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        })
        .collect();
    assert_eq!(got, want);
    // `nlkit eval-ner`: gold rows `word POS TAG`
    let gold = tempfile::NamedTempFile::new().unwrap();
    let mut text = String::new();
    for (w, g) in dev {
        for (a, b) in w.iter().zip(g) {
            text.push_str(&format!("{a} X {b}\n"));
        }
        text.push('\n');
    }
    std::fs::write(gold.path(), text).unwrap();
    let g = gold.path().display().to_string();
    let (code, out, err) = run_nlkit(&["eval-ner", "--model", &d, &g, "--format", "json"], b"");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let acc = v["accuracy"].as_f64().unwrap();
    assert!(
        (acc - 100.0 * accuracy(&tags, dev)).abs() < 1e-9,
        "{acc} vs {}",
        accuracy(&tags, dev)
    );
    // a GPU device for a fine-tuned encoder: refused, nothing written
    let (code, out, err) = run_nlkit(&["eval-ner", "--model", &d, &g, "--device", "cuda"], b"");
    assert_ne!(code, 0);
    assert!(out.is_empty() && err.lines().count() == 1, "{err}");
    // UPOS labels are not chunk tags: `nlkit chunk --model` fails cleanly
    let (code, out, err) = run_nlkit(&["chunk", "--model", &d], b"the/DT cat/NN sat/VBD\n");
    assert_eq!(code, 1, "{err}");
    assert!(
        out.is_empty() && err.starts_with("nlkit: ") && err.lines().count() == 1,
        "{err}"
    );
}
