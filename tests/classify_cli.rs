//! `nlkit classify train|predict|eval|show` and bad input: empty training
//! data, bad JSONL, unsupported values, non-UTF-8 input, corrupt,
//! truncated and foreign model files.

mod common;

use nlkit::classify::{load_classifier, ClassifierI, NaiveBayesClassifier};

fn train_file() -> String {
    common::root()
        .join("tests/parity/classify/names_train.data")
        .to_string_lossy()
        .into_owned()
}

fn trained(dir: &std::path::Path) -> std::path::PathBuf {
    let m = dir.join("names.cls");
    let (code, _, err) = common::run_nlkit(
        &[
            "classify",
            "train",
            "-o",
            m.to_str().unwrap(),
            &train_file(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    m
}

#[test]
fn train_predict_eval_show() {
    let dir = tempfile::tempdir().unwrap();
    let m = trained(dir.path());
    let m = m.to_str().unwrap();
    let input = b"{\"features\": {\"last_letter\": \"a\"}}\n\n{\"features\": {\"last_letter\": \"k\"}, \"label\": \"male\"}\n";
    let (code, out, err) = common::run_nlkit(&["classify", "predict", "-m", m], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "female\nmale\n");
    let (code, out, err) = common::run_nlkit(&["classify", "predict", "--probs", "-m", m], input);
    assert_eq!(code, 0, "{err}");
    let nb = load_classifier(std::path::Path::new(m)).unwrap();
    // {"female": P, "male": P}, parsed with Rust's correctly rounded parser
    let first = out.lines().next().unwrap();
    let fs = serde_json::from_str(r#"{"last_letter": "a"}"#).unwrap();
    let d = nb.prob_classify(&fs).unwrap();
    let got: Vec<(String, f64)> = first
        .trim_matches(|c| c == '{' || c == '}')
        .split(", ")
        .map(|kv| {
            let (k, v) = kv.split_once(": ").unwrap();
            (serde_json::from_str(k).unwrap(), v.parse().unwrap())
        })
        .collect();
    assert_eq!(got.len(), nb.labels().len());
    for (l, p) in got {
        assert_eq!(p, d.prob(&l));
    }
    let gold = b"{\"features\": {\"last_letter\": \"a\"}, \"label\": \"female\"}\n{\"features\": {\"last_letter\": \"a\"}, \"label\": \"male\"}\n";
    let (code, out, err) = common::run_nlkit(&["classify", "eval", "-m", m], gold);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("examples\t2\naccuracy\t0.5\nlog_likelihood\t"),
        "{out}"
    );
    let (code, out, err) = common::run_nlkit(&["classify", "show", "-n", "3", "-m", m], b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, nb.show_most_informative_features(3));
    assert!(out.starts_with("Most Informative Features\n"));
}

#[test]
fn empty_training_data_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.cls");
    let (code, _, err) =
        common::run_nlkit(&["classify", "train", "-o", m.to_str().unwrap()], b"\n\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("no examples"),
        "{err}"
    );
    assert!(!m.exists());
    assert!(NaiveBayesClassifier::train(&[]).is_err());
}

#[test]
fn bad_jsonl_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.cls");
    let m = m.to_str().unwrap();
    for (input, needle) in [
        (&b"{\"features\": {\"a\": 1}, \"label\": \"x\"}\n{\"features\": {\"a\": [1]}, \"label\": \"x\"}\n"[..], ":2: "),
        (&b"{\"features\": {\"a\": 1}}\n"[..], "missing \"label\""),
        (&b"not json\n"[..], ":1: "),
        (&b"{\"features\": {\"a\": {\"b\": 1}}, \"label\": \"x\"}\n"[..], "feature `a`"),
        (&b"{\"features\": [], \"label\": \"x\"}\n"[..], ":1: "),
        (&b"{\"features\": {}, \"label\": 3}\n"[..], ":1: "),
        (&b"{\"features\": {\"a\": \"\xff\"}, \"label\": \"x\"}\n"[..], "invalid UTF-8"),
    ] {
        let (code, _, err) = common::run_nlkit(&["classify", "train", "-o", m], input);
        assert_eq!(code, 1, "{err}");
        assert!(err.starts_with("nlkit: ") && err.contains(needle), "{needle}: {err}");
    }
}

#[test]
fn python_equal_values_are_one_value() {
    let rows = [
        (r#"{"f": true}"#, "a"),
        (r#"{"f": 1}"#, "a"),
        (r#"{"f": 1.0}"#, "b"),
        (r#"{"f": "1"}"#, "b"),
    ];
    let data: Vec<_> = rows
        .iter()
        .map(|(f, l)| (serde_json::from_str(f).unwrap(), l.to_string()))
        .collect();
    let nb = NaiveBayesClassifier::train(&data).unwrap();
    // true, 1 and 1.0 are one value seen three times (2 a, 1 b).
    let one = serde_json::from_str(r#"{"f": 1.0}"#).unwrap();
    let t = serde_json::from_str(r#"{"f": true}"#).unwrap();
    assert_eq!(
        nb.prob_classify(&one).unwrap(),
        nb.prob_classify(&t).unwrap()
    );
    assert_eq!(nb.classify(&t).unwrap(), "a");
}

#[test]
fn corrupt_truncated_and_foreign_models_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let m = trained(dir.path());
    let bytes = std::fs::read(&m).unwrap();
    assert!(NaiveBayesClassifier::from_bytes(&bytes).is_ok());
    for n in (0..bytes.len()).step_by(5) {
        assert!(
            NaiveBayesClassifier::from_bytes(&bytes[..n]).is_err(),
            "prefix {n}"
        );
    }
    for i in (16..bytes.len()).step_by(3) {
        let mut b = bytes.clone();
        b[i] ^= 0xa5;
        let _ = NaiveBayesClassifier::from_bytes(&b);
    }
    let mut v9 = bytes.clone();
    v9[8] = 9;
    assert!(NaiveBayesClassifier::from_bytes(&v9)
        .unwrap_err()
        .to_string()
        .contains("version 9"));
    let bad = dir.path().join("bad.cls");
    for (content, needle) in [
        (&b"NLKITLM\0\x01\0\0\0\0\0\0\0"[..], "magic"),
        (&bytes[..bytes.len() - 3], "truncated or corrupt"),
    ] {
        std::fs::write(&bad, content).unwrap();
        let (code, _, err) = common::run_nlkit(
            &["classify", "predict", "-m", bad.to_str().unwrap()],
            b"{\"features\": {}}\n",
        );
        assert_eq!(code, 1);
        assert!(err.starts_with("nlkit: ") && err.contains(needle), "{err}");
    }
}
