//! Flat chunking for [`RegexpParser`]: the grammar's stages run over
//! borrowed `(word, tag)` tokens with buffers the caller reuses, and the
//! result, a [`Chunked`] (the top-level pieces and the chunks as index
//! lists), prints NLTK's one-line tree (`pformat`), the CoNLL rows of
//! `tree2conlltags` or the chunk spans straight from those lists, without
//! building a [`Tree`](crate::tree::Tree).
//!
//! This is the same computation as NLTK's `RegexpParser.parse` (a
//! `ChunkString` per stage, `to_chunkstruct`), only with no `String` per
//! token or tag and no allocation per rule once the buffers have grown;
//! [`Chunker::parse`](crate::chunk::Chunker::parse) of a [`RegexpParser`] runs it
//! and builds the tree with [`Chunked::to_tree`]. NLTK's chunk-string check
//! (`ChunkString._verify`: pieces `{?<tag>}?`, alternating braces, tags
//! unchanged) is one scan that also regroups the pieces, with the same
//! errors as [`RegexpParser::parse_tree`]'s path. Stages whose rules are
//! made of tag units run on compact strings (`compact.rs`: one byte per
//! piece; the tags' bytes are cached per parser in [`ChunkSpans`]); a
//! sentence whose compact result is not a valid chunk string runs again on
//! full strings, which give NLTK's error.
//!
//! Files: this one runs the stages; `regroup.rs` checks a stage's result
//! and regroups the pieces; `write.rs` prints a [`Chunked`] sentence.

mod regroup;
mod write;

use super::regexp::RegexpParser;
use crate::{Error, Result};
use regroup::{compact_regroup, keeps_tags, regroup};

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
    /// A direct-mapped cache in front of `entries`: tags of at most 7
    /// bytes, as their [`short_key`], and their entries, at a slot chosen
    /// by a hash of the key ([`RECENT`] slots; `u64::MAX` marks an empty one).
    recent: Vec<(u64, u32)>,
    bytes: Vec<u8>,
    /// per entry: the tag can stand in a chunk string as it is (non-empty,
    /// no brace or angle bracket)
    clean: Vec<bool>,
    /// every stage's label is clean in that sense
    labels_clean: bool,
    /// the entry of each token of the sentence, of each stage's label
    tok: Vec<u32>,
    labels: Vec<u32>,
}

/// Slots of [`ChunkSpans`]' direct-mapped tag cache (a power of two).
const RECENT: usize = 1 << RECENT_BITS;
const RECENT_BITS: u32 = 10;

/// A tag can stand in a chunk string as it is: it is non-empty and holds
/// no brace or angle bracket.
fn clean_tag(t: &str) -> bool {
    !t.is_empty() && !t.bytes().any(|c| matches!(c, b'{' | b'}' | b'<' | b'>'))
}

impl ChunkSpans {
    /// The entry of `tag` in the compact-byte table of `parser`.
    #[inline(always)]
    fn entry(&mut self, parser: &RegexpParser, tag: &str) -> u32 {
        let key = short_key(tag);
        let slot =
            key.map(|k| (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - RECENT_BITS)) as usize);
        if let (Some(k), Some(&(sk, e))) = (key, slot.and_then(|i| self.recent.get(i))) {
            if sk == k {
                return e;
            }
        }
        self.entry_slow(parser, tag, key, slot)
    }

    /// [`ChunkSpans::entry`] past the direct-mapped cache.
    #[cold]
    #[inline(never)]
    fn entry_slow(
        &mut self,
        parser: &RegexpParser,
        tag: &str,
        key: Option<u64>,
        slot: Option<usize>,
    ) -> u32 {
        let e = match self.entries.get(tag) {
            Some(&e) => e,
            None => {
                let e = self.entries.len() as u32;
                for st in &parser.stages {
                    self.bytes
                        .push(st.compact.as_ref().map_or(0, |c| c.byte(tag)));
                }
                self.clean.push(clean_tag(tag));
                self.entries.insert(tag.into(), e);
                e
            }
        };
        if let (Some(k), Some(r)) = (key, slot.and_then(|i| self.recent.get_mut(i))) {
            *r = (k, e);
        }
        e
    }

    /// Fills `tok` (and, for a new parser, the caches) for a sentence:
    /// true when every tag and every stage's label is clean
    /// ([`clean_tag`]).
    fn prepare_compact(&mut self, parser: &RegexpParser, tagged: &[(&str, &str)]) -> bool {
        if self.owner != parser.id {
            self.owner = parser.id;
            self.entries.clear();
            self.recent.clear();
            self.recent.resize(RECENT, (u64::MAX, 0));
            self.bytes.clear();
            self.clean.clear();
            self.labels.clear();
            for st in &parser.stages {
                let e = self.entry(parser, st.chunk_label());
                self.labels.push(e);
            }
            self.labels_clean = parser.stages.iter().all(|st| clean_tag(st.chunk_label()));
        }
        let mut tok = std::mem::take(&mut self.tok);
        tok.clear();
        let mut all = self.labels_clean;
        for (_, t) in tagged {
            let e = self.entry(parser, t);
            all &= self.clean.get(e as usize).copied().unwrap_or(false);
            tok.push(e);
        }
        self.tok = tok;
        all
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
    /// Chunks one sentence as [`Chunker::parse`](crate::chunk::Chunker::parse)
    /// does, into `spans` (reused across calls), without building a tree:
    /// the result prints itself ([`Chunked::write_bracket`],
    /// [`Chunked::write_conll`]) or becomes a tree ([`Chunked::to_tree`]).
    ///
    /// # Errors
    /// As [`Chunker::parse`](crate::chunk::Chunker::parse): a rule that produces an
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
        // stage's input. Stages whose rules allow it run on compact
        // strings; a result that is not a valid chunk string sends the
        // sentence to full strings, which give NLTK's error.
        let any_compact = self.stages.iter().any(|st| st.compact.is_some());
        let clean = if any_compact {
            spans.prepare_compact(self, tagged)
        } else {
            tagged.iter().all(|(_, t)| clean_tag(t))
                && self.stages.iter().all(|st| clean_tag(st.chunk_label()))
        };
        let mut compact = clean && any_compact;
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

/// A tag of at most 7 bytes as one number: its bytes and its length
/// (distinct tags, distinct numbers).
#[inline(always)]
fn short_key(tag: &str) -> Option<u64> {
    let b = tag.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf.get_mut(..b.len())?.copy_from_slice(b);
    Some(u64::from_le_bytes(buf) | (b.len() as u64) << 56)
}

#[cfg(test)]
mod tests;
