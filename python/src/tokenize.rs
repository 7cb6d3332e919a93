//! Tokenizers: `word_tokenize`, `sent_tokenize`, Punkt (+ training),
//! Treebank, its detokenizer, Tweet, Toktok and Regexp tokenizers.

use std::sync::Arc;

use nlkit::sentence::punkt::{PunktSentenceTokenizer, PunktTrainer};
use nlkit::sentence::SentenceTokenizer;
use nlkit::tokenize::{
    NLTKWordTokenizer, RegexpTokenizer, Tokenizer, ToktokTokenizer, TreebankWordDetokenizer,
    TreebankWordTokenizer, TweetOptions, TweetTokenizer, WordTokenizer,
};
use nlkit::Span;
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::errors::IntoPy;
use crate::resources;
use crate::DETACH_BYTES;

/// Runs `f` without the GIL when `bytes` is large.
pub(crate) fn maybe_detach<T: Send>(
    py: Python<'_>,
    bytes: usize,
    f: impl FnOnce() -> T + Send,
) -> T {
    if bytes >= DETACH_BYTES {
        py.detach(f)
    } else {
        f()
    }
}

/// Byte spans as Python character offsets.
pub(crate) fn char_spans(text: &str, spans: &[Span]) -> Vec<(usize, usize)> {
    // spans are sorted by start in every tokenizer here; walk once.
    let mut out = Vec::with_capacity(spans.len());
    let mut byte = 0usize;
    let mut chars = 0usize;
    let advance = |to: usize, byte: &mut usize, chars: &mut usize| {
        if to >= *byte {
            *chars += text.get(*byte..to).map_or(0, |s| s.chars().count());
        } else {
            *chars -= text.get(to..*byte).map_or(0, |s| s.chars().count());
        }
        *byte = to;
        *chars
    };
    for s in spans {
        let a = advance(s.start, &mut byte, &mut chars);
        let b = advance(s.end, &mut byte, &mut chars);
        out.push((a, b));
    }
    out
}

fn word_tokenizer(
    language: &str,
    preserve_line: bool,
    paths: &[String],
) -> PyResult<WordTokenizer> {
    if preserve_line {
        // No sentence splitting: NLTK does not load Punkt then either.
        return Ok(WordTokenizer::new().preserve_line(true));
    }
    let punkt: Arc<dyn SentenceTokenizer> = resources::punkt(language, paths)?;
    Ok(WordTokenizer::with_sentence_tokenizer(punkt))
}

/// `nltk.word_tokenize(text, language, preserve_line)`.
#[pyfunction]
#[pyo3(signature = (text, language, preserve_line, paths))]
fn word_tokenize(
    py: Python<'_>,
    text: String,
    language: &str,
    preserve_line: bool,
    paths: Vec<String>,
) -> PyResult<Vec<String>> {
    let t = word_tokenizer(language, preserve_line, &paths)?;
    Ok(maybe_detach(py, text.len(), || t.tokenize_owned(&text)))
}

/// `word_tokenize` over many texts, in parallel without the GIL.
#[pyfunction]
#[pyo3(signature = (texts, language, preserve_line, paths))]
fn word_tokenize_batch(
    py: Python<'_>,
    texts: Vec<String>,
    language: &str,
    preserve_line: bool,
    paths: Vec<String>,
) -> PyResult<Vec<Vec<String>>> {
    let t = word_tokenizer(language, preserve_line, &paths)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    Ok(py.detach(|| {
        if bytes < crate::PAR_MIN_TOKENS * 4 {
            texts.iter().map(|s| t.tokenize_owned(s)).collect()
        } else {
            texts.par_iter().map(|s| t.tokenize_owned(s)).collect()
        }
    }))
}

/// `nltk.sent_tokenize(text, language)`.
#[pyfunction]
fn sent_tokenize(
    py: Python<'_>,
    text: String,
    language: &str,
    paths: Vec<String>,
) -> PyResult<Vec<String>> {
    let p = resources::punkt(language, &paths)?;
    Ok(maybe_detach(py, text.len(), || {
        p.tokenize(&text).into_iter().map(str::to_string).collect()
    }))
}

/// `sent_tokenize` over many texts.
#[pyfunction]
fn sent_tokenize_batch(
    py: Python<'_>,
    texts: Vec<String>,
    language: &str,
    paths: Vec<String>,
) -> PyResult<Vec<Vec<String>>> {
    let p = resources::punkt(language, &paths)?;
    Ok(py.detach(|| {
        texts
            .par_iter()
            .map(|s| p.tokenize(s).into_iter().map(str::to_string).collect())
            .collect()
    }))
}

/// A Punkt model: loaded by language or trained on text.
#[pyclass(module = "nlkit._native", frozen)]
struct Punkt {
    inner: Arc<PunktSentenceTokenizer>,
}

#[pymethods]
impl Punkt {
    /// The model of `tokenizers/punkt_tab/<language>`.
    #[staticmethod]
    fn load(language: &str, paths: Vec<String>) -> PyResult<Punkt> {
        Ok(Punkt {
            inner: resources::punkt(language, &paths)?,
        })
    }

    /// Trains a model on `text` (NLTK's `PunktSentenceTokenizer(train_text)`).
    #[staticmethod]
    fn train(py: Python<'_>, text: String) -> Punkt {
        let params = py.detach(|| {
            let mut t = PunktTrainer::new();
            t.train(&text, true);
            t.into_params()
        });
        Punkt {
            inner: Arc::new(PunktSentenceTokenizer::new(params)),
        }
    }

    /// An empty model (NLTK's `PunktSentenceTokenizer()`).
    #[staticmethod]
    fn empty() -> Punkt {
        Punkt {
            inner: Arc::new(PunktSentenceTokenizer::new(Default::default())),
        }
    }

    /// Sentence spans in characters.
    fn span_tokenize(
        &self,
        py: Python<'_>,
        text: String,
        realign_boundaries: bool,
    ) -> Vec<(usize, usize)> {
        maybe_detach(py, text.len(), || {
            let spans = self.inner.span_tokenize_with(&text, realign_boundaries);
            char_spans(&text, &spans)
        })
    }

    /// Sentences.
    fn tokenize(&self, py: Python<'_>, text: String, realign_boundaries: bool) -> Vec<String> {
        maybe_detach(py, text.len(), || {
            self.inner
                .span_tokenize_with(&text, realign_boundaries)
                .iter()
                .map(|s| s.slice(&text).to_string())
                .collect()
        })
    }

    /// Abbreviation types of the model, sorted.
    fn abbrev_types(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .inner
            .params()
            .abbrev_types
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.sort();
        v
    }
}

/// `TreebankWordTokenizer().tokenize(text, convert_parentheses)`.
#[pyfunction]
fn treebank_tokenize(py: Python<'_>, text: String, convert_parentheses: bool) -> Vec<String> {
    let t = TreebankWordTokenizer {
        convert_parentheses,
    };
    maybe_detach(py, text.len(), || t.tokenize_owned(&text))
}

/// `TreebankWordTokenizer().span_tokenize(text)` in characters.
#[pyfunction]
fn treebank_span_tokenize(py: Python<'_>, text: String) -> PyResult<Vec<(usize, usize)>> {
    let spans = maybe_detach(py, text.len(), || {
        TreebankWordTokenizer::new().span_tokenize(&text)
    })
    .py()?;
    Ok(char_spans(&text, &spans))
}

/// `NLTKWordTokenizer().tokenize(text, convert_parentheses)`.
#[pyfunction]
fn nltk_word_tokenize(py: Python<'_>, text: String, convert_parentheses: bool) -> Vec<String> {
    let t = NLTKWordTokenizer {
        convert_parentheses,
    };
    maybe_detach(py, text.len(), || t.tokenize_owned(&text))
}

/// `TreebankWordDetokenizer().detokenize(tokens, convert_parentheses)`.
#[pyfunction]
fn detokenize(tokens: Vec<String>, convert_parentheses: bool) -> String {
    TreebankWordDetokenizer {
        convert_parentheses,
    }
    .detokenize(&tokens)
}

/// `TweetTokenizer(...).tokenize(text)`.
#[pyfunction]
fn tweet_tokenize(
    py: Python<'_>,
    text: String,
    preserve_case: bool,
    reduce_len: bool,
    strip_handles: bool,
    match_phone_numbers: bool,
) -> Vec<String> {
    let t = TweetTokenizer::with_options(TweetOptions {
        preserve_case,
        reduce_len,
        strip_handles,
        match_phone_numbers,
    });
    maybe_detach(py, text.len(), || {
        t.tokenize(&text)
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    })
}

/// `ToktokTokenizer().tokenize(text, return_str)`: tokens, or the
/// rewritten string.
#[pyfunction]
fn toktok_tokenize(py: Python<'_>, text: String) -> Vec<String> {
    maybe_detach(py, text.len(), || {
        ToktokTokenizer::new()
            .tokenize(&text)
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    })
}

/// `ToktokTokenizer().tokenize(text, return_str=True)`.
#[pyfunction]
fn toktok_rewrite(py: Python<'_>, text: String) -> String {
    maybe_detach(py, text.len(), || ToktokTokenizer::new().rewrite(&text))
}

/// A compiled `RegexpTokenizer`.
#[pyclass(module = "nlkit._native", frozen)]
struct Regexp {
    inner: RegexpTokenizer,
}

#[pymethods]
impl Regexp {
    #[new]
    fn new(pattern: &str, gaps: bool, discard_empty: bool) -> PyResult<Regexp> {
        Ok(Regexp {
            inner: RegexpTokenizer::with_options(pattern, gaps, discard_empty).py()?,
        })
    }

    fn tokenize(&self, py: Python<'_>, text: String) -> Vec<String> {
        maybe_detach(py, text.len(), || {
            self.inner
                .tokenize(&text)
                .into_iter()
                .map(|c| c.into_owned())
                .collect()
        })
    }

    fn span_tokenize(&self, text: String) -> PyResult<Vec<(usize, usize)>> {
        let spans = self.inner.span_tokenize(&text).py()?;
        Ok(char_spans(&text, &spans))
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(word_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(word_tokenize_batch, m)?)?;
    m.add_function(wrap_pyfunction!(sent_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(sent_tokenize_batch, m)?)?;
    m.add_function(wrap_pyfunction!(treebank_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(treebank_span_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(nltk_word_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(detokenize, m)?)?;
    m.add_function(wrap_pyfunction!(tweet_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(toktok_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(toktok_rewrite, m)?)?;
    m.add_class::<Punkt>()?;
    m.add_class::<Regexp>()?;
    Ok(())
}
