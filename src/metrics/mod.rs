//! Evaluation metrics, as in NLTK's `nltk.metrics`: [`accuracy`],
//! per-label [`precision`]/[`recall`]/[`f_measure`] and a
//! [`ConfusionMatrix`] (NLTK's `ConfusionMatrix`, which also gives
//! per-label precision, recall and F-measure in its `evaluate`).
//!
//! NLTK's `precision`/`recall` work on sets of items; here they are
//! computed from counts of a confusion matrix, which is what NLTK's
//! `ConfusionMatrix.precision(value)` does for tagging.
//!
//! # Example
//! ```
//! use nlkit::metrics::{accuracy, ConfusionMatrix};
//! let gold = ["DT", "NN", "VB"];
//! let pred = ["DT", "NN", "NN"];
//! assert!((accuracy(&gold, &pred).unwrap() - 2.0 / 3.0).abs() < 1e-12);
//! let cm = ConfusionMatrix::new(&gold, &pred).unwrap();
//! assert_eq!(cm.count("VB", "NN"), 1);
//! assert_eq!(cm.recall("VB"), Some(0.0));
//! assert_eq!(cm.precision("NN"), Some(0.5));
//! ```

pub mod agreement;
mod confusion_format;
pub mod conlleval;
pub mod distance;
pub mod scores;
pub mod segmentation;

use std::collections::BTreeMap;

use serde::Serialize;

pub use confusion_format::PrettyFormatOptions;

use crate::{Error, Result};

fn check_len(a: usize, b: usize) -> Result<()> {
    if a != b {
        return Err(Error::InvalidInput(format!(
            "reference and test have different lengths ({a} and {b})"
        )));
    }
    Ok(())
}

/// Fraction of positions where `reference` and `test` agree (NLTK's
/// `accuracy`).
///
/// # Errors
/// [`Error::InvalidInput`] for lists of different lengths or empty lists.
pub fn accuracy<T: PartialEq>(reference: &[T], test: &[T]) -> Result<f64> {
    check_len(reference.len(), test.len())?;
    if reference.is_empty() {
        return Err(Error::InvalidInput("accuracy of nothing".into()));
    }
    let ok = reference.iter().zip(test).filter(|(a, b)| a == b).count();
    Ok(ok as f64 / reference.len() as f64)
}

/// Precision: `tp / (tp + fp)`, `None` when nothing was predicted.
pub fn precision(tp: u64, fp: u64) -> Option<f64> {
    (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64)
}

/// Recall: `tp / (tp + fn)`, `None` when nothing was expected.
pub fn recall(tp: u64, fn_: u64) -> Option<f64> {
    (tp + fn_ > 0).then(|| tp as f64 / (tp + fn_) as f64)
}

/// F-measure with weight `alpha` (NLTK: `1 / (alpha/p + (1-alpha)/r)`;
/// 0.5 gives F1). `None` when either is undefined; 0 when either is 0.
pub fn f_measure(p: Option<f64>, r: Option<f64>, alpha: f64) -> Option<f64> {
    let (p, r) = (p?, r?);
    if p == 0.0 || r == 0.0 {
        return Some(0.0);
    }
    Some(1.0 / (alpha / p + (1.0 - alpha) / r))
}

/// Counts of (reference label, predicted label) pairs.
#[derive(Debug, Clone, Default)]
pub struct ConfusionMatrix {
    counts: BTreeMap<(String, String), u64>,
    labels: std::collections::BTreeSet<String>,
    total: u64,
}

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelScores {
    /// The label.
    pub label: String,
    /// Precision (None when never predicted).
    pub precision: Option<f64>,
    /// Recall (None when never in the reference).
    pub recall: Option<f64>,
    /// F1 (None when precision or recall is undefined).
    pub f1: Option<f64>,
    /// Occurrences in the reference.
    pub support: u64,
}

impl ConfusionMatrix {
    /// Builds the matrix from two aligned label lists.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for lists of different lengths.
    pub fn new<S: AsRef<str>>(reference: &[S], test: &[S]) -> Result<Self> {
        check_len(reference.len(), test.len())?;
        let mut cm = ConfusionMatrix::default();
        for (r, t) in reference.iter().zip(test) {
            cm.add(r.as_ref(), t.as_ref());
        }
        Ok(cm)
    }

    /// Counts one pair.
    pub fn add(&mut self, reference: &str, test: &str) {
        *self
            .counts
            .entry((reference.to_string(), test.to_string()))
            .or_default() += 1;
        if !self.labels.contains(reference) {
            self.labels.insert(reference.to_string());
        }
        if !self.labels.contains(test) {
            self.labels.insert(test.to_string());
        }
        self.total += 1;
    }

    /// How often `reference` was predicted as `test`.
    pub fn count(&self, reference: &str, test: &str) -> u64 {
        self.counts
            .get(&(reference.to_string(), test.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// All labels seen, sorted.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(String::as_str)
    }

    /// Number of pairs counted.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// All non-zero cells `(reference, test, count)`.
    pub fn cells(&self) -> impl Iterator<Item = (&str, &str, u64)> {
        self.counts
            .iter()
            .map(|((r, t), &c)| (r.as_str(), t.as_str(), c))
    }

    fn tp_fp_fn(&self, label: &str) -> (u64, u64, u64) {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for ((r, t), &c) in &self.counts {
            match (r == label, t == label) {
                (true, true) => tp += c,
                (false, true) => fp += c,
                (true, false) => fn_ += c,
                _ => {}
            }
        }
        (tp, fp, fn_)
    }

    /// Precision of `label`.
    pub fn precision(&self, label: &str) -> Option<f64> {
        let (tp, fp, _) = self.tp_fp_fn(label);
        precision(tp, fp)
    }

    /// Recall of `label`.
    pub fn recall(&self, label: &str) -> Option<f64> {
        let (tp, _, fn_) = self.tp_fp_fn(label);
        recall(tp, fn_)
    }

    /// Precision, recall, F1 and support of every label.
    pub fn scores(&self) -> Vec<LabelScores> {
        self.labels
            .iter()
            .map(|l| {
                let (tp, fp, fn_) = self.tp_fp_fn(l);
                let p = precision(tp, fp);
                let r = recall(tp, fn_);
                LabelScores {
                    label: l.clone(),
                    precision: p,
                    recall: r,
                    f1: f_measure(p, r, 0.5),
                    support: tp + fn_,
                }
            })
            .collect()
    }

    /// The matrix as text, rows = reference, columns = prediction (as
    /// NLTK's `ConfusionMatrix.pretty_format`, without percentages).
    pub fn pretty_format(&self) -> String {
        let labels: Vec<&str> = self.labels().collect();
        let w = labels
            .iter()
            .map(|l| l.chars().count())
            .chain(self.counts.values().map(|c| c.to_string().len()))
            .max()
            .unwrap_or(1);
        let mut s = String::new();
        s.push_str(&format!("{:>w$} |", ""));
        for l in &labels {
            s.push_str(&format!(" {l:>w$}"));
        }
        s.push('\n');
        for r in &labels {
            s.push_str(&format!("{r:>w$} |"));
            for t in &labels {
                let c = self.count(r, t);
                if c == 0 {
                    s.push_str(&format!(" {:>w$}", "."));
                } else {
                    s.push_str(&format!(" {c:>w$}"));
                }
            }
            s.push('\n');
        }
        s
    }
}
