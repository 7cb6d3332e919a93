//! `nlkit._native`: the compiled half of the `nlkit` Python package.
//!
//! Thin pyo3 wrappers over the `nlkit` Rust library. The NLTK-shaped
//! classes and functions (signatures, defaults, `patch_nltk`) live in the
//! pure-Python package `pysrc/nlkit`; this module only takes strings and
//! lists of strings, runs the library (batch calls without the GIL, on
//! rayon's threads) and maps `nlkit::Error` to typed Python exceptions.

use pyo3::prelude::*;

mod chunk;
mod corpus;
mod download;
mod errors;
mod parse;
mod pipeline;
mod resources;
mod stem;
mod tag;
mod tokenize;
mod wordnet;
mod wordnet_db;

/// Texts at least this long are processed with the GIL released.
pub(crate) const DETACH_BYTES: usize = 4096;

/// Batches smaller than this (tokens, or bytes of text) run on the calling
/// thread: waking the thread pool would cost more than it saves.
pub(crate) const PAR_MIN_TOKENS: usize = 4096;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    tokenize::register(m)?;
    corpus::register(m)?;
    download::register(m)?;
    chunk::register(m)?;
    parse::register(m)?;
    stem::register(m)?;
    tag::register(m)?;
    wordnet::register(m)?;
    wordnet_db::register(m)?;
    pipeline::register(m)?;
    Ok(())
}
