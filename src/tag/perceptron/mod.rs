//! The greedy averaged perceptron tagger, NLTK's `PerceptronTagger`
//! (Matthew Honnibal's design).
//!
//! * [`PerceptronTagger::load_nltk`] reads NLTK's own JSON model folder
//!   (`averaged_perceptron_tagger_eng`) and [`PerceptronTagger::tag`] then
//!   gives `nltk.pos_tag`'s tags: the same feature strings, the same
//!   normalisation, the tag-dictionary short-cut, scores summed in `f64` in
//!   NLTK's feature order, and NLTK's tie-break (highest score, then the
//!   alphabetically greatest tag: `max(classes, key=(score, label))`).
//! * [`PerceptronTagger::train`] is NLTK's training algorithm (tag
//!   dictionary of words seen ≥ 20 times with one tag ≥ 97 % of the time,
//!   perceptron updates on the other words, weights averaged over all
//!   updates and rounded to three decimals). The differences: sentences are
//!   shuffled with a seeded ChaCha generator instead of Python's `random`,
//!   so a model trained by nlkit is reproducible but not identical to NLTK's;
//!   and [`FeatureSet::Extended`] may be chosen for better accuracy.
//! * Models are saved in nlkit's own versioned format (see [`super::model`]).
//!
//! Internally (all for speed; tags stay exactly NLTK's):
//! * a feature's 64-bit key finds its row of `(class id, weight)` pairs in
//!   a flat table (`fxhash::FeatureIndex`); the key mixes the template's
//!   number with the hashes of its parts (`fxhash::feature_key`), so a
//!   token's word, suffix, cluster and tags are hashed once for all the
//!   templates that read them (`keys`), and a feature string is never
//!   built;
//! * weights are integer thousandths summed in `i32` (exact; NLTK's `f64`
//!   order is replayed only for an exact tie at the top, see
//!   `WEIGHT_SCALE`); rows of features that vote for many classes are
//!   also kept dense; sparse entries are 4 bytes (`Entry`), and rows of
//!   one or two entries are kept in the index slot itself (`INLINE`);
//! * nlkit's embedded models are packed when nlkit is built (build.rs
//!   runs `layout.rs` on them and writes `image.rs`'s format): their
//!   entries, weights, dense rows, feature names and index are read in
//!   place from the binary, so a process starts without building them;
//! * a sentence is tagged in windows: the rows of the tag-independent
//!   features of the whole window are fetched first (their cache misses
//!   overlap), then tokens are tagged left to right with the few features
//!   that read the previous tags;
//! * the scores of the word-only features of recently seen words are kept
//!   per thread and model (`WordCache`);
//! * templates whose parts take few values (`i cap`; a stacked model's
//!   templates of the first-stage tags and of the previous tag with the
//!   next first-stage tag) are added from tables summed once per thread
//!   (`fixed_rows`), and the tag-dependent features of a token whose
//!   previous tag is known before the left-to-right pass (the first of a
//!   sentence or window, one after a tag-dictionary word) are looked up
//!   with the batch; so are those of the other tokens, for a guess of the
//!   previous tag (the previous token's best class on its features known
//!   before the pass), and the left-to-right pass adds that sum when the
//!   guess is right (looking the features up when it is not);
//! * a small filter in front of the feature index answers most lookups of
//!   absent features (most word-pair and tag-word features are absent)
//!   without reading the index;
//! * class ids are sorted by tag name so the tie-break is a comparison of
//!   ids.
//!
//! # Example
//! ```
//! use nlkit::tag::{PerceptronTagger, Tagger, TrainConfig};
//! let sents = vec![
//!     vec![("today".to_string(), "NN".to_string()), ("is".into(), "VBZ".into()),
//!          ("good".into(), "JJ".into()), ("day".into(), "NN".into())],
//!     vec![("yes".into(), "NNS".into()), ("it".into(), "PRP".into()),
//!          ("beautiful".into(), "JJ".into())],
//! ];
//! let tagger = PerceptronTagger::train(&sents, &TrainConfig::default()).unwrap();
//! let tags = tagger.tag(&["today", "is", "a", "beautiful", "day"]);
//! assert_eq!(tags.len(), 5);
//! assert_eq!(tags[0], "NN");
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::Path;

use rand::seq::SliceRandom;
use rand::SeedableRng;

use super::clusters::{ClusterIds, WordClusters, PADDING, UNKNOWN};
use super::features::{
    bit, cap_value, for_each_feature, for_each_feature_parts, normalize, Context, FeatureSet,
    Templates,
};
use super::fxhash::{feature_key, part_hash, parts_key, FeatureIndex, FxHasher};
use super::model::ModelMeta;
use super::Tagger;
use crate::{Error, Result};

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

mod cache;
mod decode;
mod fixed_rows;
mod image;
mod keys;
mod layout;
mod nltk_json;
mod nltk_weights;
mod table;
mod train;

use cache::{Scratch, WordCache, WordCaches};
use decode::{argmax, cluster_context};
use fixed_rows::{FixedRows, CAP, FIRST_NEXT, FIRST_OWN, FIRST_PREV};
pub use nltk_json::nltk_model_files;
use table::*;
pub(crate) use table::{PackedTable, TableBuilder};
pub use train::TrainConfig;

/// NLTK's sentence-start context tags.
pub const START: [&str; 2] = ["-START-", "-START2-"];
/// NLTK's sentence-end context words.
pub const END: [&str; 2] = ["-END-", "-END2-"];

/// An averaged perceptron part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct PerceptronTagger {
    /// Tag names, sorted (Python string order); a class id indexes this.
    pub(crate) classes: Vec<Box<str>>,
    /// Words always given one tag.
    pub(crate) tagdict: FxMap<Box<str>, u16>,
    /// The feature strings, sorted; feature `r` has row `r`.
    pub(crate) features: FeatureNames,
    /// Feature hash -> weights (the lookup used when tagging).
    pub(crate) index: FeatureIndex,
    /// Row `r` is `entries[row_start[r]..row_start[r + 1]]`.
    pub(crate) row_start: Words<u32>,
    /// The weights with their class ids, row after row, packed in 4 bytes
    /// each (see [`Entry`]; [`Entry::raw`] here).
    pub(crate) entries: Words<u32>,
    /// The distinct weight values that entries point into, in thousandths
    /// (see [`Weight`]).
    pub(crate) values: Words<i32>,
    /// The rows of features that vote for many classes, again, as dense
    /// rows of one weight per class (0 where the row has none), which the
    /// index points to (see [`DENSE`]).
    pub(crate) dense: Words<i32>,
    /// The feature templates.
    pub(crate) feature_set: FeatureSet,
    /// The word clusters that [`FeatureSet::Clusters`] and
    /// [`FeatureSet::Stacked`] read (shared by clones).
    pub(crate) clusters: Option<std::sync::Arc<WordClusters>>,
    /// The first-stage tagger whose tags [`FeatureSet::Stacked`] reads
    /// (shared by clones; itself never stacked).
    pub(crate) first: Option<std::sync::Arc<PerceptronTagger>>,
    /// Descriptive metadata (saved with the model).
    pub(crate) meta: ModelMeta,
    /// This model's word caches, one per thread that tags with it (owned
    /// by the model and freed with it; a clone starts with none).
    caches: WordCaches,
}

impl PerceptronTagger {
    pub(crate) fn from_table(
        classes: Vec<Box<str>>,
        tagdict: FxMap<Box<str>, u16>,
        tb: TableBuilder,
        feature_set: FeatureSet,
        clusters: Option<std::sync::Arc<WordClusters>>,
        first: Option<std::sync::Arc<PerceptronTagger>>,
    ) -> Result<Self> {
        check_parts(feature_set, clusters.as_deref(), first.as_deref())?;
        let table = PackedTable(tb.finish(classes.len())?);
        Self::from_packed(classes, tagdict, table, feature_set, clusters, first)
    }

    /// A tagger of a packed table (an embedded model's, borrowed from the
    /// binary: see [`PackedTable::from_image`]).
    pub(crate) fn from_packed(
        classes: Vec<Box<str>>,
        tagdict: FxMap<Box<str>, u16>,
        table: PackedTable,
        feature_set: FeatureSet,
        clusters: Option<std::sync::Arc<WordClusters>>,
        first: Option<std::sync::Arc<PerceptronTagger>>,
    ) -> Result<Self> {
        check_parts(feature_set, clusters.as_deref(), first.as_deref())?;
        let (features, index, row_start, entries, values, dense) = table.0;
        Ok(PerceptronTagger {
            classes,
            tagdict,
            features,
            index,
            row_start,
            entries,
            values,
            dense,
            feature_set,
            clusters,
            first,
            meta: ModelMeta::default(),
            caches: WordCaches::default(),
        })
    }

    /// The `(class id, weight)` pairs of the row `entries[a..b]`.
    pub(crate) fn row(&self, a: usize, b: usize) -> impl Iterator<Item = (u16, f64)> + '_ {
        self.entries.get(a..b).unwrap_or(&[]).iter().map(|&e| {
            let e = Entry::from_raw(e);
            let q = self.values.get(e.value()).copied().unwrap_or(0);
            (e.class() as u16, f64::from(q) / WEIGHT_SCALE)
        })
    }

    /// The tag names (sorted).
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.classes.iter().map(|c| &**c)
    }

    /// The feature templates of this model.
    pub fn feature_set(&self) -> FeatureSet {
        self.feature_set
    }

    /// The model's metadata.
    pub fn meta(&self) -> &ModelMeta {
        &self.meta
    }

    /// Mutable metadata (to describe a model before saving it).
    pub fn meta_mut(&mut self) -> &mut ModelMeta {
        &mut self.meta
    }

    /// Number of distinct features with weights.
    pub fn n_features(&self) -> usize {
        self.features.len()
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Whether `word` is in the tag dictionary (it is then tagged without
    /// the perceptron).
    pub fn in_tagdict(&self, word: &str) -> bool {
        self.tagdict.contains_key(word)
    }

    /// Whether the model knows `word`: it is in the tag dictionary or has an
    /// `i word` feature (used for known/unknown-word accuracy).
    pub fn knows(&self, word: &str) -> bool {
        self.tagdict.contains_key(word)
            || self
                .features
                .get(&format!("i word {}", normalize(word)))
                .is_some()
    }

    /// Tags a sentence, returning class ids.
    ///
    /// Most feature templates do not depend on the tags chosen for earlier
    /// words, so tagging runs in windows of 64 tokens: first the
    /// rows of all those features of every token of the window are looked
    /// up and summed (many independent table reads, so the CPU overlaps
    /// their cache misses), then the tokens are tagged left to right,
    /// adding only the rows of the templates that read the previous tags.
    /// Integer sums do not depend on the order of the additions, and exact
    /// ties are settled by redoing the sums in NLTK's order, so the tags
    /// are NLTK's.
    pub fn tag_ids(&self, tokens: &[&str]) -> Vec<u16> {
        let first_tags = self.first_context(tokens);
        self.tag_ids_given(tokens, &first_tags)
    }

    /// [`PerceptronTagger::tag_ids`] with the first stage's tags, padded.
    fn tag_ids_given(&self, tokens: &[&str], first_tags: &[&str]) -> Vec<u16> {
        let new_cache = || {
            std::cell::RefCell::new(WordCache {
                words: FxMap::default(),
                scores: Vec::new(),
                pads: self.pad_scores(),
                clusters: Vec::new(),
                dict: Vec::new(),
                parts: Vec::new(),
                tag_hashes: self.tag_hashes(),
                tag_pairs: self.tag_pair_scores(),
                fixed: self.fixed_rows(),
                scratch: Scratch::default(),
                seen: Default::default(),
            })
        };
        let cell = self.caches.0.get_or(new_cache);
        match cell.try_borrow_mut() {
            Ok(mut cache) => self.tag_ids_with(tokens, first_tags, &mut cache),
            // only reachable if tagging re-entered itself on this thread
            Err(_) => self.tag_ids_with(tokens, first_tags, &mut new_cache().borrow_mut()),
        }
    }

    /// Tags a sentence with a stacked model ([`FeatureSet::Stacked`]),
    /// given the tags its first stage ([`PerceptronTagger::first_stage`])
    /// gives `tokens`, which a caller that has them already need not have
    /// computed twice. Other models ignore `first_tags`; so does a stacked
    /// one when they are not one per token.
    ///
    /// # Example
    /// ```
    /// use nlkit::tag::{default_english_upos, default_english_xpos, Tagger};
    /// let words = ["They", "bark", "."];
    /// let xpos = default_english_xpos().unwrap().tag(&words);
    /// let upos = default_english_upos().unwrap();
    /// assert_eq!(upos.tag_with_first_stage(&words, &xpos), upos.tag(&words));
    /// ```
    pub fn tag_with_first_stage(&self, tokens: &[&str], first_tags: &[&str]) -> Vec<&str> {
        if self.first.is_none() || first_tags.len() != tokens.len() {
            return self.tag(tokens);
        }
        let first = pad_tags(first_tags.iter().copied());
        self.names(self.tag_ids_given(tokens, &first))
    }

    fn names(&self, ids: Vec<u16>) -> Vec<&str> {
        ids.into_iter().map(|id| self.class_name(id)).collect()
    }

    /// The first-stage tagger's tags of `tokens`, padded like the context
    /// (empty for a model that is not stacked).
    fn first_context(&self, tokens: &[&str]) -> Vec<&str> {
        let Some(first) = &self.first else {
            return Vec::new();
        };
        let ids = first.tag_ids(tokens);
        pad_tags(ids.into_iter().map(|id| first.class_name(id)))
    }

    /// The model's word clusters, if its features read any.
    pub fn clusters(&self) -> Option<&WordClusters> {
        self.clusters.as_deref()
    }

    /// The name of class `id`.
    pub fn class_name(&self, id: u16) -> &str {
        self.classes.get(id as usize).map_or("", |c| c)
    }

    /// The first-stage tagger of a stacked model ([`FeatureSet::Stacked`]).
    pub fn first_stage(&self) -> Option<&PerceptronTagger> {
        self.first.as_deref()
    }

    /// Saves the model in nlkit's format (see [`super::model`]), atomically
    /// ([`crate::io::write_atomic`]): `path` never holds half a model.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be written.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = super::model::encode(self)?;
        crate::io::write_atomic(path, &bytes)
    }

    /// Loads a model saved by [`PerceptronTagger::save`].
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Model`] when it
    /// is not an nlkit tagger model, is of another format version, or is
    /// corrupt or truncated.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        super::model::decode(&bytes).map_err(|e| match e {
            Error::Model(m) => Error::Model(format!("{}: {m}", path.display())),
            e => e,
        })
    }

    /// Decodes a model from bytes (as written by [`PerceptronTagger::save`]).
    ///
    /// # Errors
    /// As [`PerceptronTagger::load`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        super::model::decode(bytes)
    }

    /// Encodes the model in nlkit's format.
    ///
    /// # Errors
    /// Only on an internal serialisation failure.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        super::model::encode(self)
    }
}

impl Tagger for PerceptronTagger {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        self.names(self.tag_ids(tokens))
    }

    fn as_perceptron(&self) -> Option<&PerceptronTagger> {
        Some(self)
    }
}

/// Whether a model with `set` has the clusters and the first stage it
/// needs (and only then), and its first stage is not itself stacked.
fn check_parts(
    set: FeatureSet,
    clusters: Option<&WordClusters>,
    first: Option<&PerceptronTagger>,
) -> Result<()> {
    let reads_clusters = matches!(set, FeatureSet::Clusters | FeatureSet::Stacked);
    match (reads_clusters, clusters.is_some()) {
        (true, false) => {
            return Err(Error::Model(format!(
                "the `{}` feature set needs word clusters",
                set.name()
            )))
        }
        (false, true) => {
            return Err(Error::Model(format!(
                "word clusters given to a model with the `{}` feature set, which reads none",
                set.name()
            )))
        }
        _ => {}
    }
    match (set == FeatureSet::Stacked, first) {
        (true, None) => Err(Error::Model(
            "the `stacked` feature set needs a first-stage tagger".into(),
        )),
        (false, Some(_)) => Err(Error::Model(format!(
            "a first-stage tagger given to a model with the `{}` feature set, which reads none",
            set.name()
        ))),
        (true, Some(f)) if f.first.is_some() => Err(Error::Model(
            "a first-stage tagger must not itself be stacked".into(),
        )),
        _ => Ok(()),
    }
}

/// `tags` padded like the context: `-START-`, `-START2-` in front,
/// `-END-`, `-END2-` behind.
fn pad_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = START.to_vec();
    out.extend(tags);
    out.extend(END);
    out
}

/// `-START-`, `-START2-`, the normalised words, `-END-`, `-END2-`.
fn make_context<'a, S: AsRef<str>>(tokens: &'a [S]) -> Vec<Cow<'a, str>> {
    let mut context: Vec<Cow<'a, str>> = Vec::with_capacity(tokens.len() + 4);
    context.extend(START.iter().map(|s| Cow::Borrowed(*s)));
    context.extend(tokens.iter().map(|w| normalize(w.as_ref())));
    context.extend(END.iter().map(|s| Cow::Borrowed(*s)));
    context
}

#[cfg(test)]
mod tests;
