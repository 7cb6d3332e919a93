//! The downloader's error type.

use std::path::Path;

/// Result alias used across the downloader.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while reading an index, downloading,
/// verifying or installing a package.
///
/// Every message names the package (or file, or URL) it is about, so a
/// command line can print it as is.
///
/// # Example
/// ```
/// use nlkit_downloader::Error;
/// let e = Error::UnknownPackage { id: "nope".into() };
/// assert_eq!(e.to_string(), "unknown package or collection `nope` (see `nlkit download --list`)");
/// ```
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
    /// A network or HTTP-protocol error (connection refused, timeout, reset, ...).
    #[error("{url}: {message}")]
    Http {
        /// The URL being fetched.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{url}: HTTP status {status}")]
    HttpStatus {
        /// The URL being fetched.
        url: String,
        /// The status code.
        status: u16,
    },
    /// A URL the downloader cannot or will not fetch.
    #[error("unsupported URL `{url}`: {reason}")]
    BadUrl {
        /// The URL.
        url: String,
        /// Why it is refused.
        reason: String,
    },
    /// A malformed `index.xml`.
    #[error("{source_name}: malformed index: {message}")]
    Index {
        /// Where the index came from (URL or path).
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// An index entry that would write outside the data folder (or is otherwise unsafe).
    #[error("{source_name}: unsafe index entry: {what} `{value}` {reason}")]
    UnsafeIndex {
        /// Where the index came from.
        source_name: String,
        /// Which attribute (`id`, `subdir`, `url`, ...).
        what: &'static str,
        /// The offending value.
        value: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// A package or collection id that the index does not have.
    #[error("unknown package or collection `{id}` (see `nlkit download --list`)")]
    UnknownPackage {
        /// The id asked for.
        id: String,
    },
    /// The downloaded file does not have the size the index declares.
    #[error(
        "{id}: downloaded {found} bytes but the index declares {expected}; nothing was installed"
    )]
    SizeMismatch {
        /// Package id.
        id: String,
        /// Size from the index.
        expected: u64,
        /// Size received.
        found: u64,
    },
    /// The downloaded file's checksum differs from the index.
    #[error("{id}: {algorithm} checksum mismatch (index {expected}, downloaded {found}); nothing was installed")]
    Checksum {
        /// Package id.
        id: String,
        /// `md5` or `sha256`.
        algorithm: &'static str,
        /// Checksum from the index.
        expected: String,
        /// Checksum of the downloaded bytes.
        found: String,
    },
    /// The package archive is not a readable zip file.
    #[error("{id}: not a valid zip archive ({message}); nothing was installed")]
    BadZip {
        /// Package id.
        id: String,
        /// What the zip reader said.
        message: String,
    },
    /// A zip entry that would escape the package folder (or is a link).
    #[error("{id}: refusing unsafe zip entry `{entry}`: {reason}; nothing was installed")]
    UnsafeZip {
        /// Package id.
        id: String,
        /// The entry name as stored in the archive.
        entry: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// The archive unpacks to more than the index allows (zip bomb guard).
    #[error("{id}: archive unpacks to more than {limit} bytes (index declares {declared} unzipped bytes); nothing was installed")]
    ZipBomb {
        /// Package id.
        id: String,
        /// `unzipped_size` from the index.
        declared: u64,
        /// The limit applied (declared + margin).
        limit: u64,
    },
    /// An error while fetching or installing one package (network, HTTP,
    /// file system), with the package's id.
    #[error("{id}: {source}")]
    Package {
        /// Package id.
        id: String,
        /// What went wrong.
        #[source]
        source: Box<Error>,
    },
    /// No folder to download into could be found.
    #[error("no download folder: set NLTK_DATA or HOME, or pass --dir")]
    NoDownloadDir,
    /// Several packages failed; each error is listed.
    #[error("{} package(s) failed: {}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Many(Vec<Error>),
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// Whether retrying the same request may succeed (network trouble,
    /// server errors, short transfers).
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Http { .. } => true,
            Error::HttpStatus { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            Error::SizeMismatch {
                expected, found, ..
            } => found < expected,
            _ => false,
        }
    }
}

pub(crate) fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |e| Error::io(path, e)
}
