//! Stemmer parity with NLTK 3.10.4 on the committed sample
//! (tests/parity/stem/*.jsonl, written by scripts/parity/gen_stem.py).
mod common;

use nlkit::stem::{PorterStemmer, RegexpStemmer, Stemmer, StemmerSpec};

/// Stemmers where nlkit deliberately differs from NLTK on some words (see
/// docs/differences.md), with the lowest share of identical stems accepted
/// on the sample. Every other stemmer must match exactly.
const KNOWN_DIFFERENT: &[(&str, f64)] = &[
    // Non-Cyrillic words with characters above U+00FF ("İstanbul", Greek):
    // NLTK transliterates their Latin letters into Cyrillic.
    ("snowball:russian", 0.99),
];

#[test]
fn stems_equal_nltk_on_committed_sample() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, line, v) in common::parity_cases("stem") {
        let alg = v["algorithm"].as_str().expect("algorithm");
        let isw = v["ignore_stopwords"].as_bool().unwrap_or(false);
        let data = if isw {
            match common::nltk_data() {
                Some(d) => Some(d),
                None => continue,
            }
        } else {
            None
        };
        let keep_case = v["to_lowercase"].as_bool() == Some(false);
        let stemmer: Box<dyn Stemmer> = if keep_case {
            let mode = match StemmerSpec::parse(alg).unwrap() {
                StemmerSpec::Porter(m) => m,
                other => panic!("to_lowercase=false for {other:?}"),
            };
            Box::new(PorterStemmer::new(mode).with_lowercase(false))
        } else if let Some(p) = alg.strip_prefix("regexp:") {
            let min = v["min"].as_u64().unwrap_or(0) as usize;
            Box::new(RegexpStemmer::new(p, min).unwrap())
        } else {
            StemmerSpec::parse(alg)
                .unwrap()
                .build(isw, data.as_deref())
                .unwrap_or_else(|e| panic!("{file}:{line}: {alg}: {e}"))
        };
        let cases = v["cases"].as_array().expect("cases");
        let mut diffs = Vec::new();
        for c in cases {
            let word = c[0].as_str().unwrap();
            let want = c[1].as_str().unwrap();
            let got = stemmer.stem(word);
            if got != want {
                diffs.push(format!("{word:?}: NLTK {want:?}, nlkit {got:?}"));
            }
            checked += 1;
        }
        let rate = 1.0 - diffs.len() as f64 / cases.len().max(1) as f64;
        match KNOWN_DIFFERENT.iter().find(|(a, _)| *a == alg) {
            Some((_, floor)) if rate < *floor => failures.push(format!(
                "{file}:{line}: {alg}: only {rate:.4} identical; first: {:?}",
                &diffs[..diffs.len().min(5)]
            )),
            None if !diffs.is_empty() => failures.push(format!(
                "{file}:{line}: {alg} (ignore_stopwords={isw}): {} differences: {:?}",
                diffs.len(),
                &diffs[..diffs.len().min(10)]
            )),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 10_000, "only {checked} cases checked");
}

#[test]
fn cistem_segment_matches_nltk() {
    let words = "Speicherbehältern\nGrenzpostens\nAusgefeiltere\nschießen\nHäuser\nkatzen\n";
    let script = "import sys\nfrom nltk.stem import Cistem\nc=Cistem()\nfor w in sys.stdin.read().split('\\n')[:-1]:\n    s,r=c.segment(w)\n    print(s+'\\t'+r)\n";
    let Some(out) = common::run_nltk(script, words) else {
        return;
    };
    let c = nlkit::stem::Cistem::new(false);
    for (w, line) in words.lines().zip(out.lines()) {
        let (s, r) = c.segment(w);
        assert_eq!(format!("{s}\t{r}"), line, "{w}");
    }
}

#[test]
fn long_and_odd_words_equal_nltk() {
    // 10,000-character words and other odd input, checked against NLTK directly.
    let mut words: Vec<String> = vec![
        "y".repeat(10_000),
        "a".repeat(10_000),
        format!("{}ing", "ab".repeat(5_000)),
        "Ünïcödé".into(),
        "ΣΊΣΥΦΟΣ".into(),
        "東京タワー".into(),
        "12345".into(),
        "3rd".into(),
        "MiXeDCaSe".into(),
    ];
    words.push("generalizations".into());
    let input = words.join("\n") + "\n";
    let script = "import sys\nfrom nltk.stem import PorterStemmer, LancasterStemmer, SnowballStemmer\n\
st=[PorterStemmer(), PorterStemmer('ORIGINAL_ALGORITHM'), PorterStemmer('MARTIN_EXTENSIONS'), LancasterStemmer(), SnowballStemmer('english')]\n\
for w in sys.stdin.read().split('\\n')[:-1]:\n    print('\\t'.join(s.stem(w) for s in st))\n";
    let Some(out) = common::run_nltk(script, &input) else {
        return;
    };
    let ours: Vec<Box<dyn Stemmer>> = [
        "porter",
        "porter:original",
        "porter:martin",
        "lancaster",
        "snowball:english",
    ]
    .iter()
    .map(|a| StemmerSpec::parse(a).unwrap().build(false, None).unwrap())
    .collect();
    for (w, line) in words.iter().zip(out.lines()) {
        let got: Vec<String> = ours.iter().map(|s| s.stem(w).into_owned()).collect();
        assert_eq!(got.join("\t"), line, "word of {} chars", w.chars().count());
    }
}
