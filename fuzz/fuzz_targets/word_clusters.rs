//! Parsing a word-clusters file (`train-tagger --clusters`) from arbitrary
//! text: clusters or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tag::WordClusters;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(c) = WordClusters::from_tsv(text) {
            for w in text.split_whitespace().take(8) {
                let _ = c.get(w);
            }
            let _ = c.to_pairs();
        }
    }
});
