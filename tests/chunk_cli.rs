//! `nlkit chunk` and the trained chunkers: input layouts, output formats,
//! the perceptron trainer on a small slice, and bad input (malformed rules,
//! bad word/TAG lines, empty sentences, corrupt models).

mod common;

use common::run_nlkit;
use nlkit::chunk::{
    chunked_sent_from_iob, default_chunker, ChunkModelMeta, ChunkScore, Chunker, PerceptronChunker,
    PerceptronChunkerTrainer, RegexpParser, CONLL2000_CHUNK_TYPES,
};

type Rows = Vec<(String, String, String)>;

fn rows(name: &str) -> Vec<Rows> {
    let p = common::root().join("tests/parity/chunk").join(name);
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Vec<(String, String, String)>>(l).unwrap())
        .collect()
}

fn grammar_file(dir: &std::path::Path, text: &str) -> String {
    let p = dir.join("g.txt");
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn grammar_chunks_word_tag_lines() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(dir.path(), "NP: {<DT>?<JJ>*<NN>}\n");
    let (code, out, err) = run_nlkit(
        &["chunk", "--grammar", &g],
        b"the/DT little/JJ cat/NN sat/VBD\n\n1/2/CD a/DT b/NN\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "(S (NP the/DT little/JJ cat/NN) sat/VBD)\n(S )\n(S 1/2/CD (NP a/DT b/NN))\n"
    );
    let (code, out, _) = run_nlkit(
        &["chunk", "--grammar", &g, "--format", "iob"],
        b"the/DT cat/NN sat/VBD\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "the DT B-NP\ncat NN I-NP\nsat VBD O\n\n");
    let (code, out, _) = run_nlkit(
        &["chunk", "--grammar", &g, "--format", "jsonl"],
        b"x/VBD the/DT cat/NN\n",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["tree"], "(S x/VBD (NP the/DT cat/NN))");
    assert_eq!(v["chunks"][0]["start"], 1);
    assert_eq!(v["chunks"][0]["end"], 3);
}

#[test]
fn conll_input_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(dir.path(), "NP: {<DT><NN>}");
    let input = b"\nthe DT B-NP\ncat NN I-NP\n\n\nsat VBD B-VP\n";
    let (code, out, err) = run_nlkit(&["chunk", "--grammar", &g], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "(S (NP the/DT cat/NN))\n(S sat/VBD)\n");
    let (code, out, _) = run_nlkit(
        &["chunk", "--grammar", &g, "--input-format", "iob"],
        b"a DT\nb NN\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "(S (NP a/DT b/NN))\n");
}

#[test]
fn default_model_chunks_all_types() {
    let (code, out, err) = run_nlkit(&["chunk"], b"He/PRP reckons/VBZ the/DT current/JJ account/NN deficit/NN will/MD narrow/VB to/TO only/RB #/# 1.8/CD billion/CD in/IN September/NNP ./.\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "(S (NP He/PRP) (VP reckons/VBZ) (NP the/DT current/JJ account/NN deficit/NN) (VP will/MD narrow/VB) (PP to/TO) (NP only/RB #/# 1.8/CD billion/CD) (PP in/IN) (NP September/NNP) ./.)\n"
    );
}

#[test]
fn bad_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // Malformed rule.
    let g = grammar_file(dir.path(), "NP: {<DT>?<NN>\n");
    let (code, _, err) = run_nlkit(&["chunk", "--grammar", &g], b"a/DT\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("Illegal chunk pattern: {<DT>?<NN>"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // Rules before a stage label.
    let g = grammar_file(dir.path(), "{<DT>}\n");
    let (code, _, err) = run_nlkit(&["chunk", "--grammar", &g], b"a/DT\n");
    assert_eq!(code, 1);
    assert!(err.contains("Expected stage marker (eg NP:)"), "{err}");
    // A token without /TAG, reported with its line.
    let g = grammar_file(dir.path(), "NP: {<NN>}\n");
    let (code, _, err) = run_nlkit(&["chunk", "--grammar", &g], b"a/DT\nthe/DT cat\n");
    assert_eq!(code, 1);
    assert!(err.contains(":2:") && err.contains("`cat`"), "{err}");
    // A CoNLL row with one column.
    let (code, _, err) = run_nlkit(&["chunk", "--input-format", "iob"], b"the DT B-NP\ncat\n");
    assert_eq!(code, 1);
    assert!(err.contains(":2:"), "{err}");
    // Missing grammar file.
    let (code, _, err) = run_nlkit(&["chunk", "--grammar", "/nonexistent/g"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/g"), "{err}");
    // Corrupt and truncated model files.
    let m = dir.path().join("m.bin");
    std::fs::write(&m, b"garbage").unwrap();
    let (code, _, err) = run_nlkit(&["chunk", "--model", m.to_str().unwrap()], b"a/DT\n");
    assert_eq!(code, 1);
    assert!(err.contains("not an nlkit chunker model"), "{err}");
    // Nested chunks cannot be written as IOB (NLTK's error).
    let g = grammar_file(dir.path(), "NP: {<DT><NN>}\nPP: {<IN><NP>}\n");
    let (code, _, err) = run_nlkit(
        &["chunk", "--grammar", &g, "--format", "iob"],
        b"in/IN the/DT box/NN\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("too deeply nested"), "{err}");
}

#[test]
fn empty_sentence_gives_empty_tree() {
    let cp = RegexpParser::new("NP: {<DT>}").unwrap();
    assert_eq!(cp.parse(&[]).unwrap().to_string(), "(S )");
    let c = default_chunker().unwrap();
    assert_eq!(c.parse(&[]).unwrap().to_string(), "(S )");
}

#[test]
fn empty_tag_is_refused_like_nltk() {
    let cp = RegexpParser::new("NP: {<DT>}").unwrap();
    let e = cp.parse(&[("a", "")]).unwrap_err().to_string();
    assert!(
        e.starts_with("Transformation generated invalid chunkstring"),
        "{e}"
    );
}

#[test]
fn perceptron_trains_saves_and_loads() {
    let train = rows("train_rows.jsonl");
    let test = rows("test_rows.jsonl");
    let model = PerceptronChunkerTrainer::new()
        .iterations(3)
        .beam(2)
        .train(&train)
        .unwrap();
    let score = |c: &dyn Chunker| {
        let mut s = ChunkScore::new();
        for r in &test {
            let g = chunked_sent_from_iob(r, Some(&CONLL2000_CHUNK_TYPES)).unwrap();
            let words: Vec<(&str, &str)> =
                r.iter().map(|(w, t, _)| (w.as_str(), t.as_str())).collect();
            s.score(&g, &c.parse(&words).unwrap());
        }
        s.f_measure()
    };
    let f = score(&model);
    // 300 training sentences already give a usable chunker.
    assert!(f > 0.75, "F = {f}");
    let mut bytes = Vec::new();
    model.save(&mut bytes, &ChunkModelMeta::default()).unwrap();
    let (back, _) = PerceptronChunker::from_bytes(&bytes).unwrap();
    assert_eq!(score(&back), f);
    // Every truncation is an error, never a panic.
    for cut in [0, 7, 12, 15, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            PerceptronChunker::from_bytes(&bytes[..cut]).is_err(),
            "cut {cut}"
        );
    }
    // Another version is named.
    let mut v2 = bytes.clone();
    v2[8] = 9;
    let e = PerceptronChunker::from_bytes(&v2).unwrap_err().to_string();
    assert!(e.contains("version 9"), "{e}");
}

#[test]
fn eval_chunker_reports_scores() {
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("test.txt");
    let text: String = rows("test_rows.jsonl")
        .iter()
        .map(|s| {
            s.iter()
                .map(|(w, t, c)| format!("{w} {t} {c}\n"))
                .collect::<String>()
                + "\n"
        })
        .collect();
    std::fs::write(&test, text).unwrap();
    let g = grammar_file(dir.path(), "NP: {<[CDJNP].*>+}");
    let (code, out, err) = run_nlkit(
        &[
            "eval-chunker",
            "--grammar",
            &g,
            "--test",
            test.to_str().unwrap(),
            "--chunk-types",
            "NP",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("ChunkParse score:\n    IOB Accuracy:"),
        "{out}"
    );
}
