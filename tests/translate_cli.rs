//! `nlkit score` (machine-translation metrics) and the translate library on
//! bad input: scores match the library, errors are one `nlkit: ` line with
//! exit 1, never a panic.

mod common;

use common::run_nlkit;
use nlkit::translate::{
    corpus_bleu, corpus_chrf, corpus_gleu, corpus_nist, corpus_ribes, sentence_bleu, sentence_chrf,
    sentence_gleu, sentence_nist, sentence_ribes, Bleu, Chrf, Meteor, Smoothing, SmoothingFunction,
};

const REFS: &str =
    "the cat sat on the mat\nhe read the book because he was interested\nit is a guide to action\n";
const HYPS: &str = "the cat sits on the mat\nhe was interested in the book\nit is a guide to action which ensures\n";

fn files(dir: &std::path::Path, refs: &[u8], hyps: &[u8]) -> (String, String) {
    common::write(dir, "ref.txt", refs);
    common::write(dir, "hyp.txt", hyps);
    (
        dir.join("ref.txt").to_string_lossy().into_owned(),
        dir.join("hyp.txt").to_string_lossy().into_owned(),
    )
}

fn split(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn corpus_line(out: &str) -> Vec<f64> {
    let line = out
        .lines()
        .find(|l| l.starts_with("corpus\t"))
        .expect("corpus line");
    line.split('\t')
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect()
}

fn err_line(args: &[&str], stdin: &[u8]) -> String {
    let (code, out, err) = run_nlkit(args, stdin);
    assert_eq!(code, 1, "{args:?}: stdout {out} stderr {err}");
    assert!(err.starts_with("nlkit: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn every_metric_matches_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), REFS.as_bytes(), HYPS.as_bytes());
    let refs: Vec<Vec<Vec<String>>> = split(REFS).into_iter().map(|r| vec![r]).collect();
    let hyps = split(HYPS);
    let bleu = |m| Bleu {
        smoothing: SmoothingFunction {
            method: Smoothing::from_index(m).unwrap(),
            ..Default::default()
        },
        ..Default::default()
    };
    for m in 0..8usize {
        let (code, out, err) = run_nlkit(
            &[
                "score",
                "--metric",
                "bleu",
                "--ref",
                &r,
                "--hyp",
                &h,
                "--smoothing",
                &m.to_string(),
            ],
            b"",
        );
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("# Bleu ("), "{out}");
        assert!(out.contains("tokenize: Whitespace"), "{out}");
        assert_eq!(
            corpus_line(&out),
            corpus_bleu(&refs, &hyps, &bleu(m)).unwrap().scores,
            "method{m}"
        );
    }
    let lib: Vec<(&str, f64)> = vec![
        ("gleu", corpus_gleu(&refs, &hyps, 1, 4).unwrap()),
        ("nist", corpus_nist(&refs, &hyps, 5).unwrap()),
        ("ribes", corpus_ribes(&refs, &hyps, 0.25, 0.10).unwrap()),
        (
            "chrf",
            corpus_chrf(
                &REFS.lines().collect::<Vec<_>>(),
                &HYPS.lines().collect::<Vec<_>>(),
                &Chrf::default(),
            )
            .unwrap(),
        ),
    ];
    for (metric, expect) in lib {
        let (code, out, err) = run_nlkit(&["score", "-m", metric, "--ref", &r, "--hyp", &h], b"");
        assert_eq!(code, 0, "{metric}: {err}");
        assert_eq!(corpus_line(&out), [expect], "{metric}");
    }
}

#[test]
fn per_segment_scores_and_several_weights() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), REFS.as_bytes(), HYPS.as_bytes());
    let (code, out, err) = run_nlkit(
        &[
            "score",
            "-m",
            "bleu",
            "--ref",
            &r,
            "--ref",
            &r,
            "--hyp",
            &h,
            "--per-segment",
            "--smoothing",
            "1",
            "--weights",
            "0.5,0.5",
            "--weights",
            "0.25 0.25 0.25 0.25",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let refs: Vec<Vec<Vec<String>>> = split(REFS)
        .into_iter()
        .map(|r| vec![r.clone(), r])
        .collect();
    let hyps = split(HYPS);
    let b = Bleu {
        weights: vec![vec![0.5, 0.5], vec![0.25; 4]],
        smoothing: SmoothingFunction {
            method: Smoothing::Method1,
            ..Default::default()
        },
        auto_reweigh: false,
    };
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 3 + 1, "{out}");
    for (i, (rs, hy)) in refs.iter().zip(&hyps).enumerate() {
        let want = sentence_bleu(rs, hy, &b).unwrap().scores;
        let got: Vec<f64> = lines[i + 1]
            .split('\t')
            .skip(1)
            .map(|x| x.parse().unwrap())
            .collect();
        assert_eq!(
            lines[i + 1].split('\t').next(),
            Some((i + 1).to_string().as_str())
        );
        assert_eq!(got, want);
    }
    assert_eq!(
        corpus_line(&out),
        corpus_bleu(&refs, &hyps, &b).unwrap().scores
    );
}

#[test]
fn zero_count_warnings_are_notes_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), b"a b c d\n", b"a b x y\n");
    let (code, out, err) = run_nlkit(&["score", "-m", "bleu", "--ref", &r, "--hyp", &h], b"");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("nlkit: note: The hypothesis contains 0 counts of 3-gram overlaps"),
        "{err}"
    );
    assert!(corpus_line(&out)[0] > 0.0);
}

#[test]
fn word_tokenization_is_selectable() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), b"Hello, world!\n", b"Hello world!\n");
    let (_, ws, _) = run_nlkit(&["score", "-m", "gleu", "--ref", &r, "--hyp", &h], b"");
    let (code, wd, err) = run_nlkit(
        &[
            "score",
            "-m",
            "gleu",
            "--ref",
            &r,
            "--hyp",
            &h,
            "--tokenize",
            "word",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(wd.contains("tokenize: Word"));
    let toks = |s: &str| nlkit::tokenize::word_tokenize(s, false);
    let want = sentence_gleu(&[toks("Hello, world!")], &toks("Hello world!"), 1, 4).unwrap();
    assert_eq!(corpus_line(&wd), [want]);
    assert_ne!(corpus_line(&ws), corpus_line(&wd));
}

#[test]
fn meteor_from_the_cli() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(
        dir.path(),
        b"the cat sat on the mat\n",
        b"on the mat sat the cat\n",
    );
    let d = data.to_string_lossy().into_owned();
    let (code, out, err) = run_nlkit(
        &[
            "score", "-m", "meteor", "--ref", &r, "--hyp", &h, "--data", &d,
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(corpus_line(&out), [0.5]);
}

#[test]
fn mismatched_line_counts_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), b"a b\nc d\n", b"a b\n");
    let e = err_line(&["score", "-m", "bleu", "--ref", &r, "--hyp", &h], b"");
    assert!(e.contains("has 2 lines but the hypothesis file"), "{e}");
}

#[test]
fn non_utf8_input_is_an_error_or_replaced_with_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), b"a b \xff c\n", b"a b c\n");
    let e = err_line(&["score", "-m", "chrf", "--ref", &r, "--hyp", &h], b"");
    assert!(e.contains("invalid UTF-8"), "{e}");
    let (code, _, err) = run_nlkit(
        &["score", "-m", "chrf", "--ref", &r, "--hyp", &h, "--lossy"],
        b"",
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_flags_and_impossible_scores_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), REFS.as_bytes(), HYPS.as_bytes());
    let e = err_line(
        &[
            "score",
            "-m",
            "bleu",
            "--ref",
            &r,
            "--hyp",
            &h,
            "--smoothing",
            "9",
        ],
        b"",
    );
    assert!(e.contains("smoothing"), "{e}");
    let e = err_line(
        &[
            "score",
            "-m",
            "bleu",
            "--ref",
            &r,
            "--hyp",
            &h,
            "--weights",
            "a,b",
        ],
        b"",
    );
    assert!(e.contains("not a number"), "{e}");
    let e = err_line(
        &["score", "-m", "chrf", "--ref", &r, "--ref", &r, "--hyp", &h],
        b"",
    );
    assert!(e.contains("one reference"), "{e}");
    let e = err_line(
        &["score", "-m", "nist", "--ref", &r, "--hyp", &h, "--n", "40"],
        b"",
    );
    assert!(e.contains("-grams"), "{e}");
    let e = err_line(
        &[
            "score",
            "-m",
            "gleu",
            "--ref",
            &r,
            "--hyp",
            &h,
            "--smoothing",
            "2",
        ],
        b"",
    );
    assert!(e.contains("bleu only"), "{e}");
    let e = err_line(
        &[
            "score",
            "-m",
            "bleu",
            "--ref",
            "/nonexistent/ref",
            "--hyp",
            &h,
        ],
        b"",
    );
    assert!(e.contains("/nonexistent/ref"), "{e}");
    let e = err_line(
        &[
            "score",
            "-m",
            "bleu",
            "--ref",
            &r,
            "--hyp",
            &h,
            "--smoothing",
            "6",
            "--weights",
            "0.5,0.5",
        ],
        b"",
    );
    assert!(e.contains("method 6"), "{e}");
    let (code, _, _) = run_nlkit(&["score", "-m", "bleu", "--hyp", &h], b"");
    assert_eq!(code, 2, "no --ref is a usage error");
}

#[test]
fn empty_files_and_empty_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = files(dir.path(), b"", b"");
    // an empty corpus: BLEU, GLEU and RIBES are 0 as in NLTK; chrF and NIST divide by zero in NLTK
    for m in ["bleu", "gleu", "ribes"] {
        let (code, out, err) = run_nlkit(&["score", "-m", m, "--ref", &r, "--hyp", &h], b"");
        assert_eq!(code, 0, "{m}: {err}");
        assert_eq!(corpus_line(&out), [0.0], "{m}");
    }
    for m in ["chrf", "nist"] {
        err_line(&["score", "-m", m, "--ref", &r, "--hyp", &h], b"");
    }
    let (r, h) = files(dir.path(), b"a b c\n\n", b"\na b c\n");
    for m in ["bleu", "gleu", "ribes", "chrf"] {
        let (code, _, err) = run_nlkit(
            &["score", "-m", m, "--ref", &r, "--hyp", &h, "--per-segment"],
            b"",
        );
        assert_eq!(code, 0, "{m}: {err}");
    }
}

#[test]
fn library_bad_input() {
    let none: Vec<Vec<Vec<&str>>> = vec![vec![]];
    let hyp = vec![vec!["a", "b"]];
    assert!(
        corpus_bleu(&none, &hyp, &Bleu::default()).is_err(),
        "no references"
    );
    assert!(corpus_nist(&none, &hyp, 2).is_err());
    assert_eq!(
        corpus_gleu(&none, &hyp, 1, 4).unwrap(),
        0.0,
        "NLTK: no references -> 0"
    );
    assert_eq!(corpus_ribes(&none, &hyp, 0.25, 0.1).unwrap(), 0.0);
    let two: Vec<Vec<Vec<&str>>> = vec![vec![vec!["a"]], vec![vec!["b"]]];
    assert!(
        corpus_bleu(&two, &hyp, &Bleu::default()).is_err(),
        "mismatched counts"
    );
    assert!(corpus_gleu(&two, &hyp, 1, 4).is_err());
    assert!(corpus_nist(&two, &hyp, 1).is_err());
    assert!(corpus_ribes(&two, &hyp, 0.25, 0.1).is_err());
    assert!(corpus_chrf(&["a", "b"], &["a"], &Chrf::default()).is_err());
    let bad = Chrf {
        min_len: 3,
        max_len: 2,
        ..Default::default()
    };
    assert!(sentence_chrf("abc", "abc", &bad).is_err());
    // empty hypothesis and references
    let empty: [&str; 0] = [];
    assert_eq!(
        sentence_bleu(&[vec!["a"]], &empty, &Bleu::default())
            .unwrap()
            .scores,
        [0.0]
    );
    assert_eq!(
        sentence_bleu(&[empty.to_vec()], &["a"], &Bleu::default())
            .unwrap()
            .scores,
        [0.0]
    );
    assert_eq!(sentence_gleu(&[empty.to_vec()], &empty, 1, 4).unwrap(), 0.0);
    assert!(
        sentence_nist(&[vec!["a"]], &empty, 1).is_err(),
        "NLTK divides by zero"
    );
    assert_eq!(
        sentence_ribes(&[vec!["a"]], &empty, 0.25, 0.1).unwrap(),
        0.0
    );
    // NLTK: six epsilons of 1e-16, summed and averaged
    assert_eq!(
        sentence_chrf("", "", &Chrf::default()).unwrap(),
        1.0000000000000001e-16
    );
    let long = vec!["w"; 2001];
    assert!(
        sentence_ribes(std::slice::from_ref(&long), &["w"], 0.25, 0.1).is_err(),
        "NLTK's MAX_ALIGNMENT_LEN"
    );
    if let Some(data) = common::nltk_data() {
        let m = Meteor::load(Some(&data)).unwrap();
        let no_refs: Vec<Vec<&str>> = vec![];
        assert!(m.meteor_score(&no_refs, &["a"]).is_err());
        assert_eq!(m.meteor_score(&[empty.to_vec()], &["a"]).unwrap(), 0.0);
        assert_eq!(m.meteor_score(&[vec!["a"]], &empty).unwrap(), 0.0);
    }
    assert!(Meteor::load(Some(std::path::Path::new("/nonexistent"))).is_err());
}
