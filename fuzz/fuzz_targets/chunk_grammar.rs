//! Chunk grammars (NLTK's RegexpParser language): any text either fails
//! with an error or gives a parser that chunks a fixed tagged sentence
//! (and the first line of the input read as `word/TAG` tokens) without
//! panicking; chunker model bytes load or fail cleanly.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::chunk::{Chunker, PerceptronChunker, RegexpParser};

const SENT: &[(&str, &str)] = &[
    ("the", "DT"), ("little", "JJ"), ("cat", "NN"), ("sat", "VBD"), ("on", "IN"),
    ("the", "DT"), ("mat", "NN"), (".", "."), ("{x}", "<A>"), ("y", ""),
];

fuzz_target!(|data: &[u8]| {
    let _ = PerceptronChunker::from_bytes(data);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (grammar, tail) = text.split_once('\0').unwrap_or((text, ""));
    if let Ok(cp) = RegexpParser::with_options(grammar, "S", 2) {
        let _ = cp.parse(&SENT[..8]);
        let _ = cp.parse(SENT);
        let extra: Vec<(&str, &str)> = tail
            .split_whitespace()
            .filter_map(|t| t.rsplit_once('/'))
            .collect();
        if let Ok(t) = cp.parse(&extra) {
            let _ = nlkit::chunk::tree2conlltags(&t);
        }
    }
});
