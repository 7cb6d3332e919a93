//! Bad input for the Punkt splitter and its CLI: malformed punkt_tab
//! folders, empty input, invalid UTF-8, huge single lines (linear time) and
//! random text (never panics).
mod common;

use std::path::Path;

use nlkit::sentence::{PunktParameters, PunktSentenceTokenizer, SentenceTokenizer};
use nlkit::Error;
use proptest::prelude::*;

fn write_model(dir: &Path, ortho: &str, colloc: &str) {
    std::fs::write(dir.join("abbrev_types.txt"), "dr\nmr").unwrap();
    std::fs::write(dir.join("collocations.tab"), colloc).unwrap();
    std::fs::write(dir.join("sent_starters.txt"), "however").unwrap();
    std::fs::write(dir.join("ortho_context.tab"), ortho).unwrap();
}

#[test]
fn valid_minimal_model_loads() {
    let d = tempfile::tempdir().unwrap();
    write_model(d.path(), "the\t32\nhe\t34", "s\tbach");
    let p = PunktParameters::from_dir(d.path()).unwrap();
    assert_eq!(p.ortho_context.get("he"), Some(&34));
    assert!(p
        .collocations
        .contains(&("s".to_string(), "bach".to_string())));
}

#[test]
fn missing_file_names_the_file() {
    let d = tempfile::tempdir().unwrap();
    write_model(d.path(), "the\t32", "");
    std::fs::remove_file(d.path().join("sent_starters.txt")).unwrap();
    match PunktSentenceTokenizer::from_dir(d.path()) {
        Err(Error::Io { path, .. }) => assert!(path.ends_with("sent_starters.txt")),
        other => panic!("unexpected {other:?}"),
    }
    let (code, _, err) = common::run_nlkit(
        &["sentences", "--punkt", d.path().to_str().unwrap()],
        b"Hi. There.",
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("sent_starters.txt"),
        "{err}"
    );
}

#[test]
fn bad_ortho_line_is_a_format_error_with_line() {
    let d = tempfile::tempdir().unwrap();
    for (bad, line) in [
        ("the\t32\nhe\tx", 2),
        ("the\t32\n\nhe\t3", 2),
        ("a\t1\tb", 1),
        ("-1", 1),
        ("x\t-3", 1),
    ] {
        write_model(d.path(), bad, "");
        match PunktParameters::from_dir(d.path()) {
            Err(Error::Format { file, line: l, .. }) => {
                assert!(file.ends_with("ortho_context.tab"));
                assert_eq!(l, line, "{bad:?}");
            }
            other => panic!("{bad:?}: unexpected {other:?}"),
        }
    }
    let (code, _, err) = common::run_nlkit(
        &["sentences", "--punkt", d.path().to_str().unwrap()],
        b"Hi.",
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("ortho_context.tab:1"),
        "{err}"
    );
}

#[test]
fn bad_collocation_line_is_a_format_error_with_line() {
    let d = tempfile::tempdir().unwrap();
    write_model(d.path(), "the\t32", "s\tbach\nlonely");
    match PunktParameters::from_dir(d.path()) {
        Err(Error::Format { file, line, .. }) => {
            assert!(file.ends_with("collocations.tab"));
            assert_eq!(line, 2);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn invalid_utf8_in_model_is_reported() {
    let d = tempfile::tempdir().unwrap();
    write_model(d.path(), "the\t32", "");
    std::fs::write(d.path().join("abbrev_types.txt"), b"dr\n\xffx").unwrap();
    match PunktParameters::from_dir(d.path()) {
        Err(Error::InvalidUtf8 {
            source_name,
            offset,
        }) => {
            assert!(source_name.ends_with("abbrev_types.txt"));
            assert_eq!(offset, 3);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn crlf_model_files_load_like_python_text_mode() {
    let d = tempfile::tempdir().unwrap();
    write_model(d.path(), "the\t32\r\nhe\t34\r\n", "s\tbach\r\n");
    let p = PunktParameters::from_dir(d.path()).unwrap();
    assert_eq!(p.ortho_context.len(), 2);
    assert_eq!(p.ortho_context.get("he"), Some(&34));
}

#[test]
fn empty_and_blank_input() {
    let t = PunktSentenceTokenizer::default_english();
    assert!(t.span_tokenize("").is_empty());
    assert!(t.span_tokenize(" \n\t \n").is_empty());
    let (code, out, _) = common::run_nlkit(&["sentences"], b"");
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = common::run_nlkit(
        &["sentences", "--unit", "line", "--format", "jsonl"],
        b"\nA. B.\n\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "[]\n[\"A.\",\"B.\"]\n[]\n");
}

#[test]
fn invalid_utf8_input_gives_offset_or_lossy() {
    let (code, _, err) = common::run_nlkit(&["sentences"], b"Fine. Text.\nBad \xff byte.\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("byte offset 16"),
        "{err}"
    );
    let (code, out, _) = common::run_nlkit(&["sentences", "--lossy"], b"Bad \xff byte. Next.\n");
    assert_eq!(code, 0);
    assert_eq!(out, "Bad \u{fffd} byte.\nNext.\n");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("bad.txt");
    std::fs::write(&f, b"ok \xfe").unwrap();
    let o = d.path().join("model");
    let (code, _, err) = common::run_nlkit(
        &[
            "train-punkt",
            f.to_str().unwrap(),
            "-o",
            o.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("byte offset 3"), "{err}");
    assert!(!o.exists());
}

/// Adversarial single-line inputs: many candidates, long merged contexts,
/// runs of sentence-end characters, ". . ." sequences.
fn pattern_text(p: &str, bytes: usize) -> String {
    p.repeat(bytes / p.len() + 1)[..bytes].to_string()
}

const PATTERNS: [&str; 7] = [
    "Mr. X. ",
    "!",
    "a.(",
    ". ",
    "a.\"",
    "abcdefgh",
    "Dr. (J.) \"U.S.\" 3. e.g. ... -- , ",
];

#[test]
fn doubling_a_single_line_roughly_doubles_the_work() {
    // Work = bytes scanned (deterministic), not wall-clock time.
    let tok = PunktSentenceTokenizer::default_english();
    for p in PATTERNS {
        let (_, a) = tok.span_tokenize_work(&pattern_text(p, 100_000));
        let (_, b) = tok.span_tokenize_work(&pattern_text(p, 200_000));
        let ratio = b as f64 / a as f64;
        assert!(
            (1.8..2.2).contains(&ratio),
            "pattern {p:?}: work {a} -> {b}"
        );
        // And a small constant per input byte.
        assert!(b < 12 * 200_000, "pattern {p:?}: work {b} for 200 KB");
    }
}

#[test]
fn ten_megabyte_single_line_completes_in_linear_work() {
    let tok = PunktSentenceTokenizer::default_english();
    let text = pattern_text(PATTERNS[6], 10_000_000);
    let (spans, work) = tok.span_tokenize_work(&text);
    assert!(!spans.is_empty());
    assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    assert!(spans.last().unwrap().end <= text.len());
    assert!(work < 12 * 10_000_000, "work {work}");
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a", "A", "the", "The", ".", ".", "?", "!", " ", " ", "\n", "\n\n", "\"", "'", ")", "(",
        "-", "--", ",", ";", ":", "5", "3.", "\u{2026}", "\u{201c}", "\u{201d}", "\u{bb}", "\t",
        "\u{a0}", "Mr.", "J.", "U.S.", "...", ". . .", "\u{1c}", "\u{85}", "\u{c9}", "\u{3a3}",
        "\u{130}", "\u{663}", "\u{301}", "\u{3000}", "\r", "é",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_well_formed(parts in prop::collection::vec(piece(), 0..60)) {
        let text: String = parts.concat();
        for realign in [true, false] {
            let spans = PunktSentenceTokenizer::default_english().span_tokenize_with(&text, realign);
            let mut prev_end = 0;
            for s in &spans {
                // NLTK's realign_boundaries=False keeps an empty final slice (e.g. `(0, 0)` for "").
                prop_assert!((s.start < s.end || !realign) && s.start <= s.end && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                prop_assert!(s.start >= prev_end);
                prev_end = s.end;
            }
        }
    }

    #[test]
    fn trainer_never_panics(parts in prop::collection::vec(piece(), 0..80)) {
        let text: String = parts.concat();
        let mut t = nlkit::sentence::PunktTrainer::new();
        t.train(&text, true);
        let p = t.into_params();
        let d = tempfile::tempdir().unwrap();
        p.save_dir(d.path()).unwrap();
        // types with a line break cannot be saved one per line and are left out
        // (types_with_line_breaks_are_left_out_of_saved_tables checks which)
        prop_assert_eq!(PunktParameters::from_dir(d.path()).unwrap(), p.savable());
    }
}

/// Found by `trainer_never_panics`: the ellipsis token `.\r. . .` gives the
/// abbreviation type `.\r. . `, which a line-per-entry file cannot hold.
#[test]
fn types_with_line_breaks_are_left_out_of_saved_tables() {
    let mut t = nlkit::sentence::PunktTrainer::new();
    t.train("3.\r. . .,", true);
    let p = t.into_params();
    assert!(p.abbrev_types.iter().any(|a| a.contains('\r')), "{p:?}");
    let d = tempfile::tempdir().unwrap();
    p.save_dir(d.path()).unwrap();
    let back = PunktParameters::from_dir(d.path()).unwrap();
    assert!(back.abbrev_types.iter().all(|a| !a.contains(['\r', '\n'])));
    assert_eq!(
        back.abbrev_types,
        p.abbrev_types
            .iter()
            .filter(|a| !a.contains(['\r', '\n']))
            .cloned()
            .collect()
    );
}

#[test]
fn missing_or_non_folder_model_path_is_clear() {
    let (code, _, err) = common::run_nlkit(
        &["sentences", "--punkt", "/nonexistent/punkt_tab/english"],
        b"Hi.",
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("nlkit download punkt_tab"),
        "{err}"
    );
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("punkt_tab.zip");
    std::fs::write(&f, b"PK").unwrap();
    match PunktSentenceTokenizer::from_dir(&f) {
        Err(Error::InvalidInput(m)) => assert!(m.contains("not a folder"), "{m}"),
        other => panic!("unexpected {other:?}"),
    }
}
