//! Every tokenizer and the Punkt splitter on arbitrary text: no panic, spans
//! inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::sentence::{PunktSentenceTokenizer, SentenceTokenizer};
use nlkit::tokenize::{by_name, TokenizerConfig};

const NAMES: &[&str] = &[
    "word", "treebank", "tweet", "toktok", "wordpunct", "whitespace", "uax29", "mwe",
    "regexp:\\w+|\\S",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for s in PunktSentenceTokenizer::default_english().span_tokenize(text) {
        assert!(s.end <= text.len() && text.get(s.start..s.end).is_some());
    }
    let config = TokenizerConfig::default();
    for name in NAMES {
        let Ok(t) = by_name(name, &config) else { continue };
        let _ = t.tokenize(text);
        if let Ok(spans) = t.span_tokenize(text) {
            for s in spans {
                assert!(text.get(s.start..s.end).is_some());
            }
        }
    }
});
