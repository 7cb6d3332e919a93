//! NLTK's `ConllChunkCorpusReader` (conll2000, conll2002): blank-line
//! separated sentences of `word POS IOB` rows (whitespace-separated), a
//! leading `-DOCSTART-` row dropped, as NLTK's `_read_grid_block`.
//!
//! Difference: NLTK raises `ValueError("Inconsistent number of columns")`
//! without a location; nlkit's [`Error::Format`] names the file and line.

use super::{blankline_blocks, py_split, splitlines_keepends, CorpusRoot, Items};
use crate::{Error, Result};

/// One `(word, pos, iob)` row.
pub type IobWord = (String, String, String);

/// A CoNLL chunking corpus.
#[derive(Debug)]
pub struct ConllChunkCorpusReader {
    root: CorpusRoot,
    chunk_types: Vec<String>,
}

impl ConllChunkCorpusReader {
    /// A reader over `root`; `chunk_types` as NLTK's (e.g. `NP`, `VP`, `PP`).
    pub fn new(root: CorpusRoot, chunk_types: &[&str]) -> Self {
        ConllChunkCorpusReader {
            root,
            chunk_types: chunk_types.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    /// The chunk types the corpus declares.
    pub fn chunk_types(&self) -> &[String] {
        &self.chunk_types
    }

    /// Parses one file's text into sentences of rows.
    ///
    /// # Errors
    /// [`Error::Format`] (file, line) for a row whose column count differs
    /// from the sentence's first row or that has fewer than three columns.
    pub fn parse_grid(name: &str, text: &str) -> Result<Vec<Vec<IobWord>>> {
        // Line numbers: find each block's first line in the file.
        let lines = splitlines_keepends(text);
        let mut line_no = 0usize;
        let mut out = Vec::new();
        for block in blankline_blocks(text) {
            // Advance to the block's first line (blocks are in file order).
            while line_no < lines.len() && super::is_blank(lines[line_no]) {
                line_no += 1;
            }
            let start_line = line_no + 1;
            let block_lines: Vec<&str> = block
                .trim_matches(crate::tokenize::is_py_whitespace)
                .split('\n')
                .collect();
            line_no += splitlines_keepends(&block).len();
            let mut grid: Vec<(usize, Vec<&str>)> = block_lines
                .iter()
                .enumerate()
                .map(|(i, l)| (start_line + i, py_split(l).collect()))
                .collect();
            if grid
                .first()
                .is_some_and(|(_, r)| r.first() == Some(&"-DOCSTART-"))
            {
                grid.remove(0);
            }
            let Some(width) = grid.first().map(|(_, r)| r.len()) else {
                out.push(Vec::new());
                continue;
            };
            let mut sent = Vec::with_capacity(grid.len());
            for (ln, row) in grid {
                if row.len() != width {
                    return Err(Error::format(
                        name,
                        ln,
                        format!(
                            "Inconsistent number of columns: {} instead of {width}",
                            row.len()
                        ),
                    ));
                }
                match row.as_slice() {
                    [w, p, c, ..] => sent.push((w.to_string(), p.to_string(), c.to_string())),
                    _ => {
                        return Err(Error::format(
                            name,
                            ln,
                            format!("expected 3 columns (word, POS, chunk), found {}", row.len()),
                        ))
                    }
                }
            }
            out.push(sent);
        }
        Ok(out)
    }

    /// Sentences of `(word, pos, iob)` rows (NLTK's `iob_sents`).
    pub fn iob_sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<IobWord>> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Self::parse_grid(&root.display_name(f), &text)
        })
    }

    /// `(word, pos, iob)` rows (NLTK's `iob_words`).
    pub fn iob_words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, IobWord> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Ok(Self::parse_grid(&root.display_name(f), &text)?
                .into_iter()
                .flatten()
                .collect())
        })
    }

    /// `(word, pos)` pairs.
    pub fn tagged_words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, (String, String)> {
        Box::new(self.iob_words(fileids).map(|r| r.map(|(w, p, _)| (w, p))))
    }

    /// Words.
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        Box::new(self.iob_words(fileids).map(|r| r.map(|(w, _, _)| w)))
    }

    /// Sentences (words only).
    pub fn sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        Box::new(
            self.iob_sents(fileids)
                .map(|r| r.map(|s| s.into_iter().map(|(w, _, _)| w).collect())),
        )
    }

    /// Tagged sentences.
    pub fn tagged_sents<'a>(
        &'a self,
        fileids: Option<&[String]>,
    ) -> Items<'a, Vec<(String, String)>> {
        Box::new(
            self.iob_sents(fileids)
                .map(|r| r.map(|s| s.into_iter().map(|(w, p, _)| (w, p)).collect())),
        )
    }
}
