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

/// Marks a token or n-gram that does not occur in the hypothesis.
const NONE: u32 = u32::MAX;

/// Largest dense (prefix id, token id) table; longer hypotheses use a map.
const DENSE_MAX: usize = 1 << 16;

/// Modified-precision counts of one segment for every order at once.
///
/// Hypothesis tokens get small ids (`ids`). An n-gram of the hypothesis
/// gets an id interning (its (n-1)-gram prefix id, its last token id), in
/// a table per order. A reference is then walked once: at each position
/// its token's id, then the ids of the n-grams starting there, order by
/// order, until one is not in the hypothesis (no longer one can be).
/// Counts live in arrays indexed by (order, id); reference counts carry a
/// stamp (the reference they belong to) instead of being cleared. All
/// buffers live across segments.
struct SegmentCounter<'a, T> {
    ids: FxHashMap<&'a T, u32>,
    /// hypothesis token ids
    hyp_toks: Vec<u32>,
    /// hypothesis n-gram ids of the previous and current order, per position
    prev: Vec<u32>,
    cur: Vec<u32>,
    /// per order (from 2): where its table starts in `dense`; distinct
    /// n-grams per order (from 1)
    table_at: Vec<usize>,
    grams: Vec<usize>,
    /// (prefix id * distinct tokens + token id) → n-gram id, `NONE` when
    /// unused, for every order; used when small enough, else `sparse`
    dense: Vec<u32>,
    sparse: FxHashMap<(u32, u32, u32), u32>,
    /// reference token ids
    ref_toks: Vec<u32>,
    /// per (order, n-gram id), at `order * hypothesis length + id`: count
    /// in the hypothesis, (stamp, count) in the current reference, and the
    /// most in any reference
    hyp_count: Vec<u32>,
    ref_count: Vec<(u32, u32)>,
    max_count: Vec<u32>,
    stamp: u32,
}

impl<'a, T: Hash + Eq> SegmentCounter<'a, T> {
    fn new() -> Self {
        SegmentCounter {
            ids: FxHashMap::default(),
            hyp_toks: Vec::new(),
            prev: Vec::new(),
            cur: Vec::new(),
            table_at: Vec::new(),
            grams: Vec::new(),
            dense: Vec::new(),
            sparse: FxHashMap::default(),
            ref_toks: Vec::new(),
            hyp_count: Vec::new(),
            ref_count: Vec::new(),
            max_count: Vec::new(),
            stamp: 0,
        }
    }

    fn count(
        &mut self,
        references: &[&'a [T]],
        hypothesis: &'a [T],
        nums: &mut [usize],
        dens: &mut [usize],
    ) {
        let orders = nums.len();
        let h = hypothesis.len();
        let cells = orders * h;
        self.hyp_count.clear();
        self.hyp_count.resize(cells, 0);
        self.max_count.clear();
        self.max_count.resize(cells, 0);
        if self.ref_count.len() < cells {
            self.ref_count.resize(cells, (0, 0));
        }
        // order 1: token ids
        self.ids.clear();
        self.hyp_toks.clear();
        for w in hypothesis {
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(w).or_insert(next);
            if let Some(c) = self.hyp_count.get_mut(id as usize) {
                *c += 1;
            }
            self.hyp_toks.push(id);
        }
        let v = self.ids.len();
        self.grams.clear();
        self.grams.push(v);
        // orders 2..: intern the hypothesis' n-grams
        self.prev.clear();
        self.prev.extend_from_slice(&self.hyp_toks);
        let mut size = 0usize;
        self.table_at.clear();
        self.table_at.push(0);
        for n in 2..=orders {
            self.table_at.push(size);
            // distinct (n-1)-grams: the tokens, or at most the positions
            let g_prev = if n == 2 { v } else { h };
            size = size.saturating_add(g_prev.saturating_mul(v));
        }
        let use_dense = size <= DENSE_MAX;
        if use_dense {
            self.dense.clear();
            self.dense.resize(size, NONE);
        } else {
            self.sparse.clear();
        }
        for n in 2..=orders {
            let at = self.table_at.get(n - 1).copied().unwrap_or(0);
            let base = (n - 1) * h;
            let mut g = 0u32;
            self.cur.clear();
            let lasts = self.hyp_toks.get(n - 1..).unwrap_or_default();
            for (&p, &t) in self.prev.iter().zip(lasts) {
                let id = if use_dense {
                    match self.dense.get_mut(at + p as usize * v + t as usize) {
                        Some(e) if *e == NONE => {
                            *e = g;
                            g += 1;
                            g - 1
                        }
                        Some(e) => *e,
                        None => NONE,
                    }
                } else {
                    let e = self.sparse.entry((n as u32, p, t)).or_insert(g);
                    if *e == g {
                        g += 1;
                    }
                    *e
                };
                if let Some(c) = self.hyp_count.get_mut(base + id as usize) {
                    *c += 1;
                }
                self.cur.push(id);
            }
            self.grams.push(g as usize);
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        // the references, each in one walk
        for r in references {
            if self.stamp == u32::MAX {
                self.ref_count.iter_mut().for_each(|e| *e = (0, 0));
                self.stamp = 0;
            }
            self.stamp += 1;
            let stamp = self.stamp;
            self.ref_toks.clear();
            let ids = &self.ids;
            self.ref_toks
                .extend(r.iter().map(|w| ids.get(w).copied().unwrap_or(NONE)));
            for (j, &first) in self.ref_toks.iter().enumerate() {
                let mut id = first;
                for n in 1..=orders {
                    if n > 1 {
                        let Some(&t) = self.ref_toks.get(j + n - 1) else {
                            break;
                        };
                        if t == NONE {
                            break;
                        }
                        id = if use_dense {
                            let at = self.table_at.get(n - 1).copied().unwrap_or(0);
                            self.dense
                                .get(at + id as usize * v + t as usize)
                                .copied()
                                .unwrap_or(NONE)
                        } else {
                            self.sparse.get(&(n as u32, id, t)).copied().unwrap_or(NONE)
                        };
                    }
                    if id == NONE {
                        break;
                    }
                    let cell = (n - 1) * h + id as usize;
                    if let (Some(e), Some(m)) =
                        (self.ref_count.get_mut(cell), self.max_count.get_mut(cell))
                    {
                        *e = if e.0 == stamp {
                            (stamp, e.1 + 1)
                        } else {
                            (stamp, 1)
                        };
                        *m = (*m).max(e.1);
                    }
                }
            }
        }
        for n in 1..=orders {
            let total = h.saturating_sub(n - 1);
            let (Some(num), Some(den)) = (nums.get_mut(n - 1), dens.get_mut(n - 1)) else {
                break;
            };
            if total == 0 {
                *den += 1;
                continue;
            }
            let base = (n - 1) * h;
            let g = self.grams.get(n - 1).copied().unwrap_or(0);
            let (hc, mc) = (
                self.hyp_count.get(base..base + g).unwrap_or_default(),
                self.max_count.get(base..base + g).unwrap_or_default(),
            );
            *num += hc
                .iter()
                .zip(mc)
                .map(|(&a, &b)| a.min(b) as usize)
                .sum::<usize>();
            *den += total;
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
    corpus_bleu_impl(&[references], &[hypothesis], bleu)
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
    corpus_bleu_impl(list_of_references, hypotheses, bleu)
}

/// [`corpus_bleu`] over the caller's containers (references and
/// hypotheses may be held differently), without copying the corpus.
fn corpus_bleu_impl<T, R, HR, HH>(
    list_of_references: &[R],
    hypotheses: &[HH],
    bleu: &Bleu,
) -> Result<BleuScore>
where
    T: Hash + Eq,
    R: AsRef<[HR]>,
    HR: AsRef<[T]>,
    HH: AsRef<[T]>,
{
    check_lengths(list_of_references.len(), hypotheses.len())?;
    let max_order = bleu.max_order();
    let mut nums = vec![0usize; max_order];
    let mut dens = vec![0usize; max_order];
    let (mut hyp_lengths, mut ref_lengths) = (0usize, 0usize);
    let mut counter = SegmentCounter::new();
    let mut references: Vec<&[T]> = Vec::new();
    for (seg, (refs, hypothesis)) in list_of_references.iter().zip(hypotheses).enumerate() {
        let hypothesis = hypothesis.as_ref();
        references.clear();
        references.extend(refs.as_ref().iter().map(AsRef::as_ref));
        counter.count(&references, hypothesis, &mut nums, &mut dens);
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
    let (last_refs, last_hyp) = match (list_of_references.last(), hypotheses.last()) {
        (Some(r), Some(h)) => (r.as_ref().iter().map(AsRef::as_ref).collect(), h.as_ref()),
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

    /// The one-walk counter against `modified_precision_counts` (a hash
    /// map per order and reference): small vocabularies, empty and short
    /// sequences, and long hypotheses that take the map instead of the
    /// dense tables.
    #[test]
    fn segment_counter_equals_modified_precision() {
        let mut rng = crate::util::testrng::xorshift(0x853c_49e6_748f_ea9b);
        let mut next = |m: u64| rng(m) as u32;
        let mut counter = SegmentCounter::new();
        let mut segs = Vec::new();
        for case in 0..3000u32 {
            let long = case % 50 == 0;
            let vocab = u64::from(2 + next(12)) * if long { 40 } else { 1 };
            let mut seq = |max: u64| -> Vec<u32> {
                let len = if long { 300 + next(200) } else { next(max) };
                (0..len).map(|_| next(vocab)).collect()
            };
            let hyp = seq(16);
            let n_refs = seq(5).len() % 5;
            let refs: Vec<Vec<u32>> = (0..n_refs).map(|_| seq(16)).collect();
            segs.push((hyp, refs));
        }
        for (hyp, refs) in &segs {
            let refs: Vec<&[u32]> = refs.iter().map(Vec::as_slice).collect();
            for orders in [1usize, 2, 4, 6] {
                let (mut nums, mut dens) = (vec![0; orders], vec![0; orders]);
                counter.count(&refs, hyp, &mut nums, &mut dens);
                for n in 1..=orders {
                    let want = modified_precision_counts(&refs, hyp, n);
                    assert_eq!((nums[n - 1], dens[n - 1]), want, "{hyp:?} {refs:?} n={n}");
                }
            }
        }
    }

    #[test]
    fn empty_reference_set_is_an_error() {
        let refs: Vec<Vec<Vec<&str>>> = vec![vec![]];
        assert!(corpus_bleu(&refs, &[vec!["a"]], &Bleu::default()).is_err());
        let refs: Vec<Vec<Vec<&str>>> = vec![];
        assert!(corpus_bleu(&refs, &[vec!["a"]], &Bleu::default()).is_err());
    }
}
