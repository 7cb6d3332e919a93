//! BLEU: NLTK's `sentence_bleu`, `corpus_bleu`, `modified_precision`,
//! `closest_ref_length` and `brevity_penalty` (`nltk.translate.bleu_score`).
//!
//! Micro-averaged modified n-gram precisions as exact integer counts, the
//! brevity penalty on the summed lengths, one of the [`SmoothingFunction`]
//! methods, then `bp * exp(fsum(w_i * ln p_i))` over the positive
//! precisions — NLTK's exact sequence of operations. Several weight vectors
//! can be scored at once, as in NLTK 3.10.4.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::smoothing::{Prec, SmoothingContext};
use super::{check_lengths, fsum, NgramCounts, SmoothingFunction};
use crate::{Error, Result};

/// BLEU's settings: NLTK's `weights`, `smoothing_function` and `auto_reweigh`.
///
/// `weights` holds one or more weight vectors (NLTK accepts one tuple or a
/// list of tuples); one score is returned per vector.
///
/// # Example
/// ```
/// use nlkit::translate::{Bleu, Smoothing, SmoothingFunction};
/// let b = Bleu {
///     weights: vec![vec![0.5, 0.5], vec![0.25; 4]],
///     smoothing: SmoothingFunction { method: Smoothing::Method1, ..Default::default() },
///     auto_reweigh: false,
/// };
/// assert_eq!(b.max_order(), 4);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Bleu {
    /// Weight vectors for unigrams, bigrams, … (default: one `[0.25; 4]`).
    pub weights: Vec<Vec<f64>>,
    /// The smoothing method and its parameters (default: method 0).
    pub smoothing: SmoothingFunction,
    /// NLTK's `auto_reweigh`: uniform weights over the hypothesis length when
    /// the corpus hypothesis is shorter than 4 tokens and the weights are
    /// exactly `(0.25, 0.25, 0.25, 0.25)`.
    pub auto_reweigh: bool,
}

impl Default for Bleu {
    fn default() -> Self {
        Bleu {
            weights: vec![vec![0.25; 4]],
            smoothing: SmoothingFunction::default(),
            auto_reweigh: false,
        }
    }
}

impl Bleu {
    /// The highest n-gram order any weight vector uses.
    pub fn max_order(&self) -> usize {
        self.weights.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// BLEU scores (one per weight vector) and NLTK's warnings.
///
/// # Example
/// ```
/// use nlkit::translate::{sentence_bleu, Bleu};
/// let r = vec![vec!["a", "b", "c"]];
/// let s = sentence_bleu(&r, &["a", "b", "d"], &Bleu::default())?;
/// assert!(!s.warnings.is_empty()); // no 3- or 4-gram matches
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BleuScore {
    /// One score per weight vector, in order.
    pub scores: Vec<f64>,
    /// What NLTK reports with `warnings.warn` (zero n-gram overlaps when
    /// not smoothing), one message per order.
    pub warnings: Vec<String>,
}

/// NLTK's `modified_precision(references, hypothesis, n)` as the
/// unnormalised fraction `(clipped matches, max(1, hypothesis n-grams))`.
///
/// # Example
/// ```
/// use nlkit::translate::modified_precision;
/// let refs = [vec!["the", "cat", "is", "on", "the", "mat"]];
/// let hyp = ["the"; 7];
/// assert_eq!(modified_precision(&refs, &hyp, 1), (2, 7));
/// ```
pub fn modified_precision<T: Hash + Eq, R: AsRef<[T]>>(
    references: &[R],
    hypothesis: &[T],
    n: usize,
) -> (usize, usize) {
    let refs: Vec<&[T]> = references.iter().map(AsRef::as_ref).collect();
    modified_precision_counts(&refs, hypothesis, n)
}

pub(crate) fn modified_precision_counts<T: Hash + Eq>(
    references: &[&[T]],
    hypothesis: &[T],
    n: usize,
) -> (usize, usize) {
    let counts = NgramCounts::new(hypothesis, n);
    let total = counts.total();
    if total == 0 {
        return (0, 1);
    }
    let mut max_counts: FxHashMap<&[T], usize> =
        counts.order.iter().map(|g| (*g, 0usize)).collect();
    for r in references {
        if r.len() < n {
            continue;
        }
        // count only the hypothesis' n-grams in the reference
        let mut rc: FxHashMap<&[T], usize> = FxHashMap::default();
        for w in r.windows(n) {
            if counts.counts.contains_key(w) {
                *rc.entry(w).or_insert(0) += 1;
            }
        }
        for (g, c) in rc {
            if let Some(m) = max_counts.get_mut(g) {
                *m = (*m).max(c);
            }
        }
    }
    let clipped = counts
        .order
        .iter()
        .map(|g| counts.counts[g].min(max_counts[g]))
        .sum();
    (clipped, total.max(1))
}

/// Modified-precision counts of one segment for every order at once, on
/// n-gram ids instead of token slices: tokens get small per-segment ids,
/// an n-gram's id interns (its (n-1)-gram prefix id, its last token id),
/// and clipped counts come from merging sorted id lists. Same integers as
/// [`modified_precision_counts`], without a hash map per order and reference.
struct SegmentCounter<'a, T> {
    ids: FxHashMap<&'a T, u32>,
    gram: FxHashMap<u64, u32>,
    /// per sequence (hypothesis first): token ids, then current-order ids
    toks: Vec<Vec<u32>>,
    levels: Vec<Vec<u32>>,
    sorted: Vec<u32>,
    /// distinct hypothesis n-grams: (id, count, max reference count)
    runs: Vec<(u32, usize, usize)>,
}

impl<'a, T: Hash + Eq> SegmentCounter<'a, T> {
    fn new() -> Self {
        SegmentCounter {
            ids: FxHashMap::default(),
            gram: FxHashMap::default(),
            toks: Vec::new(),
            levels: Vec::new(),
            sorted: Vec::new(),
            runs: Vec::new(),
        }
    }

    fn count(
        &mut self,
        references: &[&'a [T]],
        hypothesis: &'a [T],
        nums: &mut [usize],
        dens: &mut [usize],
    ) {
        self.ids.clear();
        let ids = &mut self.ids;
        let nseq = references.len() + 1;
        self.toks.resize_with(nseq, Vec::new);
        self.levels.resize_with(nseq, Vec::new);
        for (k, seq) in std::iter::once(hypothesis)
            .chain(references.iter().copied())
            .enumerate()
        {
            let t = &mut self.toks[k];
            t.clear();
            for w in seq {
                let next = ids.len() as u32;
                t.push(*ids.entry(w).or_insert(next));
            }
            self.levels[k].clear();
            self.levels[k].extend_from_slice(t);
        }
        for n in 1..=nums.len() {
            if n > 1 {
                self.gram.clear();
                for k in 0..nseq {
                    let (toks, level) = (&self.toks[k], &mut self.levels[k]);
                    if level.len() < 2 {
                        level.clear();
                        continue;
                    }
                    let len = level.len() - 1;
                    for pos in 0..len {
                        let key = (u64::from(level[pos]) << 32) | u64::from(toks[pos + n - 1]);
                        let next = self.gram.len() as u32;
                        level[pos] = *self.gram.entry(key).or_insert(next);
                    }
                    level.truncate(len);
                }
            }
            let hyp = &self.levels[0];
            if hyp.is_empty() {
                dens[n - 1] += 1;
                continue;
            }
            self.sorted.clear();
            self.sorted.extend_from_slice(hyp);
            self.sorted.sort_unstable();
            self.runs.clear();
            for &id in &self.sorted {
                match self.runs.last_mut() {
                    Some(r) if r.0 == id => r.1 += 1,
                    _ => self.runs.push((id, 1, 0)),
                }
            }
            for k in 1..nseq {
                self.sorted.clear();
                self.sorted.extend_from_slice(&self.levels[k]);
                self.sorted.sort_unstable();
                let mut j = 0;
                for r in self.runs.iter_mut() {
                    while j < self.sorted.len() && self.sorted[j] < r.0 {
                        j += 1;
                    }
                    let start = j;
                    while j < self.sorted.len() && self.sorted[j] == r.0 {
                        j += 1;
                    }
                    r.2 = r.2.max(j - start);
                }
            }
            nums[n - 1] += self.runs.iter().map(|r| r.1.min(r.2)).sum::<usize>();
            dens[n - 1] += hyp.len();
        }
    }
}

/// NLTK's `closest_ref_length`: the reference length closest to `hyp_len`,
/// the shorter one on ties; `None` when there are no references.
///
/// # Example
/// ```
/// use nlkit::translate::closest_ref_length;
/// assert_eq!(closest_ref_length([13, 11], 12), Some(11));
/// assert_eq!(closest_ref_length([], 12), None);
/// ```
pub fn closest_ref_length(
    ref_lens: impl IntoIterator<Item = usize>,
    hyp_len: usize,
) -> Option<usize> {
    ref_lens
        .into_iter()
        .min_by_key(|&r| (r.abs_diff(hyp_len), r))
}

/// NLTK's `brevity_penalty(closest_ref_len, hyp_len)`.
///
/// # Example
/// ```
/// use nlkit::translate::brevity_penalty;
/// assert_eq!(brevity_penalty(28, 12), 0.2635971381157267);
/// assert_eq!(brevity_penalty(12, 13), 1.0);
/// ```
pub fn brevity_penalty(closest_ref_len: usize, hyp_len: usize) -> f64 {
    if hyp_len > closest_ref_len {
        1.0
    } else if hyp_len == 0 {
        0.0
    } else {
        (1.0 - closest_ref_len as f64 / hyp_len as f64).exp()
    }
}

/// NLTK's `sentence_bleu(references, hypothesis, weights, smoothing_function,
/// auto_reweigh)`: [`corpus_bleu`] of one segment.
///
/// # Errors
/// As [`corpus_bleu`].
///
/// # Example
/// ```
/// use nlkit::translate::{sentence_bleu, Bleu};
/// let refs = [vec!["the", "cat", "sat", "on", "the", "mat"]];
/// let s = sentence_bleu(&refs, &["the", "cat", "sat", "on", "a", "mat"], &Bleu::default())?;
/// assert!(s.scores[0] > 0.0 && s.scores[0] < 1.0);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn sentence_bleu<T: Hash + Eq, H: AsRef<[T]>>(
    references: &[H],
    hypothesis: &[T],
    bleu: &Bleu,
) -> Result<BleuScore> {
    let refs: Vec<&[T]> = references.iter().map(AsRef::as_ref).collect();
    corpus_bleu_impl(&[refs], &[hypothesis], bleu)
}

/// NLTK's `corpus_bleu(list_of_references, hypotheses, weights,
/// smoothing_function, auto_reweigh)`: one corpus-level score per weight
/// vector.
///
/// # Errors
/// [`Error::InvalidInput`] where NLTK raises: different numbers of
/// hypotheses and reference sets, a segment without references, smoothing
/// method 6 with fewer than three orders or a zero trigram precision.
///
/// # Example
/// ```
/// use nlkit::translate::{corpus_bleu, Bleu};
/// let refs = vec![vec![vec!["a", "b", "c", "d"]], vec![vec!["e", "f", "g", "h"]]];
/// let hyps = vec![vec!["a", "b", "c", "d"], vec!["e", "f", "g", "h"]];
/// assert_eq!(corpus_bleu(&refs, &hyps, &Bleu::default())?.scores, [1.0]);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn corpus_bleu<T, R, H>(
    list_of_references: &[R],
    hypotheses: &[H],
    bleu: &Bleu,
) -> Result<BleuScore>
where
    T: Hash + Eq,
    R: AsRef<[H]>,
    H: AsRef<[T]>,
{
    let (refs, hyps) = super::borrow_corpus(list_of_references, hypotheses);
    corpus_bleu_impl(&refs, &hyps, bleu)
}

fn corpus_bleu_impl<T: Hash + Eq>(
    refs: &[Vec<&[T]>],
    hyps: &[&[T]],
    bleu: &Bleu,
) -> Result<BleuScore> {
    check_lengths(refs.len(), hyps.len())?;
    let max_order = bleu.max_order();
    let mut nums = vec![0usize; max_order];
    let mut dens = vec![0usize; max_order];
    let (mut hyp_lengths, mut ref_lengths) = (0usize, 0usize);
    let mut counter = SegmentCounter::new();
    for (seg, (references, hypothesis)) in refs.iter().zip(hyps).enumerate() {
        counter.count(references, hypothesis, &mut nums, &mut dens);
        let closest = closest_ref_length(references.iter().map(|r| r.len()), hypothesis.len())
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "segment {}: no references (BLEU needs at least one per hypothesis)",
                    seg + 1
                ))
            })?;
        hyp_lengths += hypothesis.len();
        ref_lengths += closest;
    }
    let bp = brevity_penalty(ref_lengths, hyp_lengths);
    let n_weights = bleu.weights.len();
    let mut warnings = Vec::new();
    if nums.first().copied().unwrap_or(0) == 0 {
        return Ok(BleuScore {
            scores: vec![0.0; n_weights],
            warnings,
        });
    }
    let p_n: Vec<Prec> = nums
        .iter()
        .zip(&dens)
        .map(|(&n, &d)| Prec::Frac(n as i128, d as i128))
        .collect();
    // NLTK hands the smoothing the last segment's references and hypothesis
    let (last_refs, last_hyp) = match (refs.last(), hyps.last()) {
        (Some(r), Some(h)) => (r.clone(), *h),
        _ => (Vec::new(), &[][..]),
    };
    let ctx = SmoothingContext {
        references: last_refs,
        hypothesis: last_hyp,
        hyp_len: hyp_lengths,
    };
    let p_n = bleu.smoothing.apply(p_n, &ctx, &mut warnings)?;
    let mut scores = Vec::with_capacity(n_weights);
    for weight in &bleu.weights {
        let reweighted;
        let weight: &[f64] = if bleu.auto_reweigh && hyp_lengths < 4 && weight[..] == [0.25; 4] {
            reweighted = vec![1.0 / hyp_lengths as f64; hyp_lengths];
            &reweighted
        } else {
            weight
        };
        let s = fsum(
            weight
                .iter()
                .zip(&p_n)
                .filter(|(_, p)| p.is_positive())
                .map(|(w, p)| w * p.to_f64().ln()),
        );
        scores.push(bp * s.exp());
    }
    Ok(BleuScore { scores, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_unigram_matches_give_zero_without_warnings() {
        let s = sentence_bleu(&[vec!["a"]], &["b"], &Bleu::default()).unwrap();
        assert_eq!(s.scores, [0.0]);
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn empty_reference_set_is_an_error() {
        let refs: Vec<Vec<Vec<&str>>> = vec![vec![]];
        assert!(corpus_bleu(&refs, &[vec!["a"]], &Bleu::default()).is_err());
        let refs: Vec<Vec<Vec<&str>>> = vec![];
        assert!(corpus_bleu(&refs, &[vec!["a"]], &Bleu::default()).is_err());
    }
}
