//! Tests of the flat path: it equals the tree path (`parse_tree`, then
//! `pformat` and `tree2conlltags`) on random sentences.

use super::*;
use crate::chunk::{leaf, tree2conlltags, Chunker};
use crate::tree::{Child, Tree};

const GRAMMARS: [(&str, usize); 13] = [
    // compact strings: anchors, context, splits inside and outside chunks
    ("NP: {^<DT>?<NN.*>+}\n{<JJ>+$}\n}<NNS>{", 1),
    ("NP: <DT>{<JJ>*<NN>}<VBD|NNS>\n}<JJ>{\nVP: {<VBD><NP>?}", 2),
    ("NP: {<DT><NN.*>}\n<VBD>}{<IN>\n<DT>}{<NN>", 1),
    (
        "NP: {<.*>+?<NN>}\n<NN|DT>+}{<JJ|NP>\nPP: {<IN>+<NP>{1,2}}",
        1,
    ),
    ("NP: {<DT|PP\\$>?<JJ>*<NN>}\n{<NNP>+}", 1),
    ("NP:\n{<.*>+}\n}<VBD|IN>+{", 1),
    (
        "NP: {<DT|JJ|NN.*>+}\nPP: {<IN><NP>}\nVP: {<VB.*><NP|PP|CLAUSE>+$}\nCLAUSE: {<NP><VP>}",
        2,
    ),
    (
        "NP: {<.*>*}\n}<[\\.VI].*>+{\n<.*>}{<DT>\nPP: {<IN><NP>}\nVP: {<VB.*><NP|PP>*}",
        1,
    ),
    ("NP:\n{<.*>}\n}<[\\.VI].*>+{\n<DT|JJ>{}<NN.*>", 1),
    (
        "NP: <IN>{<DT>?<NN.*>+}<.*>\n{<CD>{2,}}\n<NN>}{<NNS>\nX: {<NN>}",
        1,
    ),
    // rules that break the chunk string (errors), some of the time
    ("NP: {N}\n{<DT>}", 1),
    ("NP: {<.*>+}\n}P{", 1),
    ("NP: {<DT>}\nN<P: {<NN>}", 1),
];

/// Random sentences over a small tag set; words with `/`, parentheses
/// and non-ASCII text; a few tags a chunk string cannot hold (`<X>`,
/// the empty tag).
fn sentences(n: usize) -> Vec<Vec<(String, String)>> {
    const TAGS: [&str; 13] = [
        "DT", "NN", "NNS", "NNP", "JJ", "VBD", "VB", "IN", "PP$", ".", "CD", "NP", "a/b",
    ];
    const WORDS: [&str; 6] = ["the", "1/2", "(", "é", "x)", "cat"];
    let mut next = crate::util::testrng::xorshift(0x2545_f491_4f6c_dd1d);
    (0..n)
        .map(|_| {
            let len = next(14) as usize;
            (0..len)
                .map(|_| {
                    let w = WORDS[next(WORDS.len() as u64) as usize].to_string();
                    let t = if next(200) == 0 {
                        "<X>".to_string()
                    } else if next(300) == 0 {
                        String::new()
                    } else {
                        TAGS[next(TAGS.len() as u64) as usize].to_string()
                    };
                    (w, t)
                })
                .collect()
        })
        .collect()
}

/// `w/t` tokens joined by one space, or two after every fifth.
fn join_tokens(pairs: &[(&str, &str)]) -> String {
    let mut line = String::new();
    for (k, (w, t)) in pairs.iter().enumerate() {
        if k > 0 {
            line.push_str(if k % 5 == 0 { "  " } else { " " });
        }
        line.push_str(w);
        line.push('/');
        line.push_str(t);
    }
    line
}

/// The tokens of a [`join_tokens`] line, split at their last `/`.
fn tokens_of(line: &str) -> Vec<(&str, &str)> {
    line.split(' ')
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.rsplit_once('/'))
        .collect()
}

/// The flat path equals the tree path (`parse_tree` over a tree of
/// `word/TAG` leaves, i.e. the `ChunkTree` code, then `pformat` and
/// `tree2conlltags`) on random sentences: same trees, same bytes, same
/// errors.
#[test]
fn flat_path_equals_tree_path() {
    let sents = sentences(1500);
    let mut spans = ChunkSpans::default();
    let mut spans2 = ChunkSpans::default();
    let (mut oks, mut errs) = (0, 0);
    for (g, loops) in GRAMMARS {
        let cp = RegexpParser::with_options(g, "S", loops).unwrap();
        for s in &sents {
            if s.iter().any(|(_, t)| t.contains('/')) {
                continue; // a leaf cannot carry such a tag through `parse_tree`
            }
            let pairs: Vec<(&str, &str)> =
                s.iter().map(|(w, t)| (w.as_str(), t.as_str())).collect();
            let input = Tree::new("S", pairs.iter().map(|(w, t)| leaf(w, t)).collect());
            let want = cp.parse_tree(&input);
            let got = cp.parse_flat(&pairs, &mut spans);
            match (want, got) {
                (Ok(t), Ok(c)) => {
                    oks += 1;
                    let mut b = String::new();
                    c.write_bracket(&mut b);
                    assert_eq!(b, t.pformat(usize::MAX), "{g} on {pairs:?}");
                    // the same tokens as slices of a line, some two spaces apart
                    let line = join_tokens(&pairs);
                    let toks = tokens_of(&line);
                    let mut b2 = String::new();
                    cp.parse_flat(&toks, &mut spans2)
                        .unwrap()
                        .write_bracket_from(&line, &mut b2);
                    assert_eq!(b2, b, "{g} on {line}");
                    let mut b3 = String::new();
                    c.write_bracket_from("unrelated/X", &mut b3);
                    assert_eq!(b3, b);
                    assert_eq!(c.to_tree(), t);
                    let mut rows = String::new();
                    match (tree2conlltags(&t), c.write_conll(&mut rows)) {
                        (Ok(r), Ok(())) => {
                            let want: String =
                                r.iter().map(|(w, p, i)| format!("{w} {p} {i}\n")).collect();
                            assert_eq!(rows, want);
                        }
                        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                        (a, b) => panic!("{g} on {pairs:?}: {a:?} vs {b:?}"),
                    }
                    let mut pos = 0;
                    let mut want_chunks = Vec::new();
                    for ch in t.children() {
                        match ch {
                            Child::Tree(sub) => {
                                let n = sub.leaves().len();
                                want_chunks.push((sub.label().to_string(), pos, pos + n));
                                pos += n;
                            }
                            Child::Leaf(_) => pos += 1,
                        }
                    }
                    let got_chunks: Vec<(String, usize, usize)> =
                        c.chunks().map(|(l, a, b)| (l.to_string(), a, b)).collect();
                    assert_eq!(got_chunks, want_chunks);
                }
                (Err(a), Err(b)) => {
                    errs += 1;
                    assert_eq!(a.to_string(), b.to_string(), "{g}");
                }
                (a, b) => panic!("{g} on {pairs:?}: {a:?} vs {:?}", b.map(|c| c.to_tree())),
            }
        }
    }
    assert!(oks > 5000 && errs > 500, "{oks} trees, {errs} errors");
}

/// Tags with `/` (possible from CoNLL input) print as the tree path
/// prints them: the leaf `word/TAG` split at its last `/`.
#[test]
fn conll_rows_of_a_tag_with_slash_follow_the_tree() {
    let cp = RegexpParser::new("NP: {<A/B>}").unwrap();
    let pairs = [("w", "A/B"), ("v", "C")];
    let t = cp.parse(&pairs).unwrap();
    let mut spans = ChunkSpans::default();
    let mut rows = String::new();
    cp.parse_flat(&pairs, &mut spans)
        .unwrap()
        .write_conll(&mut rows)
        .unwrap();
    let want: String = tree2conlltags(&t)
        .unwrap()
        .iter()
        .map(|(w, p, i)| format!("{w} {p} {i}\n"))
        .collect();
    assert_eq!(rows, want);
    assert_eq!(rows, "w/A B B-NP\nv C O\n");
}
