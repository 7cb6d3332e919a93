//! Flat chunking for [`RegexpParser`]: the grammar's stages run over
//! borrowed `(word, tag)` tokens with buffers the caller reuses, and the
//! result, a [`Chunked`] (the top-level pieces and the chunks as index
//! lists), prints NLTK's one-line tree (`pformat`), the CoNLL rows of
//! `tree2conlltags` or the chunk spans straight from those lists, without
//! building a [`Tree`].
//!
//! This is the same computation as NLTK's `RegexpParser.parse` (a
//! `ChunkString` per stage, `to_chunkstruct`), only with no `String` per
//! token or tag and no allocation per rule once the buffers have grown;
//! [`Chunker::parse`](super::Chunker::parse) of a [`RegexpParser`] runs it
//! and builds the tree with [`Chunked::to_tree`]. NLTK's chunk-string check
//! (`ChunkString._verify`: pieces `{?<tag>}?`, alternating braces, tags
//! unchanged) is one scan that also regroups the pieces, with the same
//! errors as [`RegexpParser::parse_tree`]'s path. Stages whose rules are
//! made of tag units run on compact strings (`compact.rs`: one byte per
//! piece; the tags' bytes are cached per parser in [`ChunkSpans`]); a
//! sentence whose compact result is not a valid chunk string runs again on
//! full strings, which give NLTK's error.

use super::leaf;
use super::regexp::RegexpParser;
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// Marks a piece that is a chunk (index into `nodes`) rather than a token.
const NODE: u32 = 1 << 31;

/// A chunk: the stage that built it and its children `kids[start..start + len]`.
#[derive(Debug, Clone, Copy)]
struct Node {
    stage: u32,
    start: u32,
    len: u32,
    /// tokens under the chunk, at any depth
    leaves: u32,
}

/// Reusable working memory of [`RegexpParser::parse_flat`]: keep one per
/// thread and pass it to every call, so that chunking a sentence allocates
/// nothing once the buffers have grown.
///
/// # Example
/// ```
/// use nlkit::chunk::{ChunkSpans, RegexpParser};
/// let cp = RegexpParser::new("NP: {<DT>?<NN>}").unwrap();
/// let mut spans = ChunkSpans::default();
/// let mut out = String::new();
/// for sent in [&[("a", "DT"), ("cat", "NN")][..], &[("ran", "VBD")][..]] {
///     cp.parse_flat(sent, &mut spans).unwrap().write_bracket(&mut out);
///     out.push('\n');
/// }
/// assert_eq!(out, "(S (NP a/DT cat/NN))\n(S ran/VBD)\n");
/// ```
#[derive(Debug, Default, Clone)]
pub struct ChunkSpans {
    /// the chunk string, and the buffer a rule writes its result into
    s: String,
    tmp: String,
    /// the stage's chunk string before its rules
    orig: String,
    /// top-level pieces: token indices, or `NODE | chunk index`
    top: Vec<u32>,
    next: Vec<u32>,
    /// the children of all chunks, each chunk's a contiguous run
    kids: Vec<u32>,
    nodes: Vec<Node>,
    /// Compact strings: the parser (its `id`) the caches below belong to.
    owner: u64,
    /// tag → entry; an entry is one compact byte per stage in `bytes`
    entries: rustc_hash::FxHashMap<Box<str>, u32>,
    /// the same for tags of at most 7 bytes, keyed by [`short_key`]
    short: rustc_hash::FxHashMap<u64, u32>,
    bytes: Vec<u8>,
    /// the entry of each token of the sentence, of each stage's label
    tok: Vec<u32>,
    labels: Vec<u32>,
}

impl ChunkSpans {
    /// The entry of `tag` in the compact-byte table of `parser`.
    fn entry(&mut self, parser: &RegexpParser, tag: &str) -> u32 {
        let key = short_key(tag);
        if let Some(&e) = key.and_then(|k| self.short.get(&k)) {
            return e;
        }
        if let Some(&e) = self.entries.get(tag) {
            return e;
        }
        let e = self.entries.len() as u32;
        for st in &parser.stages {
            self.bytes
                .push(st.compact.as_ref().map_or(0, |c| c.byte(tag)));
        }
        self.entries.insert(tag.into(), e);
        if let Some(k) = key {
            self.short.insert(k, e);
        }
        e
    }

    /// Fills `tok` (and, for a new parser, the caches) for a sentence.
    fn prepare_compact(&mut self, parser: &RegexpParser, tagged: &[(&str, &str)]) {
        if self.owner != parser.id {
            self.owner = parser.id;
            self.entries.clear();
            self.short.clear();
            self.bytes.clear();
            self.labels.clear();
            for st in &parser.stages {
                let e = self.entry(parser, st.chunk_label());
                self.labels.push(e);
            }
        }
        let mut tok = std::mem::take(&mut self.tok);
        tok.clear();
        tok.extend(tagged.iter().map(|(_, t)| self.entry(parser, t)));
        self.tok = tok;
    }
}

/// A chunked sentence: the result of [`RegexpParser::parse_flat`], borrowing
/// the parser, the tokens and the [`ChunkSpans`].
///
/// # Example
/// ```
/// use nlkit::chunk::{ChunkSpans, RegexpParser};
/// let cp = RegexpParser::new("NP: {<DT>?<NN>}").unwrap();
/// let mut spans = ChunkSpans::default();
/// let sent = [("saw", "VBD"), ("a", "DT"), ("cat", "NN")];
/// let c = cp.parse_flat(&sent, &mut spans).unwrap();
/// assert_eq!(c.chunks().collect::<Vec<_>>(), [("NP", 1, 3)]);
/// assert_eq!(c.to_tree().to_string(), "(S saw/VBD (NP a/DT cat/NN))");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Chunked<'a> {
    parser: &'a RegexpParser,
    tagged: &'a [(&'a str, &'a str)],
    spans: &'a ChunkSpans,
}

fn invalid(s: &str) -> Error {
    Error::InvalidInput(format!(
        "Transformation generated invalid chunkstring:\n  {s}"
    ))
}

/// The chunk-string tag of a piece: a token's tag or a chunk's label.
fn tag_of<'a>(
    parser: &'a RegexpParser,
    tagged: &'a [(&'a str, &'a str)],
    nodes: &[Node],
    p: u32,
) -> &'a str {
    if p & NODE == 0 {
        tagged.get(p as usize).map_or("", |t| t.1)
    } else {
        nodes
            .get((p & !NODE) as usize)
            .and_then(|n| parser.stages.get(n.stage as usize))
            .map_or("", |s| s.chunk_label())
    }
}

impl RegexpParser {
    /// Chunks one sentence as [`Chunker::parse`](super::Chunker::parse)
    /// does, into `spans` (reused across calls), without building a tree:
    /// the result prints itself ([`Chunked::write_bracket`],
    /// [`Chunked::write_conll`]) or becomes a tree ([`Chunked::to_tree`]).
    ///
    /// # Errors
    /// As [`Chunker::parse`](super::Chunker::parse): a rule that produces an
    /// invalid chunk string (NLTK's `ValueError`), a regex that gives up, a
    /// sentence of 2^31 tokens or more.
    ///
    /// # Example
    /// ```
    /// use nlkit::chunk::{ChunkSpans, RegexpParser};
    /// let cp = RegexpParser::new("NP: {<DT>?<NN>}\nPP: {<IN><NP>}").unwrap();
    /// let mut spans = ChunkSpans::default();
    /// let sent = [("in", "IN"), ("a", "DT"), ("box", "NN")];
    /// let mut out = String::new();
    /// cp.parse_flat(&sent, &mut spans).unwrap().write_bracket(&mut out);
    /// assert_eq!(out, "(S (PP in/IN (NP a/DT box/NN)))");
    /// ```
    pub fn parse_flat<'a>(
        &'a self,
        tagged: &'a [(&'a str, &'a str)],
        spans: &'a mut ChunkSpans,
    ) -> Result<Chunked<'a>> {
        if tagged.len() >= NODE as usize {
            return Err(Error::InvalidInput(format!(
                "a sentence of {} tokens is too long to chunk",
                tagged.len()
            )));
        }
        spans.top.clear();
        spans.top.extend(0..tagged.len() as u32);
        spans.kids.clear();
        spans.nodes.clear();
        // With every tag and label non-empty and free of braces and angle
        // brackets, a chunk string is checked by comparing it with the
        // stage's input.
        let clean =
            |t: &str| !t.is_empty() && !t.bytes().any(|c| matches!(c, b'{' | b'}' | b'<' | b'>'));
        let clean = tagged.iter().all(|(_, t)| clean(t))
            && self.stages.iter().all(|st| clean(st.chunk_label()));
        // Stages whose rules allow it run on compact strings; a result that
        // is not a valid chunk string sends the sentence to full strings,
        // which give NLTK's error.
        let mut compact = clean && self.stages.iter().any(|st| st.compact.is_some());
        if compact {
            spans.prepare_compact(self, tagged);
        }
        'again: loop {
            for _ in 0..self.loop_count {
                for k in 0..self.stages.len() {
                    let stage = self.stages.get(k).and_then(|st| st.compact.as_ref());
                    match stage {
                        Some(cs) if compact => {
                            if !self.run_stage_compact(k, cs, spans)? {
                                compact = false;
                                spans.top.clear();
                                spans.top.extend(0..tagged.len() as u32);
                                spans.kids.clear();
                                spans.nodes.clear();
                                continue 'again;
                            }
                        }
                        _ => self.run_stage_flat(k, tagged, clean, spans)?,
                    }
                }
            }
            break;
        }
        Ok(Chunked {
            parser: self,
            tagged,
            spans,
        })
    }

    /// Runs stage `stage`, whose compact form is `cs`, on a compact string:
    /// false when its result is not a valid chunk string (the caller then
    /// runs the sentence on full strings).
    fn run_stage_compact(
        &self,
        stage: usize,
        cs: &super::compact::CompactStage,
        spans: &mut ChunkSpans,
    ) -> Result<bool> {
        let ChunkSpans {
            s,
            tmp,
            orig,
            top,
            next,
            kids,
            nodes,
            bytes,
            tok,
            labels,
            ..
        } = spans;
        if top.is_empty() {
            return Ok(true);
        }
        let n = self.stages.len();
        s.clear();
        for &p in top.iter() {
            let e = if p & NODE == 0 {
                tok.get(p as usize)
            } else {
                nodes
                    .get((p & !NODE) as usize)
                    .and_then(|nd| labels.get(nd.stage as usize))
            };
            let b = e
                .and_then(|&e| bytes.get(e as usize * n + stage))
                .copied()
                .unwrap_or(0x30);
            s.push(char::from(b));
        }
        orig.clear();
        orig.push_str(s);
        cs.apply(s, tmp)?;
        next.clear();
        if !compact_regroup(s, orig, stage, top, next, kids, nodes) {
            return Ok(false);
        }
        std::mem::swap(top, next);
        Ok(true)
    }

    /// One stage (NLTK's `RegexpChunkParser.parse`): the chunk string of the
    /// top-level pieces, the rules, then the check and regrouping.
    fn run_stage_flat(
        &self,
        stage: usize,
        tagged: &[(&str, &str)],
        clean: bool,
        spans: &mut ChunkSpans,
    ) -> Result<()> {
        let ChunkSpans {
            s,
            tmp,
            orig,
            top,
            next,
            kids,
            nodes,
            ..
        } = spans;
        let Some(st) = self.stages.get(stage) else {
            return Ok(());
        };
        if top.is_empty() {
            return Ok(());
        }
        s.clear();
        for &p in top.iter() {
            s.push('<');
            s.push_str(tag_of(self, tagged, nodes, p));
            s.push('>');
        }
        if clean {
            orig.clear();
            orig.push_str(s);
        }
        for rule in st.rules() {
            rule.apply_into(s, tmp)?;
            let t = tmp.as_bytes();
            if memchr::memchr_iter(b'{', t).any(|p| t.get(p + 1) == Some(&b'}')) {
                // NLTK's `re.sub(r"\{\}", "", s)` after each rule
                s.clear();
                for part in tmp.split("{}") {
                    s.push_str(part);
                }
            } else {
                std::mem::swap(s, tmp);
            }
        }
        next.clear();
        if clean && keeps_tags(s, orig) {
            regroup(s, stage, top, next, kids, nodes);
            std::mem::swap(top, next);
            return Ok(());
        }
        // One scan: NLTK's `_verify` (the pieces are `{?<tag>}?`, braces
        // alternate, the tags are the pieces' tags) and the regrouping of
        // the pieces into chunks (`to_chunkstruct`).
        next.clear();
        let b = s.as_bytes();
        let mut i = 0;
        let mut k = 0;
        let mut open: Option<(usize, u32)> = None;
        let mut bad = false;
        let mut tags_changed = false;
        while i < b.len() {
            if b[i] == b'{' {
                if open.is_some() {
                    bad = true;
                    break;
                }
                open = Some((kids.len(), 0));
                i += 1;
            }
            if b.get(i) != Some(&b'<') {
                bad = true;
                break;
            }
            let start = i + 1;
            let j = b
                .get(start..)
                .and_then(|rest| {
                    rest.iter()
                        .position(|c| matches!(c, b'{' | b'}' | b'<' | b'>'))
                })
                .map_or(b.len(), |n| start + n);
            if j == start || b.get(j) != Some(&b'>') {
                bad = true;
                break;
            }
            let tag = s.get(start..j).unwrap_or_default();
            match top.get(k) {
                Some(&p) if tag_of(self, tagged, nodes, p) == tag => match &mut open {
                    Some((_, leaves)) => {
                        kids.push(p);
                        *leaves += if p & NODE == 0 {
                            1
                        } else {
                            nodes.get((p & !NODE) as usize).map_or(0, |n| n.leaves)
                        };
                    }
                    None => next.push(p),
                },
                _ => tags_changed = true,
            }
            k += 1;
            i = j + 1;
            if b.get(i) == Some(&b'}') {
                match open.take() {
                    Some((kstart, leaves)) => {
                        next.push(NODE | nodes.len() as u32);
                        nodes.push(Node {
                            stage: stage as u32,
                            start: kstart as u32,
                            len: (kids.len() - kstart) as u32,
                            leaves,
                        });
                    }
                    None => {
                        bad = true;
                        break;
                    }
                }
                i += 1;
            }
        }
        if bad || open.is_some() {
            return Err(invalid(s));
        }
        if tags_changed || k != top.len() {
            return Err(Error::InvalidInput(
                "Transformation generated invalid chunkstring: tag changed".to_string(),
            ));
        }
        std::mem::swap(top, next);
        Ok(())
    }
}

/// NLTK's `_verify` for a stage whose tags and label are non-empty and hold
/// no brace or angle bracket (`orig`, the stage's input `<t1><t2>...`, is then made of
/// well-formed pieces): `s` is valid with the same tags exactly when it is
/// `orig` with braces inserted, each `{` before a `<`, each `}` after a
/// `>`, alternating and closed. False means: run the full check.
fn keeps_tags(s: &str, orig: &str) -> bool {
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
fn compact_regroup(
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
fn regroup(
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

/// A tag of at most 7 bytes as one number: its bytes and its length
/// (distinct tags, distinct numbers).
fn short_key(tag: &str) -> Option<u64> {
    let b = tag.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut k = (b.len() as u64) << 56;
    for (i, &c) in b.iter().enumerate() {
        k |= u64::from(c) << (8 * i);
    }
    Some(k)
}

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

    fn write_bracket_in(&self, line: Option<&str>, out: &mut String) {
        out.push('(');
        out.push_str(&self.parser.root_label);
        out.push(' ');
        let top: &'a [u32] = &self.spans.top;
        let mut stack: Vec<std::slice::Iter<'a, u32>> = vec![top.iter()];
        let mut first = true;
        // the pending run of tokens: a byte range of `line`
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: &mut Option<(usize, usize)>, out: &mut String| {
            if let (Some((a, b)), Some(l)) = (run.take(), line) {
                out.push_str(l.get(a..b).unwrap_or_default());
            }
        };
        while let Some(it) = stack.last_mut() {
            match it.next() {
                Some(&p) => {
                    if p & NODE == 0 {
                        let (w, t) = self.token(p);
                        let span = line.and_then(|l| span_in(l, w, t));
                        match (span, run, line) {
                            (Some((ws, te)), Some((a, b)), Some(l))
                                if !first && b + 1 == ws && l.as_bytes().get(b) == Some(&b' ') =>
                            {
                                run = Some((a, te));
                            }
                            (Some(sp), _, _) => {
                                flush(&mut run, out);
                                if !first {
                                    out.push(' ');
                                }
                                run = Some(sp);
                            }
                            (None, _, _) => {
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
                    } else if let Some((label, kids, _)) = self.node(p) {
                        flush(&mut run, out);
                        if !first {
                            out.push(' ');
                        }
                        out.push('(');
                        out.push_str(label);
                        out.push(' ');
                        stack.push(kids.iter());
                        first = true;
                    }
                }
                None => {
                    flush(&mut run, out);
                    out.push(')');
                    stack.pop();
                    first = false;
                }
            }
        }
    }

    /// Appends NLTK's `tree2conlltags` rows of the sentence as lines
    /// `word tag IOB`, each ending in `\n` (NLTK's `tree2conllstr` joins
    /// them with `\n`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] `Tree is too deeply nested to be printed in
    /// CoNLL format` for a chunk holding a chunk, as [`super::tree2conlltags`];
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
        for &p in &self.spans.top {
            if p & NODE == 0 {
                let (w, t) = self.token(p);
                push_conll_pair(out, w, t);
                out.push_str(" O\n");
                continue;
            }
            let Some((label, kids, _)) = self.node(p) else {
                continue;
            };
            let mut prefix = " B-";
            for &c in kids {
                if c & NODE != 0 {
                    return Err(Error::InvalidInput(
                        "Tree is too deeply nested to be printed in CoNLL format".into(),
                    ));
                }
                let (w, t) = self.token(c);
                push_conll_pair(out, w, t);
                out.push_str(prefix);
                out.push_str(label);
                out.push('\n');
                prefix = " I-";
            }
        }
        Ok(())
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

    /// The chunk tree (`word/TAG` leaves), as [`Chunker::parse`](super::Chunker::parse)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chunk::{tree2conlltags, Chunker};

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
}
