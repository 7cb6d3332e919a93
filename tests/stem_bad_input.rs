//! `nlkit stem` and the stemmer library on bad or unusual input: clear
//! errors (exit 1, `nlkit: ` prefix), never a panic.
mod common;
use common::run_nlkit;

use nlkit::stem::{
    LancasterStemmer, RegexpStemmer, RslpStemmer, SnowballLanguage, Stemmer, StemmerSpec,
};

const ALGS: &[&str] = &[
    "porter",
    "porter:original",
    "porter:martin",
    "lancaster",
    "lancaster:strip-prefix",
    "snowball:english",
    "snowball:german",
    "snowball:russian",
    "snowball:arabic",
    "snowball:porter",
    "cistem",
    "regexp:ing$|s$",
];

#[test]
fn one_output_line_per_input_line_for_odd_words() {
    let long = "x".repeat(10_000);
    let input =
        format!("\n\nrunning\n{long}\nМосква\n東京\nالعربية\nMiXeD\n12345\n3rd\n  spaced  \n");
    let n = input.lines().count();
    for alg in ALGS {
        let (code, out, err) = run_nlkit(&["stem", "--algorithm", alg], input.as_bytes());
        assert_eq!(code, 0, "{alg}: {err}");
        assert_eq!(out.lines().count(), n, "{alg}");
        assert_eq!(
            out.lines().next(),
            Some(""),
            "{alg}: empty line stays empty"
        );
    }
}

#[test]
fn tokens_mode_stems_each_token_and_jobs_keep_order() {
    let mut input = String::new();
    for i in 0..5000 {
        input.push_str(&format!("The runners were running {i} races\n"));
    }
    let (c1, o1, _) = run_nlkit(&["stem", "--tokens", "-a", "porter"], input.as_bytes());
    let (c2, o2, _) = run_nlkit(
        &["stem", "--tokens", "-a", "porter", "--jobs", "2"],
        input.as_bytes(),
    );
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(o1, o2);
    assert_eq!(o1.lines().next(), Some("the runner were run 0 race"));
}

#[test]
fn invalid_utf8_is_a_clear_error_or_lossy() {
    let (code, _, err) = run_nlkit(&["stem"], b"fine\nbad \xff word\n");
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: "), "{err}");
    assert!(err.contains("byte offset 9"), "{err}");
    let (code, out, _) = run_nlkit(&["stem", "--lossy"], b"bad\xffs\n");
    assert_eq!(code, 0);
    assert!(out.contains('\u{fffd}'));
}

#[test]
fn unknown_names_are_clear_errors() {
    for (alg, needle) in [
        ("snowball:klingon", "unknown Snowball language `klingon`"),
        ("snowball", "snowball needs a language"),
        ("stemmy", "unknown stemming algorithm"),
        ("porter:fast", "unknown Porter mode"),
        ("regexp:(unclosed", "invalid regular expression"),
    ] {
        let (code, _, err) = run_nlkit(&["stem", "-a", alg], b"word\n");
        assert_eq!(code, 1, "{alg}");
        assert!(
            err.starts_with("nlkit: ") && err.contains(needle),
            "{alg}: {err}"
        );
    }
    let (code, _, err) = run_nlkit(&["stem", "-a", "porter", "--ignore-stopwords"], b"x\n");
    assert_eq!(code, 1);
    assert!(err.contains("snowball"), "{err}");
}

#[test]
fn missing_data_says_how_to_get_it() {
    let empty = tempfile::tempdir().unwrap();
    let d = empty.path().to_str().unwrap();
    let (code, _, err) = run_nlkit(&["stem", "-a", "rslp", "--data", d], b"casas\n");
    assert_eq!(code, 1);
    assert!(err.contains("nlkit download"), "{err}");
    let (code, _, err) = run_nlkit(
        &[
            "stem",
            "-a",
            "snowball:english",
            "--ignore-stopwords",
            "--data",
            d,
        ],
        b"the\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("nlkit download stopwords"), "{err}");
    assert!(RslpStemmer::load(Some(empty.path())).is_err());
}

#[test]
fn missing_file_is_clear_error() {
    let (code, _, err) = run_nlkit(&["stem", "/nonexistent/words.txt"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/words.txt"), "{err}");
}

#[test]
fn stopwords_from_a_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sw = dir.path().join("corpora/stopwords");
    std::fs::create_dir_all(&sw).unwrap();
    std::fs::write(sw.join("english"), "being\nhaving\n\n").unwrap();
    std::fs::write(sw.join("README"), "not a language\n").unwrap();
    assert_eq!(
        nlkit::stem::stopwords::languages(Some(dir.path())).unwrap(),
        ["english"]
    );
    let st =
        nlkit::stem::SnowballStemmer::with_stopwords(SnowballLanguage::English, Some(dir.path()))
            .unwrap();
    assert_eq!(st.stem("Being"), "being");
    assert_eq!(st.stem("walking"), "walk");
    assert!(nlkit::stem::stopwords::words("german", Some(dir.path())).is_err());
    assert!(nlkit::stem::SnowballStemmer::with_stopwords(
        SnowballLanguage::Porter,
        Some(dir.path())
    )
    .is_err());
    let (code, out, err) = run_nlkit(
        &[
            "stem",
            "-a",
            "snowball:english",
            "--ignore-stopwords",
            "--data",
            dir.path().to_str().unwrap(),
        ],
        b"having\nhaving fun\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "having\nhaving fun\n");
}

#[test]
fn custom_rules_are_validated_and_cannot_hang() {
    assert!(LancasterStemmer::with_rules(&["ssen4>", "not a rule"], false).is_err());
    assert!(LancasterStemmer::with_rules(&["ab"], false).is_err());
    // NLTK loops forever on these tables; nlkit stops.
    let st = LancasterStemmer::with_rules(&["a0>"], false).unwrap();
    assert_eq!(st.stem("banana"), "banana");
    let st = LancasterStemmer::with_rules(&["a0a>"], false).unwrap();
    assert!(st.stem("banana").starts_with("banana"));
    // Regexp patterns that make a backtracking engine explode give up cleanly.
    let st = RegexpStemmer::new("(a+)+$", 0).unwrap();
    let _ = st.stem(&format!("{}b", "a".repeat(40)));
    assert!(StemmerSpec::parse("regexp:(")
        .unwrap()
        .build(false, None)
        .is_err());
}

#[test]
fn rslp_rule_files_are_parsed_as_nltk_does() {
    let step0 = "# plural\n\"ns\"\t1\t\"m\"\t\"\"\n\"s\"\t\t2\t\"\"\t\"lápis\",\"cais\"\n";
    let bad = "\"ns\"\tone\t\"m\"\t\"\"\n";
    let empty = "";
    let st = RslpStemmer::from_rules([step0, empty, empty, empty, empty, empty, empty]).unwrap();
    assert_eq!(st.stem("bons"), "bom");
    assert_eq!(st.stem("casas"), "casa");
    assert_eq!(st.stem("lápis"), "lápis");
    assert_eq!(st.stem(""), "");
    assert!(RslpStemmer::from_rules([bad, empty, empty, empty, empty, empty, empty]).is_err());
    assert!(
        RslpStemmer::from_rules(["\"x\"\n", empty, empty, empty, empty, empty, empty]).is_err()
    );
}

#[test]
fn no_lowercase_is_porter_only() {
    let (code, out, _) = run_nlkit(&["stem", "-a", "porter", "--no-lowercase"], b"Caresses\n");
    assert_eq!(code, 0);
    assert_eq!(out, "Caress\n");
    let (code, _, err) = run_nlkit(&["stem", "-a", "lancaster", "--no-lowercase"], b"x\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nlkit: ") && err.contains("porter"),
        "{err}"
    );
}
