//! The body of a tagger model: arbitrary bytes behind a valid header and
//! zlib stream (which `tagger_model` rarely gets past, the checksum failing),
//! so the decoding of every kind's body is fuzzed: a model or an error.
#![no_main]
use std::io::Write;

use libfuzzer_sys::fuzz_target;
use nlkit::tag::model::{FORMAT_VERSION, MAGIC, MIN_FORMAT_VERSION};
use nlkit::tag::{model_from_bytes, Tagger};

const KINDS: [&str; 7] = [
    "perceptron",
    "default",
    "regexp",
    "ngram",
    "affix",
    "hmm",
    "brill",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let span = FORMAT_VERSION - MIN_FORMAT_VERSION + 1;
    let version = MIN_FORMAT_VERSION + u32::from(selector / 16) % span;
    let meta = format!("{{\"kind\":\"{kind}\"}}");
    let mut file = MAGIC.to_vec();
    file.extend(version.to_le_bytes());
    file.extend((meta.len() as u32).to_le_bytes());
    file.extend(meta.as_bytes());
    let mut enc = flate2::write::ZlibEncoder::new(file, flate2::Compression::fast());
    enc.write_all(body).unwrap();
    let file = enc.finish().unwrap();
    if let Ok(t) = model_from_bytes(&file) {
        assert_eq!(t.tag(&["The", "dog", "barks", "."]).len(), 4);
        assert!(t.tag(&[]).is_empty());
    }
});
