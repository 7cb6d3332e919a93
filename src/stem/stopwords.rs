//! Stop-word lists by language, read from NLTK's `stopwords` corpus
//! (`corpora/stopwords`, unpacked or zipped), as
//! `nltk.corpus.stopwords.words(language)`.
//!
//! A list is the file's lines (Python's `str.splitlines`) without blank ones,
//! in file order. NLTK 3.10.4's virtual `english-extended` list is not served.
//!
//! # Example
//! ```no_run
//! // Needs NLTK's stopwords corpus (`nlkit download stopwords`).
//! let words = nlkit::stem::stopwords::words("english", None).unwrap();
//! assert!(words.iter().any(|w| w == "the"));
//! ```

use std::path::Path;

use crate::data::Resource;
use crate::{Error, Result};

/// The resource name of NLTK's stop-word corpus.
pub const RESOURCE: &str = "corpora/stopwords";

/// Splits text into lines as Python's `str.splitlines()` does.
pub(crate) fn py_splitlines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            out.push(&text[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    end += 1;
                }
            }
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Parses a stop-word file's text (one word per line, blank lines ignored).
///
/// # Example
/// ```
/// let w = nlkit::stem::stopwords::parse("a\n\nthe\r\n");
/// assert_eq!(w, ["a", "the"]);
/// ```
pub fn parse(text: &str) -> Vec<String> {
    py_splitlines(text)
        .into_iter()
        .filter(|l| !l.trim_end().is_empty())
        .map(str::to_string)
        .collect()
}

/// The languages (file ids) of the stop-word corpus found in `data_dir`
/// (NLTK's search path when `None`).
///
/// # Errors
/// [`Error::MissingResource`] when the corpus is not installed.
pub fn languages(data_dir: Option<&Path>) -> Result<Vec<String>> {
    let res = Resource::find(RESOURCE, data_dir)?;
    Ok(res
        .list()?
        .into_iter()
        .filter(|f| !f.starts_with("README") && !f.starts_with('.') && !f.contains('/'))
        .collect())
}

/// The stop words of `language` (`stopwords.words(language)`).
///
/// # Errors
/// [`Error::MissingResource`] when the corpus is not installed,
/// [`Error::UnknownName`] (listing the available languages) when it has no
/// list for `language`.
pub fn words(language: &str, data_dir: Option<&Path>) -> Result<Vec<String>> {
    let res = Resource::find(RESOURCE, data_dir)?;
    let files = res.list()?;
    let ok = !language.is_empty()
        && !language.contains(['/', '\\'])
        && !language.starts_with('.')
        && files.iter().any(|f| f == language);
    if !ok {
        let expected: Vec<String> = files
            .into_iter()
            .filter(|f| !f.starts_with("README") && !f.starts_with('.') && !f.contains('/'))
            .collect();
        return Err(Error::UnknownName {
            kind: "stop-word language",
            name: language.to_string(),
            expected: expected.join(", "),
        });
    }
    Ok(parse(&res.read_to_string(language)?))
}
