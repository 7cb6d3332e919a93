//! NLTK data resources found along the search path the Python side passes
//! (`nltk.data.path` when NLTK is importable), loaded once per process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use nlkit::data::Resource;
use nlkit::sentence::punkt::{PunktParameters, PunktSentenceTokenizer, PUNKT_TAB_FILES};
use nlkit::tag::PerceptronTagger;
use pyo3::PyResult;

use crate::errors::{resource_not_found, IntoPy};

/// Finds `name` (e.g. `tokenizers/punkt_tab/english`) in the first of
/// `paths` that holds it, or raises NLTK's `LookupError` naming `package`.
pub(crate) fn find(name: &str, package: &str, paths: &[String]) -> PyResult<Resource> {
    for p in paths {
        // A zip such as `tokenizers/punkt_tab.zip` "holds" every language
        // folder name; only one with files in it counts as found.
        if let Ok(r) = Resource::find(name, Some(Path::new(p))) {
            if r.list().is_ok_and(|files| !files.is_empty()) {
                return Ok(r);
            }
        }
    }
    Err(resource_not_found(package, name, paths))
}

type Cache<T> = OnceLock<Mutex<HashMap<String, Arc<T>>>>;

fn cached<T>(
    cache: &'static Cache<T>,
    key: String,
    load: impl FnOnce() -> PyResult<T>,
) -> PyResult<Arc<T>> {
    let map = cache.get_or_init(Default::default);
    if let Some(v) = map.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(v);
    }
    let v = Arc::new(load()?);
    if let Ok(mut m) = map.lock() {
        m.insert(key, Arc::clone(&v));
    }
    Ok(v)
}

/// Loaded resources by (resource name, search path): a repeated call with
/// the same path touches no file (NLTK caches its loaded models too).
fn by_request<T>(
    cache: &'static Cache<T>,
    name: &str,
    paths: &[String],
    load: impl FnOnce() -> PyResult<Arc<T>>,
) -> PyResult<Arc<T>> {
    let key = format!("{name}\0{}", paths.join("\0"));
    let map = cache.get_or_init(Default::default);
    if let Some(v) = map.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(v);
    }
    let v = load()?;
    if let Ok(mut m) = map.lock() {
        m.insert(key, Arc::clone(&v));
    }
    Ok(v)
}

/// Checks a language name used as a path part.
fn check_language(language: &str) -> PyResult<()> {
    if language.is_empty()
        || language.contains(['/', '\\', '\0'])
        || language == ".."
        || language == "."
    {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "invalid language name {language:?}"
        )));
    }
    Ok(())
}

/// The Punkt model of `tokenizers/punkt_tab/<language>` (NLTK's
/// `PunktTokenizer(language)`).
pub(crate) fn punkt(language: &str, paths: &[String]) -> PyResult<Arc<PunktSentenceTokenizer>> {
    check_language(language)?;
    let name = format!("tokenizers/punkt_tab/{language}");
    static REQ: Cache<PunktSentenceTokenizer> = OnceLock::new();
    by_request(&REQ, &name, paths, || punkt_load(&name, paths))
}

fn punkt_load(name: &str, paths: &[String]) -> PyResult<Arc<PunktSentenceTokenizer>> {
    let res = find(name, "punkt_tab", paths)?;
    let key = res.location().display().to_string();
    static CACHE: Cache<PunktSentenceTokenizer> = OnceLock::new();
    cached(&CACHE, key, || {
        let texts: Vec<String> = PUNKT_TAB_FILES
            .iter()
            .map(|f| res.read_to_string(f))
            .collect::<nlkit::Result<_>>()
            .py()?;
        let base = PathBuf::from(name);
        let p: Vec<PathBuf> = PUNKT_TAB_FILES.iter().map(|f| base.join(f)).collect();
        let params = PunktParameters::from_strs([
            (p[0].as_path(), texts[0].as_str()),
            (p[1].as_path(), texts[1].as_str()),
            (p[2].as_path(), texts[2].as_str()),
            (p[3].as_path(), texts[3].as_str()),
        ])
        .py()?;
        Ok(PunktSentenceTokenizer::new(params))
    })
}

/// NLTK's `averaged_perceptron_tagger_<lang>` model.
pub(crate) fn perceptron(lang: &str, paths: &[String]) -> PyResult<Arc<PerceptronTagger>> {
    check_language(lang)?;
    let package = format!("averaged_perceptron_tagger_{lang}");
    let name = format!("taggers/{package}");
    static REQ: Cache<PerceptronTagger> = OnceLock::new();
    by_request(&REQ, &name, paths, || {
        perceptron_load(lang, &name, &package, paths)
    })
}

fn perceptron_load(
    lang: &str,
    name: &str,
    package: &str,
    paths: &[String],
) -> PyResult<Arc<PerceptronTagger>> {
    let res = find(name, package, paths)?;
    let dir = res.location().to_path_buf();
    if !dir.is_dir() {
        return Err(pyo3::exceptions::PyOSError::new_err(format!(
            "{}: nlkit reads the tagger model from an unzipped folder; unzip it",
            dir.display()
        )));
    }
    static CACHE: Cache<PerceptronTagger> = OnceLock::new();
    cached(&CACHE, dir.display().to_string(), || {
        PerceptronTagger::load_nltk_lang(&dir, lang).py()
    })
}

/// WordNet from `corpora/wordnet`.
pub(crate) fn wordnet(paths: &[String]) -> PyResult<Arc<nlkit::wordnet::WordNetLemmatizer>> {
    static REQ: Cache<nlkit::wordnet::WordNetLemmatizer> = OnceLock::new();
    by_request(&REQ, "corpora/wordnet", paths, || wordnet_load(paths))
}

fn wordnet_load(paths: &[String]) -> PyResult<Arc<nlkit::wordnet::WordNetLemmatizer>> {
    let res = find("corpora/wordnet", "wordnet", paths)?;
    let loc = res.location().to_path_buf();
    static CACHE: Cache<nlkit::wordnet::WordNetLemmatizer> = OnceLock::new();
    cached(&CACHE, loc.display().to_string(), || {
        let wn = nlkit::wordnet::WordNet::open(&loc).py()?;
        Ok(nlkit::wordnet::WordNetLemmatizer::new(wn))
    })
}
