//! RIBES: NLTK's `sentence_ribes`, `corpus_ribes`, `word_rank_alignment`
//! and `kendall_tau` (`nltk.translate.ribes_score`, Isozaki et al. 2010).
//!
//! Word order is compared through NLTK's alignment heuristic: a hypothesis
//! word is aligned to the reference when it is unique in both, or else
//! through the smallest right (then left) context n-gram that is unique in
//! both. Like NLTK, sequences longer than [`MAX_ALIGNMENT_LEN`] are refused.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::check_lengths;
use crate::{Error, Result};

/// NLTK's `MAX_ALIGNMENT_LEN`: the longest reference or hypothesis aligned.
pub const MAX_ALIGNMENT_LEN: usize = 2000;

/// How often `g` occurs in `s` (overlapping), counting at most to 2.
fn count_upto2<T: Eq>(s: &[T], g: &[T]) -> usize {
    if g.is_empty() || g.len() > s.len() {
        return 0;
    }
    let mut c = 0;
    for w in s.windows(g.len()) {
        if w == g {
            c += 1;
            if c == 2 {
                break;
            }
        }
    }
    c
}

fn position<T: Eq>(s: &[T], g: &[T]) -> Option<usize> {
    s.windows(g.len()).position(|w| w == g)
}

/// NLTK's `word_rank_alignment(reference, hypothesis)`: for each aligned
/// hypothesis word, the reference position it is aligned to.
///
/// # Errors
/// [`Error::InvalidInput`] when either sequence is longer than
/// [`MAX_ALIGNMENT_LEN`] (NLTK's `ValueError`).
///
/// # Example
/// ```
/// use nlkit::translate::word_rank_alignment;
/// let r = ["he", "was", "interested", "in", "world", "history"];
/// let h = ["he", "was", "interested", "in", "history"];
/// assert_eq!(word_rank_alignment(&r, &h)?, [0, 1, 2, 3, 5]);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn word_rank_alignment<T: Hash + Eq>(reference: &[T], hypothesis: &[T]) -> Result<Vec<usize>> {
    if reference.len().max(hypothesis.len()) > MAX_ALIGNMENT_LEN {
        return Err(Error::InvalidInput(format!(
            "RIBES: sequence length exceeds {MAX_ALIGNMENT_LEN} tokens (NLTK's MAX_ALIGNMENT_LEN)"
        )));
    }
    let mut ref_count: FxHashMap<&T, (usize, usize)> = FxHashMap::default();
    for (j, w) in reference.iter().enumerate() {
        ref_count.entry(w).or_insert((0, j)).0 += 1;
    }
    let mut hyp_count: FxHashMap<&T, usize> = FxHashMap::default();
    for w in hypothesis {
        *hyp_count.entry(w).or_insert(0) += 1;
    }
    let hyp_len = hypothesis.len();
    let mut worder = Vec::new();
    for (i, h) in hypothesis.iter().enumerate() {
        let Some(&(rc, first)) = ref_count.get(h) else {
            continue;
        };
        if rc == 1 && hyp_count.get(h).copied() == Some(1) {
            worder.push(first);
            continue;
        }
        let max_window = i.max(hyp_len - i + 1).min(reference.len());
        for window in 1..max_window {
            if i + window < hyp_len {
                let g = &hypothesis[i..=i + window];
                if count_upto2(reference, g) == 1 && count_upto2(hypothesis, g) == 1 {
                    if let Some(p) = position(reference, g) {
                        worder.push(p);
                    }
                    break;
                }
            }
            if window <= i {
                let g = &hypothesis[i - window..=i];
                if count_upto2(reference, g) == 1 && count_upto2(hypothesis, g) == 1 {
                    if let Some(p) = position(reference, g) {
                        worder.push(p + g.len() - 1);
                    }
                    break;
                }
            }
        }
    }
    Ok(worder)
}

/// NLTK's `kendall_tau(worder, normalize)`: the share of increasing pairs,
/// as tau in `[-1, 1]` or normalised to `[0, 1]`.
///
/// # Example
/// ```
/// use nlkit::translate::kendall_tau;
/// assert_eq!(kendall_tau(&[0, 1, 2], true), 1.0);
/// assert_eq!(kendall_tau(&[2, 1, 0], false), -1.0);
/// assert_eq!(kendall_tau(&[7], true), 0.0);
/// ```
pub fn kendall_tau(worder: &[usize], normalize: bool) -> f64 {
    let n = worder.len();
    let tau = if n < 2 {
        -1.0
    } else {
        let mut increasing: u64 = 0;
        for (a, &x) in worder.iter().enumerate() {
            increasing += worder[a + 1..].iter().filter(|&&y| x < y).count() as u64;
        }
        let pairs = (n as u64) * (n as u64 - 1) / 2;
        (2 * increasing) as f64 / pairs as f64 - 1.0
    };
    if normalize {
        (tau + 1.0) / 2.0
    } else {
        tau
    }
}

/// NLTK's `sentence_ribes(references, hypothesis, alpha=0.25, beta=0.10)`:
/// the best RIBES over the references; 0 when there are no references or
/// the hypothesis is empty.
///
/// # Errors
/// As [`word_rank_alignment`].
///
/// # Example
/// ```
/// use nlkit::translate::sentence_ribes;
/// let refs = [vec!["a", "b", "c", "d"]];
/// assert_eq!(sentence_ribes(&refs, &["a", "b", "c", "d"], 0.25, 0.10)?, 1.0);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn sentence_ribes<T: Hash + Eq, H: AsRef<[T]>>(
    references: &[H],
    hypothesis: &[T],
    alpha: f64,
    beta: f64,
) -> Result<f64> {
    if references.is_empty() || hypothesis.is_empty() {
        return Ok(0.0);
    }
    let mut best = -1.0f64;
    for reference in references {
        let reference = reference.as_ref();
        let worder = word_rank_alignment(reference, hypothesis)?;
        let nkt = kendall_tau(&worder, true);
        let bp = 1.0f64.min((1.0 - reference.len() as f64 / hypothesis.len() as f64).exp());
        let p1 = worder.len() as f64 / hypothesis.len() as f64;
        let ribes = nkt * p1.powf(alpha) * bp.powf(beta);
        if ribes > best {
            best = ribes;
        }
    }
    Ok(best)
}

/// NLTK's `corpus_ribes(list_of_references, hypotheses, alpha, beta)`: the
/// mean of the segments' [`sentence_ribes`]; 0 for no hypotheses.
///
/// # Errors
/// [`Error::InvalidInput`] when the numbers of reference sets and
/// hypotheses differ, or as [`word_rank_alignment`].
///
/// # Example
/// ```
/// use nlkit::translate::corpus_ribes;
/// let refs = vec![vec![vec!["a", "b", "c"]], vec![vec!["d", "e"]]];
/// let hyps = vec![vec!["a", "b", "c"], vec![]];
/// assert_eq!(corpus_ribes(&refs, &hyps, 0.25, 0.10)?, 0.5);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn corpus_ribes<T, R, H>(
    list_of_references: &[R],
    hypotheses: &[H],
    alpha: f64,
    beta: f64,
) -> Result<f64>
where
    T: Hash + Eq,
    R: AsRef<[H]>,
    H: AsRef<[T]>,
{
    if hypotheses.is_empty() {
        return Ok(0.0);
    }
    check_lengths(list_of_references.len(), hypotheses.len())?;
    let mut total = 0.0;
    for (refs, hyp) in list_of_references.iter().zip(hypotheses) {
        total += sentence_ribes(refs.as_ref(), hyp.as_ref(), alpha, beta)?;
    }
    Ok(total / hypotheses.len() as f64)
}
