//! A streaming CoNLL-U reader (the format of Universal Dependencies
//! treebanks), as far as tagging needs it: for each sentence, the word
//! forms with their `UPOS` and `XPOS` columns.
//!
//! NLTK has no CoNLL-U reader of its own (its `ConllCorpusReader` reads the
//! older column formats); this one follows the CoNLL-U specification:
//! comment lines (`#`) are skipped, multiword-token lines (`1-2`) and empty
//! nodes (`1.1`) are accepted but give no word (they are not tagged), a
//! blank line ends a sentence, and any other line must have ten
//! tab-separated columns with an integer ID. A malformed line is an
//! [`Error::Format`] naming the file and the 1-based line number.
//!
//! # Example
//! ```
//! use nlkit::corpus::conllu::ConlluReader;
//! let data = "# text = Hi there\n1-2\tHi'\t_\t_\t_\t_\t_\t_\t_\t_\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n";
//! let sents: Vec<_> = ConlluReader::new(data.as_bytes(), "mem.conllu")
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! assert_eq!(sents.len(), 1);
//! assert_eq!(sents[0].forms(), ["Hi", "there"]);
//! assert_eq!(sents[0].tags(nlkit::corpus::conllu::Column::Xpos), ["UH", "RB"]);
//! ```

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Which tag column to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// Column 4, the universal part-of-speech tag.
    Upos,
    /// Column 5, the language-specific tag (Penn Treebank for English).
    Xpos,
}

impl std::str::FromStr for Column {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "upos" | "UPOS" => Ok(Column::Upos),
            "xpos" | "XPOS" => Ok(Column::Xpos),
            _ => Err(Error::UnknownName {
                kind: "column",
                name: s.to_string(),
                expected: "xpos, upos".into(),
            }),
        }
    }
}

/// One word (a line with an integer ID).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Column 2, the word form.
    pub form: String,
    /// Column 4.
    pub upos: String,
    /// Column 5.
    pub xpos: String,
}

/// One sentence: its words, in order, and the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The words (multiword tokens and empty nodes left out).
    pub words: Vec<Word>,
    /// The `# text = ` comment, when present.
    pub text: Option<String>,
    /// Line number of the sentence's first line.
    pub line: usize,
}

impl Sentence {
    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// The tags of one column.
    pub fn tags(&self, column: Column) -> Vec<&str> {
        self.words
            .iter()
            .map(|w| match column {
                Column::Upos => w.upos.as_str(),
                Column::Xpos => w.xpos.as_str(),
            })
            .collect()
    }

    /// `(form, tag)` pairs of one column, owned.
    pub fn tagged(&self, column: Column) -> Vec<(String, String)> {
        self.words
            .iter()
            .map(|w| {
                let t = match column {
                    Column::Upos => &w.upos,
                    Column::Xpos => &w.xpos,
                };
                (w.form.clone(), t.clone())
            })
            .collect()
    }
}

/// Streaming reader: an iterator of sentences. Stops after the first error.
pub struct ConlluReader<R> {
    reader: R,
    file: PathBuf,
    line: usize,
    done: bool,
    buf: String,
}

impl<R: BufRead> ConlluReader<R> {
    /// Reads from `reader`; `file` names it in error messages.
    pub fn new(reader: R, file: impl Into<PathBuf>) -> Self {
        ConlluReader {
            reader,
            file: file.into(),
            line: 0,
            done: false,
            buf: String::new(),
        }
    }

    fn err(&self, msg: impl Into<String>) -> Error {
        Error::format(self.file.clone(), self.line, msg)
    }

    fn read_sentence(&mut self) -> Result<Option<Sentence>> {
        let mut sent = Sentence::default();
        let mut started = false;
        loop {
            self.buf.clear();
            let n = self.reader.read_line(&mut self.buf).map_err(|e| {
                if e.kind() == std::io::ErrorKind::InvalidData {
                    Error::format(self.file.clone(), self.line + 1, "invalid UTF-8")
                } else {
                    Error::io(self.file.clone(), e)
                }
            })?;
            if n == 0 {
                return Ok(if started { Some(sent) } else { None });
            }
            self.line += 1;
            let line = self.buf.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                if started {
                    return Ok(Some(sent));
                }
                continue;
            }
            if !started {
                started = true;
                sent.line = self.line;
            }
            if let Some(c) = line.strip_prefix('#') {
                if let Some(t) = c.trim_start().strip_prefix("text =") {
                    sent.text = Some(t.trim().to_string());
                }
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(self.err(format!(
                    "expected 10 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let id = cols[0];
            if let Some((a, b)) = id.split_once('-') {
                if parse_id(a).is_none() || parse_id(b).is_none() {
                    return Err(self.err(format!("malformed multiword token ID `{id}`")));
                }
                continue;
            }
            if let Some((a, b)) = id.split_once('.') {
                if a.parse::<u32>().is_err() || parse_id(b).is_none() {
                    return Err(self.err(format!("malformed empty node ID `{id}`")));
                }
                continue;
            }
            if parse_id(id).is_none() {
                return Err(self.err(format!("malformed word ID `{id}`")));
            }
            if cols[1].is_empty() {
                return Err(self.err("empty FORM column"));
            }
            sent.words.push(Word {
                form: cols[1].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
            });
        }
    }
}

fn parse_id(s: &str) -> Option<u32> {
    s.parse::<u32>().ok().filter(|&n| n > 0)
}

impl<R: BufRead> Iterator for ConlluReader<R> {
    type Item = Result<Sentence>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_sentence() {
            Ok(Some(s)) => Some(Ok(s)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Opens a CoNLL-U file for streaming.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened.
pub fn open(path: &Path) -> Result<ConlluReader<Box<dyn BufRead + Send>>> {
    Ok(ConlluReader::new(crate::io::open_input(path)?, path))
}

/// Reads every sentence of a CoNLL-U file.
///
/// # Errors
/// [`Error::Io`] or [`Error::Format`] (with file and line).
pub fn read_file(path: &Path) -> Result<Vec<Sentence>> {
    open(path)?.collect()
}
