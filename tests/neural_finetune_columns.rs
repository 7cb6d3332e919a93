//! Fine-tuning with extra input columns (`nlkit::neural::finetune_examples`,
//! `nlkit train-neural --encoder DIR --features pos`): a short fine-tune on
//! a slice of CoNLL-2000 with the POS column; the folder records the column
//! and its vocabulary (version 2), round-trips through every loader
//! (`FineTunedTagger`, `AnyLabeller`, `NeuralChunker`, `nlkit eval-ner`,
//! `nlkit chunk`, the CLI's training), refuses input without the column
//! and headers that lose it, and reads a value never seen in training as
//! unknown. Needs the all-MiniLM-L6-v2 encoder (`.encoder`,
//! `$NLKIT_ENCODER`) and `.nltk_data`: without them the tests skip, except
//! under CI.
mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{encoder_dir, nltk_data, run_nlkit};
use nlkit::chunk::NeuralChunker;
use nlkit::neural::labeller::{Example, FeatureColumn, ModelInfo, Task};
use nlkit::neural::{finetune_examples, AnyLabeller, FineTuneConfig, FineTunedTagger};
use nlkit::Error;

/// CoNLL-2000's `train.txt` and `test.txt`.
fn conll2000() -> Option<(PathBuf, PathBuf)> {
    let d = nltk_data()?.join("corpora/conll2000");
    Some((d.join("train.txt"), d.join("test.txt")))
}

fn pos_column() -> Vec<FeatureColumn> {
    vec![FeatureColumn {
        name: "pos".into(),
        dim: 8,
    }]
}

/// 120 short training sentences of CoNLL-2000 train with their POS column,
/// and 40 of test.
fn slice() -> Option<(Vec<Example>, Vec<Example>)> {
    let (train, test) = conll2000()?;
    let short = |p: &Path, n: usize| -> Vec<Example> {
        Task::Chunk
            .read_examples(p, &["pos"])
            .expect("read CoNLL-2000")
            .into_iter()
            .filter(|e| e.words.len() <= 20)
            .take(n)
            .collect()
    };
    Some((short(&train, 120), short(&test, 40)))
}

/// The tuned model (trained once per test run), its folder and its dev
/// sentences.
fn tuned() -> Option<&'static (FineTunedTagger, tempfile::TempDir, Vec<Example>)> {
    static M: OnceLock<Option<(FineTunedTagger, tempfile::TempDir, Vec<Example>)>> =
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
            seed: 3,
            features: pos_column(),
            ..FineTuneConfig::default()
        };
        let m = finetune_examples(
            &enc,
            &train,
            &dev,
            &opts,
            ModelInfo::new("chunk"),
            out.path(),
        )
        .expect("fine-tune");
        Some((m, out, dev))
    })
    .as_ref()
}

fn words_of(data: &[Example]) -> Vec<Vec<&str>> {
    data.iter()
        .map(|e| e.words.iter().map(String::as_str).collect())
        .collect()
}

fn columns_of(data: &[Example]) -> Vec<&[Vec<String>]> {
    data.iter().map(|e| e.features.as_slice()).collect()
}

fn header(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("tagger.json")).unwrap()).unwrap()
}

#[test]
fn the_column_is_recorded_and_round_trips() {
    let Some((m, dir, dev)) = tuned() else { return };
    assert_eq!(m.feature_columns(), pos_column().as_slice());
    let h = header(dir.path());
    assert_eq!(h["version"], 2);
    assert_eq!(h["features"][0]["name"], "pos");
    let vocab: Vec<&str> = h["feature_vocabs"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(&vocab[..2], ["<pad>", "<unk>"]);
    assert!(vocab.contains(&"NN") && vocab.contains(&"DT"), "{vocab:?}");
    let words = words_of(dev);
    let cols = columns_of(dev);
    let tags = m.tag_sents_with(&words, &cols).unwrap();
    assert_eq!(tags.len(), dev.len());
    // a short tune on 120 sentences with POS tags already labels most
    // tokens right (the majority tag, I-NP, is about a third)
    let (mut ok, mut n) = (0usize, 0usize);
    for (t, e) in tags.iter().zip(dev) {
        assert_eq!(t.len(), e.words.len());
        n += t.len();
        ok += t.iter().zip(&e.labels).filter(|(a, b)| *a == b).count();
    }
    assert!(ok as f64 / n as f64 > 0.6, "{ok}/{n}");
    let back = FineTunedTagger::load(dir.path()).unwrap();
    assert_eq!(back.feature_columns(), m.feature_columns());
    assert_eq!(back.tag_sents_with(&words, &cols).unwrap(), tags);
    let any = AnyLabeller::load(dir.path(), &candle_core::Device::Cpu).unwrap();
    assert_eq!(any.feature_columns(), m.feature_columns());
    assert_eq!(any.label_sents_with(&words, &cols).unwrap(), tags);
    // the chunker passes each token's tag as the column
    let chunker = NeuralChunker::load(dir.path()).unwrap();
    let tagged: Vec<Vec<(&str, &str)>> = dev
        .iter()
        .map(|e| {
            e.words
                .iter()
                .zip(&e.features[0])
                .map(|(w, p)| (w.as_str(), p.as_str()))
                .collect()
        })
        .collect();
    let trees = chunker.parse_sents(&tagged).unwrap();
    for ((t, tree), e) in tags.iter().zip(&trees).zip(dev) {
        let rows = nlkit::chunk::tree2conlltags(tree).unwrap();
        let iob: Vec<&str> = rows.iter().map(|(_, _, c)| c.as_str()).collect();
        assert_eq!(&iob, t);
        assert_eq!(rows.len(), e.words.len());
    }
}

#[test]
fn the_commands_read_the_column_from_their_input() {
    let Some((m, dir, dev)) = tuned() else { return };
    let d = dir.path().display().to_string();
    let words = words_of(dev);
    let tags = m.tag_sents_with(&words, &columns_of(dev)).unwrap();
    // `nlkit eval-ner` takes the POS column of the gold file
    let gold = tempfile::NamedTempFile::new().unwrap();
    let mut text = String::new();
    for e in dev {
        for ((w, p), l) in e.words.iter().zip(&e.features[0]).zip(&e.labels) {
            text.push_str(&format!("{w} {p} {l}\n"));
        }
        text.push('\n');
    }
    std::fs::write(gold.path(), &text).unwrap();
    let g = gold.path().display().to_string();
    let (code, out, err) = run_nlkit(&["eval-ner", "--model", &d, &g, "--format", "json"], b"");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let (mut ok, mut n) = (0usize, 0usize);
    for (t, e) in tags.iter().zip(dev) {
        n += t.len();
        ok += t.iter().zip(&e.labels).filter(|(a, b)| *a == b).count();
    }
    let acc = v["accuracy"].as_f64().unwrap();
    assert!((acc - 100.0 * ok as f64 / n as f64).abs() < 1e-9, "{acc}");
    // `nlkit chunk --model DIR --format iob` on `word/TAG` lines
    let input: String = dev
        .iter()
        .map(|e| {
            let toks: Vec<String> = e
                .words
                .iter()
                .zip(&e.features[0])
                .map(|(w, p)| format!("{w}/{p}"))
                .collect();
            toks.join(" ") + "\n"
        })
        .collect();
    let (code, out, err) = run_nlkit(
        &["chunk", "--model", &d, "--format", "iob"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let got: Vec<&str> = out
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.rsplit(' ').next().unwrap())
        .collect();
    let want: Vec<&str> = tags.iter().flatten().copied().collect();
    assert_eq!(got, want);
}

#[test]
fn a_model_with_a_column_refuses_input_without_it() {
    let Some((m, dir, dev)) = tuned() else { return };
    let words = words_of(dev);
    let e = m.tag_sents(&words).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput(s) if s.contains("[pos]") && s.contains("0 given")),
        "{e}"
    );
    let any = AnyLabeller::load(dir.path(), &candle_core::Device::Cpu).unwrap();
    assert!(matches!(
        any.label_sents(&words).unwrap_err(),
        Error::InvalidInput(_)
    ));
    // a column one value short
    let mut short: Vec<Vec<Vec<&str>>> = dev
        .iter()
        .map(|e| vec![e.features[0].iter().map(String::as_str).collect()])
        .collect();
    short[0][0].pop();
    let e = m.tag_sents_with(&words, &short).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput(s) if s.contains("`pos`")),
        "{e}"
    );
    // `nlkit tag --tagger neural:DIR` has words only: one clear error
    let (code, out, err) = run_nlkit(
        &[
            "tag",
            "--tagger",
            &format!("neural:{}", dir.path().display()),
        ],
        b"the cat sat\n",
    );
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("pos"), "{err}");
}

#[test]
fn a_value_never_seen_in_training_reads_as_unknown() {
    let Some((m, _, dev)) = tuned() else { return };
    let words = words_of(&dev[..3]);
    let with = |v: &str| -> Vec<Vec<Vec<String>>> {
        dev[..3]
            .iter()
            .map(|e| vec![vec![v.to_string(); e.words.len()]])
            .collect()
    };
    let a = m.tag_sents_with(&words, &with("NEVER-SEEN")).unwrap();
    let b = m.tag_sents_with(&words, &with("ALSO-UNSEEN")).unwrap();
    assert_eq!(a, b);
    for (t, w) in a.iter().zip(&words) {
        assert_eq!(t.len(), w.len());
    }
    // a known value is read through its own row
    let known = m.tag_sents_with(&words, &with("NN")).unwrap();
    assert_eq!(known.len(), a.len());
}

#[test]
fn headers_that_lose_the_column_are_refused() {
    let Some((_, dir, _)) = tuned() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let edit = |name: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let d = tmp.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        for e in std::fs::read_dir(dir.path()).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), d.join(e.file_name())).unwrap();
        }
        let mut v = header(&d);
        f(&mut v);
        std::fs::write(d.join("tagger.json"), serde_json::to_vec(&v).unwrap()).unwrap();
        FineTunedTagger::load(&d).unwrap_err()
    };
    let part = |e: &Error| match e {
        Error::ModelMismatch { part, .. } => *part,
        _ => "",
    };
    // version 1 has no columns
    let e = edit("v1", &|v| v["version"] = 1.into());
    assert_eq!(part(&e), "feature vocabulary", "{e}");
    // the column without its vocabulary
    let e = edit("novocab", &|v| {
        v.as_object_mut().unwrap().remove("feature_vocabs");
    });
    assert_eq!(part(&e), "feature vocabulary", "{e}");
    // no column: the head is wider than the encoder's state
    let e = edit("nocolumn", &|v| {
        let o = v.as_object_mut().unwrap();
        o.remove("features");
        o.remove("feature_vocabs");
    });
    assert_eq!(part(&e), "label set", "{e}");
    // a vocabulary of another size than the table
    let e = edit("vocab", &|v| {
        v["feature_vocabs"][0]
            .as_array_mut()
            .unwrap()
            .push("NEW".into())
    });
    assert_eq!(part(&e), "feature vocabulary", "{e}");
}

#[test]
fn fine_tuning_refuses_examples_without_the_columns() {
    let Some(enc) = encoder_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    let s = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let bare = vec![Example {
        words: s(&["the", "cat"]),
        features: vec![],
        labels: s(&["B-NP", "I-NP"]),
    }];
    let opts = FineTuneConfig {
        features: pos_column(),
        ..FineTuneConfig::default()
    };
    let e = finetune_examples(&enc, &bare, &[], &opts, ModelInfo::new("chunk"), out.path())
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
    let zero = FineTuneConfig {
        features: vec![FeatureColumn {
            name: "pos".into(),
            dim: 0,
        }],
        ..FineTuneConfig::default()
    };
    let with = vec![Example {
        features: vec![s(&["DT", "NN"])],
        ..bare[0].clone()
    }];
    let e = finetune_examples(&enc, &with, &[], &zero, ModelInfo::new("chunk"), out.path())
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
    assert!(!out.path().join("tagger.json").exists());
}

/// `nlkit train-neural --encoder DIR --features pos` writes a model that
/// reads the column (one epoch on a few sentences).
#[test]
fn the_cli_fine_tunes_with_the_pos_column() {
    let (Some(enc), Some((train, _))) = (encoder_dir(), conll2000()) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("m");
    // the first 16 sentences, for training and dev
    let text = std::fs::read_to_string(&train).unwrap();
    let few: Vec<&str> = text.split("\n\n").take(16).collect();
    let train = out.path().join("few.txt");
    std::fs::write(&train, few.join("\n\n") + "\n\n").unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "train-neural",
            "--task",
            "chunk",
            "--encoder",
            &enc.display().to_string(),
            "--train",
            &train.display().to_string(),
            "--dev",
            &train.display().to_string(),
            "--epochs",
            "1",
            "--features",
            "pos",
            "--feature-dim",
            "4",
            "--quiet",
            "-o",
            &o.display().to_string(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let m = FineTunedTagger::load(&o).unwrap();
    assert_eq!(
        m.feature_columns(),
        [FeatureColumn {
            name: "pos".into(),
            dim: 4
        }]
    );
}

/// Raw text: in the pipeline the model's `pos` column is the `tags`
/// column nlkit's Penn Treebank perceptron writes.
#[test]
fn in_the_pipeline_the_column_comes_from_the_penn_tagger() {
    use nlkit::pipeline::{NeuralStage, Pipeline};
    let Some((m, dir, _)) = tuned() else { return };
    let stage = NeuralStage::load(dir.path()).unwrap();
    assert_eq!(stage.column(), "chunks");
    let p = Pipeline::builder()
        .ud_text()
        .english_taggers_with(vec![stage])
        .unwrap();
    let recs = p
        .process(
            "<t>",
            0,
            "The new rules take effect next week. She sold 300 shares.",
        )
        .unwrap();
    assert_eq!(recs.len(), 2);
    for r in &recs {
        let tags = r.column("tags").unwrap();
        let chunks = r.column("chunks").unwrap();
        let want = m
            .tag_sents_with(&[r.words()], &[vec![tags.to_vec()]])
            .unwrap();
        assert_eq!(chunks, want[0].as_slice());
    }
}
