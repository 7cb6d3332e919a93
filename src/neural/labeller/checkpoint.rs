//! The labeller's checkpoint: a folder with `model.safetensors` (the
//! weights, f32) and `config.json`:
//!
//! ```json
//! {"format": "nlkit-sequence-labeller", "version": 1,
//!  "config": {...hyper-parameters...}, "words": [...], "chars": [...],
//!  "labels": [...], "info": {...task, training data, licence, dev score...},
//!  "weights_fnv1a64": "…"}
//! ```
//!
//! Version 2 adds extra input columns: `config.features` (name and width of
//! each) and `"features": [[...], ...]`, one vocabulary per column. A model
//! without them is written as version 1, byte for byte as before, so older
//! nlkit releases still read it; version 2 files are refused by them with
//! a version error instead of being misread.
//!
//! Loading checks, in this order, and fails with a typed error: the format
//! name ([`Error::Model`]), the version ([`Error::ModelVersion`]), the
//! weights' checksum (a corrupt or truncated file, or the weights of
//! another model: [`Error::Model`]), and every tensor's shape against the
//! vocabularies, the label set and the hyper-parameters
//! ([`Error::ModelMismatch`]).

use std::path::Path;

use candle_core::Device;
use serde::{Deserialize, Serialize};

use super::model::{Net, Params, Source};
use super::{LabellerConfig, ModelInfo, SequenceLabeller, Vocab};
use crate::io::write_atomic;
use crate::{Error, Result};

/// The format name in `config.json`.
pub const FORMAT: &str = "nlkit-sequence-labeller";
/// The newest checkpoint version this nlkit writes and reads (1 for models
/// without extra feature columns, 2 for models with them; both are read).
pub const VERSION: u32 = 2;

const WEIGHTS: &str = "model.safetensors";
const CONFIG: &str = "config.json";

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    config: LabellerConfig,
    words: Vec<String>,
    chars: Vec<String>,
    labels: Vec<String>,
    /// One vocabulary per extra feature column (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    features: Vec<Vec<String>>,
    info: ModelInfo,
    weights_fnv1a64: String,
}

/// The checksum `config.json` records for a weights file: FNV-1a (64
/// bits) in hex. It catches a corrupt, truncated or swapped weights file,
/// not an adversary.
///
/// # Example
/// ```
/// assert_eq!(nlkit::neural::labeller::weights_checksum(b""), "cbf29ce484222325");
/// ```
pub fn weights_checksum(bytes: &[u8]) -> String {
    fnv1a64(bytes)
}

fn fnv1a64(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl SequenceLabeller {
    /// Writes the checkpoint folder `dir` (created if needed; both files
    /// are replaced atomically).
    ///
    /// # Errors
    /// [`Error::Io`] when the folder or a file cannot be written.
    pub fn save(&self, dir: &Path) -> Result<()> {
        write(
            dir,
            &self.net.config,
            [&self.words, &self.chars, &self.labels],
            &self.feats,
            &self.info,
            &self.net_vars(),
        )
    }

    /// Reads the checkpoint folder `dir` onto `device`.
    ///
    /// # Errors
    /// [`Error::Io`] for a missing file; [`Error::Json`] for a config that
    /// is not JSON; [`Error::Model`] for another format or corrupt weights;
    /// [`Error::ModelVersion`] for an unsupported version;
    /// [`Error::ModelMismatch`] when the vocabularies, label set or
    /// hyper-parameters do not fit the weights.
    pub fn load(dir: &Path, device: &Device) -> Result<Self> {
        let cpath = dir.join(CONFIG);
        let json = std::fs::read(&cpath).map_err(|e| Error::io(&cpath, e))?;
        let wpath = dir.join(WEIGHTS);
        let bytes = std::fs::read(&wpath).map_err(|e| Error::io(&wpath, e))?;
        Self::from_bytes(&json, &bytes, dir, device)
    }

    /// Reads a checkpoint from the bytes of its `config.json` and
    /// `model.safetensors`; `dir` names them in errors.
    ///
    /// # Errors
    /// As [`SequenceLabeller::load`], except I/O.
    ///
    /// # Example
    /// ```
    /// use nlkit::neural::labeller::SequenceLabeller;
    /// let e = SequenceLabeller::from_bytes(b"{}", b"", "m".as_ref(), &candle_core::Device::Cpu);
    /// assert!(e.unwrap_err().to_string().contains("not an nlkit sequence labeller"));
    /// ```
    pub fn from_bytes(json: &[u8], bytes: &[u8], dir: &Path, device: &Device) -> Result<Self> {
        let cpath = dir.join(CONFIG);
        let wpath = dir.join(WEIGHTS);
        let (header, version): (Header, u32) =
            read_header(json, &cpath, FORMAT, "sequence labeller", 1..=VERSION)?;
        if fnv1a64(bytes) != header.weights_fnv1a64 {
            return Err(Error::Model(format!(
                "{}: corrupt or truncated weights, or weights of another model (checksum differs from {})",
                wpath.display(),
                cpath.display()
            )));
        }
        let tensors = candle_core::safetensors::load_buffer(bytes, &Device::Cpu)
            .map_err(|e| Error::Model(format!("{}: corrupt weights: {e}", wpath.display())))?;
        let words = Vocab::from_items(header.words)?;
        let chars = Vocab::from_items(header.chars)?;
        let labels = Vocab::from_items(header.labels)?;
        if version == 1 && !(header.features.is_empty() && header.config.features.is_empty()) {
            return Err(Error::ModelMismatch {
                file: cpath,
                part: "feature vocabulary",
                message: "a version 1 checkpoint has no feature columns".into(),
            });
        }
        if header.features.len() != header.config.features.len() {
            return Err(Error::ModelMismatch {
                file: cpath,
                part: "feature vocabulary",
                message: format!(
                    "{} feature columns configured but {} vocabularies",
                    header.config.features.len(),
                    header.features.len()
                ),
            });
        }
        let feats: Vec<Vocab> = header
            .features
            .into_iter()
            .map(Vocab::from_items)
            .collect::<Result<_>>()?;
        let feat_sizes: Vec<usize> = feats.iter().map(Vocab::len).collect();
        if labels.is_empty() {
            return Err(Error::ModelMismatch {
                file: cpath,
                part: "label set",
                message: "no labels".into(),
            });
        }
        let mut params = Params::new(Source::Loaded(tensors, wpath.display().to_string()), device);
        let net = Net::new(
            &header.config,
            words.len(),
            chars.len(),
            &feat_sizes,
            labels.len(),
            &mut params,
        )?;
        SequenceLabeller::from_parts(net, words, chars, feats, labels, header.info, device)
    }
}

/// Reads the JSON header of a versioned model folder (`path` names it in
/// errors): its `format` must be `format` and its `version` within
/// `versions`; returns the header and its version.
///
/// # Errors
/// [`Error::Json`] for text that is not JSON or not such a header;
/// [`Error::Model`] for another format; [`Error::ModelVersion`] for a
/// version out of range.
pub(crate) fn read_header<T: serde::de::DeserializeOwned>(
    json: &[u8],
    path: &Path,
    format: &str,
    what: &'static str,
    versions: std::ops::RangeInclusive<u32>,
) -> Result<(T, u32)> {
    let json_err = |e| Error::Json {
        context: path.display().to_string(),
        source: e,
    };
    let value: serde_json::Value = serde_json::from_slice(json).map_err(json_err)?;
    if value.get("format").and_then(|v| v.as_str()) != Some(format) {
        return Err(Error::Model(format!(
            "{}: not an nlkit {what} (format must be `{format}`)",
            path.display()
        )));
    }
    let found = value
        .get("version")
        .and_then(|v| v.as_u64())
        .map_or(0, |v| u32::try_from(v).unwrap_or(u32::MAX));
    if !versions.contains(&found) {
        return Err(Error::ModelVersion {
            what,
            found,
            min: *versions.start(),
            max: *versions.end(),
        });
    }
    Ok((serde_json::from_value(value).map_err(json_err)?, found))
}

/// Writes a checkpoint folder from its parts (also used by training to
/// keep the best epoch's weights on disk as it goes).
pub(crate) fn write(
    dir: &Path,
    config: &LabellerConfig,
    [words, chars, labels]: [&Vocab; 3],
    feats: &[Vocab],
    info: &ModelInfo,
    named: &[(String, candle_core::Tensor)],
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tensors: Vec<(String, candle_core::Tensor)> = named
        .iter()
        .map(|(n, t)| t.to_device(&Device::Cpu).map(|t| (n.clone(), t)))
        .collect::<candle_core::Result<_>>()
        .map_err(crate::neural::candle_err("saving weights"))?;
    let views: Vec<(&str, &candle_core::Tensor)> =
        tensors.iter().map(|(n, t)| (n.as_str(), t)).collect();
    let bytes = safetensors::serialize(views, None)
        .map_err(|e| Error::Model(format!("saving weights: {e}")))?;
    let header = Header {
        format: FORMAT.into(),
        version: if feats.is_empty() { 1 } else { VERSION },
        config: config.clone(),
        words: words.items().to_vec(),
        chars: chars.items().to_vec(),
        labels: labels.items().to_vec(),
        features: feats.iter().map(|v| v.items().to_vec()).collect(),
        info: info.clone(),
        weights_fnv1a64: fnv1a64(&bytes),
    };
    let json = serde_json::to_vec_pretty(&header).map_err(|e| Error::Json {
        context: "model config".into(),
        source: e,
    })?;
    write_atomic(&dir.join(WEIGHTS), &bytes)?;
    write_atomic(&dir.join(CONFIG), &json)
}
