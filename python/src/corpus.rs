//! Corpus readers by NLTK id (`nltk.corpus.brown`, `treebank`, ...):
//! file ids, categories, words, sentences, tagged words.

use std::path::Path;

use nlkit::corpus::{open_corpus, Corpus};
use pyo3::prelude::*;

use crate::errors::{resource_not_found, IntoPy};

/// One corpus, opened from the first data folder that has it.
#[pyclass(module = "nlkit._native", unsendable)]
struct CorpusReader {
    inner: Corpus,
}

impl CorpusReader {
    fn selection(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<Option<Vec<String>>> {
        self.inner
            .resolve(
                &fileids.unwrap_or_default(),
                &categories.unwrap_or_default(),
            )
            .py()
    }
}

#[pymethods]
impl CorpusReader {
    /// Opens corpus `id` (NLTK's name) along `paths`.
    #[staticmethod]
    fn open(id: &str, paths: Vec<String>) -> PyResult<CorpusReader> {
        for p in &paths {
            match open_corpus(id, Some(Path::new(p))) {
                Ok(c) => return Ok(CorpusReader { inner: c }),
                Err(nlkit::Error::MissingResource { .. }) => continue,
                Err(e) => return Err(crate::errors::to_py(e)),
            }
        }
        // an unknown id is a ValueError whatever the path
        if let Err(e @ nlkit::Error::UnknownName { .. }) = open_corpus(id, Some(Path::new(""))) {
            return Err(crate::errors::to_py(e));
        }
        Err(resource_not_found(id, &format!("corpora/{id}"), &paths))
    }

    #[pyo3(signature = (categories=None))]
    fn fileids(&self, categories: Option<Vec<String>>) -> PyResult<Vec<String>> {
        match categories {
            Some(c) => self.inner.fileids_in(&c).py(),
            None => Ok(self.inner.fileids()),
        }
    }

    #[pyo3(signature = (fileids=None))]
    fn categories(&self, fileids: Option<Vec<String>>) -> PyResult<Vec<String>> {
        self.inner.categories(fileids.as_deref()).py()
    }

    #[pyo3(signature = (fileids=None, categories=None))]
    fn words(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<Vec<String>> {
        let sel = self.selection(fileids, categories)?;
        self.inner
            .words(sel.as_deref())
            .collect::<nlkit::Result<_>>()
            .py()
    }

    #[pyo3(signature = (fileids=None, categories=None))]
    fn sents(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<Vec<Vec<String>>> {
        let sel = self.selection(fileids, categories)?;
        self.inner
            .sents(sel.as_deref())
            .collect::<nlkit::Result<_>>()
            .py()
    }

    #[pyo3(signature = (fileids=None, categories=None))]
    fn tagged_words(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<Vec<(String, String)>> {
        let sel = self.selection(fileids, categories)?;
        self.inner
            .tagged_words(sel.as_deref())
            .collect::<nlkit::Result<_>>()
            .py()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CorpusReader>()
}
