//! The UD tokenizer and the UD sentence splitter: EWT's conventions, spans
//! that index the text, and bad input (very long tokens, 100 kB URLs,
//! punctuation-only lines, mixed scripts, invalid UTF-8, adversarial
//! repetitions) handled linearly and without a panic.

mod common;

use std::time::{Duration, Instant};

use nlkit::sentence::{SentenceTokenizer, UdSentenceTokenizer};
use nlkit::tokenize::{multiword_groups, Tokenizer, UdTokenizer};
use nlkit::Span;

fn toks(text: &str) -> Vec<String> {
    UdTokenizer::new()
        .tokenize(text)
        .into_iter()
        .map(|t| t.into_owned())
        .collect()
}

/// Spans in order, inside the text, on char boundaries, never empty or
/// overlapping, and never covering whitespace at their edges.
fn assert_well_formed(text: &str, spans: &[Span]) {
    let mut last = 0;
    for s in spans {
        assert!(s.start >= last && s.start < s.end, "{s:?} after {last}");
        let piece = text.get(s.start..s.end).expect("span on char boundaries");
        assert_eq!(piece.trim(), piece, "{piece:?}");
        last = s.end;
    }
}

#[test]
fn ewt_conventions() {
    for (text, want) in [
        ("a long-term plan", vec!["a", "long", "-", "term", "plan"]),
        ("non-stop e-mail", vec!["non-stop", "e-mail"]),
        ("I don’t know", vec!["I", "do", "n’t", "know"]),
        (
            "it’s here, isn't it",
            vec!["it", "’s", "here", ",", "is", "n't", "it"],
        ),
        (
            "I cannot, I'm gonna",
            vec!["I", "can", "not", ",", "I", "'m", "gon", "na"],
        ),
        (
            "Mr. Smith of the U.S. etc. in a line",
            vec![
                "Mr.", "Smith", "of", "the", "U.S.", "etc.", "in", "a", "line",
            ],
        ),
        // at the end, EWT's sentence-final abbreviation loses its period
        (
            "soccer, tennis, etc.",
            vec!["soccer", ",", "tennis", ",", "etc", "."],
        ),
        ("at 5 p.m.", vec!["at", "5", "p.m", "."]),
        ("wait...", vec!["wait", "..."]),
        ("in 2001.", vec!["in", "2001", "."]),
        (
            "see http://a.b/c?d=e.",
            vec!["see", "http://a.b/c?d=e", "."],
        ),
        (
            "mail a.b@c.org @jo #tag",
            vec!["mail", "a.b@c.org", "@jo", "#tag"],
        ),
        (
            "wow!!! :) -- ** ...",
            vec!["wow", "!!!", ":)", "--", "**", "..."],
        ),
        ("at 5pm for $20", vec!["at", "5", "pm", "for", "$", "20"]),
        ("call 713-853-3989", vec!["call", "713-853-3989"]),
        ("its not its own", vec!["it", "s", "not", "its", "own"]),
    ] {
        assert_eq!(toks(text), want, "{text}");
    }
}

#[test]
fn spans_are_the_tokens_and_multiword_tokens_are_the_clitic_splits() {
    let text = "We haven’t seen Bob's car; it's gone.";
    let t = UdTokenizer::new();
    let pairs = t.tokens_with_spans(text).unwrap();
    for (tok, s) in &pairs {
        assert_eq!(s.slice(text), tok);
    }
    let words: Vec<&str> = pairs.iter().map(|(t, _)| t.as_ref()).collect();
    let spans: Vec<Span> = pairs.iter().map(|(_, s)| *s).collect();
    let groups: Vec<String> = multiword_groups(&words, &spans)
        .into_iter()
        .map(|(a, b)| words[a..=b].concat())
        .collect();
    assert_eq!(groups, ["haven’t", "Bob's", "it's"]);
}

#[test]
fn sentences_of_web_text() {
    let s = UdSentenceTokenizer::default_english();
    let text = "Dr. Smith went to Washington. He met Sen. Jones!!! Thanks for the help";
    assert_eq!(
        s.tokenize(text),
        [
            "Dr. Smith went to Washington.",
            "He met Sen. Jones!!!",
            "Thanks for the help"
        ]
    );
    // a blank line always ends a sentence
    assert_eq!(s.tokenize("one two\n\nthree").len(), 2);
    assert!(s.tokenize("").is_empty());
    assert!(s.tokenize(" \n\t ").is_empty());
}

fn time_it(text: &str) -> Duration {
    let start = Instant::now();
    let spans = UdTokenizer::new().spans(text);
    assert_well_formed(text, &spans);
    let sents = UdSentenceTokenizer::default_english().span_tokenize(text);
    assert_well_formed(text, &sents);
    start.elapsed()
}

fn adversarial(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("long word", "a".repeat(n)),
        (
            "long url",
            format!("http://example.com/{}", "a/b-c.d?e=f&".repeat(n / 12)),
        ),
        ("punctuation", "!".repeat(n)),
        ("mixed punctuation", ".,".repeat(n / 2)),
        ("abbreviation-like", format!("a{}", ".,".repeat(n / 2))),
        ("emoticons", ":)".repeat(n / 2)),
        ("digit hyphens", "1-".repeat(n / 2)),
        ("letter hyphens", "ab-".repeat(n / 3)),
        ("slashes", "1/".repeat(n / 2)),
        ("quotes", "'\"".repeat(n / 2)),
        (
            "brackets before @",
            format!("{}x@y.com", "<a".repeat(n / 2)),
        ),
        ("apostrophes", "a'".repeat(n / 2)),
        ("sentences", "Hi. ".repeat(n / 4)),
        ("newlines", "a\n".repeat(n / 2)),
    ]
}

#[test]
fn stays_linear_on_long_and_adversarial_input() {
    let small = adversarial(50_000);
    let large = adversarial(100_000);
    for ((what, s), (_, l)) in small.iter().zip(&large) {
        let best = |x: &str| (0..2).map(|_| time_it(x)).min().unwrap();
        let ts = best(s);
        let tl = best(l);
        assert!(tl < Duration::from_secs(20), "{what}: {tl:?}");
        assert!(
            // twice the input: a linear pass takes about twice the time; a
            // quadratic one four times (the bound left room for that once)
            tl <= ts * 3 + Duration::from_millis(200),
            "{what}: {ts:?} for {} bytes but {tl:?} for {} bytes (not linear)",
            s.len(),
            l.len()
        );
    }
    // a 100 kB URL is one token
    let url = format!("https://example.com/{}", "x".repeat(100_000));
    assert_eq!(toks(&format!("see {url}.")), ["see", url.as_str(), "."]);
}

#[test]
fn punctuation_lines_and_mixed_scripts() {
    for text in [
        "!!! ??? ... ---\n*** ;;; ,,,",
        "\"'()[]{}<>",
        "日本語のテキスト。Русский текст! عربي؟ हिन्दी। mixed-日本 e\u{301}te\u{301}",
        "\u{1f468}\u{200d}\u{1f469} \u{feff}x\u{200b}y",
    ] {
        let spans = UdTokenizer::new().spans(text);
        assert!(!spans.is_empty(), "{text}");
        assert_well_formed(text, &spans);
        let sents = UdSentenceTokenizer::default_english().span_tokenize(text);
        assert!(!sents.is_empty(), "{text}");
        assert_well_formed(text, &sents);
    }
}

#[test]
fn model_files_are_checked() {
    let m = UdSentenceTokenizer::default_english();
    assert!(m.n_features() > 1000);
    let again = UdSentenceTokenizer::from_model_str(&m.to_model_string()).unwrap();
    assert_eq!(again.n_features(), m.n_features());
    for bad in [
        "",
        "nlkit-ud-sentences\t9\n",
        "nlkit-ud-sentences\t2\nw0\ta\tnot-a-number\n",
        "nlkit-ud-sentences\t2\nno-weight\n",
    ] {
        let err = UdSentenceTokenizer::from_model_str(bad).unwrap_err();
        assert!(err.to_string().contains("model"), "{err}");
    }
}

#[test]
fn cli_tokenize_and_sentences_with_ud() {
    let (code, out, err) = common::run_nlkit(
        &["tokenize", "-t", "ud"],
        "I don’t like long-term plans!!!\n".as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "I do n’t like long - term plans !!!\n");
    let (code, out, err) = common::run_nlkit(
        &["sentences", "--model", "ud"],
        b"Hello there. How are you? Thanks John\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Hello there.\nHow are you?\nThanks John\n");
    for args in [
        &["tokenize", "-t", "ud"][..],
        &["sentences", "--model", "ud"][..],
        &["pipeline"][..],
    ] {
        let (code, out, err) = common::run_nlkit(args, b"fine\nbad \xff byte\n");
        assert_eq!(code, 1, "{args:?}");
        assert!(
            err.starts_with("nlkit: ") && err.contains("UTF-8"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let _ = out;
        let (code, _, err) = common::run_nlkit(&[args, &["--lossy"]].concat(), b"bad \xff byte\n");
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, _, err) = common::run_nlkit(&["sentences", "--model", "nope"], b"x\n");
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = common::run_nlkit(&["pipeline", "--tokenizer", "nope"], b"x\n");
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.starts_with("nlkit: ") && err.contains("nope"), "{err}");
    let (code, _, err) = common::run_nlkit(&["pipeline", "--sentences", "nope"], b"x\n");
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = common::run_nlkit(&["pipeline", "--punkt", "/nonexistent/punkt"], b"x\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("nlkit: "), "{err}");
}

#[test]
fn pipeline_conllu_writes_multiword_tokens_only_in_ud_mode() {
    let text = b"I don't know. It's fine.\n";
    let (code, out, err) = common::run_nlkit(&["pipeline", "--format", "conllu"], text);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2-3\tdon't\t_"), "{out}");
    assert!(out.contains("1-2\tIt's\t_"), "{out}");
    let (code, out, err) = common::run_nlkit(
        &[
            "pipeline",
            "--format",
            "conllu",
            "--tokenizer",
            "word",
            "--sentences",
            "punkt",
        ],
        text,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.lines().filter(|l| !l.starts_with('#')).any(|l| l
            .split('\t')
            .next()
            .unwrap_or("")
            .contains('-')),
        "{out}"
    );
    assert!(out.contains("\tdo\t") && out.contains("\tn't\t"), "{out}");
}

#[test]
fn one_pass_pipeline_equals_splitting_then_tokenizing() {
    use nlkit::pipeline::Pipeline;
    let joint = Pipeline::default_english().unwrap();
    let apart = Pipeline::english_with(
        Box::new(UdSentenceTokenizer::default_english()),
        Box::new(UdTokenizer::new()),
    )
    .unwrap();
    let sample =
        std::fs::read_to_string(common::root().join("corpora/samples/inaugural-2009.txt")).unwrap();
    for text in [
        sample.as_str(),
        "I don't know!!! See http://x.com/a. Thanks John\nBye :) ok",
        "",
        "   ",
        "\"Quoted,\" she said. ''Odd`` quotes'' and  spaces.\n\nNext para.",
    ] {
        assert_eq!(
            joint.process("d", 3, text).unwrap(),
            apart.process("d", 3, text).unwrap()
        );
    }
}

#[test]
fn never_panics_on_random_tricky_text() {
    use nlkit::pipeline::Pipeline;
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "İ",
        "ß",
        "'",
        "’",
        "`",
        "s",
        "nt",
        "n't",
        "-",
        "--",
        ".",
        "!",
        "?",
        ":",
        ")",
        "(",
        "\"",
        "@",
        "#",
        "/",
        "http://",
        "www.",
        ".com",
        "5",
        "pm",
        "can",
        "not",
        " ",
        "\n",
        "\n\n",
        "\u{301}",
        "\u{1f600}",
        "日本",
        "!!!",
        ":)",
        "e.g.",
        "Dr.",
        "&",
        "_",
        "\t",
    ];
    let p = Pipeline::default_english().unwrap();
    let mut seed: u64 = 7;
    for _ in 0..400 {
        let mut text = String::new();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = (seed >> 40) as usize % 40;
        for _ in 0..n {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
        }
        let pairs = UdTokenizer::new().tokens_with_spans(&text).unwrap();
        let spans: Vec<Span> = pairs.iter().map(|(_, s)| *s).collect();
        assert_well_formed(&text, &spans);
        let words: Vec<&str> = pairs.iter().map(|(t, _)| t.as_ref()).collect();
        for (a, b) in multiword_groups(&words, &spans) {
            assert!(a < b && b < words.len(), "{text:?}");
        }
        assert_well_formed(
            &text,
            &UdSentenceTokenizer::default_english().span_tokenize(&text),
        );
        // the pipeline's tokens are the tokenizer's for each sentence alone
        let recs = p.process("d", 0, &text).unwrap();
        let n: usize = recs.iter().map(|r| r.tokens.len()).sum();
        let per_sentence: usize = UdSentenceTokenizer::default_english()
            .span_tokenize(&text)
            .iter()
            .map(|s| UdTokenizer::new().spans(s.slice(&text)).len())
            .sum();
        assert_eq!(n, per_sentence, "{text:?}");
    }
}

/// The UD tokenizer's and splitter's spans on synthetic web-like text equal
/// those of the implementation before the speed work of issue 30
/// (`scripts/parity/gen_ud_golden.py`, run with main's binary at 0d05760),
/// through the CLI, from a file and from stdin.
#[test]
fn spans_equal_the_golden_output_on_tricky_text() {
    let dir = common::root().join("tests/golden/ud");
    let text = dir.join("tricky.txt");
    let input = std::fs::read(&text).unwrap();
    for (name, args) in [
        ("tokens", &["tokenize", "-t", "ud"][..]),
        ("sentences", &["sentences", "--model", "ud"][..]),
    ] {
        let want = std::fs::read_to_string(dir.join(format!("tricky.{name}.jsonl"))).unwrap();
        assert!(want.lines().count() > 20, "{name}");
        let args = [args, &["--spans", "--format", "jsonl"]].concat();
        let (code, out, err) =
            common::run_nlkit(&[&args[..], &[text.to_str().unwrap()]].concat(), b"");
        assert_eq!(code, 0, "{err}");
        assert!(
            out == want,
            "{name}: the spans differ from tests/golden/ud/tricky.{name}.jsonl"
        );
        let (code, out, err) = common::run_nlkit(&args, &input);
        assert_eq!(code, 0, "{err}");
        assert!(out == want, "{name} (stdin): the spans differ");
    }
}
