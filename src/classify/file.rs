//! nlkit's classifier model file format (version 1); NLTK pickles its
//! classifiers instead.
//!
//! ```text
//! offset  size  content
//! 0       8     magic b"NLKITCLS"
//! 8       4     format version, u32 little-endian (1)
//! 12      4     length N of the metadata, u32 little-endian
//! 16      N     metadata: UTF-8 JSON ({"algorithm": ..., ...})
//! 16+N    …     body: zlib-compressed (with its Adler-32 checksum)
//!               postcard encoding of the classifier; its kind is the
//!               metadata's "algorithm":
//!               NaiveBayes: labels and their counts, feature names,
//!               values, per (label, name) the value counts, per name the
//!               number of values;
//!               Maxent: the encoding (labels, feature names, values,
//!               (name, value) pairs, the joint-features as (pair, label),
//!               the unseen/always-on options, GIS's C) and the weights;
//!               DecisionTree: the labels, feature names, values and the
//!               nodes (label, feature, decisions, default)
//! ```
//!
//! Another magic or version, a truncated or corrupt file: a clear error,
//! never a panic.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::decisiontree::DecisionTreeClassifier;
use super::maxent::MaxentClassifier;
use super::maxent_encoding::BinaryMaxentFeatureEncoding;
use super::naivebayes::{Dist, NaiveBayesClassifier};
use super::value::{FeatureSet, FeatureValue};
use super::{ClassifierI, LabelProbDist};
use crate::{Error, Result};

/// The classifier model file's first bytes.
pub const CLASSIFY_MAGIC: &[u8; 8] = b"NLKITCLS";
/// The classifier model format version this build reads and writes.
pub const CLASSIFY_FORMAT_VERSION: u32 = 1;

const KIND: crate::util::container::Kind = crate::util::container::Kind {
    magic: CLASSIFY_MAGIC,
    version: CLASSIFY_FORMAT_VERSION,
    magic_name: "NLKITCLS",
    noun: "classifier model",
};

#[derive(Serialize, Deserialize)]
enum StoredValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Serialize, Deserialize)]
struct Body {
    labels: Vec<String>,
    label_counts: Vec<u64>,
    fnames: Vec<String>,
    values: Vec<StoredValue>,
    dists: Vec<Vec<(u32, u64, u32)>>,
    dist_order: Vec<u32>,
    bins: Vec<u64>,
}

#[derive(Serialize, Deserialize)]
struct MaxentBody {
    labels: Vec<String>,
    fnames: Vec<String>,
    values: Vec<StoredValue>,
    pairs: Vec<(u32, u32)>,
    joint: Vec<(u32, u32)>,
    alwayson: bool,
    unseen: bool,
    correction: Option<u64>,
    weights: Vec<f64>,
}

#[derive(Serialize, Deserialize)]
struct TreeBody {
    labels: Vec<String>,
    fnames: Vec<String>,
    values: Vec<StoredValue>,
    /// (label, feature, [(value form, child)], default child)
    nodes: Vec<super::decisiontree::StoredNode>,
}

fn store(v: &FeatureValue) -> StoredValue {
    match v {
        FeatureValue::None => StoredValue::None,
        FeatureValue::Bool(b) => StoredValue::Bool(*b),
        FeatureValue::Int(i) => StoredValue::Int(*i),
        FeatureValue::Float(f) => StoredValue::Float(*f),
        FeatureValue::Str(s) => StoredValue::Str(s.clone()),
    }
}

fn unstore(v: StoredValue) -> FeatureValue {
    match v {
        StoredValue::None => FeatureValue::None,
        StoredValue::Bool(b) => FeatureValue::Bool(b),
        StoredValue::Int(i) => FeatureValue::Int(i),
        StoredValue::Float(f) => FeatureValue::Float(f),
        StoredValue::Str(s) => FeatureValue::Str(s),
    }
}

fn encode_file(algorithm: &str, examples: u64, raw: &[u8]) -> Result<Vec<u8>> {
    let meta = Meta {
        algorithm: algorithm.into(),
        examples,
        nlkit_version: env!("CARGO_PKG_VERSION").into(),
    };
    let meta_json = serde_json::to_vec(&meta).map_err(|e| Error::Json {
        context: "classifier metadata".into(),
        source: e,
    })?;
    crate::util::container::encode(&KIND, &meta_json, raw)
}

fn postcard_bytes<T: Serialize>(body: &T) -> Result<Vec<u8>> {
    postcard::to_stdvec(body).map_err(|e| Error::Model(format!("cannot encode classifier: {e}")))
}

/// A classifier read from a model file: any of the kinds nlkit trains.
///
/// # Example
/// ```
/// use nlkit::classify::{Classifier, ClassifierI, FeatureSet, MaxentAlgorithm, MaxentClassifier, MaxentOptions};
/// let fs = FeatureSet::from_iter([("f", true)]);
/// let train = vec![(fs.clone(), "x".to_string())];
/// let me = MaxentClassifier::train(&train, MaxentAlgorithm::Iis, &MaxentOptions::default()).unwrap();
/// let c = Classifier::from_bytes(&Classifier::Maxent(me).to_bytes().unwrap()).unwrap();
/// assert_eq!(c.classify(&fs).unwrap(), "x");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Classifier {
    /// NLTK's `NaiveBayesClassifier`.
    NaiveBayes(NaiveBayesClassifier),
    /// NLTK's `MaxentClassifier`.
    Maxent(MaxentClassifier),
    /// NLTK's `DecisionTreeClassifier`.
    DecisionTree(DecisionTreeClassifier),
}

impl Classifier {
    /// Encodes the classifier in nlkit's classifier format.
    ///
    /// # Errors
    /// An encoding error (not expected).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        match self {
            Classifier::NaiveBayes(nb) => save_classifier(nb),
            Classifier::Maxent(me) => {
                let e = &me.encoding;
                let body = MaxentBody {
                    labels: e.labels.clone(),
                    fnames: e.fnames.clone(),
                    values: e.values.iter().map(store).collect(),
                    pairs: e.pairs.clone(),
                    joint: e.inv.clone(),
                    alwayson: e.alwayson,
                    unseen: e.unseen,
                    correction: e.correction,
                    weights: me.weights.clone(),
                };
                let algo = if e.correction.is_some() {
                    "Maxent-GIS"
                } else {
                    "Maxent-IIS"
                };
                encode_file(algo, 0, &postcard_bytes(&body)?)
            }
            Classifier::DecisionTree(dt) => {
                let body = TreeBody {
                    labels: dt.labels.clone(),
                    fnames: dt.fnames.clone(),
                    values: dt.values.iter().map(store).collect(),
                    nodes: dt
                        .nodes
                        .iter()
                        .map(|n| {
                            (
                                n.label,
                                n.fname,
                                n.decisions.iter().map(|d| (d.1, d.2)).collect(),
                                n.default,
                            )
                        })
                        .collect(),
                };
                encode_file("DecisionTree", 0, &postcard_bytes(&body)?)
            }
        }
    }

    /// Reads a classifier of any kind written by [`Classifier::to_bytes`]
    /// or [`save_classifier`].
    ///
    /// # Errors
    /// [`Error::Model`] for another magic, an unknown kind, a truncated or
    /// corrupt file or inconsistent contents; [`Error::ModelVersion`] for
    /// another version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (meta_bytes, raw) = crate::util::container::decode(&KIND, bytes)?;
        let meta: Meta = serde_json::from_slice(meta_bytes)
            .map_err(|e| Error::Model(format!("classifier metadata: {e}")))?;
        match meta.algorithm.as_str() {
            "NaiveBayes" => Ok(Classifier::NaiveBayes(NaiveBayesClassifier::from_bytes(
                bytes,
            )?)),
            "Maxent-GIS" | "Maxent-IIS" => {
                let b: MaxentBody = postcard::from_bytes(&raw)
                    .map_err(|e| Error::Model(format!("classifier body: {e}")))?;
                if (meta.algorithm == "Maxent-GIS") != b.correction.is_some() {
                    return Err(Error::Model("maxent model: GIS without C".into()));
                }
                let enc = BinaryMaxentFeatureEncoding::from_parts(
                    b.labels,
                    b.fnames,
                    b.values.into_iter().map(unstore).collect(),
                    b.pairs,
                    b.joint,
                    b.alwayson,
                    b.unseen,
                    b.correction,
                )?;
                if b.weights.len() != enc.length() {
                    return Err(Error::Model(
                        "maxent model: weights do not match the encoding".into(),
                    ));
                }
                Ok(Classifier::Maxent(MaxentClassifier {
                    encoding: enc,
                    weights: b.weights,
                }))
            }
            "DecisionTree" => {
                let b: TreeBody = postcard::from_bytes(&raw)
                    .map_err(|e| Error::Model(format!("classifier body: {e}")))?;
                Ok(Classifier::DecisionTree(
                    DecisionTreeClassifier::from_parts(
                        b.labels,
                        b.fnames,
                        b.values.into_iter().map(unstore).collect(),
                        b.nodes,
                    )?,
                ))
            }
            other => Err(Error::Model(format!(
                "not an nlkit classifier model: unknown algorithm `{other}`"
            ))),
        }
    }

    /// Saves the classifier to `path` atomically ([`crate::io::write_atomic`]).
    ///
    /// # Errors
    /// The write error.
    pub fn save(&self, path: &Path) -> Result<()> {
        crate::io::write_atomic(path, &self.to_bytes()?)
    }

    /// The text of the classifier's `show_most_informative_features(n)`
    /// (a decision tree: its `pretty_format(depth=n)`).
    pub fn show_most_informative_features(&self, n: usize) -> String {
        match self {
            Classifier::NaiveBayes(nb) => nb.show_most_informative_features(n),
            Classifier::Maxent(me) => me.show_most_informative_features(n, super::ShowWeights::All),
            Classifier::DecisionTree(dt) => dt.pretty_format(70, n),
        }
    }
}

impl ClassifierI for Classifier {
    fn labels(&self) -> &[String] {
        match self {
            Classifier::NaiveBayes(c) => c.labels(),
            Classifier::Maxent(c) => c.labels(),
            Classifier::DecisionTree(c) => c.labels(),
        }
    }

    fn prob_classify(&self, featureset: &FeatureSet) -> Result<LabelProbDist> {
        match self {
            Classifier::NaiveBayes(c) => c.prob_classify(featureset),
            Classifier::Maxent(c) => c.prob_classify(featureset),
            Classifier::DecisionTree(c) => c.prob_classify(featureset),
        }
    }

    fn classify(&self, featureset: &FeatureSet) -> Result<String> {
        match self {
            Classifier::NaiveBayes(c) => c.classify(featureset),
            Classifier::Maxent(c) => c.classify(featureset),
            Classifier::DecisionTree(c) => c.classify(featureset),
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct Meta {
    algorithm: String,
    examples: u64,
    nlkit_version: String,
}

/// Encodes a naive Bayes classifier in nlkit's classifier format.
///
/// # Errors
/// An encoding error (not expected).
///
/// # Example
/// ```
/// use nlkit::classify::{save_classifier, ClassifierI, FeatureSet, NaiveBayesClassifier};
/// let fs = FeatureSet::from_iter([("f", true)]);
/// let nb = NaiveBayesClassifier::train(&[(fs.clone(), "x".to_string())]).unwrap();
/// let bytes = save_classifier(&nb).unwrap();
/// let back = NaiveBayesClassifier::from_bytes(&bytes).unwrap();
/// assert_eq!(back.classify(&fs).unwrap(), "x");
/// ```
pub fn save_classifier(nb: &NaiveBayesClassifier) -> Result<Vec<u8>> {
    let body = Body {
        labels: nb.labels.clone(),
        label_counts: nb.label_counts.clone(),
        fnames: nb.fnames.clone(),
        values: nb
            .values
            .iter()
            .map(|v| match v {
                FeatureValue::None => StoredValue::None,
                FeatureValue::Bool(b) => StoredValue::Bool(*b),
                FeatureValue::Int(i) => StoredValue::Int(*i),
                FeatureValue::Float(f) => StoredValue::Float(*f),
                FeatureValue::Str(s) => StoredValue::Str(s.clone()),
            })
            .collect(),
        dists: nb.dists.iter().map(|d| d.counts.clone()).collect(),
        dist_order: nb.dist_order.clone(),
        bins: nb.bins.clone(),
    };
    let meta = Meta {
        algorithm: "NaiveBayes".into(),
        examples: nb.label_counts.iter().sum(),
        nlkit_version: env!("CARGO_PKG_VERSION").into(),
    };
    let meta_json = serde_json::to_vec(&meta).map_err(|e| Error::Json {
        context: "classifier metadata".into(),
        source: e,
    })?;
    let raw = postcard::to_stdvec(&body)
        .map_err(|e| Error::Model(format!("cannot encode classifier: {e}")))?;
    crate::util::container::encode(&KIND, &meta_json, &raw)
}

impl NaiveBayesClassifier {
    /// Reads a classifier written by [`save_classifier`].
    ///
    /// # Errors
    /// [`Error::Model`] for another magic, a truncated or corrupt file or
    /// inconsistent contents; [`Error::ModelVersion`] for another version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let bad = |m: &str| Error::Model(format!("not an nlkit classifier model: {m}"));
        let (meta_bytes, raw) = crate::util::container::decode(&KIND, bytes)?;
        let meta: Meta = serde_json::from_slice(meta_bytes)
            .map_err(|e| Error::Model(format!("classifier metadata: {e}")))?;
        if meta.algorithm != "NaiveBayes" {
            return Err(bad(&format!("unknown algorithm `{}`", meta.algorithm)));
        }
        let body: Body = postcard::from_bytes(&raw)
            .map_err(|e| Error::Model(format!("classifier body: {e}")))?;
        let values = body
            .values
            .into_iter()
            .map(|v| match v {
                StoredValue::None => FeatureValue::None,
                StoredValue::Bool(b) => FeatureValue::Bool(b),
                StoredValue::Int(i) => FeatureValue::Int(i),
                StoredValue::Float(f) => FeatureValue::Float(f),
                StoredValue::Str(s) => FeatureValue::Str(s),
            })
            .collect();
        let dists = body
            .dists
            .into_iter()
            .map(|counts| {
                let n = counts
                    .iter()
                    .fold(0u64, |a, &(_, c, _)| a.saturating_add(c));
                Dist { counts, n }
            })
            .collect();
        NaiveBayesClassifier::from_parts(
            body.labels,
            body.label_counts,
            body.fnames,
            values,
            dists,
            body.dist_order,
            body.bins,
        )
    }

    /// Saves the classifier to `path` atomically ([`crate::io::write_atomic`]).
    ///
    /// # Errors
    /// The write error.
    pub fn save(&self, path: &Path) -> Result<()> {
        crate::io::write_atomic(path, &save_classifier(self)?)
    }
}

/// Loads a classifier model file (any kind).
///
/// # Errors
/// The read error, or as [`Classifier::from_bytes`].
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("bad.cls");
/// std::fs::write(&p, b"NLKITCLS").unwrap();
/// assert!(nlkit::classify::load_classifier(&p).is_err());
/// ```
pub fn load_classifier(path: &Path) -> Result<Classifier> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Classifier::from_bytes(&bytes).map_err(|e| Error::Model(format!("{}: {e}", path.display())))
}
