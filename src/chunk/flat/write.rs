//! The writers of a [`Chunked`] sentence: NLTK's one-line tree
//! (`pformat`), the CoNLL rows of `tree2conlltags`, the chunk spans and
//! the [`Tree`] itself, straight from the flat path's index lists.

use super::super::leaf;
use super::{ChunkSpans, Chunked, NODE};
use crate::tree::{Child, Tree};
use crate::{Error, Result};
use std::fmt::Write;

/// The byte range of `w/t` in `line` when `w` and `t` are slices of
/// `line` with one `/` between them.
fn span_in(line: &str, w: &str, t: &str) -> Option<(usize, usize)> {
    let base = line.as_ptr() as usize;
    let ws = (w.as_ptr() as usize).checked_sub(base)?;
    let ts = (t.as_ptr() as usize).checked_sub(base)?;
    let te = ts.checked_add(t.len())?;
    let slash = ws.checked_add(w.len())?;
    // Both lie inside `line` (allocations do not overlap), `/` between.
    (slash + 1 == ts && te <= line.len() && line.as_bytes().get(slash) == Some(&b'/'))
        .then_some((ws, te))
}

/// Appends a token as NLTK's `tree2conlltags` row `word tag` (without the
/// IOB column): the token's leaf `word/tag` split at its last `/`, as the
/// tree path does.
fn push_conll_pair(out: &mut String, w: &str, t: &str) {
    match t.rsplit_once('/') {
        Some((tw, tt)) => {
            out.push_str(w);
            out.push('/');
            out.push_str(tw);
            out.push(' ');
            out.push_str(tt);
        }
        None => {
            out.push_str(w);
            out.push(' ');
            out.push_str(t);
        }
    }
}

/// A string JSON writes as it is between quotes: no `"`, `\\` or
/// control character.
fn json_plain(s: &str) -> bool {
    s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\')
}

/// Appends `s` as a JSON string (serde_json's escapes).
fn push_json_str(out: &mut String, s: &str) {
    if json_plain(s) {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
}

/// One step of [`Chunked::walk`].
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    /// a token: its index in the sentence
    Token(u32),
    /// a chunk opens: its label
    Open(&'a str),
    /// the innermost open chunk closes
    Close,
}

impl<'a> Chunked<'a> {
    fn token(&self, p: u32) -> (&'a str, &'a str) {
        self.tagged.get(p as usize).copied().unwrap_or(("", ""))
    }

    fn node(&self, p: u32) -> Option<(&'a str, &'a [u32], u32)> {
        let spans: &'a ChunkSpans = self.spans;
        let n = spans.nodes.get((p & !NODE) as usize)?;
        let label = self.parser.stages.get(n.stage as usize)?.chunk_label();
        let kids = spans
            .kids
            .get(n.start as usize..(n.start + n.len) as usize)
            .unwrap_or_default();
        Some((label, kids, n.leaves))
    }

    /// Appends the tree's one-line form, exactly NLTK's
    /// `pformat(margin=10**9)` and [`Tree::pformat`]`(usize::MAX)` of
    /// [`Chunked::to_tree`]: `(S (NP the/DT cat/NN) sat/VBD)`.
    ///
    /// # Example
    /// ```
    /// use nlkit::chunk::{ChunkSpans, RegexpParser};
    /// let cp = RegexpParser::new("NP: {<NN>}").unwrap();
    /// let mut spans = ChunkSpans::default();
    /// let mut out = String::new();
    /// cp.parse_flat(&[], &mut spans).unwrap().write_bracket(&mut out);
    /// assert_eq!(out, "(S )");
    /// ```
    pub fn write_bracket(&self, out: &mut String) {
        self.write_bracket_in(None, out);
    }

    /// [`Chunked::write_bracket`] for tokens that are slices of `line`
    /// (`word/TAG` tokens split at their `/`, as
    /// [`split_word_tag_line`](crate::tag::split_word_tag_line) gives them):
    /// the same text, with each run of tokens that `line` holds as
    /// `w1/t1 w2/t2 ...` (one space apart) copied in one piece. Tokens
    /// that are not such slices are written one by one.
    ///
    /// # Example
    /// ```
    /// use nlkit::chunk::{ChunkSpans, RegexpParser};
    /// let cp = RegexpParser::new("NP: {<DT><NN>}").unwrap();
    /// let line = "he/PRP saw/VBD a/DT cat/NN";
    /// let sent: Vec<(&str, &str)> =
    ///     line.split(' ').map(|t| t.rsplit_once('/').unwrap()).collect();
    /// let mut spans = ChunkSpans::default();
    /// let mut out = String::new();
    /// cp.parse_flat(&sent, &mut spans).unwrap().write_bracket_from(line, &mut out);
    /// assert_eq!(out, "(S he/PRP saw/VBD (NP a/DT cat/NN))");
    /// ```
    pub fn write_bracket_from(&self, line: &str, out: &mut String) {
        self.write_bracket_in(Some(line), out);
    }

    /// Visits the tree below the root in order: each token, each chunk's
    /// opening (its label) and closing; `f` also gets how many chunks
    /// enclose the step (0: the top level). Depth-first with an explicit
    /// stack (a grammar's stages and `loop` can nest chunks deeply), which
    /// is only allocated for chunks inside chunks. The one loop behind the
    /// bracket, CoNLL and JSON writers.
    fn walk(&self, mut f: impl FnMut(Step<'a>, usize) -> Result<()>) -> Result<()> {
        let top: &'a [u32] = &self.spans.top;
        let mut top_it = top.iter();
        // the innermost open chunk's kids, and those of the chunks around it
        let mut inner: Option<std::slice::Iter<'a, u32>> = None;
        let mut outer: Vec<std::slice::Iter<'a, u32>> = Vec::new();
        loop {
            let (next, depth) = match &mut inner {
                Some(it) => (it.next(), outer.len() + 1),
                None => (top_it.next(), 0),
            };
            match next {
                Some(&p) if p & NODE == 0 => f(Step::Token(p), depth)?,
                Some(&p) => {
                    if let Some((label, kids, _)) = self.node(p) {
                        f(Step::Open(label), depth)?;
                        if let Some(it) = inner.replace(kids.iter()) {
                            outer.push(it);
                        }
                    }
                }
                None => {
                    if inner.is_none() {
                        return Ok(());
                    }
                    inner = outer.pop();
                    f(Step::Close, depth - 1)?;
                }
            }
        }
    }

    fn write_bracket_in(&self, line: Option<&str>, out: &mut String) {
        out.push('(');
        out.push_str(&self.parser.root_label);
        out.push(' ');
        let mut first = true;
        // the pending run of tokens: a byte range of `line`
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: &mut Option<(usize, usize)>, out: &mut String| {
            if let (Some((a, b)), Some(l)) = (run.take(), line) {
                out.push_str(l.get(a..b).unwrap_or_default());
            }
        };
        // (the visitor never fails)
        let _ = self.walk(|step, _| {
            match step {
                Step::Token(p) => {
                    let (w, t) = self.token(p);
                    match (line, line.and_then(|l| span_in(l, w, t))) {
                        (Some(l), Some((ws, te))) => match run {
                            Some((a, b))
                                if !first && b + 1 == ws && l.as_bytes().get(b) == Some(&b' ') =>
                            {
                                run = Some((a, te));
                            }
                            _ => {
                                flush(&mut run, out);
                                if !first {
                                    out.push(' ');
                                }
                                run = Some((ws, te));
                            }
                        },
                        _ => {
                            flush(&mut run, out);
                            if !first {
                                out.push(' ');
                            }
                            out.push_str(w);
                            out.push('/');
                            out.push_str(t);
                        }
                    }
                    first = false;
                }
                Step::Open(label) => {
                    flush(&mut run, out);
                    if !first {
                        out.push(' ');
                    }
                    out.push('(');
                    out.push_str(label);
                    out.push(' ');
                    first = true;
                }
                Step::Close => {
                    flush(&mut run, out);
                    out.push(')');
                    first = false;
                }
            }
            Ok(())
        });
        flush(&mut run, out);
        out.push(')');
    }

    /// Appends NLTK's `tree2conlltags` rows of the sentence as lines
    /// `word tag IOB`, each ending in `\n` (NLTK's `tree2conllstr` joins
    /// them with `\n`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] `Tree is too deeply nested to be printed in
    /// CoNLL format` for a chunk holding a chunk, as [`super::super::tree2conlltags`];
    /// `out` may then hold some of the rows.
    ///
    /// # Example
    /// ```
    /// use nlkit::chunk::{ChunkSpans, RegexpParser};
    /// let cp = RegexpParser::new("NP: {<DT><NN>}").unwrap();
    /// let mut spans = ChunkSpans::default();
    /// let mut out = String::new();
    /// let sent = [("a", "DT"), ("cat", "NN"), ("ran", "VBD")];
    /// cp.parse_flat(&sent, &mut spans).unwrap().write_conll(&mut out).unwrap();
    /// assert_eq!(out, "a DT B-NP\ncat NN I-NP\nran VBD O\n");
    /// ```
    pub fn write_conll(&self, out: &mut String) -> Result<()> {
        let mut label = "";
        let mut prefix = " B-";
        self.walk(|step, depth| {
            match step {
                Step::Token(p) => {
                    let (w, t) = self.token(p);
                    push_conll_pair(out, w, t);
                    if depth == 0 {
                        out.push_str(" O\n");
                    } else {
                        out.push_str(prefix);
                        out.push_str(label);
                        out.push('\n');
                        prefix = " I-";
                    }
                }
                Step::Open(l) if depth == 0 => {
                    label = l;
                    prefix = " B-";
                }
                Step::Open(_) => {
                    return Err(Error::InvalidInput(
                        "Tree is too deeply nested to be printed in CoNLL format".into(),
                    ))
                }
                Step::Close => {}
            }
            Ok(())
        })
    }

    /// Appends the sentence as one JSON object (no newline):
    /// `{"tree":"(S ...)","chunks":[{"label":"NP","start":0,"end":2},...]}`,
    /// the tree as [`Chunked::write_bracket_from`] writes it (`line`: the
    /// tokens' line, if they are slices of one) and the top-level chunks
    /// as [`Chunked::chunks`] gives them.
    ///
    /// # Example
    /// ```
    /// use nlkit::chunk::{ChunkSpans, RegexpParser};
    /// let cp = RegexpParser::new("NP: {<DT><NN>}").unwrap();
    /// let mut spans = ChunkSpans::default();
    /// let mut out = String::new();
    /// let sent = [("ran", "VBD"), ("a", "DT"), ("\"cat\"", "NN")];
    /// cp.parse_flat(&sent, &mut spans).unwrap().write_jsonl(None, &mut out);
    /// assert_eq!(
    ///     out,
    ///     r#"{"tree":"(S ran/VBD (NP a/DT \"cat\"/NN))","chunks":[{"label":"NP","start":1,"end":3}]}"#
    /// );
    /// ```
    pub fn write_jsonl(&self, line: Option<&str>, out: &mut String) {
        out.push_str("{\"tree\":");
        let at = out.len();
        self.write_bracket_in(line, out);
        if let Some(tree) = out.get(at..).filter(|t| !json_plain(t)) {
            let quoted = serde_json::to_string(tree).unwrap_or_default();
            out.truncate(at);
            out.push_str(&quoted);
        } else {
            out.insert(at, '"');
            out.push('"');
        }
        out.push_str(",\"chunks\":[");
        for (k, (label, start, end)) in self.chunks().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str("{\"label\":");
            push_json_str(out, label);
            // (writing to a `String` does not fail)
            let _ = write!(out, ",\"start\":{start},\"end\":{end}}}");
        }
        out.push_str("]}");
    }

    /// The top-level chunks as `(label, start, end)`: token offsets of the
    /// chunk's first token and one past its last (all tokens under it,
    /// at any depth).
    pub fn chunks(&self) -> impl Iterator<Item = (&'a str, usize, usize)> + 'a {
        let this = *self;
        let top: &'a [u32] = &self.spans.top;
        let mut pos = 0usize;
        top.iter().filter_map(move |&p| {
            if p & NODE == 0 {
                pos += 1;
                return None;
            }
            let (label, _, leaves) = this.node(p)?;
            let start = pos;
            pos += leaves as usize;
            Some((label, start, pos))
        })
    }

    /// The chunk tree (`word/TAG` leaves), as [`Chunker::parse`](crate::chunk::Chunker::parse)
    /// returns it.
    pub fn to_tree(&self) -> Tree {
        let spans = self.spans;
        let mut built: Vec<Option<Tree>> = Vec::with_capacity(spans.nodes.len());
        let child = |p: u32, built: &mut Vec<Option<Tree>>| -> Child {
            if p & NODE == 0 {
                let (w, t) = self.token(p);
                leaf(w, t)
            } else {
                built
                    .get_mut((p & !NODE) as usize)
                    .and_then(Option::take)
                    .map_or_else(|| Child::Leaf(String::new()), Child::Tree)
            }
        };
        for k in 0..spans.nodes.len() {
            let Some((label, kids, _)) = self.node(NODE | k as u32) else {
                built.push(None);
                continue;
            };
            let children: Vec<Child> = kids.iter().map(|&c| child(c, &mut built)).collect();
            built.push(Some(Tree::new(label, children)));
        }
        let children: Vec<Child> = spans.top.iter().map(|&p| child(p, &mut built)).collect();
        Tree::new(self.parser.root_label.as_str(), children)
    }
}
