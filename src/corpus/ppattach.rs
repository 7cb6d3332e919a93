//! NLTK's `PPAttachmentCorpusReader` (the `ppattach` corpus of Ratnaparkhi
//! et al.): one `sentence_id verb noun1 preposition noun2 attachment` record
//! per line.
//!
//! `tuples` splits every line on whitespace, as NLTK does; `attachments`
//! requires the six fields. Difference: where NLTK raises a `TypeError` for
//! a line without six fields, nlkit gives an [`Error::Format`] naming the
//! file and line.

use super::{py_split, splitlines_keepends, CorpusRoot, Items};
use crate::{Error, Result};

/// A prepositional-phrase attachment record (NLTK's `PPAttachment`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PPAttachment {
    /// Sentence id.
    pub sent: String,
    /// The verb.
    pub verb: String,
    /// The object noun of the verb.
    pub noun1: String,
    /// The preposition.
    pub prep: String,
    /// The object of the preposition.
    pub noun2: String,
    /// `V` (attached to the verb) or `N` (to the noun).
    pub attachment: String,
}

/// The PP-attachment corpus (NLTK's `PPAttachmentCorpusReader`).
#[derive(Debug)]
pub struct PPAttachmentCorpusReader {
    root: CorpusRoot,
}

impl PPAttachmentCorpusReader {
    /// A reader over `root`.
    pub fn new(root: CorpusRoot) -> Self {
        PPAttachmentCorpusReader { root }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    /// Parses one file into records; `name` is used in errors.
    ///
    /// # Errors
    /// [`Error::Format`] for a line without six fields.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::PPAttachmentCorpusReader;
    /// let a = PPAttachmentCorpusReader::parse("f", "0 join board as director V\n").unwrap();
    /// assert_eq!(a[0].prep, "as");
    /// assert!(PPAttachmentCorpusReader::parse("f", "0 join board\n").is_err());
    /// ```
    pub fn parse(name: &str, text: &str) -> Result<Vec<PPAttachment>> {
        splitlines_keepends(text)
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let f: Vec<&str> = py_split(line).collect();
                match f.as_slice() {
                    [s, v, n1, p, n2, a] => Ok(PPAttachment {
                        sent: s.to_string(),
                        verb: v.to_string(),
                        noun1: n1.to_string(),
                        prep: p.to_string(),
                        noun2: n2.to_string(),
                        attachment: a.to_string(),
                    }),
                    _ => Err(Error::format(
                        name,
                        i + 1,
                        format!(
                            "{} fields, expected 6 (sent verb noun1 prep noun2 attachment)",
                            f.len()
                        ),
                    )),
                }
            })
            .collect()
    }

    /// The whitespace-separated fields of every line (NLTK's `tuples()`).
    pub fn tuples<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        self.root.items(fileids, |_, text| {
            Ok(splitlines_keepends(&text)
                .into_iter()
                .map(|l| py_split(l).map(str::to_string).collect())
                .collect())
        })
    }

    /// The records (NLTK's `attachments()`).
    pub fn attachments<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, PPAttachment> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Self::parse(&root.display_name(f), &text)
        })
    }
}
