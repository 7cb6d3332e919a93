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
//! NLTK's front door is at the crate root: [`sent_tokenize`],
//! [`word_tokenize`], [`pos_tag`], [`pos_tag_sents`]; [`prelude`] imports
//! the common traits and types at once.
//!
//! # Cargo features
//! The default build is the library alone: no UI, network or neural crates.
//! * `neural`: [`neural`] (candle transformer encoder), the contextual
//!   taggers and subword tokenizers.
//! * `download`: http(s) downloads in `nlkit-downloader` (without it,
//!   `file://` mirrors and folders only).
//! * `cli`: the `nlkit` program ([`cli`]); implies `neural` and `download`.
//!
//! Long-running calls report progress through [`progress::Progress`].
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
pub mod classify;
#[cfg(feature = "cli")]
pub mod cli;
pub mod corpus;
pub mod data;
pub mod error;
pub mod featstruct;
mod front;
pub mod grammar;
pub mod index;
pub mod io;
pub mod lm;
pub mod metrics;
#[cfg(feature = "neural")]
pub mod neural;
pub mod par;
pub mod parse;
pub mod pipeline;
pub mod prelude;
pub mod probability;
pub mod progress;
pub mod sem;
pub mod sentence;
pub mod sentiment;
pub mod span;
pub mod stem;
pub mod tag;
pub mod tokenize;
pub mod translate;
pub mod tree;
pub mod util;
pub mod wordnet;

pub use error::{Error, Result};
pub use front::{pos_tag, pos_tag_sents, sent_tokenize, word_tokenize};
pub use span::Span;
