//! Any `nlkit train-neural` output folder as one labeller: a
//! [`SequenceLabeller`] checkpoint (word/character features, BiLSTM or CNN,
//! CRF) or a [`FineTunedTagger`] (the fine-tuned encoder, `--encoder`).
//! `nlkit eval-ner`, `nlkit ner --model`, `nlkit chunk --model` and the
//! pipeline's neural stage take either kind through it. NLTK has no neural
//! labellers; this plays the role of its `TaggerI`/`ChunkParserI` for them.

use std::path::Path;

use candle_core::Device;

use super::labeller::{FeatureColumn, ModelInfo, SequenceLabeller};
use super::FineTunedTagger;
use crate::{Error, Result};

/// A loaded neural labeller of either kind (see the module documentation).
///
/// # Example
/// ```
/// use nlkit::neural::AnyLabeller;
/// use nlkit::neural::labeller::{train_examples, Example, LabellerConfig, ModelInfo, TrainConfig};
/// let s = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let data = vec![Example { words: s(&["Ana", "vive"]), features: vec![], labels: s(&["B-PER", "O"]) }];
/// let opts = TrainConfig { epochs: 20, ..TrainConfig::default() };
/// let cpu = candle_core::Device::Cpu;
/// let m = train_examples(&data, &[], &LabellerConfig::small(), &opts, ModelInfo::new("ner"), &cpu).unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// m.save(dir.path()).unwrap();
/// let any = AnyLabeller::load(dir.path(), &cpu).unwrap();
/// assert_eq!(any.info().task, "ner");
/// assert!(any.feature_columns().is_empty());
/// assert_eq!(any.label_sents(&[vec!["Ana", "vive"]]).unwrap(), vec![vec!["B-PER", "O"]]);
/// ```
#[derive(Debug)]
pub enum AnyLabeller {
    /// A sequence-labeller checkpoint (`config.json` + weights).
    Labeller(Box<SequenceLabeller>),
    /// A fine-tuned encoder (`tagger.json`, the encoder's files, the head).
    FineTuned(Box<FineTunedTagger>),
}

impl AnyLabeller {
    /// Loads a model folder: a fine-tuned encoder when it has
    /// `tagger.json`, else a labeller checkpoint onto `device`.
    ///
    /// # Errors
    /// The load errors of [`SequenceLabeller::load`] and
    /// [`FineTunedTagger::load`]; [`Error::InvalidInput`] for a fine-tuned
    /// encoder asked to run on a GPU (it runs on the CPU only).
    pub fn load(dir: &Path, device: &Device) -> Result<Self> {
        if dir.join("tagger.json").exists() {
            if !device.is_cpu() {
                return Err(Error::InvalidInput(format!(
                    "{}: a fine-tuned encoder runs on the CPU only (--device cpu)",
                    dir.display()
                )));
            }
            return Ok(AnyLabeller::FineTuned(Box::new(FineTunedTagger::load(
                dir,
            )?)));
        }
        Ok(AnyLabeller::Labeller(Box::new(SequenceLabeller::load(
            dir, device,
        )?)))
    }

    /// The extra input columns the model reads besides the words.
    pub fn feature_columns(&self) -> &[FeatureColumn] {
        match self {
            AnyLabeller::Labeller(l) => l.feature_columns(),
            AnyLabeller::FineTuned(t) => t.feature_columns(),
        }
    }

    /// The model's provenance (task, training data, licence).
    pub fn info(&self) -> &ModelInfo {
        match self {
            AnyLabeller::Labeller(l) => l.info(),
            AnyLabeller::FineTuned(t) => t.info(),
        }
    }

    /// The label set.
    pub fn labels(&self) -> &[String] {
        match self {
            AnyLabeller::Labeller(l) => l.labels(),
            AnyLabeller::FineTuned(t) => t.labels(),
        }
    }

    /// Labels sentences that need no extra columns.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the model reads feature columns;
    /// [`Error::Model`] when the network fails.
    pub fn label_sents<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Result<Vec<Vec<&str>>> {
        let none: Vec<Vec<Vec<&str>>> = vec![Vec::new(); sentences.len()];
        self.label_sents_with(sentences, &none)
    }

    /// Labels sentences with their extra columns (one `Vec` per column in
    /// [`AnyLabeller::feature_columns`] order, per sentence).
    ///
    /// # Errors
    /// As [`SequenceLabeller::label_sents_with`] and
    /// [`FineTunedTagger::tag_sents_with`]: never empty or made-up labels.
    pub fn label_sents_with<S: AsRef<str>, F: AsRef<str>, C: AsRef<[Vec<F>]>>(
        &self,
        sentences: &[Vec<S>],
        features: &[C],
    ) -> Result<Vec<Vec<&str>>> {
        match self {
            AnyLabeller::Labeller(l) => l.label_sents_with(sentences, features),
            AnyLabeller::FineTuned(t) => t.tag_sents_with(sentences, features),
        }
    }
}
