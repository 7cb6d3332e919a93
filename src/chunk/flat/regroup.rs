//! The check and regrouping of a stage's result for the flat path
//! ([`super`]): NLTK's `ChunkString._verify` and `to_chunkstruct` in one
//! pass over the chunk string, for full strings whose tags hold no brace or
//! angle bracket (a comparison with the stage's input) and for compact
//! strings (one byte per piece). Anything else takes the full check in
//! `mod.rs`, which gives NLTK's errors.

use super::{Node, NODE};

/// NLTK's `_verify` for a stage whose tags and label are non-empty and hold
/// no brace or angle bracket (`orig`, the stage's input `<t1><t2>...`, is then made of
/// well-formed pieces): `s` is valid with the same tags exactly when it is
/// `orig` with braces inserted, each `{` before a `<`, each `}` after a
/// `>`, alternating and closed. False means: run the full check.
pub(super) fn keeps_tags(s: &str, orig: &str) -> bool {
    let (b, o) = (s.as_bytes(), orig.as_bytes());
    let mut cur = 0;
    let mut last = 0;
    let mut open = false;
    for p in memchr::memchr2_iter(b'{', b'}', b) {
        let seg = b.get(last..p).unwrap_or_default();
        if o.get(cur..cur + seg.len()) != Some(seg) {
            return false;
        }
        cur += seg.len();
        if b.get(p) == Some(&b'{') {
            if open || b.get(p + 1) != Some(&b'<') {
                return false;
            }
        } else if !open || p == 0 || b.get(p - 1) != Some(&b'>') {
            return false;
        }
        open = !open;
        last = p + 1;
    }
    !open && b.get(last..) == o.get(cur..)
}

/// [`keeps_tags`] and [`regroup`] in one pass for a compact string (one
/// byte per piece): true when `s` is `orig` with braces inserted,
/// alternating and closed, each chunk non-empty, and then `next`, `kids`
/// and `nodes` hold the regrouped pieces; false (with those partly
/// written) otherwise.
pub(super) fn compact_regroup(
    s: &str,
    orig: &str,
    stage: usize,
    top: &[u32],
    next: &mut Vec<u32>,
    kids: &mut Vec<u32>,
    nodes: &mut Vec<Node>,
) -> bool {
    let (b, o) = (s.as_bytes(), orig.as_bytes());
    let mut k = 0;
    // the open chunk: where its kids start, its tokens, its kid count
    let mut open: Option<(usize, u32)> = None;
    let mut prev_brace = true;
    for &c in b {
        match c {
            b'{' => {
                if open.is_some() {
                    return false;
                }
                open = Some((kids.len(), 0));
                prev_brace = true;
            }
            b'}' => {
                let Some((start, leaves)) = open.take() else {
                    return false;
                };
                if prev_brace {
                    return false; // an empty chunk
                }
                next.push(NODE | nodes.len() as u32);
                nodes.push(Node {
                    stage: stage as u32,
                    start: start as u32,
                    len: (kids.len() - start) as u32,
                    leaves,
                });
                prev_brace = true;
            }
            c => {
                if o.get(k) != Some(&c) {
                    return false;
                }
                let Some(&p) = top.get(k) else {
                    return false;
                };
                k += 1;
                prev_brace = false;
                match &mut open {
                    Some((_, leaves)) => {
                        kids.push(p);
                        *leaves += if p & NODE == 0 {
                            1
                        } else {
                            nodes.get((p & !NODE) as usize).map_or(0, |n| n.leaves)
                        };
                    }
                    None => next.push(p),
                }
            }
        }
    }
    open.is_none() && k == o.len()
}

/// NLTK's `to_chunkstruct` for a string [`keeps_tags`] accepted: the
/// pieces between braces stay, those inside become a chunk of `stage`.
pub(super) fn regroup(
    s: &str,
    stage: usize,
    top: &[u32],
    next: &mut Vec<u32>,
    kids: &mut Vec<u32>,
    nodes: &mut Vec<Node>,
) {
    let b = s.as_bytes();
    let mut k = 0;
    let mut last = 0;
    let mut open = false;
    let ends = memchr::memchr2_iter(b'{', b'}', b).chain(std::iter::once(b.len()));
    for p in ends {
        let n = memchr::memchr_iter(b'<', b.get(last..p).unwrap_or_default()).count();
        let pieces = top.get(k..k + n).unwrap_or_default();
        k += n;
        if open {
            let start = kids.len();
            kids.extend_from_slice(pieces);
            let leaves = pieces
                .iter()
                .map(|&q| {
                    if q & NODE == 0 {
                        1
                    } else {
                        nodes.get((q & !NODE) as usize).map_or(0, |n| n.leaves)
                    }
                })
                .sum();
            next.push(NODE | nodes.len() as u32);
            nodes.push(Node {
                stage: stage as u32,
                start: start as u32,
                len: pieces.len() as u32,
                leaves,
            });
        } else {
            next.extend_from_slice(pieces);
        }
        open = !open;
        last = p + 1;
    }
}
