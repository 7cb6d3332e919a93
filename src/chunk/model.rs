//! nlkit's chunker model file format (version 1) and the embedded default
//! English chunker.
//!
//! ```text
//! offset  size  content
//! 0       8     magic b"NLKITCHK"
//! 8       4     format version, u32 little-endian (1)
//! 12      4     length N of the metadata, u32 little-endian
//! 16      N     metadata: UTF-8 JSON (ChunkModelMeta), readable with `head`
//! 16+N    …     body: zlib-compressed postcard encoding of: chunk tags
//!               (sorted), beam width, weight scale S, feature hashes
//!               (sorted, delta-coded), per feature the number of its
//!               weights, their class ids, the weights × S as i32
//! ```
//!
//! A loader refuses another magic or version (naming both), and a corrupt
//! or truncated file with a clear error, never a panic.

use std::io::{Read, Write};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::perceptron::{PerceptronChunker, SparseWeights};
use crate::{Error, Result};

/// The chunker model file's first bytes.
pub const CHUNK_MAGIC: &[u8; 8] = b"NLKITCHK";
/// The chunker model format version this build reads and writes.
pub const CHUNK_FORMAT_VERSION: u32 = 1;
const SCALE: f32 = 1000.0;

static DEFAULT_BYTES: &[u8] = include_bytes!("../../corpora/models/en_conll2000_chunk.bin");

/// Readable metadata of a chunker model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChunkModelMeta {
    /// What the model is.
    pub description: String,
    /// The training data.
    pub training_data: String,
    /// Training iterations.
    pub iterations: u32,
    /// Beam width.
    pub beam: u32,
    /// Shuffle seed.
    pub seed: u64,
    /// The nlkit version that wrote it.
    pub nlkit_version: String,
}

#[derive(Serialize, Deserialize)]
struct Body {
    classes: Vec<String>,
    beam: u32,
    scale: f32,
    keys: Vec<u32>,
    counts: Vec<u8>,
    class_ids: Vec<u8>,
    weights: Vec<i32>,
    /// 0: no word clusters; else the FNV-1a fingerprint of the embedded
    /// `en_clusters.tsv` the model was trained with.
    clusters: u64,
}

/// Averaged weights to the stored precision (1/1000), dropping zeros.
pub(crate) fn quantize(avg: &[(u32, Vec<(u8, f32)>)]) -> SparseWeights {
    let mut w = SparseWeights::default();
    for (f, ws) in avg {
        let start = w.classes.len() as u32;
        for &(c, x) in ws {
            let q = (x * SCALE).round();
            if q != 0.0 && q.is_finite() {
                w.classes.push(c);
                w.weights.push(q / SCALE);
            }
        }
        let len = w.classes.len() as u32 - start;
        if len > 0 {
            w.index.insert(*f, (start, len));
        }
    }
    w
}

impl PerceptronChunker {
    /// Writes the model in nlkit's chunker model format.
    ///
    /// # Errors
    /// The write error.
    pub fn save(&self, out: &mut impl Write, meta: &ChunkModelMeta) -> Result<()> {
        let mut keys: Vec<u32> = self.weights.index.keys().copied().collect();
        keys.sort_unstable();
        let mut body = Body {
            classes: self.classes.clone(),
            beam: self.beam as u32,
            scale: SCALE,
            keys: Vec::with_capacity(keys.len()),
            counts: Vec::with_capacity(keys.len()),
            class_ids: Vec::new(),
            weights: Vec::new(),
            clusters: if self.use_clusters {
                super::perceptron::clusters_fingerprint()
            } else {
                0
            },
        };
        let mut prev = 0u32;
        for k in keys {
            body.keys.push(k - prev);
            prev = k;
            let (s, l) = self.weights.index[&k];
            let (s, e) = (s as usize, (s + l) as usize);
            body.counts.push(l as u8);
            body.class_ids
                .extend_from_slice(&self.weights.classes[s..e]);
            body.weights.extend(
                self.weights.weights[s..e]
                    .iter()
                    .map(|w| (w * SCALE).round() as i32),
            );
        }
        let meta_json = serde_json::to_vec(meta).map_err(|e| Error::Json {
            context: "chunker model metadata".into(),
            source: e,
        })?;
        let raw = postcard::to_stdvec(&body)
            .map_err(|e| Error::Model(format!("cannot encode chunker model: {e}")))?;
        out.write_all(CHUNK_MAGIC)?;
        out.write_all(&CHUNK_FORMAT_VERSION.to_le_bytes())?;
        out.write_all(&(meta_json.len() as u32).to_le_bytes())?;
        out.write_all(&meta_json)?;
        let mut enc = flate2::write::ZlibEncoder::new(out, flate2::Compression::best());
        enc.write_all(&raw)?;
        enc.finish()?;
        Ok(())
    }

    /// Reads a model written by [`PerceptronChunker::save`].
    ///
    /// # Errors
    /// [`Error::Model`] for another magic or version, a truncated or
    /// corrupt file, or inconsistent contents.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Self, ChunkModelMeta)> {
        let bad = |m: &str| Error::Model(format!("not an nlkit chunker model: {m}"));
        if bytes.len() < 16 || &bytes[..8] != CHUNK_MAGIC {
            return Err(bad("wrong magic (expected NLKITCHK)"));
        }
        let u32_at = |o: usize| -> u32 {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[o..o + 4]);
            u32::from_le_bytes(b)
        };
        let version = u32_at(8);
        if version != CHUNK_FORMAT_VERSION {
            return Err(Error::Model(format!(
                "chunker model format version {version}; this nlkit reads version {CHUNK_FORMAT_VERSION}"
            )));
        }
        let n = u32_at(12) as usize;
        let meta_bytes = bytes
            .get(16..16usize.saturating_add(n))
            .ok_or_else(|| bad("truncated metadata"))?;
        let meta: ChunkModelMeta = serde_json::from_slice(meta_bytes)
            .map_err(|e| Error::Model(format!("chunker model metadata: {e}")))?;
        let compressed = &bytes[16 + n..];
        let cap = compressed.len().saturating_mul(64) + (1 << 20);
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(compressed)
            .take(cap as u64 + 1)
            .read_to_end(&mut raw)
            .map_err(|e| Error::Model(format!("chunker model body: {e}")))?;
        if raw.len() > cap {
            return Err(bad("body inflates beyond 64x"));
        }
        let body: Body = postcard::from_bytes(&raw)
            .map_err(|e| Error::Model(format!("chunker model body: {e}")))?;
        if body.classes.is_empty() || body.classes.len() > 255 {
            return Err(bad("bad number of chunk tags"));
        }
        if body.keys.len() != body.counts.len()
            || body.class_ids.len() != body.weights.len()
            || body.counts.iter().map(|&c| c as usize).sum::<usize>() != body.weights.len()
            || body
                .class_ids
                .iter()
                .any(|&c| c as usize >= body.classes.len())
            || !(body.scale.is_finite() && body.scale > 0.0)
        {
            return Err(bad("inconsistent weight tables"));
        }
        if body.clusters != 0 && body.clusters != super::perceptron::clusters_fingerprint() {
            return Err(bad(
                "trained with other word clusters than this build embeds",
            ));
        }
        let mut w = SparseWeights {
            index: Default::default(),
            classes: body.class_ids,
            weights: body
                .weights
                .iter()
                .map(|&x| x as f32 / body.scale)
                .collect(),
        };
        let mut key = 0u32;
        let mut start = 0u32;
        for (d, &c) in body.keys.iter().zip(&body.counts) {
            key = key.wrapping_add(*d);
            w.index.insert(key, (start, c as u32));
            start += c as u32;
        }
        Ok((
            PerceptronChunker {
                classes: body.classes,
                beam: (body.beam as usize).clamp(1, 64),
                weights: w,
                use_clusters: body.clusters != 0,
            },
            meta,
        ))
    }
}

/// Loads a chunker model file.
///
/// # Errors
/// The read error, or as [`PerceptronChunker::from_bytes`].
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("bad.bin");
/// std::fs::write(&p, b"NLKITCHK\x01\0\0\0").unwrap();
/// assert!(nlkit::chunk::load_chunker(&p).is_err());
/// ```
pub fn load_chunker(path: &std::path::Path) -> Result<PerceptronChunker> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    PerceptronChunker::from_bytes(&bytes)
        .map(|(c, _)| c)
        .map_err(|e| Error::Model(format!("{}: {e}", path.display())))
}

/// The embedded English chunker: an averaged perceptron for all CoNLL-2000
/// chunk types, trained on CoNLL-2000 train (see `corpora/models/README.md`).
///
/// # Errors
/// Only if the embedded model were corrupt.
///
/// # Example
/// ```
/// use nlkit::chunk::{default_chunker, Chunker};
/// let c = default_chunker().unwrap();
/// let t = c.parse(&[("The", "DT"), ("cat", "NN"), ("sat", "VBD"), ("down", "RP")]).unwrap();
/// assert_eq!(t.to_string(), "(S (NP The/DT cat/NN) (VP sat/VBD) (PRT down/RP))");
/// ```
pub fn default_chunker() -> Result<&'static PerceptronChunker> {
    static CELL: OnceLock<std::result::Result<PerceptronChunker, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        PerceptronChunker::from_bytes(DEFAULT_BYTES)
            .map(|(c, _)| c)
            .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| Error::Model(format!("embedded chunker: {e}")))
}
