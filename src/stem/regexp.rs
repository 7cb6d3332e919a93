//! A stemmer that deletes every match of a regular expression, as NLTK's
//! `nltk.stem.RegexpStemmer(regexp, min)`.
//!
//! Patterns use Python-like syntax through `fancy-regex` (look-around and
//! back-references work). Words shorter than `min` characters are returned
//! unchanged. As in Python, `$` matches only at the end here (Python's `$`
//! also matches before a final `\n`, which a single word never has).
//!
//! # Example
//! ```
//! use nlkit::stem::{RegexpStemmer, Stemmer};
//! let st = RegexpStemmer::new("ing$|s$|e$|able$", 4).unwrap();
//! assert_eq!(st.stem("cars"), "car");
//! assert_eq!(st.stem("was"), "was");
//! assert_eq!(st.stem("advisable"), "advis");
//! ```

use std::borrow::Cow;

use super::Stemmer;
use crate::{Error, Result};

/// NLTK's `RegexpStemmer`.
#[derive(Debug, Clone)]
pub struct RegexpStemmer {
    regex: fancy_regex::Regex,
    min: usize,
}

impl RegexpStemmer {
    /// A stemmer removing matches of `pattern` from words of at least `min`
    /// characters.
    ///
    /// # Errors
    /// [`Error::Regex`] for an invalid pattern.
    pub fn new(pattern: &str, min: usize) -> Result<Self> {
        let regex = fancy_regex::RegexBuilder::new(pattern)
            .backtrack_limit(1_000_000)
            .build()
            .map_err(|e| Error::Regex {
                pattern: pattern.to_string(),
                message: e.to_string(),
            })?;
        Ok(RegexpStemmer { regex, min })
    }

    /// The pattern.
    pub fn pattern(&self) -> &str {
        self.regex.as_str()
    }

    /// Stems `word`.
    ///
    /// # Errors
    /// [`Error::Regex`] when the backtracking limit is hit (a pathological
    /// pattern on this word); NLTK would run for a very long time instead.
    pub fn try_stem<'a>(&self, word: &'a str) -> Result<Cow<'a, str>> {
        if word.chars().count() < self.min {
            return Ok(Cow::Borrowed(word));
        }
        let mut out = String::new();
        let mut last = 0;
        for m in self.regex.find_iter(word) {
            let m = m.map_err(|e| Error::Regex {
                pattern: self.pattern().to_string(),
                message: e.to_string(),
            })?;
            out.push_str(&word[last..m.start()]);
            last = m.end();
        }
        if last == 0 && out.is_empty() {
            return Ok(Cow::Borrowed(word));
        }
        out.push_str(&word[last..]);
        Ok(Cow::Owned(out))
    }
}

impl Stemmer for RegexpStemmer {
    /// As [`RegexpStemmer::try_stem`]; a word on which the regex engine gives
    /// up is returned unchanged.
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.try_stem(word).unwrap_or(Cow::Borrowed(word))
    }
}
