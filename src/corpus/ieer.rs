//! NLTK's `IEERCorpusReader` (the `ieer` corpus: NIST 1999 IE-ER newswire
//! with `<b_enamex type="...">...<e_enamex>` named-entity mark-up).
//!
//! `docs` gives each `<DOC>...</DOC>` block as NLTK does (its lines, each
//! with its newline, joined by `"\n"`); `parsed_docs` parses a block as
//! NLTK's `ieerstr2tree(doc, root_label="DOCUMENT")` into an [`IEERDocument`]
//! (docno, doctype, date/time, headline and text trees, entities as
//! subtrees labelled with their type). NLTK's reader has no `words()`;
//! nlkit's `words` are the leaves of the document text trees.
//! Differences: a `<b_...>` tag without a `type` attribute crashes NLTK
//! (`AttributeError`); nlkit reports an [`Error::Format`] with the file and
//! line, as it does for unbalanced tags (NLTK's "Bad IEER string").

use std::sync::OnceLock;

use regex::Regex;

use super::{splitlines_keepends, CorpusRoot, Items};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// One document of the IEER corpus (NLTK's `IEERDocument`).
#[derive(Debug, Clone, PartialEq)]
pub struct IEERDocument {
    /// The document text as a chunk tree labelled `DOCUMENT`.
    pub text: Tree,
    /// Document number (`<DOCNO>`).
    pub docno: Option<String>,
    /// Document type (`<DOCTYPE>`).
    pub doctype: Option<String>,
    /// Date and time (`<DATE_TIME>`).
    pub date_time: Option<String>,
    /// The headline as a chunk tree (`None` when absent).
    pub headline: Option<Tree>,
}

/// The IEER corpus (NLTK's `IEERCorpusReader`).
#[derive(Debug)]
pub struct IEERCorpusReader {
    root: CorpusRoot,
}

fn doc_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(
        &R,
        r"(?s)\A<DOC>\s*(?:<DOCNO>\s*(?P<docno>.+?)\s*</DOCNO>\s*)?(?:<DOCTYPE>\s*(?P<doctype>.+?)\s*</DOCTYPE>\s*)?(?:<DATE_TIME>\s*(?P<date_time>.+?)\s*</DATE_TIME>\s*)?<BODY>\s*(?:<HEADLINE>\s*(?P<headline>.+?)\s*</HEADLINE>\s*)?<TEXT>(?P<text>.*?)</TEXT>\s*</BODY>\s*</DOC>\s*",
    )
}
fn piece_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r"<[^<>]{1,400}>|[^\s<]+")
}
fn type_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    super::lazy_regex(&R, r#"\A<b_\w+\s+[^>]*?type="(?P<type>\w+)""#)
}

fn py_strip(s: &str) -> &str {
    s.trim_matches(crate::tokenize::is_py_whitespace)
}

/// A block of a file with the 1-based line where it starts.
struct Block {
    line: usize,
    text: String,
}

/// NLTK's `_read_block` over a whole file.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = splitlines_keepends(text).into_iter().enumerate();
    loop {
        let Some((start, first)) = lines.by_ref().find(|(_, l)| py_strip(l) == "<DOC>") else {
            return out;
        };
        let mut doc = vec![first];
        for (_, l) in lines.by_ref() {
            doc.push(l);
            if py_strip(l) == "</DOC>" {
                break;
            }
        }
        out.push(Block {
            line: start + 1,
            text: doc.join("\n"),
        });
    }
}

/// NLTK's `_ieer_read_text`; `Err` carries the byte offset of the problem.
fn read_text(s: &str, root_label: &str) -> std::result::Result<Tree, (usize, String)> {
    // A stack of (label, children); the root is at the bottom.
    let mut stack: Vec<(String, Vec<Child>)> = vec![(root_label.to_string(), Vec::new())];
    for m in piece_re().find_iter(s) {
        let piece = m.as_str();
        if piece.starts_with("<b_") {
            let ty = type_re()
                .captures(piece)
                .and_then(|c| c.name("type"))
                .ok_or_else(|| (m.start(), format!("entity tag `{piece}` has no type")))?;
            stack.push((ty.as_str().to_string(), Vec::new()));
        } else if piece.starts_with("<e_") {
            let (label, kids) = stack.pop().unwrap_or_default();
            match stack.last_mut() {
                Some(parent) => parent.1.push(Child::Tree(Tree::new(label, kids))),
                // NLTK pops the root and then fails ("Bad IEER string").
                None => return Err((m.start(), "Bad IEER string: unbalanced end tag".into())),
            }
        } else {
            match stack.last_mut() {
                Some(top) => top.1.push(Child::Leaf(piece.to_string())),
                None => return Err((m.start(), "Bad IEER string".into())),
            }
        }
    }
    if stack.len() != 1 {
        return Err((s.len(), "Bad IEER string: unclosed entity tag".into()));
    }
    let (label, kids) = stack.pop().unwrap_or_default();
    Ok(Tree::new(label, kids))
}

/// 1-based line of byte `offset` of a block that starts at `first_line`
/// (a block's lines keep their newline and are joined by another one).
fn line_of(s: &str, offset: usize, first_line: usize) -> usize {
    let n = s.bytes().take(offset).filter(|&b| b == b'\n').count();
    first_line + n.div_ceil(2)
}

impl IEERCorpusReader {
    /// A reader over `root`.
    pub fn new(root: CorpusRoot) -> Self {
        IEERCorpusReader { root }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    /// Parses one document block as NLTK's `ieerstr2tree(doc,
    /// root_label="DOCUMENT")`; `name` and `line` locate errors.
    ///
    /// # Errors
    /// [`Error::Format`] for unbalanced or untyped entity tags.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::IEERCorpusReader;
    /// let d = IEERCorpusReader::parse_doc(
    ///     "<DOC>\n<DOCNO> 1 </DOCNO>\n<BODY>\n<TEXT>\nIn <b_enamex type=\"LOCATION\">Kenya<e_enamex> .\n</TEXT>\n</BODY>\n</DOC>\n",
    ///     "f", 1,
    /// ).unwrap();
    /// assert_eq!(d.docno.as_deref(), Some("1"));
    /// assert_eq!(d.text.to_string(), "(DOCUMENT In (LOCATION Kenya) .)");
    /// ```
    pub fn parse_doc(doc: &str, name: &str, line: usize) -> Result<IEERDocument> {
        let tree = |part: regex::Match<'_>| {
            read_text(part.as_str(), "DOCUMENT").map_err(|(off, msg)| {
                Error::format(name, line_of(doc, part.start() + off, line), msg)
            })
        };
        match doc_re().captures(doc) {
            Some(c) => {
                let s = |k: &str| c.name(k).map(|m| m.as_str().to_string());
                Ok(IEERDocument {
                    text: match c.name("text") {
                        Some(t) => tree(t)?,
                        None => Tree::new("DOCUMENT", Vec::new()),
                    },
                    docno: s("docno"),
                    doctype: s("doctype"),
                    date_time: s("date_time"),
                    headline: c.name("headline").map(tree).transpose()?,
                })
            }
            None => Ok(IEERDocument {
                text: read_text(doc, "DOCUMENT")
                    .map_err(|(off, msg)| Error::format(name, line_of(doc, off, line), msg))?,
                docno: None,
                doctype: None,
                date_time: None,
                headline: None,
            }),
        }
    }

    /// The raw `<DOC>` blocks (NLTK's `docs()`).
    pub fn docs<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        self.root.items(fileids, |_, text| {
            Ok(blocks(&text).into_iter().map(|b| b.text).collect())
        })
    }

    /// The parsed documents (NLTK's `parsed_docs()`).
    pub fn parsed_docs<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, IEERDocument> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            let name = root.display_name(f);
            blocks(&text)
                .iter()
                .map(|b| Self::parse_doc(&b.text, &name, b.line))
                .collect()
        })
    }

    /// The words of the document texts (leaves of the text trees).
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            let name = root.display_name(f);
            let mut out = Vec::new();
            for b in blocks(&text) {
                let d = Self::parse_doc(&b.text, &name, b.line)?;
                out.extend(d.text.leaves().into_iter().map(str::to_string));
            }
            Ok(out)
        })
    }
}
