//! NLTK's `PlaintextCorpusReader` and `CategorizedPlaintextCorpusReader`:
//! words with `WordPunctTokenizer` (NLTK's default for plain-text corpora,
//! not `word_tokenize`), sentences with a sentence tokenizer (NLTK uses its
//! Punkt English model) over blank-line separated paragraphs.

use std::sync::Arc;

use super::{blankline_blocks, Categories, CorpusRoot, Encoding, FileIdSpec, Items};
use crate::data::Resource;
use crate::sentence::SentenceTokenizer;
use crate::tokenize::{Tokenizer, WordPunctTokenizer};
use crate::{Error, Result};

/// A plain-text corpus (NLTK's `PlaintextCorpusReader`).
pub struct PlaintextCorpusReader {
    root: CorpusRoot,
    categories: Option<Categories>,
    words: WordPunctTokenizer,
    sents: Option<Arc<dyn SentenceTokenizer>>,
}

impl std::fmt::Debug for PlaintextCorpusReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaintextCorpusReader")
            .field("root", &self.root)
            .finish()
    }
}

impl PlaintextCorpusReader {
    /// The files of `res` whose ids match `pattern`, read as UTF-8.
    ///
    /// # Errors
    /// A bad pattern, or I/O errors while listing files.
    pub fn new(res: Resource, pattern: &str) -> Result<Self> {
        Self::from_root(CorpusRoot::new(
            res,
            FileIdSpec::Pattern(pattern),
            Encoding::Utf8,
        )?)
    }

    /// A reader over an already configured [`CorpusRoot`].
    ///
    /// # Errors
    /// None today; kept fallible for readers that validate their files.
    pub fn from_root(root: CorpusRoot) -> Result<Self> {
        Ok(PlaintextCorpusReader {
            root,
            categories: None,
            words: WordPunctTokenizer::new(),
            sents: None,
        })
    }

    /// Adds a category mapping (NLTK's `CategorizedPlaintextCorpusReader`).
    pub fn with_categories(mut self, categories: Categories) -> Self {
        self.categories = Some(categories);
        self
    }

    /// Sets the sentence tokenizer used by [`PlaintextCorpusReader::sents`].
    pub fn with_sent_tokenizer(mut self, t: Arc<dyn SentenceTokenizer>) -> Self {
        self.sents = Some(t);
        self
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids, sorted as NLTK sorts them.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    /// The category mapping, when the corpus is categorized.
    pub fn categories(&self) -> Option<&Categories> {
        self.categories.as_ref()
    }

    /// Words and punctuation of the selected files (all when `None`).
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        let tok = &self.words;
        self.root.items(fileids, move |_, text| {
            Ok(tok
                .tokenize(&text)
                .into_iter()
                .map(|t| t.into_owned())
                .collect())
        })
    }

    /// Sentences (lists of words) of the selected files.
    pub fn sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        let Some(st) = self.sents.clone() else {
            return Box::new(std::iter::once(Err(Error::InvalidInput(
                "No sentence tokenizer for this corpus (install punkt_tab: `nlkit download punkt_tab`)".into(),
            ))));
        };
        let tok = &self.words;
        self.root.items(fileids, move |_, text| {
            let mut out = Vec::new();
            for para in blankline_blocks(&text) {
                for s in st.tokenize(&para) {
                    out.push(
                        tok.tokenize(s)
                            .into_iter()
                            .map(|t| t.into_owned())
                            .collect(),
                    );
                }
            }
            Ok(out)
        })
    }

    /// Paragraphs (lists of sentences) of the selected files.
    pub fn paras<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<Vec<String>>> {
        let Some(st) = self.sents.clone() else {
            return Box::new(std::iter::once(Err(Error::InvalidInput(
                "No sentence tokenizer for this corpus".into(),
            ))));
        };
        let tok = &self.words;
        self.root.items(fileids, move |_, text| {
            Ok(blankline_blocks(&text)
                .iter()
                .map(|para| {
                    st.tokenize(para)
                        .into_iter()
                        .map(|s| {
                            tok.tokenize(s)
                                .into_iter()
                                .map(|t| t.into_owned())
                                .collect()
                        })
                        .collect()
                })
                .collect())
        })
    }
}
