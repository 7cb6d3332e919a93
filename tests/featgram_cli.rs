//! `nlkit parse` with feature grammars: NLTK's printed trees (checked
//! against the live oracle when it is installed), and bad input: a
//! malformed `.fcfg` (line and column), words the grammar lacks (NLTK's
//! coverage error), a grammar whose unifications all fail (no parses, not
//! an error), a wrong parser kind.

mod common;

use common::run_nlkit;

const GRAMMAR: &str = r#"% start S
# agreement and semantics
S[SEM=<?np(?vp)>] -> NP[NUM=?n, SEM=?np] VP[NUM=?n, SEM=?vp]
NP[NUM=?n, SEM=<\P.exists x.(?nom(x) & P(x))>] -> Det[NUM=?n] N[NUM=?n, SEM=?nom]
NP[NUM=sg, SEM=<\P.P(kim)>] -> 'Kim'
Det[NUM=sg] -> 'a' | 'this'
Det[NUM=pl] -> 'these'
N[NUM=sg, SEM=<\x.dog(x)>] -> 'dog'
N[NUM=pl, SEM=<\x.dog(x)>] -> 'dogs'
VP[NUM=sg, SEM=<\x.bark(x)>] -> 'barks'
VP[NUM=pl, SEM=<\x.bark(x)>] -> 'bark'
"#;

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn trees_print_as_nltk_prints_them() {
    let dir = tempfile::tempdir().unwrap();
    let g = file(&dir, "g.fcfg", GRAMMAR);
    let input = "a dog barks\nthese dogs bark\nKim barks\nthese dog barks\n";
    let (code, out, err) = run_nlkit(
        &["parse", "--grammar", &g, "--format", "pretty"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("(S[SEM=<exists x.(dog(x) & bark(x))>]\n"),
        "{out}"
    );
    // The same grammar without the .fcfg name is still read as one.
    let g2 = file(&dir, "g.txt", GRAMMAR);
    let (code, out2, _) = run_nlkit(
        &["parse", "--grammar", &g2, "--format", "pretty"],
        input.as_bytes(),
    );
    assert_eq!((code, &out2), (0, &out));
    let py = format!(
        "import sys\nfrom nltk.grammar import FeatureGrammar\nfrom nltk.parse import FeatureChartParser\ng = FeatureGrammar.fromstring(open({:?}).read())\np = FeatureChartParser(g)\nfor line in sys.stdin:\n    for t in p.parse(line.split()):\n        print(t)\n    print()\n",
        g
    );
    if let Some(want) = common::run_nltk(&py, input) {
        assert_eq!(out, want);
    }
}

#[test]
fn bad_input() {
    let dir = tempfile::tempdir().unwrap();
    // Malformed grammar: line and column, one line of error, exit 1.
    let bad = file(&dir, "bad.fcfg", "% start S\nS -> NP[NUM=?n VP\n");
    let (code, _, err) = run_nlkit(&["parse", "--grammar", &bad], b"a\n");
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.fcfg:2: column 15: Error parsing feature structure: Expected comma"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let bad = file(&dir, "bad2.fcfg", "S -> NP[SEM=<\\x.(>] 'a'\n");
    let (code, _, err) = run_nlkit(&["parse", "--grammar", &bad], b"a\n");
    assert_eq!(code, 1);
    assert!(err.contains("Expected logic expression"), "{err}");
    // Words the grammar lacks: NLTK's coverage error for that line.
    let g = file(&dir, "g.fcfg", GRAMMAR);
    let (code, out, err) = run_nlkit(&["parse", "--grammar", &g], b"a cat barks\nKim barks\n");
    assert_eq!(code, 1);
    assert!(
        err.contains("line 1: Grammar does not cover some of the input words: \"'cat'\"."),
        "{err}"
    );
    assert!(out.contains("(S[SEM=<bark(kim)>]"), "{out}");
    // Unification fails everywhere: no parses, not an error.
    let clash = file(
        &dir,
        "clash.fcfg",
        "S -> A[F=?x] B[F=?x]\nA[F=1] -> 'a'\nB[F=2] -> 'b'\n",
    );
    let (code, out, err) = run_nlkit(
        &["parse", "--grammar", &clash, "--format", "jsonl"],
        b"a b\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "{\"count\": 0, \"trees\": []}\n");
    // Features that grow without end (NLTK runs until its time limit): an
    // error for that sentence, quickly.
    let grow = file(
        &dir,
        "grow.fcfg",
        "S -> A\nA[F=[G=?x]] -> A[F=?x]\nA[F=a] -> 'a'\n",
    );
    let (code, _, err) = run_nlkit(&["parse", "--grammar", &grow], b"a\n");
    assert_eq!(code, 1);
    assert!(
        err.contains("line 1: feature structure is nested deeper"),
        "{err}"
    );
    // A parser that takes no feature grammar.
    let (code, _, err) = run_nlkit(
        &["parse", "--grammar", &g, "--parser", "viterbi"],
        b"Kim barks\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("feature grammar"), "{err}");
}

#[test]
fn featstruct_cli_reads_and_unifies() {
    let (code, out, err) = run_nlkit(
        &["featstruct", "unify"],
        b"[a=?x, b=1]\t[a=2]\n[a=1]\t[a=2]\nNP[SEM=<\\x.dog(x)>]\tNP[SEM=<\\y.dog(y)>, NUM=sg]\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "[a=2, b=1]\nNone\nNP[NUM='sg', SEM=<\\x.dog(x)>]\n");
    // Bad lines answer `error: ...` on their line; the run goes on.
    let (code, out, _) = run_nlkit(
        &["featstruct", "unify"],
        b"[a=\t[b=1]\nno tab\n[a=1]\t[a=1]\n",
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "error: Error parsing feature structure: Expected value"
    );
    assert_eq!(
        lines[1],
        "error: expected two structures separated by a tab"
    );
    assert_eq!(lines[2], "[a=1]");
    let (code, out, _) = run_nlkit(&["featstruct", "parse"], b"S[-INV]/NP\n[a=(1, ?x)]\n");
    assert_eq!(code, 0);
    assert_eq!(out, "S[-INV]/NP[]\n[a=(1, ?x)]\n");
}
