//! The text pipeline (`nlkit pipeline`) over many documents at once:
//! the same records, as the same JSON lines, as the command line prints.

use nlkit::io::{ParagraphReader, Utf8Mode};
use nlkit::pipeline::{Pipeline, PipelineConfig, SentenceRecord};
use nlkit::wordnet::{WordNet, WordNetLemmatizer};
use pyo3::prelude::*;
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
fn run_doc(p: &Pipeline, doc: &str, text: &str) -> nlkit::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut reader = ParagraphReader::new(text.as_bytes(), doc.to_string(), Utf8Mode::Strict);
    let mut sent_no = 0usize;
    while let Some(para) = reader.next_with_offset() {
        let (off, para) = para?;
        for mut r in p.process(doc, off, &para)? {
            r.sent = sent_no;
            sent_no += 1;
            out.push(to_json(&r)?);
        }
    }
    Ok(out)
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
        if docs.len() != texts.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "docs and texts differ in length",
            ));
        }
        let p = &self.inner;
        py.detach(|| {
            docs.par_iter()
                .zip(texts.par_iter())
                .map(|(d, t)| run_doc(p, d, t))
                .collect::<nlkit::Result<Vec<_>>>()
        })
        .py()
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
