//! `nltk.RegexpParser`: chunk `(word, tag)` sentences with a cascaded
//! regular-expression grammar. Trees come back as nested
//! `(label, [child, ...])` pairs with `(word, tag)` leaves; the Python side
//! makes them `nlkit.Tree` objects (convertible to `nltk.Tree`).

use nlkit::chunk::{Chunker, RegexpParser};
use nlkit::tree::{Child, Tree};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::errors::IntoPy;

/// A compiled chunk grammar.
#[pyclass(module = "nlkit._native", name = "RegexpParser", frozen)]
struct PyRegexpParser {
    inner: RegexpParser,
}

/// `(label, [children])`, leaves split at their last `/` into `(word, tag)`.
/// Chunk trees are as deep as the grammar has stages, so recursion is bounded
/// by the caller's grammar, not by the text.
pub(crate) fn to_py<'py>(py: Python<'py>, t: &Tree) -> PyResult<Bound<'py, PyTuple>> {
    let kids = PyList::empty(py);
    for c in t.children() {
        match c {
            Child::Tree(sub) => kids.append(to_py(py, sub)?)?,
            Child::Leaf(l) => {
                let (w, tag) = l.rsplit_once('/').unwrap_or((l.as_str(), ""));
                kids.append((w, tag))?;
            }
        }
    }
    PyTuple::new(
        py,
        [t.label().into_pyobject(py)?.into_any(), kids.into_any()],
    )
}

#[pymethods]
impl PyRegexpParser {
    #[new]
    fn new(grammar: &str, root_label: &str, loop_count: usize) -> PyResult<Self> {
        Ok(PyRegexpParser {
            inner: RegexpParser::with_options(grammar, root_label, loop_count).py()?,
        })
    }

    /// Chunks one tagged sentence.
    fn parse<'py>(
        &self,
        py: Python<'py>,
        tagged: Vec<(String, String)>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let pairs: Vec<(&str, &str)> = tagged
            .iter()
            .map(|(w, t)| (w.as_str(), t.as_str()))
            .collect();
        let tree = self.inner.parse(&pairs).py()?;
        to_py(py, &tree)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRegexpParser>()
}
