//! `nlkit-downloader`: an NLTK-compatible data downloader.
//!
//! Reads NLTK's `index.xml` ([`Index`]), downloads packages over HTTP(S)
//! (reqwest with rustls, proxy from the environment, connect and read
//! timeouts, `Range` resume of interrupted downloads, bounded retries with
//! backoff) or from `file://` mirrors, verifies size, MD5 and (when the
//! index has it) SHA-256 before anything is installed, and installs into
//! NLTK's data-folder layout (`<dir>/<subdir>/<id>.zip` plus the unpacked
//! `<dir>/<subdir>/<id>/` when `unzip="1"`), so NLTK and nlkit share one
//! folder. It matches `nltk.downloader.Downloader` (`download`, `status`,
//! `update`, `default_download_dir`).
//!
//! Differences from NLTK: nlkit unpacks into a temporary folder and renames
//! it into place (a package is fully installed or absent), holds a lock
//! file (`.nlkit-download.lock`) in the data folder while it writes,
//! downloads packages in parallel, validates the index itself (ids, subdirs
//! and urls that could escape the data folder are refused), and allows
//! loopback and private mirrors (NLTK 3.10.4 refuses them).
//!
//! # Example
//! A complete round trip through a `file://` mirror built on the spot:
//! ```
//! use std::io::Write;
//! use nlkit_downloader::{Downloader, Options, Status};
//!
//! let mirror = tempfile::tempdir()?;
//! // A package archive: every entry under `<id>/`.
//! let zip_path = mirror.path().join("hello.zip");
//! let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path)?);
//! w.start_file("hello/README", zip::write::SimpleFileOptions::default())?;
//! w.write_all(b"hello world\n")?;
//! w.finish()?;
//! let bytes = std::fs::read(&zip_path)?;
//! let md5 = nlkit_downloader::md5_hex(&bytes);
//! let xml = format!(
//!     r#"<nltk_data><packages><package id="hello" name="Hello" subdir="corpora" unzip="1"
//!         size="{}" unzipped_size="12" checksum="{md5}" url="hello.zip"/></packages></nltk_data>"#,
//!     bytes.len());
//! std::fs::write(mirror.path().join("index.xml"), xml)?;
//!
//! let data = tempfile::tempdir()?;
//! let index_url = format!("file://{}/index.xml", mirror.path().display());
//! let dl = Downloader::from_url(&index_url, data.path(), Options::default())?;
//! assert_eq!(dl.status("hello")?, Status::NotInstalled);
//! dl.download(&["hello"]).into_result()?;
//! assert_eq!(dl.status("hello")?, Status::Installed);
//! assert!(data.path().join("corpora/hello.zip").is_file());
//! assert_eq!(std::fs::read_to_string(data.path().join("corpora/hello/README"))?, "hello world\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rayon::prelude::*;

mod bars;
mod error;
mod fetch;
mod index;
mod install;
mod paths;

pub use error::{Error, Result};
pub use index::{Collection, Index, Item, Package};
pub use install::{unpack_limit, Status, UNZIPPED_SIZE_SLACK};
pub use paths::{default_download_dir, is_writable, search_path};

use error::io_at;
use fetch::{classify, Fetcher, Source};
use install::Layout;

/// NLTK's official index.
pub const DEFAULT_INDEX_URL: &str =
    "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/index.xml";

/// The prefix of every package url in NLTK's official index (followed by
/// `packages/<subdir>/<id>.zip`). A mirror of that layout can be used by
/// replacing it with [`Index::rewrite_urls`].
///
/// # Example
/// ```
/// use nlkit_downloader::{Index, UPSTREAM_URL_PREFIX};
/// let xml = format!(r#"<nltk_data><packages><package id="a" subdir="corpora" size="1"
///     checksum="0123456789abcdef0123456789abcdef" url="{UPSTREAM_URL_PREFIX}packages/corpora/a.zip"/>
///     </packages></nltk_data>"#);
/// let mut index = Index::parse(xml.as_bytes(), "example")?;
/// index.rewrite_urls(UPSTREAM_URL_PREFIX, "file:///srv/nltk_data/");
/// assert_eq!(index.package("a").unwrap().url, "file:///srv/nltk_data/packages/corpora/a.zip");
/// # Ok::<(), nlkit_downloader::Error>(())
/// ```
pub const UPSTREAM_URL_PREFIX: &str = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/";

/// Name of the lock file created in the data folder.
pub const LOCK_FILE: &str = ".nlkit-download.lock";

/// MD5 of some bytes, lowercase hex (the index's `checksum` format).
///
/// # Example
/// ```
/// assert_eq!(nlkit_downloader::md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
/// ```
pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How the downloader behaves: timeouts, retries, parallelism.
///
/// # Example
/// ```
/// use std::time::Duration;
/// let opts = nlkit_downloader::Options { jobs: 4, retries: 1, read_timeout: Duration::from_secs(5), ..Default::default() };
/// assert!(!opts.force);
/// ```
#[derive(Debug, Clone)]
pub struct Options {
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed with no data arriving (per read).
    pub read_timeout: Duration,
    /// Extra attempts after a transient failure (network error, HTTP 5xx,
    /// short transfer); each resumes where the last one stopped.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Packages downloaded at the same time.
    pub jobs: usize,
    /// Re-install packages that are already installed.
    pub force: bool,
    /// Draw progress bars on standard error.
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            jobs: 1,
            force: false,
            progress: false,
        }
    }
}

/// What happened to one package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Downloaded, verified and installed.
    Installed,
    /// Already installed and up to date; nothing was done.
    UpToDate,
}

/// The result of one package in a [`Downloader::download`] run.
#[derive(Debug)]
pub struct Outcome {
    /// Package id.
    pub id: String,
    /// What happened, or why it failed.
    pub result: Result<Action>,
}

/// The results of a download run, one per package, in request order.
#[derive(Debug, Default)]
pub struct Report {
    /// One entry per package.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// The errors, in order.
    pub fn failures(&self) -> impl Iterator<Item = &Error> {
        self.outcomes.iter().filter_map(|o| o.result.as_ref().err())
    }

    /// Ok when every package succeeded; otherwise the single error, or
    /// [`Error::Many`].
    ///
    /// # Errors
    /// The failures of the run.
    pub fn into_result(self) -> Result<Vec<(String, Action)>> {
        let mut ok = Vec::new();
        let mut errs = Vec::new();
        for o in self.outcomes {
            match o.result {
                Ok(a) => ok.push((o.id, a)),
                Err(e) => errs.push(e),
            }
        }
        if errs.len() > 1 {
            return Err(Error::Many(errs));
        }
        match errs.pop() {
            Some(e) => Err(e),
            None => Ok(ok),
        }
    }
}

/// One row of [`Downloader::list`].
#[derive(Debug, Clone)]
pub struct ListEntry {
    /// Package or collection id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Archive size in bytes (a collection: the sum over its packages).
    pub size: u64,
    /// Install state.
    pub status: Status,
    /// Whether this is a collection.
    pub is_collection: bool,
}

/// Downloads and installs packages of one index into one data folder.
///
/// See the [crate example](crate) for a full round trip.
pub struct Downloader {
    index: Index,
    dir: PathBuf,
    opts: Options,
    fetcher: Fetcher,
}

impl std::fmt::Debug for Downloader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Downloader")
            .field("dir", &self.dir)
            .field("packages", &self.index.packages().len())
            .field("opts", &self.opts)
            .finish()
    }
}

impl Index {
    /// Fetches and parses an index from an `http(s)://` or `file://` URL or
    /// a plain path. Relative package urls are resolved against it; an index
    /// fetched over HTTP may only point at `http(s)://` packages.
    ///
    /// # Errors
    /// Network and file errors, and those of [`Index::parse`].
    pub fn load(url: &str, opts: &Options) -> Result<Index> {
        let fetcher = Fetcher::new(opts)?;
        Self::load_with(url, &fetcher)
    }

    fn load_with(url: &str, fetcher: &Fetcher) -> Result<Index> {
        let remote = matches!(classify(url)?, Source::Http(_));
        let bytes = fetcher.get_bytes(url)?;
        let mut index = Index::parse(&bytes, url)?;
        index.resolve_relative_urls(url);
        if remote {
            for p in index.packages() {
                if !matches!(classify(&p.url), Ok(Source::Http(_))) {
                    return Err(Error::UnsafeIndex {
                        source_name: url.to_string(),
                        what: "url",
                        value: p.url.clone(),
                        reason: "points at a local file from an index fetched over the network",
                    });
                }
            }
        }
        Ok(index)
    }
}

impl Downloader {
    /// A downloader for `index` installing into `dir`.
    ///
    /// # Errors
    /// [`Error::Http`] if the HTTP client cannot start.
    pub fn new(index: Index, dir: impl Into<PathBuf>, opts: Options) -> Result<Downloader> {
        let fetcher = Fetcher::new(&opts)?;
        Ok(Downloader {
            index,
            dir: dir.into(),
            opts,
            fetcher,
        })
    }

    /// Fetches the index at `index_url` ([`Index::load`]) and makes a
    /// downloader installing into `dir`.
    ///
    /// # Errors
    /// Those of [`Index::load`].
    pub fn from_url(index_url: &str, dir: impl Into<PathBuf>, opts: Options) -> Result<Downloader> {
        let fetcher = Fetcher::new(&opts)?;
        let index = Index::load_with(index_url, &fetcher)?;
        Ok(Downloader {
            index,
            dir: dir.into(),
            opts,
            fetcher,
        })
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Install state of a package or collection.
    ///
    /// # Errors
    /// [`Error::UnknownPackage`].
    pub fn status(&self, id: &str) -> Result<Status> {
        match self.index.get(id) {
            Some(Item::Package(p)) => Ok(install::package_status(p, &self.dir)),
            Some(Item::Collection(_)) => {
                let states: Vec<Status> = self
                    .index
                    .expand(&[id])?
                    .iter()
                    .map(|p| install::package_status(p, &self.dir))
                    .collect();
                Ok(install::combine(&states))
            }
            None => Err(Error::UnknownPackage { id: id.to_string() }),
        }
    }

    /// Every package, then every collection, with size and state.
    pub fn list(&self) -> Vec<ListEntry> {
        let states: Vec<Status> = self
            .index
            .packages()
            .par_iter()
            .map(|p| install::package_status(p, &self.dir))
            .collect();
        let mut out: Vec<ListEntry> = self
            .index
            .packages()
            .iter()
            .zip(&states)
            .map(|(p, s)| ListEntry {
                id: p.id.clone(),
                name: p.name.clone(),
                size: p.size,
                status: *s,
                is_collection: false,
            })
            .collect();
        for c in self.index.collections() {
            let members = self.index.expand(&[c.id.as_str()]).unwrap_or_default();
            let member_states: Vec<Status> = members
                .iter()
                .map(|m| {
                    self.index
                        .packages()
                        .iter()
                        .position(|p| p.id == m.id)
                        .and_then(|i| states.get(i).copied())
                        .unwrap_or(Status::NotInstalled)
                })
                .collect();
            out.push(ListEntry {
                id: c.id.clone(),
                name: c.name.clone(),
                size: members.iter().map(|m| m.size).sum(),
                status: install::combine(&member_states),
                is_collection: true,
            });
        }
        out
    }

    /// Downloads and installs packages and collections by id (collections
    /// are expanded). Packages already installed are skipped unless
    /// [`Options::force`]. Each package succeeds or fails on its own; the
    /// report has one outcome per package (or one for an unknown id).
    pub fn download<S: AsRef<str>>(&self, ids: &[S]) -> Report {
        let mut report = Report::default();
        let mut wanted: Vec<&Package> = Vec::new();
        for id in ids {
            match self.index.expand(&[id.as_ref()]) {
                Ok(pkgs) => {
                    for p in pkgs {
                        if !wanted.iter().any(|w| w.id == p.id) {
                            wanted.push(p);
                        }
                    }
                }
                Err(e) => report.outcomes.push(Outcome {
                    id: id.as_ref().to_string(),
                    result: Err(e),
                }),
            }
        }
        report.outcomes.extend(self.run(&wanted, self.opts.force));
        report
    }

    /// Re-installs every package that is present but not in the installed
    /// state (out of date, corrupt or partial), like NLTK's `update()`.
    pub fn update(&self) -> Report {
        let stale: Vec<&Package> = self
            .index
            .packages()
            .iter()
            .filter(|p| {
                matches!(
                    install::package_status(p, &self.dir),
                    Status::OutOfDate | Status::Corrupt | Status::Partial
                )
            })
            .collect();
        Report {
            outcomes: self.run(&stale, true),
        }
    }

    fn lock(&self) -> Result<std::fs::File> {
        std::fs::create_dir_all(&self.dir).map_err(io_at(&self.dir))?;
        let path = self.dir.join(LOCK_FILE);
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_at(&path))?;
        fs4::fs_std::FileExt::lock_exclusive(&f).map_err(io_at(&path))?;
        Ok(f)
    }

    fn run(&self, pkgs: &[&Package], force: bool) -> Vec<Outcome> {
        if pkgs.is_empty() {
            return Vec::new();
        }
        let fail_all = |e: &Error| -> Vec<Outcome> {
            pkgs.iter()
                .map(|p| Outcome {
                    id: p.id.clone(),
                    result: Err(Error::Package {
                        id: p.id.clone(),
                        source: Box::new(Error::Io {
                            path: self.dir.join(LOCK_FILE).display().to_string(),
                            source: std::io::Error::other(e.to_string()),
                        }),
                    }),
                })
                .collect()
        };
        // Held until the end of the run; released when dropped.
        let _lock = match self.lock() {
            Ok(l) => l,
            Err(e) => return fail_all(&e),
        };
        let total_bytes: u64 = pkgs.iter().map(|p| p.size).sum();
        let bars = bars::Bars::new(self.opts.progress, pkgs.len(), total_bytes);
        let done = AtomicU64::new(0);
        let work = |p: &&Package| -> Outcome {
            let bar = bars.package(&p.id, p.size);
            let last = AtomicU64::new(0);
            let progress = |pos: u64| {
                bar.set_position(pos);
                let prev = last.swap(pos, Ordering::Relaxed);
                if pos >= prev {
                    done.fetch_add(pos - prev, Ordering::Relaxed);
                } else {
                    done.fetch_sub(prev - pos, Ordering::Relaxed);
                }
                bars.set_overall(done.load(Ordering::Relaxed));
            };
            let stage = |m: &'static str| bar.set_stage(m);
            let result = self.fetch_install(p, force, &progress, &stage);
            if result.is_ok() {
                progress(p.size);
            }
            bar.finish();
            Outcome {
                id: p.id.clone(),
                result,
            }
        };
        let jobs = self.opts.jobs.max(1);
        let out = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(|| pkgs.par_iter().map(work).collect()),
            Err(_) => pkgs.iter().map(work).collect(),
        };
        bars.finish();
        out
    }

    fn fetch_install(
        &self,
        p: &Package,
        force: bool,
        progress: &dyn Fn(u64),
        stage: &dyn Fn(&'static str),
    ) -> Result<Action> {
        self.fetch_install_inner(p, force, progress, stage)
            .map_err(|e| match e {
                Error::Http { .. }
                | Error::HttpStatus { .. }
                | Error::Io { .. }
                | Error::BadUrl { .. } => Error::Package {
                    id: p.id.clone(),
                    source: Box::new(e),
                },
                e => e,
            })
    }

    fn fetch_install_inner(
        &self,
        p: &Package,
        force: bool,
        progress: &dyn Fn(u64),
        stage: &dyn Fn(&'static str),
    ) -> Result<Action> {
        stage("checking");
        if !force && install::package_status(p, &self.dir) == Status::Installed {
            return Ok(Action::UpToDate);
        }
        let layout = Layout::new(&self.dir, p);
        std::fs::create_dir_all(&layout.subdir).map_err(io_at(&layout.subdir))?;
        clean_leftovers(&layout.subdir, &p.id);
        let resumed = std::fs::metadata(&layout.part)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        stage("downloading");
        let fetched = self
            .fetcher
            .download(&p.id, &p.url, &layout.part, p.size, progress)
            .and_then(|()| {
                stage("verifying");
                install::verify(p, &layout.part)
            });
        if let Err(e) = fetched {
            if !e.is_transient() {
                let _ = std::fs::remove_file(&layout.part);
            }
            // A leftover .part from another version of the package: start over once.
            if resumed
                && !e.is_transient()
                && matches!(e, Error::Checksum { .. } | Error::SizeMismatch { .. })
            {
                self.fetcher
                    .download(&p.id, &p.url, &layout.part, p.size, progress)?;
                if let Err(e) = install::verify(p, &layout.part) {
                    let _ = std::fs::remove_file(&layout.part);
                    return Err(e);
                }
            } else {
                return Err(e);
            }
        }
        stage(if p.unzip { "unpacking" } else { "installing" });
        let installed = install::install(p, &layout);
        if installed.is_err() {
            let _ = std::fs::remove_file(&layout.part);
        }
        installed.map(|()| Action::Installed)
    }
}

/// Removes temporary folders a crashed run left for package `id`.
fn clean_leftovers(subdir: &Path, id: &str) {
    let Ok(rd) = std::fs::read_dir(subdir) else {
        return;
    };
    let tmp = format!(".nlkit-tmp-{id}-");
    let old = format!(".nlkit-old-{id}-");
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&tmp) || name.starts_with(&old) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
