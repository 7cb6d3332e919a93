//! METEOR: NLTK's `meteor_score` and `single_meteor_score`
//! (`nltk.translate.meteor_score`, Lavie & Agarwal 2007).
//!
//! Words are lower-cased (Python's `str.lower`) and aligned in three
//! stages, each on what the previous left unmatched, scanning the
//! hypothesis from its end: exact matches, then matches of Porter stems
//! (NLTK's default `PorterStemmer()`, i.e. [`PorterMode::NltkExtensions`]),
//! then WordNet synonyms. As in NLTK the synonym stage looks at the
//! *stemmed* words the stem stage leaves behind, and synonyms are the names
//! without `_` of the lemmas of `wordnet.synsets(word)` (all parts of
//! speech, with morphy). The score is `(1 - 0.5 * (chunks/matches)^3) *
//! P*R / (0.9*P + 0.1*R)`, the best over the references.
//!
//! [`PorterMode::NltkExtensions`]: crate::stem::PorterMode::NltkExtensions

use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::stem::{PorterStemmer, Stemmer};
use crate::wordnet::WordNet;
use crate::{Error, Result};

/// A METEOR scorer: WordNet, the Porter stemmer and NLTK's parameters
/// (`alpha=0.9, beta=3.0, gamma=0.5`), with a cache of synonym sets.
///
/// # Example
/// ```
/// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
/// use nlkit::translate::Meteor;
/// let m = Meteor::load(Some(std::path::Path::new(".nltk_data")))?;
/// let r = ["the", "cat", "sat", "on", "the", "mat"];
/// let s = m.meteor_score(&[r], &["on", "the", "mat", "sat", "the", "cat"])?;
/// assert!((s - 0.5).abs() < 0.01);
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug)]
pub struct Meteor {
    wordnet: WordNet,
    stemmer: PorterStemmer,
    /// Weight of precision against recall in the F-mean.
    pub alpha: f64,
    /// Exponent of the fragmentation penalty.
    pub beta: f64,
    /// Maximum fragmentation penalty.
    pub gamma: f64,
    synonyms: Mutex<FxHashMap<String, Arc<Vec<String>>>>,
}

type Enum = Vec<(usize, String)>;

impl Meteor {
    /// A scorer over `wordnet` with NLTK's default parameters.
    pub fn new(wordnet: WordNet) -> Meteor {
        Meteor {
            wordnet,
            stemmer: PorterStemmer::default(),
            alpha: 0.9,
            beta: 3.0,
            gamma: 0.5,
            synonyms: Mutex::new(FxHashMap::default()),
        }
    }

    /// Loads WordNet (`corpora/wordnet` in `data_dir`, or along NLTK's search
    /// path) and builds a scorer.
    ///
    /// # Errors
    /// As [`WordNet::load`].
    pub fn load(data_dir: Option<&std::path::Path>) -> Result<Meteor> {
        Ok(Meteor::new(WordNet::load(data_dir)?))
    }

    /// NLTK's `meteor_score(references, hypothesis)`: the best
    /// [`Meteor::single_meteor_score`] over the references.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there are no references (NLTK's `max()`
    /// of an empty sequence); WordNet read errors.
    pub fn meteor_score<R: AsRef<[S]>, S: AsRef<str>>(
        &self,
        references: &[R],
        hypothesis: &[S],
    ) -> Result<f64> {
        let mut best: Option<f64> = None;
        for r in references {
            let s = self.single_meteor_score(r.as_ref(), hypothesis)?;
            if best.is_none_or(|b| s > b) {
                best = Some(s);
            }
        }
        best.ok_or_else(|| Error::InvalidInput("METEOR needs at least one reference".into()))
    }

    /// NLTK's `single_meteor_score(reference, hypothesis)`; 0 when either is
    /// empty or nothing matches.
    ///
    /// # Errors
    /// WordNet read errors.
    pub fn single_meteor_score<S: AsRef<str>, H: AsRef<str>>(
        &self,
        reference: &[S],
        hypothesis: &[H],
    ) -> Result<f64> {
        let hyp: Enum = hypothesis
            .iter()
            .map(|w| w.as_ref().to_lowercase())
            .enumerate()
            .collect();
        let rf: Enum = reference
            .iter()
            .map(|w| w.as_ref().to_lowercase())
            .enumerate()
            .collect();
        let (translation_length, reference_length) = (hyp.len(), rf.len());
        let mut matches = self.align(hyp, rf)?;
        matches.sort_by_key(|m| m.0);
        let matches_count = matches.len();
        if translation_length == 0 || reference_length == 0 || matches_count == 0 {
            return Ok(0.0);
        }
        let precision = matches_count as f64 / translation_length as f64;
        let recall = matches_count as f64 / reference_length as f64;
        let fmean = (precision * recall) / (self.alpha * precision + (1.0 - self.alpha) * recall);
        let chunk_count = count_chunks(&matches) as f64;
        let frag_frac = chunk_count / matches_count as f64;
        let penalty = self.gamma * frag_frac.powf(self.beta);
        Ok((1.0 - penalty) * fmean)
    }

    /// NLTK's `_enum_align_words`: exact, stem and synonym matches as
    /// `(hypothesis index, reference index)` pairs (unsorted).
    fn align(&self, hyp: Enum, rf: Enum) -> Result<Vec<(usize, usize)>> {
        let (mut matches, hyp, rf) = match_enums(hyp, rf);
        let stem = |e: Enum| -> Enum {
            e.into_iter()
                .map(|(i, w)| (i, self.stemmer.stem(&w).into_owned()))
                .collect()
        };
        let (stem_matches, hyp, rf) = match_enums(stem(hyp), stem(rf));
        matches.extend(stem_matches);
        let syn_matches = self.wordnet_matches(&hyp, &rf)?;
        matches.extend(syn_matches);
        Ok(matches)
    }

    fn synonyms(&self, word: &str) -> Result<Arc<Vec<String>>> {
        if let Ok(cache) = self.synonyms.lock() {
            if let Some(s) = cache.get(word) {
                return Ok(Arc::clone(s));
            }
        }
        let mut set: FxHashSet<String> = FxHashSet::default();
        for synset in self.wordnet.synsets(word, None)? {
            for name in synset.lemma_names() {
                if !name.contains('_') {
                    set.insert(name.to_string());
                }
            }
        }
        set.insert(word.to_string());
        let v = Arc::new(set.into_iter().collect::<Vec<_>>());
        if let Ok(mut cache) = self.synonyms.lock() {
            cache.insert(word.to_string(), Arc::clone(&v));
        }
        Ok(v)
    }

    /// NLTK's `_enum_wordnetsyn_match` (matched pairs only).
    fn wordnet_matches(&self, hyp: &Enum, rf: &Enum) -> Result<Vec<(usize, usize)>> {
        let mut positions: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (j, (_, w)) in rf.iter().enumerate() {
            positions.entry(w.as_str()).or_default().push(j);
        }
        let mut out = Vec::new();
        for (hi, hw) in hyp.iter().rev() {
            let syns = self.synonyms(hw)?;
            let mut best: Option<(usize, &str)> = None;
            for s in syns.iter() {
                if let Some(&j) = positions.get(s.as_str()).and_then(|p| p.last()) {
                    if best.is_none_or(|(b, _)| j > b) {
                        best = Some((j, s.as_str()));
                    }
                }
            }
            if let Some((j, w)) = best {
                if let Some(p) = positions.get_mut(w) {
                    p.pop();
                }
                if let Some((ri, _)) = rf.get(j) {
                    out.push((*hi, *ri));
                }
            }
        }
        Ok(out)
    }
}

/// NLTK's `_match_enums`: exact matches of the words, scanning the
/// hypothesis from its end, each taking the last unmatched reference
/// position of its word; returns the matches and what is left unmatched.
fn match_enums(hyp: Enum, rf: Enum) -> (Vec<(usize, usize)>, Enum, Enum) {
    let mut positions: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, (_, w)) in rf.iter().enumerate() {
        positions.entry(w.as_str()).or_default().push(j);
    }
    let mut hyp_matched = vec![false; hyp.len()];
    let mut ref_matched = vec![false; rf.len()];
    let mut matches = Vec::new();
    for (i, (hi, hw)) in hyp.iter().enumerate().rev() {
        if let Some(j) = positions.get_mut(hw.as_str()).and_then(Vec::pop) {
            hyp_matched[i] = true;
            ref_matched[j] = true;
            matches.push((*hi, rf[j].0));
        }
    }
    let keep = |e: Enum, m: &[bool]| -> Enum {
        e.into_iter()
            .zip(m)
            .filter(|(_, &m)| !m)
            .map(|(p, _)| p)
            .collect()
    };
    let hyp = keep(hyp, &hyp_matched);
    let rf = keep(rf, &ref_matched);
    (matches, hyp, rf)
}

/// NLTK's `_count_chunks` on matches sorted by hypothesis index.
fn count_chunks(matches: &[(usize, usize)]) -> usize {
    1 + matches
        .windows(2)
        .filter(|w| !(w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks() {
        assert_eq!(count_chunks(&[]), 1);
        assert_eq!(count_chunks(&[(0, 0), (1, 1), (2, 5)]), 2);
    }

    #[test]
    fn exact_matches_take_last_positions() {
        let e = |v: &[&str]| -> Enum { v.iter().map(|s| s.to_string()).enumerate().collect() };
        let (m, h, r) = match_enums(e(&["a", "b", "a"]), e(&["a", "a", "c"]));
        assert_eq!(m, [(2, 1), (0, 0)]);
        assert_eq!(h.len(), 1);
        assert_eq!(r.len(), 1);
    }
}
