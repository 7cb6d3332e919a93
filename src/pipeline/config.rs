//! Declarative pipeline configuration: a versioned JSON file that names
//! the sentence splitter, the tokenizer and the stages (`nlkit pipeline
//! --config FILE`). Paths in it are relative to the working directory.
//!
//! ```json
//! {
//!   "format": "nlkit-pipeline", "version": 1,
//!   "sentences": {"type": "ud"},
//!   "tokenizer": "ud",
//!   "stages": [
//!     {"type": "tag", "column": "tags", "model": "embedded:xpos"},
//!     {"type": "tag", "column": "upos", "model": "embedded:upos", "first_column": "tags"},
//!     {"type": "lemmas"}
//!   ]
//! }
//! ```

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{PerceptronRef, Pipeline, StackedTagStage, TagStage};
use crate::tag::{AnyTagger, LoadedModel, TaggerSource};
use crate::{Error, Result};

/// The `format` value of a pipeline config file.
pub const CONFIG_FORMAT: &str = "nlkit-pipeline";
/// The config version this build reads and writes.
pub const CONFIG_VERSION: u32 = 1;

/// A pipeline configuration (see the module documentation for the file).
///
/// # Example
/// ```
/// use nlkit::pipeline::PipelineConfig;
/// let cfg = PipelineConfig::from_json(r#"{"format": "nlkit-pipeline", "version": 1,
///     "stages": [{"type": "tag", "column": "tags", "model": "embedded:xpos"}]}"#).unwrap();
/// let p = cfg.build().unwrap();
/// assert_eq!(p.process("d", 0, "Cats sleep.").unwrap()[0].tags.as_deref().unwrap(), ["NNS", "VBP", "."]);
/// assert_eq!(PipelineConfig::from_json(&PipelineConfig::default_english().to_json()).unwrap(),
///            PipelineConfig::default_english());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineConfig {
    /// Always [`CONFIG_FORMAT`].
    pub format: String,
    /// Always [`CONFIG_VERSION`] for this build.
    pub version: u32,
    /// The sentence splitter.
    #[serde(default)]
    pub sentences: SentencesConfig,
    /// The word tokenizer, by `nlkit tokenize -t` name (default when left
    /// out: `word`, NLTK's `word_tokenize`).
    #[serde(default = "default_tokenizer")]
    pub tokenizer: String,
    /// The stages, in order.
    #[serde(default)]
    pub stages: Vec<StageConfig>,
}

fn default_tokenizer() -> String {
    "word".into()
}

/// The sentence splitter of a [`PipelineConfig`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum SentencesConfig {
    /// Punkt: nlkit's embedded English model, or the model in an NLTK
    /// `punkt_tab` language folder.
    Punkt {
        /// The `punkt_tab` language folder (default: the embedded model).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<PathBuf>,
    },
    /// Each non-blank line is a sentence.
    Line,
    /// nlkit's sentence splitter trained on UD English-EWT
    /// ([`crate::sentence::UdSentenceTokenizer`]).
    Ud,
}

impl Default for SentencesConfig {
    fn default() -> Self {
        SentencesConfig::Punkt { model: None }
    }
}

/// One stage of a [`PipelineConfig`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum StageConfig {
    /// A part-of-speech tagger writing `column`.
    Tag {
        /// The output column (`tags`, `upos` or another name).
        column: String,
        /// `embedded:xpos`, `embedded:upos`, an nlkit model file, or
        /// `nltk:DIR` (NLTK's averaged_perceptron_tagger_eng folder).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<String>,
        /// A stacked model reads its first stage's tags from this column.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_column: Option<String>,
        /// nlkit's contextual English tagger on this encoder folder
        /// (needs the `neural` feature); `model` must be absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        encoder: Option<PathBuf>,
        /// With `encoder`: the UPOS head instead of the Penn Treebank one.
        #[serde(default)]
        upos: bool,
    },
    /// IOB chunk tags (column `chunks`) from the `tags` column.
    Chunks {
        /// An nlkit chunker model file (`nlkit train-chunker`); default:
        /// the embedded English model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<PathBuf>,
    },
    /// WordNet lemmas (column `lemmas`).
    Lemmas {
        /// WordNet folder, `wordnet.zip` or NLTK data folder (default: NLTK's
        /// search path).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wordnet: Option<PathBuf>,
    },
}

impl PipelineConfig {
    /// The configuration of [`Pipeline::default_english`]: UD sentences and
    /// tokens, then the embedded taggers. (A file that leaves out
    /// `sentences` and `tokenizer` gets Punkt and `word`, NLTK's behaviour.)
    pub fn default_english() -> Self {
        PipelineConfig {
            format: CONFIG_FORMAT.into(),
            version: CONFIG_VERSION,
            sentences: SentencesConfig::Ud,
            tokenizer: "ud".into(),
            stages: vec![
                StageConfig::Tag {
                    column: "tags".into(),
                    model: Some("embedded:xpos".into()),
                    first_column: None,
                    encoder: None,
                    upos: false,
                },
                StageConfig::Tag {
                    column: "upos".into(),
                    model: Some("embedded:upos".into()),
                    first_column: Some("tags".into()),
                    encoder: None,
                    upos: false,
                },
            ],
        }
    }

    /// Reads a configuration from JSON text.
    ///
    /// # Errors
    /// [`Error::Json`] for malformed JSON or unknown fields,
    /// [`Error::ModelVersion`] for another format version, and
    /// [`Error::InvalidInput`] for a wrong `format`.
    pub fn from_json(text: &str) -> Result<Self> {
        // the version first, so a newer file says so rather than failing on a field
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| Error::Json {
            context: "pipeline config".into(),
            source: e,
        })?;
        if head.format.as_deref() != Some(CONFIG_FORMAT) {
            return Err(Error::InvalidInput(format!(
                "not an nlkit pipeline config: \"format\" must be \"{CONFIG_FORMAT}\""
            )));
        }
        match head.version {
            Some(CONFIG_VERSION) => {}
            v => {
                return Err(Error::ModelVersion {
                    what: "pipeline config",
                    found: v.unwrap_or(0),
                    min: CONFIG_VERSION,
                    max: CONFIG_VERSION,
                })
            }
        }
        serde_json::from_str(text).map_err(|e| Error::Json {
            context: "pipeline config".into(),
            source: e,
        })
    }

    /// Reads a configuration file.
    ///
    /// # Errors
    /// The read error, and those of [`PipelineConfig::from_json`] (with the
    /// file name).
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_json(&text).map_err(|e| match e {
            Error::Json { source, .. } => Error::Json {
                context: path.display().to_string(),
                source,
            },
            e => Error::InvalidInput(format!("{}: {e}", path.display())),
        })
    }

    /// The configuration as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Builds the pipeline: loads every model the configuration names.
    ///
    /// # Errors
    /// A model that cannot be loaded, an unknown tokenizer, a stage that
    /// reads a column no earlier stage writes ([`Pipeline::builder`]).
    pub fn build(&self) -> Result<Pipeline> {
        let mut b = Pipeline::builder();
        b = match &self.sentences {
            SentencesConfig::Punkt { model: None } => b,
            SentencesConfig::Punkt { model: Some(model) } => b.sentences(Box::new(
                crate::sentence::punkt::PunktSentenceTokenizer::from_dir(model)?,
            )),
            SentencesConfig::Line => b.sentences(Box::new(crate::sentence::LineSentenceTokenizer)),
            SentencesConfig::Ud => b.sentences(Box::new(
                crate::sentence::UdSentenceTokenizer::default_english(),
            )),
        };
        b = if self.sentences == SentencesConfig::Ud && self.tokenizer == "ud" {
            b.ud_text()
        } else {
            b.tokens(crate::tokenize::by_name(
                &self.tokenizer,
                &crate::tokenize::TokenizerConfig::default(),
            )?)
        };
        for st in &self.stages {
            b = match st {
                StageConfig::Tag {
                    column,
                    model,
                    first_column,
                    encoder,
                    upos,
                } => match (encoder, model) {
                    (Some(_), Some(_)) => {
                        return Err(Error::InvalidInput(format!(
                            "stage `{column}`: give either \"model\" or \"encoder\", not both"
                        )))
                    }
                    (Some(dir), None) => b.tag(column, contextual(dir, *upos)?),
                    (None, m) => {
                        let m = m.as_deref().unwrap_or("embedded:xpos");
                        match first_column {
                            Some(fc) => {
                                b.stage(Box::new(StackedTagStage::new(column, perceptron(m)?, fc)?))
                            }
                            None => b.stage(Box::new(TagStage::new(column, tagger(m)?))),
                        }
                    }
                },
                StageConfig::Chunks { model } => b.chunks(match model {
                    Some(p) => super::ChunkerRef::Shared(std::sync::Arc::new(
                        crate::chunk::load_chunker(p)?,
                    )),
                    None => super::ChunkerRef::Static(crate::chunk::default_chunker()?),
                }),
                StageConfig::Lemmas { wordnet } => {
                    let wn = match wordnet {
                        Some(p) => crate::wordnet::WordNet::open(p)?,
                        None => crate::wordnet::WordNet::load(None)?,
                    };
                    b.lemmas(crate::wordnet::WordNetLemmatizer::new(wn))
                }
            };
        }
        b.build()
    }
}

/// A perceptron named in a config (for stacked stages).
fn perceptron(name: &str) -> Result<PerceptronRef> {
    let not_perceptron = || {
        Error::InvalidInput(format!(
            "{name}: a stacked stage needs an averaged perceptron model"
        ))
    };
    Ok(match TaggerSource::parse(name).load()? {
        AnyTagger::Static(p) => PerceptronRef::Static(p),
        AnyTagger::Owned(m) => match *m {
            LoadedModel::Perceptron(p) => PerceptronRef::Shared(std::sync::Arc::new(p)),
            LoadedModel::Classic(_) => return Err(not_perceptron()),
        },
        #[cfg(feature = "neural")]
        AnyTagger::Context(_) | AnyTagger::Neural(_) | AnyTagger::FineTuned(_) => {
            return Err(not_perceptron())
        }
    })
}

/// Any tagger named in a config.
fn tagger(name: &str) -> Result<Box<dyn crate::tag::TryTagger>> {
    Ok(Box::new(crate::tag::TaggerSource::parse(name).load()?))
}

#[cfg(feature = "neural")]
fn contextual(dir: &std::path::Path, upos: bool) -> Result<Box<dyn crate::tag::TryTagger>> {
    let source = TaggerSource::Contextual {
        encoder: dir.to_path_buf(),
        upos,
    };
    Ok(Box::new(source.load()?))
}

#[cfg(not(feature = "neural"))]
fn contextual(dir: &std::path::Path, _upos: bool) -> Result<Box<dyn crate::tag::TryTagger>> {
    Err(Error::InvalidInput(format!(
        "{}: contextual taggers need nlkit built with the `neural` feature",
        dir.display()
    )))
}
