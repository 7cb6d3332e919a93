//! `nlkit parse`: output formats and bad input (malformed grammar, words the
//! grammar does not cover, empty sentences, exponential ambiguity, cycles).

mod common;

use common::{root, run_nlkit};

fn grammar_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn toy() -> String {
    root()
        .join("grammars/english_toy.cfg")
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn bracket_and_jsonl_output() {
    let g = toy();
    let (code, out, err) = run_nlkit(
        &["parse", "--grammar", &g],
        b"I saw the man with a telescope\nI slept\n",
    );
    assert_eq!(code, 0, "{err}");
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(blocks[0].lines().count(), 2, "{out}");
    assert_eq!(blocks[1], "(S (NP (Pro I)) (VP (V slept)))");
    let (code, out, _) = run_nlkit(
        &["parse", "--grammar", &g, "--format", "jsonl"],
        b"I slept\n",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"count\": 1, \"trees\": [\"(S (NP (Pro I)) (VP (V slept)))\"]}\n"
    );
    let (_, out, _) = run_nlkit(
        &["parse", "--grammar", &g, "--format", "pretty"],
        b"I saw the man with a telescope\n",
    );
    assert!(out.starts_with("(S\n  (NP (Pro I))\n"), "{out}");
}

#[test]
fn viterbi_cli() {
    let g = root().join("grammars/english_toy.pcfg");
    let (code, out, err) = run_nlkit(
        &[
            "parse",
            "--grammar",
            g.to_str().unwrap(),
            "--parser",
            "viterbi",
            "--format",
            "jsonl",
        ],
        b"I saw the man with a telescope\n",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["count"], 1);
    assert!(v["probs"][0].as_f64().unwrap() > 0.0);
}

#[test]
fn malformed_grammar_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(&dir, "bad.cfg", "S -> NP VP\nNP -> 'a\n");
    let (code, out, err) = run_nlkit(&["parse", "--grammar", &g], b"a\n");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("nlkit: ") && err.contains("bad.cfg:2: column 7: Unterminated string"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);
    let g = grammar_file(&dir, "p.pcfg", "S -> 'a' [0.5]\n");
    let (code, _, err) = run_nlkit(&["parse", "--grammar", &g], b"a\n");
    assert_eq!(code, 1);
    assert!(
        err.contains("p.pcfg:1: Productions for S do not sum to 1"),
        "{err}"
    );
    let (code, _, err) = run_nlkit(&["parse", "--grammar", "/nonexistent.cfg"], b"a\n");
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = run_nlkit(&["parse", "--grammar", &toy(), "--parser", "cyk"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("recursive-descent"), "{err}");
}

#[test]
fn inside_parser_gives_all_parses_most_probable_first() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(
        &dir,
        "t.pcfg",
        "S -> NP VP [1.0]\nVP -> V NP [0.7] | VP PP [0.3]\nNP -> NP PP [0.2] | 'I' [0.4] | 'him' [0.2] | 'park' [0.2]\n\
         PP -> P NP [1.0]\nV -> 'saw' [1.0]\nP -> 'in' [1.0]\n",
    );
    let args = [
        "parse",
        "--grammar",
        &g,
        "--parser",
        "inside",
        "--format",
        "jsonl",
    ];
    let (code, out, err) = run_nlkit(&args, b"I saw him in park\nI saw him\n");
    assert_eq!(code, 0, "{err}");
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["count"], 2);
    let probs: Vec<f64> = serde_json::from_value(first["probs"].clone()).unwrap();
    assert!(probs[0] >= probs[1] && probs[1] > 0.0, "{probs:?}");
    // the most probable parse is Viterbi's
    let (_, best, _) = run_nlkit(
        &[
            "parse",
            "--grammar",
            &g,
            "--parser",
            "viterbi",
            "--format",
            "jsonl",
        ],
        b"I saw him in park\n",
    );
    let best: serde_json::Value = serde_json::from_str(best.trim()).unwrap();
    assert_eq!(best["trees"][0], first["trees"][0]);
    assert_eq!(best["probs"][0], first["probs"][0]);
    // a grammar whose probabilities do not sum to 1 is refused
    let cfg = grammar_file(&dir, "t.pcfg2", "S -> 'a' [0.5]\n");
    let (code, _, err) = run_nlkit(&["parse", "--grammar", &cfg, "--parser", "inside"], b"a\n");
    assert_eq!(code, 1, "{err}");
}

/// `--beam` prunes NLTK's agenda: the toy sentence keeps its two parses
/// with a wide beam and loses them with a beam of 4 (as NLTK's
/// `InsideChartParser(g, beam_size=4)`); the other agenda orders run, the
/// random one seeded; flags that do not apply are refused.
#[test]
fn probabilistic_chart_parsers_take_a_beam_and_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(
        &dir,
        "t.pcfg",
        "S -> NP VP [1.0]\nVP -> V NP [0.7] | VP PP [0.3]\nNP -> NP PP [0.2] | 'I' [0.4] | 'him' [0.2] | 'park' [0.2]\n\
         PP -> P NP [1.0]\nV -> 'saw' [1.0]\nP -> 'in' [1.0]\n",
    );
    let count = |parser: &str, extra: &[&str]| -> String {
        let mut args = vec!["parse", "--grammar", &g, "--parser", parser, "--count"];
        args.extend_from_slice(extra);
        let (code, out, err) = run_nlkit(&args, b"I saw him in park\n");
        assert_eq!(code, 0, "{parser} {extra:?}: {err}");
        out.trim().to_string()
    };
    assert_eq!(count("inside", &[]), "2");
    assert_eq!(count("inside", &["--beam", "50"]), "2");
    assert_eq!(count("inside", &["--beam", "4"]), "0");
    assert_eq!(count("longest", &["--beam", "50"]), "2");
    assert_eq!(count("unsorted", &[]), "2");
    assert_eq!(count("random", &["--seed", "3"]), "2");
    // every parse printed with its probability, most probable first
    let (code, out, err) = run_nlkit(
        &[
            "parse",
            "--grammar",
            &g,
            "--parser",
            "random",
            "--seed",
            "1",
        ],
        b"I saw him in park\n",
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines.iter().all(|l| l.contains(" (p=")), "{out}");
    for bad in [
        vec!["--parser", "chart", "--beam", "3"],
        vec!["--parser", "inside", "--seed", "3"],
        vec!["--parser", "inside", "--beam=-1"],
    ] {
        let mut args = vec!["parse", "--grammar", &g];
        args.extend_from_slice(&bad);
        let (code, _, err) = run_nlkit(&args, b"I saw him\n");
        assert_ne!(code, 0, "{bad:?}");
        assert!(
            err.contains("beam") || err.contains("seed"),
            "{bad:?}: {err}"
        );
    }
}

#[test]
fn recursive_descent_gives_nltk_order_and_stops_at_max_trees() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(
        &dir,
        "rd.cfg",
        "S -> NP VP\nVP -> V NP | V NP PP\nPP -> P NP\nNP -> 'I' | Det N | Det N PP\n\
         Det -> 'a' | 'the'\nN -> 'man' | 'park'\nV -> 'saw'\nP -> 'in'\n",
    );
    let args = ["parse", "--grammar", &g, "--parser", "recursive-descent"];
    let (code, out, err) = run_nlkit(&args, b"I saw a man in the park\nI saw\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "(S (NP I) (VP (V saw) (NP (Det a) (N man) (PP (P in) (NP (Det the) (N park))))))\n\
         (S (NP I) (VP (V saw) (NP (Det a) (N man)) (PP (P in) (NP (Det the) (N park)))))\n\n\n"
    );
    let mut count = args.to_vec();
    count.push("--count");
    let (code, out, _) = run_nlkit(&count, b"I saw a man in the park\n");
    assert_eq!((code, out.as_str()), (0, "2\n"));
    let mut jsonl = args.to_vec();
    jsonl.extend(["--format", "jsonl", "--max-trees", "1"]);
    let (code, out, _) = run_nlkit(&jsonl, b"I saw a man in the park\nI saw the man\nyou saw\n");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    // stopped at one tree with more to come: no count
    assert!(
        lines[0].starts_with("{\"count\": null, \"trees\": [\"(S (NP I)"),
        "{out}"
    );
    assert_eq!(
        lines[1],
        "{\"count\": 1, \"trees\": [\"(S (NP I) (VP (V saw) (NP (Det the) (N man))))\"]}"
    );
    assert!(lines[2].starts_with("{\"error\": "), "{out}");
    // a cycle that reads no word: one clear error, not a hang
    let cyc = grammar_file(&dir, "cyc.cfg", "S -> A | 'a'\nA -> S\n");
    let (code, _, err) = run_nlkit(
        &["parse", "--grammar", &cyc, "--parser", "recursive-descent"],
        b"a\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("without reading a word"), "{err}");
}

#[test]
fn latin1_grammar_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("l1.cfg");
    std::fs::write(&p, b"# Ljungl\xf6f\nS -> 'caf\xe9'\n").unwrap();
    let (code, out, err) = run_nlkit(
        &["parse", "--grammar", p.to_str().unwrap()],
        "café\n".as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "(S café)\n\n");
}

#[test]
fn uncovered_words_and_empty_sentences() {
    let g = toy();
    let (code, out, err) = run_nlkit(
        &["parse", "--grammar", &g, "--format", "jsonl"],
        b"I saw a unicorn and a xyzzy\n\nI slept\n",
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        r#"{"error": "Grammar does not cover some of the input words: \"'unicorn', 'xyzzy'\"."}"#
    );
    assert_eq!(lines[1], r#"{"count": 0, "trees": []}"#);
    assert!(lines[2].starts_with(r#"{"count": 1"#));
    // bracket format: the error goes to stderr, the run goes on, exit 1
    let (code, out, err) = run_nlkit(&["parse", "--grammar", &g], b"xyzzy\nI slept\n");
    assert_eq!(code, 1);
    assert!(err.contains("line 1: Grammar does not cover"), "{err}");
    assert_eq!(out, "\n(S (NP (Pro I)) (VP (V slept)))\n\n");
}

#[test]
fn exponential_ambiguity_counts_without_enumerating() {
    let g = root().join("grammars/catalan.cfg");
    let g = g.to_str().unwrap();
    let sent = |n: usize| vec!["x"; n].join(" ") + "\n";
    // Catalan(39) = 680,425,371,729,975,800,390 parses: counted, not enumerated.
    let (code, out, err) = run_nlkit(&["parse", "--grammar", g, "--count"], sent(40).as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "680425371729975800390\n");
    let (code, out, _) = run_nlkit(
        &[
            "parse",
            "--grammar",
            g,
            "--max-trees",
            "3",
            "--format",
            "jsonl",
        ],
        sent(40).as_bytes(),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["trees"].as_array().unwrap().len(), 3);
    // Catalan(80) > u128::MAX: the count is reported as too large, trees still come.
    let (code, _, err) = run_nlkit(&["parse", "--grammar", g, "--count"], sent(81).as_bytes());
    assert_eq!(code, 1);
    assert!(err.contains("more than"), "{err}");
    let (code, out, _) = run_nlkit(
        &[
            "parse",
            "--grammar",
            g,
            "--max-trees",
            "2",
            "--format",
            "jsonl",
        ],
        sent(81).as_bytes(),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["count"].is_null());
    assert_eq!(v["trees"].as_array().unwrap().len(), 2);
}

#[test]
fn unary_cycles_terminate() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(
        &dir,
        "cyc.cfg",
        "S -> A | S S | 'x'\nA -> S | B\nB -> A | 'x'\nS -> \n",
    );
    for parser in ["chart", "earley", "top-down"] {
        let (code, out, err) = run_nlkit(
            &["parse", "--grammar", &g, "--parser", parser, "--count"],
            b"x x\nx\n\n",
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count(), 3);
    }
    let pg = grammar_file(&dir, "cyc.pcfg", "S -> A [0.5] | 'x' [0.5]\nA -> S [1.0]\n");
    let (code, out, err) = run_nlkit(&["parse", "--grammar", &pg, "--parser", "viterbi"], b"x\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("(S x) (p=0.5)"), "{out}");
}

#[test]
fn projective_dependency_parser_cli() {
    let dir = tempfile::tempdir().unwrap();
    let g = grammar_file(
        &dir,
        "shot.dg",
        "'shot' -> 'I' | 'elephant' | 'in'\n'elephant' -> 'an' | 'in'\n'in' -> 'pajamas'\n'pajamas' -> 'my'\n",
    );
    let args = [
        "parse",
        "--grammar",
        &g,
        "--parser",
        "projective-dependency",
    ];
    let (code, out, err) = run_nlkit(&args, b"I shot an elephant in my pajamas\nmy my\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "(shot I (elephant an) (in (pajamas my)))\n(shot I (elephant an (in (pajamas my))))\n\n\n"
    );
    let mut count = args.to_vec();
    count.push("--count");
    let (_, out, _) = run_nlkit(&count, b"I shot an elephant in my pajamas\n");
    assert_eq!(out, "2\n");
    // malformed grammar: NLTK's message, the file named, exit 1
    let bad = grammar_file(&dir, "bad.dg", "'a' -> 'b'\nshot -> I\n");
    let (code, out, err) = run_nlkit(
        &[
            "parse",
            "--grammar",
            &bad,
            "--parser",
            "projective-dependency",
        ],
        b"a b\n",
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("bad.dg: Unable to parse line 1: shot -> I"),
        "{err}"
    );
    // more than NLTK's 500 tokens: that line's error, the run goes on
    let long = format!("{}\nI shot\n", vec!["my"; 501].join(" "));
    let mut jsonl = args.to_vec();
    jsonl.extend(["--format", "jsonl"]);
    let (code, out, _) = run_nlkit(&jsonl, long.as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("{\"error\": \"Cannot parse 501 tokens"),
        "{out}"
    );
    assert_eq!(lines[1], "{\"count\": 1, \"trees\": [\"(shot I)\"]}");
}
