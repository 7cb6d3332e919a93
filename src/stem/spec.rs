//! Stemmer names as the CLI accepts them.

use std::path::Path;

use super::{
    Cistem, LancasterStemmer, PorterMode, PorterStemmer, RegexpStemmer, RslpStemmer,
    SnowballLanguage, SnowballStemmer, Stemmer,
};
use crate::{Error, Result};

/// A stemmer chosen by name: `porter`, `porter:original`, `porter:martin`,
/// `lancaster`, `lancaster:strip-prefix`, `snowball:LANG`, `rslp`, `cistem`,
/// `cistem:case-insensitive`, `regexp:PATTERN`.
///
/// # Example
/// ```
/// use nlkit::stem::StemmerSpec;
/// let st = StemmerSpec::parse("porter:martin").unwrap().build(false, None).unwrap();
/// assert_eq!(st.stem("generously"), "gener");
/// assert!(StemmerSpec::parse("snowball:klingon").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StemmerSpec {
    /// [`PorterStemmer`] in a mode.
    Porter(PorterMode),
    /// [`LancasterStemmer`] with the default rules; `true` strips prefixes.
    Lancaster(bool),
    /// [`SnowballStemmer`].
    Snowball(SnowballLanguage),
    /// [`RslpStemmer`] (rules from NLTK data).
    Rslp,
    /// [`Cistem`]; `true` is case-insensitive.
    Cistem(bool),
    /// [`RegexpStemmer`] with a pattern and a minimum length.
    Regexp(String, usize),
}

const NAMES: &str = "porter, porter:original, porter:martin, lancaster, lancaster:strip-prefix, \
snowball:LANG, rslp, cistem, cistem:case-insensitive, regexp:PATTERN";

impl StemmerSpec {
    /// Parses a stemmer name.
    ///
    /// # Errors
    /// [`Error::UnknownName`] for an unknown algorithm, mode or language.
    pub fn parse(name: &str) -> Result<Self> {
        let (algo, arg) = match name.split_once(':') {
            Some((a, r)) => (a, Some(r)),
            None => (name, None),
        };
        let unknown = || Error::UnknownName {
            kind: "stemming algorithm",
            name: name.to_string(),
            expected: NAMES.to_string(),
        };
        Ok(match (algo, arg) {
            ("porter", None) => StemmerSpec::Porter(PorterMode::NltkExtensions),
            ("porter", Some(m)) => StemmerSpec::Porter(PorterMode::from_name(m)?),
            ("lancaster", None) => StemmerSpec::Lancaster(false),
            ("lancaster", Some("strip-prefix")) => StemmerSpec::Lancaster(true),
            ("snowball", Some(l)) => StemmerSpec::Snowball(SnowballLanguage::from_name(l)?),
            ("snowball", None) => {
                return Err(Error::InvalidInput(
                    "snowball needs a language: snowball:LANG (e.g. snowball:english)".into(),
                ))
            }
            ("rslp", None) => StemmerSpec::Rslp,
            ("cistem", None) => StemmerSpec::Cistem(false),
            ("cistem", Some("case-insensitive")) => StemmerSpec::Cistem(true),
            ("regexp", Some(p)) => StemmerSpec::Regexp(p.to_string(), 0),
            _ => return Err(unknown()),
        })
    }

    /// Builds the stemmer. `ignore_stopwords` applies to Snowball only (an
    /// error elsewhere); `data_dir` is the NLTK data folder for stop words
    /// and RSLP rules (NLTK's search path when `None`).
    ///
    /// # Errors
    /// As the stemmer's constructor; [`Error::InvalidInput`] for
    /// `ignore_stopwords` with a stemmer that has no stop words.
    pub fn build(
        &self,
        ignore_stopwords: bool,
        data_dir: Option<&Path>,
    ) -> Result<Box<dyn Stemmer>> {
        if ignore_stopwords && !matches!(self, StemmerSpec::Snowball(_)) {
            return Err(Error::InvalidInput(
                "--ignore-stopwords applies to snowball:LANG stemmers only".into(),
            ));
        }
        Ok(match self {
            StemmerSpec::Porter(m) => Box::new(PorterStemmer::new(*m)),
            StemmerSpec::Lancaster(strip) => Box::new(LancasterStemmer::new(*strip)),
            StemmerSpec::Snowball(l) if ignore_stopwords => {
                Box::new(SnowballStemmer::with_stopwords(*l, data_dir)?)
            }
            StemmerSpec::Snowball(l) => Box::new(SnowballStemmer::new(*l)),
            StemmerSpec::Rslp => Box::new(RslpStemmer::load(data_dir)?),
            StemmerSpec::Cistem(ci) => Box::new(Cistem::new(*ci)),
            StemmerSpec::Regexp(p, min) => Box::new(RegexpStemmer::new(p, *min)?),
        })
    }
}
