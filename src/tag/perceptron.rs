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
//! Internally, feature strings are interned in a hash map to a row of
//! `(class id, weight)` pairs, and class ids are sorted by tag name so the
//! tie-break is a comparison of ids.
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

use super::features::{for_each_feature, normalize, FeatureSet};
use super::fxhash::{FeatureIndex, FxHasher};
use super::model::ModelMeta;
use super::Tagger;
use crate::{Error, Result};

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

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
    /// Feature string -> row.
    pub(crate) features: FxMap<Box<str>, u32>,
    /// Feature hash -> weights (the lookup used when tagging).
    pub(crate) index: FeatureIndex,
    /// Row `r` is `entries[row_start[r]..row_start[r + 1]]`.
    pub(crate) row_start: Vec<u32>,
    /// Class id of each weight.
    pub(crate) entry_class: Vec<u16>,
    /// The weights.
    pub(crate) entry_weight: Vec<f64>,
    /// The feature templates.
    pub(crate) feature_set: FeatureSet,
    /// Descriptive metadata (saved with the model).
    pub(crate) meta: ModelMeta,
}

/// How to train a [`PerceptronTagger`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data (NLTK: 5).
    pub iterations: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
    /// Feature templates.
    pub feature_set: FeatureSet,
    /// Tag-dictionary frequency threshold (NLTK: 20).
    pub tagdict_min_count: usize,
    /// Tag-dictionary ambiguity threshold (NLTK: 0.97).
    pub tagdict_min_ratio: f64,
    /// Drop averaged weights whose absolute value is below this (0 keeps
    /// every non-zero weight, as NLTK does).
    pub prune_below: f64,
    /// Show a progress bar per iteration on stderr.
    pub progress: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            iterations: 5,
            seed: 0,
            feature_set: FeatureSet::Nltk,
            tagdict_min_count: 20,
            tagdict_min_ratio: 0.97,
            prune_below: 0.0,
            progress: false,
        }
    }
}

/// NLTK's JSON model file names inside the model folder, for language `lang`.
pub fn nltk_model_files(lang: &str) -> [String; 3] {
    ["weights", "tagdict", "classes"].map(|a| format!("averaged_perceptron_tagger_{lang}.{a}.json"))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&data).map_err(|e| Error::Json {
        context: format!("reading NLTK model file {}", path.display()),
        source: e,
    })
}

/// Feature index, row starts, class ids and weights.
type TableParts = (
    FxMap<Box<str>, u32>,
    FeatureIndex,
    Vec<u32>,
    Vec<u16>,
    Vec<f64>,
);

/// A builder of the interned weight table.
#[derive(Default)]
pub(crate) struct TableBuilder {
    features: FxMap<Box<str>, u32>,
    row_start: Vec<u32>,
    entry_class: Vec<u16>,
    entry_weight: Vec<f64>,
}

impl TableBuilder {
    pub(crate) fn with_capacity(features: usize, entries: usize) -> Self {
        let mut map = FxMap::default();
        map.reserve(features);
        TableBuilder {
            features: map,
            row_start: Vec::with_capacity(features + 1),
            entry_class: Vec::with_capacity(entries),
            entry_weight: Vec::with_capacity(entries),
        }
    }

    pub(crate) fn push_row(&mut self, feature: &str, row: impl IntoIterator<Item = (u16, f64)>) {
        self.push_row_owned(feature.into(), row);
    }

    pub(crate) fn push_row_owned(
        &mut self,
        feature: Box<str>,
        row: impl IntoIterator<Item = (u16, f64)>,
    ) {
        let start = self.entry_class.len();
        for (c, w) in row {
            self.entry_class.push(c);
            self.entry_weight.push(w);
        }
        if self.entry_class.len() == start {
            return;
        }
        self.row_start.push(start as u32);
        let id = self.features.len() as u32;
        self.features.insert(feature, id);
    }

    fn finish(mut self) -> TableParts {
        self.row_start.push(self.entry_class.len() as u32);
        let rs = &self.row_start;
        let index = FeatureIndex::build(
            self.features.len(),
            self.features.iter().filter_map(|(f, &r)| {
                let r = r as usize;
                Some((&**f, *rs.get(r)?, *rs.get(r + 1)?))
            }),
        );
        (
            self.features,
            index,
            self.row_start,
            self.entry_class,
            self.entry_weight,
        )
    }
}

impl PerceptronTagger {
    pub(crate) fn from_table(
        classes: Vec<Box<str>>,
        tagdict: FxMap<Box<str>, u16>,
        tb: TableBuilder,
        feature_set: FeatureSet,
    ) -> Self {
        let (features, index, row_start, entry_class, entry_weight) = tb.finish();
        PerceptronTagger {
            classes,
            tagdict,
            features,
            index,
            row_start,
            entry_class,
            entry_weight,
            feature_set,
            meta: ModelMeta::default(),
        }
    }

    /// Builds a tagger from its parts. `classes` need not be sorted.
    /// `tagdict` maps words to tag names, `weights` feature strings to
    /// `(tag, weight)` lists; tags missing from `classes` are refused.
    ///
    /// # Errors
    /// [`Error::Model`] for an empty class list, more than 65 535 classes,
    /// or a tag-dictionary tag that is not a class.
    pub fn from_parts<'a>(
        classes: impl IntoIterator<Item = String>,
        tagdict: impl IntoIterator<Item = (String, String)>,
        weights: impl IntoIterator<Item = (&'a str, Vec<(&'a str, f64)>)>,
        feature_set: FeatureSet,
        meta: ModelMeta,
    ) -> Result<Self> {
        let mut classes: Vec<String> = classes.into_iter().collect();
        classes.sort();
        classes.dedup();
        if classes.is_empty() {
            return Err(Error::Model("perceptron model has no classes".into()));
        }
        if classes.len() > u16::MAX as usize {
            return Err(Error::Model("perceptron model has too many classes".into()));
        }
        let class_id: HashMap<&str, u16> = classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i as u16))
            .collect();
        let mut td = FxMap::default();
        for (w, t) in tagdict {
            let id = *class_id.get(t.as_str()).ok_or_else(|| {
                Error::Model(format!(
                    "tag dictionary gives `{w}` the tag `{t}`, which is not a class of the model"
                ))
            })?;
            td.insert(w.into_boxed_str(), id);
        }
        let mut tb = TableBuilder::default();
        for (feat, row) in weights {
            let mut r: Vec<(u16, f64)> = row
                .into_iter()
                .filter_map(|(t, w)| class_id.get(t).map(|&c| (c, w)))
                .collect();
            r.sort_by_key(|e| e.0);
            tb.push_row(feat, r);
        }
        let (features, index, row_start, entry_class, entry_weight) = tb.finish();
        Ok(PerceptronTagger {
            classes: classes.into_iter().map(String::into_boxed_str).collect(),
            tagdict: td,
            features,
            index,
            row_start,
            entry_class,
            entry_weight,
            feature_set,
            meta,
        })
    }

    /// Loads NLTK's JSON model from a folder holding
    /// `averaged_perceptron_tagger_eng.{weights,tagdict,classes}.json`
    /// (NLTK's `taggers/averaged_perceptron_tagger_eng/`).
    ///
    /// # Errors
    /// [`Error::Io`] for a missing file, [`Error::Json`] for a malformed one,
    /// [`Error::Model`] for inconsistent contents.
    pub fn load_nltk(dir: &Path) -> Result<Self> {
        Self::load_nltk_lang(dir, "eng")
    }

    /// As [`PerceptronTagger::load_nltk`], for NLTK's model of language `lang`.
    ///
    /// # Errors
    /// As [`PerceptronTagger::load_nltk`].
    pub fn load_nltk_lang(dir: &Path, lang: &str) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::Model(format!(
                "{}: not a folder holding NLTK's averaged_perceptron_tagger_{lang} model \
                 (run `nlkit download averaged_perceptron_tagger_{lang}`)",
                dir.display()
            )));
        }
        let [wf, tf, cf] = nltk_model_files(lang);
        let weights: HashMap<String, HashMap<String, f64>> = read_json(&dir.join(wf))?;
        let tagdict: HashMap<String, String> = read_json(&dir.join(tf))?;
        let classes: Vec<String> = read_json(&dir.join(cf))?;
        let mut feats: Vec<(&String, &HashMap<String, f64>)> = weights.iter().collect();
        feats.sort_by(|a, b| a.0.cmp(b.0));
        let meta = ModelMeta {
            description: format!(
                "NLTK averaged_perceptron_tagger_{lang}, read from {}",
                dir.display()
            ),
            ..ModelMeta::default()
        };
        Self::from_parts(
            classes,
            tagdict,
            feats.into_iter().map(|(f, row)| {
                (
                    f.as_str(),
                    row.iter().map(|(t, w)| (t.as_str(), *w)).collect(),
                )
            }),
            FeatureSet::Nltk,
            meta,
        )
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
        self.entry_weight.len()
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
                .contains_key(format!("i word {}", normalize(word)).as_str())
    }

    /// Tags a sentence, returning class ids.
    pub fn tag_ids(&self, tokens: &[&str]) -> Vec<u16> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut scores = vec![0f64; self.classes.len()];
        let mut buf = String::with_capacity(64);
        let context = make_context(tokens);
        let (mut prev, mut prev2): (&str, &str) = (START[0], START[1]);
        for (i, &word) in tokens.iter().enumerate() {
            let id = match self.tagdict.get(word) {
                Some(&t) => t,
                None => {
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    for_each_feature(
                        self.feature_set,
                        i,
                        word,
                        &context,
                        prev,
                        prev2,
                        &mut buf,
                        |f| {
                            if let Some((a, b)) = self.index.get(f) {
                                for (c, w) in
                                    self.entry_class[a..b].iter().zip(&self.entry_weight[a..b])
                                {
                                    scores[*c as usize] += *w;
                                }
                            }
                        },
                    );
                    argmax(&scores)
                }
            };
            out.push(id);
            prev2 = prev;
            prev = &self.classes[id as usize];
        }
        out
    }

    /// The name of class `id`.
    pub fn class_name(&self, id: u16) -> &str {
        self.classes.get(id as usize).map_or("", |c| c)
    }

    /// Trains a tagger on tagged sentences with NLTK's algorithm.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there is nothing to train on or a tag is
    /// empty.
    pub fn train(sentences: &[Vec<(String, String)>], cfg: &TrainConfig) -> Result<Self> {
        train(sentences, cfg)
    }

    /// Saves the model in nlkit's format (see [`super::model`]).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be written.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = super::model::encode(self)?;
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
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
        self.tag_ids(tokens)
            .into_iter()
            .map(|id| self.class_name(id))
            .collect()
    }
}

/// `-START-`, `-START2-`, the normalised words, `-END-`, `-END2-`.
fn make_context<'a, S: AsRef<str>>(tokens: &'a [S]) -> Vec<Cow<'a, str>> {
    let mut context: Vec<Cow<'a, str>> = Vec::with_capacity(tokens.len() + 4);
    context.extend(START.iter().map(|s| Cow::Borrowed(*s)));
    context.extend(tokens.iter().map(|w| normalize(w.as_ref())));
    context.extend(END.iter().map(|s| Cow::Borrowed(*s)));
    context
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

/// One weight during training (NLTK's `weights[f][c]`, `_totals[(f, c)]`,
/// `_tstamps[(f, c)]`).
#[derive(Clone, Copy)]
struct Param {
    class: u16,
    weight: f64,
    total: f64,
    stamp: u64,
}

fn train(sentences: &[Vec<(String, String)>], cfg: &TrainConfig) -> Result<PerceptronTagger> {
    // Tag dictionary and classes, as NLTK's _make_tagdict.
    let mut counts: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    let mut class_set: std::collections::BTreeSet<&str> = Default::default();
    let mut n_tokens = 0usize;
    for s in sentences {
        for (w, t) in s {
            if t.is_empty() {
                return Err(Error::InvalidInput(format!(
                    "training data gives the word `{w}` an empty tag"
                )));
            }
            class_set.insert(t);
            let e = counts.entry(w).or_default();
            match e.iter_mut().find(|(tt, _)| tt == t) {
                Some(x) => x.1 += 1,
                None => e.push((t, 1)),
            }
            n_tokens += 1;
        }
    }
    if n_tokens == 0 {
        return Err(Error::InvalidInput("no tagged tokens to train on".into()));
    }
    if class_set.len() > u16::MAX as usize {
        return Err(Error::InvalidInput("too many distinct tags".into()));
    }
    let classes: Vec<&str> = class_set.into_iter().collect();
    let class_id: HashMap<&str, u16> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u16))
        .collect();
    let mut tagdict: FxMap<Box<str>, u16> = FxMap::default();
    for (w, freqs) in &counts {
        // max() keeps the first of equal counts, in insertion order
        let mut best = freqs[0];
        for &f in &freqs[1..] {
            if f.1 > best.1 {
                best = f;
            }
        }
        let n: usize = freqs.iter().map(|f| f.1).sum();
        if n >= cfg.tagdict_min_count && (best.1 as f64 / n as f64) >= cfg.tagdict_min_ratio {
            tagdict.insert((*w).into(), class_id[best.0]);
        }
    }
    drop(counts);

    let n_classes = classes.len();
    let mut feat_ids: FxMap<Box<str>, u32> = FxMap::default();
    let mut params: Vec<Vec<Param>> = Vec::new();
    let mut stamp: u64 = 0;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut scores = vec![0f64; n_classes];
    let mut buf = String::new();
    let mut feats: Vec<u32> = Vec::with_capacity(64);
    let gold: Vec<Vec<u16>> = sentences
        .iter()
        .map(|s| s.iter().map(|(_, t)| class_id[t.as_str()]).collect())
        .collect();
    for iter in 0..cfg.iterations {
        let bar = if cfg.progress {
            let b = indicatif::ProgressBar::new(order.len() as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} sentences ({eta})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b.set_message(format!("iteration {}/{}", iter + 1, cfg.iterations));
            Some(b)
        } else {
            None
        };
        let (mut correct, mut total) = (0usize, 0usize);
        for (k, &si) in order.iter().enumerate() {
            let sent = &sentences[si];
            let words: Vec<&str> = sent.iter().map(|(w, _)| w.as_str()).collect();
            let context = make_context(&words);
            let (mut prev, mut prev2) = (START[0], START[1]);
            for (i, &word) in words.iter().enumerate() {
                let truth = gold[si][i];
                let guess = match tagdict.get(word) {
                    Some(&t) => t,
                    None => {
                        feats.clear();
                        for_each_feature(
                            cfg.feature_set,
                            i,
                            word,
                            &context,
                            prev,
                            prev2,
                            &mut buf,
                            |f| {
                                let id = match feat_ids.get(f) {
                                    Some(&id) => id,
                                    None => {
                                        let id = params.len() as u32;
                                        feat_ids.insert(f.into(), id);
                                        params.push(Vec::new());
                                        id
                                    }
                                };
                                feats.push(id);
                            },
                        );
                        scores.iter_mut().for_each(|s| *s = 0.0);
                        for &f in &feats {
                            for p in &params[f as usize] {
                                scores[p.class as usize] += p.weight;
                            }
                        }
                        let guess = argmax(&scores);
                        stamp += 1;
                        if guess != truth {
                            for &f in &feats {
                                let row = &mut params[f as usize];
                                upd(row, truth, 1.0, stamp);
                                upd(row, guess, -1.0, stamp);
                            }
                        }
                        guess
                    }
                };
                prev2 = prev;
                prev = classes[guess as usize];
                correct += usize::from(guess == truth);
                total += 1;
            }
            if let Some(b) = &bar {
                if k % 256 == 0 {
                    b.set_position(k as u64);
                }
            }
        }
        if let Some(b) = bar {
            b.finish_with_message(format!(
                "iteration {}/{}: {:.2}% on training data",
                iter + 1,
                cfg.iterations,
                100.0 * correct as f64 / total.max(1) as f64
            ));
        }
        order.shuffle(&mut rng);
    }

    // Average (NLTK: round(total / i, 3), kept when non-zero).
    let n = stamp.max(1) as f64;
    let mut names: Vec<(&str, u32)> = feat_ids.iter().map(|(k, &v)| (&**k, v)).collect();
    names.sort_unstable();
    let mut tb = TableBuilder::default();
    for (name, id) in names {
        let row = &params[id as usize];
        let mut r: Vec<(u16, f64)> = row
            .iter()
            .filter_map(|p| {
                let t = p.total + (stamp - p.stamp) as f64 * p.weight;
                let avg = ((t / n) * 1000.0).round() / 1000.0;
                (avg != 0.0 && avg.abs() >= cfg.prune_below).then_some((p.class, avg))
            })
            .collect();
        r.sort_by_key(|e| e.0);
        tb.push_row(name, r);
    }
    let (features, index, row_start, entry_class, entry_weight) = tb.finish();
    Ok(PerceptronTagger {
        classes: classes.iter().map(|c| Box::from(*c)).collect(),
        tagdict,
        features,
        index,
        row_start,
        entry_class,
        entry_weight,
        feature_set: cfg.feature_set,
        meta: ModelMeta {
            iterations: cfg.iterations as u32,
            seed: cfg.seed,
            train_tokens: n_tokens as u64,
            ..ModelMeta::default()
        },
    })
}

/// NLTK's `upd_feat`: bring the running total up to date, then change the
/// weight.
fn upd(row: &mut Vec<Param>, class: u16, delta: f64, stamp: u64) {
    // NLTK increments `i` before updating, so updates see the new count.
    let p = match row.iter_mut().position(|p| p.class == class) {
        Some(k) => &mut row[k],
        None => {
            row.push(Param {
                class,
                weight: 0.0,
                total: 0.0,
                stamp: 0,
            });
            let k = row.len() - 1;
            &mut row[k]
        }
    };
    p.total += (stamp - p.stamp) as f64 * p.weight;
    p.stamp = stamp;
    p.weight += delta;
}
