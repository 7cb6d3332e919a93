//! Saving and loading the classic taggers in nlkit's tagger model format
//! ([`crate::tag::model`]; NLTK pickles its taggers instead).
//!
//! A trained tagger (with its whole backoff chain) is turned into plain
//! data, a [`ClassicModel`], which is what the file stores; loading turns
//! the data back into the same tagger types ([`DefaultTagger`],
//! [`RegexpTagger`], [`NgramTagger`], [`AffixTagger`],
//! [`HiddenMarkovModelTagger`], [`BrillTagger`]), so a loaded tagger tags
//! exactly as the one that was saved. [`ClassicTagger`] bundles a model, its
//! training vocabulary (for known/unknown-word evaluation) and metadata, and
//! trains the chains of `nlkit train-tagger --algorithm ngram|hmm|brill`.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{
    fntbl37, AffixTagger, Backoff, BrillRule, BrillTagger, BrillTaggerTrainer, DefaultTagger,
    HiddenMarkovModelTagger, HmmEstimator, NgramTagger, RegexpTagger, SequentialBackoffTagger,
};
use crate::tag::model::{read_container, write_container, ModelMeta};
use crate::tag::Tagger;
use crate::{Error, Result};

/// A classic tagger and its backoff chain as plain data (what nlkit's model
/// file stores for the classic taggers).
///
/// Context tables are `(context, tag)` pairs sorted by context. An n-gram
/// context is the `n - 1` previous tags, each followed by `U+001F`, then
/// `U+001F` and the word; an affix context is the affix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClassicModel {
    /// [`DefaultTagger`].
    Default {
        /// The tag of every token.
        tag: String,
    },
    /// [`RegexpTagger`].
    Regexp {
        /// `(pattern, tag)` pairs, tried in order.
        patterns: Vec<(String, String)>,
        /// The backoff tagger.
        backoff: Option<Box<ClassicModel>>,
    },
    /// [`NgramTagger`].
    Ngram {
        /// The order.
        n: usize,
        /// The context table.
        table: Vec<(String, String)>,
        /// The backoff tagger.
        backoff: Option<Box<ClassicModel>>,
    },
    /// [`AffixTagger`].
    Affix {
        /// Affix length (negative: a suffix).
        affix_length: i64,
        /// Words shorter than this (in characters) get no tag.
        min_word_length: u64,
        /// The affix table.
        table: Vec<(String, String)>,
        /// The backoff tagger.
        backoff: Option<Box<ClassicModel>>,
    },
    /// [`HiddenMarkovModelTagger`]: base-2 log probabilities as `f32`.
    Hmm {
        /// States (tags), in order.
        states: Vec<String>,
        /// Symbols (words), in order.
        symbols: Vec<String>,
        /// Log priors, one per state.
        priors: Vec<f32>,
        /// Log transitions, `states × states`, row-major.
        transitions: Vec<f32>,
        /// Log outputs, `symbols × states`, symbol-major.
        outputs: Vec<f32>,
        /// Log output of an unseen word, per state.
        unseen: Vec<f32>,
    },
    /// [`BrillTagger`].
    Brill {
        /// The initial tagger.
        initial: Box<ClassicModel>,
        /// The rules, in order.
        rules: Vec<BrillRule>,
    },
}

/// Adapts a sequential tagger chain to [`Tagger`] (`None` → `""`).
struct Sequential(Box<dyn SequentialBackoffTagger>);

impl Tagger for Sequential {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        self.0
            .tag_opt(tokens)
            .into_iter()
            .map(|t| t.unwrap_or(super::NONE_TAG))
            .collect()
    }
}

fn bad(what: &str) -> Error {
    Error::Model(format!("corrupt nlkit tagger model: {what}"))
}

impl ClassicModel {
    /// The model's kind, as stored in the file's metadata (`default`,
    /// `regexp`, `ngram`, `affix`, `hmm`, `brill`).
    pub fn kind(&self) -> &'static str {
        match self {
            ClassicModel::Default { .. } => "default",
            ClassicModel::Regexp { .. } => "regexp",
            ClassicModel::Ngram { .. } => "ngram",
            ClassicModel::Affix { .. } => "affix",
            ClassicModel::Hmm { .. } => "hmm",
            ClassicModel::Brill { .. } => "brill",
        }
    }

    /// Whether `kind` names a classic model.
    pub fn is_kind(kind: &str) -> bool {
        matches!(
            kind,
            "default" | "regexp" | "ngram" | "affix" | "hmm" | "brill"
        )
    }

    fn backoff(b: Option<Box<ClassicModel>>) -> Result<Backoff> {
        b.map(|m| m.into_sequential()).transpose()
    }

    /// The sequential tagger of this model (`Default`, `Regexp`, `Ngram`,
    /// `Affix`).
    ///
    /// # Errors
    /// [`Error::Model`] for an HMM or Brill model (they cannot be a backoff
    /// tagger), [`Error::Regex`] for an invalid pattern.
    pub fn into_sequential(self) -> Result<Box<dyn SequentialBackoffTagger>> {
        Ok(match self {
            ClassicModel::Default { tag } => Box::new(DefaultTagger::new(&tag)),
            ClassicModel::Regexp { patterns, backoff } => {
                let p: Vec<(&str, &str)> = patterns
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect();
                Box::new(RegexpTagger::new(&p, Self::backoff(backoff)?)?)
            }
            ClassicModel::Ngram { n, table, backoff } => {
                Box::new(NgramTagger::from_table(n, table, Self::backoff(backoff)?))
            }
            ClassicModel::Affix {
                affix_length,
                min_word_length,
                table,
                backoff,
            } => Box::new(AffixTagger::from_table(
                isize::try_from(affix_length).map_err(|_| bad("affix length"))?,
                usize::try_from(min_word_length).map_err(|_| bad("word length"))?,
                table,
                Self::backoff(backoff)?,
            )),
            m => {
                return Err(bad(&format!(
                    "a `{}` tagger cannot be a backoff tagger",
                    m.kind()
                )))
            }
        })
    }

    /// The tagger of this model.
    ///
    /// # Errors
    /// [`Error::Model`] for inconsistent data, [`Error::Regex`] for an
    /// invalid pattern.
    pub fn into_tagger(self) -> Result<Box<dyn Tagger>> {
        Ok(match self {
            ClassicModel::Hmm {
                states,
                symbols,
                priors,
                transitions,
                outputs,
                unseen,
            } => Box::new(
                HiddenMarkovModelTagger::from_parts(
                    states,
                    symbols,
                    priors,
                    transitions,
                    outputs,
                    unseen,
                )
                .ok_or_else(|| bad("HMM table sizes disagree"))?,
            ),
            ClassicModel::Brill { initial, rules } => {
                Box::new(BrillTagger::new(initial.into_tagger()?, rules))
            }
            m => Box::new(Sequential(m.into_sequential()?)),
        })
    }
}

/// What the file body of a classic model holds.
#[derive(Serialize, Deserialize)]
struct Body {
    model: ClassicModel,
    vocabulary: Vec<String>,
}

/// A saveable classic tagger: a [`ClassicModel`], the tagger built from it,
/// the training vocabulary and the model metadata.
///
/// # Example
/// ```
/// use nlkit::tag::Tagger;
/// use nlkit::tag::classic::ClassicTagger;
/// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
/// let train = vec![s(&[("the", "DT"), ("dog", "NN"), ("runs", "VBZ")])];
/// let t = ClassicTagger::train_ngram(&train, 0, "NN").unwrap();
/// let bytes = t.to_bytes().unwrap();
/// let back = ClassicTagger::from_bytes(&bytes).unwrap();
/// assert_eq!(back.tag(&["the", "cat", "runs"]), ["DT", "NN", "VBZ"]);
/// ```
pub struct ClassicTagger {
    model: ClassicModel,
    tagger: Box<dyn Tagger>,
    vocabulary: HashSet<String>,
    meta: ModelMeta,
}

fn vocabulary(train: &[Vec<(String, String)>]) -> HashSet<String> {
    train
        .iter()
        .flat_map(|s| s.iter().map(|(w, _)| w.clone()))
        .collect()
}

fn train_tokens(train: &[Vec<(String, String)>]) -> u64 {
    train.iter().map(|s| s.len() as u64).sum()
}

impl ClassicTagger {
    /// A tagger from a model and the words it was trained on.
    ///
    /// # Errors
    /// As [`ClassicModel::into_tagger`].
    pub fn new(model: ClassicModel, vocabulary: HashSet<String>) -> Result<Self> {
        let tagger = model.clone().into_tagger()?;
        let meta = ModelMeta {
            kind: model.kind().to_string(),
            ..ModelMeta::default()
        };
        Ok(ClassicTagger {
            model,
            tagger,
            vocabulary,
            meta,
        })
    }

    /// The chain of `nlkit train-tagger --algorithm ngram`: trigram →
    /// bigram → unigram → `DefaultTagger(default_tag)`, each n-gram tagger
    /// with `cutoff`.
    ///
    /// # Errors
    /// [`Error::Model`] only on an internal inconsistency.
    pub fn train_ngram(
        train: &[Vec<(String, String)>],
        cutoff: usize,
        default_tag: &str,
    ) -> Result<Self> {
        let chain = ngram_chain(train, cutoff, default_tag);
        let model = chain
            .to_model()
            .ok_or_else(|| Error::Model("n-gram chain cannot be saved".into()))?;
        Self::trained(model, train)
    }

    /// The supervised HMM tagger with `estimator` (NLTK's
    /// `HiddenMarkovModelTagger.train` uses Lidstone 0.1, the default).
    ///
    /// # Errors
    /// [`Error::Model`] only on an internal inconsistency.
    pub fn train_hmm(train: &[Vec<(String, String)>], estimator: HmmEstimator) -> Result<Self> {
        let model = HiddenMarkovModelTagger::train(train, estimator).to_model();
        Self::trained(model, train)
    }

    /// A Brill tagger: `initial` (a model, e.g. of [`Self::train_ngram`])
    /// then at most `max_rules` rules of score ≥ `min_score` learned with
    /// NLTK's [`fntbl37`] templates.
    ///
    /// # Errors
    /// As [`ClassicModel::into_tagger`] for the initial model.
    pub fn train_brill(
        train: &[Vec<(String, String)>],
        initial: ClassicModel,
        max_rules: usize,
        min_score: i64,
    ) -> Result<Self> {
        let trainer = BrillTaggerTrainer::new(initial.clone().into_tagger()?, fntbl37());
        let rules = trainer.learn(train, max_rules, min_score);
        let model = ClassicModel::Brill {
            initial: Box::new(initial),
            rules,
        };
        Self::trained(model, train)
    }

    fn trained(model: ClassicModel, train: &[Vec<(String, String)>]) -> Result<Self> {
        let mut t = Self::new(model, vocabulary(train))?;
        t.meta.train_tokens = train_tokens(train);
        Ok(t)
    }

    /// The model data.
    pub fn model(&self) -> &ClassicModel {
        &self.model
    }

    /// The metadata.
    pub fn meta(&self) -> &ModelMeta {
        &self.meta
    }

    /// Mutable metadata (to describe a model before saving it).
    pub fn meta_mut(&mut self) -> &mut ModelMeta {
        &mut self.meta
    }

    /// Whether `word` occurred in the training data.
    pub fn knows(&self, word: &str) -> bool {
        self.vocabulary.contains(word)
    }

    /// Encodes the tagger in nlkit's model format.
    ///
    /// # Errors
    /// [`Error::Model`] if encoding fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut vocabulary: Vec<String> = self.vocabulary.iter().cloned().collect();
        vocabulary.sort_unstable();
        let body = Body {
            model: self.model.clone(),
            vocabulary,
        };
        let raw =
            postcard::to_stdvec(&body).map_err(|e| Error::Model(format!("encoding model: {e}")))?;
        let mut meta = self.meta.clone();
        meta.kind = self.model.kind().to_string();
        write_container(meta, &raw)
    }

    /// Decodes a tagger written by [`Self::to_bytes`].
    ///
    /// # Errors
    /// [`Error::Model`] for bytes that are not a classic tagger model of
    /// this format version, or are corrupt or truncated.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (meta, raw) = read_container(bytes)?;
        if !ClassicModel::is_kind(&meta.kind) {
            return Err(Error::Model(format!(
                "this is a `{}` tagger model, not a classic one (load it with nlkit::tag::load_model)",
                if meta.kind.is_empty() { "perceptron" } else { &meta.kind }
            )));
        }
        let body: Body = postcard::from_bytes(&raw).map_err(|e| bad(&format!("body: {e}")))?;
        if body.model.kind() != meta.kind {
            return Err(bad("kind of header and body disagree"));
        }
        let mut t = Self::new(body.model, body.vocabulary.into_iter().collect())?;
        t.meta = meta;
        Ok(t)
    }

    /// Saves the tagger to `path`, atomically ([`crate::io::write_atomic`]).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be written.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        crate::io::write_atomic(path, &bytes)
    }

    /// Loads a tagger saved by [`Self::save`].
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read, [`Error::Model`] (naming
    /// the file) as [`Self::from_bytes`].
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(&bytes).map_err(|e| match e {
            Error::Model(m) => Error::Model(format!("{}: {m}", path.display())),
            e => e,
        })
    }
}

/// The trigram → bigram → unigram → `DefaultTagger(default_tag)` chain of
/// [`ClassicTagger::train_ngram`], as the library tagger itself.
pub fn ngram_chain(
    train: &[Vec<(String, String)>],
    cutoff: usize,
    default_tag: &str,
) -> NgramTagger {
    let d: Backoff = Some(Box::new(DefaultTagger::new(default_tag)));
    let u = NgramTagger::unigram(train, cutoff, d);
    let b = NgramTagger::bigram(train, cutoff, Some(Box::new(u)));
    NgramTagger::trigram(train, cutoff, Some(Box::new(b)))
}

impl Tagger for ClassicTagger {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        self.tagger.tag(tokens)
    }
}
