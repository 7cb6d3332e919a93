//! Byte spans into the original input text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the original text, as NLTK's
/// `span_tokenize` returns (NLTK counts characters; nlkit counts UTF-8 bytes so
/// that `&text[span.start..span.end]` is always valid).
///
/// # Example
/// ```
/// use nlkit::Span;
/// let s = Span::new(0, 5);
/// assert_eq!(s.slice("Hello world"), "Hello");
/// assert_eq!(s.len(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length of the span in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers, or `""` if it does not fit `text` or does not
    /// fall on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The span moved right by `offset` bytes.
    pub fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}
