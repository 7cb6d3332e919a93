//! The text pipeline (`nlkit pipeline`) over many documents at once:
//! the same records, as the same JSON lines, as the command line prints.

use nlkit::io::{ParagraphReader, Utf8Mode};
use nlkit::pipeline::{Pipeline, PipelineConfig, SentenceRecord};
use nlkit::wordnet::{WordNet, WordNetLemmatizer};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use crate::errors::IntoPy;
use crate::resources;

/// A built pipeline; one per process is enough (it is shared by threads).
#[pyclass(module = "nlkit._native", frozen)]
struct TextPipeline {
    inner: Pipeline,
}

/// The records of one document, numbered as `nlkit pipeline` numbers them
/// (paragraphs are blank-line separated; offsets are bytes of the text).
fn run_doc(p: &Pipeline, doc: &str, text: &str) -> nlkit::Result<Vec<SentenceRecord>> {
    let mut out = Vec::new();
    let mut reader = ParagraphReader::new(text.as_bytes(), doc.to_string(), Utf8Mode::Strict);
    let mut sent_no = 0usize;
    while let Some(para) = reader.next_with_offset() {
        let (off, para) = para?;
        for mut r in p.process(doc, off, &para)? {
            r.sent = sent_no;
            sent_no += 1;
            out.push(r);
        }
    }
    Ok(out)
}

/// All documents' records, documents in parallel without the GIL.
fn run_all(
    py: Python<'_>,
    p: &Pipeline,
    docs: &[String],
    texts: &[String],
) -> PyResult<Vec<Vec<SentenceRecord>>> {
    if docs.len() != texts.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "docs and texts differ in length",
        ));
    }
    py.detach(|| {
        docs.par_iter()
            .zip(texts.par_iter())
            .map(|(d, t)| run_doc(p, d, t))
            .collect::<nlkit::Result<Vec<_>>>()
    })
    .py()
}

fn to_json(r: &SentenceRecord) -> nlkit::Result<String> {
    serde_json::to_string(r).map_err(|e| nlkit::Error::Json {
        context: "writing a record".into(),
        source: e,
    })
}

#[pymethods]
impl TextPipeline {
    /// The default pipeline (Punkt, word tokens, Penn and universal tags),
    /// or the one a `--config` JSON text describes; WordNet lemmas on request.
    #[new]
    #[pyo3(signature = (config=None, lemmas=false, paths=Vec::new()))]
    fn new(config: Option<&str>, lemmas: bool, paths: Vec<String>) -> PyResult<TextPipeline> {
        let mut p = match config {
            Some(c) => PipelineConfig::from_json(c).py()?.build().py()?,
            None => Pipeline::default_english().py()?,
        };
        if lemmas {
            let res = resources::find("corpora/wordnet", "wordnet", &paths)?;
            let wn = WordNet::open(res.location()).py()?;
            p = p.with_lemmatizer(WordNetLemmatizer::new(wn)).py()?;
        }
        Ok(TextPipeline { inner: p })
    }

    /// JSON lines (one per sentence) of each document, documents in
    /// parallel without the GIL.
    fn process(
        &self,
        py: Python<'_>,
        docs: Vec<String>,
        texts: Vec<String>,
    ) -> PyResult<Vec<Vec<String>>> {
        run_all(py, &self.inner, &docs, &texts)?
            .iter()
            .map(|recs| recs.iter().map(to_json).collect::<nlkit::Result<Vec<_>>>())
            .collect::<nlkit::Result<Vec<_>>>()
            .py()
    }

    /// The records of all documents as columns (one list per field, one
    /// entry per sentence; `tags`, `upos`, `lemmas` entries are `None` where
    /// the stage did not run), ready for Arrow.
    fn columns<'py>(
        &self,
        py: Python<'py>,
        docs: Vec<String>,
        texts: Vec<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let recs = run_all(py, &self.inner, &docs, &texts)?;
        let flat: Vec<&SentenceRecord> = recs.iter().flatten().collect();
        let d = PyDict::new(py);
        d.set_item(
            "doc",
            flat.iter().map(|r| r.doc.as_str()).collect::<Vec<_>>(),
        )?;
        d.set_item("sent", flat.iter().map(|r| r.sent).collect::<Vec<_>>())?;
        d.set_item(
            "text",
            flat.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "span",
            flat.iter()
                .map(|r| vec![r.span.0, r.span.1])
                .collect::<Vec<_>>(),
        )?;
        d.set_item("tokens", flat.iter().map(|r| &r.tokens).collect::<Vec<_>>())?;
        d.set_item(
            "spans",
            flat.iter()
                .map(|r| r.spans.iter().map(|s| vec![s.0, s.1]).collect::<Vec<_>>())
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "tags",
            flat.iter().map(|r| r.tags.as_ref()).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "upos",
            flat.iter().map(|r| r.upos.as_ref()).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "lemmas",
            flat.iter().map(|r| r.lemmas.as_ref()).collect::<Vec<_>>(),
        )?;
        Ok(d)
    }

    /// The stage names.
    fn stage_names(&self) -> Vec<String> {
        self.inner
            .stage_names()
            .into_iter()
            .map(str::to_string)
            .collect()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<TextPipeline>()
}
