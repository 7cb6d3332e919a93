//! Machine-translation metrics: NLTK's `nltk.translate` scores.
//!
//! [`bleu`] (`sentence_bleu`, `corpus_bleu` and the seven Chen & Cherry
//! smoothing methods of NLTK's `SmoothingFunction`), [`gleu`] (Google-BLEU),
//! [`chrf`] (character n-gram F-score), [`nist`], [`ribes`] and [`meteor`]
//! (exact, Porter-stem and WordNet-synonym matching). Each reproduces
//! NLTK 3.10.4's arithmetic step by step — the same integer counts, the same
//! order of floating-point operations, Python's exactly rounded `math.fsum`
//! for BLEU's weighted log sum and exact rational arithmetic where NLTK
//! keeps `Fraction`s — so scores agree with NLTK's to the last bits.
//!
//! Deliberate differences: where NLTK raises (an `assert`, a
//! `ZeroDivisionError`, `max()` of an empty list) these functions return
//! [`crate::Error::InvalidInput`] saying why; NLTK's `warnings.warn` for
//! zero n-gram counts (BLEU without smoothing) becomes a list of messages in
//! the returned [`BleuScore`], never printed by the library.
//!
//! # Example
//! ```
//! use nlkit::translate::{corpus_bleu, Bleu};
//! let hyp = "the cat sat on the mat".split(' ').collect::<Vec<_>>();
//! let refs = vec![vec!["the cat sat on the mat".split(' ').collect::<Vec<_>>()]];
//! let s = corpus_bleu(&refs, &[hyp], &Bleu::default())?;
//! assert!((s.scores[0] - 1.0).abs() < 1e-12);
//! # Ok::<(), nlkit::Error>(())
//! ```

use std::hash::Hash;

use rustc_hash::FxHashMap;

pub mod bleu;
pub mod chrf;
pub mod gleu;
pub mod meteor;
pub mod nist;
pub mod ribes;
pub mod scorer;
mod smoothing;

pub use bleu::{
    brevity_penalty, closest_ref_length, corpus_bleu, modified_precision, sentence_bleu, Bleu,
    BleuScore,
};
pub use chrf::{corpus_chrf, sentence_chrf, Chrf};
pub use gleu::{corpus_gleu, sentence_gleu};
pub use meteor::Meteor;
pub use nist::{corpus_nist, nist_length_penalty, sentence_nist};
pub use ribes::{corpus_ribes, kendall_tau, sentence_ribes, word_rank_alignment};
pub use smoothing::{Smoothing, SmoothingFunction};

/// The n-grams of one order in a sequence, counted, remembering the order in
/// which each n-gram first occurred (Python's `Counter(ngrams(seq, n))`).
pub(crate) struct NgramCounts<'a, T> {
    /// Distinct n-grams in order of first occurrence.
    pub(crate) order: Vec<&'a [T]>,
    /// Count of each n-gram.
    pub(crate) counts: FxHashMap<&'a [T], usize>,
}

impl<'a, T: Hash + Eq> NgramCounts<'a, T> {
    /// Counts the `n`-grams of `seq` (none when `seq` is shorter than `n` or `n == 0`).
    pub(crate) fn new(seq: &'a [T], n: usize) -> Self {
        let mut order = Vec::new();
        let mut counts: FxHashMap<&'a [T], usize> = FxHashMap::default();
        if n > 0 && seq.len() >= n {
            for w in seq.windows(n) {
                let c = counts.entry(w).or_insert(0);
                if *c == 0 {
                    order.push(w);
                }
                *c += 1;
            }
        }
        NgramCounts { order, counts }
    }

    /// The count of `g` (0 when absent).
    pub(crate) fn get(&self, g: &[T]) -> usize {
        self.counts.get(g).copied().unwrap_or(0)
    }

    /// The number of n-grams counted (`sum(counter.values())`).
    pub(crate) fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// Python's `math.fsum`: the correctly rounded sum of `xs` (Shewchuk's
/// algorithm with CPython's final half-way correction), for finite inputs.
pub(crate) fn fsum(xs: impl IntoIterator<Item = f64>) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for mut x in xs {
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    hi
}

/// Python's `math.log(x, 2)`: `log(x) / log(2)`.
pub(crate) fn log2_py(x: f64) -> f64 {
    x.ln() / 2f64.ln()
}

/// Checks that a corpus has as many reference sets as hypotheses.
pub(crate) fn check_lengths(refs: usize, hyps: usize) -> crate::Result<()> {
    if refs != hyps {
        return Err(crate::Error::InvalidInput(format!(
            "the number of hypotheses ({hyps}) and of their reference sets ({refs}) should be the same"
        )));
    }
    Ok(())
}

/// A corpus's references and hypotheses as slices of tokens (what the
/// corpus-level metrics work on, whatever container the caller holds).
#[allow(clippy::type_complexity)]
fn borrow_corpus<'a, T, R, H>(
    list_of_references: &'a [R],
    hypotheses: &'a [H],
) -> (Vec<Vec<&'a [T]>>, Vec<&'a [T]>)
where
    R: AsRef<[H]>,
    H: AsRef<[T]> + 'a,
{
    let refs = list_of_references
        .iter()
        .map(|rs| rs.as_ref().iter().map(AsRef::as_ref).collect())
        .collect();
    let hyps = hypotheses.iter().map(AsRef::as_ref).collect();
    (refs, hyps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fsum_is_exact() {
        assert_eq!(fsum([0.1; 10]), 1.0);
        assert_eq!(
            fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]),
            1e-100
        );
        assert_eq!(fsum([]), 0.0);
        assert_eq!(
            fsum([2.0f64.powi(53), 1.0, 2.0f64.powi(-50)]),
            2.0f64.powi(53) + 2.0
        );
    }

    #[test]
    fn ngram_counts() {
        let s = ["a", "b", "a", "b"];
        let c = NgramCounts::new(&s, 2);
        assert_eq!(c.order.len(), 2);
        assert_eq!(c.get(&["a", "b"]), 2);
        assert_eq!(c.total(), 3);
        assert_eq!(NgramCounts::new(&s, 5).total(), 0);
    }
}
