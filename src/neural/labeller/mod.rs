//! A trainable neural sequence labeller: one configurable network for
//! part-of-speech tags (UPOS, XPOS), BIO named entities and IOB chunks —
//! any CoNLL column.
//!
//! Each token is read through its word embedding (lower-cased form, digits
//! folded, [`word_key`]), its shape class ([`shape`]: keeps the case the key
//! drops) and a character CNN; a contextual encoder ([`EncoderKind`]: a
//! BiLSTM or a stack of dilated convolutions) mixes the sentence, and a
//! softmax or a linear-chain CRF (Viterbi decoding, forward-algorithm loss)
//! picks the labels. [`train_labeller`] trains it (length-sorted
//! minibatches, AdamW, gradient clipping, dropout, a decaying learning
//! rate, early stopping on dev, a seed that makes runs repeatable);
//! [`SequenceLabeller::save`]/[`SequenceLabeller::load`] write and read a
//! versioned checkpoint folder (`model.safetensors` + `config.json`).
//!
//! NLTK has no neural labeller; this matches the role of its `ne_chunk`
//! (named entities) and `pos_tag`, with the BiLSTM-CRF design of Lample et
//! al. (2016) and the dilated CNN of Strubell et al. (2017). Labelling never
//! returns made-up labels: every failure is an `Err`.
//!
//! # Example
//! ```
//! use nlkit::neural::labeller::{train_labeller, LabellerConfig, ModelInfo, TrainConfig};
//! let data: Vec<(Vec<String>, Vec<String>)> = vec![
//!     (vec!["the".into(), "cat".into()], vec!["DET".into(), "NOUN".into()]),
//!     (vec!["a".into(), "dog".into()], vec!["DET".into(), "NOUN".into()]),
//! ];
//! let opts = TrainConfig { epochs: 40, ..TrainConfig::default() };
//! let model = train_labeller(&data, &data, &LabellerConfig::small(), &opts, ModelInfo::new("upos"), &candle_core::Device::Cpu).unwrap();
//! assert_eq!(model.label(&["the", "dog"]).unwrap(), ["DET", "NOUN"]);
//! assert!(model.label::<&str>(&[]).unwrap().is_empty());
//! ```

mod checkpoint;
mod config;
mod crf;
mod data;
mod embedded;
mod model;
mod train;
mod vocab;

use candle_core::Device;
use serde::{Deserialize, Serialize};

pub(crate) use checkpoint::read_header;
pub use checkpoint::{weights_checksum, FORMAT, VERSION};
pub use config::{EncoderKind, FeatureColumn, LabellerConfig, Metric, TrainConfig};
pub use data::{Example, Labelled, Task};
pub use embedded::{embedded_ner, EMBEDDED_NER_LANGS};
pub(crate) use train::{check_examples, clip, column_vocabs, score_labels};
pub use train::{train_examples, train_labeller};
pub use vocab::{shape, word_key, Vocab, PAD, SHAPES, UNK};

use crate::neural::candle_err;
use crate::Result;
use crf::{argmax_rows, PlainCrf};
use model::{Batch, Net};

/// Provenance stored with a model: what it predicts, what it was trained
/// on, its licence, and how it scored.
///
/// # Example
/// ```
/// let info = nlkit::neural::labeller::ModelInfo::new("ner");
/// assert_eq!(info.task, "ner");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The task (`upos`, `xpos`, `ner`, `chunk`, or a caller's name).
    pub task: String,
    /// A description of the training data (files, sentences, tokens).
    pub training_data: String,
    /// The licence of the model (it follows the training data's).
    pub licence: String,
    /// The dev metric and the best dev score (percent), once trained.
    pub dev_metric: Option<Metric>,
    /// The best dev score in percent.
    pub dev_score: Option<f64>,
    /// Epochs trained (the best epoch's weights are kept).
    pub epochs: usize,
    /// The training seed.
    pub seed: u64,
}

impl ModelInfo {
    /// Provenance for a model of `task`, the rest unknown yet.
    pub fn new(task: &str) -> Self {
        ModelInfo {
            task: task.to_string(),
            training_data: String::new(),
            licence: String::new(),
            dev_metric: None,
            dev_score: None,
            epochs: 0,
            seed: 0,
        }
    }
}

/// Tokens per inference batch (sentences of similar length are grouped up
/// to this many tokens; a longer sentence is a batch of its own).
const BATCH_TOKENS: usize = 2048;

/// A trained sequence labeller (see the module documentation).
///
/// # Example
/// ```
/// use nlkit::neural::labeller::{train_labeller, LabellerConfig, ModelInfo, SequenceLabeller, TrainConfig};
/// let data = vec![(vec!["Ana".to_string(), "runs".to_string()], vec!["B-PER".to_string(), "O".to_string()])];
/// let opts = TrainConfig { epochs: 1, ..TrainConfig::default() };
/// let cpu = candle_core::Device::Cpu;
/// let m = train_labeller(&data, &[], &LabellerConfig::small(), &opts, ModelInfo::new("ner"), &cpu).unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// m.save(dir.path()).unwrap();
/// let back = SequenceLabeller::load(dir.path(), &cpu).unwrap();
/// assert_eq!(back.label(&["Ana", "runs"]).unwrap(), m.label(&["Ana", "runs"]).unwrap());
/// assert!(SequenceLabeller::load(std::path::Path::new("no/such/dir"), &cpu).is_err());
/// ```
pub struct SequenceLabeller {
    net: Net,
    plain_crf: Option<PlainCrf>,
    words: Vocab,
    chars: Vocab,
    /// One vocabulary per extra feature column.
    feats: Vec<Vocab>,
    labels: Vocab,
    info: ModelInfo,
    device: Device,
}

impl std::fmt::Debug for SequenceLabeller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SequenceLabeller")
            .field("task", &self.info.task)
            .field("labels", &self.labels.len())
            .field("words", &self.words.len())
            .finish_non_exhaustive()
    }
}

impl SequenceLabeller {
    fn from_parts(
        net: Net,
        words: Vocab,
        chars: Vocab,
        feats: Vec<Vocab>,
        labels: Vocab,
        info: ModelInfo,
        device: &Device,
    ) -> Result<Self> {
        let plain_crf = match &net.crf {
            Some(c) => Some(c.to_plain().map_err(candle_err("CRF"))?),
            None => None,
        };
        Ok(SequenceLabeller {
            net,
            plain_crf,
            words,
            chars,
            feats,
            labels,
            info,
            device: device.clone(),
        })
    }

    /// Labels one sentence (an empty sentence gives no labels).
    ///
    /// # Errors
    /// [`crate::Error::Model`] when the network fails (e.g. out of GPU
    /// memory); never empty or made-up labels.
    pub fn label<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Vec<&str>> {
        let sents = [tokens.iter().map(|s| s.as_ref()).collect::<Vec<&str>>()];
        crate::neural::only_sentence(self.label_sents(&sents)?)
    }

    /// Labels several sentences (batched by length; faster than one by one).
    ///
    /// # Errors
    /// As [`SequenceLabeller::label`]; [`crate::Error::InvalidInput`] for a
    /// model that reads extra feature columns (use
    /// [`SequenceLabeller::label_sents_with`]).
    pub fn label_sents<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Result<Vec<Vec<&str>>> {
        let none: Vec<Vec<Vec<&str>>> = vec![Vec::new(); sentences.len()];
        self.label_sents_with(sentences, &none)
    }

    /// Labels several sentences with their extra feature columns:
    /// `features[i][k][j]` is column `k`'s value for token `j` of sentence
    /// `i` (the columns of [`SequenceLabeller::feature_columns`], in order).
    ///
    /// # Errors
    /// As [`SequenceLabeller::label`]; [`crate::Error::InvalidInput`] when
    /// the columns are missing or a column's length differs from its
    /// sentence's.
    ///
    /// # Example
    /// ```
    /// use nlkit::neural::labeller::{train_examples, Example, FeatureColumn, LabellerConfig, ModelInfo, TrainConfig};
    /// let s = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    /// let data = vec![Example { words: s(&["the", "cat"]), features: vec![s(&["DT", "NN"])], labels: s(&["B-NP", "I-NP"]) }];
    /// let mut config = LabellerConfig::small();
    /// config.features.push(FeatureColumn { name: "pos".into(), dim: 4 });
    /// let opts = TrainConfig { epochs: 2, ..TrainConfig::default() };
    /// let m = train_examples(&data, &[], &config, &opts, ModelInfo::new("chunk"), &candle_core::Device::Cpu).unwrap();
    /// let tags = m.label_sents_with(&[vec!["a", "dog"]], &[vec![vec!["DT", "NN"]]]).unwrap();
    /// assert_eq!(tags[0].len(), 2);
    /// assert!(m.label_sents(&[vec!["a", "dog"]]).is_err());
    /// ```
    pub fn label_sents_with<S: AsRef<str>, F: AsRef<str>, C: AsRef<[Vec<F>]>>(
        &self,
        sentences: &[Vec<S>],
        features: &[C],
    ) -> Result<Vec<Vec<&str>>> {
        check_features(&self.net.config.features, sentences, features)?;
        let ids = decode(
            &self.net,
            self.plain_crf.as_ref(),
            [&self.words, &self.chars],
            &self.feats,
            sentences,
            features,
            &self.device,
        )?;
        ids.into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|i| {
                        self.labels.item(i as usize).ok_or_else(|| {
                            crate::Error::Model(format!("label index {i} out of range"))
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Whether `word`'s key ([`word_key`]) is in the word vocabulary.
    pub fn knows(&self, word: &str) -> bool {
        self.words.get(&word_key(word)).is_some()
    }

    /// The extra feature columns the model reads (none for most models).
    pub fn feature_columns(&self) -> &[FeatureColumn] {
        &self.net.config.features
    }

    /// The label set, in the output layer's order.
    pub fn labels(&self) -> &[String] {
        self.labels.items()
    }

    /// The network's configuration.
    pub fn config(&self) -> &LabellerConfig {
        &self.net.config
    }

    /// The model's provenance.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// The parameters by name.
    fn net_vars(&self) -> Vec<(String, candle_core::Tensor)> {
        self.net.named.clone()
    }

    /// The device the model runs on.
    pub fn device(&self) -> &Device {
        &self.device
    }
}

impl crate::tag::TryTagger for SequenceLabeller {
    fn try_tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<&'t str>>> {
        self.label_sents(sentences)
    }
}

/// Checks that every sentence has the model's feature columns, each as
/// long as the sentence.
pub(crate) fn check_features<S, F, C: AsRef<[Vec<F>]>>(
    columns: &[FeatureColumn],
    sentences: &[Vec<S>],
    features: &[C],
) -> Result<()> {
    if features.len() != sentences.len() {
        return Err(crate::Error::InvalidInput(format!(
            "{} sentences but feature columns for {}",
            sentences.len(),
            features.len()
        )));
    }
    for (i, (s, f)) in sentences.iter().zip(features).enumerate() {
        let f = f.as_ref();
        if f.len() != columns.len() {
            let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
            return Err(crate::Error::InvalidInput(format!(
                "sentence {}: the model reads {} feature column(s) [{}], {} given",
                i + 1,
                columns.len(),
                names.join(", "),
                f.len()
            )));
        }
        if let Some((k, c)) = f.iter().enumerate().find(|(_, c)| c.len() != s.len()) {
            return Err(crate::Error::InvalidInput(format!(
                "sentence {}: {} tokens but {} values of feature `{}`",
                i + 1,
                s.len(),
                c.len(),
                columns[k].name
            )));
        }
    }
    Ok(())
}

/// Label indices for each sentence: length-sorted batches through the
/// network, then Viterbi (CRF) or argmax per sentence. `features[i]` holds
/// sentence `i`'s feature columns (checked by [`check_features`]).
fn decode<S: AsRef<str>, F: AsRef<str>, C: AsRef<[Vec<F>]>>(
    net: &Net,
    crf: Option<&PlainCrf>,
    [words, chars]: [&Vocab; 2],
    fvocabs: &[Vocab],
    sentences: &[Vec<S>],
    features: &[C],
    device: &Device,
) -> Result<Vec<Vec<u32>>> {
    let err = candle_err("labeller");
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); sentences.len()];
    let mut order: Vec<usize> = (0..sentences.len())
        .filter(|&i| !sentences[i].is_empty())
        .collect();
    order.sort_by_key(|&i| sentences[i].len());
    let mut start = 0;
    while start < order.len() {
        let longest = sentences[order[start]].len();
        let mut end = start + 1;
        while end < order.len()
            && (end - start + 1) * sentences[order[end]].len().max(longest) <= BATCH_TOKENS
        {
            end += 1;
        }
        let group: Vec<&Vec<S>> = order[start..end].iter().map(|&i| &sentences[i]).collect();
        let refs: Vec<Vec<&str>> = group
            .iter()
            .map(|s| s.iter().map(AsRef::as_ref).collect())
            .collect();
        let fcols: Vec<&[Vec<F>]> = order[start..end]
            .iter()
            .map(|&i| features[i].as_ref())
            .collect();
        let batch = Batch::new(
            &refs,
            &fcols,
            words,
            chars,
            fvocabs,
            net.config.max_word_chars,
            |id| id,
            device,
        )
        .map_err(&err)?;
        let em: Vec<Vec<Vec<f32>>> = net
            .emissions(&batch, None)
            .and_then(|e| e.to_dtype(candle_core::DType::F32))
            .and_then(|e| e.to_vec3())
            .map_err(&err)?;
        for (k, &i) in order[start..end].iter().enumerate() {
            let n = batch.lens[k];
            let flat: Vec<f32> = em[k][..n].iter().flatten().copied().collect();
            out[i] = match crf {
                Some(c) => c.viterbi(&flat),
                None => argmax_rows(&flat, net.labels),
            };
            if out[i].len() != n {
                return Err(crate::Error::Model(format!(
                    "decoding gave {} labels for {n} tokens",
                    out[i].len()
                )));
            }
        }
        start = end;
    }
    Ok(out)
}
