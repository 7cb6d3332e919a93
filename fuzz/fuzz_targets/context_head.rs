//! Loading a contextual tagger's head from arbitrary bytes: a head or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tag::ContextHead;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = ContextHead::from_bytes(data) {
        assert!(!h.tags().is_empty());
    }
});
