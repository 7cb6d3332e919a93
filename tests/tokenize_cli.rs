//! `nlkit tokenize` / `nlkit detokenize`: the line contract, formats, spans,
//! parallel order, and bad input (unknown names, invalid UTF-8, empty
//! files, a 10 MB line).
mod common;
use common::run_nlkit;

const TEXT: &str = "Hello there. I can't go.\n\n\"Quoted\" (x), y...\n";

#[test]
fn one_output_line_per_input_line_in_every_format() {
    for tok in ["word", "treebank"] {
        for fmt in ["text", "jsonl"] {
            for spans in [false, true] {
                let mut args = vec!["tokenize", "--tokenizer", tok, "--format", fmt];
                if spans {
                    args.push("--spans");
                }
                let (code, out, err) = run_nlkit(&args, TEXT.as_bytes());
                assert_eq!(code, 0, "{args:?}: {err}");
                let lines: Vec<&str> = out.split_terminator('\n').collect();
                assert_eq!(lines.len(), 3, "{args:?}: {out}");
                assert_eq!(lines[1], if fmt == "jsonl" { "[]" } else { "" }, "{args:?}");
            }
        }
    }
}

#[test]
fn text_jsonl_and_spans_agree() {
    let line = "\"Hi,\" she said. Don't (go) now!";
    let (_, text, _) = run_nlkit(&["tokenize"], line.as_bytes());
    let (_, json, _) = run_nlkit(&["tokenize", "--format", "jsonl"], line.as_bytes());
    let toks: Vec<String> = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(text.trim_end(), toks.join(" "));
    let (_, sj, _) = run_nlkit(
        &["tokenize", "--format", "jsonl", "--spans"],
        line.as_bytes(),
    );
    let (_, st, _) = run_nlkit(&["tokenize", "--spans"], line.as_bytes());
    let spans: Vec<[usize; 2]> = serde_json::from_str(sj.trim()).unwrap();
    let as_text: Vec<String> = spans.iter().map(|s| format!("{}:{}", s[0], s[1])).collect();
    assert_eq!(st.trim_end(), as_text.join(" "));
    assert_eq!(spans.len(), toks.len());
    for (t, s) in toks.iter().zip(&spans) {
        if !matches!(t.as_str(), "``" | "''") {
            assert_eq!(&line[s[0]..s[1]], t);
        }
    }
}

#[test]
fn matches_library_and_nltk_word_tokenize() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let punkt = data.join("tokenizers/punkt_tab/english");
    let input = "Mr. Smith didn't go to Washington. He said \"no\" -- 'tis true...\nThe U.S. is big. Isn't it?\n";
    let (code, out, err) = run_nlkit(
        &[
            "tokenize",
            "--punkt",
            punkt.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let script = "import sys, json\nfrom nltk import word_tokenize\nfor l in sys.stdin.read().split('\\n')[:-1]:\n    print(json.dumps(word_tokenize(l)))\n";
    let Some(expected) = common::run_nltk(script, input) else {
        return;
    };
    let a: Vec<Vec<String>> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let b: Vec<Vec<String>> = expected
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(a, b);
}

#[test]
fn preserve_line_skips_sentence_splitting() {
    let (_, split, _) = run_nlkit(&["tokenize"], b"One here. Two there.\n");
    let (_, kept, _) = run_nlkit(&["tokenize", "--preserve-line"], b"One here. Two there.\n");
    assert_eq!(split.trim_end(), "One here . Two there .");
    assert_eq!(kept.trim_end(), "One here. Two there .");
}

#[test]
fn jobs_keep_input_order() {
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!("Line {i} isn't \"short\", is it? Yes.\n"));
    }
    let (c1, one, _) = run_nlkit(&["tokenize"], text.as_bytes());
    let (c2, two, _) = run_nlkit(&["tokenize", "--jobs", "2"], text.as_bytes());
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(one, two);
    assert_eq!(one.lines().count(), 10_000);
}

#[test]
fn unknown_tokenizer_is_one_clear_error() {
    let (code, out, err) = run_nlkit(&["tokenize", "--tokenizer", "no-such"], b"a b\n");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("nlkit: unknown tokenizer `no-such`"),
        "{err}"
    );
    assert!(err.contains("treebank"), "{err}");
}

#[test]
fn missing_punkt_folder_is_one_clear_error() {
    let (code, _, err) = run_nlkit(&["tokenize", "--punkt", "/nonexistent/punkt"], b"a b\n");
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: "), "{err}");
    assert!(err.contains("/nonexistent/punkt"), "{err}");
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_lossy_works() {
    for cmd in ["tokenize", "detokenize"] {
        let (code, _, err) = run_nlkit(&[cmd], b"Fine.\nBad \xff here.\n");
        assert_eq!(code, 1, "{cmd}");
        assert!(err.starts_with("nlkit: "), "{err}");
        assert!(err.contains("byte offset 10"), "{cmd}: {err}");
        let (code, out, err) = run_nlkit(&[cmd, "--lossy"], b"Fine.\nBad \xff here.\n");
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(out.contains('\u{fffd}'), "{cmd}: {out}");
        assert_eq!(out.lines().count(), 2);
    }
}

#[test]
fn empty_file_gives_empty_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, "").unwrap();
    for cmd in [&["tokenize"][..], &["tokenize", "--spans"], &["detokenize"]] {
        let mut args = cmd.to_vec();
        args.push(p.to_str().unwrap());
        let (code, out, err) = run_nlkit(&args, b"");
        assert_eq!(code, 0, "{err}");
        assert!(out.is_empty());
    }
}

#[test]
fn ten_megabyte_single_line() {
    let para = "He said, \"I can't go\" -- 'tis 3,000 miles... (Isn't it?) Visit example.com. ";
    let line = para.repeat(10 * 1024 * 1024 / para.len());
    for tok in ["treebank", "word"] {
        let (code, out, err) = run_nlkit(&["tokenize", "--tokenizer", tok], line.as_bytes());
        assert_eq!(code, 0, "{tok}: {err}");
        assert_eq!(out.lines().count(), 1);
        let n = out.split(' ').filter(|t| *t == "ca").count();
        assert_eq!(n, line.len() / para.len(), "{tok}");
    }
}

#[test]
fn detokenize_matches_nltk() {
    let input = "I ca n't go !\n`` Hi , '' she said .\n\n( a ) b ... c\n";
    let (code, out, err) = run_nlkit(&["detokenize"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 4);
    let script = "import sys\nfrom nltk.tokenize import TreebankWordDetokenizer as D\nd = D()\nfor l in sys.stdin.read().split('\\n')[:-1]:\n    print(d.detokenize(l.split()))\n";
    let Some(expected) = common::run_nltk(script, input) else {
        return;
    };
    assert_eq!(out, expected);
}
