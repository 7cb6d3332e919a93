//! Corpus readers by NLTK id (`nltk.corpus.brown`, `treebank`, ...):
//! file ids, categories, raw text, words, sentences, paragraphs, tagged
//! words/sentences/paragraphs (with `tagset="universal"` where NLTK has the
//! mapping), IOB rows, chunk trees and parse trees.

use std::cell::OnceCell;
use std::path::Path;

use nlkit::corpus::{open_corpus, Corpus};
use nlkit::tag::TagsetMapping;
use nlkit::tree::{Child, Tree};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::{resource_not_found, IntoPy};

/// One corpus, opened from the first data folder that has it.
#[pyclass(module = "nlkit._native", unsendable)]
struct CorpusReader {
    inner: Corpus,
    id: String,
    paths: Vec<String>,
    brown_map: OnceCell<TagsetMapping>,
}

/// A paragraph of tagged sentences.
type TaggedPara = Vec<Vec<(String, String)>>;

/// A tag mapper: the identity or a mapping to the universal tagset.
enum Mapper<'a> {
    Same,
    Map(&'a TagsetMapping),
}

impl Mapper<'_> {
    fn tag(&self, t: String) -> String {
        match self {
            Mapper::Same => t,
            Mapper::Map(m) => m.map(&t).to_string(),
        }
    }

    fn pairs(&self, s: Vec<(String, String)>) -> Vec<(String, String)> {
        match self {
            Mapper::Same => s,
            Mapper::Map(_) => s.into_iter().map(|(w, t)| (w, self.tag(t))).collect(),
        }
    }
}

/// Maps the tag of every `word/TAG` leaf (iteratively).
fn map_leaf_tags(t: &mut Tree, m: &Mapper<'_>) {
    let mut stack = vec![t];
    while let Some(node) = stack.pop() {
        for c in node.children_mut() {
            match c {
                Child::Tree(sub) => stack.push(sub),
                Child::Leaf(l) => {
                    if let Some((w, tag)) = l.rsplit_once('/') {
                        *l = format!("{w}/{}", m.tag(tag.to_string()));
                    }
                }
            }
        }
    }
}

impl CorpusReader {
    fn selection(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<Option<Vec<String>>> {
        let sel = self
            .inner
            .resolve(
                &fileids.unwrap_or_default(),
                &categories.unwrap_or_default(),
            )
            .py()?;
        // NLTK opens an unknown file id and fails with OSError.
        if let Some(ids) = &sel {
            let known = self.inner.fileids();
            if let Some(bad) = ids.iter().find(|f| !known.contains(f)) {
                let path = self
                    .inner
                    .root()
                    .map_or_else(|| bad.clone(), |r| r.display_name(bad));
                return Err(PyOSError::new_err(format!(
                    "No such file or directory: '{path}'"
                )));
            }
        }
        Ok(sel)
    }

    /// The mapping for NLTK's `tagset=` argument: none, the corpus's own
    /// tagset, or `"universal"` from the corpus's tagset (brown: `en-brown`
    /// from the `universal_tagset` package; treebank and conll2000: `en-ptb`).
    fn mapper(&self, tagset: Option<&str>) -> PyResult<Mapper<'_>> {
        let own = match self.id.as_str() {
            "brown" => Some("brown"),
            "treebank" | "conll2000" => Some("wsj"),
            _ => None,
        };
        match tagset {
            None | Some("") => Ok(Mapper::Same),
            Some(t) if Some(t) == own => Ok(Mapper::Same),
            Some("universal") if own == Some("wsj") => Ok(Mapper::Map(TagsetMapping::en_ptb())),
            Some("universal") if own == Some("brown") => {
                if let Some(m) = self.brown_map.get() {
                    return Ok(Mapper::Map(m));
                }
                // a folder without the mapping is skipped; any other error is reported
                let mut other = None;
                for p in &self.paths {
                    match TagsetMapping::load("en-brown", Some(Path::new(p))) {
                        Ok(m) => {
                            let _ = self.brown_map.set(m);
                            break;
                        }
                        Err(nlkit::Error::MissingResource { .. }) => {}
                        Err(e) => {
                            other.get_or_insert(e);
                        }
                    }
                }
                match (self.brown_map.get(), other) {
                    (Some(m), _) => Ok(Mapper::Map(m)),
                    (None, Some(e)) => Err(crate::errors::to_py(e)),
                    (None, None) => Err(resource_not_found(
                        "universal_tagset",
                        "taggers/universal_tagset/en-brown.map",
                        &self.paths,
                    )),
                }
            }
            Some(t) => Err(PyValueError::new_err(format!(
                "nlkit maps corpus `{}` tags to tagset='universal' only (NLTK's mapping files), not {t:?}",
                self.id
            ))),
        }
    }
}

#[pymethods]
impl CorpusReader {
    /// Opens corpus `id` (NLTK's name) along `paths`.
    #[staticmethod]
    fn open(id: &str, paths: Vec<String>) -> PyResult<CorpusReader> {
        for p in &paths {
            match open_corpus(id, Some(Path::new(p))) {
                Ok(c) => {
                    return Ok(CorpusReader {
                        inner: c,
                        id: id.to_string(),
                        paths,
                        brown_map: OnceCell::new(),
                    })
                }
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

    #[pyo3(signature = (fileids=None, categories=None, tagset=None))]
    fn tagged_words(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
        tagset: Option<&str>,
    ) -> PyResult<Vec<(String, String)>> {
        let m = self.mapper(tagset)?;
        let sel = self.selection(fileids, categories)?;
        let words: Vec<(String, String)> = self
            .inner
            .tagged_words(sel.as_deref())
            .collect::<nlkit::Result<_>>()
            .py()?;
        Ok(m.pairs(words))
    }

    /// The text of the selected files, concatenated.
    #[pyo3(signature = (fileids=None, categories=None))]
    fn raw(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<String> {
        let sel = self.selection(fileids, categories)?;
        self.inner.raw(sel.as_deref()).py()
    }

    #[pyo3(signature = (fileids=None, categories=None))]
    fn paras(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
    ) -> PyResult<Vec<Vec<Vec<String>>>> {
        let sel = self.selection(fileids, categories)?;
        self.inner
            .paras(sel.as_deref())
            .collect::<nlkit::Result<_>>()
            .py()
    }

    #[pyo3(signature = (fileids=None, categories=None, tagset=None))]
    fn tagged_sents(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
        tagset: Option<&str>,
    ) -> PyResult<Vec<Vec<(String, String)>>> {
        let m = self.mapper(tagset)?;
        let sel = self.selection(fileids, categories)?;
        self.inner
            .tagged_sents(sel.as_deref())
            .map(|s| s.map(|s| m.pairs(s)))
            .collect::<nlkit::Result<_>>()
            .py()
    }

    #[pyo3(signature = (fileids=None, categories=None, tagset=None))]
    fn tagged_paras(
        &self,
        fileids: Option<Vec<String>>,
        categories: Option<Vec<String>>,
        tagset: Option<&str>,
    ) -> PyResult<Vec<TaggedPara>> {
        let m = self.mapper(tagset)?;
        let sel = self.selection(fileids, categories)?;
        self.inner
            .tagged_paras(sel.as_deref())
            .map(|p| p.map(|p| p.into_iter().map(|s| m.pairs(s)).collect()))
            .collect::<nlkit::Result<_>>()
            .py()
    }

    #[pyo3(signature = (fileids=None, tagset=None))]
    fn iob_words(
        &self,
        fileids: Option<Vec<String>>,
        tagset: Option<&str>,
    ) -> PyResult<Vec<(String, String, String)>> {
        let m = self.mapper(tagset)?;
        let sel = self.selection(fileids, None)?;
        self.inner
            .iob_words(sel.as_deref())
            .map(|r| r.map(|(w, t, c)| (w, m.tag(t), c)))
            .collect::<nlkit::Result<_>>()
            .py()
    }

    #[pyo3(signature = (fileids=None, tagset=None))]
    fn iob_sents(
        &self,
        fileids: Option<Vec<String>>,
        tagset: Option<&str>,
    ) -> PyResult<Vec<Vec<(String, String, String)>>> {
        let m = self.mapper(tagset)?;
        let sel = self.selection(fileids, None)?;
        self.inner
            .iob_sents(sel.as_deref())
            .map(|s| s.map(|s| s.into_iter().map(|(w, t, c)| (w, m.tag(t), c)).collect()))
            .collect::<nlkit::Result<_>>()
            .py()
    }

    /// Chunk trees as nested `(label, [children])` with `(word, tag)` leaves.
    #[pyo3(signature = (fileids=None, chunk_types=None, tagset=None))]
    fn chunked_sents<'py>(
        &self,
        py: Python<'py>,
        fileids: Option<Vec<String>>,
        chunk_types: Option<Vec<String>>,
        tagset: Option<&str>,
    ) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let m = self.mapper(tagset)?;
        let sel = self.selection(fileids, None)?;
        let mut out = Vec::new();
        for t in self.inner.chunked_sents(sel.as_deref(), chunk_types) {
            let mut t = t.py()?;
            if let Mapper::Map(_) = m {
                map_leaf_tags(&mut t, &m);
            }
            out.push(crate::chunk::to_py(py, &t)?);
        }
        Ok(out)
    }

    /// Parse trees as nested `(label, [children])` with string leaves.
    #[pyo3(signature = (fileids=None))]
    fn parsed_sents<'py>(
        &self,
        py: Python<'py>,
        fileids: Option<Vec<String>>,
    ) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let sel = self.selection(fileids, None)?;
        let mut out = Vec::new();
        for t in self.inner.parsed_sents(sel.as_deref()) {
            out.push(crate::parse::tree_to_py(py, &t.py()?)?);
        }
        Ok(out)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CorpusReader>()
}
