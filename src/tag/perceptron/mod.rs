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
//! * a feature's 64-bit hash finds its row of `(class id, weight)` pairs in
//!   a flat table (`fxhash::FeatureIndex`); the hash is fed the template's
//!   saved hasher state and then the parts, never building the string;
//! * weights are integer thousandths summed in `i32` (exact; NLTK's `f64`
//!   order is replayed only for an exact tie at the top, see
//!   `WEIGHT_SCALE`); rows of features that vote for many classes are
//!   also kept dense; sparse entries are 4 bytes (`Entry`);
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
//!   with the batch;
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
use super::fxhash::{template_states, FeatureIndex, FxHasher};
use super::model::ModelMeta;
use super::Tagger;
use crate::{Error, Result};

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

mod fixed_rows;
mod nltk_json;
mod table;
mod train;

use fixed_rows::{FixedRows, CAP, FIRST_NEXT, FIRST_OWN, FIRST_PREV};
pub use nltk_json::nltk_model_files;
pub(crate) use table::TableBuilder;
use table::*;
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
    pub(crate) row_start: Vec<u32>,
    /// The weights with their class ids, row after row, packed in 4 bytes
    /// each (see [`Entry`]).
    pub(crate) entries: Vec<Entry>,
    /// The distinct weight values that entries point into, in thousandths
    /// (see [`Weight`]).
    pub(crate) values: Vec<i32>,
    /// The rows of features that vote for many classes, again, as dense
    /// rows of one weight per class (0 where the row has none), which the
    /// index points to (see [`DENSE`]).
    pub(crate) dense: Vec<i32>,
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

/// The per-thread [`WordCache`]s of one model.
#[derive(Default)]
struct WordCaches(Box<thread_local::ThreadLocal<std::cell::RefCell<WordCache>>>);

impl Clone for WordCaches {
    fn clone(&self) -> Self {
        WordCaches::default()
    }
}

impl std::fmt::Debug for WordCaches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordCaches")
    }
}

/// For words a thread has tagged with one model, the scores of the
/// templates that read that word alone: the word-only templates
/// ([`super::features::WORD_ONLY`]) and, for each offset of
/// [`OFFSETS`], the templates that read the word as that neighbour
/// ([`super::features::NEIGHBOUR`]); [`PARTS`] vectors per word. Text
/// repeats its words, so most tokens then need only their other context
/// and tag features looked up. A word is added the second time the thread
/// meets it; past [`WordCache::WORDS`] words the cache stops adding.
struct WordCache {
    words: FxMap<Box<str>, u32>,
    scores: Vec<Weight>,
    /// The neighbour scores of the sentence padding: for offset `OFFSETS[k]`
    /// and padded-context index `s` (0, 1: `-START-`, `-START2-`; 2, 3:
    /// `-END-`, `-END2-` of an empty sentence), at `(k * 4 + s) * nc`.
    pads: Vec<Weight>,
    /// The clusters of the cached words (by their id), for models with
    /// clusters.
    clusters: Vec<ClusterIds>,
    /// The summed scores of the templates that read only the previous two
    /// tags ([`super::features::TAGS_ONLY`]), per pair: at
    /// `(p * (nc + 2) + q) * nc` for the previous tag `p` and the one before
    /// it `q`, class ids or `nc`, `nc + 1` for `-START-`, `-START2-`.
    /// Empty for models with more than [`WordCache::TAG_PAIR_CLASSES`]
    /// classes, whose tag features are looked up one by one.
    tag_pairs: Vec<Weight>,
    /// The summed rows of the templates whose parts take few values.
    fixed: FixedRows,
    /// Scratch space of [`PerceptronTagger::tag_ids`], kept between calls.
    scratch: Scratch,
    /// The hashes of words seen once and not cached: a word is cached the
    /// second time it is seen, so that the cache fills with the text's
    /// frequent words rather than with the first words of the text, half
    /// of which occur once (cleared when it holds [`WordCache::SEEN`]).
    seen: std::collections::HashSet<u64, BuildHasherDefault<FxHasher>>,
}

/// The neighbour offsets whose scores [`WordCache`] keeps per word.
const OFFSETS: [i8; 4] = [-2, -1, 1, 2];
/// Score vectors per cached word: its own, then one per offset.
const PARTS: usize = 1 + OFFSETS.len();

/// Buffers reused by [`PerceptronTagger::tag_ids`].
#[derive(Default)]
struct Scratch {
    buf: String,
    hashes: Vec<u64>,
    owner: Vec<usize>,
    homes: Vec<(u64, u32, u32)>,
    statics: Vec<Weight>,
    scores: Vec<Weight>,
    dict: Vec<Option<u16>>,
    clusters: Vec<ClusterIds>,
    /// Per position around the window: where its word's [`PARTS`] vectors
    /// start (in the cache, or in `fresh` when [`FRESH`] is set).
    at: Vec<usize>,
    fresh: Vec<Weight>,
    /// Per token of the sentence: its word's id in the cache, or [`NONE`].
    slots: Vec<u32>,
    /// The ids of the padded first-stage tags (see [`FixedRows::resolve`]).
    first_ids: Vec<u16>,
    /// Per token of the window: whether its tag-dependent features were
    /// looked up with the tag-independent ones.
    early: Vec<bool>,
}

/// A [`Scratch::slots`] entry of a word not in the cache.
const NONE: u32 = u32::MAX;

/// Set in a [`Scratch::at`] entry whose vectors are in `fresh`.
const FRESH: usize = 1 << (usize::BITS - 1);

impl WordCache {
    /// Most words kept per model and thread (at 5 score vectors of 4-byte
    /// weights per word, 16 MB for 50 classes: on the Brown corpus, 90 % of
    /// the tokens are then found in the cache, 77 % with 4,096 words).
    const WORDS: usize = 16384;
    /// Most words [`WordCache::seen`] holds.
    const SEEN: usize = 1 << 16;
    /// Most classes for which [`WordCache::tag_pairs`] is built (64 classes:
    /// 1.1 MB).
    const TAG_PAIR_CLASSES: usize = 64;
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
        let n_classes = classes.len();
        let (features, index, row_start, entries, values, dense) = tb.finish(n_classes)?;
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
        self.entries.get(a..b).unwrap_or(&[]).iter().map(|e| {
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

    fn tag_ids_with(&self, tokens: &[&str], first: &[&str], cache: &mut WordCache) -> Vec<u16> {
        let nc = self.classes.len();
        let mut out = Vec::with_capacity(tokens.len());
        let mut scratch = std::mem::take(&mut cache.scratch);
        let Scratch {
            buf,
            hashes,
            owner,
            homes,
            statics,
            scores,
            dict,
            clusters,
            at,
            fresh,
            slots,
            first_ids,
            early,
        } = &mut scratch;
        scores.resize(nc, 0);
        // looks up the rows of `hashes` (home slots first, all at once) and
        // adds each to its owner's scores in `statics`
        let add_all =
            |hashes: &[u64], owner: &[usize], homes: &mut Vec<_>, statics: &mut [Weight]| {
                homes.clear();
                homes.extend(hashes.iter().map(|&h| self.index.home(h)));
                // read the first word of each row found in its home slot,
                // in a tight loop of independent loads, so that the rows'
                // cache misses overlap before they are added
                let mut touched = 0i32;
                for (&h, &home) in hashes.iter().zip(homes.iter()) {
                    if home.0 == h {
                        touched ^= self.row_head(home.1);
                    }
                }
                std::hint::black_box(touched);
                for ((&h, &home), &j) in hashes.iter().zip(homes.iter()).zip(owner) {
                    if let Some(row) = self.index.resolve(h, home) {
                        self.add_row(row, &mut statics[j * nc..(j + 1) * nc]);
                    }
                }
            };
        let context = make_context(tokens);
        // each word's place in the cache, and the clusters (from the cache
        // when there)
        slots.clear();
        slots.extend(
            tokens
                .iter()
                .map(|w| cache.words.get(*w).copied().unwrap_or(NONE)),
        );
        clusters.clear();
        if let Some(wc) = &self.clusters {
            clusters.extend([PADDING; 2]);
            clusters.extend(tokens.iter().zip(slots.iter()).map(|(w, &s)| {
                match cache.clusters.get(s as usize) {
                    Some(&c) => c,
                    None => wc.get(w).unwrap_or(UNKNOWN),
                }
            }));
            clusters.extend([PADDING; 2]);
        }
        let ctx = Context {
            words: &context,
            clusters,
            first,
        };
        let (mut prev, mut prev2): (&str, &str) = (START[0], START[1]);
        let (mut prev_id, mut prev2_id) = (nc, nc + 1);
        let tag_pairs = &cache.tag_pairs;
        let n = tokens.len();
        // the templates added from `cache.fixed` rather than looked up
        let fixed = &cache.fixed;
        let use_first = first.len() == n + 4 && fixed.resolve(first, first_ids);
        let mut other_mask = 0;
        if !fixed.caps.is_empty() {
            other_mask |= bit(CAP);
        }
        let mut tag_mask = 0;
        if use_first {
            other_mask |= FIRST_OWN | FIRST_NEXT;
            tag_mask |= FIRST_PREV;
        }
        let nf = fixed.nf;
        let part = PARTS * nc;
        for (w0, window) in tokens.chunks(WINDOW).enumerate() {
            let w0 = w0 * WINDOW;
            dict.clear();
            dict.extend(window.iter().map(|w| self.tagdict.get(*w).copied()));
            statics.clear();
            statics.resize(window.len() * nc, 0);
            // 1a. the per-word vectors of the window's words and their
            // neighbours: from the cache, or looked up (and then cached)
            let lo = w0.saturating_sub(2);
            let hi = (w0 + window.len() + 2).min(n);
            at.clear();
            hashes.clear();
            owner.clear();
            let mut n_fresh = 0;
            for p in lo..hi {
                if slots[p] != NONE {
                    at.push(slots[p] as usize * part);
                    continue;
                }
                at.push(FRESH | (n_fresh * part));
                let owner0 = n_fresh * PARTS;
                self.push_hashes(Templates::WordOnly, p + 2, tokens[p], ctx, "", hashes);
                owner.resize(hashes.len(), owner0);
                for (k, &d) in OFFSETS.iter().enumerate() {
                    let i = (p + 2).wrapping_add_signed(-isize::from(d));
                    self.push_hashes(Templates::Neighbour(d), i, "", ctx, "", hashes);
                    owner.resize(hashes.len(), owner0 + 1 + k);
                }
                n_fresh += 1;
            }
            fresh.clear();
            fresh.resize(n_fresh * part, 0);
            add_all(hashes, owner, homes, fresh);
            for (q, p) in (lo..hi).enumerate() {
                if at[q] & FRESH != 0 && cache.words.len() < WordCache::WORDS {
                    if cache.seen.len() >= WordCache::SEEN {
                        cache.seen.clear();
                    }
                    if cache.seen.insert(super::fxhash::hash_str(tokens[p])) {
                        // seen for the first time
                        continue;
                    }
                    let f = at[q] & !FRESH;
                    let id = cache.words.len();
                    if !cache.words.contains_key(tokens[p]) {
                        if cache.scores.capacity() == 0 {
                            // the whole cache at once: growing it by
                            // doubling copied and zeroed twice its size
                            // (untouched pages cost no memory)
                            cache.scores.reserve_exact(WordCache::WORDS * part);
                        }
                        cache.words.insert(tokens[p].into(), id as u32);
                        cache.scores.extend_from_slice(&fresh[f..f + part]);
                        if let Some(&c) = clusters.get(p + 2) {
                            cache.clusters.push(c);
                        }
                        at[q] = id * part;
                    }
                }
            }
            let vectors = |q: usize| -> &[Weight] {
                let a = at[q];
                if a & FRESH != 0 {
                    &fresh[a & !FRESH..(a & !FRESH) + part]
                } else {
                    &cache.scores[a..a + part]
                }
            };
            for j in 0..window.len() {
                if dict[j].is_some() {
                    continue;
                }
                let p = w0 + j;
                let out = &mut statics[j * nc..(j + 1) * nc];
                add_into(out, &vectors(p - lo)[..nc]);
                for (k, &d) in OFFSETS.iter().enumerate() {
                    let q = p as isize + isize::from(d);
                    // a neighbour in the padding: its index among the four
                    // padding places (see `WordCache::pads`)
                    let pad = match usize::try_from(q) {
                        Err(_) => Some((q + 2) as usize),
                        Ok(q) if q >= n => Some(q - n + 2),
                        Ok(_) => None,
                    };
                    let v = match pad {
                        Some(s) => &cache.pads[(k * 4 + s) * nc..(k * 4 + s + 1) * nc],
                        None => &vectors(q as usize - lo)[(1 + k) * nc..(2 + k) * nc],
                    };
                    add_into(out, v);
                }
            }
            // 1b. the other tag-independent features
            // and the tag-dependent ones of the tokens whose previous tag is
            // known already (the first of the sentence or the window, or
            // one after a word of the tag dictionary): the previous tag is
            // all that these templates read of the tags
            hashes.clear();
            owner.clear();
            early.clear();
            let mut known = Some(prev);
            for (j, &word) in window.iter().enumerate() {
                early.push(false);
                if dict[j].is_none() {
                    let w = w0 + j + 2;
                    let which = Templates::OtherContextExcept(other_mask);
                    self.push_hashes(which, w, word, ctx, "", hashes);
                    if let (Some(p), false) = (known, tag_pairs.is_empty()) {
                        let which = Templates::TagsAndWordsExcept(tag_mask);
                        self.push_hashes(which, w, word, ctx, p, hashes);
                        early[j] = true;
                    }
                    owner.resize(hashes.len(), j);
                }
                known = dict[j].map(|t| &*self.classes[usize::from(t)]);
            }
            add_all(hashes, owner, homes, statics);
            for (j, &word) in window.iter().enumerate() {
                if dict[j].is_some() {
                    continue;
                }
                let out = &mut statics[j * nc..(j + 1) * nc];
                let i = w0 + j + 2;
                if other_mask & bit(CAP) != 0 {
                    let v = cap_value(word, i);
                    add_into(out, &fixed.caps[v * nc..(v + 1) * nc]);
                }
                if use_first {
                    let a = usize::from(first_ids[i]);
                    let b = usize::from(first_ids[i + 1]);
                    let c = usize::from(first_ids[i + 2]);
                    add_into(out, &fixed.own[(a * nf + b) * nc..(a * nf + b + 1) * nc]);
                    add_into(out, &fixed.next[(b * nf + c) * nc..(b * nf + c + 1) * nc]);
                }
            }
            // 2. left to right, with the tag-dependent features
            for (j, &word) in window.iter().enumerate() {
                let id = match dict[j] {
                    Some(t) => t,
                    None => {
                        scores.copy_from_slice(&statics[j * nc..(j + 1) * nc]);
                        let tags = if tag_pairs.is_empty() {
                            Templates::ReadingTags
                        } else {
                            let at = (prev_id * (nc + 2) + prev2_id) * nc;
                            add_into(scores, &tag_pairs[at..at + nc]);
                            if use_first {
                                let b = usize::from(first_ids[w0 + j + 3]);
                                let at = (prev_id * nf + b) * nc;
                                add_into(scores, &fixed.prev[at..at + nc]);
                            }
                            Templates::TagsAndWordsExcept(tag_mask)
                        };
                        if !early[j] {
                            let i = w0 + j + 2;
                            self.add_features(tags, i, word, ctx, (prev, prev2), scores);
                        }
                        match argmax_unique(scores) {
                            Some(best) => best,
                            None => self.argmax_f64(w0 + j, word, ctx, prev, prev2, buf),
                        }
                    }
                };
                out.push(id);
                prev2 = prev;
                prev = &self.classes[id as usize];
                prev2_id = prev_id;
                prev_id = usize::from(id);
            }
        }
        cache.scratch = scratch;
        out
    }

    /// Looks up the features `which` of the token at index `i` of the
    /// padded context one by one and adds their rows to `scores`.
    fn add_features(
        &self,
        which: Templates,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        (prev, prev2): (&str, &str),
        scores: &mut [Weight],
    ) {
        let set = self.feature_set;
        for_each_feature_parts(set, which, i, word, ctx, prev, prev2, |k, p| {
            if let Some(row) = self.index.get_hashed(hash_parts(k, p)) {
                self.add_row(row, scores);
            }
        });
    }

    /// Pushes the hashes of the features `which` of the token at index `i`
    /// of the padded context to `hashes` (the caller then fills `owner` up
    /// to the same length); `which` reads no tag or only the previous one,
    /// `prev`.
    fn push_hashes(
        &self,
        which: Templates,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        prev: &str,
        hashes: &mut Vec<u64>,
    ) {
        for_each_feature_parts(
            self.feature_set,
            which,
            i,
            word,
            ctx,
            prev,
            "",
            |k, parts| hashes.push(hash_parts(k, parts)),
        );
    }

    /// The scores of the templates that read only the previous two tags,
    /// per pair (see [`WordCache::tag_pairs`]).
    fn tag_pair_scores(&self) -> Vec<Weight> {
        let nc = self.classes.len();
        if nc > WordCache::TAG_PAIR_CLASSES {
            return Vec::new();
        }
        let name = |t: usize| -> &str {
            match t.checked_sub(nc) {
                None => &self.classes[t],
                Some(s) => START[s],
            }
        };
        let mut out = vec![0; (nc + 2) * (nc + 2) * nc];
        for (k, row) in out.chunks_mut(nc).enumerate() {
            let prevs = (name(k / (nc + 2)), name(k % (nc + 2)));
            self.add_features(Templates::TagsOnly, 2, "", Context::default(), prevs, row);
        }
        out
    }

    /// The neighbour scores of the sentence padding (see [`WordCache::pads`]).
    fn pad_scores(&self) -> Vec<Weight> {
        let nc = self.classes.len();
        let context = make_context::<&str>(&[]);
        let mut clusters = Vec::new();
        cluster_context(self.clusters(), &[], &mut clusters);
        let mut out = vec![0; OFFSETS.len() * 4 * nc];
        for (k, &d) in OFFSETS.iter().enumerate() {
            // the padding before a sentence is a neighbour only before it,
            // and the padding after only after it
            let pads: &[usize] = if d < 0 { &[0, 1] } else { &[2, 3] };
            for &s in pads {
                let Some(i) = s.checked_add_signed(-isize::from(d)) else {
                    continue;
                };
                let row = &mut out[(k * 4 + s) * nc..(k * 4 + s + 1) * nc];
                let ctx = Context {
                    words: &context,
                    clusters: &clusters,
                    first: &[],
                };
                self.add_features(Templates::Neighbour(d), i, "", ctx, ("", ""), row);
            }
        }
        out
    }

    /// The first weight of the row that starts at `a` (a row start of the
    /// index), read only to bring the row into the cache.
    #[inline]
    fn row_head(&self, a: u32) -> i32 {
        if a & DENSE != 0 {
            let k = (a & !DENSE) as usize * self.classes.len();
            self.dense.get(k).copied().unwrap_or(0)
        } else {
            self.entries.get(a as usize).map_or(0, |e| e.class() as i32)
        }
    }

    /// Adds the row found by the index to `scores`.
    #[inline]
    fn add_row(&self, (a, b): (usize, usize), scores: &mut [Weight]) {
        let n = scores.len();
        if a as u32 & DENSE != 0 {
            let k = (a as u32 & !DENSE) as usize * n;
            if let Some(row) = self.dense.get(k..k + n) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += *w;
                }
            }
        } else {
            for e in self.entries.get(a..b).unwrap_or(&[]) {
                if let (Some(s), Some(w)) = (scores.get_mut(e.class()), self.values.get(e.value()))
                {
                    *s += *w;
                }
            }
        }
    }

    /// NLTK's scoring, for a token whose integer scores tie at the top:
    /// the rows summed in `f64` in feature order, then NLTK's tie-break.
    #[allow(clippy::too_many_arguments)]
    fn argmax_f64(
        &self,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        prev: &str,
        prev2: &str,
        buf: &mut String,
    ) -> u16 {
        let mut scores = vec![0f64; self.classes.len()];
        let set = self.feature_set;
        for_each_feature(set, i, word, ctx, prev, prev2, buf, |f| {
            if let Some(r) = self.features.get(f) {
                let r = r as usize;
                if let (Some(&a), Some(&b)) = (self.row_start.get(r), self.row_start.get(r + 1)) {
                    for (c, w) in self.row(a as usize, b as usize) {
                        scores[usize::from(c)] += w;
                    }
                }
            }
        });
        argmax(&scores)
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

/// The clusters of `tokens`, padded like the context, in `out` (empty
/// without clusters).
fn cluster_context(clusters: Option<&WordClusters>, tokens: &[&str], out: &mut Vec<ClusterIds>) {
    match clusters {
        Some(c) => c.context(tokens, out),
        None => out.clear(),
    }
}

/// `out += v`, element by element.
#[inline]
fn add_into(out: &mut [Weight], v: &[Weight]) {
    for (o, x) in out.iter_mut().zip(v) {
        *o += *x;
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

/// The class with the highest integer score, or `None` when two or more
/// share it (the caller then breaks the tie as NLTK would).
fn argmax_unique(scores: &[Weight]) -> Option<u16> {
    let mut best = 0usize;
    let mut best_score = Weight::MIN;
    let mut tied = false;
    for (i, &s) in scores.iter().enumerate() {
        if s > best_score {
            best = i;
            best_score = s;
            tied = false;
        } else if s == best_score {
            tied = true;
        }
    }
    (!tied).then_some(best as u16)
}

/// NLTK's `max(classes, key=lambda c: (scores[c], c))` with classes sorted
/// by name: the last of the highest scores.
fn argmax(scores: &[f64]) -> u16 {
    let mut best = 0usize;
    let mut best_score = f64::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if s >= best_score {
            best = i;
            best_score = s;
        }
    }
    best as u16
}

#[cfg(test)]
mod tests;
