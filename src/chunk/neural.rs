//! A chunker on nlkit's neural sequence labeller
//! ([`crate::neural::labeller`]): a model trained with `nlkit train-neural
//! --task chunk` (optionally reading the POS column, `--features pos`)
//! labels each token with an IOB tag (so does an encoder fine-tuned with
//! `--task chunk --encoder`, with or without the POS column), and the tags become a chunk tree as
//! NLTK's `conlltags2tree` builds it. NLTK has no neural chunker; its
//! role matches NLTK book's classifier-based chunkers.

use std::path::Path;

use super::{conlltags2tree, Chunker};
use crate::neural::labeller::SequenceLabeller;
use crate::neural::AnyLabeller;
use crate::tree::Tree;
use crate::{Error, Result};

/// A [`Chunker`] over a neural IOB labeller.
///
/// # Example
/// ```
/// use nlkit::chunk::{Chunker, NeuralChunker};
/// use nlkit::neural::labeller::{train_examples, Example, FeatureColumn, LabellerConfig, ModelInfo, TrainConfig};
/// let s = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let data = vec![Example { words: s(&["the", "cat", "sat"]), features: vec![s(&["DT", "NN", "VBD"])], labels: s(&["B-NP", "I-NP", "O"]) }];
/// let mut config = LabellerConfig::small();
/// config.features.push(FeatureColumn { name: "pos".into(), dim: 4 });
/// let opts = TrainConfig { epochs: 30, ..TrainConfig::default() };
/// let m = train_examples(&data, &[], &config, &opts, ModelInfo::new("chunk"), &candle_core::Device::Cpu).unwrap();
/// let chunker = NeuralChunker::new(m).unwrap();
/// let t = chunker.parse(&[("the", "DT"), ("cat", "NN"), ("sat", "VBD")]).unwrap();
/// assert_eq!(t.to_string(), "(S (NP the/DT cat/NN) sat/VBD)");
/// ```
#[derive(Debug)]
pub struct NeuralChunker {
    model: AnyLabeller,
    reads_pos: bool,
}

impl NeuralChunker {
    /// Wraps a labeller whose labels are IOB chunk tags and whose only
    /// extra input, if any, is the `pos` column.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a model reading other feature columns.
    pub fn new(model: SequenceLabeller) -> Result<Self> {
        Self::from_any(AnyLabeller::Labeller(Box::new(model)))
    }

    /// Wraps a labeller of either kind.
    ///
    /// # Errors
    /// As [`NeuralChunker::new`].
    pub fn from_any(model: AnyLabeller) -> Result<Self> {
        let cols: Vec<&str> = model
            .feature_columns()
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        let reads_pos = match cols.as_slice() {
            [] => false,
            ["pos"] => true,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "a chunker model may read only the `pos` column; this one reads [{}]",
                    cols.join(", ")
                )))
            }
        };
        Ok(NeuralChunker { model, reads_pos })
    }

    /// Loads a `train-neural --task chunk` folder (CPU) as a chunker: a
    /// labeller checkpoint or a fine-tuned encoder.
    ///
    /// # Errors
    /// As [`AnyLabeller::load`] and [`NeuralChunker::new`].
    pub fn load(dir: &Path) -> Result<Self> {
        Self::from_any(AnyLabeller::load(dir, &candle_core::Device::Cpu)?)
    }

    /// Chunks several sentences at once (the network is much faster on
    /// batches than one sentence at a time).
    ///
    /// # Errors
    /// [`Error::Model`] when the network fails; a label that is not an IOB
    /// tag (a model trained for another task) as `conlltags2tree` reports.
    pub fn parse_sents(&self, sentences: &[Vec<(&str, &str)>]) -> Result<Vec<Tree>> {
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(|(w, _)| *w).collect())
            .collect();
        let feats: Vec<Vec<Vec<&str>>> = sentences
            .iter()
            .map(|s| {
                if self.reads_pos {
                    vec![s.iter().map(|(_, t)| *t).collect()]
                } else {
                    Vec::new()
                }
            })
            .collect();
        let labels = self.model.label_sents_with(&words, &feats)?;
        sentences
            .iter()
            .zip(labels)
            .map(|(s, l)| {
                let rows: Vec<(&str, &str, &str)> =
                    s.iter().zip(l).map(|((w, t), c)| (*w, *t, c)).collect();
                conlltags2tree(&rows, "S", false)
            })
            .collect()
    }
}

impl Chunker for NeuralChunker {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        let mut trees = self.parse_sents(&[tagged.to_vec()])?;
        trees
            .pop()
            .ok_or_else(|| Error::Model("the labeller returned no sentence".into()))
    }
}
