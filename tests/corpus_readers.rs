//! `nlkit corpus`: parity with NLTK's corpus readers on the NLTK data folder
//! (cases from scripts/parity/gen_corpus.py), and bad input (corrupt zip,
//! missing files, malformed trees and CoNLL lines, unknown names).
mod common;

use common::{corpus_err, run_nlkit, write};
use proptest::prelude::*;

#[test]
fn readers_match_nltk() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let data = data.to_string_lossy().to_string();
    let mut failures = Vec::new();
    let cases = common::parity_cases("corpus");
    for (file, line, c) in &cases {
        let corpus = c["corpus"].as_str().unwrap();
        let view = c["view"].as_str().unwrap();
        let mut args = vec!["corpus", corpus, view, "--data", data.as_str()];
        let extra: Vec<String> = c["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        args.extend(extra.iter().map(String::as_str));
        let (code, out, err) = run_nlkit(&args, b"");
        if code != 0 {
            failures.push(format!("{file}:{line} {args:?}: exit {code}: {err}"));
            continue;
        }
        let items: Vec<&str> = out.lines().collect();
        let want = |k: &str| -> Vec<String> {
            c[k].as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect()
        };
        let count = c["count"].as_u64().unwrap() as usize;
        let first = want("first");
        let last = want("last");
        if items.len() != count
            || items[..first.len().min(items.len())] != first[..]
            || items[items.len().saturating_sub(last.len())..] != last[..]
        {
            failures.push(format!(
                "{file}:{line} {corpus} {view} {extra:?}: {} items (NLTK {count})",
                items.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corrupt_zip_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "corpora/brown.zip",
        b"PK\x03\x04 this is not really a zip",
    );
    let err = corpus_err(d.path(), &["brown", "words"]);
    assert!(err.contains("brown.zip") && err.contains("zip"), "{err}");
}

#[test]
fn missing_corpus_says_how_to_download() {
    let d = tempfile::tempdir().unwrap();
    let err = corpus_err(d.path(), &["treebank", "parsed"]);
    assert!(err.contains("nlkit download treebank"), "{err}");
}

#[test]
fn missing_listed_file_names_it() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "corpora/conll2000/train.txt", b"He PRP B-NP\n");
    let err = corpus_err(d.path(), &["conll2000", "words"]);
    assert!(err.contains("test.txt"), "{err}");
}

#[test]
fn malformed_tree_names_file_and_line() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "corpora/treebank/combined/wsj_0001.mrg",
        b"( (S (NP (NN a)) ) )\n\n( (S (NP (NN b)\n   (VP (VB c)) )\n",
    );
    let err = corpus_err(d.path(), &["treebank", "parsed"]);
    assert!(err.contains("wsj_0001.mrg:3"), "{err}");
    assert!(err.contains("malformed tree"), "{err}");
    // words are read with NLTK's regular expressions and still work.
    let (code, out, _) = run_nlkit(
        &[
            "corpus",
            "treebank",
            "words",
            "--data",
            d.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "a\nb\nc\n");
}

#[test]
fn malformed_conll_names_file_and_line() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "corpora/conll2000/train.txt",
        b"He PRP B-NP\nran VBD B-VP\n\nA DT B-NP\nbad NN\n",
    );
    write(d.path(), "corpora/conll2000/test.txt", b"");
    let err = corpus_err(d.path(), &["conll2000", "iob"]);
    assert!(err.contains("train.txt:5"), "{err}");
    assert!(err.contains("Inconsistent number of columns"), "{err}");
}

#[test]
fn bad_category_file_and_encoding_are_reported() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "corpora/brown/ca01", b"The/at cat/nn\n");
    write(
        d.path(),
        "corpora/brown/cats.txt",
        b"ca01 news\nca99 fiction\n",
    );
    let err = corpus_err(d.path(), &["brown", "words"]);
    assert!(err.contains("cats.txt:2") && err.contains("ca99"), "{err}");
    write(d.path(), "corpora/brown/cats.txt", b"ca01 news\n");
    write(d.path(), "corpora/brown/ca01", b"The/at caf\xe9/nn\n");
    let err = corpus_err(d.path(), &["brown", "tagged"]);
    assert!(err.contains("ca01") && err.contains("ASCII"), "{err}");
    let err = corpus_err(d.path(), &["brown", "words", "--categories", "nope"]);
    assert!(err.contains("Category nope not found"), "{err}");
    let err = corpus_err(d.path(), &["brown", "words", "--fileids", "zz99"]);
    assert!(err.contains("zz99"), "{err}");
}

#[test]
fn unknown_corpus_and_missing_view() {
    let d = tempfile::tempdir().unwrap();
    let err = corpus_err(d.path(), &["no_such_corpus", "words"]);
    assert!(err.contains("unknown corpus"), "{err}");
    write(d.path(), "corpora/words/en", b"a\nb\n");
    let err = corpus_err(d.path(), &["words", "parsed"]);
    assert!(err.contains("no `parsed` view"), "{err}");
    let (code, _, _) = run_nlkit(&["corpus", "words", "nonsense-view"], b"");
    assert_eq!(code, 2);
}

#[test]
fn reads_a_zip_and_a_plain_folder() {
    use std::io::Write;
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("corpora")).unwrap();
    let f = std::fs::File::create(d.path().join("corpora/names.zip")).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("names/female.txt", opts).unwrap();
    z.write_all(b"Ann\n\nBea\n").unwrap();
    z.start_file("names/male.txt", opts).unwrap();
    z.write_all(b"Carl").unwrap();
    z.finish().unwrap();
    let (code, out, err) = run_nlkit(
        &[
            "corpus",
            "names",
            "words",
            "--data",
            d.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Ann\nBea\nCarl\n");
    let txt = d.path().join("texts");
    write(&txt, "a.txt", b"Hello, world!\n");
    write(&txt, ".hidden", b"secret");
    let (code, out, err) = run_nlkit(&["corpus", txt.to_str().unwrap(), "words"], b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Hello\n,\nworld\n!\n");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tree_parser_never_panics(s in "[()a-zA-Z \\\\\n\t]{0,80}") {
        let _ = nlkit::tree::Tree::fromstring(&s);
    }

    #[test]
    fn tree_parser_never_panics_on_any_text(s in "\\PC{0,60}") {
        if let Ok(t) = nlkit::tree::Tree::fromstring(&s) {
            // Whatever parses prints back to a string that parses to the same tree.
            let again = nlkit::tree::Tree::fromstring(&t.to_string()).unwrap();
            prop_assert_eq!(again, t);
        }
    }
}

#[test]
fn plaintext_and_wordlist_bad_encoding_name_the_file() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "corpora/udhr2/x.txt", b"fine\nbad \xc3( here\n");
    let err = corpus_err(d.path(), &["udhr2", "words"]);
    assert!(
        err.contains("x.txt") && err.contains("byte offset 9"),
        "{err}"
    );
    write(d.path(), "corpora/names/female.txt", b"Ann\nB\xe9a\n");
    let err = corpus_err(d.path(), &["names", "words"]);
    assert!(err.contains("female.txt") && err.contains("ASCII"), "{err}");
    // cmudict is one fixed file: missing means a clear I/O error naming it.
    std::fs::create_dir_all(d.path().join("corpora/cmudict")).unwrap();
    let err = corpus_err(d.path(), &["cmudict", "entries"]);
    assert!(err.contains("cmudict/cmudict"), "{err}");
}

#[test]
fn plaintext_sents_use_punkt_from_the_data_folder() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let (code, out, err) = run_nlkit(
        &[
            "corpus",
            "inaugural",
            "sents",
            "--fileids",
            "2009-Obama.txt",
            "--data",
            data.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some("My fellow citizens :"));
}

#[test]
fn conllu_files_are_read_and_bad_lines_located() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("x.conllu");
    std::fs::write(
        &p,
        "# text = Hi there\n1-2\tHi'\t_\t_\t_\t_\t_\t_\t_\t_\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n",
    )
    .unwrap();
    let path = p.to_str().unwrap();
    let (code, out, err) = run_nlkit(&["corpus", path, "tagged"], b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Hi\tUH\nthere\tRB\n");
    let (code, out, _) = run_nlkit(&["corpus", path, "sents"], b"");
    assert_eq!((code, out.as_str()), (0, "Hi there\n"));
    std::fs::write(&p, "1\tHi\thi\n").unwrap();
    let (code, _, err) = run_nlkit(&["corpus", path, "words"], b"");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("x.conllu:1"),
        "{err}"
    );
}
