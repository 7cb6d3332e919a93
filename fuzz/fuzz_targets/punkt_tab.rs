//! A `punkt_tab` folder with arbitrary file contents: an error or a model,
//! never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::sentence::{PunktSentenceTokenizer, SentenceTokenizer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parts: Vec<&str> = text.splitn(4, '\u{0}').collect();
    let dir = tempfile::tempdir().unwrap();
    let names = ["collocations.tab", "sent_starters.txt", "abbrev_types.txt", "ortho_context.tab"];
    for (i, n) in names.iter().enumerate() {
        std::fs::write(dir.path().join(n), parts.get(i).copied().unwrap_or("")).unwrap();
    }
    if let Ok(t) = PunktSentenceTokenizer::from_dir(dir.path()) {
        let _ = t.span_tokenize("Dr. Smith went to Washington. He arrived at 5 p.m. on Jan. 3.");
    }
});
