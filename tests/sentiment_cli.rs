//! `nlkit sentiment`: output formats and bad input (empty text, invalid
//! UTF-8, a missing, corrupt or malformed lexicon).
mod common;

fn lexicon_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "sentiment/vader_lexicon/vader_lexicon.txt",
        b"good\t1.9\t0.9\t[1]\r\nbad\t-2.5\t0.8\t[1]\r\n:)\t2.0\t0.5\t[1]",
    );
    dir
}

fn run(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let data = dir.to_str().unwrap();
    let mut all = vec!["sentiment", "--data", data];
    all.extend_from_slice(args);
    common::run_nlkit(&all, stdin)
}

#[test]
fn one_line_of_scores_per_input_line() {
    let dir = lexicon_dir();
    let (code, out, err) = run(
        dir.path(),
        &["--format", "jsonl"],
        b"good :)\n\nbad\r\nmeh\n",
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 4);
        assert!(
            l.starts_with("{\"neg\": ")
                && l.contains(", \"neu\": ")
                && l.contains(", \"compound\": ")
        );
    }
    // empty line: NLTK's all-zero dict, zeros printed as Python prints them
    assert_eq!(
        lines[1],
        r#"{"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}"#
    );
    assert!(lines[2].contains("\"neg\": 1.0"));
    assert_eq!(
        lines[3],
        r#"{"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}"#
    );
    let (code, text, _) = run(dir.path(), &[], b"meh\n");
    assert_eq!(code, 0);
    assert_eq!(text, "neg=0.0 neu=1.0 pos=0.0 compound=0.0\n");
}

#[test]
fn empty_input_gives_no_output() {
    let dir = lexicon_dir();
    let (code, out, err) = run(dir.path(), &[], b"");
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

#[test]
fn invalid_utf8_is_an_error_unless_lossy() {
    let dir = lexicon_dir();
    let (code, out, err) = run(dir.path(), &[], b"good\n\xff\xfe bad\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("invalid UTF-8"),
        "{err}"
    );
    assert_eq!(
        out.lines().count(),
        1,
        "the valid line before is still scored"
    );
    let (code, out, err) = run(dir.path(), &["--lossy"], b"good\n\xff\xfe bad\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn missing_lexicon_names_the_package() {
    let empty = tempfile::tempdir().unwrap();
    let (code, out, err) = run(empty.path(), &[], b"good\n");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("sentiment/vader_lexicon") && err.contains("not found"),
        "{err}"
    );
    assert!(err.contains("nlkit download vader_lexicon"), "{err}");
    let (code, _, err) = common::run_nlkit(
        &[
            "sentiment",
            "--lexicon",
            empty.path().join("nope.txt").to_str().unwrap(),
        ],
        b"good\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("nope.txt"), "{err}");
}

#[test]
fn malformed_lexicon_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content, needle) in [
        ("no_tab.txt", &b"good\t1.9\nbad -2.5\n"[..], ":2:"),
        ("not_a_number.txt", b"good\tvery\n", "not a number"),
        ("nan.txt", b"good\tnan\n", "nan"),
        ("trailing_newline.txt", b"good\t1.9\n", ":2:"),
        ("empty.txt", b"", ":1:"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        let (code, _, err) =
            common::run_nlkit(&["sentiment", "--lexicon", p.to_str().unwrap()], b"good\n");
        assert_eq!(code, 1, "{name}");
        assert!(
            err.starts_with("nlkit: ") && err.contains(needle),
            "{name}: {err}"
        );
    }
}

#[test]
fn corrupt_zip_lexicon_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("sentiment/vader_lexicon.zip");
    std::fs::create_dir_all(z.parent().unwrap()).unwrap();
    std::fs::write(&z, b"PK\x03\x04 this is not a zip").unwrap();
    let (code, _, err) = run(dir.path(), &[], b"good\n");
    assert_eq!(code, 1);
    assert!(err.contains("zip"), "{err}");
    let (code, _, err) =
        common::run_nlkit(&["sentiment", "--lexicon", z.to_str().unwrap()], b"good\n");
    assert_eq!(code, 1);
    assert!(err.contains("zip"), "{err}");
}

#[test]
fn lexicon_from_nltk_zip_file_and_folder_agree() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let zip = data.join("sentiment/vader_lexicon.zip");
    let folder = data.join("sentiment/vader_lexicon");
    let file = folder.join("vader_lexicon.txt");
    let input = b"The book was kind of good.\nVERY BAD movie!\n:) and :D\n";
    let mut outs = Vec::new();
    for p in [&zip, &folder, &file] {
        if !p.exists() {
            continue;
        }
        let (code, out, err) =
            common::run_nlkit(&["sentiment", "--lexicon", p.to_str().unwrap()], input);
        assert_eq!(code, 0, "{err}");
        outs.push(out);
    }
    assert!(!outs.is_empty());
    assert!(outs.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(
        outs[0].lines().next(),
        Some("neg=0.0 neu=0.657 pos=0.343 compound=0.3832")
    );
}
