//! Corpus readers, as in NLTK's `nltk.corpus.reader`, reading NLTK data
//! packages straight from their unpacked folder or their `.zip`
//! (see [`crate::data`]).
//!
//! Each reader keeps NLTK's class name and computes `fileids()` and
//! `categories()` as NLTK does (the same file-id regular expressions, matched
//! against the whole path, and the same sorted order):
//!
//! | reader | NLTK class | corpora |
//! |---|---|---|
//! | [`PlaintextCorpusReader`] | `PlaintextCorpusReader`, `CategorizedPlaintextCorpusReader`, `UdhrCorpusReader` ([`udhr_root`]) | abc, genesis, inaugural, state_union, webtext, udhr, udhr2, movie_reviews |
//! | [`TaggedCorpusReader`] | `CategorizedTaggedCorpusReader` | brown |
//! | [`BracketParseCorpusReader`] | `BracketParseCorpusReader` | treebank |
//! | [`ConllChunkCorpusReader`] | `ConllChunkCorpusReader` | conll2000, conll2002 |
//! | [`WordListCorpusReader`] | `WordListCorpusReader`, `StopwordsCorpusReader` | words, names, stopwords, gazetteers |
//! | [`DependencyCorpusReader`] | `DependencyCorpusReader` | dependency_treebank |
//! | [`PPAttachmentCorpusReader`] | `PPAttachmentCorpusReader` | ppattach |
//! | [`SinicaTreebankCorpusReader`] | `SinicaTreebankCorpusReader` | sinica_treebank |
//! | [`IEERCorpusReader`] | `IEERCorpusReader` | ieer |
//! | [`CmuDictCorpusReader`] | `CMUDictCorpusReader` | cmudict |
//! | [`conllu`] (streaming) | none in NLTK | any `.conllu` file, e.g. UD English-EWT |
//!
//! [`open_corpus`] opens a corpus by its NLTK id with NLTK's settings (the
//! `nltk.corpus.<id>` loaders); [`Corpus`] is the uniform view used by the
//! CLI (`nlkit corpus`) and the indexer.
//!
//! Views are lazy: they read one file at a time and yield items as
//! iterators of `Result`, stopping after the first error. A file is read
//! whole (corpus files are small); plain-text folders given by path are
//! streamed line by line by the indexer instead.
//!
//! # Example
//! ```
//! use nlkit::corpus::PlaintextCorpusReader;
//! use nlkit::data::Resource;
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "Hello, world.\n\nBye!").unwrap();
//! let reader = PlaintextCorpusReader::new(Resource::open(dir.path()).unwrap(), r".*\.txt").unwrap();
//! assert_eq!(reader.fileids(), ["a.txt"]);
//! let words: Vec<String> = reader.words(None).collect::<Result<_, _>>().unwrap();
//! assert_eq!(words, ["Hello", ",", "world", ".", "Bye", "!"]);
//! ```

pub mod conllu;

mod bracket;
mod categories;
mod cmudict;
mod conll;
mod dependency;
mod encoding;
mod ieer;
mod plaintext;
mod ppattach;
mod registry;
mod sinica;
mod tagged;
mod treeunits;
mod udhr;
mod views;
mod wordlist;

pub use bracket::BracketParseCorpusReader;
pub use categories::Categories;
pub use cmudict::CmuDictCorpusReader;
pub use conll::ConllChunkCorpusReader;
pub use dependency::DependencyCorpusReader;
pub use encoding::Encoding;
pub use ieer::{IEERCorpusReader, IEERDocument};
pub use plaintext::PlaintextCorpusReader;
pub use ppattach::{PPAttachment, PPAttachmentCorpusReader};
pub use registry::{open_corpus, open_path, Corpus, CorpusKind, KNOWN_CORPORA};
pub use sinica::SinicaTreebankCorpusReader;
pub use tagged::TaggedCorpusReader;
pub use udhr::{udhr_encodings, udhr_root, UDHR_SKIP};
pub use wordlist::WordListCorpusReader;

use crate::data::Resource;
use crate::{Error, Result};

/// A lazy stream of corpus items; stops after the first error.
pub type Items<'a, T> = Box<dyn Iterator<Item = Result<T>> + 'a>;

/// A word with its tag (`None` when a tagged token has no separator, as
/// NLTK's `str2tuple`).
pub type TaggedWord = (String, Option<String>);

/// The files of one corpus: its resource, file ids and their encodings
/// (NLTK's `CorpusReader` base).
pub struct CorpusRoot {
    res: Resource,
    fileids: Vec<String>,
    encodings: Vec<(fancy_regex::Regex, Encoding)>,
}

impl std::fmt::Debug for CorpusRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusRoot")
            .field("res", &self.res)
            .field("fileids", &self.fileids.len())
            .finish()
    }
}

/// How a reader selects its files: a regular expression matched against the
/// whole relative path (NLTK's `find_corpus_fileids`), or an explicit list
/// (kept in the given order, as NLTK does).
#[derive(Debug, Clone, Copy)]
pub enum FileIdSpec<'a> {
    /// A Python-style regular expression (lookahead allowed).
    Pattern(&'a str),
    /// An explicit list of file ids.
    List(&'a [&'a str]),
}

fn compile(pattern: &str) -> Result<fancy_regex::Regex> {
    fancy_regex::Regex::new(pattern).map_err(|e| Error::Regex {
        pattern: pattern.to_string(),
        message: e.to_string(),
    })
}

/// Python's `re.match(pattern + "$", s)`: anchored at the start and the end.
fn full_match(re: &fancy_regex::Regex, s: &str) -> bool {
    re.is_match(s).unwrap_or(false)
}

impl CorpusRoot {
    /// Selects the files of `res` by `spec`, all in `encoding`.
    ///
    /// # Errors
    /// [`Error::Regex`] for a bad pattern, I/O errors while listing.
    pub fn new(res: Resource, spec: FileIdSpec<'_>, encoding: Encoding) -> Result<Self> {
        Self::with_encodings(res, spec, &[(".*", encoding)])
    }

    /// As [`CorpusRoot::new`] with NLTK's list of `(fileid regex, encoding)`
    /// pairs: a file gets the encoding of the first regex that matches the
    /// start of its id.
    ///
    /// # Errors
    /// As [`CorpusRoot::new`].
    pub fn with_encodings(
        res: Resource,
        spec: FileIdSpec<'_>,
        encodings: &[(&str, Encoding)],
    ) -> Result<Self> {
        let fileids = match spec {
            FileIdSpec::Pattern(p) => {
                let re = compile(&format!("^(?:{p})$"))?;
                res.list()?
                    .into_iter()
                    .filter(|f| full_match(&re, f))
                    .collect()
            }
            FileIdSpec::List(l) => l.iter().map(|s| s.to_string()).collect(),
        };
        let encodings = encodings
            .iter()
            .map(|(p, e)| Ok((compile(&format!("^(?:{p})"))?, *e)))
            .collect::<Result<Vec<_>>>()?;
        Ok(CorpusRoot {
            res,
            fileids,
            encodings,
        })
    }

    /// The file ids, in NLTK's order.
    pub fn fileids(&self) -> &[String] {
        &self.fileids
    }

    /// The underlying resource.
    pub fn resource(&self) -> &Resource {
        &self.res
    }

    /// The encoding NLTK uses for `fileid`.
    pub fn encoding(&self, fileid: &str) -> Encoding {
        self.encodings
            .iter()
            .find(|(re, _)| full_match(re, fileid))
            .map_or(Encoding::Utf8, |(_, e)| *e)
    }

    /// The decoded text of `fileid` (any file of the resource, listed or not).
    ///
    /// # Errors
    /// I/O, zip and decoding errors, naming the file.
    pub fn read_text(&self, fileid: &str) -> Result<String> {
        let bytes = self.res.read(fileid)?;
        let name = format!("{}/{fileid}", self.res.location().display());
        self.encoding(fileid).decode(&bytes, &name)
    }

    /// The name of `fileid` for error messages.
    pub fn display_name(&self, fileid: &str) -> String {
        format!("{}/{fileid}", self.res.location().display())
    }

    /// Resolves a selection: `None` means every file; otherwise each id must
    /// be one of [`CorpusRoot::fileids`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming an unknown file id.
    pub fn select(&self, fileids: Option<&[String]>) -> Result<Vec<String>> {
        match fileids {
            None => Ok(self.fileids.clone()),
            Some(sel) => {
                for f in sel {
                    if !self.fileids.iter().any(|x| x == f) {
                        return Err(Error::InvalidInput(format!(
                            "unknown file id `{f}` in corpus {} (see `fileids`)",
                            self.res.name()
                        )));
                    }
                }
                Ok(sel.to_vec())
            }
        }
    }

    /// A lazy stream over the items of each selected file: `per_file` turns
    /// one file's decoded text into its items.
    pub fn items<'a, T: 'a>(
        &'a self,
        fileids: Option<&[String]>,
        per_file: impl FnMut(&str, String) -> Result<Vec<T>> + 'a,
    ) -> Items<'a, T> {
        match self.select(fileids) {
            Err(e) => Box::new(std::iter::once(Err(e))),
            Ok(files) => Box::new(PerFile {
                root: self,
                files: files.into_iter(),
                per_file,
                current: Vec::new().into_iter(),
                failed: false,
            }),
        }
    }
}

struct PerFile<'a, T, F> {
    root: &'a CorpusRoot,
    files: std::vec::IntoIter<String>,
    per_file: F,
    current: std::vec::IntoIter<T>,
    failed: bool,
}

impl<T, F: FnMut(&str, String) -> Result<Vec<T>>> Iterator for PerFile<'_, T, F> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        loop {
            if self.failed {
                return None;
            }
            if let Some(x) = self.current.next() {
                return Some(Ok(x));
            }
            let f = self.files.next()?;
            match self
                .root
                .read_text(&f)
                .and_then(|text| (self.per_file)(&f, text))
            {
                Ok(v) => self.current = v.into_iter(),
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// The regex compiled once into `cell` from a constant `pattern` (the
/// readers' lazily built patterns).
pub(crate) fn lazy_regex(
    cell: &'static std::sync::OnceLock<regex::Regex>,
    pattern: &str,
) -> &'static regex::Regex {
    #[allow(clippy::expect_used)]
    cell.get_or_init(|| regex::Regex::new(pattern).expect("constant pattern"))
}

/// Python's `str.splitlines(keepends=True)`: lines with their terminators
/// (`\n`, `\r\n`, `\r`, `\v`, `\f`, `\x1c`-`\x1e`, U+0085, U+2028, U+2029).
pub fn splitlines_keepends(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let end = match c {
            '\r' => {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    i + 2
                } else {
                    i + 1
                }
            }
            '\n' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}'
            | '\u{2029}' => i + c.len_utf8(),
            _ => continue,
        };
        out.push(&text[start..end]);
        start = end;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Python's `str.strip()` test for emptiness: true when `s` is all whitespace.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(crate::tokenize::is_py_whitespace)
}

/// NLTK's `read_blankline_block` applied to a whole file: paragraphs are
/// runs of non-blank lines (each keeping its line terminator).
pub fn blankline_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in splitlines_keepends(text) {
        if is_blank(line) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Python's `str.split()` (no argument): split on runs of whitespace.
pub(crate) fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(crate::tokenize::is_py_whitespace)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitlines_matches_python() {
        assert_eq!(
            splitlines_keepends("a\r\nb\rc\x0cd\n\ne"),
            ["a\r\n", "b\r", "c\x0c", "d\n", "\n", "e"]
        );
        assert!(splitlines_keepends("").is_empty());
    }

    #[test]
    fn blocks_split_on_blank_lines() {
        assert_eq!(blankline_blocks("a\nb\n \n\nc"), ["a\nb\n", "c"]);
    }
}
