//! A tagset `.map` file (`fine<TAB>coarse` lines, as in NLTK's
//! `universal_tagset`) from arbitrary text: a mapping or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tag::TagsetMapping;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = TagsetMapping::parse(text, "fuzz.map") {
            for w in text.split_whitespace().take(8) {
                let _ = m.map(w);
            }
        }
    }
});
