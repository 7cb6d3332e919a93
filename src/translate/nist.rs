//! NIST: NLTK's `sentence_nist`, `corpus_nist` and `nist_length_penalty`
//! (`nltk.translate.nist_score`, Doddington 2002).
//!
//! Information weights `log2(count(w1..wn-1) / count(w1..wn))` from all
//! references of the corpus; per order and segment the reference with the
//! largest `(precision, numerator, denominator, length)` (Python's tuple
//! `max`); the length penalty on the summed lengths — which, as in NLTK, add
//! one (best-reference) length per order.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::{check_lengths, log2_py, NgramCounts};
use crate::{Error, Result};

/// NLTK's `nist_length_penalty(ref_len, hyp_len)`.
///
/// # Errors
/// [`Error::InvalidInput`] when `ref_len` is 0 (NLTK divides by zero).
///
/// # Example
/// ```
/// use nlkit::translate::nist_length_penalty;
/// assert_eq!(nist_length_penalty(10, 10)?, 1.0);
/// assert!(nist_length_penalty(10, 5)? < 1.0);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn nist_length_penalty(ref_len: usize, hyp_len: usize) -> Result<f64> {
    if ref_len == 0 {
        return Err(Error::InvalidInput(
            "NIST: the references are empty (NLTK divides by zero)".into(),
        ));
    }
    let ratio = hyp_len as f64 / ref_len as f64;
    Ok(if 0.0 < ratio && ratio < 1.0 {
        let (ratio_x, score_x) = (1.5f64, 0.5f64);
        let beta = score_x.ln() / ratio_x.ln().powf(2.0);
        (beta * ratio.ln().powf(2.0)).exp()
    } else {
        ratio.clamp(0.0, 1.0)
    })
}

/// NLTK's `sentence_nist(references, hypothesis, n)`.
///
/// # Errors
/// As [`corpus_nist`].
///
/// # Example
/// ```
/// use nlkit::translate::sentence_nist;
/// let refs = [vec!["the", "cat", "sat", "on", "the", "mat"]];
/// let s = sentence_nist(&refs, &["the", "cat", "sat", "on", "a", "mat"], 5)?;
/// assert!(s > 0.0);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn sentence_nist<T: Hash + Eq, H: AsRef<[T]>>(
    references: &[H],
    hypothesis: &[T],
    n: usize,
) -> Result<f64> {
    let refs: Vec<&[T]> = references.iter().map(AsRef::as_ref).collect();
    nist_impl(&[refs], &[hypothesis], n)
}

/// NLTK's `corpus_nist(list_of_references, hypotheses, n)`.
///
/// # Errors
/// [`Error::InvalidInput`] where NLTK raises: different numbers of
/// reference sets and hypotheses, a segment without references, an order
/// for which no hypothesis has n-grams (all hypotheses shorter than `n`),
/// empty references or an empty corpus.
///
/// # Example
/// ```
/// use nlkit::translate::corpus_nist;
/// let refs = vec![vec![vec!["a", "b", "c"]]];
/// let hyps = vec![vec!["a", "b", "c"]];
/// assert!(corpus_nist(&refs, &hyps, 3)? > 0.0);
/// assert!(corpus_nist(&refs, &hyps, 4).is_err()); // no 4-grams: NLTK divides by zero
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn corpus_nist<T, R, H>(list_of_references: &[R], hypotheses: &[H], n: usize) -> Result<f64>
where
    T: Hash + Eq,
    R: AsRef<[H]>,
    H: AsRef<[T]>,
{
    let (refs, hyps) = super::borrow_corpus(list_of_references, hypotheses);
    nist_impl(&refs, &hyps, n)
}

fn nist_impl<T: Hash + Eq>(refs: &[Vec<&[T]>], hyps: &[&[T]], n: usize) -> Result<f64> {
    check_lengths(refs.len(), hyps.len())?;
    if let Some(i) = refs.iter().position(Vec::is_empty) {
        return Err(Error::InvalidInput(format!(
            "segment {}: no references (NIST needs at least one per hypothesis)",
            i + 1
        )));
    }
    // n-gram frequencies over every reference of the corpus
    let mut freq: FxHashMap<&[T], usize> = FxHashMap::default();
    let mut total_reference_words = 0usize;
    for references in refs {
        for r in references {
            for i in 1..=n.min(r.len()) {
                for w in r.windows(i) {
                    *freq.entry(w).or_insert(0) += 1;
                }
            }
            total_reference_words += r.len();
        }
    }
    let info = |g: &[T]| -> f64 {
        let c = freq.get(g).copied().unwrap_or(0);
        let m = &g[..g.len() - 1];
        let numerator = if m.is_empty() {
            total_reference_words
        } else {
            freq.get(m).copied().unwrap_or(total_reference_words)
        };
        log2_py(numerator as f64 / c as f64)
    };
    let mut nist_precision = 0.0f64;
    let (mut l_ref, mut l_sys) = (0usize, 0usize);
    for i in 1..=n {
        let mut num_total = 0.0f64;
        let mut den_total = 0usize;
        for (references, hypothesis) in refs.iter().zip(hyps) {
            let hyp_ngrams = NgramCounts::new(hypothesis, i);
            let denominator = hyp_ngrams.total();
            // (precision, numerator, denominator, ref_len) of the best reference
            let mut best: Option<(f64, f64, usize, usize)> = None;
            for reference in references {
                let ref_ngrams = NgramCounts::new(reference, i);
                let mut numerator = 0.0f64;
                for g in &hyp_ngrams.order {
                    let c = hyp_ngrams.counts[g].min(ref_ngrams.get(g));
                    if c > 0 {
                        numerator += info(g) * c as f64;
                    }
                }
                let precision = if denominator == 0 {
                    0.0
                } else {
                    numerator / denominator as f64
                };
                let cand = (precision, numerator, denominator, reference.len());
                let better = match best {
                    None => true,
                    Some(b) => tuple_gt(cand, b),
                };
                if better {
                    best = Some(cand);
                }
            }
            if let Some((_, numerator, denominator, ref_len)) = best {
                num_total += numerator;
                den_total += denominator;
                l_ref += ref_len;
                l_sys += hypothesis.len();
            }
        }
        if den_total == 0 {
            return Err(Error::InvalidInput(format!(
                "NIST: no hypothesis has {i}-grams (NLTK divides by zero); use a smaller n"
            )));
        }
        nist_precision += num_total / den_total as f64;
    }
    Ok(nist_precision * nist_length_penalty(l_ref, l_sys)?)
}

/// Python's tuple `>` on `(float, float, int, int)`.
fn tuple_gt(a: (f64, f64, usize, usize), b: (f64, f64, usize, usize)) -> bool {
    if a.0 != b.0 {
        return a.0 > b.0;
    }
    if a.1 != b.1 {
        return a.1 > b.1;
    }
    if a.2 != b.2 {
        return a.2 > b.2;
    }
    a.3 > b.3
}
