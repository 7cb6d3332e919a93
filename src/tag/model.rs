//! nlkit's tagger model file format (version 3; versions 1 and 2 are read
//! too).
//!
//! ```text
//! offset  size  content
//! 0       8     magic  b"NLKITTAG"
//! 8       4     format version, u32 little-endian (this code writes 3,
//!               reads 1 to 3)
//! 12      4     length N of the metadata, u32 little-endian
//! 16      N     metadata: UTF-8 JSON (ModelMeta: description, tagset,
//!               training data, licence, accuracy, …), readable with `head`
//! 16+N    …     body: zlib-compressed (with its Adler-32 checksum) postcard
//!               encoding, whose type the metadata's `kind` names.
//! ```
//!
//! `kind` is `perceptron` (or absent, in files written before the field
//! existed) for the averaged perceptron, whose body is: feature set, classes
//! (sorted), tag dictionary (word, class id), weight scale S, features
//! (sorted) and for each feature its (class id, weight × S as i32) pairs,
//! then (versions 2 and 3) the word clusters of the `clusters` and `stacked`
//! feature sets (word, three cluster numbers; empty for the other sets), then
//! (version 3) the first stage of a `stacked` model: absent, or a whole
//! perceptron model file of this format (itself not stacked) as bytes. The classic taggers
//! (`default`, `regexp`, `ngram`, `affix`, `hmm`, `brill`: the top of the
//! backoff chain) store a [`crate::tag::classic::ClassicModel`] and their
//! training vocabulary (see [`crate::tag::classic::ClassicTagger`]);
//! [`crate::tag::load_model`] reads any kind.
//!
//! Weights are stored as integers in thousandths (S = 1000). NLTK rounds
//! averaged weights to three decimals, so this is lossless for NLTK's own
//! models and for ours: `i as f64 / 1000.0` is the same `f64` as Python's
//! `round(w, 3)`. A loader refuses any other magic or version with a
//! message naming both versions, and a corrupt or truncated file with a
//! clear error, never a panic.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::clusters::{ClusterIds, WordClusters};
use super::features::FeatureSet;
use super::perceptron::{FxMap, PackedTable, PerceptronTagger, TableBuilder};
use crate::{Error, Result};

/// The file's first bytes.
pub const MAGIC: &[u8; 8] = b"NLKITTAG";
/// The format version this build writes.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format version this build reads.
pub const MIN_FORMAT_VERSION: u32 = 1;
const SCALE: f64 = 1000.0;

/// Descriptive metadata stored in the model file's readable header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelMeta {
    /// The kind of model, naming the body's type: `perceptron` (also when
    /// empty) or a classic tagger (`default`, `regexp`, `ngram`, `affix`,
    /// `hmm`, `brill`).
    pub kind: String,
    /// Free text: what the model is.
    pub description: String,
    /// The tagset (e.g. `ptb` for XPOS of English, `ud` for UPOS).
    pub tagset: String,
    /// The training data.
    pub training_data: String,
    /// Licence of the model (inherited from the training data).
    pub license: String,
    /// Training iterations.
    pub iterations: u32,
    /// Shuffling seed.
    pub seed: u64,
    /// Number of training tokens.
    pub train_tokens: u64,
    /// Accuracy on the development set, when measured (percent).
    pub dev_accuracy: Option<f64>,
    /// The nlkit version that wrote the model.
    pub nlkit_version: String,
}

/// The perceptron body of format version 3: the weights, the word
/// clusters, then the first stage of a stacked model (a model file).
/// postcard writes a nested struct's fields in place, so this is a version 2
/// body followed by the first stage.
#[derive(Serialize, Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    v2: BodyV2<'a>,
    first: Option<Vec<u8>>,
}

/// [`Body`] as decoded: the first stage's bytes borrowed, not copied
/// (postcard writes a `Vec<u8>` as its length and the bytes, which it reads
/// back as a byte slice).
#[derive(Deserialize)]
struct BodyRef<'a> {
    #[serde(borrow)]
    v2: BodyV2<'a>,
    #[serde(borrow)]
    first: Option<&'a [u8]>,
}

/// Finds an already loaded first stage for the first-stage model file
/// given (see [`decode_packed`]).
pub(crate) type FirstStageResolver<'r> =
    &'r (dyn Fn(&[u8]) -> Option<std::sync::Arc<PerceptronTagger>> + Sync);

/// The perceptron body of format version 2: the weights, then the word
/// clusters.
#[derive(Serialize, Deserialize)]
struct BodyV2<'a> {
    #[serde(borrow)]
    weights: Weights<'a>,
    clusters: Vec<(String, ClusterIds)>,
}

/// The perceptron's weights: the whole body in format version 1. postcard
/// writes a nested struct's fields in place, so a version 2 body is a
/// version 1 body followed by the clusters.
/// The feature names are borrowed from the decompressed body when read.
#[derive(Serialize, Deserialize)]
struct Weights<'a> {
    feature_set: FeatureSet,
    classes: Vec<String>,
    tagdict: Vec<(String, u16)>,
    scale: u32,
    #[serde(borrow)]
    features: Vec<&'a str>,
    rows: Rows,
}

/// The weight rows, one per feature: on the wire a sequence of rows, each
/// a sequence of `(class id, weight in thousandths)` (what postcard writes
/// for `Vec<Vec<(u16, i32)>>`), read into one flat list: a few allocations
/// where a `Vec` per row made loading slow.
#[derive(Debug, Default, PartialEq)]
struct Rows {
    /// Where each row ends in `pairs`.
    ends: Vec<usize>,
    pairs: Vec<(u16, i32)>,
}

impl Rows {
    fn iter(&self) -> impl Iterator<Item = &[(u16, i32)]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(a, &b)| self.pairs.get(a..b).unwrap_or(&[]))
    }
}

impl Serialize for Rows {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.ends.len()))?;
        for row in self.iter() {
            seq.serialize_element(row)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Rows {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct AllRows;
        impl<'de> serde::de::Visitor<'de> for AllRows {
            type Value = Rows;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sequence of weight rows")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut rows: A,
            ) -> std::result::Result<Rows, A::Error> {
                let mut out = Rows::default();
                // the length comes from the file: reserve no more than a
                // sane amount up front
                out.ends.reserve(rows.size_hint().unwrap_or(0).min(1 << 20));
                // room for every pair the body can hold, reserved but not
                // touched: growing by doubling copied the rows and touched
                // twice their memory (fresh pages are costly)
                out.pairs.reserve(PAIRS_HINT.get());
                while rows.next_element_seed(OneRow(&mut out.pairs))?.is_some() {
                    out.ends.push(out.pairs.len());
                }
                Ok(out)
            }
        }
        /// Appends one row's pairs to the flat list.
        struct OneRow<'a>(&'a mut Vec<(u16, i32)>);
        impl<'de> serde::de::DeserializeSeed<'de> for OneRow<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> std::result::Result<(), D::Error> {
                d.deserialize_seq(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for OneRow<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a weight row")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut row: A,
            ) -> std::result::Result<(), A::Error> {
                while let Some(pair) = row.next_element::<(u16, i32)>()? {
                    self.0.push(pair);
                }
                Ok(())
            }
        }
        d.deserialize_seq(AllRows)
    }
}

thread_local! {
    /// The most weight pairs the body being decoded on this thread can hold
    /// (set by [`decode_body`]; [`Rows`] reserves that many).
    static PAIRS_HINT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::Model(format!("corrupt or truncated nlkit tagger model: {what}"))
}

/// Encodes a tagger.
pub(crate) fn encode(t: &PerceptronTagger) -> Result<Vec<u8>> {
    let mut tagdict: Vec<(String, u16)> =
        t.tagdict.iter().map(|(w, &c)| (w.to_string(), c)).collect();
    tagdict.sort();
    let feats: Vec<(&str, u32)> = t.features.sorted().collect();
    let mut rows = Rows::default();
    for (f, r) in &feats {
        let r = *r as usize;
        let (a, b) = (t.row_start[r] as usize, t.row_start[r + 1] as usize);
        for (c, w) in t.row(a, b) {
            let q = (w * SCALE).round();
            if q / SCALE != w || q.abs() > i32::MAX as f64 {
                return Err(Error::Model(format!(
                    "weight {w} of feature `{f}` is not a multiple of 0.001; \
                     nlkit's model format stores NLTK-style rounded weights only"
                )));
            }
            rows.pairs.push((c, q as i32));
        }
        rows.ends.push(rows.pairs.len());
    }
    let first = match &t.first {
        Some(f) => Some(encode(f)?),
        None => None,
    };
    let v2 = BodyV2 {
        weights: Weights {
            feature_set: t.feature_set,
            classes: t.classes.iter().map(|c| c.to_string()).collect(),
            tagdict,
            scale: SCALE as u32,
            features: feats.iter().map(|(f, _)| *f).collect(),
            rows,
        },
        clusters: t.clusters().map(WordClusters::to_pairs).unwrap_or_default(),
    };
    let body = Body { v2, first };
    let mut meta = t.meta.clone();
    meta.kind = PERCEPTRON.to_string();
    let raw =
        postcard::to_stdvec(&body).map_err(|e| Error::Model(format!("encoding model: {e}")))?;
    write_container(meta, &raw)
}

/// The `kind` of perceptron models.
pub const PERCEPTRON: &str = "perceptron";

/// Writes the container: magic, version, metadata (with `nlkit_version`
/// filled in when empty) and the compressed body `raw`.
pub(crate) fn write_container(mut meta: ModelMeta, raw: &[u8]) -> Result<Vec<u8>> {
    if meta.nlkit_version.is_empty() {
        meta.nlkit_version = env!("CARGO_PKG_VERSION").to_string();
    }
    let meta_json = serde_json::to_vec(&meta).map_err(|e| Error::Json {
        context: "encoding model metadata".into(),
        source: e,
    })?;
    let mut out = Vec::with_capacity(raw.len() / 3 + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(meta_json.len() as u32).to_le_bytes());
    out.extend_from_slice(&meta_json);
    let mut enc = flate2::write::ZlibEncoder::new(out, flate2::Compression::best());
    enc.write_all(raw)?;
    Ok(enc.finish()?)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

/// Reads only the header of a model: its format version and metadata.
///
/// # Errors
/// [`Error::Model`] when the bytes are not an nlkit tagger model of this
/// format version.
pub fn read_meta(bytes: &[u8]) -> Result<ModelMeta> {
    Ok(header(bytes)?.0)
}

/// The metadata, where the body starts, and the format version.
fn header(bytes: &[u8]) -> Result<(ModelMeta, usize, u32)> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(Error::Model(
            "not an nlkit tagger model (bad magic; NLTK's JSON models are loaded with --nltk-model DIR)"
                .into(),
        ));
    }
    let version = u32_at(bytes, 8).ok_or_else(|| corrupt("header ends early"))?;
    if !(MIN_FORMAT_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(Error::ModelVersion {
            what: "tagger model",
            found: version,
            min: MIN_FORMAT_VERSION,
            max: FORMAT_VERSION,
        });
    }
    let n = u32_at(bytes, 12).ok_or_else(|| corrupt("header ends early"))? as usize;
    let meta_bytes = bytes
        .get(16..16usize.saturating_add(n))
        .ok_or_else(|| corrupt("metadata ends early"))?;
    let meta: ModelMeta =
        serde_json::from_slice(meta_bytes).map_err(|e| corrupt(format!("metadata: {e}")))?;
    Ok((meta, 16 + n, version))
}

/// Reads the container: the metadata and the decompressed body.
pub(crate) fn read_container(bytes: &[u8]) -> Result<(ModelMeta, Vec<u8>)> {
    let (meta, raw, _) = read_versioned(bytes)?;
    Ok((meta, raw))
}

/// As [`read_container`], with the format version.
fn read_versioned(bytes: &[u8]) -> Result<(ModelMeta, Vec<u8>, u32)> {
    let (meta, at, version) = header(bytes)?;
    // models compress to about 40 %: room for the body, without regrowing
    let body = bytes.get(at..).unwrap_or(&[]);
    let mut raw = Vec::with_capacity(bytes.len().saturating_mul(3));
    // A crafted zlib stream inflates up to ~1000x (a 4 MB file to 4 GB);
    // models written by nlkit inflate 2-3x, so a body beyond the cap is
    // refused before it can exhaust memory.
    let cap = max_body_len(body.len());
    flate2::read::ZlibDecoder::new(body)
        .take(cap.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|e| corrupt(format!("body: {e}")))?;
    if raw.len() as u64 > cap {
        return Err(corrupt(format!(
            "body inflates to more than {cap} bytes ({} compressed): not a model nlkit wrote",
            body.len()
        )));
    }
    Ok((meta, raw, version))
}

/// The most bytes a compressed body of `compressed` bytes may inflate to:
/// 64 times (nlkit's models inflate 2-3 times) plus 1 MiB for tiny models.
fn max_body_len(compressed: usize) -> u64 {
    (compressed as u64)
        .saturating_mul(64)
        .saturating_add(1 << 20)
}

/// Whether a model kind is the perceptron's.
pub(crate) fn is_perceptron(kind: &str) -> bool {
    kind.is_empty() || kind == PERCEPTRON
}

/// Decodes a tagger.
pub(crate) fn decode(bytes: &[u8]) -> Result<PerceptronTagger> {
    decode_stage(bytes, true, &|_| None)
}

/// The body of a model file (after its header), for comparing models.
pub(crate) fn body_bytes(bytes: &[u8]) -> Option<&[u8]> {
    let (_, at, _) = header(bytes).ok()?;
    bytes.get(at..)
}

/// Decodes a tagger, with a first stage only where `may_stack` (a first
/// stage's own file may not nest another, so decoding never recurses
/// deeper).
fn decode_stage(
    bytes: &[u8],
    may_stack: bool,
    resolve: FirstStageResolver,
) -> Result<PerceptronTagger> {
    let (meta, raw, version) = read_versioned(bytes)?;
    decode_body(meta, &raw, version, may_stack, resolve, None)
}

/// Decodes a tagger from a model file's header (`bytes`) and the image
/// that build.rs packed of its body (nlkit's embedded models, see
/// `src/tag/perceptron/image.rs`): the weights, their index and the
/// feature names are borrowed from the image as they are; only the rest
/// of the body (classes, tag dictionary, clusters, first stage) is decoded.
/// A stacked model's first stage is what `resolve` returns for the first
/// stage's file, or else decoded from it (on another thread, while this
/// model's own parts are).
pub(crate) fn decode_packed(
    bytes: &[u8],
    image: &'static [u8],
    resolve: FirstStageResolver,
) -> Result<PerceptronTagger> {
    let (meta, _, version) = header(bytes)?;
    let (rest, table) = PackedTable::from_image(image).ok_or_else(|| corrupt("packed image"))?;
    decode_body(meta, rest, version, true, resolve, Some(table))
}

/// Decodes the inflated body `raw` of a model file of `version`; with
/// `packed`, the weights are that table (and `raw` has none).
fn decode_body(
    meta: ModelMeta,
    raw: &[u8],
    version: u32,
    may_stack: bool,
    resolve: FirstStageResolver,
    packed: Option<PackedTable>,
) -> Result<PerceptronTagger> {
    if !is_perceptron(&meta.kind) {
        return Err(Error::Model(format!(
            "this is a `{}` tagger model, not a perceptron model (load it with nlkit::tag::load_model)",
            meta.kind
        )));
    }
    let body_err = |e: postcard::Error| corrupt(format!("body: {e}"));
    // a pair takes at least two bytes (two varints); at most 2^26 reserved
    PAIRS_HINT.set((raw.len() / 2).min(1 << 26));
    /// Clears the hint however decoding ends.
    struct ClearHint;
    impl Drop for ClearHint {
        fn drop(&mut self) {
            PAIRS_HINT.set(0);
        }
    }
    let _clear = ClearHint;
    let BodyRef {
        v2: BodyV2 {
            weights: body,
            clusters,
        },
        first,
    } = match version {
        1 => BodyRef {
            v2: BodyV2 {
                weights: postcard::from_bytes(raw).map_err(body_err)?,
                clusters: Vec::new(),
            },
            first: None,
        },
        2 => BodyRef {
            v2: postcard::from_bytes(raw).map_err(body_err)?,
            first: None,
        },
        _ => postcard::from_bytes(raw).map_err(body_err)?,
    };
    if first.is_some() && !may_stack {
        return Err(corrupt(
            "the first stage of a stacked model is itself stacked",
        ));
    }
    std::thread::scope(|scope| {
        let first = first.map(|f| {
            scope.spawn(move || match resolve(f) {
                Some(t) => Ok(t),
                None => decode_stage(f, false, &|_| None).map(std::sync::Arc::new),
            })
        });
        let own = decode_weights(body, clusters);
        let first = match first {
            None => None,
            Some(h) => Some(
                h.join()
                    .map_err(|_| Error::Model("decoding the first stage failed".into()))?
                    .map_err(|e| Error::Model(format!("first stage of a stacked model: {e}")))?,
            ),
        };
        let (classes, tagdict, tb, feature_set, clusters) = own?;
        let clusters = clusters.map(std::sync::Arc::new);
        let mut t = match packed {
            Some(table) => {
                PerceptronTagger::from_packed(classes, tagdict, table, feature_set, clusters, first)
            }
            None => {
                PerceptronTagger::from_table(classes, tagdict, tb, feature_set, clusters, first)
            }
        }
        .map_err(corrupt)?;
        t.meta = meta;
        Ok(t)
    })
}

/// A model's own parts, decoded and checked, for [`PerceptronTagger::from_table`].
type OwnParts = (
    Vec<Box<str>>,
    FxMap<Box<str>, u16>,
    TableBuilder,
    FeatureSet,
    Option<WordClusters>,
);

/// Checks and converts the weights and clusters of a body.
fn decode_weights(body: Weights<'_>, clusters: Vec<(String, ClusterIds)>) -> Result<OwnParts> {
    let clusters = if clusters.is_empty() {
        None
    } else {
        Some(WordClusters::from_pairs(clusters)?)
    };
    let n_classes = body.classes.len();
    if n_classes == 0 || body.features.len() != body.rows.ends.len() || body.scale == 0 {
        return Err(corrupt("inconsistent body"));
    }
    if body.classes.windows(2).any(|w| w[0] >= w[1]) {
        return Err(corrupt("classes not sorted"));
    }
    let mut tagdict: FxMap<Box<str>, u16> = FxMap::default();
    tagdict.reserve(body.tagdict.len());
    for (w, c) in body.tagdict {
        if c as usize >= n_classes {
            return Err(corrupt("tag dictionary class out of range"));
        }
        tagdict.insert(w.into_boxed_str(), c);
    }
    let scale = f64::from(body.scale);
    if body
        .rows
        .pairs
        .iter()
        .any(|&(c, _)| c as usize >= n_classes)
    {
        return Err(corrupt("weight class out of range"));
    }
    let tb = if body.scale == SCALE as u32 {
        // the weights are thousandths already: the builder takes them as
        // they are, without a copy
        TableBuilder::from_rows(&body.features, &body.rows.ends, body.rows.pairs)
    } else {
        let mut tb = TableBuilder::with_capacity(body.features.len(), body.rows.pairs.len());
        for (f, row) in body.features.iter().zip(body.rows.iter()) {
            tb.push_row(f, row.iter().map(|&(c, q)| (c, f64::from(q) / scale)));
        }
        tb
    };
    Ok((
        body.classes
            .into_iter()
            .map(String::into_boxed_str)
            .collect(),
        tagdict,
        tb,
        body.feature_set,
        clusters,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::{Tagger, TrainConfig};

    /// Models written in format version 1 (before word clusters) still load
    /// and tag as before.
    #[test]
    fn version_1_models_still_load() {
        let sents: Vec<Vec<(String, String)>> = vec![vec![
            ("the".into(), "DT".into()),
            ("dog".into(), "NN".into()),
        ]];
        let t = PerceptronTagger::train(&sents, &TrainConfig::default()).unwrap();
        let (meta, raw) = read_container(&t.to_bytes().unwrap()).unwrap();
        let b: Body = postcard::from_bytes(&raw).unwrap();
        assert!(b.v2.clusters.is_empty() && b.first.is_none());
        let v1 = postcard::to_stdvec(&b.v2.weights).unwrap();
        let mut bytes = write_container(meta, &v1).unwrap();
        bytes[8..12].copy_from_slice(&1u32.to_le_bytes());
        let back = decode(&bytes).unwrap();
        assert_eq!(back.tag(&["the", "dog"]), t.tag(&["the", "dog"]));
        assert!(back.clusters().is_none());
    }

    /// [`Rows`] reads and writes what postcard writes for a `Vec` of rows.
    #[test]
    fn rows_keep_the_wire_format_of_nested_vecs() {
        let nested: Vec<Vec<(u16, i32)>> = vec![vec![(1, -5), (3, 70000)], vec![], vec![(0, 1)]];
        let bytes = postcard::to_stdvec(&nested).unwrap();
        let rows: Rows = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(rows.ends, [2, 2, 3]);
        assert_eq!(rows.iter().map(<[_]>::to_vec).collect::<Vec<_>>(), nested);
        assert_eq!(postcard::to_stdvec(&rows).unwrap(), bytes);
        assert!(postcard::from_bytes::<Rows>(&bytes[..bytes.len() - 1]).is_err());
    }

    /// A stacked model whose first stage is corrupt, or itself stacked, is
    /// refused with a clear error (decoding never nests deeper).
    #[test]
    fn bad_first_stages_are_refused() {
        let s = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(w, t)| (w.to_string(), t.to_string()))
                .collect()
        };
        let xpos = vec![s(&[("the", "DT"), ("dog", "NN")]); 2];
        let upos = vec![s(&[("the", "DET"), ("dog", "NOUN")]); 2];
        let clusters = std::sync::Arc::new(WordClusters::from_tsv("dog\t1\t2\t3\n").unwrap());
        let first = TrainConfig {
            feature_set: FeatureSet::Clusters,
            clusters: Some(clusters),
            ..TrainConfig::default()
        };
        let cfg = TrainConfig {
            feature_set: FeatureSet::Stacked,
            ..first.clone()
        };
        let t = PerceptronTagger::train_stacked(&xpos, &upos, &first, &cfg, 2).unwrap();
        let bytes = t.to_bytes().unwrap();
        let with_first = |f: Vec<u8>| {
            let (meta, raw) = read_container(&bytes).unwrap();
            let mut b: Body = postcard::from_bytes(&raw).unwrap();
            b.first = Some(f);
            write_container(meta, &postcard::to_stdvec(&b).unwrap()).unwrap()
        };
        let e = decode(&with_first(bytes.clone())).unwrap_err().to_string();
        assert!(e.contains("itself stacked"), "{e}");
        let inner = encode(t.first_stage().unwrap()).unwrap();
        let e = decode(&with_first(inner[..inner.len() - 5].to_vec()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("first stage") && e.contains("truncated"), "{e}");
        assert!(decode(&with_first(inner)).is_ok());
    }
}
