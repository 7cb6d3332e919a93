//! Word clusters: each word's cluster at three granularities (coarse to
//! fine), learnt from unlabelled text, which the perceptron's
//! [`FeatureSet::Clusters`](super::FeatureSet::Clusters) templates read.
//! They let the tagger generalise from a training word to the words that
//! occur in the same contexts in running text, most of them unseen in the
//! tagged training data.
//!
//! The text format (`scripts/train/clusters.py` writes it) is one word per
//! line, lower-cased, and its three cluster numbers, tab-separated; lines
//! starting with `#` are comments:
//!
//! ```text
//! # nlkit word clusters v1
//! monday<TAB>22<TAB>81<TAB>443
//! ```

use super::features::py_lower;
use super::perceptron::FxMap;
use crate::{Error, Result};

/// The cluster numbers of a word at the three granularities.
pub type ClusterIds = [u16; 3];

/// Cluster numbers are below this.
pub const MAX_CLUSTERS: u16 = 4096;
/// The ids of a word not in the clusters.
pub(crate) const UNKNOWN: ClusterIds = [MAX_CLUSTERS; 3];
/// The ids of the padding before and after a sentence.
pub(crate) const PADDING: ClusterIds = [MAX_CLUSTERS + 1; 3];

/// Lower-cased word -> its clusters.
///
/// # Example
/// ```
/// use nlkit::tag::WordClusters;
/// let c = WordClusters::from_tsv("# clusters\nmonday\t3\t10\t42\ntuesday\t3\t10\t42\n").unwrap();
/// assert_eq!(c.get("Monday"), Some([3, 10, 42]));
/// assert_eq!(c.get("dog"), None);
/// assert_eq!(c.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordClusters {
    map: FxMap<Box<str>, ClusterIds>,
}

impl WordClusters {
    /// Parses the text format (see the module documentation).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the line for a line without a word and
    /// three numbers below [`MAX_CLUSTERS`], or a word given twice.
    pub fn from_tsv(text: &str) -> Result<Self> {
        let mut map = FxMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |why: &str| {
                Error::InvalidInput(format!("word clusters, line {}: {why}: {line:?}", n + 1))
            };
            let mut fields = line.split('\t');
            let word = fields
                .next()
                .filter(|w| !w.is_empty())
                .ok_or_else(|| bad("no word"))?;
            let mut ids = [0u16; 3];
            for id in &mut ids {
                *id = fields
                    .next()
                    .and_then(|f| f.trim().parse::<u16>().ok())
                    .filter(|&x| x < MAX_CLUSTERS)
                    .ok_or_else(|| {
                        bad(&format!(
                            "expected three cluster numbers below {MAX_CLUSTERS}"
                        ))
                    })?;
            }
            if fields.next().is_some() {
                return Err(bad("more than four fields"));
            }
            if map.insert(word.into(), ids).is_some() {
                return Err(bad("word given twice"));
            }
        }
        Ok(WordClusters { map })
    }

    /// Builds clusters from `(word, ids)` pairs (as stored in a model).
    ///
    /// # Errors
    /// [`Error::Model`] for a cluster number of [`MAX_CLUSTERS`] or more.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, ClusterIds)>) -> Result<Self> {
        let pairs = pairs.into_iter();
        let mut map = FxMap::default();
        // one allocation, not a rehash at every doubling
        map.reserve(pairs.size_hint().0);
        for (w, ids) in pairs {
            if ids.iter().any(|&x| x >= MAX_CLUSTERS) {
                return Err(Error::Model(format!("word cluster of `{w}` out of range")));
            }
            map.insert(w.into_boxed_str(), ids);
        }
        Ok(WordClusters { map })
    }

    /// The clusters of `word`, looked up lower-cased.
    pub fn get(&self, word: &str) -> Option<ClusterIds> {
        self.map.get(&*py_lower(word)).copied()
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The `(word, ids)` pairs, sorted by word.
    pub fn to_pairs(&self) -> Vec<(String, ClusterIds)> {
        let mut v: Vec<_> = self.map.iter().map(|(w, &c)| (w.to_string(), c)).collect();
        v.sort_unstable();
        v
    }

    /// The clusters of `tokens` padded as the tagger's context is: two
    /// [`PADDING`] entries before and after, [`UNKNOWN`] for unknown words.
    pub(crate) fn context(&self, tokens: &[&str], out: &mut Vec<ClusterIds>) {
        out.clear();
        out.extend([PADDING; 2]);
        out.extend(tokens.iter().map(|w| self.get(w).unwrap_or(UNKNOWN)));
        out.extend([PADDING; 2]);
    }
}

/// The feature-string part of a cluster number: its decimal digits,
/// `unk` for an unknown word, `pad` for padding.
pub(crate) fn id_str(id: u16) -> &'static str {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<String> = (0..MAX_CLUSTERS).map(|i| i.to_string()).collect();
        v.push("unk".into());
        v.push("pad".into());
        v
    });
    NAMES.get(usize::from(id)).map_or("unk", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_errors_with_their_number() {
        for (text, want) in [
            ("dog\t1\t2\n", "line 1"),
            ("dog\t1\t2\t3\ncat\t1\tx\t3\n", "line 2"),
            ("dog\t1\t2\t5000\n", "below 4096"),
            ("dog\t1\t2\t3\t4\n", "more than four"),
            ("dog\t1\t2\t3\ndog\t1\t2\t3\n", "twice"),
            ("\t1\t2\t3\n", "no word"),
        ] {
            let e = WordClusters::from_tsv(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }

    #[test]
    fn context_is_padded() {
        let c = WordClusters::from_tsv("dog\t1\t2\t3\n").unwrap();
        let mut out = Vec::new();
        c.context(&["Dog", "cat"], &mut out);
        assert_eq!(
            out,
            vec![PADDING, PADDING, [1, 2, 3], UNKNOWN, PADDING, PADDING]
        );
        assert_eq!(id_str(12), "12");
        assert_eq!(id_str(UNKNOWN[0]), "unk");
        assert_eq!(id_str(PADDING[0]), "pad");
    }
}
