//! The library's error type.
//!
//! One enum for the whole `nlkit` crate. Every variant carries what a user
//! needs to fix the problem (file, line, byte offset, expected vs found).

use std::path::PathBuf;

/// Result alias used across nlkit.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in nlkit's library code.
///
/// # Example
/// ```
/// use nlkit::Error;
/// let e = Error::UnknownName { kind: "tokenizer", name: "foo".into(), expected: "word, treebank".into() };
/// assert!(e.to_string().contains("unknown tokenizer"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An I/O error on a named file (or `-` for stdin).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file being read or written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An I/O error with no file attached.
    #[error(transparent)]
    RawIo(#[from] std::io::Error),
    /// Input that is not valid UTF-8.
    #[error("{source_name}: invalid UTF-8 at byte offset {offset} (use --lossy to replace invalid bytes)")]
    InvalidUtf8 {
        /// File name or `<stdin>`.
        source_name: String,
        /// Absolute byte offset of the first invalid byte.
        offset: u64,
    },
    /// A named component (tokenizer, algorithm, language, POS, …) that does not exist.
    #[error("unknown {kind} `{name}` (expected one of: {expected})")]
    UnknownName {
        /// What kind of thing was named.
        kind: &'static str,
        /// The name given.
        name: String,
        /// The names that are accepted.
        expected: String,
    },
    /// An invalid regular expression.
    #[error("invalid regular expression `{pattern}`: {message}")]
    Regex {
        /// The pattern given.
        pattern: String,
        /// What the regex engine said.
        message: String,
    },
    /// A malformed file (model, corpus, grammar, data) at a known place.
    #[error("{}:{line}: {message}", file.display())]
    Format {
        /// The file.
        file: PathBuf,
        /// 1-based line number (0 when not applicable).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model or data file that cannot be used.
    #[error("{0}")]
    Model(String),
    /// A resource (corpus, model) that is not installed.
    #[error("resource `{name}` not found (searched: {searched}); run `nlkit download {package}`")]
    MissingResource {
        /// The resource path, e.g. `corpora/wordnet`.
        name: String,
        /// The folders that were searched.
        searched: String,
        /// The package id to download.
        package: String,
    },
    /// An invalid argument value given by the caller.
    #[error("{0}")]
    InvalidInput(String),
    /// A JSON error with context.
    #[error("{context}: {source}")]
    Json {
        /// What was being read.
        context: String,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A tokenizer whose tokens cannot be aligned with the text it read
    /// (a span is never guessed).
    #[error("cannot align token `{token}` with the text ({tokens} tokens, {spans} spans)")]
    Misaligned {
        /// The first token without a span (empty when unknown).
        token: String,
        /// Number of tokens.
        tokens: usize,
        /// Number of spans found.
        spans: usize,
    },
    /// A model file written in a format version this build cannot read.
    #[error(
        "{what} format version {found} is not supported: this nlkit reads versions {min} to {max}"
    )]
    ModelVersion {
        /// The kind of model, e.g. `tagger model`.
        what: &'static str,
        /// The version in the file.
        found: u32,
        /// The oldest version this build reads.
        min: u32,
        /// The newest version this build reads.
        max: u32,
    },
    /// A model whose parts disagree: its vocabularies, label set or
    /// hyper-parameters do not fit its weights.
    #[error("{}: {part} does not match the model's weights: {message}", file.display())]
    ModelMismatch {
        /// The file.
        file: PathBuf,
        /// Which part disagrees (`word vocabulary`, `label set`, ...).
        part: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A pipeline stage that failed, with the stage's name.
    #[error("pipeline stage `{stage}`: {source}")]
    Stage {
        /// The stage (its output column or name).
        stage: String,
        /// What went wrong.
        #[source]
        source: Box<Error>,
    },
    /// A data file another account could have written (NLTK 3.10.4 refuses
    /// these too); see [`crate::data::check_private`].
    #[error("{}: will not read it: {reason}, so a planted or rewritten file would be loaded as trusted data; make it private to its owner (chmod go-w), or set NLKIT_TRUST_DATA=1", path.display())]
    UntrustedData {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// An error from the downloader crate.
    #[error(transparent)]
    Download(#[from] nlkit_downloader::Error),
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A format error in `file` at `line`.
    pub fn format(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::Format {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}
