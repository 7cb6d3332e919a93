//! `nlkit.downloader`'s native half: NLTK's data index (`index.xml`),
//! package status and installs, done by the `nlkit-downloader` crate with
//! the GIL released while it fetches and unpacks. The NLTK-shaped
//! `Downloader` class, messages and `download()` live in
//! `pysrc/nlkit/downloader.py`.

use std::time::Duration;

use nlkit_downloader as dl;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

/// Downloader errors as Python exceptions: network and file trouble is
/// `OSError`, everything else (unknown ids, bad archives, bad index) `ValueError`.
fn to_py(e: dl::Error) -> PyErr {
    fn is_os(e: &dl::Error) -> bool {
        match e {
            dl::Error::Io { .. } | dl::Error::Http { .. } | dl::Error::HttpStatus { .. } => true,
            dl::Error::Package { source, .. } => is_os(source),
            _ => false,
        }
    }
    if is_os(&e) {
        PyOSError::new_err(e.to_string())
    } else {
        PyValueError::new_err(e.to_string())
    }
}

fn options(force: bool) -> dl::Options {
    dl::Options {
        force,
        connect_timeout: Duration::from_secs(15),
        read_timeout: Duration::from_secs(30),
        retries: 2,
        ..Default::default()
    }
}

/// NLTK's status strings (`Downloader.INSTALLED`, ...) of one package.
fn status_str(s: dl::Status) -> &'static str {
    match s {
        dl::Status::Corrupt | dl::Status::OutOfDate => dl::Status::OutOfDate.as_str(),
        dl::Status::Partial | dl::Status::NotInstalled => dl::Status::NotInstalled.as_str(),
        dl::Status::Installed => dl::Status::Installed.as_str(),
    }
}

/// A parsed data-server index.
#[pyclass(module = "nlkit._native", frozen)]
struct DataIndex {
    index: dl::Index,
    url: String,
}

impl DataIndex {
    fn package(&self, id: &str) -> PyResult<&dl::Package> {
        self.index
            .package(id)
            .ok_or_else(|| to_py(dl::Error::UnknownPackage { id: id.to_string() }))
    }
}

#[pymethods]
impl DataIndex {
    /// Fetches and parses the index at `url` (`http(s)://`, `file://` or a
    /// path).
    #[staticmethod]
    fn load(py: Python<'_>, url: String) -> PyResult<DataIndex> {
        let index = py
            .detach(|| dl::Index::load(&url, &options(false)))
            .map_err(to_py)?;
        Ok(DataIndex { index, url })
    }

    /// The url the index came from.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    /// Every package as `(id, name, subdir, size, unzipped_size, checksum, unzip, url, attributes)`.
    #[allow(clippy::type_complexity)]
    fn packages(
        &self,
    ) -> Vec<(
        String,
        String,
        String,
        u64,
        u64,
        String,
        bool,
        String,
        Vec<(String, String)>,
    )> {
        self.index
            .packages()
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    p.name.clone(),
                    p.subdir.clone(),
                    p.size,
                    p.unzipped_size,
                    p.checksum.clone(),
                    p.unzip,
                    p.url.clone(),
                    p.attributes
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                )
            })
            .collect()
    }

    /// Every collection as `(id, name, item ids)`.
    fn collections(&self) -> Vec<(String, String, Vec<String>)> {
        self.index
            .collections()
            .iter()
            .map(|c| (c.id.clone(), c.name.clone(), c.items.clone()))
            .collect()
    }

    /// The package ids of a package or collection (collections expanded,
    /// in index order, each package once).
    fn expand(&self, id: &str) -> PyResult<Vec<String>> {
        Ok(self
            .index
            .expand(&[id])
            .map_err(to_py)?
            .into_iter()
            .map(|p| p.id.clone())
            .collect())
    }

    /// Install state of package `id` in `dir`, as NLTK's strings: an
    /// archive with the wrong checksum is "out of date", a half-installed
    /// package (archive without its folder, interrupted download) "not installed".
    fn status(&self, py: Python<'_>, id: &str, dir: &str) -> PyResult<&'static str> {
        self.package(id)?;
        py.detach(|| {
            let d = dl::Downloader::new(self.index.clone(), dir, options(false))?;
            d.status(id)
        })
        .map(status_str)
        .map_err(to_py)
    }

    /// Downloads, verifies and installs one package into `dir`; `True` when
    /// it was installed, `False` when it was already up to date.
    fn download(&self, py: Python<'_>, id: &str, dir: &str, force: bool) -> PyResult<bool> {
        self.package(id)?;
        py.detach(|| {
            let d = dl::Downloader::new(self.index.clone(), dir, options(force))?;
            d.download(&[id]).into_result()
        })
        .map_err(to_py)
        .map(|done| done.iter().any(|(_, a)| *a == dl::Action::Installed))
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<DataIndex>()?;
    m.add("DEFAULT_INDEX_URL", dl::DEFAULT_INDEX_URL)?;
    m.add("UPSTREAM_URL_PREFIX", dl::UPSTREAM_URL_PREFIX)
}
