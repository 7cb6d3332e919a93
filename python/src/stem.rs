//! Stemmers: Porter (three modes), Snowball, Lancaster.

use nlkit::stem::{LancasterStemmer, PorterMode, PorterStemmer, SnowballLanguage, SnowballStemmer};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::errors::IntoPy;

/// NLTK's `PorterStemmer(mode)`.
#[pyclass(module = "nlkit._native", frozen)]
struct Porter {
    inner: PorterStemmer,
}

#[pymethods]
impl Porter {
    #[new]
    fn new(mode: &str) -> PyResult<Porter> {
        Ok(Porter {
            inner: PorterStemmer::new(PorterMode::from_name(mode).py()?),
        })
    }

    fn stem(&self, word: String, to_lowercase: bool) -> String {
        self.inner.stem_word(&word, to_lowercase)
    }

    /// Stems many words without the GIL.
    fn stem_many(&self, py: Python<'_>, words: Vec<String>, to_lowercase: bool) -> Vec<String> {
        py.detach(|| {
            words
                .par_iter()
                .map(|w| self.inner.stem_word(w, to_lowercase))
                .collect()
        })
    }
}

/// NLTK's `SnowballStemmer(language, ignore_stopwords)`.
#[pyclass(module = "nlkit._native", frozen)]
struct Snowball {
    inner: SnowballStemmer,
}

#[pymethods]
impl Snowball {
    #[new]
    fn new(language: &str, stopwords: Option<Vec<String>>) -> PyResult<Snowball> {
        let lang = SnowballLanguage::from_name(language).py()?;
        let inner = match stopwords {
            Some(words) => SnowballStemmer::new(lang).with_stopword_list(words),
            None => SnowballStemmer::new(lang),
        };
        Ok(Snowball { inner })
    }

    #[staticmethod]
    fn languages() -> Vec<&'static str> {
        SnowballLanguage::ALL.iter().map(|l| l.name()).collect()
    }

    fn stem(&self, word: String) -> String {
        self.inner.stem_word(&word).into_owned()
    }

    fn stem_many(&self, py: Python<'_>, words: Vec<String>) -> Vec<String> {
        py.detach(|| {
            words
                .par_iter()
                .map(|w| self.inner.stem_word(w).into_owned())
                .collect()
        })
    }
}

/// NLTK's `LancasterStemmer(rule_tuple, strip_prefix_flag)`.
#[pyclass(module = "nlkit._native", frozen)]
struct Lancaster {
    inner: LancasterStemmer,
}

#[pymethods]
impl Lancaster {
    #[new]
    fn new(rules: Option<Vec<String>>, strip_prefix: bool) -> PyResult<Lancaster> {
        let inner = match rules {
            Some(r) => LancasterStemmer::with_rules(&r, strip_prefix).py()?,
            None => LancasterStemmer::new(strip_prefix),
        };
        Ok(Lancaster { inner })
    }

    fn stem(&self, word: String) -> String {
        self.inner.stem_word(&word)
    }

    fn stem_many(&self, py: Python<'_>, words: Vec<String>) -> Vec<String> {
        py.detach(|| words.par_iter().map(|w| self.inner.stem_word(w)).collect())
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Porter>()?;
    m.add_class::<Snowball>()?;
    m.add_class::<Lancaster>()?;
    Ok(())
}
