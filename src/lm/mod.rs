//! N-gram language models, as NLTK's `nltk.lm`: [`Vocabulary`] (with
//! `unk_cutoff` and the `<UNK>` label), [`padded_everygram_pipeline`], and
//! [`LanguageModel`] with NLTK's estimators `MLE`, `Lidstone`, `Laplace`,
//! `KneserNeyInterpolated`, `WittenBellInterpolated` and
//! `AbsoluteDiscountingInterpolated` ([`Estimator`]): `score`, `logscore`,
//! `entropy`, `perplexity` and seeded `generate`, computed with NLTK
//! 3.10.4's formulas and floating-point operations (including its context
//! handling and its `-inf`/`inf` results for unseen words).
//!
//! Counts live in a compact trie of interned word ids ([`NgramCounter`]);
//! Kneser-Ney's continuation counts are computed once after fitting (NLTK
//! rescans all higher-order n-grams for every score). Models are saved in
//! nlkit's versioned model format ([`save_model`], [`load_model`]).
//!
//! Differences from NLTK: one [`LanguageModel`] type with an
//! [`Estimator`] instead of one class per model; `generate` takes the
//! random generator ([`PyRandom`], CPython's Mersenne Twister, so
//! `random_seed=N` gives NLTK's words); where NLTK raises
//! (ZeroDivisionError, IndexError, ValueError) nlkit returns
//! [`crate::Error::InvalidInput`]; `StupidBackoff` is not provided.
//!
//! # Example
//! ```
//! use nlkit::lm::{padded_everygram_pipeline, LanguageModel};
//! let text = [vec!["a", "b", "c"], vec!["a", "c", "d", "c", "e", "f"]];
//! let (train, vocab) = padded_everygram_pipeline(2, &text);
//! let mut lm = LanguageModel::mle(2).unwrap();
//! lm.fit(train, Some(vocab)).unwrap();
//! assert_eq!(lm.vocab().len(), 9);
//! assert_eq!(lm.logscore("a", &[] as &[&str]).unwrap(), -2.700439718141092);
//! assert_eq!(lm.entropy(&[["a", "b"], ["c", "d"]]).unwrap(), 1.292481250360578);
//! ```

mod counter;
mod file;
mod models;
mod pymath;
mod vocabulary;

pub use counter::{ContextStats, NgramCounter};
pub use file::{load_model, save_model, LmModelMeta, LM_FORMAT_VERSION, LM_MAGIC};
pub use models::{log_base2, Estimator, LanguageModel};
pub use pymath::{fsum, py_pow2, PyRandom};
pub use vocabulary::Vocabulary;

use crate::util::ngrams::{everygrams, ngrams, pad_sequence};

/// NLTK's `pad_both_ends(sent, n)`: `n - 1` `<s>` before and `</s>` after.
///
/// # Example
/// ```
/// let p: Vec<&str> = nlkit::lm::pad_both_ends(["a", "b", "c"], 2).collect();
/// assert_eq!(p, ["<s>", "a", "b", "c", "</s>"]);
/// ```
pub fn pad_both_ends<'a, I>(sent: I, n: usize) -> impl Iterator<Item = &'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    pad_sequence(sent, n, Some("<s>"), Some("</s>"))
}

/// NLTK's `padded_everygram_pipeline(order, text)`: for each sentence, the
/// everygrams (lengths 1 to `order`) of the padded sentence; and the
/// padded words of all sentences, for the vocabulary. Both are lazy.
///
/// # Example
/// ```
/// let text = [vec!["a", "b"]];
/// let (train, vocab) = nlkit::lm::padded_everygram_pipeline(2, &text);
/// let sents: Vec<Vec<Vec<&str>>> = train.collect();
/// assert_eq!(sents[0][..3], [vec!["<s>"], vec!["<s>", "a"], vec!["a"]]);
/// assert_eq!(vocab.collect::<Vec<_>>(), ["<s>", "a", "b", "</s>"]);
/// ```
pub fn padded_everygram_pipeline<'a, T, S>(
    order: usize,
    text: &'a [T],
) -> (
    impl Iterator<Item = Vec<Vec<&'a str>>> + 'a,
    impl Iterator<Item = &'a str> + 'a,
)
where
    T: AsRef<[S]>,
    S: AsRef<str> + 'a,
{
    let train = text.iter().map(move |s| {
        let padded: Vec<&str> =
            pad_both_ends(s.as_ref().iter().map(|w| w.as_ref()), order).collect();
        everygrams(padded, 1, Some(order), None, None).collect()
    });
    let vocab = text
        .iter()
        .flat_map(move |s| pad_both_ends(s.as_ref().iter().map(|w| w.as_ref()), order));
    (train, vocab)
}

/// The padded n-grams of order `n` of a sentence
/// (`ngrams(pad_both_ends(sent, n), n)`), the usual test input of
/// [`LanguageModel::perplexity`].
///
/// # Example
/// ```
/// let g = nlkit::lm::padded_ngrams(["a"], 2);
/// assert_eq!(g, [["<s>", "a"], ["a", "</s>"]]);
/// ```
pub fn padded_ngrams<'a, I>(sent: I, n: usize) -> Vec<Vec<&'a str>>
where
    I: IntoIterator<Item = &'a str>,
{
    ngrams(pad_both_ends(sent, n), n).collect()
}
