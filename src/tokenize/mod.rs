//! Word tokenizers, as in NLTK's `nltk.tokenize`.
//!
//! Every tokenizer implements [`Tokenizer`]: `tokenize` returns the tokens
//! (borrowed from the input where NLTK does not rewrite them) and
//! `span_tokenize` returns byte [`Span`]s into the input, as NLTK's
//! `span_tokenize` does (nlkit's offsets are UTF-8 byte offsets, NLTK's are
//! character offsets).
//!
//! [`by_name`] builds a tokenizer from the names the CLI accepts, with the
//! options in a [`TokenizerConfig`].
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

mod detok;
mod html_entities;
mod mwe;
mod regexp;
#[cfg(feature = "neural")]
mod subword;
mod toktok;
mod treebank;
mod tweet;
mod uax29;
mod ud;
mod ud_shapes;
mod word;

pub use detok::TreebankWordDetokenizer;
pub use mwe::MWETokenizer;
pub use regexp::{RegexpTokenizer, WordPunctTokenizer};
#[cfg(feature = "neural")]
pub use subword::{train_subword, SubwordModel, SubwordTokenizer, SubwordTrainConfig};
pub use toktok::ToktokTokenizer;
pub use treebank::{align_tokens, NLTKWordTokenizer, TreebankWordTokenizer};
pub use tweet::{
    reduce_lengthening, remove_handles, replace_html_entities, TweetOptions, TweetTokenizer,
};
pub use uax29::Uax29Tokenizer;
pub(crate) use ud::split_final_period;
pub use ud::{multiword_groups, UdTokenizer};
pub use word::{word_tokenize, WordTokenizer};

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

    /// The tokens of `text` with their byte spans, in one call. The default
    /// runs [`Tokenizer::tokenize`] and [`Tokenizer::span_tokenize`];
    /// tokenizers that can do both in one pass override it.
    ///
    /// # Errors
    /// Those of [`Tokenizer::span_tokenize`], and
    /// [`crate::Error::Misaligned`] when the two disagree on the number of
    /// tokens. A token's span is never guessed.
    ///
    /// # Example
    /// ```
    /// use nlkit::tokenize::{NLTKWordTokenizer, Tokenizer};
    /// let toks = NLTKWordTokenizer::new().tokens_with_spans("Don't go.").unwrap();
    /// let pairs: Vec<(&str, (usize, usize))> =
    ///     toks.iter().map(|(t, s)| (t.as_ref(), (s.start, s.end))).collect();
    /// assert_eq!(pairs, [("Do", (0, 2)), ("n't", (2, 5)), ("go", (6, 8)), (".", (8, 9))]);
    /// ```
    fn tokens_with_spans<'a>(&self, text: &'a str) -> Result<Vec<(Cow<'a, str>, Span)>> {
        let tokens = self.tokenize(text);
        let spans = self.span_tokenize(text)?;
        zip_spans(tokens, spans)
    }
}

/// Pairs tokens with spans, refusing a count mismatch.
pub(crate) fn zip_spans<'a>(
    tokens: Vec<Cow<'a, str>>,
    spans: Vec<Span>,
) -> Result<Vec<(Cow<'a, str>, Span)>> {
    if tokens.len() != spans.len() {
        return Err(crate::Error::Misaligned {
            token: tokens
                .get(spans.len())
                .map(|t| t.to_string())
                .unwrap_or_default(),
            tokens: tokens.len(),
            spans: spans.len(),
        });
    }
    Ok(tokens.into_iter().zip(spans).collect())
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

/// The tokenizer names [`by_name`] accepts (for error messages and `--help`).
/// `regexp:PATTERN` and `subword:FILE` carry their argument after the colon.
pub const TOKENIZER_NAMES: &str =
    "word, treebank, whitespace, wordpunct, tweet, toktok, regexp:PATTERN, mwe, uax29, ud, subword:FILE";

/// Options for the tokenizers [`by_name`] builds; each tokenizer reads only
/// its own fields, the rest are ignored.
///
/// `Default` gives NLTK's defaults: `TweetTokenizer()` (preserve case, match
/// phone numbers), `RegexpTokenizer(pattern)` (no gaps, discard empty
/// tokens), `MWETokenizer()` with no expressions and separator `_`.
///
/// # Example
/// ```
/// use nlkit::tokenize::{by_name, TokenizerConfig};
/// let mut cfg = TokenizerConfig::default();
/// cfg.tweet.preserve_case = false;
/// let t = by_name("tweet", &cfg).unwrap();
/// assert_eq!(t.tokenize("LOL :D"), ["lol", ":D"]);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenizerConfig {
    /// Options of `tweet` ([`TweetTokenizer`]).
    pub tweet: TweetOptions,
    /// `regexp:PATTERN`: the pattern matches the separators, not the tokens
    /// (NLTK's `gaps=True`).
    pub regexp_gaps: bool,
    /// `regexp:PATTERN` with gaps: drop empty tokens (NLTK's
    /// `discard_empty`, default true).
    pub regexp_discard_empty: bool,
    /// `mwe`: the multi-word expressions, each a sequence of tokens.
    pub mwes: Vec<Vec<String>>,
    /// `mwe`: the string put between the words of a merged expression
    /// (default `_`).
    pub mwe_separator: String,
    /// `word`: a `punkt_tab` language folder for the sentence step instead
    /// of the embedded model.
    pub punkt: Option<std::path::PathBuf>,
    /// `word`: tokenize each text as one sentence (NLTK's
    /// `word_tokenize(..., preserve_line=True)`).
    pub preserve_line: bool,
}

impl Default for TokenizerConfig {
    fn default() -> Self {
        TokenizerConfig {
            tweet: TweetOptions::default(),
            regexp_gaps: false,
            regexp_discard_empty: true,
            mwes: Vec::new(),
            mwe_separator: "_".to_string(),
            punkt: None,
            preserve_line: false,
        }
    }
}

/// Builds the tokenizer the CLI calls `name`, configured by `config`.
///
/// Names: `whitespace`, `wordpunct`, `tweet`, `toktok`, `regexp:PATTERN`,
/// `mwe` (NLTK's `MWETokenizer` applied to the whitespace tokens of the
/// text), `uax29`, `ud` ([`UdTokenizer`]), `subword:FILE` (a Hugging Face `tokenizer.json`).
///
/// # Errors
/// [`crate::Error::UnknownName`] for an unknown name,
/// [`crate::Error::Regex`] for a malformed `regexp:` pattern, and the load
/// errors of `subword:FILE`.
///
/// # Example
/// ```
/// use nlkit::tokenize::{by_name, TokenizerConfig};
/// let cfg = TokenizerConfig::default();
/// let t = by_name("whitespace", &cfg).unwrap();
/// assert_eq!(t.tokenize("a b"), ["a", "b"]);
/// let t = by_name(r"regexp:\w+", &cfg).unwrap();
/// assert_eq!(t.tokenize("a, b!"), ["a", "b"]);
/// assert!(by_name("nope", &cfg).is_err());
/// assert!(by_name("regexp:(", &cfg).is_err());
/// ```
pub fn by_name(name: &str, config: &TokenizerConfig) -> Result<Box<dyn Tokenizer>> {
    if let Some(pattern) = name.strip_prefix("regexp:") {
        return Ok(Box::new(RegexpTokenizer::with_options(
            pattern,
            config.regexp_gaps,
            config.regexp_discard_empty,
        )?));
    }
    if let Some(file) = name.strip_prefix("subword:") {
        #[cfg(not(feature = "neural"))]
        return Err(crate::Error::InvalidInput(format!(
            "subword:{file} needs nlkit built with the `neural` feature"
        )));
        #[cfg(feature = "neural")]
        return Ok(Box::new(SubwordTokenizer::from_file(file)?));
    }
    match name {
        "whitespace" => Ok(Box::new(WhitespaceTokenizer)),
        "wordpunct" => Ok(Box::new(WordPunctTokenizer::new())),
        "tweet" => Ok(Box::new(TweetTokenizer::with_options(config.tweet))),
        "toktok" => Ok(Box::new(ToktokTokenizer::new())),
        "mwe" => Ok(Box::new(MWETokenizer::new(
            config.mwes.iter().cloned(),
            &config.mwe_separator,
        ))),
        "uax29" => Ok(Box::new(Uax29Tokenizer)),
        "ud" => Ok(Box::new(UdTokenizer::new())),
        "treebank" => Ok(Box::new(TreebankWordTokenizer::new())),
        "word" => {
            let t = match &config.punkt {
                Some(dir) => WordTokenizer::from_punkt_dir(dir)?,
                None => WordTokenizer::new(),
            };
            Ok(Box::new(t.preserve_line(config.preserve_line)))
        }
        _ => Err(crate::Error::UnknownName {
            kind: "tokenizer",
            name: name.to_string(),
            expected: TOKENIZER_NAMES.to_string(),
        }),
    }
}
