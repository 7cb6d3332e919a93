//! WordNet synsets and lemmas (`nltk.corpus.wordnet`): lookups,
//! relations, depths, path and Wu-Palmer similarity.

use nlkit::wordnet::{Lemma, Pos, Synset};
use pyo3::basic::CompareOp;
use pyo3::prelude::*;

use crate::errors::IntoPy;

/// An NLTK `Synset`.
#[pyclass(module = "nlkit._native", name = "Synset", frozen)]
pub(crate) struct PySynset {
    pub(crate) inner: Synset,
}

/// An NLTK `Lemma`.
#[pyclass(module = "nlkit._native", name = "Lemma", frozen)]
pub(crate) struct PyLemma {
    inner: Lemma,
}

pub(crate) fn synsets(v: Vec<Synset>) -> Vec<PySynset> {
    v.into_iter().map(|inner| PySynset { inner }).collect()
}

pub(crate) fn lemmas(v: Vec<Lemma>) -> Vec<PyLemma> {
    v.into_iter().map(|inner| PyLemma { inner }).collect()
}

fn pos_str(p: Pos) -> String {
    p.as_char().to_string()
}

#[pymethods]
impl PySynset {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn pos(&self) -> String {
        pos_str(self.inner.pos())
    }
    fn offset(&self) -> u32 {
        self.inner.offset()
    }
    fn lexname(&self) -> &str {
        self.inner.lexname()
    }
    fn definition(&self) -> &str {
        self.inner.definition()
    }
    fn examples(&self) -> Vec<String> {
        self.inner.examples().to_vec()
    }
    fn lemma_names(&self) -> Vec<String> {
        self.inner
            .lemma_names()
            .into_iter()
            .map(str::to_string)
            .collect()
    }
    fn lemmas(&self) -> Vec<PyLemma> {
        lemmas(self.inner.lemmas())
    }
    /// The synsets linked by WordNet pointer `symbol` (`@` hypernyms, `~`
    /// hyponyms, ...).
    fn _related(&self, symbol: &str) -> PyResult<Vec<PySynset>> {
        Ok(synsets(self.inner.related(symbol).py()?))
    }
    fn hypernyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("@")
    }
    fn instance_hypernyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("@i")
    }
    fn hyponyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("~")
    }
    fn instance_hyponyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("~i")
    }
    fn member_holonyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("#m")
    }
    fn substance_holonyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("#s")
    }
    fn part_holonyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("#p")
    }
    fn member_meronyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("%m")
    }
    fn substance_meronyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("%s")
    }
    fn part_meronyms(&self) -> PyResult<Vec<PySynset>> {
        self._related("%p")
    }
    fn topic_domains(&self) -> PyResult<Vec<PySynset>> {
        self._related(";c")
    }
    fn in_topic_domains(&self) -> PyResult<Vec<PySynset>> {
        self._related("-c")
    }
    fn region_domains(&self) -> PyResult<Vec<PySynset>> {
        self._related(";r")
    }
    fn in_region_domains(&self) -> PyResult<Vec<PySynset>> {
        self._related("-r")
    }
    fn usage_domains(&self) -> PyResult<Vec<PySynset>> {
        self._related(";u")
    }
    fn in_usage_domains(&self) -> PyResult<Vec<PySynset>> {
        self._related("-u")
    }
    fn attributes(&self) -> PyResult<Vec<PySynset>> {
        self._related("=")
    }
    fn entailments(&self) -> PyResult<Vec<PySynset>> {
        self._related("*")
    }
    fn causes(&self) -> PyResult<Vec<PySynset>> {
        self._related(">")
    }
    fn also_sees(&self) -> PyResult<Vec<PySynset>> {
        self._related("^")
    }
    fn verb_groups(&self) -> PyResult<Vec<PySynset>> {
        self._related("$")
    }
    fn similar_tos(&self) -> PyResult<Vec<PySynset>> {
        self._related("&")
    }
    fn max_depth(&self) -> PyResult<u32> {
        self.inner.max_depth().py()
    }
    fn min_depth(&self) -> PyResult<u32> {
        self.inner.min_depth().py()
    }
    fn root_hypernyms(&self) -> PyResult<Vec<PySynset>> {
        Ok(synsets(self.inner.root_hypernyms().py()?))
    }
    fn hypernym_paths(&self) -> PyResult<Vec<Vec<PySynset>>> {
        Ok(self
            .inner
            .hypernym_paths()
            .py()?
            .into_iter()
            .map(synsets)
            .collect())
    }
    fn common_hypernyms(&self, other: &PySynset) -> PyResult<Vec<PySynset>> {
        Ok(synsets(self.inner.common_hypernyms(&other.inner).py()?))
    }
    #[pyo3(signature = (other, simulate_root=false, use_min_depth=false))]
    fn lowest_common_hypernyms(
        &self,
        other: &PySynset,
        simulate_root: bool,
        use_min_depth: bool,
    ) -> PyResult<Vec<PySynset>> {
        Ok(synsets(
            self.inner
                .lowest_common_hypernyms(&other.inner, simulate_root, use_min_depth)
                .py()?,
        ))
    }
    #[pyo3(signature = (other, simulate_root=false))]
    fn shortest_path_distance(
        &self,
        other: &PySynset,
        simulate_root: bool,
    ) -> PyResult<Option<usize>> {
        self.inner
            .shortest_path_distance(&other.inner, simulate_root)
            .py()
    }
    #[pyo3(signature = (other, verbose=false, simulate_root=true))]
    fn path_similarity(
        &self,
        other: &PySynset,
        verbose: bool,
        simulate_root: bool,
    ) -> PyResult<Option<f64>> {
        let _ = verbose;
        self.inner
            .path_similarity_with(&other.inner, simulate_root)
            .py()
    }
    #[pyo3(signature = (other, verbose=false, simulate_root=true))]
    fn wup_similarity(
        &self,
        other: &PySynset,
        verbose: bool,
        simulate_root: bool,
    ) -> PyResult<Option<f64>> {
        let _ = verbose;
        self.inner
            .wup_similarity_with(&other.inner, simulate_root)
            .py()
    }
    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> CmpResult {
        match other.cast::<PySynset>() {
            Ok(o) => CmpResult::Bool(op.matches(self.inner.cmp(&o.get().inner))),
            Err(_) => CmpResult::NotImplemented,
        }
    }
}

/// A comparison's answer: a bool, or `NotImplemented` for another type.
pub(crate) enum CmpResult {
    Bool(bool),
    NotImplemented,
}

impl<'py> IntoPyObject<'py> for CmpResult {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(match self {
            CmpResult::Bool(b) => pyo3::types::PyBool::new(py, b).to_owned().into_any(),
            CmpResult::NotImplemented => py.NotImplemented().into_bound(py),
        })
    }
}

#[pymethods]
impl PyLemma {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn synset(&self) -> PySynset {
        PySynset {
            inner: self.inner.synset().clone(),
        }
    }
    fn key(&self) -> PyResult<String> {
        self.inner.key().py()
    }
    fn count(&self) -> PyResult<u32> {
        self.inner.count().py()
    }
    fn antonyms(&self) -> PyResult<Vec<PyLemma>> {
        Ok(lemmas(self.inner.antonyms().py()?))
    }
    fn derivationally_related_forms(&self) -> PyResult<Vec<PyLemma>> {
        Ok(lemmas(self.inner.derivationally_related_forms().py()?))
    }
    fn pertainyms(&self) -> PyResult<Vec<PyLemma>> {
        Ok(lemmas(self.inner.pertainyms().py()?))
    }
    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyLemma>()
            .is_ok_and(|o| format!("{:?}", o.get().inner) == format!("{:?}", self.inner))
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}", self.inner).hash(&mut h);
        h.finish()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySynset>()?;
    m.add_class::<PyLemma>()?;
    Ok(())
}
