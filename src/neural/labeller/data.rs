//! Reading labelled sentences for a task: any tag column of a CoNLL file
//! (UPOS or XPOS of CoNLL-U; the IOB column of CoNLL-2000/2002 files).

use std::path::Path;

use super::config::Metric;
use crate::corpus::conllu::{self, Column};
use crate::corpus::ConllChunkCorpusReader;
use crate::{Error, Result};

/// A sentence's words and their gold labels (same length).
pub type Labelled = (Vec<String>, Vec<String>);

/// A sentence with extra token features: `features[k][j]` is column `k`'s
/// value for token `j` (each column as long as `words`).
///
/// # Example
/// ```
/// use nlkit::neural::labeller::Example;
/// let e = Example::from(( vec!["the".to_string()], vec!["B-NP".to_string()] ));
/// assert!(e.features.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Example {
    /// The tokens.
    pub words: Vec<String>,
    /// The extra columns, column by column.
    pub features: Vec<Vec<String>>,
    /// The gold labels.
    pub labels: Vec<String>,
}

impl From<Labelled> for Example {
    fn from((words, labels): Labelled) -> Self {
        Example {
            words,
            features: Vec::new(),
            labels,
        }
    }
}

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

    /// Reads the task's sentences from `path` with the extra columns
    /// `features` (empty sentences dropped): `pos` is the part-of-speech
    /// column of a CoNLL-2000/2002 file (`ner`, `chunk`); `upos` and `xpos`
    /// are CoNLL-U's columns (`upos`, `xpos`).
    ///
    /// # Errors
    /// As [`Task::read`]; [`Error::UnknownName`] for a column the task's
    /// file format lacks.
    pub fn read_examples(self, path: &Path, features: &[&str]) -> Result<Vec<Example>> {
        let mut cols = Vec::with_capacity(features.len());
        for f in features {
            let col = match (self, *f) {
                (Task::Upos | Task::Xpos, "upos") => Some(Column::Upos),
                (Task::Upos | Task::Xpos, "xpos") => Some(Column::Xpos),
                (Task::Ner | Task::Chunk, "pos") => None,
                _ => {
                    return Err(Error::UnknownName {
                        kind: "feature column",
                        name: f.to_string(),
                        expected: match self {
                            Task::Upos | Task::Xpos => "upos, xpos".into(),
                            Task::Ner | Task::Chunk => "pos".into(),
                        },
                    })
                }
            };
            cols.push(col);
        }
        let out: Vec<Example> = match self {
            Task::Upos | Task::Xpos => {
                let label = if self == Task::Upos {
                    Column::Upos
                } else {
                    Column::Xpos
                };
                conllu::read_file(path)?
                    .into_iter()
                    .map(|s| {
                        let (words, labels) = s.tagged(label).into_iter().unzip();
                        let features = cols
                            .iter()
                            .map(|c| {
                                s.tagged(c.unwrap_or(Column::Xpos))
                                    .into_iter()
                                    .map(|(_, t)| t)
                                    .collect()
                            })
                            .collect();
                        Example {
                            words,
                            features,
                            labels,
                        }
                    })
                    .collect()
            }
            Task::Ner | Task::Chunk => read_grid(path)?
                .into_iter()
                .map(|s| {
                    let pos: Vec<String> = s.iter().map(|(_, p, _)| p.clone()).collect();
                    let features = cols.iter().map(|_| pos.clone()).collect();
                    let (words, labels) = s.into_iter().map(|(w, _, c)| (w, c)).unzip();
                    Example {
                        words,
                        features,
                        labels,
                    }
                })
                .collect(),
        };
        Ok(out.into_iter().filter(|e| !e.words.is_empty()).collect())
    }

    /// Reads the task's sentences from `path` (empty sentences dropped).
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::InvalidUtf8`] or [`Error::Format`] (file and
    /// line) for an unreadable or malformed file.
    pub fn read(self, path: &Path) -> Result<Vec<Labelled>> {
        Ok(self
            .read_examples(path, &[])?
            .into_iter()
            .map(|e| (e.words, e.labels))
            .collect())
    }
}

/// The `(word, pos, tag)` rows of a CoNLL-2000/2002-format file.
fn read_grid(path: &Path) -> Result<Vec<Vec<(String, String, String)>>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        source_name: path.display().to_string(),
        offset: e.utf8_error().valid_up_to() as u64,
    })?;
    ConllChunkCorpusReader::parse_grid(&path.display().to_string(), &text)
}
