//! Classifiers, as NLTK's `nltk.classify`: [`NaiveBayesClassifier`] (NLTK's
//! default ELE estimator, `most_informative_features`,
//! `show_most_informative_features`), [`MaxentClassifier`] (GIS and IIS),
//! [`DecisionTreeClassifier`], [`accuracy`] and [`log_likelihood`],
//! over [`FeatureSet`]s with Python's value semantics (`True == 1 == 1.0`).
//! Probabilities are computed with NLTK 3.10.4's operations in NLTK's
//! order, so they match it bit for bit on the NLTK book's examples.
//!
//! Differences from NLTK: labels are strings; feature values are what JSON
//! holds (strings, numbers, booleans, null), see [`FeatureValue`];
//! training on no examples is an error (NLTK fails only when classifying);
//! complete ties in `most_informative_features` are broken by first
//! occurrence (NLTK: by set order, which varies between runs).
//!
//! # Example
//! ```
//! use nlkit::classify::{accuracy, ClassifierI, FeatureSet, NaiveBayesClassifier};
//! let ex = |l: &str, g: &str| (FeatureSet::from_iter([("last_letter", l)]), g.to_string());
//! let train = vec![ex("a", "female"), ex("e", "female"), ex("k", "male"), ex("n", "male")];
//! let nb = NaiveBayesClassifier::train(&train).unwrap();
//! assert_eq!(nb.classify(&FeatureSet::from_iter([("last_letter", "a")])).unwrap(), "female");
//! assert_eq!(accuracy(&nb, &train).unwrap(), 1.0);
//! ```

mod decisiontree;
mod file;
mod maxent;
mod maxent_encoding;
mod naivebayes;
mod value;

pub use decisiontree::{DecisionTreeClassifier, DecisionTreeOptions};
pub use file::{
    load_classifier, save_classifier, Classifier, CLASSIFY_FORMAT_VERSION, CLASSIFY_MAGIC,
};
pub use maxent::{MaxentAlgorithm, MaxentClassifier, MaxentOptions, ShowWeights};
pub use maxent_encoding::BinaryMaxentFeatureEncoding;
pub use naivebayes::NaiveBayesClassifier;
pub use value::{read_jsonl, FeatureSet, FeatureValue};

use crate::lm::{log_base2, py_pow2};
use crate::{Error, Result};

/// NLTK's `ClassifierI`: labels, `classify`, `prob_classify`.
pub trait ClassifierI {
    /// The labels, in training order.
    fn labels(&self) -> &[String];

    /// The probability of each label for a feature set.
    ///
    /// # Errors
    /// A classifier-specific error.
    fn prob_classify(&self, featureset: &FeatureSet) -> Result<LabelProbDist>;

    /// The most probable label (NLTK's `prob_classify(fs).max()`).
    ///
    /// # Errors
    /// As [`ClassifierI::prob_classify`].
    fn classify(&self, featureset: &FeatureSet) -> Result<String> {
        Ok(self.prob_classify(featureset)?.max().to_string())
    }
}

/// NLTK's `DictionaryProbDist(logprobs, normalize=True, log=True)` over
/// labels: base-2 log-probabilities normalized with [`sum_logs`].
#[derive(Debug, Clone, PartialEq)]
pub struct LabelProbDist {
    labels: Vec<String>,
    logprobs: Vec<f64>,
}

impl LabelProbDist {
    /// Builds the distribution from unnormalized base-2 log-probabilities
    /// (normalizing as NLTK does when `normalize`).
    pub fn from_logs(labels: Vec<String>, mut logprobs: Vec<f64>, normalize: bool) -> Self {
        if normalize {
            normalize_logs(&mut logprobs);
        }
        LabelProbDist { labels, logprobs }
    }

    /// The labels.
    pub fn samples(&self) -> &[String] {
        &self.labels
    }

    /// Base-2 log-probability of a label (`-inf` for an unknown one).
    pub fn logprob(&self, label: &str) -> f64 {
        self.labels
            .iter()
            .position(|l| l == label)
            .map_or(f64::NEG_INFINITY, |i| self.logprobs[i])
    }

    /// Probability of a label: `2 ** logprob` (0 for an unknown one).
    pub fn prob(&self, label: &str) -> f64 {
        match self.labels.iter().position(|l| l == label) {
            Some(i) => py_pow2(self.logprobs[i]),
            None => 0.0,
        }
    }

    /// NLTK's `max()`: the label with the highest probability (ties: the
    /// greatest label, as Python's `max` over `(p, label)` pairs).
    pub fn max(&self) -> &str {
        let mut best: Option<usize> = None;
        for i in 0..self.labels.len() {
            best = match best {
                None => Some(i),
                Some(b) => {
                    let (pb, pi) = (self.logprobs[b], self.logprobs[i]);
                    if pi > pb || (pi == pb && self.labels[i] > self.labels[b]) {
                        Some(i)
                    } else {
                        Some(b)
                    }
                }
            };
        }
        best.map_or("", |i| self.labels[i].as_str())
    }
}

/// `DictionaryProbDist(..., log=True, normalize=True)`'s normalization,
/// in place: subtract [`sum_logs`]; all equal when that is `-inf`.
pub(crate) fn normalize_logs(logprobs: &mut [f64]) {
    if logprobs.is_empty() {
        return;
    }
    let total = sum_logs(logprobs);
    if total <= f64::NEG_INFINITY {
        let lp = log_base2(1.0 / logprobs.len() as f64);
        logprobs.iter_mut().for_each(|x| *x = lp);
    } else {
        logprobs.iter_mut().for_each(|x| *x -= total);
    }
}

/// NLTK's `add_logs`: `log2(2**x + 2**y)` without overflow.
pub fn add_logs(x: f64, y: f64) -> f64 {
    let max_diff = 1e-30f64.ln() / 2f64.ln();
    if x < y + max_diff {
        return y;
    }
    if y < x + max_diff {
        return x;
    }
    let base = if x < y { x } else { y };
    base + log_base2(py_pow2(x - base) + py_pow2(y - base))
}

/// NLTK's `sum_logs`: [`add_logs`] folded left; `-inf` for none.
///
/// # Example
/// ```
/// assert_eq!(nlkit::classify::sum_logs(&[-1.0, -1.0]), 0.0);
/// ```
pub fn sum_logs(logs: &[f64]) -> f64 {
    match logs.split_first() {
        None => f64::NEG_INFINITY,
        Some((first, rest)) => rest.iter().fold(*first, |a, &b| add_logs(a, b)),
    }
}

/// NLTK's `accuracy(classifier, gold)`: the share of examples classified
/// as their label (0 for none).
///
/// # Errors
/// As [`ClassifierI::classify`].
pub fn accuracy<C: ClassifierI + ?Sized>(c: &C, gold: &[(FeatureSet, String)]) -> Result<f64> {
    if gold.is_empty() {
        return Ok(0.0);
    }
    let mut correct = 0usize;
    for (fs, label) in gold {
        if c.classify(fs)? == *label {
            correct += 1;
        }
    }
    Ok(correct as f64 / gold.len() as f64)
}

/// NLTK's `log_likelihood(classifier, gold)`: the natural log of the mean
/// probability given to each example's label.
///
/// # Errors
/// [`Error::InvalidInput`] for no examples (NLTK's ZeroDivisionError), and
/// as [`ClassifierI::prob_classify`].
pub fn log_likelihood<C: ClassifierI + ?Sized>(
    c: &C,
    gold: &[(FeatureSet, String)],
) -> Result<f64> {
    if gold.is_empty() {
        return Err(Error::InvalidInput(
            "log_likelihood of no examples (NLTK raises ZeroDivisionError)".into(),
        ));
    }
    let mut sum = 0.0;
    for (fs, label) in gold {
        sum += c.prob_classify(fs)?.prob(label);
    }
    let mean = sum / gold.len() as f64;
    if mean <= 0.0 {
        return Err(Error::InvalidInput(
            "log_likelihood: every label has probability 0 (NLTK raises a math domain error)"
                .into(),
        ));
    }
    Ok(mean.ln())
}
