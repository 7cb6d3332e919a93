//! The names most programs need, in one import: `use nlkit::prelude::*;`.
//!
//! # Example
//! ```
//! use nlkit::prelude::*;
//! let words = word_tokenize("Dogs were barking.");
//! let stems: Vec<String> = words.iter().map(|w| PorterStemmer::default().stem(w).into_owned()).collect();
//! assert_eq!(stems, ["dog", "were", "bark", "."]);
//! let tagged = pos_tag(&words).unwrap();
//! assert_eq!(tagged[2].1, "VBG");
//! ```

pub use crate::front::{pos_tag, pos_tag_sents, sent_tokenize, word_tokenize};
pub use crate::pipeline::{Pipeline, SentenceRecord, Stage};
pub use crate::sentence::SentenceTokenizer;
pub use crate::stem::{PorterStemmer, Stemmer};
pub use crate::tag::{Tagger, TryTagger};
pub use crate::tokenize::Tokenizer;
pub use crate::tree::Tree;
pub use crate::wordnet::{WordNet, WordNetLemmatizer};
pub use crate::{Error, Result, Span};
