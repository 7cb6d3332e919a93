//! One entry point over every metric, for callers that pick the metric at
//! run time (the `nlkit score` command): corpus score and, optionally, one
//! score per segment.
//!
//! METEOR has no corpus-level formula in NLTK; its corpus score here is the
//! mean of the segment scores.

use super::{
    corpus_bleu, corpus_chrf, corpus_gleu, corpus_nist, corpus_ribes, sentence_bleu, sentence_chrf,
    sentence_gleu, sentence_nist, sentence_ribes, Bleu, Chrf, Meteor,
};
use crate::{Error, Result};

/// A metric and its settings.
#[derive(Debug)]
pub enum Metric {
    /// BLEU with its weights and smoothing.
    Bleu(Bleu),
    /// chrF (one reference per segment).
    Chrf(Chrf),
    /// GLEU with `(min_len, max_len)`.
    Gleu(usize, usize),
    /// NIST up to order `n`.
    Nist(usize),
    /// METEOR with its scorer (WordNet loaded).
    Meteor(Box<Meteor>),
    /// RIBES with `(alpha, beta)`.
    Ribes(f64, f64),
}

/// Scores of a corpus: one value per BLEU weight vector (one value for the
/// other metrics), per segment when asked for, and NLTK's warnings.
///
/// # Example
/// ```
/// use nlkit::translate::scorer::{score, Metric};
/// let refs = vec![vec![vec!["a".to_string(), "b".to_string()]]];
/// let hyps = vec![vec!["a".to_string(), "b".to_string()]];
/// let s = score(&Metric::Gleu(1, 4), &refs, &hyps, true)?;
/// assert_eq!(s.corpus, [1.0]);
/// assert_eq!(s.segments.unwrap(), [vec![1.0]]);
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// The corpus-level score(s).
    pub corpus: Vec<f64>,
    /// Per-segment score(s), when requested.
    pub segments: Option<Vec<Vec<f64>>>,
    /// Distinct warnings, in first-seen order.
    pub warnings: Vec<String>,
}

fn joined(tokens: &[String]) -> String {
    tokens.join(" ")
}

fn single_refs(list_of_references: &[Vec<Vec<String>>]) -> Result<Vec<String>> {
    list_of_references
        .iter()
        .enumerate()
        .map(|(i, refs)| match refs.as_slice() {
            [r] => Ok(joined(r)),
            _ => Err(Error::InvalidInput(format!(
                "segment {}: chrF takes exactly one reference ({} given)",
                i + 1,
                refs.len()
            ))),
        })
        .collect()
}

/// Scores `hypotheses` against `list_of_references` (tokens; chrF joins
/// them with single spaces, as NLTK does with token lists).
///
/// # Errors
/// The metric's errors (mismatched counts, missing references, …).
pub fn score(
    metric: &Metric,
    list_of_references: &[Vec<Vec<String>>],
    hypotheses: &[Vec<String>],
    per_segment: bool,
) -> Result<Scores> {
    super::check_lengths(list_of_references.len(), hypotheses.len())?;
    let mut warnings: Vec<String> = Vec::new();
    let mut warn = |w: Vec<String>| {
        for w in w {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    };
    let pairs = list_of_references.iter().zip(hypotheses);
    let (corpus, segments) = match metric {
        Metric::Bleu(b) => {
            let c = corpus_bleu(list_of_references, hypotheses, b)?;
            warn(c.warnings);
            let segs = if per_segment {
                let mut v = Vec::new();
                for (r, h) in pairs {
                    let s = sentence_bleu(r, h, b)?;
                    warn(s.warnings);
                    v.push(s.scores);
                }
                Some(v)
            } else {
                None
            };
            (c.scores, segs)
        }
        Metric::Chrf(c) => {
            let refs = single_refs(list_of_references)?;
            let hyps: Vec<String> = hypotheses.iter().map(|h| joined(h)).collect();
            let corpus = corpus_chrf(&refs, &hyps, c)?;
            let segs = if per_segment {
                Some(
                    refs.iter()
                        .zip(&hyps)
                        .map(|(r, h)| sentence_chrf(r, h, c).map(|s| vec![s]))
                        .collect::<Result<Vec<_>>>()?,
                )
            } else {
                None
            };
            (vec![corpus], segs)
        }
        Metric::Gleu(lo, hi) => {
            let corpus = corpus_gleu(list_of_references, hypotheses, *lo, *hi)?;
            let segs = if per_segment {
                Some(
                    pairs
                        .map(|(r, h)| sentence_gleu(r, h, *lo, *hi).map(|s| vec![s]))
                        .collect::<Result<Vec<_>>>()?,
                )
            } else {
                None
            };
            (vec![corpus], segs)
        }
        Metric::Nist(n) => {
            let corpus = corpus_nist(list_of_references, hypotheses, *n)?;
            let segs = if per_segment {
                Some(
                    pairs
                        .map(|(r, h)| sentence_nist(r, h, *n).map(|s| vec![s]))
                        .collect::<Result<Vec<_>>>()?,
                )
            } else {
                None
            };
            (vec![corpus], segs)
        }
        Metric::Ribes(a, b) => {
            let corpus = corpus_ribes(list_of_references, hypotheses, *a, *b)?;
            let segs = if per_segment {
                Some(
                    pairs
                        .map(|(r, h)| sentence_ribes(r, h, *a, *b).map(|s| vec![s]))
                        .collect::<Result<Vec<_>>>()?,
                )
            } else {
                None
            };
            (vec![corpus], segs)
        }
        Metric::Meteor(m) => {
            let segs = pairs
                .map(|(r, h)| m.meteor_score(r, h).map(|s| vec![s]))
                .collect::<Result<Vec<_>>>()?;
            let corpus = if segs.is_empty() {
                0.0
            } else {
                segs.iter().map(|s| s[0]).sum::<f64>() / segs.len() as f64
            };
            (vec![corpus], per_segment.then_some(segs))
        }
    };
    Ok(Scores {
        corpus,
        segments,
        warnings,
    })
}
