//! `nlkit-downloader`: an NLTK-compatible data downloader.
//!
//! Reads NLTK's `index.xml`, downloads packages with verification and
//! installs them into NLTK's data-folder layout.

#![deny(missing_docs)]

/// Errors from the downloader.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An I/O error on a path.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}
