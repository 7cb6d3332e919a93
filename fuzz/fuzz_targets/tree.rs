//! NLTK bracketed trees: parse arbitrary text (default and custom brackets,
//! no depth limit), print, re-parse to the same tree, transform and draw.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tree::{CnfOptions, Factor, ReadOptions, TextOptions, Tree, TreePrettyPrinter, UnCnfOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = ReadOptions::new().brackets("[]").read(text);
    if let Ok(t) = ReadOptions::new().max_depth(None).read(text) {
        let _ = t.leaves();
        let _ = t.height();
        let _ = t.pformat(70);
        // printed, then read again: the same tree, or an error where NLTK's
        // own printing is not readable either (e.g. a leaf `'` after a
        // leaf holding NUL bytes; NLTK 3.10.4 fails on that string too)
        if let Ok(again) = Tree::fromstring(&t.to_string()) {
            if t.height() < 400 {
                assert_eq!(again, t);
            }
        }
        let mut c = t.clone();
        c.chomsky_normal_form(&CnfOptions { factor: Factor::Left, horz_markov: Some(2), vert_markov: 1, ..Default::default() });
        c.un_chomsky_normal_form(&UnCnfOptions::default());
        let mut u = t.clone();
        u.collapse_unary(true, true, "+");
        if t.leaves().len() < 200 && t.height() < 200 {
            if let Ok(p) = TreePrettyPrinter::new(&t) {
                let _ = p.text(&TextOptions::default());
                let _ = p.svg();
            }
        }
    }
});
