//! Stemmers, as in NLTK's `nltk.stem`.
//!
//! Every stemmer implements [`Stemmer`].
//!
//! # Example
//! ```
//! use nlkit::stem::{Stemmer, IdentityStemmer};
//! assert_eq!(IdentityStemmer.stem("running"), "running");
//! ```

use std::borrow::Cow;

/// A stemmer: one word in, its stem out. Implementations are `Send + Sync`
/// and use no interior mutability on the hot path.
pub trait Stemmer: Send + Sync {
    /// The stem of `word`.
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str>;
}

/// A stemmer that returns the word unchanged (useful as a pipeline default).
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityStemmer;

impl Stemmer for IdentityStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(word)
    }
}
