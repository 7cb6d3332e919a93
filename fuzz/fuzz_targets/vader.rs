//! VADER on arbitrary text (no panic; scores in range) and the lexicon
//! parser on arbitrary bytes (no panic).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::sentiment::{SentimentIntensityAnalyzer, VaderLexicon};

const LEXICON: &[u8] = b"good\t1.9\t0\t[]\nbad\t-2.5\t0\t[]\n:)\t2.0\t0\t[]\nleast\t-0.3\t0\t[]\n\
shit\t-2.6\t0\t[]\nbomb\t-2.2\t0\t[]\nright\t0.0\t0\t[]\nhappy\t2.7\t0\t[]\nzero\t0\t0\t[]";

fuzz_target!(|data: &[u8]| {
    let _ = VaderLexicon::parse(data, "fuzz");
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(lex) = VaderLexicon::parse(LEXICON, "fixed") else { return };
    let s = SentimentIntensityAnalyzer::new(lex).polarity_scores(text);
    for share in [s.neg, s.neu, s.pos] {
        assert!((0.0..=1.0).contains(&share), "{s:?}");
    }
    assert!((-1.0..=1.0).contains(&s.compound), "{s:?}");
    let _ = s.to_json();
});
