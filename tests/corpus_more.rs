//! The later corpus readers (dependency_treebank, ppattach, sinica_treebank,
//! ieer, udhr): bad input gives one clear error naming the file and line,
//! never a panic. Parity with NLTK for them is checked by
//! `tests/corpus_readers.rs` (cases in tests/parity/corpus/readers.jsonl).
mod common;

use common::{corpus_err, corpus_ok, write};
use nlkit::corpus::{
    DependencyCorpusReader, IEERCorpusReader, PPAttachmentCorpusReader, SinicaTreebankCorpusReader,
};
use proptest::prelude::*;

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
    write(
        d.path(),
        "corpora/dependency_treebank/b.dp",
        b"caf\xe9\tNN\t0\n",
    );
    let err = corpus_err(d.path(), &["dependency_treebank", "words"]);
    assert!(err.contains("b.dp") && err.contains("ASCII"), "{err}");
}

#[test]
fn ppattach_reads_and_reports_short_lines() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "corpora/ppattach/training",
        b"0 join board as director V\n",
    );
    write(d.path(), "corpora/ppattach/test", b"");
    write(
        d.path(),
        "corpora/ppattach/devset",
        b"1 is chairman of N.V. N\n",
    );
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
    assert!(
        err.contains("test:2") && err.contains("expected 6"),
        "{err}"
    );
    let err = corpus_err(d.path(), &["ppattach", "words"]);
    assert!(err.contains("no `words` view"), "{err}");
    std::fs::remove_file(d.path().join("corpora/ppattach/devset")).unwrap();
    let err = corpus_err(d.path(), &["ppattach", "entries"]);
    assert!(err.contains("devset") || err.contains("test:2"), "{err}");
}

#[test]
fn sinica_treebank_reads_and_reports_bad_trees() {
    let d = tempfile::tempdir().unwrap();
    let good = "#1:1.[4257] NP(Head:Neu:一)#。(PERIODCATEGORY)\n";
    write(d.path(), "corpora/sinica_treebank/parsed", good.as_bytes());
    assert_eq!(
        corpus_ok(d.path(), &["sinica_treebank", "tagged"]),
        "一\tNeu\n"
    );
    assert_eq!(
        corpus_ok(d.path(), &["sinica_treebank", "parsed"]),
        "(NP (Neu 一))\n"
    );
    let bad = format!("{good}#2:2.[1] S(theme:NP(Head:Nab:X)|Head:VC1:Y#，(COMMACATEGORY)\n");
    write(d.path(), "corpora/sinica_treebank/parsed", bad.as_bytes());
    let err = corpus_err(d.path(), &["sinica_treebank", "parsed"]);
    assert!(
        err.contains("parsed:2") && err.contains("malformed tree"),
        "{err}"
    );
    // words come from regular expressions and still work.
    assert_eq!(
        corpus_ok(d.path(), &["sinica_treebank", "words"]),
        "一\nX\nY#，\n"
    );
    write(
        d.path(),
        "corpora/sinica_treebank/parsed",
        b"NP(Head:Nab:\xff)\n",
    );
    let err = corpus_err(d.path(), &["sinica_treebank", "words"]);
    assert!(err.contains("parsed") && err.contains("UTF-8"), "{err}");
}

#[test]
fn ieer_docs_match_nltk() {
    // NLTK's raw `docs()` text of the first file, against nlkit's library.
    let Some(data) = common::nltk_data() else {
        return;
    };
    let Some(want) = common::run_nltk(
        "import json, nltk; print(json.dumps(list(nltk.corpus.ieer.docs('APW_19980314'))))",
        "",
    ) else {
        return;
    };
    let want: Vec<String> = serde_json::from_str(&want).unwrap();
    let c = nlkit::corpus::open_corpus("ieer", Some(&data)).unwrap();
    let nlkit::corpus::Corpus::Ieer(r) = c else {
        panic!("ieer is not an IEER reader")
    };
    let sel = ["APW_19980314".to_string()];
    let got: Vec<String> = r.docs(Some(&sel)).collect::<Result<_, _>>().unwrap();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "docs differ from NLTK's");
}

#[test]
fn ieer_reads_and_reports_bad_markup() {
    let d = tempfile::tempdir().unwrap();
    let doc = |text: &str| {
        format!(
            "<DOC>\n<DOCNO> X1 </DOCNO>\n<BODY>\n<HEADLINE>\nHi there\n</HEADLINE>\n<TEXT>\n{text}\n</TEXT>\n</BODY>\n</DOC>\n"
        )
    };
    let good = doc(r#"In <b_enamex type="LOCATION">Kenya<e_enamex> today."#);
    write(d.path(), "corpora/ieer/A", good.as_bytes());
    write(d.path(), "corpora/ieer/README", b"not a corpus file");
    assert_eq!(corpus_ok(d.path(), &["ieer", "fileids"]), "A\n");
    assert_eq!(
        corpus_ok(d.path(), &["ieer", "words"]),
        "In\nKenya\ntoday.\n"
    );
    assert_eq!(
        corpus_ok(d.path(), &["ieer", "parsed"]),
        "(DOCUMENT In (LOCATION Kenya) today.)\n"
    );
    assert_eq!(corpus_ok(d.path(), &["ieer", "entries"]), "X1\tHi there\n");
    // An unclosed entity, an extra end tag, a tag without a type.
    for text in [
        r#"In <b_enamex type="LOCATION">Kenya today."#,
        "In Kenya<e_enamex> today.",
        "In <b_enamex>Kenya<e_enamex> today.",
    ] {
        write(
            d.path(),
            "corpora/ieer/A",
            (good.clone() + &doc(text)).as_bytes(),
        );
        let err = corpus_err(d.path(), &["ieer", "parsed"]);
        assert!(err.contains("ieer/A:"), "{err}");
        assert!(err.contains("IEER") || err.contains("type"), "{err}");
    }
    write(
        d.path(),
        "corpora/ieer/A",
        (good.clone() + &doc("<b_enamex>x")).as_bytes(),
    );
    let err = corpus_err(d.path(), &["ieer", "words"]);
    assert!(err.contains("ieer/A:19"), "{err}");
}

#[test]
fn udhr_decodes_legacy_encodings_and_reports_bad_bytes() {
    let d = tempfile::tempdir().unwrap();
    // Hebrew in ISO-8859-8, Russian in ISO-8859-5, Turkish in ISO-8859-9.
    write(
        d.path(),
        "corpora/udhr/Hebrew-Hebrew",
        b"\xf9\xec\xe5\xed\n",
    );
    write(d.path(), "corpora/udhr/Russian-Cyrillic", b"\xbc\xd8\xe0\n");
    write(d.path(), "corpora/udhr/Turkish_Turkce-Turkish", b"\xddyi\n");
    write(d.path(), "corpora/udhr/Lao-UTF8", b"skipped by NLTK");
    write(d.path(), "corpora/udhr/README", b"not a text");
    assert_eq!(
        corpus_ok(d.path(), &["udhr", "fileids"]),
        "Hebrew-Hebrew\nRussian-Cyrillic\nTurkish_Turkce-Turkish\n"
    );
    assert_eq!(corpus_ok(d.path(), &["udhr", "words"]), "שלום\nМир\nİyi\n");
    // 0xff is unmapped in ISO-8859-8: an error naming the file.
    write(d.path(), "corpora/udhr/Hebrew-Hebrew", b"\xf9\xff\n");
    let err = corpus_err(d.path(), &["udhr", "words"]);
    assert!(
        err.contains("Hebrew-Hebrew") && err.contains("ISO-8859-8"),
        "{err}"
    );
    write(d.path(), "corpora/udhr/Hebrew-Hebrew", b"ok\n");
    write(d.path(), "corpora/udhr/Zulu-UTF8", b"caf\xe9\n");
    let err = corpus_err(d.path(), &["udhr", "words"]);
    assert!(err.contains("Zulu-UTF8"), "{err}");
}

proptest! {
    #[test]
    fn dependency_parser_never_panics(s in "[a-z0-9\\t\\n _-]{0,80}") {
        let _ = DependencyCorpusReader::parse_tagged("f", &s);
        let _ = DependencyCorpusReader::parse_trees("f", &s);
        let _ = PPAttachmentCorpusReader::parse("f", &s);
    }

    #[test]
    fn sinica_parser_never_panics(s in "[#a-z:()| \\n。]{0,60}") {
        let _ = SinicaTreebankCorpusReader::parse_line(&s);
        let _ = SinicaTreebankCorpusReader::tag_line(&s);
    }

    #[test]
    fn ieer_parser_never_panics(s in "(<DOC>|<TEXT>|</TEXT>|<b_x type=\"A\">|<e_x>|<|>|[a-z ]|\n){0,30}") {
        let _ = IEERCorpusReader::parse_doc(&s, "f", 1);
    }

    #[test]
    fn legacy_decoders_never_panic(b in proptest::collection::vec(any::<u8>(), 0..64)) {
        for (_, enc) in nlkit::corpus::udhr_encodings() {
            let _ = enc.decode(&b, "f");
        }
    }
}
