//! The composable pipeline: pinned output on the bundled sample (the JSONL
//! and CoNLL-U that README documents, byte for byte as before the pipeline
//! became a list of stages), configs, a stage written outside the crate,
//! and failures that must end the run with one clear error.

mod common;

use common::{root, run_nlkit};
use nlkit::pipeline::{Pipeline, PipelineConfig, SentenceRecord, Stage};

fn sample() -> String {
    root()
        .join("corpora/samples/inaugural-2009.txt")
        .display()
        .to_string()
}

/// The golden files keep the doc name the CLI prints for this path.
fn golden(name: &str) -> String {
    let text = std::fs::read_to_string(root().join("tests/golden/pipeline").join(name)).unwrap();
    text.replace(
        "\"doc\":\"corpora/samples/inaugural-2009.txt\"",
        &format!("\"doc\":{}", serde_json::to_string(&sample()).unwrap()),
    )
    .replace(
        "# sent_id = corpora/samples/inaugural-2009.txt-",
        &format!("# sent_id = {}-", sample()),
    )
}

/// NLTK's sentence splitting and tokenization, as `nlkit pipeline` did by
/// default before the UD tokenizer and splitter.
const NLTK_MODE: [&str; 5] = ["pipeline", "--tokenizer", "word", "--sentences", "punkt"];

#[test]
fn pipeline_output_is_pinned_on_the_bundled_sample() {
    let nltk = |more: &[&'static str]| [&NLTK_MODE[..], more].concat();
    for (args, file) in [
        (nltk(&[]), "inaugural-2009.jsonl"),
        (nltk(&["--jobs", "2"]), "inaugural-2009.jsonl"),
        (nltk(&["--format", "conllu"]), "inaugural-2009.conllu"),
        (vec!["pipeline"], "inaugural-2009.ud.jsonl"),
        (vec!["pipeline", "--jobs", "2"], "inaugural-2009.ud.jsonl"),
        (
            vec!["pipeline", "--format", "conllu"],
            "inaugural-2009.ud.conllu",
        ),
    ] {
        let s = sample();
        let mut a = args.clone();
        a.push(&s);
        let (code, out, err) = run_nlkit(&a, b"");
        assert_eq!(code, 0, "{err}");
        assert!(
            out == golden(file),
            "{args:?}: output differs from tests/golden/pipeline/{file}"
        );
    }
}

#[test]
fn default_config_file_gives_the_default_output() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("p.json");
    std::fs::write(&cfg, PipelineConfig::default_english().to_json()).unwrap();
    let s = sample();
    let (code, out, err) = run_nlkit(&["pipeline", "--config", cfg.to_str().unwrap(), &s], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out == golden("inaugural-2009.ud.jsonl"));
    // a config that names no splitter or tokenizer gets NLTK's
    std::fs::write(
        &cfg,
        r#"{"format": "nlkit-pipeline", "version": 1, "stages": [
            {"type": "tag", "column": "tags", "model": "embedded:xpos"},
            {"type": "tag", "column": "upos", "model": "embedded:upos", "first_column": "tags"}]}"#,
    )
    .unwrap();
    let (code, out, err) = run_nlkit(&["pipeline", "--config", cfg.to_str().unwrap(), &s], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out == golden("inaugural-2009.jsonl"));
}

#[test]
fn config_with_other_columns_and_line_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("p.json");
    std::fs::write(
        &cfg,
        r#"{"format": "nlkit-pipeline", "version": 1, "sentences": {"type": "line"},
            "tokenizer": "whitespace",
            "stages": [{"type": "tag", "column": "pos", "model": "embedded:xpos"}]}"#,
    )
    .unwrap();
    let (code, out, err) = run_nlkit(
        &["pipeline", "--config", cfg.to_str().unwrap()],
        b"Dogs bark .\nCats sleep .\n",
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["pos"], serde_json::json!(["NNS", "VBP", "."]));
    assert!(lines[1].get("tags").is_none());
}

#[test]
fn bad_configs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (text, want) in [
        ("{not json", "bad.json: key must be a string"),
        (
            r#"{"format": "other", "version": 1}"#,
            "not an nlkit pipeline config",
        ),
        (
            r#"{"format": "nlkit-pipeline", "version": 9}"#,
            "version 9 is not supported",
        ),
        (
            r#"{"format": "nlkit-pipeline", "version": 1, "stagez": []}"#,
            "unknown field",
        ),
        (
            r#"{"format": "nlkit-pipeline", "version": 1, "stages": [{"type": "tag", "column": "upos", "model": "embedded:upos", "first_column": "tags"}]}"#,
            "which no earlier stage writes",
        ),
        (
            r#"{"format": "nlkit-pipeline", "version": 1, "stages": [{"type": "tag", "column": "t", "model": "/nonexistent/model.bin"}]}"#,
            "/nonexistent/model.bin",
        ),
        (
            r#"{"format": "nlkit-pipeline", "version": 1, "tokenizer": "nope"}"#,
            "unknown tokenizer",
        ),
    ] {
        let cfg = dir.path().join("bad.json");
        std::fs::write(&cfg, text).unwrap();
        let (code, out, err) = run_nlkit(&["pipeline", "--config", cfg.to_str().unwrap()], b"Hi.");
        assert_eq!(code, 1, "{text}: {err}");
        assert!(out.is_empty(), "{text}: wrote {out}");
        assert!(
            err.starts_with("nlkit: ") && err.contains(want),
            "{text}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    let (code, _, err) = run_nlkit(&["pipeline", "--config", "/nonexistent/p.json"], b"Hi.");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/p.json"), "{err}");
}

#[test]
fn bad_encoder_folder_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // an empty folder, then one with a truncated config
    let (code, out, err) = run_nlkit(
        &["pipeline", "--encoder", dir.path().to_str().unwrap()],
        b"Some text.",
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(
        err.starts_with("nlkit: ") && err.contains("config.json"),
        "{err}"
    );
    std::fs::write(dir.path().join("config.json"), "{\"hidden_si").unwrap();
    let (code, out, err) = run_nlkit(
        &["pipeline", "--encoder", dir.path().to_str().unwrap()],
        b"Some text.",
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("config.json"), "{err}");
}

/// A stage that fails on a word, as a model error would.
struct FailOn(&'static str);

impl Stage for FailOn {
    fn name(&self) -> &str {
        "failing"
    }
    fn process(&self, sents: &mut [SentenceRecord]) -> nlkit::Result<()> {
        for s in sents.iter() {
            if s.tokens.iter().any(|t| t == self.0) {
                return Err(nlkit::Error::Model(format!("cannot handle `{}`", self.0)));
            }
        }
        for s in sents {
            let n = s.tokens.len();
            s.set_column("failing", vec!["ok".into(); n]);
        }
        Ok(())
    }
}

#[test]
fn a_failing_stage_is_an_error_naming_it_never_empty_tags() {
    let p = Pipeline::default_english()
        .unwrap()
        .with_stage(Box::new(FailOn("boom")))
        .unwrap();
    let ok = p.process("d", 0, "All fine here.").unwrap();
    assert_eq!(ok[0].column("failing").unwrap(), ["ok"; 4]);
    let err = p.process("d", 0, "It went boom.").unwrap_err();
    assert!(matches!(err, nlkit::Error::Stage { ref stage, .. } if stage == "failing"));
    assert!(err
        .to_string()
        .contains("pipeline stage `failing`: cannot handle `boom`"));
}

#[test]
fn builder_refuses_duplicate_and_dangling_columns() {
    let t = nlkit::tag::default_english_xpos().unwrap();
    let e = Pipeline::builder()
        .tag("tags", Box::new(t))
        .tag("tags", Box::new(t))
        .build()
        .err()
        .unwrap();
    assert!(e
        .to_string()
        .contains("two pipeline stages write column `tags`"));
}

#[test]
fn spans_come_from_one_pass_and_index_the_text() {
    for p in [
        Pipeline::default_english().unwrap(),
        Pipeline::nltk_english().unwrap(),
    ] {
        check_spans(&p);
    }
}

fn check_spans(p: &Pipeline) {
    let text = "\"Quoted,\" she said. ''Odd`` quotes'' and  spaces.\n\nNext para.";
    let recs = p.process("d", 7, text).unwrap();
    for r in &recs {
        assert_eq!(r.tokens.len(), r.spans.len());
        for (t, &(s, e)) in r.tokens.iter().zip(&r.spans) {
            let piece = &text[(s - 7) as usize..(e - 7) as usize];
            // Treebank rewrites quotes; every other token is the text itself
            if !["``", "''", "\""].contains(&t.as_str()) {
                assert_eq!(piece, t);
            }
        }
    }
}

/// `--chunks` adds the embedded chunker's IOB tags: the same tags `nlkit
/// chunk --format iob` gives for the pipeline's own words and Penn tags,
/// after the other fields in JSONL, and as `Chunk=` in CoNLL-U's MISC.
#[test]
fn chunks_stage_matches_the_chunker_on_the_pipelines_tags() {
    let (code, out, err) = run_nlkit(&["pipeline", "--chunks", &sample()], b"");
    assert_eq!(code, 0, "{err}");
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(out.lines().next().unwrap().contains("\"upos\":[") && out.contains("],\"chunks\":[\""));
    let mut tagged = String::new();
    let mut want: Vec<String> = Vec::new();
    for r in &recs {
        let words = r["tokens"].as_array().unwrap();
        let tags = r["tags"].as_array().unwrap();
        let chunks = r["chunks"].as_array().unwrap();
        assert_eq!(chunks.len(), words.len());
        let line: Vec<String> = words
            .iter()
            .zip(tags)
            .map(|(w, t)| format!("{}/{}", w.as_str().unwrap(), t.as_str().unwrap()))
            .collect();
        tagged.push_str(&line.join(" "));
        tagged.push('\n');
        want.extend(chunks.iter().map(|c| c.as_str().unwrap().to_string()));
    }
    let (code, iob, err) = run_nlkit(&["chunk", "--format", "iob"], tagged.as_bytes());
    assert_eq!(code, 0, "{err}");
    let got: Vec<String> = iob
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
    assert!(want.iter().any(|c| c == "B-NP") && want.iter().any(|c| c.starts_with("I-")));
    // without --chunks the output is the golden one (no field added)
    let (_, plain, _) = run_nlkit(&["pipeline", &sample()], b"");
    assert!(!plain.contains("\"chunks\""));
    let (code, conllu, _) = run_nlkit(
        &["pipeline", "--chunks", "--format", "conllu", &sample()],
        b"",
    );
    assert_eq!(code, 0);
    let first = conllu.lines().nth(2).unwrap();
    assert!(first.ends_with(&format!("|Chunk={}", want[0])), "{first}");
    // a chunks stage needs Penn tags before it; a missing model file is an error
    let dir = tempfile::tempdir().unwrap();
    for (stages, msg) in [
        (r#"[{"type":"chunks"}]"#, "reads column `tags`"),
        (
            r#"[{"type":"tag","column":"tags"},{"type":"chunks","model":"/no/such/chunker.bin"}]"#,
            "/no/such/chunker.bin",
        ),
    ] {
        let cfg = dir.path().join("c.json");
        std::fs::write(
            &cfg,
            format!(r#"{{"format":"nlkit-pipeline","version":1,"stages":{stages}}}"#),
        )
        .unwrap();
        let (code, out, err) = run_nlkit(
            &["pipeline", "--config", cfg.to_str().unwrap()],
            b"A dog.\n",
        );
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        assert!(err.contains(msg) && err.lines().count() == 1, "{err}");
    }
}
