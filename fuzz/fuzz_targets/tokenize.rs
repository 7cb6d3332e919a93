//! Every tokenizer, Punkt and the UD splitter on arbitrary text: no panic, spans
//! inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::sentence::{PunktSentenceTokenizer, SentenceTokenizer, UdSentenceTokenizer};
use std::sync::OnceLock;

use nlkit::tokenize::{by_name, Tokenizer, TokenizerConfig};

const NAMES: &[&str] = &[
    "word", "treebank", "tweet", "toktok", "wordpunct", "whitespace", "uax29", "mwe",
    "regexp:\\w+|\\S", "ud",
];

/// The tokenizers, built once per process (building them per input made
/// the target run about 400 inputs a second).
fn tokenizers() -> &'static [Box<dyn Tokenizer>] {
    static ALL: OnceLock<Vec<Box<dyn Tokenizer>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let config = TokenizerConfig::default();
        NAMES.iter().filter_map(|n| by_name(n, &config).ok()).collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for s in PunktSentenceTokenizer::default_english().span_tokenize(text) {
        assert!(s.end <= text.len() && text.get(s.start..s.end).is_some());
    }
    let mut last = 0;
    for s in UdSentenceTokenizer::default_english().span_tokenize(text) {
        assert!(s.start >= last && s.start < s.end && text.get(s.start..s.end).is_some());
        last = s.end;
    }
    for t in tokenizers() {
        let _ = t.tokenize(text);
        if let Ok(pairs) = t.tokens_with_spans(text) {
            for (_, s) in pairs {
                assert!(text.get(s.start..s.end).is_some());
            }
        }
        if let Ok(spans) = t.span_tokenize(text) {
            for s in spans {
                assert!(text.get(s.start..s.end).is_some());
            }
        }
    }
});
