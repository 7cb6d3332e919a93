//! `nlkit index` / `concordance` / `stats` against NLTK's `Text.concordance`,
//! `FreqDist` and `Text.collocation_list` (cases from
//! scripts/parity/gen_corpus.py), plus bounded-memory builds and bad indexes.
mod common;

use std::path::{Path, PathBuf};

use common::{run_nlkit, run_nlkit_in};

fn sample_dir(tmp: &Path) -> PathBuf {
    let d = tmp.join("sample");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::copy(
        common::root().join("corpora/samples/inaugural-2009.txt"),
        d.join("inaugural-2009.txt"),
    )
    .unwrap();
    d
}

fn build(tmp: &Path, source: &str, extra: &[&str]) -> Option<PathBuf> {
    let out = tmp.join(format!("{source}.nlkidx"));
    let mut args: Vec<String> = vec!["index".into()];
    let data;
    match source {
        "sample" => args.push(sample_dir(tmp).to_string_lossy().into()),
        other => {
            data = common::nltk_data()?;
            args.push(other.into());
            args.push("--data".into());
            args.push(data.to_string_lossy().into());
        }
    }
    args.push("-o".into());
    args.push(out.to_string_lossy().into());
    args.extend(extra.iter().map(|s| s.to_string()));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = run_nlkit(&a, b"");
    assert_eq!(code, 0, "{err}");
    Some(out)
}

#[test]
fn concordance_and_stats_match_nltk() {
    let tmp = tempfile::tempdir().unwrap();
    let mut built = std::collections::HashMap::new();
    let mut checked = 0;
    for (file, line, c) in common::parity_cases("index") {
        let source = c["source"].as_str().unwrap().to_string();
        if !built.contains_key(&source) {
            // The sample needs the stopword list for collocations, from NLTK data when present.
            let extra: Vec<String> = match common::nltk_data() {
                Some(d) if source == "sample" => vec!["--data".into(), d.to_string_lossy().into()],
                _ => vec![],
            };
            let e: Vec<&str> = extra.iter().map(String::as_str).collect();
            built.insert(source.clone(), build(tmp.path(), &source, &e));
        }
        let Some(idx) = built[&source].clone() else {
            continue;
        };
        let idx = idx.to_string_lossy().to_string();
        match c["kind"].as_str().unwrap() {
            "concordance" => {
                let mut args = vec![
                    "concordance".to_string(),
                    idx.clone(),
                    c["word"].as_str().unwrap().to_string(),
                ];
                if !c["width"].is_null() {
                    args.extend([
                        "--width".to_string(),
                        c["width"].to_string(),
                        "--lines".to_string(),
                        c["lines"].to_string(),
                    ]);
                }
                let a: Vec<&str> = args.iter().map(String::as_str).collect();
                let (code, out, err) = run_nlkit(&a, b"");
                assert_eq!(code, 0, "{err}");
                assert_eq!(
                    out,
                    c["output"].as_str().unwrap(),
                    "{file}:{line} {}",
                    c["word"]
                );
            }
            "stats" => {
                let (code, out, err) =
                    run_nlkit(&["stats", &idx, "--top", "40", "--format", "json"], b"");
                assert_eq!(code, 0, "{err}");
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["tokens"], c["tokens"], "{file}:{line}");
                assert_eq!(v["types"], c["types"], "{file}:{line}");
                assert_eq!(v["most_common"], c["most_common"], "{file}:{line}");
                if common::nltk_data().is_some() {
                    assert_eq!(v["collocations"], c["collocations"], "{file}:{line}");
                }
            }
            k => panic!("unknown kind {k}"),
        }
        checked += 1;
    }
    assert!(checked >= 12);
}

#[test]
fn tiny_memory_budget_gives_the_same_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sample_dir(tmp.path());
    // Make the corpus large enough for several postings passes at 1 MiB (262,144 positions per pass).
    let text = std::fs::read_to_string(dir.join("inaugural-2009.txt")).unwrap();
    std::fs::write(dir.join("inaugural-2009.txt"), text.repeat(200)).unwrap();
    let a = tmp.path().join("a.nlkidx");
    let b = tmp.path().join("b.nlkidx");
    let d = dir.to_string_lossy().to_string();
    let (c1, _, e1) = run_nlkit(
        &["index", &d, "-o", a.to_str().unwrap(), "--memory", "1"],
        b"",
    );
    let (c2, _, e2) = run_nlkit(&["index", &d, "-o", b.to_str().unwrap()], b"");
    assert_eq!((c1, c2), (0, 0), "{e1} {e2}");
    for f in ["index.nlk", "vocab.fst", "keys.fst"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn default_index_name_and_missing_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sample_dir(tmp.path());
    let (code, _, err) = run_nlkit_in(Some(tmp.path()), &["concordance", "sample", "nation"], b"");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("nlkit index sample"),
        "{err}"
    );
    let (code, _, err) = run_nlkit_in(Some(tmp.path()), &["index", dir.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    assert!(tmp.path().join("sample.nlkidx/index.nlk").exists());
    let (code, out, err) = run_nlkit_in(
        Some(tmp.path()),
        &["concordance", "sample", "nation", "--lines", "2"],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Displaying 2 of "), "{out}");
}

fn expect_bad(idx: &Path, needle: &str) {
    let (code, out, err) = run_nlkit(&["stats", idx.to_str().unwrap()], b"");
    assert_eq!(code, 1, "{out}");
    assert!(err.starts_with("nlkit: ") && err.contains(needle), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn bad_index_files_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sample_dir(tmp.path());
    let idx = tmp.path().join("x.nlkidx");
    let (code, _, err) = run_nlkit(
        &["index", dir.to_str().unwrap(), "-o", idx.to_str().unwrap()],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let main = idx.join("index.nlk");
    let good = std::fs::read(&main).unwrap();

    let mut bad = good.clone();
    bad[0] = b'X';
    std::fs::write(&main, &bad).unwrap();
    expect_bad(&idx, "bad magic");

    let mut bad = good.clone();
    bad[8] = 9;
    std::fs::write(&main, &bad).unwrap();
    expect_bad(&idx, "version 9 is not supported");

    std::fs::write(&main, &good[..good.len() / 2]).unwrap();
    expect_bad(&idx, "not a valid nlkit index");

    std::fs::write(&main, &good[..10]).unwrap();
    expect_bad(&idx, "too short");

    std::fs::write(&main, &good).unwrap();
    std::fs::write(idx.join("keys.fst"), b"garbage").unwrap();
    expect_bad(&idx, "keys.fst");

    std::fs::remove_file(idx.join("keys.fst")).unwrap();
    expect_bad(&idx, "keys.fst");

    // An existing folder that is not an index is never replaced.
    let other = tmp.path().join("notanindex");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("keep.txt"), b"x").unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "index",
            dir.to_str().unwrap(),
            "-o",
            other.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not an nlkit index"), "{err}");
    assert!(other.join("keep.txt").exists());
}

#[test]
fn index_of_empty_or_missing_input() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "index",
            empty.to_str().unwrap(),
            "-o",
            tmp.path().join("e").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("no text files"), "{err}");
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("a.txt"), b"ok\nnot \xff utf8\n").unwrap();
    let (code, _, err) = run_nlkit(
        &[
            "index",
            bad.to_str().unwrap(),
            "-o",
            tmp.path().join("b").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("a.txt") && err.contains("byte offset 7"),
        "{err}"
    );
    let (code, _, err) = run_nlkit(&["index", "no_such_corpus_xyz"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("unknown corpus"), "{err}");
}

/// Pins the on-disk format: magic, version, counts and section layout of a
/// tiny index (update deliberately, with a version bump, when the format changes).
#[test]
fn index_format_is_pinned() {
    use nlkit::index::{build_index, BuildOptions, Index, MAGIC, VERSION};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t.nlkidx");
    let words = ["The", "cat", "the", "end"]
        .into_iter()
        .map(|w| Ok(w.to_string()));
    build_index(words, &out, &BuildOptions::default()).unwrap();
    let bytes = std::fs::read(out.join("index.nlk")).unwrap();
    assert_eq!(&bytes[..8], b"NLKIDX\0\x01");
    assert_eq!(MAGIC, b"NLKIDX\0\x01");
    assert_eq!(VERSION, 1);
    let u64_at = |o: usize| u64::from_le_bytes(bytes[o..o + 8].try_into().unwrap());
    assert_eq!(u32::from_le_bytes(bytes[8..12].try_into().unwrap()), 1);
    assert_eq!((u64_at(16), u64_at(24), u64_at(32)), (4, 4, 3)); // tokens, types, keys
    assert_eq!(u64_at(40), 128); // tokens section right after the header
    assert_eq!(
        &bytes[128..144],
        &[0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]
    );
    assert_eq!(u64_at(40 + 8 * 8), bytes.len() as u64); // end-of-file offset
    let idx = Index::open(&out).unwrap();
    assert_eq!(idx.positions("THE").unwrap(), [0, 2]);
    assert_eq!(idx.tokens(1, 3).unwrap(), ["cat", "the"]);
    assert_eq!(
        idx.most_common(4),
        [("The", 1), ("cat", 1), ("the", 1), ("end", 1)]
    );
    assert!(idx.meta().collocations.is_none());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any corruption of a valid index gives an error or a working index, never a panic.
    #[test]
    fn corrupted_index_never_panics(pos in 8usize..400, byte in proptest::prelude::any::<u8>(), cut in 0usize..600) {
        use nlkit::index::{build_index, BuildOptions, Index};
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("t.nlkidx");
        let words = "the cat saw the dog and the bird".split(' ').map(|w| Ok(w.to_string()));
        build_index(words, &out, &BuildOptions::default()).unwrap();
        let p = out.join("index.nlk");
        let mut bytes = std::fs::read(&p).unwrap();
        if pos < bytes.len() {
            bytes[pos] = byte;
        }
        if cut < bytes.len() && cut % 3 == 0 {
            bytes.truncate(cut);
        }
        std::fs::write(&p, &bytes).unwrap();
        if let Ok(idx) = Index::open(&out) {
            let _ = idx.concordance("the", 40, 5);
            let _ = idx.most_common(3);
            let _ = idx.tokens(0, 100);
        }
    }
}

#[test]
fn absurd_width_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sample_dir(tmp.path());
    let idx = tmp.path().join("w.nlkidx");
    let (code, _, err) = run_nlkit(
        &["index", dir.to_str().unwrap(), "-o", idx.to_str().unwrap()],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_nlkit(
        &[
            "concordance",
            idx.to_str().unwrap(),
            "the",
            "--width",
            "99999999999",
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("too large"), "{err}");
    let (code, out, _) = run_nlkit(
        &[
            "concordance",
            idx.to_str().unwrap(),
            "the",
            "--width",
            "0",
            "--lines",
            "1",
        ],
        b"",
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("Displaying 1 of"), "{out}");
}
