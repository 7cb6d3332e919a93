//! Part-of-speech tagging, as in NLTK's `nltk.tag`.
//!
//! * [`Tagger`]: the one trait of the tagging stage (NLTK's `TaggerI`):
//!   one tag per token of a sentence.
//! * [`PerceptronTagger`]: NLTK's averaged perceptron. It loads NLTK's own
//!   English model ([`PerceptronTagger::load_nltk`]) and then tags exactly as
//!   `nltk.pos_tag`; it trains with NLTK's algorithm and saves to nlkit's
//!   versioned model format ([`model`]).
//! * [`default_english_xpos`] / [`default_english_upos`]: nlkit's own default
//!   English models (Penn Treebank tags and Universal POS tags), trained by
//!   nlkit on UD English-EWT and compiled into the binary, so tagging needs
//!   no download.
//! * [`ContextTagger`]: the XPOS perceptron stacked with a pretrained
//!   transformer [`crate::neural::Encoder`] (all-MiniLM-L6-v2) under a small
//!   trained head ([`ContextHead`], embedded): more accurate than the
//!   perceptrons on UD English-EWT, and much slower (`nlkit tag --encoder`).
//! * [`classic`]: NLTK's classic taggers (n-gram backoff chains, HMM,
//!   Brill, …), saveable with [`classic::ClassicTagger`];
//!   [`load_model`] loads a model file of any kind.
//! * [`map_tag`]: NLTK's `map_tag` from Penn Treebank tags to the universal
//!   tagset of Petrov, Das & McDonald (the `universal_tagset` package).
//!
//! Differences from NLTK are listed in `docs/differences.md` (Taggers).
//!
//! # Example
//! ```
//! use nlkit::tag::{default_english_xpos, Tagger};
//! let tagger = default_english_xpos().unwrap();
//! let tags = tagger.tag(&["The", "cat", "sat", "on", "the", "mat", "."]);
//! assert_eq!(tags, ["DT", "NN", "VBD", "IN", "DT", "NN", "."]);
//! ```

use std::sync::OnceLock;

mod any;
pub mod classic;
mod clusters;
#[cfg(feature = "neural")]
mod context;
#[cfg(feature = "neural")]
mod context_train;
mod eval;
mod features;
mod fxhash;
mod mapping;
pub mod model;
mod perceptron;
mod pyunicode;
mod tagged_file;
mod templates;

pub use any::{AnyTagger, TaggerSource};
pub use clusters::{ClusterIds, WordClusters, MAX_CLUSTERS};
#[cfg(feature = "neural")]
pub use context::{capitalisation, ContextHead, ContextTagger, HEAD_FORMAT, HEAD_VERSION};
#[cfg(feature = "neural")]
pub use context_train::{train_context_head, train_english_context_head, ContextTrainConfig};
pub use eval::{evaluate, Evaluation};

pub use features::{normalize, FeatureSet};
pub use mapping::{map_tag, TagsetMapping};
pub use model::ModelMeta;
pub use perceptron::{nltk_model_files, PerceptronTagger, TrainConfig, END, START};
pub use tagged_file::read_tagged;

use crate::{Error, Result};

/// A part-of-speech tagger: one stage of the pipeline (NLTK's `TaggerI`).
///
/// `tag` returns one tag per token, in order; the tags borrow from the
/// tagger (they are the names of its tagset).
///
/// # Example
/// ```
/// use nlkit::tag::{Tagger, default_english_upos};
/// let t = default_english_upos().unwrap();
/// assert_eq!(t.tag(&["I", "run"]), ["PRON", "VERB"]);
/// ```
pub trait Tagger: Send + Sync {
    /// Tags one sentence of tokens.
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str>;

    /// Tags several sentences (NLTK's `tag_sents`).
    fn tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Vec<Vec<&'t str>> {
        sentences.iter().map(|s| self.tag(s)).collect()
    }

    /// The tagger as an averaged perceptron, when it is one (the pipeline
    /// then hands a stacked model the tags of its first stage when it has
    /// them already).
    ///
    /// # Example
    /// ```
    /// use nlkit::tag::{default_english_upos, default_english_xpos, Tagger};
    /// let upos: &dyn Tagger = default_english_upos().unwrap();
    /// let first = upos.as_perceptron().and_then(|p| p.first_stage()).unwrap();
    /// assert!(std::ptr::eq(first, default_english_xpos().unwrap()));
    /// ```
    fn as_perceptron(&self) -> Option<&PerceptronTagger> {
        None
    }
}

/// A tagger that can fail: the tagging stage of the pipeline, of `nlkit
/// tag` and of [`evaluate`]. Every [`Tagger`] is one (it never fails);
/// neural taggers such as [`ContextTagger`] implement only this trait, so
/// an encoder error reaches the caller as an `Err`, never as empty or
/// made-up tags.
///
/// # Example
/// ```
/// use nlkit::tag::{default_english_xpos, TryTagger};
/// let t = default_english_xpos().unwrap();
/// let tags = t.try_tag_sents(&[vec!["Cats", "sleep", "."]]).unwrap();
/// assert_eq!(tags, [["NNS", "VBP", "."]]);
/// ```
pub trait TryTagger: Send + Sync {
    /// Tags several sentences.
    ///
    /// # Errors
    /// Whatever the model reports (e.g. [`Error::Model`] from an encoder).
    fn try_tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<&'t str>>>;

    /// Tags one sentence.
    ///
    /// # Errors
    /// As [`TryTagger::try_tag_sents`].
    fn try_tag<'t>(&'t self, tokens: &[&str]) -> Result<Vec<&'t str>> {
        let mut out = self.try_tag_sents(&[tokens.to_vec()])?;
        Ok(out.pop().unwrap_or_default())
    }
}

impl<T: Tagger + ?Sized> TryTagger for T {
    fn try_tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<&'t str>>> {
        Ok(self.tag_sents(sentences))
    }

    fn try_tag<'t>(&'t self, tokens: &[&str]) -> Result<Vec<&'t str>> {
        Ok(self.tag(tokens))
    }
}

impl<T: Tagger + ?Sized> Tagger for &T {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        (**self).tag(tokens)
    }

    fn as_perceptron(&self) -> Option<&PerceptronTagger> {
        (**self).as_perceptron()
    }
}

/// A tagger loaded from an nlkit model file of any kind
/// ([`load_model`]).
pub enum LoadedModel {
    /// An averaged perceptron.
    Perceptron(PerceptronTagger),
    /// A classic tagger (n-gram chain, HMM, Brill, …).
    Classic(classic::ClassicTagger),
}

impl LoadedModel {
    /// Whether `word` is known to the model (seen in training).
    pub fn knows(&self, word: &str) -> bool {
        match self {
            LoadedModel::Perceptron(t) => t.knows(word),
            LoadedModel::Classic(t) => t.knows(word),
        }
    }

    /// The model's metadata.
    pub fn meta(&self) -> &ModelMeta {
        match self {
            LoadedModel::Perceptron(t) => t.meta(),
            LoadedModel::Classic(t) => t.meta(),
        }
    }
}

impl Tagger for LoadedModel {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        match self {
            LoadedModel::Perceptron(t) => t.tag(tokens),
            LoadedModel::Classic(t) => t.tag(tokens),
        }
    }

    fn as_perceptron(&self) -> Option<&PerceptronTagger> {
        match self {
            LoadedModel::Perceptron(t) => Some(t),
            LoadedModel::Classic(_) => None,
        }
    }
}

/// Decodes an nlkit tagger model of any kind (the metadata's `kind`
/// decides: perceptron or classic).
///
/// # Errors
/// [`Error::Model`] for bytes that are not an nlkit tagger model, of
/// another format version, of an unknown kind, corrupt or truncated.
pub fn model_from_bytes(bytes: &[u8]) -> Result<LoadedModel> {
    let meta = model::read_meta(bytes)?;
    if model::is_perceptron(&meta.kind) {
        Ok(LoadedModel::Perceptron(PerceptronTagger::from_bytes(
            bytes,
        )?))
    } else if classic::ClassicModel::is_kind(&meta.kind) {
        Ok(LoadedModel::Classic(classic::ClassicTagger::from_bytes(
            bytes,
        )?))
    } else {
        Err(Error::Model(format!(
            "unknown tagger model kind `{}` (this nlkit reads perceptron, default, regexp, ngram, affix, hmm, brill)",
            meta.kind
        )))
    }
}

/// Loads an nlkit tagger model file of any kind.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Model`], naming the
/// file, as [`model_from_bytes`].
///
/// # Example
/// ```
/// use nlkit::tag::{load_model, Tagger};
/// use nlkit::tag::classic::ClassicTagger;
/// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
/// let train = vec![s(&[("the", "DT"), ("dog", "NN"), ("runs", "VBZ")])];
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("hmm.bin");
/// ClassicTagger::train_hmm(&train, Default::default()).unwrap().save(&path).unwrap();
/// let t = load_model(&path).unwrap();
/// assert_eq!(t.tag(&["the", "dog", "runs"]), ["DT", "NN", "VBZ"]);
/// ```
pub fn load_model(path: &std::path::Path) -> Result<LoadedModel> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    model_from_bytes(&bytes).map_err(|e| match e {
        Error::Model(m) => Error::Model(format!("{}: {m}", path.display())),
        e => e,
    })
}

static XPOS_BYTES: &[u8] = include_bytes!("../../corpora/models/en_ewt_xpos.bin");
static UPOS_BYTES: &[u8] = include_bytes!("../../corpora/models/en_ewt_upos.bin");
// their bodies, inflated and packed when nlkit is built (build.rs; see
// `perceptron/image.rs`): the tagger reads their weights and feature index
// in place, where inflating (a quarter of `nlkit tag`'s start-up), decoding
// and indexing them was nearly all of that start-up
static XPOS_PACK: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/en_ewt_xpos.pack"
)));
static UPOS_PACK: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/en_ewt_upos.pack"
)));

/// Bytes aligned to 8, so that the packed images' arrays of `u32` and
/// `u64` are read in place (`bytemuck` checks the alignment).
#[repr(C, align(8))]
struct Aligned<T: ?Sized>(T);

type Embedded = OnceLock<std::result::Result<std::sync::Arc<PerceptronTagger>, String>>;

/// Decodes an embedded model once; a stacked model's first stage is the
/// embedded XPOS model when it is that model (as nlkit's UPOS model's is),
/// so the two share it.
fn embedded(
    cell: &'static Embedded,
    (bytes, image): (&'static [u8], &'static [u8]),
    name: &str,
) -> Result<&'static std::sync::Arc<PerceptronTagger>> {
    cell.get_or_init(|| {
        let xpos_body = model::body_bytes(XPOS_BYTES);
        let resolve = |first: &[u8]| match (model::body_bytes(first), xpos_body) {
            (Some(a), Some(b)) if a == b && !std::ptr::eq(bytes, XPOS_BYTES) => {
                embedded_xpos().ok().cloned()
            }
            _ => None,
        };
        model::decode_packed(bytes, image, &resolve)
            .map(std::sync::Arc::new)
            .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| Error::Model(format!("embedded model {name}: {e}")))
}

fn embedded_xpos() -> Result<&'static std::sync::Arc<PerceptronTagger>> {
    static CELL: Embedded = OnceLock::new();
    embedded(&CELL, (XPOS_BYTES, &XPOS_PACK.0), "en_ewt_xpos")
}

/// nlkit's default English tagger for Penn Treebank tags (UD English-EWT
/// XPOS), compiled into the binary and decoded once, on first use.
///
/// # Errors
/// [`Error::Model`] only if the embedded model is defective (a build bug).
///
/// # Example
/// ```
/// use nlkit::tag::Tagger;
/// let t = nlkit::tag::default_english_xpos().unwrap();
/// assert_eq!(t.tag(&["They", "bark", "."]), ["PRP", "VBP", "."]);
/// ```
pub fn default_english_xpos() -> Result<&'static PerceptronTagger> {
    embedded_xpos().map(|t| &**t)
}

/// nlkit's default English tagger for Universal POS tags (UD English-EWT
/// UPOS), compiled into the binary and decoded once, on first use. It is
/// stacked ([`FeatureSet::Stacked`]): it reads the tags of
/// [`default_english_xpos`], which it shares.
///
/// # Errors
/// [`Error::Model`] only if the embedded model is defective (a build bug).
pub fn default_english_upos() -> Result<&'static PerceptronTagger> {
    static CELL: Embedded = OnceLock::new();
    embedded(&CELL, (UPOS_BYTES, &UPOS_PACK.0), "en_ewt_upos").map(|t| &**t)
}

/// Reads word/TAG training data: one sentence per line, tokens separated by
/// whitespace, each token `word/TAG` split at its **last** `/` (so `1/2/CD`
/// is the word `1/2` tagged `CD`), as NLTK's `str2tuple`.
///
/// # Errors
/// [`Error::Format`] (file and line) for a token with no `/`, an empty word
/// or an empty tag.
///
/// # Example
/// ```
/// let s = nlkit::tag::parse_word_tag_line("The/DT 1/2/CD", "mem", 1).unwrap();
/// assert_eq!(s[1], ("1/2".to_string(), "CD".to_string()));
/// ```
pub fn parse_word_tag_line(
    line: &str,
    file: &str,
    line_no: usize,
) -> Result<Vec<(String, String)>> {
    let mut toks = Vec::new();
    split_word_tag_line(line, file, line_no, &mut toks)?;
    Ok(toks
        .into_iter()
        .map(|(w, t)| (w.to_string(), t.to_string()))
        .collect())
}

/// [`parse_word_tag_line`] without copies: appends the line's
/// `(word, tag)` pairs, borrowed from `line`, to `out` (a buffer the caller
/// reuses). ASCII lines are split byte by byte, others at Python's
/// whitespace characters; the result is the same.
///
/// # Errors
/// As [`parse_word_tag_line`]; `out` then holds the tokens before the bad one.
///
/// # Example
/// ```
/// let mut toks = Vec::new();
/// nlkit::tag::split_word_tag_line("The/DT 1/2/CD", "mem", 1, &mut toks).unwrap();
/// assert_eq!(toks, [("The", "DT"), ("1/2", "CD")]);
/// assert!(nlkit::tag::split_word_tag_line("cat", "mem", 2, &mut toks).is_err());
/// ```
pub fn split_word_tag_line<'a>(
    line: &'a str,
    file: &str,
    line_no: usize,
    out: &mut Vec<(&'a str, &'a str)>,
) -> Result<()> {
    let mut push = |tok: &'a str| match memchr::memrchr(b'/', tok.as_bytes())
        .and_then(|k| Some((tok.get(..k)?, tok.get(k + 1..)?)))
    {
        Some((w, t)) if !w.is_empty() && !t.is_empty() => {
            out.push((w, t));
            Ok(())
        }
        _ => Err(Error::format(
            file,
            line_no,
            format!("token `{tok}` is not word/TAG"),
        )),
    };
    if line.is_ascii() {
        // Python's ASCII whitespace: \t \n \v \f \r, \x1c-\x1f and space.
        let ws = |b: u8| matches!(b, b'\t'..=b'\r' | 0x1c..=0x20);
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && ws(b[i]) {
                i += 1;
            }
            let start = i;
            while i < b.len() && !ws(b[i]) {
                i += 1;
            }
            if i > start {
                // ASCII, so every byte offset is a char boundary
                push(line.get(start..i).unwrap_or_default())?;
            }
        }
        return Ok(());
    }
    for tok in line
        .split(crate::tokenize::is_py_whitespace)
        .filter(|t| !t.is_empty())
    {
        push(tok)?;
    }
    Ok(())
}

#[cfg(test)]
mod embedded_tests {
    use super::*;

    /// The images that build.rs packed hold exactly the tables that the
    /// library builds from the embedded model files at run time (the
    /// feature names, row starts, entries, weights, dense rows, index and
    /// its filter), and the models tag and save as the files' do.
    #[test]
    fn packed_images_are_the_embedded_models() {
        let pairs = [
            (XPOS_BYTES, default_english_xpos().unwrap()),
            (UPOS_BYTES, default_english_upos().unwrap()),
        ];
        for (bytes, embedded) in pairs {
            let from_file = PerceptronTagger::from_bytes(bytes).unwrap();
            let (f, e) = (&from_file, embedded);
            assert!(matches!(f.features.text, std::borrow::Cow::Owned(_)));
            assert!(matches!(e.features.text, std::borrow::Cow::Borrowed(_)));
            assert!(matches!(e.index.parts().0.len(), n if n > 1000));
            assert!(f.features.text == e.features.text);
            assert!(f.features.ends == e.features.ends);
            assert!(f.row_start == e.row_start);
            assert!(f.entries == e.entries);
            assert!(f.values == e.values);
            assert!(f.dense == e.dense);
            assert!(f.index.parts() == e.index.parts());
            assert_eq!(f.classes, e.classes);
            assert_eq!(f.tagdict, e.tagdict);
            assert_eq!(f.feature_set, e.feature_set);
            assert_eq!(f.meta, e.meta);
            // (a stacked model's first stage is the shared embedded XPOS
            // model, whose metadata is the XPOS file's, not the copy's in
            // the UPOS file, so only the XPOS model saves byte for byte)
            if std::ptr::eq(bytes, XPOS_BYTES) {
                assert_eq!(f.to_bytes().unwrap(), e.to_bytes().unwrap());
            }
            let words = ["They", "bark", "at", "the", "mail-man", "."];
            assert_eq!(f.tag(&words), e.tag(&words));
        }
    }

    /// A packed image is refused, not misread, when it is cut short or not
    /// an image.
    #[test]
    fn broken_images_are_refused() {
        let image: &'static [u8] = &XPOS_PACK.0;
        assert!(perceptron::PackedTable::from_image(image).is_some());
        for cut in [0, 7, 16, image.len() / 2, image.len() - 1] {
            assert!(perceptron::PackedTable::from_image(&image[..cut]).is_none());
        }
        let e = model::decode_packed(XPOS_BYTES, XPOS_BYTES, &|_| None).unwrap_err();
        assert!(e.to_string().contains("packed image"), "{e}");
    }
}
