//! NLTK's classic trainable taggers (`nltk.tag.sequential`, `nltk.tag.hmm`,
//! `nltk.tag.brill`): [`DefaultTagger`], [`RegexpTagger`], the n-gram
//! taggers ([`NgramTagger`]: NLTK's `UnigramTagger`, `BigramTagger`,
//! `TrigramTagger`) with backoff chains and cutoff, [`AffixTagger`], the
//! supervised [`HiddenMarkovModelTagger`], and the Brill transformation-based
//! learner ([`BrillTaggerTrainer`] with NLTK's [`fntbl37`] templates).
//!
//! All implement [`crate::tag::Tagger`]. They are trained from gold-tagged
//! sentences (`Vec<(word, tag)>`, as read by
//! [`crate::corpus::conllu::Sentence::tagged`]) and reach NLTK's accuracy on
//! the same data (see BENCHMARKS.md, Tagging / Classic taggers). Where NLTK
//! would tag a token `None` (no tagger of a backoff chain has an answer),
//! the [`crate::tag::Tagger`] implementations give [`NONE_TAG`] (`""`).
//! [`ClassicTagger`] saves a tagger with its whole backoff chain (as a
//! [`ClassicModel`]) in nlkit's versioned model format
//! ([`crate::tag::model`]); [`crate::tag::load_model`] loads it back.
//!
//! # Example
//! ```
//! use nlkit::tag::Tagger;
//! use nlkit::tag::classic::{DefaultTagger, NgramTagger};
//! let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
//! let train = vec![s(&[("the", "DT"), ("dog", "NN"), ("runs", "VBZ")])];
//! let uni = NgramTagger::unigram(&train, 0, Some(Box::new(DefaultTagger::new("NN"))));
//! let bi = NgramTagger::bigram(&train, 0, Some(Box::new(uni)));
//! assert_eq!(bi.tag(&["the", "cat", "runs"]), ["DT", "NN", "VBZ"]);
//! ```

mod brill;
mod hmm;
mod model;
mod sequential;

pub use brill::{
    fntbl37, BrillRule, BrillTagger, BrillTaggerTrainer, BrillTemplate, Feature, FeatureKind,
};
pub use hmm::{HiddenMarkovModelTagger, HmmEstimator};
pub use model::{ngram_chain, ClassicModel, ClassicTagger};
pub use sequential::{
    AffixTagger, Backoff, DefaultTagger, NgramTagger, RegexpTagger, SequentialBackoffTagger,
    NONE_TAG,
};
