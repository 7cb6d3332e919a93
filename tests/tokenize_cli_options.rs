//! `nlkit tokenize` flags for the tweet, regexp and mwe tokenizers, checked
//! against NLTK 3.10.4 run on the same lines.
mod common;
use common::{run_nlkit, run_nltk};

const LINES: &str = "@remy: This is waaaaayyyy too much for you!!!!!! Call 555-123-4567 :-D\nNew York is big, New York City bigger. #NYC\n";

fn nlkit_jsonl(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["tokenize", "--format", "jsonl"];
    all.extend_from_slice(args);
    let (code, out, err) = run_nlkit(&all, LINES.as_bytes());
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn nltk_jsonl(ctor: &str) -> Option<Vec<serde_json::Value>> {
    let script = format!(
        "import sys, json\nfrom nltk.tokenize import *\nt = {ctor}\nfor line in sys.stdin.read().split('\\n')[:-1]:\n    print(json.dumps(t.tokenize(line)))\n"
    );
    let out = run_nltk(&script, LINES)?;
    Some(
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

#[test]
fn tweet_flags_match_nltk() {
    let Some(want) = nltk_jsonl(
        "TweetTokenizer(preserve_case=False, reduce_len=True, strip_handles=True, match_phone_numbers=False)",
    ) else {
        return;
    };
    let got = nlkit_jsonl(&[
        "-t",
        "tweet",
        "--lowercase",
        "--reduce-len",
        "--strip-handles",
        "--no-phone-numbers",
    ]);
    assert_eq!(got, want);
}

#[test]
fn regexp_gaps_match_nltk() {
    let Some(want) = nltk_jsonl(r"RegexpTokenizer(r'[\s,.!]+', gaps=True)") else {
        return;
    };
    let got = nlkit_jsonl(&["-t", r"regexp:[\s,.!]+", "--gaps"]);
    assert_eq!(got, want);
}

#[test]
fn mwe_flags_match_nltk() {
    let Some(want) = nltk_jsonl(
        "MWETokenizer([('New', 'York'), ('New', 'York', 'City')], separator='+')\nclass W:\n    def tokenize(self, s): return t0.tokenize(s.split())\nt0 = t\nt = W()",
    ) else {
        return;
    };
    let got = nlkit_jsonl(&[
        "-t",
        "mwe",
        "--mwe",
        "New York",
        "--mwe",
        "New York City",
        "--mwe-separator",
        "+",
    ]);
    assert_eq!(got, want);
}
