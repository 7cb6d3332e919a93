//! `nlkit::Error` as typed Python exceptions: missing data is NLTK's
//! `LookupError` ("Resource ... not found"), file trouble `OSError`, bad
//! arguments and malformed data `ValueError`.

use pyo3::exceptions::{PyLookupError, PyOSError, PyValueError};
use pyo3::PyErr;

/// NLTK's `LookupError` text for a missing resource.
pub(crate) fn resource_not_found(package: &str, name: &str, searched: &[String]) -> PyErr {
    let stars = "*".repeat(70);
    let mut msg = format!(
        "\n{stars}\n  Resource \u{1b}[93m{package}\u{1b}[0m not found.\n  \
         Please use the NLTK Downloader to obtain the resource:\n\n  \
         \u{1b}[31m>>> import nltk\n  >>> nltk.download('{package}')\n  \u{1b}[0m\n  \
         For more information see: https://www.nltk.org/data.html\n\n  \
         Attempted to load \u{1b}[93m{name}\u{1b}[0m\n\n  Searched in:\n"
    );
    for s in searched {
        msg.push_str(&format!("    - '{s}'\n"));
    }
    msg.push_str(&stars);
    msg.push('\n');
    PyLookupError::new_err(msg)
}

/// Converts a library error.
pub(crate) fn to_py(e: nlkit::Error) -> PyErr {
    use nlkit::Error as E;
    match e {
        E::MissingResource {
            name,
            searched,
            package,
        } => {
            let dirs: Vec<String> = searched.split(", ").map(str::to_string).collect();
            resource_not_found(&package, &name, &dirs)
        }
        E::Io { .. } | E::RawIo(_) => PyOSError::new_err(e.to_string()),
        other => PyValueError::new_err(other.to_string()),
    }
}

/// `Result` into `PyResult`.
pub(crate) trait IntoPy<T> {
    fn py(self) -> pyo3::PyResult<T>;
}

impl<T> IntoPy<T> for nlkit::Result<T> {
    fn py(self) -> pyo3::PyResult<T> {
        self.map_err(to_py)
    }
}
