//! Bigram and trigram collocation finders (NLTK's `nltk.collocations`).
//!
//! Words are interned to integer ids internally; counts, window handling
//! (`ngrams(..., pad_right=True)`), filters and the ranking rule (score
//! descending, then the n-gram ascending) follow NLTK.

use std::collections::HashMap;

use super::association::{AssocMeasure, BigramAssocMeasures, TrigramAssocMeasures};
use super::FreqDist;
use crate::{Error, Result};

#[derive(Debug, Clone, Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Vocab {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.words.push(w.to_string());
        i
    }

    fn word(&self, i: u32) -> &str {
        self.words.get(i as usize).map_or("", String::as_str)
    }
}

fn rank<const N: usize>(vocab: &Vocab, mut scored: Vec<([u32; N], f64)>) -> Vec<([&str; N], f64)> {
    scored.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                let wa = a.0.map(|i| vocab.word(i));
                let wb = b.0.map(|i| vocab.word(i));
                wa.cmp(&wb)
            })
    });
    scored
        .into_iter()
        .map(|(g, s)| (g.map(|i| vocab.word(i)), s))
        .collect()
}

/// NLTK's `BigramCollocationFinder`.
///
/// # Example
/// ```
/// use nlkit::probability::{AssocMeasure, BigramCollocationFinder};
/// let words = "a b c a b d a b".split(' ');
/// let mut f = BigramCollocationFinder::from_words(words, 2).unwrap();
/// f.apply_freq_filter(2);
/// assert_eq!(f.nbest(AssocMeasure::Pmi, 1), [["a", "b"]]);
/// ```
#[derive(Debug, Clone)]
pub struct BigramCollocationFinder {
    vocab: Vocab,
    word_fd: FreqDist<u32>,
    ngram_fd: FreqDist<[u32; 2]>,
    window_size: usize,
}

impl BigramCollocationFinder {
    /// Counts words and (windowed) bigrams, as NLTK's `from_words`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `window_size < 2`.
    pub fn from_words<I, S>(words: I, window_size: usize) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        if window_size < 2 {
            return Err(Error::InvalidInput("Specify window_size at least 2".into()));
        }
        let mut vocab = Vocab::default();
        let mut word_fd = FreqDist::new();
        let mut ngram_fd = FreqDist::new();
        // A sliding window of the last `window_size` ids.
        let mut window: std::collections::VecDeque<u32> = std::collections::VecDeque::new();
        let mut flush_front = |window: &mut std::collections::VecDeque<u32>| {
            if let Some(&w1) = window.front() {
                word_fd.inc(w1);
                for &w2 in window.iter().skip(1) {
                    ngram_fd.inc([w1, w2]);
                }
            }
            window.pop_front();
        };
        for w in words {
            window.push_back(vocab.id(w.as_ref()));
            if window.len() == window_size {
                flush_front(&mut window);
            }
        }
        while !window.is_empty() {
            flush_front(&mut window);
        }
        Ok(BigramCollocationFinder {
            vocab,
            word_fd,
            ngram_fd,
            window_size,
        })
    }

    /// Total number of words (NLTK's `finder.N`).
    pub fn n(&self) -> u64 {
        self.word_fd.n()
    }

    /// Count of `word` in the word distribution.
    pub fn word_count(&self, word: &str) -> u64 {
        self.vocab.ids.get(word).map_or(0, |i| self.word_fd.get(i))
    }

    /// Count of the bigram `(w1, w2)` in the (possibly filtered) bigram distribution.
    pub fn ngram_count(&self, w1: &str, w2: &str) -> u64 {
        match (self.vocab.ids.get(w1), self.vocab.ids.get(w2)) {
            (Some(&a), Some(&b)) => self.ngram_fd.get(&[a, b]),
            _ => 0,
        }
    }

    /// Number of distinct bigrams left.
    pub fn ngram_types(&self) -> usize {
        self.ngram_fd.b()
    }

    /// Removes bigrams seen fewer than `min_freq` times.
    pub fn apply_freq_filter(&mut self, min_freq: u64) {
        self.ngram_fd.retain(|_, c| c >= min_freq);
    }

    /// Removes bigrams in which any word satisfies `f`.
    pub fn apply_word_filter(&mut self, mut f: impl FnMut(&str) -> bool) {
        let vocab = &self.vocab;
        self.ngram_fd
            .retain(|g, _| !g.iter().any(|&i| f(vocab.word(i))));
    }

    /// Removes bigrams for which `f(w1, w2)` is true.
    pub fn apply_ngram_filter(&mut self, mut f: impl FnMut(&str, &str) -> bool) {
        let vocab = &self.vocab;
        self.ngram_fd
            .retain(|g, _| !f(vocab.word(g[0]), vocab.word(g[1])));
    }

    /// Every bigram with its score, best first (NLTK's `score_ngrams`).
    pub fn score_ngrams(&self, measure: AssocMeasure) -> Vec<([&str; 2], f64)> {
        let n_all = self.word_fd.n();
        let div = self.window_size as f64 - 1.0;
        let scored: Vec<([u32; 2], f64)> = self
            .ngram_fd
            .iter()
            .filter_map(|(g, c)| {
                let n_ii = c as f64 / div;
                if n_ii == 0.0 {
                    return None;
                }
                let marg = (self.word_fd.get(&g[0]), self.word_fd.get(&g[1]));
                Some((*g, BigramAssocMeasures::score(measure, n_ii, marg, n_all)))
            })
            .collect();
        rank(&self.vocab, scored)
    }

    /// The `n` best bigrams (NLTK's `nbest`).
    pub fn nbest(&self, measure: AssocMeasure, n: usize) -> Vec<[&str; 2]> {
        self.score_ngrams(measure)
            .into_iter()
            .take(n)
            .map(|e| e.0)
            .collect()
    }
}

/// NLTK's `TrigramCollocationFinder`.
///
/// # Example
/// ```
/// use nlkit::probability::{AssocMeasure, TrigramCollocationFinder};
/// let words = "x a b c y a b c z".split(' ');
/// let f = TrigramCollocationFinder::from_words(words, 3).unwrap();
/// assert_eq!(f.nbest(AssocMeasure::RawFreq, 1).unwrap(), [["a", "b", "c"]]);
/// ```
#[derive(Debug, Clone)]
pub struct TrigramCollocationFinder {
    vocab: Vocab,
    word_fd: FreqDist<u32>,
    bigram_fd: FreqDist<[u32; 2]>,
    wildcard_fd: FreqDist<[u32; 2]>,
    ngram_fd: FreqDist<[u32; 3]>,
}

impl TrigramCollocationFinder {
    /// Counts words, bigrams, wildcard pairs and trigrams as NLTK's
    /// `from_words` (including its counting of `w1` once per pair of later
    /// window positions when `window_size > 3`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `window_size < 3`.
    pub fn from_words<I, S>(words: I, window_size: usize) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        if window_size < 3 {
            return Err(Error::InvalidInput("Specify window_size at least 3".into()));
        }
        let mut f = TrigramCollocationFinder {
            vocab: Vocab::default(),
            word_fd: FreqDist::new(),
            bigram_fd: FreqDist::new(),
            wildcard_fd: FreqDist::new(),
            ngram_fd: FreqDist::new(),
        };
        let ids: Vec<u32> = words.into_iter().map(|w| f.vocab.id(w.as_ref())).collect();
        for start in 0..ids.len() {
            // The window with right padding: positions past the end are None.
            let at = |k: usize| ids.get(start + k).copied();
            let Some(w1) = at(0) else { continue };
            for a in 1..window_size {
                for b in a + 1..window_size {
                    f.word_fd.inc(w1);
                    let Some(w2) = at(a) else { continue };
                    f.bigram_fd.inc([w1, w2]);
                    let Some(w3) = at(b) else { continue };
                    f.wildcard_fd.inc([w1, w3]);
                    f.ngram_fd.inc([w1, w2, w3]);
                }
            }
        }
        Ok(f)
    }

    /// Total count in the word distribution (NLTK's `finder.N`).
    pub fn n(&self) -> u64 {
        self.word_fd.n()
    }

    /// Removes trigrams seen fewer than `min_freq` times.
    pub fn apply_freq_filter(&mut self, min_freq: u64) {
        self.ngram_fd.retain(|_, c| c >= min_freq);
    }

    /// Removes trigrams in which any word satisfies `f`.
    pub fn apply_word_filter(&mut self, mut f: impl FnMut(&str) -> bool) {
        let vocab = &self.vocab;
        self.ngram_fd
            .retain(|g, _| !g.iter().any(|&i| f(vocab.word(i))));
    }

    /// Every trigram with its score, best first (NLTK's `score_ngrams`).
    ///
    /// # Errors
    /// For measures NLTK defines for bigrams only.
    pub fn score_ngrams(&self, measure: AssocMeasure) -> Result<Vec<([&str; 3], f64)>> {
        let n_all = self.word_fd.n();
        let mut scored = Vec::with_capacity(self.ngram_fd.b());
        for (g, c) in self.ngram_fd.iter() {
            if c == 0 {
                continue;
            }
            let [w1, w2, w3] = *g;
            let b = (
                self.bigram_fd.get(&[w1, w2]),
                self.wildcard_fd.get(&[w1, w3]),
                self.bigram_fd.get(&[w2, w3]),
            );
            let u = (
                self.word_fd.get(&w1),
                self.word_fd.get(&w2),
                self.word_fd.get(&w3),
            );
            scored.push((*g, TrigramAssocMeasures::score(measure, c, b, u, n_all)?));
        }
        Ok(rank(&self.vocab, scored))
    }

    /// The `n` best trigrams (NLTK's `nbest`).
    ///
    /// # Errors
    /// For measures NLTK defines for bigrams only.
    pub fn nbest(&self, measure: AssocMeasure, n: usize) -> Result<Vec<[&str; 3]>> {
        Ok(self
            .score_ngrams(measure)?
            .into_iter()
            .take(n)
            .map(|e| e.0)
            .collect())
    }
}
