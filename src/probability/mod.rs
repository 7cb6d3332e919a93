//! Frequency distributions and collocations, as NLTK's `nltk.probability`
//! (`FreqDist`, `ConditionalFreqDist`), `nltk.collocations`
//! (`BigramCollocationFinder`, `TrigramCollocationFinder`) and
//! `nltk.metrics.association` (`BigramAssocMeasures`,
//! `TrigramAssocMeasures`).
//!
//! [`FreqDist`] keeps samples in first-seen order, so [`FreqDist::most_common`]
//! breaks ties exactly as Python's `Counter.most_common` (a stable sort by
//! count), and iteration ([`FreqDist::iter_most_common`], [`FreqDist::hapaxes`])
//! follows NLTK's `FreqDist.__iter__` (most common first). The association
//! measures evaluate the same floating-point expressions in the same order as
//! NLTK, so scores agree to the last bit in practice and rankings are
//! identical (ties sorted by the n-gram, as NLTK's `score_ngrams`).
//!
//! Differences: counts are `u64`; NLTK's unbounded Python integers are
//! replaced by 128-bit integers in the trigram measures (exact up to about
//! 10^12 tokens).
//!
//! # Example
//! ```
//! use nlkit::probability::FreqDist;
//! let fd: FreqDist<&str> = "the cat saw the dog".split(' ').collect();
//! assert_eq!(fd.n(), 5);
//! assert_eq!(fd.b(), 4);
//! assert_eq!(fd.most_common(Some(2)), [(&"the", 2), (&"cat", 1)]);
//! assert_eq!(fd.freq(&"the"), 0.4);
//! ```

mod association;
mod collocations;

pub use association::{AssocMeasure, BigramAssocMeasures, TrigramAssocMeasures};
pub use collocations::{BigramCollocationFinder, TrigramCollocationFinder};

use std::collections::HashMap;
use std::hash::Hash;

/// A frequency distribution: how often each sample occurred (NLTK's `FreqDist`).
#[derive(Debug, Clone)]
pub struct FreqDist<K> {
    index: HashMap<K, usize>,
    entries: Vec<(K, u64)>,
    n: u64,
}

impl<K> Default for FreqDist<K> {
    fn default() -> Self {
        FreqDist {
            index: HashMap::new(),
            entries: Vec::new(),
            n: 0,
        }
    }
}

impl<K: Eq + Hash + Clone> FreqDist<K> {
    /// An empty distribution.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one more occurrence of `sample` (`fd[sample] += 1`).
    pub fn inc(&mut self, sample: K) {
        self.add(sample, 1);
    }

    /// Adds `count` occurrences of `sample`.
    pub fn add(&mut self, sample: K, count: u64) {
        self.n += count;
        if let Some(&i) = self.index.get(&sample) {
            if let Some(e) = self.entries.get_mut(i) {
                e.1 += count;
            }
        } else {
            self.index.insert(sample.clone(), self.entries.len());
            self.entries.push((sample, count));
        }
    }

    /// The count of `sample` (0 when unseen).
    pub fn get(&self, sample: &K) -> u64 {
        self.index
            .get(sample)
            .and_then(|&i| self.entries.get(i))
            .map_or(0, |e| e.1)
    }

    /// Total number of sample outcomes (NLTK's `N()`).
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Number of distinct samples (NLTK's `B()`).
    pub fn b(&self) -> usize {
        self.entries.len()
    }

    /// Relative frequency of `sample` (0 for an empty distribution).
    pub fn freq(&self, sample: &K) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.get(sample) as f64 / self.n as f64
        }
    }

    /// The `n` most common samples with their counts (all when `None`),
    /// ties in first-seen order as Python's `Counter.most_common`.
    pub fn most_common(&self, n: Option<usize>) -> Vec<(&K, u64)> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        // Stable sort by descending count keeps insertion order among ties.
        order.sort_by(|&a, &b| self.entries[b].1.cmp(&self.entries[a].1));
        let take = n.unwrap_or(order.len());
        order
            .into_iter()
            .take(take)
            .map(|i| (&self.entries[i].0, self.entries[i].1))
            .collect()
    }

    /// Samples in NLTK's iteration order (most common first).
    pub fn iter_most_common(&self) -> impl Iterator<Item = (&K, u64)> {
        self.most_common(None).into_iter()
    }

    /// Samples with their counts in first-seen (insertion) order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, u64)> {
        self.entries.iter().map(|(k, c)| (k, *c))
    }

    /// Samples seen exactly once, in NLTK's order (`FreqDist.hapaxes()`).
    pub fn hapaxes(&self) -> Vec<&K> {
        self.entries
            .iter()
            .filter(|e| e.1 == 1)
            .map(|e| &e.0)
            .collect()
    }

    /// The most common sample (NLTK's `max()`), `None` when empty.
    pub fn max(&self) -> Option<&K> {
        self.most_common(Some(1)).first().map(|e| e.0)
    }

    /// Number of samples with count `r` (NLTK's `Nr(r)`).
    pub fn nr(&self, r: u64) -> usize {
        self.entries.iter().filter(|e| e.1 == r).count()
    }

    /// Keeps only the samples for which `keep(sample, count)` is true,
    /// preserving their order (used by the collocation filters).
    /// NLTK's `N()` of the filtered copy counts only what is kept.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, u64) -> bool) {
        let old = std::mem::take(&mut self.entries);
        self.index.clear();
        self.n = 0;
        for (k, c) in old {
            if keep(&k, c) {
                self.add(k, c);
            }
        }
    }
}

impl<K: Eq + Hash + Clone> FromIterator<K> for FreqDist<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        let mut fd = FreqDist::new();
        for k in iter {
            fd.inc(k);
        }
        fd
    }
}

impl<K: Eq + Hash + Clone> Extend<K> for FreqDist<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, iter: I) {
        for k in iter {
            self.inc(k);
        }
    }
}

/// One [`FreqDist`] per condition (NLTK's `ConditionalFreqDist`), conditions
/// in first-seen order.
///
/// # Example
/// ```
/// use nlkit::probability::ConditionalFreqDist;
/// let cfd: ConditionalFreqDist<usize, &str> =
///     ["a", "bb", "cc", "d"].into_iter().map(|w| (w.len(), w)).collect();
/// assert_eq!(cfd.conditions(), [&1, &2]);
/// assert_eq!(cfd.get(&2).map(|fd| fd.n()), Some(2));
/// assert_eq!(cfd.n(), 4);
/// ```
#[derive(Debug, Clone)]
pub struct ConditionalFreqDist<C, K> {
    index: HashMap<C, usize>,
    dists: Vec<(C, FreqDist<K>)>,
}

impl<C, K> Default for ConditionalFreqDist<C, K> {
    fn default() -> Self {
        ConditionalFreqDist {
            index: HashMap::new(),
            dists: Vec::new(),
        }
    }
}

impl<C: Eq + Hash + Clone, K: Eq + Hash + Clone> ConditionalFreqDist<C, K> {
    /// An empty conditional distribution.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `sample` under `condition` (`cfd[condition][sample] += 1`).
    pub fn inc(&mut self, condition: C, sample: K) {
        let i = match self.index.get(&condition) {
            Some(&i) => i,
            None => {
                self.index.insert(condition.clone(), self.dists.len());
                self.dists.push((condition, FreqDist::new()));
                self.dists.len() - 1
            }
        };
        if let Some(d) = self.dists.get_mut(i) {
            d.1.inc(sample);
        }
    }

    /// The conditions, in first-seen order (NLTK's `conditions()`).
    pub fn conditions(&self) -> Vec<&C> {
        self.dists.iter().map(|d| &d.0).collect()
    }

    /// The distribution for `condition`, if it was seen.
    pub fn get(&self, condition: &C) -> Option<&FreqDist<K>> {
        self.index
            .get(condition)
            .and_then(|&i| self.dists.get(i))
            .map(|d| &d.1)
    }

    /// Total outcomes over all conditions (NLTK's `N()`).
    pub fn n(&self) -> u64 {
        self.dists.iter().map(|d| d.1.n()).sum()
    }
}

impl<C: Eq + Hash + Clone, K: Eq + Hash + Clone> FromIterator<(C, K)>
    for ConditionalFreqDist<C, K>
{
    fn from_iter<I: IntoIterator<Item = (C, K)>>(iter: I) -> Self {
        let mut cfd = ConditionalFreqDist::new();
        for (c, k) in iter {
            cfd.inc(c, k);
        }
        cfd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_first_seen_order() {
        let fd: FreqDist<&str> = ["b", "a", "c", "a", "b", "d"].into_iter().collect();
        let mc: Vec<_> = fd.most_common(None).into_iter().map(|e| *e.0).collect();
        assert_eq!(mc, ["b", "a", "c", "d"]);
        assert_eq!(fd.hapaxes(), [&"c", &"d"]);
        assert_eq!(fd.max(), Some(&"b"));
        assert_eq!(fd.nr(2), 2);
    }

    #[test]
    fn retain_recounts_n() {
        let mut fd: FreqDist<&str> = ["a", "a", "b"].into_iter().collect();
        fd.retain(|_, c| c >= 2);
        assert_eq!((fd.n(), fd.b()), (2, 1));
        assert_eq!(FreqDist::<&str>::new().freq(&"x"), 0.0);
    }
}
