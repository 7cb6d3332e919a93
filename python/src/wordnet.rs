//! The WordNet lemmatizer (`WordNetLemmatizer().lemmatize`, `morphy`).

use std::sync::Arc;

use nlkit::wordnet::{penn_to_wordnet, Pos, WordNetLemmatizer};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::errors::IntoPy;
use crate::resources;
use crate::wordnet_db::{lemmas, synsets, PyLemma, PySynset};

/// WordNet's lemmatizer over `corpora/wordnet`.
#[pyclass(module = "nlkit._native", frozen)]
struct Lemmatizer {
    inner: Arc<WordNetLemmatizer>,
}

fn pos_of(pos: &str) -> PyResult<Pos> {
    let mut it = pos.chars();
    match (it.next().and_then(Pos::from_char), it.next()) {
        (Some(p), None) => Ok(p),
        // NLTK looks the POS up in a dict and raises KeyError.
        _ => Err(PyKeyError::new_err(pos.to_string())),
    }
}

#[pymethods]
impl Lemmatizer {
    #[staticmethod]
    fn load(paths: Vec<String>) -> PyResult<Lemmatizer> {
        Ok(Lemmatizer {
            inner: resources::wordnet(&paths)?,
        })
    }

    /// `lemmatize(word, pos)`.
    fn lemmatize(&self, word: String, pos: &str) -> PyResult<String> {
        let p = pos_of(pos)?;
        Ok(self.inner.lemmatize(&word, p).py()?.to_string())
    }

    /// Lemmas of `(word, penn_tag)` pairs, in parallel: lower-cased words
    /// with the WordNet POS of their Penn tag (nouns for other tags).
    fn lemmatize_many(
        &self,
        py: Python<'_>,
        words: Vec<String>,
        poses: Vec<String>,
    ) -> PyResult<Vec<String>> {
        if words.len() != poses.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "words and poses differ in length",
            ));
        }
        let ps: Vec<Pos> = poses.iter().map(|p| pos_of(p)).collect::<PyResult<_>>()?;
        let l = &self.inner;
        py.detach(|| {
            words
                .par_iter()
                .zip(ps.par_iter())
                .map(|(w, p)| l.lemmatize(w, *p).map(str::to_string))
                .collect::<nlkit::Result<Vec<String>>>()
        })
        .py()
    }

    /// `wordnet.synsets(lemma, pos)`.
    #[pyo3(signature = (lemma, pos=None))]
    fn synsets(&self, lemma: String, pos: Option<&str>) -> PyResult<Vec<PySynset>> {
        let p = pos.map(pos_of).transpose()?;
        Ok(synsets(self.inner.wordnet().synsets(&lemma, p).py()?))
    }

    /// `wordnet.synset(name)`, e.g. `dog.n.01`.
    fn synset(&self, name: String) -> PyResult<PySynset> {
        Ok(PySynset {
            inner: self.inner.wordnet().synset(&name).py()?,
        })
    }

    /// `wordnet.lemmas(lemma, pos)`.
    #[pyo3(signature = (lemma, pos=None))]
    fn lemmas(&self, lemma: String, pos: Option<&str>) -> PyResult<Vec<PyLemma>> {
        let p = pos.map(pos_of).transpose()?;
        Ok(lemmas(self.inner.wordnet().lemmas(&lemma, p).py()?))
    }

    /// `wordnet.all_lemma_names(pos)`.
    fn all_lemma_names(&self, pos: &str) -> PyResult<Vec<String>> {
        self.inner.wordnet().all_lemma_names(pos_of(pos)?).py()
    }

    /// `wordnet.morphy(form, pos)`.
    #[pyo3(signature = (form, pos=None))]
    fn morphy(&self, form: String, pos: Option<&str>) -> PyResult<Option<String>> {
        let p = pos.map(pos_of).transpose()?;
        self.inner.morphy(&form, p).py()
    }
}

/// The WordNet POS letter of a Penn Treebank tag.
#[pyfunction]
fn penn_to_wn(tag: &str) -> String {
    penn_to_wordnet(tag).as_char().to_string()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Lemmatizer>()?;
    m.add_function(wrap_pyfunction!(penn_to_wn, m)?)?;
    Ok(())
}
