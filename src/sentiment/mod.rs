//! Sentiment analysis: NLTK's VADER (`nltk.sentiment.vader`,
//! `SentimentIntensityAnalyzer.polarity_scores`), computed exactly as NLTK
//! 3.10.4 computes it, quirks included: tokens are scored in the context of
//! the first occurrence of the same token, `never so`/`never this` are
//! compared case-sensitively, idioms need exact lower-case words, and NLTK
//! 3.10.4 has no emoji handling (emoji are ordinary tokens, neutral unless
//! the lexicon lists them). Scores are rounded as NLTK rounds them: 3
//! decimals for `neg`/`neu`/`pos`, 4 for `compound`.
//!
//! The lexicon is read at run time from NLTK's `vader_lexicon` package
//! ([`VaderLexicon::load`]); nothing of it is embedded. Deliberate
//! difference: a lexicon rating of `nan` is refused (NLTK would accept it
//! and could then divide by zero).
//!
//! # Example
//! ```
//! use nlkit::sentiment::{SentimentIntensityAnalyzer, VaderLexicon};
//! let lex = VaderLexicon::parse(b"love\t3.2\t0.4\t[]\nhate\t-2.7\t1.0\t[]", "inline").unwrap();
//! let vader = SentimentIntensityAnalyzer::new(lex);
//! let s = vader.polarity_scores("I love it but I hate the ending");
//! assert!(s.compound < 0.0);
//! assert_eq!(vader.polarity_scores("").compound, 0.0);
//! ```

mod lexicon;
mod pyfloat;
mod vader;

pub use lexicon::{VaderLexicon, VADER_FILE, VADER_RESOURCE};
pub use pyfloat::{py_float_repr, py_round};
pub use vader::{
    words_and_emoticons, PolarityScores, SentimentIntensityAnalyzer, B_DECR, B_INCR, C_INCR,
    N_SCALAR,
};
