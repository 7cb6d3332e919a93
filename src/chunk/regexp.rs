//! NLTK's regular-expression chunker (`nltk.chunk.regexp`): [`RegexpParser`]
//! reads NLTK's chunk grammar language and applies its rules, stage by
//! stage, to a *chunk string* (`{<DT><NN>}<VBD>`), as NLTK's `ChunkString`.
//!
//! Each rule is turned into the very regular expression NLTK builds
//! (`tag_pattern2re_pattern`: `<` and `>` become `(<(` and `)>)`, `.` becomes
//! `[^\{\}<>]`, whitespace is dropped, then the rule's look-ahead that keeps
//! chunk rules outside chunks and strip rules inside them) and run with a
//! backtracking engine ([`fancy_regex`]) that has Python's match priorities,
//! with `re.sub`'s treatment of empty matches. Chunk, strip, split and
//! chunk-with-context rules whose pattern cannot match a brace (and has no
//! look-around but `^` and `$`) run on the `regex` crate instead, with the
//! same result; the other rules get a `regex`-crate prefilter that says
//! where the backtracking engine's next match starts (`regexp_fast.rs` says
//! why). [`RegexpParser::parse_flat`] (`flat/`) runs the stages without
//! building trees, on compact chunk strings (one byte per piece,
//! `compact.rs`) where a stage's rules are made of tag units. The
//! `regex`-crate forms of a rule are built on first use.
//!
//! Differences from NLTK: a rule's text is translated from Python's regex
//! dialect to `fancy_regex`'s where they differ (`[` inside a class,
//! `{,n}`); exotic Python-only syntax is refused as an illegal chunk pattern.
//! After an empty match, `re.sub` retries a non-empty match at the same
//! place before moving on; nlkit moves on (this only matters for rules whose
//! pattern prefers the empty match, e.g. `<DT>*?`). NLTK prints
//! `Warning: parsing empty text` for an empty sentence; nlkit returns the
//! empty tree silently.

use std::ops::Range;
use std::sync::OnceLock;

use fancy_regex::Regex;

use super::compact::CompactStage;
use super::regexp_fast::FastRule;

use super::{ChunkTree, Chunker};
use crate::tree::Tree;
use crate::{Error, Result};

/// Longest tag pattern accepted (NLTK's `redos.MAX_PATTERN_LENGTH`).
pub const MAX_PATTERN_LENGTH: usize = 100_000;

/// What a rule does to the chunk string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// `{pattern}`: chunk matching tags outside chunks (NLTK's `ChunkRule`).
    Chunk,
    /// `}pattern{`: remove matching tags from chunks (NLTK's `StripRule`, "chinking").
    Strip,
    /// `left}{right`: split a chunk between the two patterns (`SplitRule`).
    Split,
    /// `left{}right`: merge adjacent chunks (`MergeRule`).
    Merge,
    /// `left{chunk}right`: chunk with context (`ChunkRuleWithContext`).
    ChunkWithContext,
}

/// One rule of a chunk grammar (NLTK's `RegexpChunkRule` and subclasses).
///
/// # Example
/// ```
/// use nlkit::chunk::{RegexpChunkRule, RuleKind};
/// let r = RegexpChunkRule::fromstring("{<DT>?<NN.*>+}  # noun phrases").unwrap();
/// assert_eq!(r.kind(), RuleKind::Chunk);
/// assert_eq!(r.descr(), "noun phrases");
/// assert!(RegexpChunkRule::fromstring("{<DT>").is_err());
/// ```
#[derive(Debug, Clone)]
pub struct RegexpChunkRule {
    kind: RuleKind,
    regex: Regex,
    /// The same rule for the `regex` crate, where it can run there.
    /// (Built on first use: a stage on compact strings never needs it.)
    fast: OnceLock<Option<FastRule>>,
    /// Otherwise, a `regex`-crate pattern that finds where `regex` can match.
    prefilter: OnceLock<Option<regex::Regex>>,
    /// The rule's patterns (`tag_pattern2re_pattern`, in the `regex` dialect).
    parts: Vec<String>,
    descr: String,
    source: String,
}

/// Python's `re` `\s` for a `str` pattern (Unicode whitespace).
fn is_ws(c: char) -> bool {
    crate::tokenize::is_py_whitespace(c)
}

fn illegal(rule: &str) -> Error {
    Error::InvalidInput(format!("Illegal chunk pattern: {rule}"))
}

/// NLTK's `tag_pattern2re_pattern`: converts a tag pattern to a regular
/// expression over chunk strings (in NLTK's Python dialect).
///
/// # Errors
/// [`Error::InvalidInput`] `Bad tag pattern: ...` for braces outside
/// quantifiers, nested or unbalanced angle brackets, or an over-long
/// pattern.
///
/// # Example
/// ```
/// use nlkit::chunk::tag_pattern2re_pattern;
/// assert_eq!(tag_pattern2re_pattern("<DT>? <NN.*>+").unwrap(),
///            r"(<(DT)>)?(<(NN[^\{\}<>]*)>)+");
/// assert!(tag_pattern2re_pattern("<DT<NN>>").is_err());
/// ```
pub fn tag_pattern2re_pattern(tag_pattern: &str) -> Result<String> {
    if tag_pattern.chars().count() > MAX_PATTERN_LENGTH {
        return Err(Error::InvalidInput(format!(
            "tag pattern longer than {MAX_PATTERN_LENGTH} characters"
        )));
    }
    let mut p = String::with_capacity(tag_pattern.len() * 2);
    for c in tag_pattern.chars().filter(|&c| !is_ws(c)) {
        match c {
            '<' => p.push_str("(<("),
            '>' => p.push_str(")>)"),
            c => p.push(c),
        }
    }
    if !valid_chunk_tag_pattern(&p) {
        return Err(Error::InvalidInput(format!(
            "Bad tag pattern: {}",
            py_repr(&p)
        )));
    }
    // Replace every `.` not escaped by an odd run of backslashes.
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push('\\');
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '.' => out.push_str(r"[^\{\}<>]"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// NLTK's `CHUNK_TAG_PATTERN`:
/// `^(([^\{\}<>]|\{\d+,?\}|\{\d*,\d+\})|<[^\{\}<>]+>)*$`.
fn valid_chunk_tag_pattern(p: &str) -> bool {
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let mut j = i + 1;
                while j < b.len() && !matches!(b[j], b'{' | b'}' | b'<' | b'>') {
                    j += 1;
                }
                if j == i + 1 || j >= b.len() || b[j] != b'>' {
                    return false;
                }
                i = j + 1;
            }
            b'{' => {
                // \{\d+,?\} or \{\d*,\d+\}
                let mut j = i + 1;
                let d1 = j;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let n1 = j - d1;
                let mut comma = false;
                if j < b.len() && b[j] == b',' {
                    comma = true;
                    j += 1;
                }
                let d2 = j;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let n2 = j - d2;
                if j >= b.len() || b[j] != b'}' {
                    return false;
                }
                let ok = (n1 > 0 && n2 == 0) || (comma && n2 > 0);
                if !ok {
                    return false;
                }
                i = j + 1;
            }
            b'}' | b'>' => return false,
            _ => i += 1,
        }
    }
    true
}

/// Python's `repr` of a string (single quotes unless it holds one).
fn py_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// Translates the places where Python's regex dialect and `fancy_regex`'s
/// differ: a `[` inside a class is literal in Python (escaped here), `&`,
/// `~` and `-` runs inside classes are set operators in Rust (escaped), and
/// `{,n}` means `{0,n}`.
fn python_to_fancy(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.push('\\');
                if let Some(&n) = chars.get(i + 1) {
                    match n {
                        'Z' => out.push('z'),
                        n => out.push(n),
                    }
                }
                i += 2;
            }
            '[' => {
                // A class: `[`, optional `^`, optional leading `]`, up to `]`.
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str(r"\]");
                    i += 1;
                }
                while i < chars.len() && chars[i] != ']' {
                    match chars[i] {
                        '\\' => {
                            out.push('\\');
                            if let Some(&n) = chars.get(i + 1) {
                                out.push(n);
                            }
                            i += 2;
                            continue;
                        }
                        '[' | '&' | '~' => {
                            out.push('\\');
                            out.push(chars[i]);
                        }
                        '-' if chars.get(i + 1) == Some(&'-') => out.push_str(r"\-"),
                        ch => out.push(ch),
                    }
                    i += 1;
                }
                if i < chars.len() {
                    out.push(']');
                    i += 1;
                }
            }
            '{' if chars.get(i + 1) == Some(&',') => {
                out.push_str("{0");
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Compiles a rule's Python-dialect regex.
fn compile(pattern: &str) -> Result<Regex> {
    let translated = python_to_fancy(pattern);
    fancy_regex::RegexBuilder::new(&translated)
        .backtrack_limit(1_000_000)
        .build()
        .map_err(|e| Error::Regex {
            pattern: pattern.to_string(),
            message: e.to_string(),
        })
}

/// NLTK's `ChunkString.IN_STRIP_PATTERN`: the match ends outside any chunk.
const IN_STRIP_PATTERN: &str = r"(?=[^\}]*(\{|$))";
/// NLTK's `ChunkString.IN_CHUNK_PATTERN`: the match ends inside a chunk.
const IN_CHUNK_PATTERN: &str = r"(?=[^\{]*\})";

impl RegexpChunkRule {
    fn build(kind: RuleKind, pats: &[&str], descr: &str, source: &str) -> Result<Self> {
        let mut res = Vec::with_capacity(pats.len());
        for p in pats {
            let re = tag_pattern2re_pattern(p)?;
            // NLTK compiles each part alone first ("ensure that the
            // individual patterns are coherent").
            if pats.len() > 1 {
                compile(&re)?;
            }
            res.push(re);
        }
        let pattern = match (kind, res.as_slice()) {
            (RuleKind::Chunk, [c]) => format!("(?P<chunk>{c}){IN_STRIP_PATTERN}"),
            (RuleKind::Strip, [s]) => format!("(?P<strip>{s}){IN_CHUNK_PATTERN}"),
            (RuleKind::Split, [l, r]) => format!("(?P<left>{l})(?={r})"),
            (RuleKind::Merge, [l, r]) => format!("(?P<left>{l})}}{{(?={r})"),
            (RuleKind::ChunkWithContext, [l, c, r]) => {
                format!("(?P<left>{l})(?P<chunk>{c})(?P<right>{r}){IN_STRIP_PATTERN}")
            }
            _ => return Err(illegal(source)),
        };
        let translated: Vec<String> = res.iter().map(|r| python_to_fancy(r)).collect();
        Ok(RegexpChunkRule {
            kind,
            regex: compile(&pattern)?,
            fast: OnceLock::new(),
            prefilter: OnceLock::new(),
            parts: translated,
            descr: descr.to_string(),
            source: source.to_string(),
        })
    }

    /// A chunk rule `{pattern}` (NLTK's `ChunkRule`).
    ///
    /// # Errors
    /// As [`tag_pattern2re_pattern`], or an invalid regular expression.
    pub fn chunk(tag_pattern: &str, descr: &str) -> Result<Self> {
        Self::build(
            RuleKind::Chunk,
            &[tag_pattern],
            descr,
            &format!("{{{tag_pattern}}}"),
        )
    }

    /// A strip (chink) rule `}pattern{` (NLTK's `StripRule`).
    ///
    /// # Errors
    /// As [`RegexpChunkRule::chunk`].
    pub fn strip(tag_pattern: &str, descr: &str) -> Result<Self> {
        Self::build(
            RuleKind::Strip,
            &[tag_pattern],
            descr,
            &format!("}}{tag_pattern}{{"),
        )
    }

    /// A split rule `left}{right` (NLTK's `SplitRule`).
    ///
    /// # Errors
    /// As [`RegexpChunkRule::chunk`].
    pub fn split(left: &str, right: &str, descr: &str) -> Result<Self> {
        Self::build(
            RuleKind::Split,
            &[left, right],
            descr,
            &format!("{left}}}{{{right}"),
        )
    }

    /// A merge rule `left{}right` (NLTK's `MergeRule`).
    ///
    /// # Errors
    /// As [`RegexpChunkRule::chunk`].
    pub fn merge(left: &str, right: &str, descr: &str) -> Result<Self> {
        Self::build(
            RuleKind::Merge,
            &[left, right],
            descr,
            &format!("{left}{{}}{right}"),
        )
    }

    /// Reads one rule line as NLTK's `RegexpChunkRule.fromstring`: text
    /// after an unescaped `#` is the description; `{p}` chunk, `}p{` strip,
    /// `l}{r` split, `l{}r` merge, `l{c}r` chunk with context.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] `Illegal chunk pattern: RULE` for anything
    /// else or a bad tag pattern inside, as NLTK's `ValueError`.
    pub fn fromstring(s: &str) -> Result<Self> {
        // Split off the comment (an unescaped `#`).
        let b: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < b.len() {
            if b[i] == '\\' && i + 1 < b.len() && b[i + 1] != '\n' {
                i += 2;
            } else if b[i] != '#' {
                i += 1;
            } else {
                break;
            }
        }
        let rule_text: String = b[..i].iter().collect();
        let rule = rule_text.trim_matches(is_ws);
        let comment: String = if i < b.len() {
            b[i + 1..].iter().collect()
        } else {
            String::new()
        };
        let comment = comment.trim_matches(is_ws);
        let wrap = |r: Result<Self>| r.map_err(|_| illegal(rule));
        if rule.is_empty() {
            return Err(illegal(rule));
        }
        if rule.starts_with('{') && rule.ends_with('}') && rule.len() >= 2 {
            return wrap(Self::build(
                RuleKind::Chunk,
                &[&rule[1..rule.len() - 1]],
                comment,
                rule,
            ));
        }
        if rule.starts_with('}') && rule.ends_with('{') && rule.len() >= 2 {
            return wrap(Self::build(
                RuleKind::Strip,
                &[&rule[1..rule.len() - 1]],
                comment,
                rule,
            ));
        }
        if rule.contains("}{") {
            let parts: Vec<&str> = rule.split("}{").collect();
            return match parts.as_slice() {
                [l, r] => wrap(Self::build(RuleKind::Split, &[l, r], comment, rule)),
                _ => Err(illegal(rule)),
            };
        }
        if rule.contains("{}") {
            let parts: Vec<&str> = rule.split("{}").collect();
            return match parts.as_slice() {
                [l, r] => wrap(Self::build(RuleKind::Merge, &[l, r], comment, rule)),
                _ => Err(illegal(rule)),
            };
        }
        // `[^{}]*{[^{}]*}[^{}]*` matched at the start, then split at braces.
        if let Some(open) = rule.find('{') {
            let after = &rule[open + 1..];
            if !rule[..open].contains('}') {
                if let Some(close) = after.find(['{', '}']) {
                    if after.as_bytes()[close] == b'}' {
                        let parts: Vec<&str> = rule.split(['{', '}']).collect();
                        return match parts.as_slice() {
                            [l, c, r] => wrap(Self::build(
                                RuleKind::ChunkWithContext,
                                &[l, c, r],
                                comment,
                                rule,
                            )),
                            _ => Err(illegal(rule)),
                        };
                    }
                }
            }
        }
        Err(illegal(rule))
    }

    /// The rule without its `regex`-crate form (tests compare the paths).
    #[cfg(test)]
    pub(super) fn without_fast(mut self) -> Self {
        self.fast = OnceLock::from(None);
        self.prefilter = OnceLock::from(None);
        self
    }

    /// True when the rule's backtracking path has a prefilter.
    #[cfg(test)]
    pub(super) fn has_prefilter(&self) -> bool {
        self.prefilter().is_some()
    }

    /// True when the rule runs on the `regex` crate's fast path.
    #[cfg(test)]
    pub(super) fn is_fast(&self) -> bool {
        self.fast().is_some()
    }

    /// The rule on the `regex` crate, where it can run there.
    fn fast(&self) -> Option<&FastRule> {
        self.fast
            .get_or_init(|| FastRule::build(self.kind, &self.parts, false))
            .as_ref()
    }

    /// For a rule that needs the backtracking engine, its prefilter.
    fn prefilter(&self) -> Option<&regex::Regex> {
        self.prefilter
            .get_or_init(|| match self.fast() {
                Some(_) => None,
                None => super::regexp_fast::prefilter(self.kind, &self.parts),
            })
            .as_ref()
    }

    /// The rule's patterns, translated to the `regex` dialect.
    pub(super) fn parts(&self) -> &[String] {
        &self.parts
    }

    /// What the rule does.
    pub fn kind(&self) -> RuleKind {
        self.kind
    }

    /// The rule's description (its comment in the grammar).
    pub fn descr(&self) -> &str {
        &self.descr
    }

    /// The rule as written (without its comment).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Applies the rule to a chunk string (NLTK's `ChunkString.xform`):
    /// `re.sub` of the rule's regex, then empty chunks `{}` removed.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the regex engine gives up (its
    /// backtracking limit, NLTK's timeout).
    pub fn apply(&self, chunkstr: &str) -> Result<String> {
        let mut out = String::with_capacity(chunkstr.len() + 16);
        self.apply_into(chunkstr, &mut out)?;
        Ok(remove_empty_chunks(&out))
    }

    /// [`RegexpChunkRule::apply`]'s substitution into `out` (cleared
    /// first), without removing empty chunks.
    pub(super) fn apply_into(&self, chunkstr: &str, out: &mut String) -> Result<()> {
        out.clear();
        if let Some(fast) = self.fast() {
            fast.apply(chunkstr, self.kind, out)?;
        } else {
            let re = &self.regex;
            sub_loop(chunkstr, self.kind, out, |pos| {
                // No match of `re` starts before the prefilter's next match.
                let pos = match self.prefilter() {
                    Some(p) => match p.find_at(chunkstr, pos) {
                        Some(m) => m.start(),
                        None => return Ok(None),
                    },
                    None => pos,
                };
                let caps = re
                    .captures_from_pos(chunkstr, pos)
                    .map_err(|e| Error::InvalidInput(format!("chunk rule {}: {e}", self.source)))?;
                let Some(caps) = caps else { return Ok(None) };
                let Some(m) = caps.get(0) else {
                    return Ok(None);
                };
                let g = |n: &str| caps.name(n).map_or(0..0, |m| m.range());
                Ok(Some(Found {
                    whole: m.range(),
                    left: g("left"),
                    chunk: if self.kind == RuleKind::Strip {
                        g("strip")
                    } else {
                        g("chunk")
                    },
                    right: g("right"),
                }))
            })?;
        }
        Ok(())
    }
}

/// A match of a rule: the whole match and its groups (byte ranges; a strip
/// rule's `strip` group is `chunk`; groups a rule lacks are empty).
pub(super) struct Found {
    pub(super) whole: Range<usize>,
    pub(super) left: Range<usize>,
    pub(super) chunk: Range<usize>,
    pub(super) right: Range<usize>,
}

/// Python's `re.sub` of a rule over `text` into `out`, with `find(pos)`
/// giving the first match at or after `pos`: Python does not take a second
/// empty match at one place, and an empty match at the end ends the scan.
pub(super) fn sub_loop(
    text: &str,
    kind: RuleKind,
    out: &mut String,
    mut find: impl FnMut(usize) -> Result<Option<Found>>,
) -> Result<()> {
    let mut last = 0;
    let mut pos = 0;
    let mut prev_empty_at: Option<usize> = None;
    while pos <= text.len() {
        let Some(f) = find(pos)? else { break };
        let (start, end) = (f.whole.start, f.whole.end);
        if start == end && prev_empty_at == Some(start) {
            match text[start..].chars().next() {
                Some(c) => {
                    pos = start + c.len_utf8();
                    continue;
                }
                None => break,
            }
        }
        out.push_str(&text[last..start]);
        let g = |r: &Range<usize>| text.get(r.clone()).unwrap_or("");
        match kind {
            RuleKind::Chunk => {
                out.push('{');
                out.push_str(g(&f.chunk));
                out.push('}');
            }
            RuleKind::Strip => {
                out.push('}');
                out.push_str(g(&f.chunk));
                out.push('{');
            }
            RuleKind::Split => {
                out.push_str(g(&f.left));
                out.push_str("}{");
            }
            RuleKind::Merge => out.push_str(g(&f.left)),
            RuleKind::ChunkWithContext => {
                out.push_str(g(&f.left));
                out.push('{');
                out.push_str(g(&f.chunk));
                out.push('}');
                out.push_str(g(&f.right));
            }
        }
        last = end;
        pos = end;
        prev_empty_at = (start == end).then_some(end);
        if start == end && pos >= text.len() {
            break; // an empty match at the end: done
        }
    }
    out.push_str(&text[last..]);
    Ok(())
}

/// `re.sub(r"\{\}", "", s)`.
fn remove_empty_chunks(s: &str) -> String {
    if !s.contains("{}") {
        return s.to_string();
    }
    s.replace("{}", "")
}

/// One stage of a grammar: rules that build chunks of one label (NLTK's
/// `RegexpChunkParser`).
///
/// # Example
/// ```
/// use nlkit::chunk::{RegexpChunkParser, RegexpChunkRule, Chunker};
/// let rules = vec![RegexpChunkRule::fromstring("{<DT>?<NN>}").unwrap()];
/// let p = RegexpChunkParser::new(rules, "NP", "S");
/// let t = p.parse(&[("the", "DT"), ("cat", "NN"), ("sat", "VBD")]).unwrap();
/// assert_eq!(t.to_string(), "(S (NP the/DT cat/NN) sat/VBD)");
/// ```
#[derive(Debug, Clone)]
pub struct RegexpChunkParser {
    rules: Vec<RegexpChunkRule>,
    chunk_label: String,
    root_label: String,
    /// The rules on compact chunk strings, where they can run there.
    pub(super) compact: Option<CompactStage>,
}

impl RegexpChunkParser {
    /// A stage applying `rules` in order; chunks are labelled `chunk_label`.
    pub fn new(rules: Vec<RegexpChunkRule>, chunk_label: &str, root_label: &str) -> Self {
        RegexpChunkParser {
            compact: CompactStage::build(&rules),
            rules,
            chunk_label: chunk_label.to_string(),
            root_label: root_label.to_string(),
        }
    }

    /// The rules.
    pub fn rules(&self) -> &[RegexpChunkRule] {
        &self.rules
    }

    /// The label of the chunks this stage builds.
    pub fn chunk_label(&self) -> &str {
        &self.chunk_label
    }

    /// Chunks the top level of `tree` (NLTK's `RegexpChunkParser.parse`):
    /// leaves are tokens (tag after the last `/`), subtrees take part with
    /// their label as tag.
    ///
    /// # Errors
    /// As [`Chunker::parse`], and a leaf without `/`.
    pub fn parse_tree(&self, tree: &Tree) -> Result<Tree> {
        let mut ct = ChunkTree::from_tree(tree)?;
        self.parse_stage(&mut ct)?;
        Ok(ct.into_tree())
    }

    fn parse_stage(&self, ct: &mut ChunkTree) -> Result<()> {
        ct.apply_stage(&self.rules, &self.chunk_label)
    }
}

impl Chunker for RegexpChunkParser {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        let mut ct = ChunkTree::from_tagged(tagged, &self.root_label);
        self.parse_stage(&mut ct)?;
        Ok(ct.into_tree())
    }
}

/// A chunk grammar of one or more stages (NLTK's `nltk.RegexpParser`).
///
/// The grammar is NLTK's: `LABEL: rule` starts a stage, further rule lines
/// belong to it, `#` starts a comment, stages run in order, the whole
/// sequence `loop` times.
///
/// # Example
/// ```
/// use nlkit::chunk::{RegexpParser, Chunker};
/// let g = r"
///   NP: {<DT|JJ|NN.*>+}     # chunk sequences of DT, JJ, NN
///   PP: {<IN><NP>}          # chunk prepositions followed by NP
///   VP: {<VB.*><NP|PP>+$}   # chunk verbs and their arguments
/// ";
/// let cp = RegexpParser::new(g).unwrap();
/// let t = cp.parse(&[("Mary", "NN"), ("saw", "VBD"), ("the", "DT"), ("cat", "NN")]).unwrap();
/// assert_eq!(t.to_string(), "(S (NP Mary/NN) (VP saw/VBD (NP the/DT cat/NN)))");
/// assert!(RegexpParser::new("{<DT>}").is_err()); // no stage label
/// ```
#[derive(Debug, Clone)]
pub struct RegexpParser {
    pub(super) stages: Vec<RegexpChunkParser>,
    pub(super) root_label: String,
    pub(super) loop_count: usize,
    /// Tells parsers apart (a [`super::ChunkSpans`] caches per parser).
    pub(super) id: u64,
}

impl RegexpParser {
    /// Reads a grammar with root label `S` and one pass.
    ///
    /// # Errors
    /// As [`RegexpParser::with_options`].
    pub fn new(grammar: &str) -> Result<Self> {
        Self::with_options(grammar, "S", 1)
    }

    /// Reads a grammar (NLTK's `RegexpParser(grammar, root_label, loop)`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's message: `Illegal chunk pattern:
    /// RULE` for a malformed rule, `Expected stage marker (eg NP:)` for
    /// rules before any `LABEL:`.
    pub fn with_options(grammar: &str, root_label: &str, loop_count: usize) -> Result<Self> {
        let mut stages = Vec::new();
        let mut rules: Vec<RegexpChunkRule> = Vec::new();
        let mut lhs: Option<String> = None;
        let add = |stages: &mut Vec<RegexpChunkParser>,
                   rules: Vec<RegexpChunkRule>,
                   lhs: &Option<String>|
         -> Result<()> {
            if rules.is_empty() {
                return Ok(());
            }
            match lhs {
                Some(l) if !l.is_empty() => {
                    stages.push(RegexpChunkParser::new(rules, l, root_label));
                    Ok(())
                }
                _ => Err(Error::InvalidInput(
                    "Expected stage marker (eg NP:)".to_string(),
                )),
            }
        };
        for line in grammar.split('\n') {
            let mut line = line.trim_matches(is_ws);
            if let Some(colon) = line.find(':') {
                add(&mut stages, std::mem::take(&mut rules), &lhs)?;
                lhs = Some(line[..colon].trim_matches(is_ws).to_string());
                line = line[colon + 1..].trim_matches(is_ws);
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            rules.push(RegexpChunkRule::fromstring(line)?);
        }
        add(&mut stages, rules, &lhs)?;
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(RegexpParser {
            stages,
            root_label: root_label.to_string(),
            loop_count,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// The stages, in order.
    pub fn stages(&self) -> &[RegexpChunkParser] {
        &self.stages
    }

    /// Chunks a tree whose leaves are `word/TAG` tokens (and whose subtrees
    /// act as tokens tagged with their label), as NLTK's
    /// `RegexpParser.parse(tree)`.
    ///
    /// # Errors
    /// As [`Chunker::parse`], and a leaf without `/`.
    pub fn parse_tree(&self, tree: &Tree) -> Result<Tree> {
        let mut ct = ChunkTree::from_tree(tree)?;
        self.run(&mut ct)?;
        Ok(ct.into_tree())
    }

    fn run(&self, ct: &mut ChunkTree) -> Result<()> {
        for _ in 0..self.loop_count {
            for stage in &self.stages {
                stage.parse_stage(ct)?;
            }
        }
        Ok(())
    }
}

impl Chunker for RegexpParser {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        let mut spans = super::ChunkSpans::default();
        Ok(self.parse_flat(tagged, &mut spans)?.to_tree())
    }
}

/// NLTK's `ChunkString._verify` (levels 1): the string is a sequence of
/// `{?<tag>}?`, braces alternate, and the tags are the pieces' tags.
pub(crate) fn verify_chunkstring<'a>(
    s: &str,
    tags: impl ExactSizeIterator<Item = &'a str>,
) -> Result<()> {
    let invalid = || {
        Error::InvalidInput(format!(
            "Transformation generated invalid chunkstring:\n  {s}"
        ))
    };
    let b = s.as_bytes();
    let mut i = 0;
    let mut found: Vec<&str> = Vec::with_capacity(tags.len());
    while i < b.len() {
        if b[i] == b'{' {
            i += 1;
        }
        if i >= b.len() || b[i] != b'<' {
            return Err(invalid());
        }
        let start = i + 1;
        let mut j = start;
        while j < b.len() && !matches!(b[j], b'{' | b'}' | b'<' | b'>') {
            j += 1;
        }
        if j == start || j >= b.len() || b[j] != b'>' {
            return Err(invalid());
        }
        found.push(&s[start..j]);
        i = j + 1;
        if i < b.len() && b[i] == b'}' {
            i += 1;
        }
    }
    let mut open = false;
    for &c in b {
        match c {
            b'{' if !open => open = true,
            b'}' if open => open = false,
            b'{' | b'}' => return Err(invalid()),
            _ => {}
        }
    }
    if open {
        return Err(invalid());
    }
    if !found.iter().copied().eq(tags) {
        return Err(Error::InvalidInput(
            "Transformation generated invalid chunkstring: tag changed".to_string(),
        ));
    }
    Ok(())
}
