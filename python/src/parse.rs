//! `nltk.CFG`, `nltk.PCFG`, the chart parsers, `ViterbiParser`, the
//! probabilistic chart parsers and `Tree.fromstring`. Trees come back as
//! nested `(label, [child, ...])` tuples with string leaves; the Python side
//! makes them `nlkit.Tree` objects. Conversion is iterative, so trees as deep
//! as a grammar and sentence make them do not exhaust the native stack.

use nlkit::grammar::{Symbol, CFG, PCFG};
use nlkit::parse::{BottomUpProbabilisticChartParser, ChartParser, QueueOrder, ViterbiParser};
use nlkit::tree::{Child, Tree};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::errors::IntoPy;

/// `(label, [children])` with string leaves, built bottom-up without
/// recursion.
pub(crate) fn tree_to_py<'py>(py: Python<'py>, t: &Tree) -> PyResult<Bound<'py, PyTuple>> {
    // post-order: (node, expanded); finished nodes wait on `done`
    let mut stack: Vec<(&Tree, bool)> = vec![(t, false)];
    let mut done: Vec<Bound<'py, PyAny>> = Vec::new();
    while let Some((node, expanded)) = stack.pop() {
        if !expanded {
            stack.push((node, true));
            for c in node.children().iter().rev() {
                if let Child::Tree(sub) = c {
                    stack.push((sub, false));
                }
            }
            continue;
        }
        let n_sub = node
            .children()
            .iter()
            .filter(|c| matches!(c, Child::Tree(_)))
            .count();
        let mut subs = done.split_off(done.len().saturating_sub(n_sub)).into_iter();
        let kids = PyList::empty(py);
        for c in node.children() {
            match c {
                Child::Tree(_) => {
                    if let Some(s) = subs.next() {
                        kids.append(s)?;
                    }
                }
                Child::Leaf(w) => kids.append(w.as_str())?,
            }
        }
        let tup = PyTuple::new(
            py,
            [node.label().into_pyobject(py)?.into_any(), kids.into_any()],
        )?;
        done.push(tup.into_any());
    }
    match done.pop() {
        Some(t) => Ok(t.cast_into::<PyTuple>()?),
        None => PyTuple::new(py, [""]),
    }
}

/// `Tree.fromstring(s)` (NLTK's default brackets and patterns).
#[pyfunction]
fn tree_fromstring<'py>(
    py: Python<'py>,
    s: &str,
    remove_empty_top_bracketing: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let t = if remove_empty_top_bracketing {
        Tree::fromstring_remove_empty_top(s)
    } else {
        Tree::fromstring(s)
    }
    .py()?;
    tree_to_py(py, &t)
}

/// A production as `(lhs, [(is_nonterminal, symbol), ...])`.
type PyProduction = (String, Vec<(bool, String)>);

fn productions(g: &CFG) -> Vec<PyProduction> {
    g.productions()
        .iter()
        .map(|p| {
            let rhs = p
                .rhs()
                .iter()
                .map(|s| match s {
                    Symbol::N(n) => (true, n.symbol().to_string()),
                    Symbol::T(t) => (false, t.clone()),
                })
                .collect();
            (p.lhs().symbol().to_string(), rhs)
        })
        .collect()
}

/// A context-free grammar.
#[pyclass(module = "nlkit._native", name = "CFG", frozen)]
struct PyCFG {
    inner: CFG,
}

#[pymethods]
impl PyCFG {
    /// `CFG.fromstring(text)`.
    #[staticmethod]
    fn fromstring(text: &str) -> PyResult<Self> {
        Ok(PyCFG {
            inner: CFG::fromstring(text).py()?,
        })
    }

    fn start(&self) -> String {
        self.inner.start().symbol().to_string()
    }

    fn productions(&self) -> Vec<PyProduction> {
        productions(&self.inner)
    }

    fn check_coverage(&self, tokens: Vec<String>) -> PyResult<()> {
        self.inner.check_coverage(&tokens).py()
    }

    fn is_chomsky_normal_form(&self) -> bool {
        self.inner.is_chomsky_normal_form()
    }
}

/// A probabilistic context-free grammar.
#[pyclass(module = "nlkit._native", name = "PCFG", frozen)]
struct PyPCFG {
    inner: PCFG,
}

#[pymethods]
impl PyPCFG {
    /// `PCFG.fromstring(text)`.
    #[staticmethod]
    fn fromstring(text: &str) -> PyResult<Self> {
        Ok(PyPCFG {
            inner: PCFG::fromstring(text).py()?,
        })
    }

    fn start(&self) -> String {
        self.inner.start().symbol().to_string()
    }

    /// Productions with their probabilities.
    fn productions(&self) -> Vec<(PyProduction, f64)> {
        productions(self.inner.cfg())
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, self.inner.prob(i)))
            .collect()
    }

    fn check_coverage(&self, tokens: Vec<String>) -> PyResult<()> {
        self.inner.cfg().check_coverage(&tokens).py()
    }
}

/// NLTK's chart parsers (every strategy gives the same trees; nlkit reads
/// them off a packed forest).
#[pyclass(module = "nlkit._native", name = "ChartParser", frozen)]
struct PyChartParser {
    inner: ChartParser,
}

#[pymethods]
impl PyChartParser {
    #[new]
    fn new(grammar: &Bound<'_, PyAny>) -> PyResult<Self> {
        let cfg = if let Ok(g) = grammar.cast::<PyCFG>() {
            g.get().inner.clone()
        } else if let Ok(g) = grammar.cast::<PyPCFG>() {
            g.get().inner.cfg().clone()
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "ChartParser takes an nlkit CFG or PCFG",
            ));
        };
        Ok(PyChartParser {
            inner: ChartParser::new(&cfg),
        })
    }

    /// At most `limit` trees (all when None).
    fn parse<'py>(
        &self,
        py: Python<'py>,
        tokens: Vec<String>,
        limit: Option<usize>,
    ) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let forest = self.inner.forest(&tokens).py()?;
        let total = forest.count().unwrap_or(u128::MAX);
        let take = limit.map_or(total, |l| (l as u128).min(total));
        (0..take)
            .map_while(|k| forest.tree(k))
            .map(|t| tree_to_py(py, &t))
            .collect()
    }

    /// The number of parses (from the forest, without enumerating them;
    /// None past 2^128 - 1).
    fn count(&self, tokens: Vec<String>) -> PyResult<Option<u128>> {
        Ok(self.inner.forest(&tokens).py()?.count())
    }
}

/// `ViterbiParser`: the most probable parse.
#[pyclass(module = "nlkit._native", name = "ViterbiParser", frozen)]
struct PyViterbiParser {
    inner: ViterbiParser,
}

#[pymethods]
impl PyViterbiParser {
    #[new]
    fn new(grammar: &Bound<'_, PyPCFG>) -> Self {
        PyViterbiParser {
            inner: ViterbiParser::new(&grammar.get().inner),
        }
    }

    fn parse<'py>(
        &self,
        py: Python<'py>,
        tokens: Vec<String>,
    ) -> PyResult<Vec<(Bound<'py, PyTuple>, f64)>> {
        match self.inner.parse(&tokens).py()? {
            Some(best) => Ok(vec![(tree_to_py(py, &best.tree)?, best.prob)]),
            None => Ok(Vec::new()),
        }
    }
}

/// NLTK's bottom-up probabilistic chart parsers (`order`: inside, longest,
/// random, unsorted) with `beam_size`.
#[pyclass(module = "nlkit._native", name = "ProbabilisticChartParser", frozen)]
struct PyProbabilisticChartParser {
    inner: BottomUpProbabilisticChartParser,
}

#[pymethods]
impl PyProbabilisticChartParser {
    #[new]
    fn new(
        grammar: &Bound<'_, PyPCFG>,
        order: &str,
        beam_size: usize,
        seed: u64,
    ) -> PyResult<Self> {
        let order = match QueueOrder::from_name(order).py()? {
            QueueOrder::Random(_) => QueueOrder::Random(seed),
            o => o,
        };
        Ok(PyProbabilisticChartParser {
            inner: BottomUpProbabilisticChartParser::new(&grammar.get().inner, order, beam_size),
        })
    }

    fn parse<'py>(
        &self,
        py: Python<'py>,
        tokens: Vec<String>,
    ) -> PyResult<Vec<(Bound<'py, PyTuple>, f64)>> {
        self.inner
            .parse(&tokens)
            .py()?
            .iter()
            .map(|p| Ok((tree_to_py(py, &p.tree)?, p.prob)))
            .collect()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(tree_fromstring, m)?)?;
    m.add_class::<PyCFG>()?;
    m.add_class::<PyPCFG>()?;
    m.add_class::<PyChartParser>()?;
    m.add_class::<PyViterbiParser>()?;
    m.add_class::<PyProbabilisticChartParser>()
}
