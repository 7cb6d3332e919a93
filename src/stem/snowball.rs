//! Snowball stemmers, as NLTK's `nltk.stem.SnowballStemmer(language,
//! ignore_stopwords)` for every language of `SnowballStemmer.languages`.
//!
//! Most languages run the Snowball algorithms of the `rust-stemmers` crate
//! after NLTK's own pre-processing (lowercasing, the stop-word short-cut,
//! English's two-letter rule); `porter` is NLTK's [`PorterStemmer`]. Where
//! NLTK's hand-written Python versions differ from the Snowball originals,
//! nlkit follows NLTK; the per-language parity table in `BENCHMARKS.md` and
//! `docs/differences.md` list what remains.
//!
//! # Example
//! ```
//! use nlkit::stem::{SnowballLanguage, SnowballStemmer, Stemmer};
//! let st = SnowballStemmer::new(SnowballLanguage::German);
//! assert_eq!(st.stem("Autobahnen"), "autobahn");
//! ```

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use super::{PorterStemmer, Stemmer};
use crate::{Error, Result};

macro_rules! languages {
    ($($v:ident => $name:literal),* $(,)?) => {
        /// A language of NLTK's `SnowballStemmer`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum SnowballLanguage {
            $(
                #[doc = concat!("`", $name, "`")]
                $v,
            )*
        }

        impl SnowballLanguage {
            /// Every language, in NLTK's order (`SnowballStemmer.languages`).
            pub const ALL: &'static [SnowballLanguage] = &[$(SnowballLanguage::$v),*];

            /// NLTK's name of the language (`"english"`).
            pub fn name(self) -> &'static str {
                match self { $(SnowballLanguage::$v => $name),* }
            }
        }
    };
}

languages! {
    Arabic => "arabic",
    Danish => "danish",
    Dutch => "dutch",
    English => "english",
    Finnish => "finnish",
    French => "french",
    German => "german",
    Hungarian => "hungarian",
    Italian => "italian",
    Norwegian => "norwegian",
    Porter => "porter",
    Portuguese => "portuguese",
    Romanian => "romanian",
    Russian => "russian",
    Spanish => "spanish",
    Swedish => "swedish",
}

impl SnowballLanguage {
    /// Parses NLTK's language name.
    ///
    /// # Errors
    /// [`Error::UnknownName`] listing the supported languages.
    ///
    /// # Example
    /// ```
    /// use nlkit::stem::SnowballLanguage;
    /// assert_eq!(SnowballLanguage::from_name("dutch").unwrap(), SnowballLanguage::Dutch);
    /// assert!(SnowballLanguage::from_name("klingon").is_err());
    /// ```
    pub fn from_name(name: &str) -> Result<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|l| l.name() == name)
            .ok_or_else(|| Error::UnknownName {
                kind: "Snowball language",
                name: name.to_string(),
                expected: Self::ALL
                    .iter()
                    .map(|l| l.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    fn rust_algorithm(self) -> Option<rust_stemmers::Algorithm> {
        use rust_stemmers::Algorithm as A;
        Some(match self {
            SnowballLanguage::Arabic => A::Arabic,
            SnowballLanguage::Danish => A::Danish,
            SnowballLanguage::Dutch => A::Dutch,
            SnowballLanguage::English => A::English,
            SnowballLanguage::Finnish => A::Finnish,
            SnowballLanguage::French => A::French,
            SnowballLanguage::German => A::German,
            SnowballLanguage::Hungarian => A::Hungarian,
            SnowballLanguage::Italian => A::Italian,
            SnowballLanguage::Norwegian => A::Norwegian,
            SnowballLanguage::Portuguese => A::Portuguese,
            SnowballLanguage::Romanian => A::Romanian,
            SnowballLanguage::Russian => A::Russian,
            SnowballLanguage::Spanish => A::Spanish,
            SnowballLanguage::Swedish => A::Swedish,
            SnowballLanguage::Porter => return None,
        })
    }
}

enum Engine {
    Rust(rust_stemmers::Stemmer),
    Porter(PorterStemmer),
    English,
    /// A port of NLTK's own code (input lowercased, not a stop word).
    Nltk(fn(&str) -> String),
    Arabic(super::snowball_arabic::ArabicStemmer),
}

/// Python's `c in set` for a one-character string `c`.
pub(crate) fn is_in(c: char, set: &str) -> bool {
    set.contains(c)
}

/// NLTK's `SnowballStemmer`.
pub struct SnowballStemmer {
    language: SnowballLanguage,
    engine: Engine,
    stopwords: HashSet<String>,
}

impl std::fmt::Debug for SnowballStemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SnowballStemmer")
            .field("language", &self.language)
            .field("stopwords", &self.stopwords.len())
            .finish()
    }
}

impl SnowballStemmer {
    /// The stemmer for `language`, stemming stop words too
    /// (`SnowballStemmer(language)`).
    pub fn new(language: SnowballLanguage) -> Self {
        let engine = match (language, language.rust_algorithm()) {
            (SnowballLanguage::English, _) => Engine::English,
            (SnowballLanguage::Arabic, _) => Engine::Arabic(Default::default()),
            (SnowballLanguage::Danish, _) => Engine::Nltk(super::snowball_nltk::danish),
            (SnowballLanguage::Hungarian, _) => Engine::Nltk(super::snowball_nltk::hungarian),
            (_, Some(a)) => Engine::Rust(rust_stemmers::Stemmer::create(a)),
            (_, None) => Engine::Porter(PorterStemmer::default()),
        };
        SnowballStemmer {
            language,
            engine,
            stopwords: HashSet::new(),
        }
    }

    /// The stemmer for `language` that returns the words of NLTK's stop-word
    /// list for that language unchanged (`ignore_stopwords=True`), reading the
    /// list from the `stopwords` corpus in `data_dir` (NLTK's search path when
    /// `None`).
    ///
    /// # Errors
    /// [`Error::MissingResource`] when the corpus is not installed,
    /// [`Error::InvalidInput`] when it has no list for the language (as
    /// NLTK's `ValueError` for `porter`).
    pub fn with_stopwords(language: SnowballLanguage, data_dir: Option<&Path>) -> Result<Self> {
        let words = match super::stopwords::words(language.name(), data_dir) {
            Ok(w) => w,
            Err(Error::UnknownName { .. }) => {
                return Err(Error::InvalidInput(format!(
                    "the Snowball stemmer for `{}` has no list of stopwords; do not ask to ignore stopwords",
                    language.name()
                )))
            }
            Err(e) => return Err(e),
        };
        Ok(Self::new(language).with_stopword_list(words))
    }

    /// Uses `words` as the stop-word list (words returned unchanged).
    pub fn with_stopword_list<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        words: I,
    ) -> Self {
        self.stopwords = words.into_iter().map(Into::into).collect();
        self
    }

    /// The language.
    pub fn language(&self) -> SnowballLanguage {
        self.language
    }

    /// Stems `word` as NLTK does.
    pub fn stem_word<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let st = match &self.engine {
            Engine::Porter(p) => return Cow::Owned(p.stem_word(word, true)),
            Engine::English => {
                let lower = super::py_lower(word);
                if self.stopwords.contains(lower.as_ref()) || lower.chars().count() <= 2 {
                    return lower;
                }
                return Cow::Owned(super::snowball_english::stem(&lower));
            }
            Engine::Nltk(f) => {
                let lower = super::py_lower(word);
                if self.stopwords.contains(lower.as_ref()) {
                    return lower;
                }
                return Cow::Owned(f(&lower));
            }
            Engine::Arabic(a) => {
                return Cow::Owned(a.stem(word, |w| self.stopwords.contains(w)));
            }
            Engine::Rust(st) => st,
        };
        match self.language {
            SnowballLanguage::Russian => {
                // NLTK: stop words and words without a character above
                // U+00FF are returned as given (not lowercased).
                if self.stopwords.contains(word) || word.chars().all(|c| u32::from(c) <= 255) {
                    return Cow::Borrowed(word);
                }
                let lower = super::py_lower(word);
                Cow::Owned(st.stem(&lower).into_owned())
            }
            lang => {
                let lower = super::py_lower(word);
                if self.stopwords.contains(lower.as_ref())
                    || (lang == SnowballLanguage::English && lower.chars().count() <= 2)
                {
                    return lower;
                }
                if lang == SnowballLanguage::Portuguese {
                    // NLTK's Portuguese step 1 deletes "ança(s)" in R2 (as
                    // older Snowball did); "ância(s)" has the same rule and
                    // the same regions, so stem that form instead.
                    for (plain, alias) in [("ança", "ância"), ("anças", "âncias")] {
                        if let Some(stem) = lower.strip_suffix(plain) {
                            let out = st.stem(&format!("{stem}{alias}")).into_owned();
                            if out.chars().count() <= stem.chars().count() {
                                return Cow::Owned(out);
                            }
                        }
                    }
                }
                if lang == SnowballLanguage::Italian {
                    // NLTK's Italian step 1 replaces "enza"/"enze" with "te"
                    // (Snowball: "ente"); after the final-vowel step that is
                    // "…t" where Snowball gives "…ent".
                    for suffix in ["enza", "enze"] {
                        if let Some(stem) = lower.strip_suffix(suffix) {
                            let out = st.stem(&lower).into_owned();
                            if out.strip_prefix(stem) == Some("ent") {
                                return Cow::Owned(format!("{stem}t"));
                            }
                            return Cow::Owned(out);
                        }
                    }
                }
                if lang == SnowballLanguage::Spanish {
                    // NLTK's Spanish step 1 also knows the unaccented
                    // suffixes "acion" and "ucion" and treats them as
                    // "ación"/"ución"; Snowball's accent removal undoes the
                    // accent when the suffix stays.
                    for (plain, accented) in [("acion", "ación"), ("ucion", "ución")] {
                        if let Some(stem) = lower.strip_suffix(plain) {
                            return Cow::Owned(st.stem(&format!("{stem}{accented}")).into_owned());
                        }
                    }
                }
                match lower {
                    Cow::Borrowed(w) => st.stem(w),
                    Cow::Owned(w) => Cow::Owned(st.stem(&w).into_owned()),
                }
            }
        }
    }
}

impl Stemmer for SnowballStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.stem_word(word)
    }
}
