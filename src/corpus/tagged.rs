//! NLTK's `TaggedCorpusReader` / `CategorizedTaggedCorpusReader` (the Brown
//! corpus): blank-line separated paragraphs, one sentence per line,
//! whitespace-separated `word/TAG` tokens split at the last separator with
//! the tag upper-cased (NLTK's `str2tuple`).

use super::{blankline_blocks, py_split, Categories, CorpusRoot, Items, TaggedWord};
use crate::Result;

/// A tagged corpus (NLTK's `TaggedCorpusReader`).
#[derive(Debug)]
pub struct TaggedCorpusReader {
    root: CorpusRoot,
    categories: Option<Categories>,
    sep: String,
}

impl TaggedCorpusReader {
    /// A reader over `root` with separator `sep` (NLTK's default `/`).
    pub fn new(root: CorpusRoot, sep: &str) -> Self {
        TaggedCorpusReader {
            root,
            categories: None,
            sep: sep.to_string(),
        }
    }

    /// Adds a category mapping.
    pub fn with_categories(mut self, c: Categories) -> Self {
        self.categories = Some(c);
        self
    }

    /// NLTK's `str2tuple(s, sep)`: split at the last `sep`, tag upper-cased.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::TaggedCorpusReader;
    /// assert_eq!(TaggedCorpusReader::str2tuple("fly/nn", "/"), ("fly".to_string(), Some("NN".to_string())));
    /// assert_eq!(TaggedCorpusReader::str2tuple("fly", "/"), ("fly".to_string(), None));
    /// ```
    pub fn str2tuple(s: &str, sep: &str) -> TaggedWord {
        match s.rfind(sep) {
            Some(i) if !sep.is_empty() => {
                (s[..i].to_string(), Some(s[i + sep.len()..].to_uppercase()))
            }
            _ => (s.to_string(), None),
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

    /// The category mapping, when categorized.
    pub fn categories(&self) -> Option<&Categories> {
        self.categories.as_ref()
    }

    /// One file's paragraphs (blank-line blocks) of sentences (lines).
    fn parse_paras(&self, text: &str) -> Vec<Vec<Vec<TaggedWord>>> {
        blankline_blocks(text)
            .iter()
            .map(|para| {
                // NLTK's RegexpTokenizer('\n', gaps=True): lines, empty ones dropped.
                para.split('\n')
                    .filter(|l| !l.is_empty())
                    .map(|line| {
                        py_split(line)
                            .map(|t| Self::str2tuple(t, &self.sep))
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    fn parse(&self, text: &str) -> Vec<Vec<TaggedWord>> {
        self.parse_paras(text).into_iter().flatten().collect()
    }

    /// Tagged paragraphs (lists of tagged sentences) of the selected files
    /// (NLTK's `tagged_paras`).
    pub fn tagged_paras<'a>(
        &'a self,
        fileids: Option<&[String]>,
    ) -> Items<'a, Vec<Vec<TaggedWord>>> {
        self.root
            .items(fileids, move |_, text| Ok(self.parse_paras(&text)))
    }

    /// Tagged sentences of the selected files.
    pub fn tagged_sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<TaggedWord>> {
        self.root
            .items(fileids, move |_, text| Ok(self.parse(&text)))
    }

    /// Tagged words of the selected files.
    pub fn tagged_words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, TaggedWord> {
        self.root.items(fileids, move |_, text| {
            Ok(self.parse(&text).into_iter().flatten().collect())
        })
    }

    /// Sentences (words only).
    pub fn sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        self.root.items(fileids, move |_, text| {
            Ok(self
                .parse(&text)
                .into_iter()
                .map(|s| s.into_iter().map(|(w, _)| w).collect())
                .collect())
        })
    }

    /// Words.
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        self.root
            .items(fileids, move |_, text| -> Result<Vec<String>> {
                Ok(self
                    .parse(&text)
                    .into_iter()
                    .flatten()
                    .map(|(w, _)| w)
                    .collect())
            })
    }
}
