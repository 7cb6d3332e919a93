//! The pipeline's neural stage: a `nlkit train-neural` model (a sequence
//! labeller or a fine-tuned encoder) writing the column of its task —
//! `upos`, `tags` (for `xpos`), `ner` or `chunks` — and reading the extra
//! feature columns the model was trained with from earlier stages
//! (`pos`/`xpos` from `tags`, `upos` from `upos`).
//!
//! Errors of the network are returned as [`crate::Error::Model`] and stop
//! the pipeline: a sentence never gets empty or made-up labels.

use std::path::Path;

use super::{SentenceRecord, Stage};
use crate::neural::labeller::SequenceLabeller;
use crate::neural::AnyLabeller;
use crate::{Error, Result};

/// A neural model as a pipeline [`Stage`] (see the module documentation).
///
/// # Example
/// ```
/// use nlkit::pipeline::{NeuralStage, Pipeline};
/// let ner = NeuralStage::embedded_ner("es").unwrap();
/// assert_eq!(ner.column(), "ner");
/// let p = Pipeline::builder().stage(Box::new(ner)).build().unwrap();
/// let recs = p.process("d", 0, "Juan Pérez vive en Madrid.").unwrap();
/// assert_eq!(recs[0].column("ner").unwrap().len(), recs[0].tokens.len());
/// ```
pub struct NeuralStage {
    column: String,
    model: AnyLabeller,
    /// The record column each of the model's feature columns comes from.
    reads: Vec<String>,
}

impl NeuralStage {
    /// Loads a `nlkit train-neural` output folder (a fine-tuned encoder
    /// folder when it has `tagger.json`, else a labeller checkpoint) to run
    /// on the CPU.
    ///
    /// # Errors
    /// The model's load errors (missing or corrupt files, version or
    /// vocabulary mismatch), and [`Error::InvalidInput`] for a task or
    /// feature column the pipeline has no column for.
    pub fn load(dir: &Path) -> Result<Self> {
        Self::from_any(AnyLabeller::load(dir, &candle_core::Device::Cpu)?)
    }

    /// The stage for nlkit's embedded CoNLL-2002 NER model of `lang`
    /// (`es` or `nl`; [`crate::neural::labeller::embedded_ner`]).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for another language.
    pub fn embedded_ner(lang: &str) -> Result<Self> {
        Self::from_labeller(crate::neural::labeller::embedded_ner(
            lang,
            &candle_core::Device::Cpu,
        )?)
    }

    /// The stage for a loaded sequence labeller.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a task or feature column the pipeline
    /// has no column for.
    pub fn from_labeller(model: SequenceLabeller) -> Result<Self> {
        Self::from_any(AnyLabeller::Labeller(Box::new(model)))
    }

    /// The stage for a loaded labeller of either kind.
    ///
    /// # Errors
    /// As [`NeuralStage::from_labeller`].
    pub fn from_any(model: AnyLabeller) -> Result<Self> {
        let reads = model
            .feature_columns()
            .iter()
            .map(|f| column_for_feature(&f.name).map(str::to_string))
            .collect::<Result<Vec<_>>>()?;
        Ok(NeuralStage {
            column: column_for_task(&model.info().task)?.to_string(),
            model,
            reads,
        })
    }

    /// The column this stage writes.
    pub fn column(&self) -> &str {
        &self.column
    }
}

/// The record column a model of `task` writes.
fn column_for_task(task: &str) -> Result<&'static str> {
    Ok(match task {
        "upos" => "upos",
        "xpos" => "tags",
        "ner" => "ner",
        "chunk" => "chunks",
        _ => {
            return Err(Error::InvalidInput(format!(
                "a neural model of task `{task}` has no pipeline column \
                 (the pipeline runs upos, xpos, ner and chunk models)"
            )))
        }
    })
}

/// The record column a model's feature column is read from.
fn column_for_feature(name: &str) -> Result<&'static str> {
    Ok(match name {
        "pos" | "xpos" => "tags",
        "upos" => "upos",
        _ => {
            return Err(Error::InvalidInput(format!(
                "a neural model reads feature column `{name}`, which the pipeline does not write"
            )))
        }
    })
}

impl Stage for NeuralStage {
    fn name(&self) -> &str {
        &self.column
    }

    fn reads(&self) -> Vec<String> {
        let mut r = self.reads.clone();
        r.dedup();
        r
    }

    fn process(&self, sentences: &mut [SentenceRecord]) -> Result<()> {
        let labels: Vec<Vec<String>> = {
            let words: Vec<Vec<&str>> = sentences.iter().map(SentenceRecord::words).collect();
            let owned = |v: Vec<Vec<&str>>| -> Vec<Vec<String>> {
                v.into_iter()
                    .map(|s| s.into_iter().map(str::to_string).collect())
                    .collect()
            };
            let features = sentences
                .iter()
                .map(|s| {
                    self.reads
                        .iter()
                        .map(|c| {
                            s.column(c).map(|v| v.to_vec()).ok_or_else(|| {
                                Error::InvalidInput(format!(
                                    "column `{}` reads column `{c}`, which is missing",
                                    self.column
                                ))
                            })
                        })
                        .collect::<Result<Vec<_>>>()
                })
                .collect::<Result<Vec<_>>>()?;
            owned(self.model.label_sents_with(&words, &features)?)
        };
        if labels.len() != sentences.len() {
            return Err(Error::Model(format!(
                "the model for column `{}` labelled {} of {} sentences",
                self.column,
                labels.len(),
                sentences.len()
            )));
        }
        for (s, l) in sentences.iter_mut().zip(labels) {
            if l.len() != s.tokens.len() {
                return Err(Error::Model(format!(
                    "the model for column `{}` gave {} labels for {} tokens",
                    self.column,
                    l.len(),
                    s.tokens.len()
                )));
            }
            s.set_column(&self.column, l);
        }
        Ok(())
    }
}
