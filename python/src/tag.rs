//! Part-of-speech tagging with NLTK's averaged-perceptron model
//! (`averaged_perceptron_tagger_eng`), as `nltk.pos_tag` does.

use std::sync::Arc;

use nlkit::tag::{map_tag, PerceptronTagger, Tagger};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::errors::IntoPy;
use crate::resources;

/// NLTK's `PerceptronTagger()` with its pretrained model.
#[pyclass(module = "nlkit._native", frozen)]
struct Perceptron {
    inner: Arc<PerceptronTagger>,
}

/// Tags one sentence, mapping to the universal tagset when asked.
fn tag_one<'t>(t: &'t PerceptronTagger, words: &[String], universal: bool) -> Vec<&'t str> {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags = t.tag(&refs);
    if universal {
        tags.into_iter()
            .map(|tag| map_tag("en-ptb", "universal", tag).unwrap_or("X"))
            .collect()
    } else {
        tags
    }
}

/// `[(word, tag), ...]` as a Python list of tuples, reusing one Python
/// string per distinct tag.
fn pairs<'py>(
    py: Python<'py>,
    words: Vec<String>,
    tags: &[&str],
    interned: &mut Vec<(*const u8, Bound<'py, PyString>)>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (w, t) in words.into_iter().zip(tags) {
        let key = t.as_ptr();
        let tag = match interned.iter().find(|(k, _)| *k == key) {
            Some((_, s)) => s.clone(),
            None => {
                let s = PyString::new(py, t);
                interned.push((key, s.clone()));
                s
            }
        };
        let w = PyString::new(py, &w);
        list.append(PyTuple::new(py, [w.into_any(), tag.into_any()])?)?;
    }
    Ok(list)
}

#[pymethods]
impl Perceptron {
    /// The pretrained model `averaged_perceptron_tagger_<lang>`.
    #[staticmethod]
    fn load(lang: &str, paths: Vec<String>) -> PyResult<Perceptron> {
        Ok(Perceptron {
            inner: resources::perceptron(lang, &paths)?,
        })
    }

    /// Tags one sentence.
    fn tag<'py>(
        &self,
        py: Python<'py>,
        tokens: Vec<String>,
        universal: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = &self.inner;
        let tags = if tokens.len() > 256 {
            py.detach(|| tag_one(t, &tokens, universal))
        } else {
            tag_one(t, &tokens, universal)
        };
        let tags: Vec<&str> = tags;
        let mut interned = Vec::new();
        pairs(py, tokens, &tags, &mut interned)
    }

    /// Tags many sentences in parallel without the GIL.
    fn tag_sents<'py>(
        &self,
        py: Python<'py>,
        sentences: Vec<Vec<String>>,
        universal: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = &self.inner;
        let n_tokens: usize = sentences.iter().map(Vec::len).sum();
        let tags: Vec<Vec<&str>> = py.detach(|| {
            if n_tokens < crate::PAR_MIN_TOKENS {
                // waking rayon's threads costs more than a small batch
                sentences.iter().map(|s| tag_one(t, s, universal)).collect()
            } else {
                sentences
                    .par_iter()
                    .map(|s| tag_one(t, s, universal))
                    .collect()
            }
        });
        let out = PyList::empty(py);
        let mut interned = Vec::new();
        for (s, tg) in sentences.into_iter().zip(&tags) {
            out.append(pairs(py, s, tg, &mut interned)?)?;
        }
        Ok(out)
    }

    /// The tag classes, sorted.
    fn classes(&self) -> Vec<String> {
        self.inner.classes().map(str::to_string).collect()
    }
}

/// `nltk.tag.map_tag(source, target, tag)`.
#[pyfunction]
#[pyo3(name = "map_tag")]
fn map_tag_py(source: &str, target: &str, tag: &str) -> PyResult<&'static str> {
    map_tag(source, target, tag).py()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Perceptron>()?;
    m.add_function(wrap_pyfunction!(map_tag_py, m)?)?;
    Ok(())
}
