//! The labeller's hyper-parameters ([`LabellerConfig`], stored in every
//! checkpoint) and its training options ([`TrainConfig`]).

use serde::{Deserialize, Serialize};

use crate::progress::ProgressHandle;

/// The contextual encoder over the token features.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::EncoderKind;
/// assert_eq!(EncoderKind::BiLstm { hidden: 100, layers: 1 }.output_dim(), 200);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncoderKind {
    /// A bidirectional LSTM (`layers` stacked), `hidden` units per direction.
    BiLstm {
        /// Units per direction.
        hidden: usize,
        /// Stacked layers.
        layers: usize,
    },
    /// A stack of width-3 dilated 1-D convolutions with residual
    /// connections (Strubell et al. 2017's iterated dilated CNN, one pass).
    DilatedCnn {
        /// Channels.
        hidden: usize,
        /// The dilation of each layer, e.g. `[1, 2, 4, 1, 2, 4]`.
        dilations: Vec<usize>,
    },
}

impl EncoderKind {
    /// The width of the encoder's output per token.
    pub fn output_dim(&self) -> usize {
        match self {
            EncoderKind::BiLstm { hidden, .. } => 2 * hidden,
            EncoderKind::DilatedCnn { hidden, .. } => *hidden,
        }
    }
}

/// How tags are scored on dev data (and which score picks the best epoch).
///
/// # Example
/// ```
/// use nlkit::neural::labeller::{Metric, Task};
/// assert_eq!(Task::Ner.metric(), Metric::SpanF1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Token accuracy (part-of-speech tags).
    Accuracy,
    /// Span F1 with conlleval's definition (BIO/IOB entities and chunks).
    SpanF1,
}

/// An extra input column: each token's value (a POS tag, a tagger's
/// output, a gazetteer class...) read through its own embedding.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::FeatureColumn;
/// let pos = FeatureColumn { name: "pos".into(), dim: 16 };
/// assert_eq!(pos.dim, 16);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureColumn {
    /// The column's name (`pos`, `upos`, `xpos`: see
    /// [`super::Task::read_examples`]).
    pub name: String,
    /// Its embedding width.
    pub dim: usize,
}

/// The network's shape, stored in the checkpoint.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::LabellerConfig;
/// let c = LabellerConfig::default();
/// assert!(c.crf && c.word_dim > 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabellerConfig {
    /// Word (lower-cased form) embedding width.
    pub word_dim: usize,
    /// Word-shape embedding width.
    pub shape_dim: usize,
    /// Character embedding width.
    pub char_dim: usize,
    /// Character CNN filters (width 3, max-pooled over the word).
    pub char_filters: usize,
    /// Characters of a word the CNN reads (longer words are cut).
    pub max_word_chars: usize,
    /// The contextual encoder.
    pub encoder: EncoderKind,
    /// A CRF output layer (Viterbi decoding) instead of a per-token softmax.
    pub crf: bool,
    /// Dropout on the features and the encoder's output (training only).
    pub dropout: f32,
    /// Extra input columns besides the word (none by default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<FeatureColumn>,
}

impl Default for LabellerConfig {
    fn default() -> Self {
        LabellerConfig {
            word_dim: 64,
            shape_dim: 8,
            char_dim: 24,
            char_filters: 48,
            max_word_chars: 24,
            encoder: EncoderKind::DilatedCnn {
                hidden: 160,
                dilations: vec![1, 2, 4, 1, 2, 4],
            },
            crf: true,
            dropout: 0.4,
            features: Vec::new(),
        }
    }
}

impl LabellerConfig {
    /// Checks that every size is positive and sane (at most 65,536; at
    /// most 64 layers, dilations up to 4,096) and dropout is in [0, 1).
    ///
    /// # Errors
    /// [`crate::Error::InvalidInput`] naming the first bad value.
    pub fn validate(&self) -> crate::Result<()> {
        const MAX: usize = 1 << 16;
        let bad = |what: &str, v: usize| {
            Err(crate::Error::InvalidInput(format!(
                "labeller configuration: {what} = {v} is out of range"
            )))
        };
        for (what, v) in [
            ("word_dim", self.word_dim),
            ("shape_dim", self.shape_dim),
            ("char_dim", self.char_dim),
            ("char_filters", self.char_filters),
            ("max_word_chars", self.max_word_chars),
        ] {
            if v == 0 || v > MAX {
                return bad(what, v);
            }
        }
        if self.features.len() > 64 {
            return bad("features", self.features.len());
        }
        for f in &self.features {
            if f.dim == 0 || f.dim > MAX {
                return bad("feature dim", f.dim);
            }
        }
        match &self.encoder {
            EncoderKind::BiLstm { hidden, layers } => {
                if *hidden == 0 || *hidden > MAX {
                    return bad("hidden", *hidden);
                }
                if *layers == 0 || *layers > 64 {
                    return bad("layers", *layers);
                }
            }
            EncoderKind::DilatedCnn { hidden, dilations } => {
                if *hidden == 0 || *hidden > MAX {
                    return bad("hidden", *hidden);
                }
                if dilations.len() > 64 {
                    return bad("layers", dilations.len());
                }
                if let Some(d) = dilations.iter().find(|d| **d == 0 || **d > 4096) {
                    return bad("dilation", *d);
                }
            }
        }
        if !(0.0..1.0).contains(&self.dropout) {
            return Err(crate::Error::InvalidInput(format!(
                "labeller configuration: dropout = {} is out of range",
                self.dropout
            )));
        }
        Ok(())
    }

    /// A tiny network (for tests and examples): trains in seconds.
    pub fn small() -> Self {
        LabellerConfig {
            word_dim: 16,
            shape_dim: 4,
            char_dim: 8,
            char_filters: 16,
            max_word_chars: 16,
            encoder: EncoderKind::DilatedCnn {
                hidden: 32,
                dilations: vec![1, 2],
            },
            crf: true,
            dropout: 0.1,
            features: Vec::new(),
        }
    }
}

/// Training options (not stored with the model, except as provenance).
///
/// # Example
/// ```
/// let opts = nlkit::neural::labeller::TrainConfig { epochs: 3, seed: 7, ..Default::default() };
/// assert_eq!(opts.batch_size, 16);
/// ```
#[derive(Clone)]
pub struct TrainConfig {
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Sentences per minibatch (batches hold sentences of similar length).
    pub batch_size: usize,
    /// AdamW's learning rate at epoch 1.
    pub learning_rate: f64,
    /// The rate at epoch `e` (0-based) is `learning_rate / (1 + lr_decay·e)`.
    pub lr_decay: f64,
    /// AdamW's decoupled weight decay.
    pub weight_decay: f64,
    /// Gradients are scaled down to at most this global L2 norm.
    pub clip_norm: f64,
    /// Stop after this many epochs without a better dev score.
    pub patience: usize,
    /// A word seen once in training is replaced by the unknown word with
    /// this probability (so that the model learns the unknown embedding).
    pub unk_replace: f64,
    /// Words seen fewer times are not in the vocabulary.
    pub min_word_count: usize,
    /// The seed of every random choice (initial weights, batch order,
    /// dropout): the same data, options and seed give the same model.
    pub seed: u64,
    /// How dev data is scored.
    pub metric: Metric,
    /// Progress reports: one phase per epoch, with loss and dev score.
    pub progress: Option<ProgressHandle>,
    /// When set, the best model so far is written to this checkpoint
    /// folder after every epoch that improves the dev score.
    pub save_best: Option<std::path::PathBuf>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            batch_size: 16,
            learning_rate: 2e-3,
            lr_decay: 0.05,
            weight_decay: 1e-4,
            clip_norm: 5.0,
            patience: 5,
            unk_replace: 0.5,
            min_word_count: 1,
            seed: 42,
            metric: Metric::Accuracy,
            progress: None,
            save_best: None,
        }
    }
}

impl std::fmt::Debug for TrainConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrainConfig")
            .field("epochs", &self.epochs)
            .field("batch_size", &self.batch_size)
            .field("learning_rate", &self.learning_rate)
            .field("seed", &self.seed)
            .field("metric", &self.metric)
            .finish_non_exhaustive()
    }
}
