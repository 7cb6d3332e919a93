//! Unicode word boundaries (UAX #29) as a tokenizer, via the
//! `unicode-segmentation` crate. NLTK has no equivalent; this is the
//! language-neutral baseline used by search engines.
//!
//! Tokens are the segments between word boundaries, with segments made only
//! of whitespace dropped (punctuation segments are kept, one per character).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use crate::tokenize::{is_py_whitespace, Tokenizer};
use crate::{Result, Span};

/// Unicode (UAX #29) word-boundary tokenizer.
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, Uax29Tokenizer};
/// assert_eq!(Uax29Tokenizer.tokenize("Don't stop, 3.5 km!"), ["Don't", "stop", ",", "3.5", "km", "!"]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Uax29Tokenizer;

fn keep(segment: &str) -> bool {
    !segment.chars().all(is_py_whitespace)
}

impl Tokenizer for Uax29Tokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        text.split_word_bounds()
            .filter(|s| keep(s))
            .map(Cow::Borrowed)
            .collect()
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        Ok(text
            .split_word_bound_indices()
            .filter(|(_, s)| keep(s))
            .map(|(i, s)| Span::new(i, i + s.len()))
            .collect())
    }
}
