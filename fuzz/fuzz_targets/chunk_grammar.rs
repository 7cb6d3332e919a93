//! Chunk grammars (NLTK's RegexpParser language): any text either fails
//! with an error or gives a parser that chunks a fixed tagged sentence
//! (and the first line of the input read as `word/TAG` tokens) without
//! panicking, and its flat path prints the tree path's text; chunker
//! model bytes load or fail cleanly.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::chunk::{Chunker, PerceptronChunker, RegexpParser};
use nlkit::tree::{Child, Tree};

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
        // The flat path (the CLI's) gives the tree path's tree, text and error.
        let leaves = SENT.iter().map(|(w, t)| Child::Leaf(format!("{w}/{t}"))).collect();
        let want = cp.parse_tree(&Tree::new("S", leaves));
        let mut spans = nlkit::chunk::ChunkSpans::default();
        match (want, cp.parse_flat(SENT, &mut spans)) {
            (Ok(t), Ok(c)) => {
                let mut out = String::new();
                c.write_bracket(&mut out);
                assert_eq!(out, t.pformat(usize::MAX));
                assert_eq!(c.to_tree(), t);
                let mut rows = String::new();
                let _ = c.write_conll(&mut rows);
                let _ = c.chunks().count();
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("tree path {a:?}, flat path {:?}", b.map(|c| c.to_tree())),
        }
    }
});
