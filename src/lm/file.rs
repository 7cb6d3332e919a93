//! nlkit's language model file format (version 1); NLTK pickles its
//! models instead.
//!
//! ```text
//! offset  size  content
//! 0       8     magic b"NLKITLM\0"
//! 8       4     format version, u32 little-endian (1)
//! 12      4     length N of the metadata, u32 little-endian
//! 16      N     metadata: UTF-8 JSON (LmModelMeta), readable with `head`
//! 16+N    …     body: zlib-compressed (with its Adler-32 checksum)
//!               postcard encoding of: order, estimator and its parameter,
//!               the vocabulary (unknown label, cutoff, words, counts) and
//!               per n-gram order the trie keys and counts
//! ```
//!
//! A loader refuses another magic or version (naming both), and a corrupt
//! or truncated file with a clear error, never a panic.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::counter::NgramCounter;
use super::models::{Estimator, LanguageModel};
use super::vocabulary::Vocabulary;
use crate::{Error, Result};

/// The language model file's first bytes.
pub const LM_MAGIC: &[u8; 8] = b"NLKITLM\0";
/// The language model format version this build reads and writes.
pub const LM_FORMAT_VERSION: u32 = 1;

const KIND: crate::util::container::Kind = crate::util::container::Kind {
    magic: LM_MAGIC,
    version: LM_FORMAT_VERSION,
    magic_name: "NLKITLM",
    noun: "language model",
};

const MAX_ORDER: usize = 64;

/// Readable metadata of a language model file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LmModelMeta {
    /// The estimator (NLTK's class name).
    pub estimator: String,
    /// The highest n-gram order.
    pub order: usize,
    /// The training data.
    pub training_data: String,
    /// Training sentences.
    pub sentences: u64,
    /// The nlkit version that wrote it.
    pub nlkit_version: String,
}

#[derive(Serialize, Deserialize)]
struct Body {
    order: u32,
    estimator: u8,
    param: f64,
    unk_label: String,
    cutoff: u64,
    words: Vec<String>,
    word_counts: Vec<u64>,
    levels: Vec<(Vec<u64>, Vec<u64>)>,
}

/// Encodes a model in nlkit's language model format.
///
/// # Errors
/// An encoding error (not expected).
///
/// # Example
/// ```
/// use nlkit::lm::{load_model, save_model, LanguageModel, LmModelMeta};
/// let mut lm = LanguageModel::laplace(2).unwrap();
/// lm.fit_text([["a", "b"]]).unwrap();
/// let bytes = save_model(&lm, &LmModelMeta::default()).unwrap();
/// let (back, _) = nlkit::lm::LanguageModel::from_bytes(&bytes).unwrap();
/// assert_eq!(back.score("b", &["a"]).unwrap(), lm.score("b", &["a"]).unwrap());
/// ```
pub fn save_model(lm: &LanguageModel, meta: &LmModelMeta) -> Result<Vec<u8>> {
    let (vocab, counts) = lm.parts();
    let (words, word_counts) = vocab.raw();
    let (estimator, param) = match lm.estimator() {
        Estimator::Mle => (0u8, 0.0),
        Estimator::Lidstone { gamma } => (1, gamma),
        Estimator::Laplace => (2, 1.0),
        Estimator::KneserNeyInterpolated { discount } => (3, discount),
        Estimator::WittenBellInterpolated => (4, 0.0),
        Estimator::AbsoluteDiscountingInterpolated { discount } => (5, discount),
    };
    let body = Body {
        order: lm.order() as u32,
        estimator,
        param,
        unk_label: vocab.unk_label().to_string(),
        cutoff: vocab.cutoff(),
        words: words.to_vec(),
        word_counts: word_counts.to_vec(),
        levels: counts
            .levels
            .iter()
            .map(|l| (l.keys.clone(), l.counts.clone()))
            .collect(),
    };
    let mut meta = meta.clone();
    meta.estimator = lm.estimator().name().to_string();
    meta.order = lm.order();
    let meta_json = serde_json::to_vec(&meta).map_err(|e| Error::Json {
        context: "language model metadata".into(),
        source: e,
    })?;
    let raw = postcard::to_stdvec(&body)
        .map_err(|e| Error::Model(format!("cannot encode language model: {e}")))?;
    crate::util::container::encode(&KIND, &meta_json, &raw)
}

impl LanguageModel {
    /// Reads a model written by [`save_model`].
    ///
    /// # Errors
    /// [`Error::Model`] for another magic, a truncated or corrupt file or
    /// inconsistent contents; [`Error::ModelVersion`] for another version.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Self, LmModelMeta)> {
        let bad = |m: &str| Error::Model(format!("not an nlkit language model: {m}"));
        let (meta_bytes, raw) = crate::util::container::decode(&KIND, bytes)?;
        let meta: LmModelMeta = serde_json::from_slice(meta_bytes)
            .map_err(|e| Error::Model(format!("language model metadata: {e}")))?;
        let body: Body = postcard::from_bytes(&raw)
            .map_err(|e| Error::Model(format!("language model body: {e}")))?;
        let order = body.order as usize;
        if order == 0 || order > MAX_ORDER || body.levels.len() > MAX_ORDER {
            return Err(bad("bad n-gram order"));
        }
        let estimator = match body.estimator {
            0 => Estimator::Mle,
            1 => Estimator::Lidstone { gamma: body.param },
            2 => Estimator::Laplace,
            3 => Estimator::KneserNeyInterpolated {
                discount: body.param,
            },
            4 => Estimator::WittenBellInterpolated,
            5 => Estimator::AbsoluteDiscountingInterpolated {
                discount: body.param,
            },
            _ => return Err(bad("unknown estimator")),
        };
        let words = body.words.len();
        let vocab =
            Vocabulary::from_raw(body.unk_label, body.cutoff, body.words, body.word_counts)?;
        let counts = NgramCounter::from_parts(body.levels, words)?;
        let lm = LanguageModel::from_parts(order, estimator, vocab, counts)
            .map_err(|e| Error::Model(format!("language model: {e}")))?;
        Ok((lm, meta))
    }

    /// Saves the model to `path` atomically ([`crate::io::write_atomic`]).
    ///
    /// # Errors
    /// The write error.
    pub fn save(&self, path: &Path, meta: &LmModelMeta) -> Result<()> {
        crate::io::write_atomic(path, &save_model(self, meta)?)
    }
}

/// Loads a language model file.
///
/// # Errors
/// The read error, or as [`LanguageModel::from_bytes`].
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("bad.lm");
/// std::fs::write(&p, b"NLKITLM\0\x01\0\0\0").unwrap();
/// assert!(nlkit::lm::load_model(&p).is_err());
/// ```
pub fn load_model(path: &Path) -> Result<(LanguageModel, LmModelMeta)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    LanguageModel::from_bytes(&bytes).map_err(|e| Error::Model(format!("{}: {e}", path.display())))
}
