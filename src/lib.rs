//! nlkit — a natural language toolkit with NLTK-compatible results at native speed.
//!
//! Modules follow NLTK's layout so NLTK users find things where they expect:
//! [`tokenize`] (word tokenizers), [`sentence`] (Punkt), [`stem`] (stemmers
//! and stopwords), [`wordnet`] (WordNet and its lemmatizer), [`tag`]
//! (part-of-speech taggers), [`tree`], [`corpus`] (corpus readers),
//! [`probability`] (frequency distributions, collocations), [`metrics`],
//! [`index`] (on-disk corpus index) and [`data`] (NLTK data folders). The
//! text [`pipeline`] chains them; the `nlkit` binary (see [`cli`]) is a thin
//! layer over these library calls. Downloads live in the `nlkit-downloader`
//! crate.
//!
//! # Example
//! ```
//! use nlkit::tokenize::{Tokenizer, WhitespaceTokenizer};
//! let toks = WhitespaceTokenizer.tokenize("Hello  world");
//! assert_eq!(toks, ["Hello", "world"]);
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub mod chunk;
pub mod cli;
pub mod corpus;
pub mod data;
pub mod error;
pub mod index;
pub mod io;
pub mod metrics;
pub mod neural;
pub mod par;
pub mod pipeline;
pub mod probability;
pub mod sentence;
pub mod span;
pub mod stem;
pub mod tag;
pub mod tokenize;
pub mod tree;
pub mod wordnet;

pub use error::{Error, Result};
pub use span::Span;
