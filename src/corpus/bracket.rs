//! NLTK's `BracketParseCorpusReader` (the Penn Treebank sample,
//! `treebank/combined/wsj_*.mrg`).
//!
//! A block starts at every line that begins with `(` (NLTK's
//! `detect_blocks="unindented_paren"`). As in NLTK, `words`/`tagged_words`
//! come from regular expressions over the block (so `-NONE-` traces such as
//! `*-1` are words), and `parsed_sents` from [`Tree::fromstring`] with the
//! empty top bracket removed. Difference: NLTK's "recovery" of a malformed
//! tree ends in a `TypeError`; nlkit reports an [`Error::Format`](crate::Error::Format) naming the
//! file and the block's first line.

use std::sync::OnceLock;

use regex::Regex;

use super::treeunits::{self, TreeUnits};
use super::{splitlines_keepends, CorpusRoot, Items};
use crate::tree::{Child, Tree};
use crate::Result;

/// A corpus of bracketed parse trees.
#[derive(Debug)]
pub struct BracketParseCorpusReader {
    root: CorpusRoot,
}

fn single_char_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r"\((.)\)")
}
fn three_field_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r"\(([^\s()]+) ([^\s()]+) [^\s()]+\)")
}
fn tagword_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r"\(([^\s()]+) ([^\s()]+)\)")
}

/// NLTK's `_normalize`: `(x)` becomes `(x x)`, `(a b c)` becomes `(a b)`.
fn normalize(t: &str) -> String {
    let t = single_char_re().replace_all(t, "($1 $1)");
    three_field_re().replace_all(&t, "($1 $2)").into_owned()
}

/// Blocks of a file with the 1-based line number where each starts.
fn blocks(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in splitlines_keepends(text).into_iter().enumerate() {
        if line.starts_with('(') {
            out.push((i + 1, line.to_string()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out
}

impl BracketParseCorpusReader {
    /// A reader over `root`.
    pub fn new(root: CorpusRoot) -> Self {
        BracketParseCorpusReader { root }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    fn tag_block(block: &str) -> Vec<(String, String)> {
        let n = normalize(block);
        tagword_re()
            .captures_iter(&n)
            .map(|c| (c[2].to_string(), c[1].to_string()))
            .collect()
    }

    /// Tagged sentences (`(word, tag)`, including `-NONE-` elements).
    pub fn tagged_sents<'a>(
        &'a self,
        fileids: Option<&[String]>,
    ) -> Items<'a, Vec<(String, String)>> {
        treeunits::tagged_sents::<Self>(&self.root, fileids)
    }

    /// Tagged words.
    pub fn tagged_words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, (String, String)> {
        treeunits::tagged_words::<Self>(&self.root, fileids)
    }

    /// Sentences (words only).
    pub fn sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        treeunits::sents::<Self>(&self.root, fileids)
    }

    /// Words.
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        treeunits::words::<Self>(&self.root, fileids)
    }

    /// Parse one block as NLTK's `_parse` does.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) with the tree parser's message.
    pub fn parse_block(block: &str) -> Result<Option<Tree>> {
        let t = Tree::fromstring(&normalize(block))?;
        let t = if t.label().is_empty() && t.len() == 1 {
            match t.into_parts().1.pop() {
                Some(Child::Tree(inner)) => inner,
                // A bare word under an empty bracket: NLTK returns the
                // string; keep it as a one-leaf tree with an empty label.
                other => Tree::new("", other.into_iter().collect()),
            }
        } else {
            t
        };
        // NLTK drops falsy results (a tree without children).
        Ok(if t.is_empty() { None } else { Some(t) })
    }

    /// Parse trees of the selected files.
    pub fn parsed_sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Tree> {
        treeunits::parsed_sents::<Self>(&self.root, fileids)
    }
}

impl TreeUnits for BracketParseCorpusReader {
    fn units(text: &str) -> Vec<(usize, String)> {
        blocks(text)
    }

    fn tag_unit(unit: &str) -> Vec<(String, String)> {
        Self::tag_block(unit)
    }

    fn parse_unit(unit: &str) -> Result<Option<Tree>> {
        Self::parse_block(unit)
    }
}
