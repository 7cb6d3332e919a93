//! chrF: NLTK's `sentence_chrf` and `corpus_chrf`
//! (`nltk.translate.chrf_score`), the character n-gram F-score of
//! Popović (2015), one reference per hypothesis.
//!
//! Text is scored as NLTK scores it: a token list is joined with single
//! spaces (pass the joined string), whitespace (Unicode `White_Space`, what
//! NLTK's `\s` matches) is removed when `ignore_whitespace` is set, and
//! n-grams are over Unicode scalar values (Python's `str` characters).

use rustc_hash::FxHashMap;

use super::check_lengths;
use crate::{Error, Result};

/// chrF's settings, with NLTK's defaults (`min_len=1, max_len=6, beta=3.0,
/// ignore_whitespace=True`).
///
/// # Example
/// ```
/// use nlkit::translate::Chrf;
/// let c = Chrf { max_len: 3, ..Default::default() };
/// assert_eq!((c.min_len, c.beta), (1, 3.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chrf {
    /// Smallest character n-gram order.
    pub min_len: usize,
    /// Largest character n-gram order.
    pub max_len: usize,
    /// Weight of recall relative to precision.
    pub beta: f64,
    /// Remove whitespace before scoring.
    pub ignore_whitespace: bool,
}

impl Default for Chrf {
    fn default() -> Self {
        Chrf {
            min_len: 1,
            max_len: 6,
            beta: 3.0,
            ignore_whitespace: true,
        }
    }
}

const EPSILON: f64 = 1e-16;

fn preprocess(s: &str, ignore_whitespace: bool) -> Vec<char> {
    if ignore_whitespace {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        s.chars().collect()
    }
}

fn count(s: &[char], n: usize) -> FxHashMap<&[char], usize> {
    let mut m: FxHashMap<&[char], usize> = FxHashMap::default();
    if n > 0 && s.len() >= n {
        for w in s.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// NLTK's `chrf_precision_recall_fscore_support` F-score for order `n`.
fn fscore(reference: &[char], hypothesis: &[char], n: usize, beta: f64) -> f64 {
    let refs = count(reference, n);
    let hyps = count(hypothesis, n);
    let tp: usize = hyps
        .iter()
        .map(|(g, c)| (*c).min(refs.get(g).copied().unwrap_or(0)))
        .sum();
    let tpfp: usize = hyps.values().sum();
    let tpfn: usize = refs.values().sum();
    if tpfp == 0 || tpfn == 0 {
        return EPSILON;
    }
    let prec = tp as f64 / tpfp as f64;
    let rec = tp as f64 / tpfn as f64;
    let factor = beta.powf(2.0);
    let den = factor * prec + rec;
    if den == 0.0 {
        return EPSILON;
    }
    (1.0 + factor) * (prec * rec) / den
}

/// NLTK's `sentence_chrf(reference, hypothesis, ...)`.
///
/// # Errors
/// As [`corpus_chrf`].
///
/// # Example
/// ```
/// use nlkit::translate::{sentence_chrf, Chrf};
/// let s = sentence_chrf("the cat is on the mat", "the the the the the the the", &Chrf::default())?;
/// assert!((s - 0.1468).abs() < 1e-4);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn sentence_chrf(reference: &str, hypothesis: &str, chrf: &Chrf) -> Result<f64> {
    corpus_chrf(&[reference], &[hypothesis], chrf)
}

/// NLTK's `corpus_chrf(references, hypotheses, ...)`: the mean over
/// segments of the mean over orders of the per-order F-scores.
///
/// # Errors
/// [`Error::InvalidInput`] where NLTK raises: different numbers of
/// references and hypotheses, an empty corpus, `min_len > max_len`; and
/// `min_len == 0`.
///
/// # Example
/// ```
/// use nlkit::translate::{corpus_chrf, Chrf};
/// let s = corpus_chrf(&["abc", "xyz"], &["abc", "xyz"], &Chrf::default())?;
/// assert!(s > 0.0 && s < 1.0); // missing 4- to 6-grams count as 1e-16
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn corpus_chrf<R: AsRef<str>, H: AsRef<str>>(
    references: &[R],
    hypotheses: &[H],
    chrf: &Chrf,
) -> Result<f64> {
    check_lengths(references.len(), hypotheses.len())?;
    if hypotheses.is_empty() {
        return Err(Error::InvalidInput(
            "chrF of an empty corpus (NLTK divides by zero)".into(),
        ));
    }
    if chrf.min_len == 0 {
        return Err(Error::InvalidInput(
            "chrF: min_len must be at least 1".into(),
        ));
    }
    if chrf.min_len > chrf.max_len {
        return Err(Error::InvalidInput(format!(
            "chrF: min_len {} is greater than max_len {} (NLTK divides by zero)",
            chrf.min_len, chrf.max_len
        )));
    }
    let orders = chrf.max_len - chrf.min_len + 1;
    let mut totals = vec![0.0f64; orders];
    for (r, h) in references.iter().zip(hypotheses) {
        let r = preprocess(r.as_ref(), chrf.ignore_whitespace);
        let h = preprocess(h.as_ref(), chrf.ignore_whitespace);
        for (k, n) in (chrf.min_len..=chrf.max_len).enumerate() {
            totals[k] += fscore(&r, &h, n, chrf.beta);
        }
    }
    let mut sum = 0.0;
    for t in totals {
        sum += t;
    }
    Ok(sum / orders as f64 / hypotheses.len() as f64)
}
