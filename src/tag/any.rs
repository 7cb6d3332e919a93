//! Choosing a tagger by name and holding whichever kind it is.
//!
//! [`TaggerSource`] names a tagger the way `nlkit tag` flags and pipeline
//! configs do (`embedded:xpos`, `embedded:upos`, `nltk:DIR`, a model file,
//! or a contextual tagger over an encoder folder); [`TaggerSource::load`]
//! gives an [`AnyTagger`], one type for all of them, which tags through
//! [`TryTagger`] so that a failing encoder is an error, never empty tags.

use std::path::{Path, PathBuf};

use super::{LoadedModel, PerceptronTagger, Tagger, TryTagger};
use crate::Result;

/// Where a tagger comes from.
///
/// # Example
/// ```
/// use nlkit::tag::{TaggerSource, TryTagger};
/// let tagger = TaggerSource::parse("embedded:xpos").load().unwrap();
/// assert_eq!(tagger.try_tag(&["Cats", "sleep", "."]).unwrap(), ["NNS", "VBP", "."]);
/// assert!(TaggerSource::parse("no/such/model.bin").load().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaggerSource {
    /// nlkit's embedded English Penn Treebank (XPOS) model.
    EmbeddedXpos,
    /// nlkit's embedded English UPOS model.
    EmbeddedUpos,
    /// An nlkit tagger model file of any algorithm ([`super::load_model`]).
    Model(PathBuf),
    /// NLTK's `averaged_perceptron_tagger_eng` folder
    /// ([`PerceptronTagger::load_nltk`]).
    Nltk(PathBuf),
    /// nlkit's contextual English tagger over this encoder folder; `upos`
    /// picks the UPOS head (else Penn Treebank tags).
    #[cfg(feature = "neural")]
    Contextual {
        /// The encoder folder (config.json, tokenizer.json, model.safetensors).
        encoder: PathBuf,
        /// UPOS head instead of the Penn Treebank one.
        upos: bool,
    },
    /// A neural sequence labeller's checkpoint folder
    /// ([`crate::neural::labeller`]), run on the CPU: `neural:DIR`.
    #[cfg(feature = "neural")]
    Neural(PathBuf),
}

impl TaggerSource {
    /// Reads a tagger name as pipeline configs write it: `embedded:xpos`,
    /// `embedded:upos`, `nltk:DIR`, `neural:DIR` (with the `neural`
    /// feature), or else the path of a model file.
    pub fn parse(name: &str) -> Self {
        match name {
            "embedded:xpos" => TaggerSource::EmbeddedXpos,
            "embedded:upos" => TaggerSource::EmbeddedUpos,
            #[cfg(feature = "neural")]
            other if other.starts_with("neural:") => {
                TaggerSource::Neural(PathBuf::from(&other["neural:".len()..]))
            }
            other => match other.strip_prefix("nltk:") {
                Some(dir) => TaggerSource::Nltk(PathBuf::from(dir)),
                None => TaggerSource::Model(PathBuf::from(other)),
            },
        }
    }

    /// Loads the tagger.
    ///
    /// # Errors
    /// [`crate::Error::Io`] for a model file or folder that cannot be read,
    /// [`crate::Error::Model`] for one that is not a valid model (or an
    /// encoder folder with a missing or corrupt file).
    pub fn load(&self) -> Result<AnyTagger> {
        Ok(match self {
            TaggerSource::EmbeddedXpos => AnyTagger::Static(super::default_english_xpos()?),
            TaggerSource::EmbeddedUpos => AnyTagger::Static(super::default_english_upos()?),
            TaggerSource::Model(path) => AnyTagger::Owned(Box::new(super::load_model(path)?)),
            TaggerSource::Nltk(dir) => AnyTagger::Owned(Box::new(LoadedModel::Perceptron(
                PerceptronTagger::load_nltk(dir)?,
            ))),
            #[cfg(feature = "neural")]
            TaggerSource::Contextual { encoder, upos } => {
                let encoder = std::sync::Arc::new(crate::neural::Encoder::load(encoder)?);
                AnyTagger::Context(Box::new(super::ContextTagger::english(encoder, *upos)?))
            }
            #[cfg(feature = "neural")]
            // a fine-tuned encoder folder has `tagger.json`
            TaggerSource::Neural(dir) if dir.join("tagger.json").exists() => {
                AnyTagger::FineTuned(Box::new(crate::neural::FineTunedTagger::load(dir)?))
            }
            #[cfg(feature = "neural")]
            TaggerSource::Neural(dir) => AnyTagger::Neural(Box::new(
                crate::neural::labeller::SequenceLabeller::load(dir, &candle_core::Device::Cpu)?,
            )),
        })
    }

    /// The model file or folder this source reads, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            TaggerSource::EmbeddedXpos | TaggerSource::EmbeddedUpos => None,
            TaggerSource::Model(p) | TaggerSource::Nltk(p) => Some(p),
            #[cfg(feature = "neural")]
            TaggerSource::Contextual { encoder, .. } => Some(encoder),
            #[cfg(feature = "neural")]
            TaggerSource::Neural(dir) => Some(dir),
        }
    }
}

/// A loaded tagger of any kind: an embedded model (shared, decoded once),
/// one read from a file, or a contextual tagger.
///
/// # Example
/// ```
/// use nlkit::tag::{TaggerSource, TryTagger};
/// let tagger = TaggerSource::EmbeddedUpos.load().unwrap();
/// assert!(tagger.knows("the"));
/// assert_eq!(tagger.try_tag(&["Hello", "world", "."]).unwrap(), ["INTJ", "NOUN", "PUNCT"]);
/// ```
pub enum AnyTagger {
    /// An embedded model.
    Static(&'static PerceptronTagger),
    /// A model read from a file.
    Owned(Box<LoadedModel>),
    /// A contextual tagger (perceptron, encoder and head).
    #[cfg(feature = "neural")]
    Context(Box<super::ContextTagger>),
    /// A neural sequence labeller.
    #[cfg(feature = "neural")]
    Neural(Box<crate::neural::labeller::SequenceLabeller>),
    /// A fine-tuned encoder with a labelling layer.
    #[cfg(feature = "neural")]
    FineTuned(Box<crate::neural::FineTunedTagger>),
}

impl AnyTagger {
    /// Whether the model knows `word` (seen in training; for a contextual
    /// tagger, by its first stage).
    pub fn knows(&self, word: &str) -> bool {
        match self {
            AnyTagger::Static(t) => t.knows(word),
            AnyTagger::Owned(t) => t.knows(word),
            #[cfg(feature = "neural")]
            AnyTagger::Context(t) => t.first_stage().knows(word),
            #[cfg(feature = "neural")]
            AnyTagger::Neural(t) => t.knows(word),
            #[cfg(feature = "neural")]
            AnyTagger::FineTuned(t) => t.knows(word),
        }
    }

    /// Whether this tagger tags groups of sentences much faster than one
    /// by one (a contextual or neural tagger).
    pub fn prefers_groups(&self) -> bool {
        match self {
            #[cfg(feature = "neural")]
            AnyTagger::Context(_) | AnyTagger::Neural(_) | AnyTagger::FineTuned(_) => true,
            _ => false,
        }
    }

    /// The contextual tagger, when this is one (it tags groups of
    /// sentences much faster than one by one).
    #[cfg(feature = "neural")]
    pub fn as_context(&self) -> Option<&super::ContextTagger> {
        match self {
            AnyTagger::Context(t) => Some(t),
            _ => None,
        }
    }
}

impl std::fmt::Debug for AnyTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            AnyTagger::Static(_) => "Static",
            AnyTagger::Owned(_) => "Owned",
            #[cfg(feature = "neural")]
            AnyTagger::Context(_) => "Context",
            #[cfg(feature = "neural")]
            AnyTagger::Neural(_) => "Neural",
            #[cfg(feature = "neural")]
            AnyTagger::FineTuned(_) => "FineTuned",
        };
        f.debug_tuple("AnyTagger").field(&kind).finish()
    }
}

impl TryTagger for AnyTagger {
    fn try_tag<'t>(&'t self, tokens: &[&str]) -> Result<Vec<&'t str>> {
        match self {
            AnyTagger::Static(t) => Ok(t.tag(tokens)),
            AnyTagger::Owned(t) => Ok(t.tag(tokens)),
            #[cfg(feature = "neural")]
            AnyTagger::Context(t) => t.try_tag(tokens),
            #[cfg(feature = "neural")]
            AnyTagger::Neural(t) => t.label(tokens),
            #[cfg(feature = "neural")]
            AnyTagger::FineTuned(t) => {
                crate::neural::only_sentence(t.tag_sents(&[tokens.to_vec()])?)
            }
        }
    }

    fn try_tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<&'t str>>> {
        match self {
            AnyTagger::Static(t) => Ok(t.tag_sents(sentences)),
            AnyTagger::Owned(t) => Ok(t.tag_sents(sentences)),
            #[cfg(feature = "neural")]
            AnyTagger::Context(t) => TryTagger::try_tag_sents(t.as_ref(), sentences),
            #[cfg(feature = "neural")]
            AnyTagger::Neural(t) => t.label_sents(sentences),
            #[cfg(feature = "neural")]
            AnyTagger::FineTuned(t) => t.tag_sents(sentences),
        }
    }
}
