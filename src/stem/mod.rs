//! Stemmers, as in NLTK's `nltk.stem`.
//!
//! Every stemmer implements [`Stemmer`]: [`PorterStemmer`] (three modes),
//! [`LancasterStemmer`], [`SnowballStemmer`] (every language of NLTK's
//! `SnowballStemmer.languages`), [`RegexpStemmer`], [`RslpStemmer`] and
//! [`Cistem`]. [`stopwords`] reads NLTK's `stopwords` corpus.
//! [`StemmerSpec`] builds any of them from the names the CLI accepts
//! (`porter`, `snowball:german`, `regexp:ing$`, …).
//!
//! Words are handled as Python handles `str` (Unicode scalar values, Python's
//! `str.lower()`), so results equal NLTK 3.10.4's; where they deliberately do
//! not, the stemmer's module documentation and `docs/differences.md` say so.
//!
//! # Example
//! ```
//! use nlkit::stem::{Stemmer, IdentityStemmer, StemmerSpec};
//! assert_eq!(IdentityStemmer.stem("running"), "running");
//! let st = StemmerSpec::parse("snowball:english").unwrap().build(false, None).unwrap();
//! assert_eq!(st.stem("running"), "run");
//! ```

use std::borrow::Cow;

pub mod cistem;
pub mod lancaster;
pub mod porter;
pub mod regexp;
pub mod rslp;
pub mod snowball;
mod snowball_arabic;
mod snowball_english;
mod snowball_nltk;
mod spec;
pub mod stopwords;

pub use cistem::Cistem;
pub use lancaster::LancasterStemmer;
pub use porter::{PorterMode, PorterStemmer};
pub use regexp::RegexpStemmer;
pub use rslp::RslpStemmer;
pub use snowball::{SnowballLanguage, SnowballStemmer};
pub use spec::StemmerSpec;

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

impl<S: Stemmer + ?Sized> Stemmer for Box<S> {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        (**self).stem(word)
    }
}

/// Python's `str.lower()`: borrowed when nothing changes.
pub(crate) fn py_lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        let l = word.to_lowercase();
        if l == word {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(l)
        }
    }
}
