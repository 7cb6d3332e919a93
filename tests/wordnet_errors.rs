//! WordNet and `nlkit lemmatize` / `nlkit wordnet` on bad input: missing or
//! damaged databases, odd words, unknown parts of speech — clear errors,
//! never a panic.
mod common;

use std::path::{Path, PathBuf};

use nlkit::wordnet::{Pos, WordNet, WordNetLemmatizer};
use proptest::prelude::*;

fn wordnet_dir() -> Option<PathBuf> {
    Some(common::nltk_data()?.join("corpora/wordnet"))
}

/// A copy of the real WordNet folder in a temp dir, to damage.
fn copy_wordnet(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn truncate(path: &Path, keep: f64) {
    let bytes = std::fs::read(path).unwrap();
    let n = (bytes.len() as f64 * keep) as usize;
    std::fs::write(path, &bytes[..n]).unwrap();
}

fn assert_cli_error(args: &[&str], stdin: &[u8], needle: &str) {
    let (code, _, err) = common::run_nlkit(args, stdin);
    assert_eq!(code, 1, "{args:?}: {err}");
    assert!(err.starts_with("nlkit: "), "{err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected {needle:?} in {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn missing_folder_says_how_to_download() {
    let e = WordNet::open(Path::new("/nonexistent/wordnet")).unwrap_err();
    assert!(e.to_string().contains("nlkit download wordnet"), "{e}");
    let empty = tempfile::tempdir().unwrap();
    let e = WordNet::load(Some(empty.path())).unwrap_err();
    assert!(e.to_string().contains("nlkit download wordnet"), "{e}");
    assert_cli_error(
        &["lemmatize", "--wordnet", "/nonexistent/wordnet"],
        b"dogs\n",
        "nlkit download wordnet",
    );
    assert_cli_error(
        &["wordnet", "dog", "--wordnet", "/nonexistent/wordnet"],
        b"",
        "nlkit download wordnet",
    );
}

#[test]
fn folder_without_database_files_says_how_to_download() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lexnames"), "00\tadj.all\t3\n").unwrap();
    let e = WordNet::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains("nlkit download wordnet"), "{e}");
    assert!(e.to_string().contains("index.noun"), "{e}");
}

#[test]
fn corrupt_zip_says_how_to_download() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpora")).unwrap();
    std::fs::write(
        dir.path().join("corpora/wordnet.zip"),
        b"PK\x03\x04 not really",
    )
    .unwrap();
    let e = WordNet::load(Some(dir.path())).unwrap_err();
    assert!(e.to_string().contains("nlkit download wordnet"), "{e}");
}

#[test]
fn unknown_pos_is_a_clear_error() {
    for bad in ["x", "", "nn", "N", "noun"] {
        let e = bad.parse::<Pos>().unwrap_err();
        assert!(e.to_string().contains("part of speech"), "{e}");
    }
    // The POS is checked before WordNet is opened.
    assert_cli_error(
        &["lemmatize", "--pos", "x"],
        b"dogs\n",
        "unknown WordNet part of speech `x`",
    );
    assert_cli_error(
        &["wordnet", "dog", "--pos", "q"],
        b"",
        "unknown WordNet part of speech `q`",
    );
}

#[test]
fn missing_and_truncated_files_are_clear_errors() {
    let Some(src) = wordnet_dir() else { return };
    // A missing file.
    let dir = copy_wordnet(&src);
    std::fs::remove_file(dir.path().join("data.verb")).unwrap();
    let e = WordNet::open(dir.path()).unwrap_err();
    assert!(
        e.to_string().contains("data.verb") && e.to_string().contains("nlkit download wordnet"),
        "{e}"
    );

    // A truncated index: found when the noun index is first used.
    let dir = copy_wordnet(&src);
    truncate(&dir.path().join("index.noun"), 0.5);
    let wn = WordNet::open(dir.path()).unwrap();
    let lem = WordNetLemmatizer::new(wn.clone());
    assert_eq!(lem.lemmatize("ran", Pos::Verb).unwrap(), "run");
    let e = lem.lemmatize("dogs", Pos::Noun).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("index.noun")
            && msg.contains("truncated")
            && msg.contains("nlkit download wordnet"),
        "{msg}"
    );
    // The same error again (not a panic, not a silently empty index).
    assert!(wn.synsets("dog", None).is_err());
    let d = dir.path().to_str().unwrap();
    assert_cli_error(&["lemmatize", "--wordnet", d], b"dogs\n", "truncated");

    // A truncated data file.
    let dir = copy_wordnet(&src);
    truncate(&dir.path().join("data.noun"), 0.3);
    let wn = WordNet::open(dir.path()).unwrap();
    let e = wn.synsets("zebra", Some(Pos::Noun)).unwrap_err();
    assert!(e.to_string().contains("nlkit download wordnet"), "{e}");
    let d = dir.path().to_str().unwrap();
    assert_cli_error(
        &["wordnet", "zebra", "--wordnet", d],
        b"",
        "nlkit download wordnet",
    );

    // Garbage where a synset line should be.
    let dir = copy_wordnet(&src);
    let p = dir.path().join("data.adv");
    let mut bytes = std::fs::read(&p).unwrap();
    let start = bytes.len() / 2;
    for b in &mut bytes[start..start + 4000] {
        if *b != b'\n' {
            *b = b'#';
        }
    }
    std::fs::write(&p, bytes).unwrap();
    let wn = WordNet::open(dir.path()).unwrap();
    let mut errors = 0;
    for w in wn.all_lemma_names(Pos::Adv).unwrap() {
        if wn.synsets(&w, Some(Pos::Adv)).is_err() {
            errors += 1;
        }
    }
    assert!(errors > 0);
}

#[test]
fn odd_words_match_nltk() {
    let Some(dir) = wordnet_dir() else { return };
    let long = "a".repeat(10_000);
    let words = [
        "",
        "DOGS",
        "Dogs",
        "dOgS",
        "Geese",
        "1990s",
        "42",
        "3rd",
        "naïve",
        "собаки",
        "犬たち",
        "ÉTÉ",
        "ﬁsh",
        "dogs\u{301}",
        "men",
        "\u{200b}",
        "ies",
        "s",
        "es",
        "ing",
        long.as_str(),
    ];
    let input: String = words.iter().map(|w| format!("{w}\n")).collect();
    for pos in ["n", "v", "a", "r", "s"] {
        let Some(want) = common::run_nltk(
            &format!("import sys\nfrom nltk.stem import WordNetLemmatizer as W\nl=W()\nfor w in sys.stdin.read().split('\\n')[:-1]: print(l.lemmatize(w, '{pos}'))"),
            &input,
        ) else {
            return;
        };
        let (code, out, err) = common::run_nlkit(
            &[
                "lemmatize",
                "--pos",
                pos,
                "--wordnet",
                dir.to_str().unwrap(),
            ],
            input.as_bytes(),
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, want, "pos {pos}");
    }
    let wn = WordNet::open(&dir).unwrap();
    for w in words {
        assert!(wn.synsets(w, None).is_ok());
        assert!(wn.morphy(w, None).is_ok());
    }
}

#[test]
fn invalid_utf8_and_bad_tagged_lines() {
    let Some(dir) = wordnet_dir() else { return };
    let d = dir.to_str().unwrap();
    assert_cli_error(
        &["lemmatize", "--wordnet", d],
        b"dogs\ncat\xffs\n",
        "byte offset 8",
    );
    let (code, out, err) = common::run_nlkit(
        &["lemmatize", "--lossy", "--wordnet", d],
        b"dogs\ncat\xffs\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "dog\ncat\u{fffd}s\n");
    assert_cli_error(
        &["lemmatize", "--tagged", "--wordnet", d],
        b"dogs\tNNS\ncats\n",
        "line 2",
    );
    assert_cli_error(
        &["wordnet", "-", "--wordnet", d],
        b"dog\n\xff\n",
        "invalid UTF-8",
    );
    assert_cli_error(
        &["wordnet", "dog.n.99", "--wordnet", d],
        b"",
        "only has 7 senses",
    );
    assert_cli_error(
        &["wordnet", "--similarity", "dog.n.01", "--wordnet", d],
        b"",
        "pairs",
    );
}

#[test]
fn malformed_synset_names_are_errors_not_panics() {
    let Some(dir) = wordnet_dir() else { return };
    let wn = WordNet::open(&dir).unwrap();
    for name in [
        "",
        ".",
        "..",
        "...",
        "dog",
        "dog.n",
        "dog.n.",
        "dog.n.x",
        "dog.n.99999999999999999999",
        "dog.n.-99",
        "dog..01",
        ".n.01",
        "dog.s.01",
        "dog.zz.01",
        "собака.n.01",
        "dog.n.1.2",
        "dog.n.٣",
    ] {
        let r = wn.synset(name);
        assert!(r.is_err(), "{name}: {r:?}");
    }
}

/// One WordNet shared by all proptest cases (loading it is the slow part).
fn shared_wordnet() -> Option<WordNet> {
    static WN: std::sync::OnceLock<Option<WordNet>> = std::sync::OnceLock::new();
    WN.get_or_init(|| wordnet_dir().map(|d| WordNet::open(&d).unwrap()))
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn lemmatize_and_synsets_never_panic(word in "\\PC{0,40}", pos in 0usize..5) {
        let Some(wn) = shared_wordnet() else { return Ok(()) };
        let lem = WordNetLemmatizer::new(wn.clone());
        let p = [Pos::Noun, Pos::Verb, Pos::Adj, Pos::AdjSat, Pos::Adv][pos];
        let l = lem.lemmatize(&word, p).unwrap();
        prop_assert!(l == word || wn.morphy_all(&word, p).unwrap().contains(&l));
        wn.synsets(&word, None).unwrap();
        let _ = wn.synset(&word);
    }
}
