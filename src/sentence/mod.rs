//! Sentence splitting, as in NLTK's `nltk.tokenize.punkt`.
//!
//! Every splitter implements [`SentenceTokenizer`].
//!
//! # Example
//! ```
//! use nlkit::sentence::{LineSentenceTokenizer, SentenceTokenizer};
//! let t = LineSentenceTokenizer;
//! assert_eq!(t.tokenize("one\ntwo"), ["one", "two"]);
//! ```

use crate::Span;

pub mod punkt;
mod ud;

pub use punkt::{PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktTrainer};
pub use ud::UdSentenceTokenizer;

/// A sentence splitter: text in, sentence spans out.
pub trait SentenceTokenizer: Send + Sync {
    /// Byte spans of the sentences of `text`.
    fn span_tokenize(&self, text: &str) -> Vec<Span>;

    /// The sentences of `text`, as slices of it.
    fn tokenize<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.span_tokenize(text)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }
}

impl<T: SentenceTokenizer + ?Sized> SentenceTokenizer for &T {
    fn span_tokenize(&self, text: &str) -> Vec<Span> {
        (**self).span_tokenize(text)
    }
}

/// NLTK's `LineTokenizer(blanklines="discard")` used as a sentence splitter:
/// each non-blank line is one sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineSentenceTokenizer;

impl SentenceTokenizer for LineSentenceTokenizer {
    fn span_tokenize(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if !body.trim().is_empty() {
                out.push(Span::new(start, start + body.len()));
            }
            start += line.len();
        }
        out
    }
}
