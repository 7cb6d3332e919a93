//! Word tokenizers, as in NLTK's `nltk.tokenize`.
//!
//! Every tokenizer implements [`Tokenizer`]: `tokenize` returns the tokens
//! (borrowed from the input where NLTK does not rewrite them) and
//! `span_tokenize` returns byte [`Span`]s into the input, as NLTK's
//! `span_tokenize` does (nlkit's offsets are UTF-8 byte offsets, NLTK's are
//! character offsets).
//!
//! [`by_name`] builds a tokenizer from the names the CLI accepts.
//!
//! # Example
//! ```
//! use nlkit::tokenize::{Tokenizer, WhitespaceTokenizer};
//! let text = "Good muffins\tcost $3.88";
//! assert_eq!(WhitespaceTokenizer.tokenize(text), ["Good", "muffins", "cost", "$3.88"]);
//! let spans = WhitespaceTokenizer.span_tokenize(text).unwrap();
//! assert_eq!(spans[1].slice(text), "muffins");
//! ```

use std::borrow::Cow;

use crate::{Result, Span};

/// A word tokenizer: one pipeline stage that turns text into tokens.
pub trait Tokenizer: Send + Sync {
    /// Splits `text` into tokens.
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>>;

    /// Byte spans of the tokens in `text`.
    ///
    /// # Errors
    /// Tokenizers that rewrite text may be unable to align a token with the
    /// input; they return [`crate::Error::InvalidInput`] then.
    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>>;
}

/// NLTK's `WhitespaceTokenizer`: splits on runs of whitespace
/// (`\s+`, Unicode-aware like Python's `re`).
#[derive(Debug, Clone, Copy, Default)]
pub struct WhitespaceTokenizer;

impl Tokenizer for WhitespaceTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        text.split(is_py_whitespace)
            .filter(|t| !t.is_empty())
            .map(Cow::Borrowed)
            .collect()
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if is_py_whitespace(c) {
                if let Some(s) = start.take() {
                    spans.push(Span::new(s, i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            spans.push(Span::new(s, text.len()));
        }
        Ok(spans)
    }
}

/// Python's `str.isspace()` / `re`'s `\s` for `str` patterns: Unicode
/// whitespace plus the ASCII separators `\x1c`–`\x1f`.
pub fn is_py_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Names accepted by [`by_name`] (for error messages and `--help`).
pub const TOKENIZER_NAMES: &str = "whitespace";

/// Builds the tokenizer the CLI calls `name`.
///
/// # Errors
/// [`crate::Error::UnknownName`] for an unknown name.
///
/// # Example
/// ```
/// let t = nlkit::tokenize::by_name("whitespace").unwrap();
/// assert_eq!(t.tokenize("a b"), ["a", "b"]);
/// assert!(nlkit::tokenize::by_name("nope").is_err());
/// ```
pub fn by_name(name: &str) -> Result<Box<dyn Tokenizer>> {
    match name {
        "whitespace" => Ok(Box::new(WhitespaceTokenizer)),
        _ => Err(crate::Error::UnknownName {
            kind: "tokenizer",
            name: name.to_string(),
            expected: TOKENIZER_NAMES.to_string(),
        }),
    }
}
