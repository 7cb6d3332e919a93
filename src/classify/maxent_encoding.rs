//! NLTK's `BinaryMaxentFeatureEncoding` and `GISEncoding`: each
//! `(feature name, value, label)` seen in training is one binary
//! joint-feature, numbered in order of first occurrence; optional
//! "unseen value" features (one per feature name) and "always on"
//! features (one per label); for GIS a correction feature that makes
//! every encoded vector sum to the constant `C`.
//!
//! Differences from NLTK: NLTK numbers the always-on and unseen features
//! (and orders the labels) by Python set order, which changes between
//! runs for strings; here labels and feature names are in order of first
//! occurrence.

use rustc_hash::FxHashMap;

use super::value::{FeatureSet, FeatureValue, ValueKey};
use crate::{Error, Result};

/// No joint-feature for this (pair, label).
pub(crate) const NONE: u32 = u32::MAX;

/// One input feature of a feature set, as the encoding sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A (name, value) pair the encoding knows.
    Pair(u32),
    /// A value never seen with a known feature name (the name's id).
    UnseenValue(u32),
    /// A feature name the encoding does not know.
    Unknown,
}

/// NLTK's `BinaryMaxentFeatureEncoding` (and, with a correction constant,
/// `GISEncoding`), trained by [`BinaryMaxentFeatureEncoding::train`].
///
/// # Example
/// ```
/// use nlkit::classify::{BinaryMaxentFeatureEncoding, FeatureSet};
/// let fs = |l: &str| FeatureSet::from_iter([("last_letter", l)]);
/// let train = vec![(fs("a"), "female".to_string()), (fs("k"), "male".to_string())];
/// let enc = BinaryMaxentFeatureEncoding::train(&train, false, false, false).unwrap();
/// assert_eq!(enc.length(), 2);
/// assert_eq!(enc.describe(1).unwrap(), "last_letter=='k' and label is 'male'");
/// assert_eq!(enc.encode(&fs("a"), "female"), vec![(0, 1)]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryMaxentFeatureEncoding {
    pub(crate) labels: Vec<String>,
    pub(crate) fnames: Vec<String>,
    fname_index: FxHashMap<String, u32>,
    /// The first form seen of each distinct value.
    pub(crate) values: Vec<FeatureValue>,
    /// (name id, value id) of each pair.
    pub(crate) pairs: Vec<(u32, u32)>,
    pair_index: FxHashMap<(u32, ValueKey), u32>,
    /// pair_fids[pair * labels + label]: the joint-feature id or [`NONE`].
    pub(crate) pair_fids: Vec<u32>,
    /// Joint-feature id → (pair, label), for the mapped features.
    pub(crate) inv: Vec<(u32, u32)>,
    /// Always-on feature ids, one per label.
    pub(crate) alwayson: bool,
    /// Unseen-value features, one per feature name.
    pub(crate) unseen: bool,
    /// GIS's correction constant `C`.
    pub(crate) correction: Option<u64>,
}

impl BinaryMaxentFeatureEncoding {
    /// NLTK's `BinaryMaxentFeatureEncoding.train(train_toks,
    /// unseen_features=..., alwayson_features=...)` (`gis`: NLTK's
    /// `GISEncoding.train`, whose `C` is the number of feature names plus
    /// one).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no examples.
    pub fn train(
        labeled: &[(FeatureSet, String)],
        unseen_features: bool,
        alwayson_features: bool,
        gis: bool,
    ) -> Result<Self> {
        if labeled.is_empty() {
            return Err(Error::InvalidInput(
                "cannot train a maxent classifier on no examples".into(),
            ));
        }
        let mut enc = BinaryMaxentFeatureEncoding {
            labels: Vec::new(),
            fnames: Vec::new(),
            fname_index: FxHashMap::default(),
            values: Vec::new(),
            pairs: Vec::new(),
            pair_index: FxHashMap::default(),
            pair_fids: Vec::new(),
            inv: Vec::new(),
            alwayson: alwayson_features,
            unseen: unseen_features,
            correction: None,
        };
        let mut label_index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut value_index: FxHashMap<ValueKey, u32> = FxHashMap::default();
        // (pair, label) in first-occurrence order; pair_fids is built after
        // the labels are known.
        let mut mapped: Vec<(u32, u32)> = Vec::new();
        let mut seen: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
        for (fs, label) in labeled {
            let lid = *label_index.entry(label.as_str()).or_insert_with(|| {
                enc.labels.push(label.clone());
                enc.labels.len() as u32 - 1
            });
            for (name, value) in fs.iter() {
                let fid = match enc.fname_index.get(name) {
                    Some(&f) => f,
                    None => {
                        let f = enc.fnames.len() as u32;
                        enc.fnames.push(name.to_string());
                        enc.fname_index.insert(name.to_string(), f);
                        f
                    }
                };
                let key = value.key();
                let vid = match value_index.get(&key) {
                    Some(&v) => v,
                    None => {
                        let v = enc.values.len() as u32;
                        enc.values.push(value.clone());
                        value_index.insert(key.clone(), v);
                        v
                    }
                };
                let pid = match enc.pair_index.get(&(fid, key.clone())) {
                    Some(&p) => p,
                    None => {
                        let p = enc.pairs.len() as u32;
                        enc.pairs.push((fid, vid));
                        enc.pair_index.insert((fid, key), p);
                        p
                    }
                };
                if seen.insert((pid, lid)) {
                    mapped.push((pid, lid));
                }
            }
        }
        let nl = enc.labels.len();
        enc.pair_fids = vec![NONE; enc.pairs.len() * nl];
        for (i, &(p, l)) in mapped.iter().enumerate() {
            enc.pair_fids[p as usize * nl + l as usize] = i as u32;
        }
        enc.inv = mapped;
        if gis {
            enc.correction = Some(enc.fnames.len() as u64 + 1);
        }
        Ok(enc)
    }

    /// Rebuilds an encoding from saved parts, checking every id.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
        labels: Vec<String>,
        fnames: Vec<String>,
        values: Vec<FeatureValue>,
        pairs: Vec<(u32, u32)>,
        inv: Vec<(u32, u32)>,
        alwayson: bool,
        unseen: bool,
        correction: Option<u64>,
    ) -> Result<Self> {
        let bad = |m: &str| Error::Model(format!("maxent model: {m}"));
        if labels.is_empty() {
            return Err(bad("no labels"));
        }
        let mut fname_index = FxHashMap::default();
        for (i, f) in fnames.iter().enumerate() {
            if fname_index.insert(f.clone(), i as u32).is_some() {
                return Err(bad("a feature name is listed twice"));
            }
        }
        let mut pair_index = FxHashMap::default();
        for (i, &(f, v)) in pairs.iter().enumerate() {
            let value = values
                .get(v as usize)
                .ok_or_else(|| bad("a pair refers to an unknown value"))?;
            if f as usize >= fnames.len() {
                return Err(bad("a pair refers to an unknown feature name"));
            }
            if pair_index.insert((f, value.key()), i as u32).is_some() {
                return Err(bad("a pair is listed twice"));
            }
        }
        let nl = labels.len();
        let mut pair_fids = vec![NONE; pairs.len().saturating_mul(nl)];
        for (i, &(p, l)) in inv.iter().enumerate() {
            if l as usize >= nl || p as usize >= pairs.len() {
                return Err(bad("a joint-feature refers to an unknown pair or label"));
            }
            let slot = &mut pair_fids[p as usize * nl + l as usize];
            if *slot != NONE {
                return Err(bad("a joint-feature is listed twice"));
            }
            *slot = i as u32;
        }
        Ok(BinaryMaxentFeatureEncoding {
            labels,
            fnames,
            fname_index,
            values,
            pairs,
            pair_index,
            pair_fids,
            inv,
            alwayson,
            unseen,
            correction,
        })
    }

    /// The labels (in order of first occurrence in training).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of mapped `(name, value, label)` joint-features.
    fn mapped_len(&self) -> usize {
        self.inv.len()
    }

    /// NLTK's `BinaryMaxentFeatureEncoding.length()` (without GIS's
    /// correction feature).
    fn base_length(&self) -> usize {
        self.mapped_len()
            + if self.alwayson { self.labels.len() } else { 0 }
            + if self.unseen { self.fnames.len() } else { 0 }
    }

    /// The length of the joint-feature vectors (NLTK's `length()`).
    pub fn length(&self) -> usize {
        self.base_length() + self.correction.is_some() as usize
    }

    /// GIS's correction constant `C` (None for a plain binary encoding).
    pub fn correction_constant(&self) -> Option<u64> {
        self.correction
    }

    fn alwayson_fid(&self, label: usize) -> usize {
        self.mapped_len() + label
    }

    fn unseen_fid(&self, fname: u32) -> usize {
        self.mapped_len() + if self.alwayson { self.labels.len() } else { 0 } + fname as usize
    }

    /// The slots of a feature set, in its order.
    pub(crate) fn slots(&self, fs: &FeatureSet) -> Vec<Slot> {
        fs.iter()
            .map(|(name, value)| match self.fname_index.get(name) {
                None => Slot::Unknown,
                Some(&f) => match self.pair_index.get(&(f, value.key())) {
                    Some(&p) => Slot::Pair(p),
                    None => Slot::UnseenValue(f),
                },
            })
            .collect()
    }

    /// NLTK's `encode(featureset, label)` over slots, into `out` (cleared):
    /// (feature id, value) pairs in NLTK's order.
    ///
    /// # Errors
    /// GIS's "Correction feature is not high enough!" (NLTK's ValueError).
    pub(crate) fn encode_slots(
        &self,
        slots: &[Slot],
        label: usize,
        out: &mut Vec<(u32, i64)>,
    ) -> Result<()> {
        out.clear();
        let nl = self.labels.len();
        for &s in slots {
            match s {
                Slot::Pair(p) => {
                    let row = &self.pair_fids[p as usize * nl..(p as usize + 1) * nl];
                    if row[label] != NONE {
                        out.push((row[label], 1));
                    } else if self.unseen
                        && !self.fnames.is_empty()
                        && row.iter().all(|&f| f == NONE)
                    {
                        out.push((self.unseen_fid(self.pairs[p as usize].0) as u32, 1));
                    }
                }
                Slot::UnseenValue(f) => {
                    if self.unseen && !self.fnames.is_empty() {
                        out.push((self.unseen_fid(f) as u32, 1));
                    }
                }
                Slot::Unknown => {}
            }
        }
        if self.alwayson && label < nl {
            out.push((self.alwayson_fid(label) as u32, 1));
        }
        if let Some(c) = self.correction {
            let total: i64 = out.iter().map(|e| e.1).sum();
            if total as u64 >= c {
                return Err(Error::InvalidInput(
                    "Correction feature is not high enough! (NLTK's GISEncoding ValueError)".into(),
                ));
            }
            out.push((self.base_length() as u32, c as i64 - total));
        }
        Ok(())
    }

    /// NLTK's `encode(featureset, label)`: the (feature id, value) pairs
    /// of the joint-feature vector (empty for an unknown label).
    pub fn encode(&self, fs: &FeatureSet, label: &str) -> Vec<(u32, i64)> {
        let mut out = Vec::new();
        if let Some(l) = self.labels.iter().position(|x| x == label) {
            // a correction error leaves the vector as far as it got
            let _ = self.encode_slots(&self.slots(fs), l, &mut out);
        }
        out
    }

    /// NLTK's `describe(fid)`: `name=='value' and label is 'label'`,
    /// `label is 'x'`, `name is unseen`, `Correction feature (C)`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an id past the end (NLTK's "Bad feature
    /// id").
    pub fn describe(&self, fid: usize) -> Result<String> {
        let m = self.mapped_len();
        if let Some(&(p, l)) = self.inv.get(fid) {
            let (f, v) = self.pairs[p as usize];
            return Ok(format!(
                "{}=={} and label is {}",
                self.fnames[f as usize],
                self.values[v as usize].repr(),
                crate::util::py_repr(&self.labels[l as usize])
            ));
        }
        let mut at = m;
        if self.alwayson {
            if fid < at + self.labels.len() {
                return Ok(format!(
                    "label is {}",
                    crate::util::py_repr(&self.labels[fid - at])
                ));
            }
            at += self.labels.len();
        }
        if self.unseen {
            if fid < at + self.fnames.len() {
                return Ok(format!("{} is unseen", self.fnames[fid - at]));
            }
            at += self.fnames.len();
        }
        match self.correction {
            Some(c) if fid == at => Ok(format!("Correction feature ({c})")),
            _ => Err(Error::InvalidInput(format!("Bad feature id {fid}"))),
        }
    }
}
