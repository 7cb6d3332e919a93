//! NLTK's `SinicaTreebankCorpusReader` (the `sinica_treebank` sample of the
//! Academia Sinica Chinese treebank): one sentence per line, such as
//! `#3:3.[39029] S(theme:NP(Head:Nab:X)|Head:VC1:Y)#，(COMMACATEGORY)`.
//!
//! As in NLTK, the leading `#id ` and the trailing `#...` appendix are
//! removed; words and `(word, tag)` pairs come from regular expressions over
//! `:TAG:WORD` fields; trees from NLTK's `sinica_parse` (role labels
//! dropped, `TAG:WORD` leaves become `(TAG WORD)`), with empty sentences
//! skipped. Difference: a line whose tree does not parse gives an
//! [`Error::Format`](crate::Error::Format) naming the file and line (NLTK raises `ValueError`).

use std::sync::OnceLock;

use regex::Regex;

use super::treeunits::{self, TreeUnits};
use super::{splitlines_keepends, CorpusRoot, Items};
use crate::tree::Tree;
use crate::Result;

/// The Sinica treebank (NLTK's `SinicaTreebankCorpusReader`).
#[derive(Debug)]
pub struct SinicaTreebankCorpusReader {
    root: CorpusRoot,
}

fn identifier_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r"\A#\S+\s")
}
fn tagword_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r":([^:()|]+):([^:()|]+)")
}
fn split_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r"[()| ]")
}

/// NLTK's `_read_block` clean-up of one line: `IDENTIFIER.sub` and
/// `APPENDIX.sub` (`(?<=\))#.*$`: from the first `)#` to the end of the line,
/// keeping a final newline).
fn clean(line: &str) -> String {
    let s = identifier_re().replace(line, "");
    let (body, nl) = match s.strip_suffix('\n') {
        Some(b) => (b, "\n"),
        None => (&*s, ""),
    };
    // `.` does not match a newline: only the last line segment can be cut.
    let seg_start = body.rfind('\n').map_or(0, |i| i + 1);
    match body[seg_start..].find(")#") {
        Some(i) => format!("{}{nl}", &body[..seg_start + i + 1]),
        None => s.into_owned(),
    }
}

/// NLTK's `sinica_parse`: the Sinica bracketing as a Penn-style string.
fn sinica_to_brackets(s: &str) -> String {
    // re.split with a capturing group: text, separator, text, ...
    let mut tokens: Vec<String> = Vec::new();
    let mut last = 0;
    for m in split_re().find_iter(s) {
        tokens.push(s[last..m.start()].to_string());
        tokens.push(m.as_str().to_string());
        last = m.end();
    }
    tokens.push(s[last..].to_string());
    let n = tokens.len();
    for i in 0..n {
        if tokens[i] == "(" {
            // Python's tokens[i - 1] wraps to the last token when i == 0.
            let j = if i == 0 { n - 1 } else { i - 1 };
            tokens.swap(i, j);
        } else if tokens[i].contains(':') {
            let fields: Vec<&str> = tokens[i].split(':').collect();
            tokens[i] = match fields.as_slice() {
                [_, nt] => nt.to_string(),
                [.., tag, word] => format!("({tag} {word})"),
                _ => continue,
            };
        } else if tokens[i] == "|" {
            tokens[i].clear();
        }
    }
    tokens.join(" ")
}

impl SinicaTreebankCorpusReader {
    /// A reader over `root`.
    pub fn new(root: CorpusRoot) -> Self {
        SinicaTreebankCorpusReader { root }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    /// `(word, tag)` pairs of one cleaned line (NLTK's `_tag`).
    pub fn tag_line(line: &str) -> Vec<(String, String)> {
        tagword_re()
            .captures_iter(line)
            .map(|c| (c[2].to_string(), c[1].to_string()))
            .collect()
    }

    /// Parses one sentence line as NLTK's `sinica_parse` (after removing
    /// the identifier and the appendix).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the bracketing is malformed.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::SinicaTreebankCorpusReader;
    /// let t = SinicaTreebankCorpusReader::parse_line("#1:1.[4257] NP(Head:Neu:一)#。(PERIODCATEGORY)\n").unwrap();
    /// assert_eq!(t.unwrap().to_string(), "(NP (Neu 一))");
    /// ```
    pub fn parse_line(line: &str) -> Result<Option<Tree>> {
        let t = Tree::fromstring_remove_empty_top(&sinica_to_brackets(&clean(line)))?;
        Ok(if t.is_empty() { None } else { Some(t) })
    }

    /// Tagged sentences (empty ones skipped).
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

    /// Sentences (words only, empty ones skipped).
    pub fn sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        treeunits::sents::<Self>(&self.root, fileids)
    }

    /// Words.
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        treeunits::words::<Self>(&self.root, fileids)
    }

    /// Parse trees (empty ones skipped).
    pub fn parsed_sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Tree> {
        treeunits::parsed_sents::<Self>(&self.root, fileids)
    }
}

/// A unit is a line, cleaned before it is tagged or parsed.
impl TreeUnits for SinicaTreebankCorpusReader {
    fn units(text: &str) -> Vec<(usize, String)> {
        splitlines_keepends(text)
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect()
    }

    fn tag_unit(unit: &str) -> Vec<(String, String)> {
        Self::tag_line(&clean(unit))
    }

    fn parse_unit(unit: &str) -> Result<Option<Tree>> {
        Self::parse_line(unit)
    }
}
