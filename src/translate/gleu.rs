//! Google-BLEU: NLTK's `sentence_gleu` and `corpus_gleu`
//! (`nltk.translate.gleu_score`, Wu et al. 2016).
//!
//! For each segment, over all n-grams of orders `min_len..=max_len`, the
//! reference with the best `matches / max(hypothesis n-grams, reference
//! n-grams)` is chosen (the first on ties); the corpus score is the ratio
//! of the summed numerators and denominators, 0 when there are none.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::check_lengths;
use crate::Result;

fn everygram_counts<T: Hash + Eq>(
    seq: &[T],
    min_len: usize,
    max_len: usize,
) -> FxHashMap<&[T], usize> {
    let mut m: FxHashMap<&[T], usize> = FxHashMap::default();
    for n in min_len.max(1)..=max_len.min(seq.len()) {
        for w in seq.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// NLTK's `sentence_gleu(references, hypothesis, min_len, max_len)`.
///
/// # Errors
/// As [`corpus_gleu`].
///
/// # Example
/// ```
/// use nlkit::translate::sentence_gleu;
/// let refs = [vec!["the", "cat", "sat"]];
/// assert_eq!(sentence_gleu(&refs, &["the", "cat", "sat"], 1, 4)?, 1.0);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn sentence_gleu<T: Hash + Eq, H: AsRef<[T]>>(
    references: &[H],
    hypothesis: &[T],
    min_len: usize,
    max_len: usize,
) -> Result<f64> {
    let refs: Vec<&[T]> = references.iter().map(AsRef::as_ref).collect();
    gleu_impl(&[refs], &[hypothesis], min_len, max_len)
}

/// NLTK's `corpus_gleu(list_of_references, hypotheses, min_len, max_len)`.
///
/// # Errors
/// [`crate::Error::InvalidInput`] when the numbers of reference sets and
/// hypotheses differ.
///
/// # Example
/// ```
/// use nlkit::translate::corpus_gleu;
/// let refs = vec![vec![vec!["a", "b"]], vec![vec!["c", "d"]]];
/// let hyps = vec![vec!["a", "b"], vec!["c", "x"]];
/// assert_eq!(corpus_gleu(&refs, &hyps, 1, 4)?, 4.0 / 6.0);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn corpus_gleu<T, R, H>(
    list_of_references: &[R],
    hypotheses: &[H],
    min_len: usize,
    max_len: usize,
) -> Result<f64>
where
    T: Hash + Eq,
    R: AsRef<[H]>,
    H: AsRef<[T]>,
{
    let (refs, hyps) = super::borrow_corpus(list_of_references, hypotheses);
    gleu_impl(&refs, &hyps, min_len, max_len)
}

fn gleu_impl<T: Hash + Eq>(
    refs: &[Vec<&[T]>],
    hyps: &[&[T]],
    min_len: usize,
    max_len: usize,
) -> Result<f64> {
    check_lengths(refs.len(), hyps.len())?;
    let (mut n_match, mut n_all) = (0usize, 0usize);
    for (references, hypothesis) in refs.iter().zip(hyps) {
        let hyp = everygram_counts(hypothesis, min_len, max_len);
        let tpfp: usize = hyp.values().sum();
        let mut best: Option<(usize, usize, f64)> = None;
        for reference in references {
            let r = everygram_counts(reference, min_len, max_len);
            let tpfn: usize = r.values().sum();
            let tp: usize = hyp
                .iter()
                .map(|(g, c)| (*c).min(r.get(g).copied().unwrap_or(0)))
                .sum();
            let all = tpfp.max(tpfn);
            if all > 0 {
                let score = tp as f64 / all as f64;
                if best.is_none_or(|(_, _, s)| score > s) {
                    best = Some((tp, all, score));
                }
            }
        }
        if let Some((m, a, _)) = best {
            n_match += m;
            n_all += a;
        }
    }
    Ok(if n_all == 0 {
        0.0
    } else {
        n_match as f64 / n_all as f64
    })
}
