//! A supervised hidden Markov model tagger with Viterbi decoding (NLTK's
//! `HiddenMarkovModelTagger` trained by `HiddenMarkovModelTrainer.train_supervised`).
//!
//! States are the tags, symbols the words, both numbered in order of first
//! appearance in the training data. Start, transition and output
//! probabilities are estimated from counts by an [`HmmEstimator`]:
//!
//! * [`HmmEstimator::Lidstone`]`(0.1)` is what `HiddenMarkovModelTagger.train`
//!   uses (NLTK's `LidstoneProbDist(fd, 0.1, bins)`, `bins` = number of
//!   states for start/transition and of training words for outputs); it is
//!   the default here.
//! * [`HmmEstimator::Mle`] is the default of `train_supervised` when called
//!   directly (`MLEProbDist`); every sentence with a word unseen in training
//!   then has probability 0 and, as in NLTK, is tagged entirely with the
//!   first state.
//!
//! Decoding reproduces NLTK's `_best_path`: base-2 log probabilities
//! computed in `f64` and stored as `f32`, sums in `f32`, ties going to the
//! lowest state number, so the tags are NLTK's.

use std::collections::HashMap;

use crate::tag::Tagger;

/// How [`HiddenMarkovModelTagger::train`] turns counts into probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HmmEstimator {
    /// Maximum likelihood (`MLEProbDist`): `count / total`.
    Mle,
    /// Lidstone (`LidstoneProbDist(fd, gamma, bins)`):
    /// `(count + gamma) / (total + bins * gamma)`.
    Lidstone(f64),
}

impl Default for HmmEstimator {
    fn default() -> Self {
        HmmEstimator::Lidstone(0.1)
    }
}

/// Counts of one frequency distribution, in first-seen order of samples.
#[derive(Default)]
struct Fd {
    counts: HashMap<usize, u64>,
    total: u64,
}

impl Fd {
    fn add(&mut self, sample: usize) {
        *self.counts.entry(sample).or_insert(0) += 1;
        self.total += 1;
    }

    /// NLTK's `logprob` of a sample (base 2, `-1e300` for 0, as `f32`).
    fn logprob(&self, sample: Option<usize>, est: HmmEstimator, bins: usize) -> f32 {
        let c = sample
            .and_then(|s| self.counts.get(&s))
            .copied()
            .unwrap_or(0) as f64;
        let n = self.total as f64;
        let p = match est {
            HmmEstimator::Mle => {
                if self.total == 0 {
                    0.0
                } else {
                    c / n
                }
            }
            HmmEstimator::Lidstone(gamma) => {
                let divisor = n + bins as f64 * gamma;
                if divisor == 0.0 {
                    c
                } else {
                    (c + gamma) / divisor
                }
            }
        };
        if p == 0.0 {
            f32::NEG_INFINITY
        } else {
            (p.ln() / 2f64.ln()) as f32
        }
    }
}

/// A trained HMM tagger.
///
/// # Example
/// ```
/// use nlkit::tag::{Tagger, classic::{HiddenMarkovModelTagger, HmmEstimator}};
/// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
/// let train = vec![s(&[("the", "DT"), ("dog", "NN"), ("barks", "VBZ")]), s(&[("a", "DT"), ("cat", "NN"), ("runs", "VBZ")])];
/// let hmm = HiddenMarkovModelTagger::train(&train, HmmEstimator::default());
/// assert_eq!(hmm.tag(&["the", "cat", "barks"]), ["DT", "NN", "VBZ"]);
/// ```
pub struct HiddenMarkovModelTagger {
    states: Vec<String>,
    symbols: HashMap<String, usize>,
    /// Log priors `P[i]`.
    priors: Vec<f32>,
    /// Log transitions `X[i * n + j]`.
    transitions: Vec<f32>,
    /// Log outputs `O[k * n + i]` (symbol-major).
    outputs: Vec<f32>,
    /// Log output of an unseen symbol, per state.
    unseen: Vec<f32>,
}

impl HiddenMarkovModelTagger {
    /// Supervised training on gold-tagged sentences (empty sentences are
    /// skipped). An empty training set gives a tagger with no states, which
    /// tags every token with [`super::NONE_TAG`].
    pub fn train(train: &[Vec<(String, String)>], estimator: HmmEstimator) -> Self {
        let mut states: Vec<String> = Vec::new();
        let mut state_ids: HashMap<&str, usize> = HashMap::new();
        let mut symbols: HashMap<String, usize> = HashMap::new();
        let mut starting = Fd::default();
        let mut transitions: Vec<Fd> = Vec::new();
        let mut outputs: Vec<Fd> = Vec::new();
        for sent in train {
            let mut last: Option<usize> = None;
            for (word, tag) in sent {
                let s = match state_ids.get(tag.as_str()) {
                    Some(&s) => s,
                    None => {
                        let s = states.len();
                        states.push(tag.clone());
                        state_ids.insert(tag.as_str(), s);
                        transitions.push(Fd::default());
                        outputs.push(Fd::default());
                        s
                    }
                };
                let n_sym = symbols.len();
                let k = *symbols.entry(word.clone()).or_insert(n_sym);
                match last {
                    None => starting.add(s),
                    Some(l) => {
                        if let Some(fd) = transitions.get_mut(l) {
                            fd.add(s);
                        }
                    }
                }
                if let Some(fd) = outputs.get_mut(s) {
                    fd.add(k);
                }
                last = Some(s);
            }
        }
        let n = states.len();
        let m = symbols.len();
        let priors = (0..n)
            .map(|i| starting.logprob(Some(i), estimator, n))
            .collect();
        let mut x = Vec::with_capacity(n * n);
        for fd in &transitions {
            for j in 0..n {
                x.push(fd.logprob(Some(j), estimator, n));
            }
        }
        let mut o = vec![f32::NEG_INFINITY; n * m];
        for (i, fd) in outputs.iter().enumerate() {
            for k in 0..m {
                if let Some(v) = o.get_mut(k * n + i) {
                    *v = fd.logprob(Some(k), estimator, m);
                }
            }
        }
        let unseen = outputs
            .iter()
            .map(|fd| fd.logprob(None, estimator, m))
            .collect();
        HiddenMarkovModelTagger {
            states,
            symbols,
            priors,
            transitions: x,
            outputs: o,
            unseen,
        }
    }

    /// The states (tags), in order.
    pub fn states(&self) -> &[String] {
        &self.states
    }

    /// Whether `word` was seen in training.
    pub fn knows(&self, word: &str) -> bool {
        self.symbols.contains_key(word)
    }

    fn output_column(&self, word: &str) -> &[f32] {
        let n = self.states.len();
        self.symbols
            .get(word)
            .and_then(|&k| self.outputs.get(k * n..(k + 1) * n))
            .unwrap_or(&self.unseen)
    }

    /// The Viterbi path as state numbers (NLTK's `best_path`).
    pub fn best_path(&self, tokens: &[&str]) -> Vec<usize> {
        let n = self.states.len();
        let Some(first) = tokens.first() else {
            return Vec::new();
        };
        if n == 0 {
            return Vec::new();
        }
        let col = self.output_column(first);
        let mut v: Vec<f32> = self.priors.iter().zip(col).map(|(p, o)| p + o).collect();
        let mut back: Vec<Vec<usize>> = Vec::with_capacity(tokens.len());
        let mut next = vec![0f32; n];
        for word in tokens.iter().skip(1) {
            let col = self.output_column(word);
            let mut b = vec![0usize; n];
            for j in 0..n {
                let mut best = 0usize;
                let mut best_v = f32::NAN;
                for (i, vi) in v.iter().enumerate() {
                    let s = vi
                        + self
                            .transitions
                            .get(i * n + j)
                            .copied()
                            .unwrap_or(f32::NEG_INFINITY);
                    // numpy argmax: first maximum (NaN never arises: no +inf).
                    if i == 0 || s > best_v {
                        best = i;
                        best_v = s;
                    }
                }
                if let (Some(nj), Some(bj)) = (next.get_mut(j), b.get_mut(j)) {
                    *nj = best_v + col.get(j).copied().unwrap_or(f32::NEG_INFINITY);
                    *bj = best;
                }
            }
            std::mem::swap(&mut v, &mut next);
            back.push(b);
        }
        let mut current = 0usize;
        for (i, &x) in v.iter().enumerate() {
            if x > v.get(current).copied().unwrap_or(f32::NEG_INFINITY) {
                current = i;
            }
        }
        let mut path = vec![current];
        for b in back.iter().rev() {
            current = b.get(current).copied().unwrap_or(0);
            path.push(current);
        }
        path.reverse();
        path
    }
}

impl Tagger for HiddenMarkovModelTagger {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        let path = self.best_path(tokens);
        if path.len() != tokens.len() {
            return vec![super::NONE_TAG; tokens.len()];
        }
        path.into_iter()
            .map(|s| self.states.get(s).map_or(super::NONE_TAG, String::as_str))
            .collect()
    }
}

impl HiddenMarkovModelTagger {
    /// The tagger as plain data, for nlkit's model file.
    pub(crate) fn to_model(&self) -> super::ClassicModel {
        let mut symbols: Vec<(&String, usize)> =
            self.symbols.iter().map(|(w, &k)| (w, k)).collect();
        symbols.sort_unstable_by_key(|&(_, k)| k);
        super::ClassicModel::Hmm {
            states: self.states.clone(),
            symbols: symbols.into_iter().map(|(w, _)| w.clone()).collect(),
            priors: self.priors.clone(),
            transitions: self.transitions.clone(),
            outputs: self.outputs.clone(),
            unseen: self.unseen.clone(),
        }
    }

    /// A tagger from the parts of [`super::ClassicModel::Hmm`]; `None` when
    /// their sizes disagree.
    pub(crate) fn from_parts(
        states: Vec<String>,
        symbols: Vec<String>,
        priors: Vec<f32>,
        transitions: Vec<f32>,
        outputs: Vec<f32>,
        unseen: Vec<f32>,
    ) -> Option<Self> {
        let n = states.len();
        let m = symbols.len();
        if priors.len() != n
            || unseen.len() != n
            || transitions.len() != n.checked_mul(n)?
            || outputs.len() != n.checked_mul(m)?
        {
            return None;
        }
        let symbols: HashMap<String, usize> = symbols
            .into_iter()
            .enumerate()
            .map(|(k, w)| (w, k))
            .collect();
        if symbols.len() != m {
            return None;
        }
        Some(HiddenMarkovModelTagger {
            states,
            symbols,
            priors,
            transitions,
            outputs,
            unseen,
        })
    }
}
