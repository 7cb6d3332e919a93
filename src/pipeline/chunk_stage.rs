//! The pipeline's chunking stage: IOB chunk tags (CoNLL-2000 style,
//! `B-NP`, `I-VP`, `O`) from the Penn Treebank tags of an earlier stage.

use std::sync::Arc;

use super::{SentenceRecord, Stage};
use crate::chunk::PerceptronChunker;
use crate::{Error, Result};

/// A chunker model for [`ChunkStage`]: the embedded one or one loaded from
/// a file.
#[derive(Clone)]
pub enum ChunkerRef {
    /// The embedded English model ([`crate::chunk::default_chunker`]).
    Static(&'static PerceptronChunker),
    /// A model read from a file ([`crate::chunk::load_chunker`]).
    Shared(Arc<PerceptronChunker>),
}

impl std::ops::Deref for ChunkerRef {
    type Target = PerceptronChunker;
    fn deref(&self) -> &PerceptronChunker {
        match self {
            ChunkerRef::Static(c) => c,
            ChunkerRef::Shared(c) => c,
        }
    }
}

/// Writes the column `chunks` (one IOB tag per token) with an averaged
/// perceptron chunker, reading the Penn Treebank tags of the column `tags`
/// (the chunker was trained on them).
///
/// # Example
/// ```
/// use nlkit::pipeline::{ChunkStage, Pipeline};
/// let p = Pipeline::default_english().unwrap()
///     .with_stage(Box::new(ChunkStage::english().unwrap())).unwrap();
/// let recs = p.process("doc", 0, "The cat sat down.").unwrap();
/// assert_eq!(recs[0].column("chunks").unwrap(), ["B-NP", "I-NP", "B-VP", "B-ADVP", "O"]);
/// ```
pub struct ChunkStage {
    chunker: ChunkerRef,
}

impl ChunkStage {
    /// A stage with the given chunker.
    pub fn new(chunker: ChunkerRef) -> Self {
        ChunkStage { chunker }
    }

    /// A stage with nlkit's embedded English chunker (CoNLL-2000 chunk
    /// types, F1 94.23 on CoNLL-2000 test).
    ///
    /// # Errors
    /// Only if the embedded model were corrupt.
    pub fn english() -> Result<Self> {
        Ok(ChunkStage::new(ChunkerRef::Static(
            crate::chunk::default_chunker()?,
        )))
    }
}

impl Stage for ChunkStage {
    fn name(&self) -> &str {
        "chunks"
    }

    fn reads(&self) -> Vec<String> {
        vec!["tags".into()]
    }

    fn process(&self, sentences: &mut [SentenceRecord]) -> Result<()> {
        for s in sentences.iter_mut() {
            let chunks: Vec<String> = {
                let words = s.words();
                let tags: Vec<&str> = s
                    .column("tags")
                    .unwrap_or_default()
                    .iter()
                    .map(String::as_str)
                    .collect();
                if tags.len() != words.len() {
                    return Err(Error::InvalidInput(format!(
                        "chunks: a sentence has {} tokens but {} tags in column `tags`",
                        words.len(),
                        tags.len()
                    )));
                }
                self.chunker
                    .tag(&words, &tags)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            };
            s.set_column("chunks", chunks);
        }
        Ok(())
    }
}
