//! Where NLTK data lives: the search path and the default download folder.
//!
//! Follows `nltk.data.path` and `Downloader.default_download_dir()`: the
//! entries of `NLTK_DATA` (split on `:`; `;` on Windows) come first, then
//! `~/nltk_data`, then the system folders (`/usr/share/nltk_data`,
//! `/usr/local/share/nltk_data`, `/usr/lib/nltk_data`,
//! `/usr/local/lib/nltk_data`). NLTK also lists three folders under Python's
//! `sys.prefix`; nlkit has no Python prefix and leaves them out.
//!
//! The default download folder is the first folder of the search path that
//! exists and is writable, else `~/nltk_data`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

fn home() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

fn expand_user(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/").or_else(|| (p == "~").then_some("")) {
        if let Some(h) = home() {
            return h.join(rest);
        }
    }
    PathBuf::from(p)
}

/// NLTK's data search path (`nltk.data.path`), built from the environment.
///
/// # Example
/// ```
/// let path = nlkit_downloader::search_path();
/// if let Some(first) = std::env::var_os("NLTK_DATA").filter(|v| !v.is_empty()) {
///     let first = std::env::split_paths(&first).next().unwrap();
///     assert_eq!(path[0], first);
/// }
/// ```
pub fn search_path() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(v) = std::env::var_os("NLTK_DATA") {
        let sep = if cfg!(windows) { ';' } else { ':' };
        for d in v.to_string_lossy().split(sep) {
            if !d.is_empty() {
                out.push(expand_user(d));
            }
        }
    }
    if let Some(h) = home() {
        out.push(h.join("nltk_data"));
    }
    if cfg!(windows) {
        for var in ["APPDATA"] {
            if let Some(a) = std::env::var_os(var) {
                out.push(PathBuf::from(a).join("nltk_data"));
            }
        }
        for d in ["C:\\nltk_data", "D:\\nltk_data", "E:\\nltk_data"] {
            out.push(PathBuf::from(d));
        }
    } else {
        for d in [
            "/usr/share/nltk_data",
            "/usr/local/share/nltk_data",
            "/usr/lib/nltk_data",
            "/usr/local/lib/nltk_data",
        ] {
            out.push(PathBuf::from(d));
        }
    }
    out
}

/// Whether `dir` exists and a file can be created in it.
pub fn is_writable(dir: &Path) -> bool {
    dir.is_dir()
        && tempfile::Builder::new()
            .prefix(".nlkit-w")
            .tempfile_in(dir)
            .is_ok()
}

/// NLTK's default download folder: the first existing, writable folder of
/// [`search_path`], else `~/nltk_data`.
///
/// # Errors
/// [`Error::NoDownloadDir`] when there is no such folder and no home folder.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir()?;
/// std::env::set_var("NLTK_DATA", dir.path());
/// assert_eq!(nlkit_downloader::default_download_dir()?, dir.path());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn default_download_dir() -> Result<PathBuf> {
    for d in search_path() {
        if is_writable(&d) {
            return Ok(d);
        }
    }
    home()
        .map(|h| h.join("nltk_data"))
        .ok_or(Error::NoDownloadDir)
}
