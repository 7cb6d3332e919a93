//! Loading a tagger model from arbitrary bytes: a model or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tag::{PerceptronTagger, Tagger};

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = PerceptronTagger::from_bytes(data) {
        let _ = t.tag(&["The", "dog", "barks", "."]);
    }
});
