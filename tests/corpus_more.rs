//! The later corpus readers (dependency_treebank, ppattach, sinica_treebank,
//! ieer, udhr): bad input gives one clear error naming the file and line,
//! never a panic. Parity with NLTK for them is checked by
//! `tests/corpus_readers.rs` (cases in tests/parity/corpus/readers.jsonl).
mod common;

use std::path::Path;

use common::run_nlkit;
use nlkit::corpus::{DependencyCorpusReader, PPAttachmentCorpusReader};
use proptest::prelude::*;

fn write(dir: &Path, rel: &str, content: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

fn corpus_ok(dir: &Path, args: &[&str]) -> String {
    let mut a = vec!["corpus"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--data", dir.to_str().unwrap()]);
    let (code, out, err) = run_nlkit(&a, b"");
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn corpus_err(dir: &Path, args: &[&str]) -> String {
    let mut a = vec!["corpus"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--data", dir.to_str().unwrap()]);
    let (code, out, err) = run_nlkit(&a, b"");
    assert_eq!(code, 1, "{args:?}: stdout {out} stderr {err}");
    assert!(err.starts_with("nlkit: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn dependency_treebank_reads_and_reports_bad_lines() {
    let d = tempfile::tempdir().unwrap();
    let good = b"-DOCSTART- -DOCSTART- O\nJohn\tNNP\t2\nsleeps\tVBZ\t0\n.\t.\t2\n\n";
    write(d.path(), "corpora/dependency_treebank/a.dp", good);
    assert_eq!(
        corpus_ok(d.path(), &["dependency_treebank", "tagged"]),
        "John\tNNP\nsleeps\tVBZ\n.\t.\n"
    );
    assert_eq!(
        corpus_ok(d.path(), &["dependency_treebank", "parsed"]),
        "(sleeps John .)\n"
    );
    // Too few fields on line 4 of the file.
    write(
        d.path(),
        "corpora/dependency_treebank/b.dp",
        b"John\tNNP\t2\nsleeps\tVBZ\t0\n\nbad\n",
    );
    let err = corpus_err(d.path(), &["dependency_treebank", "words"]);
    assert!(err.contains("b.dp:4"), "{err}");
    // A head that is not a number, a short line, no root.
    for (body, line) in [
        (&b"John\tNNP\tx\nsleeps\tVBZ\t0\n"[..], ":1"),
        (&b"a\tX\t0\tROOT\nb\tX\n"[..], ":2"),
        (&b"a\tX\t1\n"[..], ":1"),
    ] {
        write(d.path(), "corpora/dependency_treebank/b.dp", body);
        let err = corpus_err(d.path(), &["dependency_treebank", "parsed"]);
        assert!(err.contains(&format!("b.dp{line}")), "{err}");
    }
    // Non-ASCII bytes in an ASCII corpus.
    write(d.path(), "corpora/dependency_treebank/b.dp", b"caf\xe9\tNN\t0\n");
    let err = corpus_err(d.path(), &["dependency_treebank", "words"]);
    assert!(err.contains("b.dp") && err.contains("ASCII"), "{err}");
}

#[test]
fn ppattach_reads_and_reports_short_lines() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "corpora/ppattach/training", b"0 join board as director V\n");
    write(d.path(), "corpora/ppattach/test", b"");
    write(d.path(), "corpora/ppattach/devset", b"1 is chairman of N.V. N\n");
    assert_eq!(
        corpus_ok(d.path(), &["ppattach", "entries"]),
        "0\tjoin board as director V\n1\tis chairman of N.V. N\n"
    );
    write(
        d.path(),
        "corpora/ppattach/test",
        b"2 named director of conglomerate N\n3 too few\n",
    );
    let err = corpus_err(d.path(), &["ppattach", "entries"]);
    assert!(err.contains("test:2") && err.contains("expected 6"), "{err}");
    let err = corpus_err(d.path(), &["ppattach", "words"]);
    assert!(err.contains("no `words` view"), "{err}");
    std::fs::remove_file(d.path().join("corpora/ppattach/devset")).unwrap();
    let err = corpus_err(d.path(), &["ppattach", "entries"]);
    assert!(err.contains("devset") || err.contains("test:2"), "{err}");
}

proptest! {
    #[test]
    fn dependency_parser_never_panics(s in "[a-z0-9\\t\\n _-]{0,80}") {
        let _ = DependencyCorpusReader::parse_tagged("f", &s);
        let _ = DependencyCorpusReader::parse_trees("f", &s);
        let _ = PPAttachmentCorpusReader::parse("f", &s);
    }
}
