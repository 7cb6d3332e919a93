//! Reading labelled sentences for a task: any tag column of a CoNLL file
//! (UPOS or XPOS of CoNLL-U; the IOB column of CoNLL-2000/2002 files).

use std::path::Path;

use super::config::Metric;
use crate::corpus::conllu::{self, Column};
use crate::corpus::ConllChunkCorpusReader;
use crate::{Error, Result};

/// A sentence's words and their gold labels (same length).
pub type Labelled = (Vec<String>, Vec<String>);

/// What a labeller is trained to predict, and from which file format.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::Task;
/// let t: Task = "ner".parse().unwrap();
/// assert_eq!(t.name(), "ner");
/// assert!("lemma".parse::<Task>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Universal POS tags (CoNLL-U column 4).
    Upos,
    /// Language-specific POS tags (CoNLL-U column 5).
    Xpos,
    /// Named entities, BIO tags in the last column of a CoNLL-2002 file.
    Ner,
    /// Phrase chunks, IOB tags in the last column of a CoNLL-2000 file.
    Chunk,
}

impl std::str::FromStr for Task {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "upos" => Task::Upos,
            "xpos" => Task::Xpos,
            "ner" => Task::Ner,
            "chunk" => Task::Chunk,
            _ => {
                return Err(Error::UnknownName {
                    kind: "task",
                    name: s.to_string(),
                    expected: "upos, xpos, ner, chunk".into(),
                })
            }
        })
    }
}

impl Task {
    /// The task's name, as `--task` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Task::Upos => "upos",
            Task::Xpos => "xpos",
            Task::Ner => "ner",
            Task::Chunk => "chunk",
        }
    }

    /// The dev metric that suits the task.
    pub fn metric(self) -> Metric {
        match self {
            Task::Upos | Task::Xpos => Metric::Accuracy,
            Task::Ner | Task::Chunk => Metric::SpanF1,
        }
    }

    /// Reads the task's sentences from `path` (empty sentences dropped).
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::InvalidUtf8`] or [`Error::Format`] (file and
    /// line) for an unreadable or malformed file.
    pub fn read(self, path: &Path) -> Result<Vec<Labelled>> {
        let out: Vec<Labelled> = match self {
            Task::Upos | Task::Xpos => {
                let col = if self == Task::Upos {
                    Column::Upos
                } else {
                    Column::Xpos
                };
                conllu::read_file(path)?
                    .into_iter()
                    .map(|s| {
                        let (w, t) = s.tagged(col).into_iter().unzip();
                        (w, t)
                    })
                    .collect()
            }
            Task::Ner | Task::Chunk => {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
                    source_name: path.display().to_string(),
                    offset: e.utf8_error().valid_up_to() as u64,
                })?;
                ConllChunkCorpusReader::parse_grid(&path.display().to_string(), &text)?
                    .into_iter()
                    .map(|s| s.into_iter().map(|(w, _, c)| (w, c)).unzip())
                    .collect()
            }
        };
        Ok(out.into_iter().filter(|(w, _)| !w.is_empty()).collect())
    }
}
