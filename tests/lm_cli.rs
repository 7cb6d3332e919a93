//! `nlkit lm train|perplexity|generate` and bad input for nlkit's language
//! models: empty training data, unknown words, non-UTF-8 text, corrupt,
//! truncated and foreign model files.

mod common;

use nlkit::lm::{load_model, padded_ngrams, LanguageModel, PyRandom};

fn train_text() -> String {
    std::fs::read_to_string(common::root().join("tests/parity/lm/train.txt")).unwrap()
}

fn train(dir: &std::path::Path, args: &[&str]) -> std::path::PathBuf {
    let model = dir.join("m.lm");
    let mut all = vec!["lm", "train", "-o", model.to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, _, err) = common::run_nlkit(&all, train_text().as_bytes());
    assert_eq!(code, 0, "{err}");
    model
}

#[test]
fn train_then_perplexity_matches_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &["--order", "3", "--estimator", "kneser-ney"]);
    let (lm, meta) = load_model(&model).unwrap();
    assert_eq!(meta.estimator, "KneserNeyInterpolated");
    assert_eq!(meta.sentences, 200);
    let mut direct = LanguageModel::kneser_ney_interpolated(3, 0.1).unwrap();
    let text = train_text();
    let sents: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
    direct.fit_text(&sents).unwrap();
    let test = "We must act now .\n\nThe aardvark spoke of the Nation .\n";
    let m = model.to_str().unwrap();
    let (code, out, err) = common::run_nlkit(
        &["lm", "perplexity", "-m", m, "--per-line"],
        test.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1], "");
    for (i, l) in [(0, lines[0]), (2, lines[2])] {
        let sent = test.lines().nth(i).unwrap();
        let grams = padded_ngrams(sent.split(' '), 3);
        let p = direct.perplexity(&grams).unwrap();
        assert_eq!(l.parse::<f64>().unwrap(), p);
        assert_eq!(lm.perplexity(&grams).unwrap(), p);
    }
    let (code, out, err) = common::run_nlkit(&["lm", "perplexity", "-m", m], test.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ngrams\t16\nentropy\t"), "{out}");
}

#[test]
fn unknown_words_give_infinite_perplexity_under_mle() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &["--order", "2", "--estimator", "mle"]);
    let (code, out, err) = common::run_nlkit(
        &[
            "lm",
            "perplexity",
            "-m",
            model.to_str().unwrap(),
            "--per-line",
        ],
        b"zzyzx qqq\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "inf\n");
}

#[test]
fn generate_is_seeded_like_nltk() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &["--order", "2", "--estimator", "laplace"]);
    let m = model.to_str().unwrap();
    let (code, out, err) = common::run_nlkit(
        &[
            "lm",
            "generate",
            "-m",
            m,
            "-n",
            "8",
            "--seed",
            "7",
            "--text-seed",
            "The",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let (lm, _) = load_model(&model).unwrap();
    let words = lm.generate(8, &["The"], &mut PyRandom::new(7)).unwrap();
    assert_eq!(out.trim_end(), words.join(" "));
}

#[test]
fn empty_training_data_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.lm");
    let (code, _, err) =
        common::run_nlkit(&["lm", "train", "-o", model.to_str().unwrap()], b"\n  \n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("no words"),
        "{err}"
    );
    assert!(!model.exists());
}

#[test]
fn bad_parameters_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.lm");
    let m = m.to_str().unwrap();
    for args in [
        vec!["--order", "0"],
        vec!["--estimator", "kneser-ney", "--discount", "1.5"],
        vec!["--unk-cutoff", "0"],
    ] {
        let mut all = vec!["lm", "train", "-o", m];
        all.extend(args.iter());
        let (code, _, err) = common::run_nlkit(&all, b"a b c\n");
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.starts_with("nlkit: "), "{err}");
    }
}

#[test]
fn non_utf8_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.lm");
    let (code, _, err) = common::run_nlkit(
        &["lm", "train", "-o", m.to_str().unwrap()],
        b"ok words\nbad \xff byte\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("invalid UTF-8"), "{err}");
    let model = train(dir.path(), &["--order", "2"]);
    let (code, _, err) = common::run_nlkit(
        &["lm", "perplexity", "-m", model.to_str().unwrap()],
        b"\xfe\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("invalid UTF-8"), "{err}");
}

#[test]
fn empty_perplexity_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &["--order", "2"]);
    let (code, _, err) =
        common::run_nlkit(&["lm", "perplexity", "-m", model.to_str().unwrap()], b"");
    assert_eq!(code, 1);
    assert!(err.contains("no sentences"), "{err}");
}

#[test]
fn corrupt_truncated_and_foreign_models_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &["--order", "3", "--estimator", "witten-bell"]);
    let bytes = std::fs::read(&model).unwrap();
    assert!(LanguageModel::from_bytes(&bytes).is_ok());
    // Every truncation is refused (zlib's checksum covers the body).
    for n in (0..bytes.len()).step_by(7) {
        assert!(
            LanguageModel::from_bytes(&bytes[..n]).is_err(),
            "prefix {n}"
        );
    }
    // Flipped bytes in the body: an error or (if the flip hits the metadata
    // JSON harmlessly) a model; never a panic.
    for i in (16..bytes.len()).step_by(13) {
        let mut b = bytes.clone();
        b[i] ^= 0x55;
        let _ = LanguageModel::from_bytes(&b);
    }
    let mut v2 = bytes.clone();
    v2[8] = 2;
    let e = LanguageModel::from_bytes(&v2).unwrap_err().to_string();
    assert!(e.contains("version 2"), "{e}");
    let bad = dir.path().join("bad.lm");
    for (content, needle) in [
        (&b"NLKITCHK\x01\0\0\0\0\0\0\0"[..], "magic"),
        (&bytes[..bytes.len() / 2], "truncated or corrupt"),
        (&b""[..], "magic"),
    ] {
        std::fs::write(&bad, content).unwrap();
        let (code, _, err) =
            common::run_nlkit(&["lm", "perplexity", "-m", bad.to_str().unwrap()], b"a b\n");
        assert_eq!(code, 1);
        assert!(err.starts_with("nlkit: ") && err.contains(needle), "{err}");
    }
    let (code, _, err) = common::run_nlkit(&["lm", "generate", "-m", "/nonexistent/m.lm"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/m.lm"), "{err}");
}

#[test]
fn library_errors_where_nltk_raises() {
    // Kneser-Ney of order 1 divides by zero in NLTK.
    let mut kn = LanguageModel::kneser_ney_interpolated(1, 0.1).unwrap();
    kn.fit_text([["a", "b"]]).unwrap();
    assert!(kn.score("a", &[] as &[&str]).is_err());
    // entropy of nothing, and of an empty n-gram.
    let mut lm = LanguageModel::mle(2).unwrap();
    lm.fit_text([["a", "b"]]).unwrap();
    assert!(lm.entropy(&[] as &[Vec<&str>]).is_err());
    assert!(lm.entropy(&[Vec::<&str>::new()]).is_err());
    // fit without any vocabulary text.
    let mut empty = LanguageModel::mle(2).unwrap();
    assert!(empty.fit_counts([[["a", "b"]]]).is_err());
    // generate from an unfitted model.
    let unfitted = LanguageModel::laplace(2).unwrap();
    assert!(unfitted
        .generate(3, &[] as &[&str], &mut PyRandom::new(1))
        .is_err());
}
