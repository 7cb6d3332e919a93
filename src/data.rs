//! NLTK data folders: the search path and resources read either from their
//! unpacked folder or straight from their `.zip`, as `nltk.data.find` does.
//!
//! A resource name is a path inside a data folder such as `corpora/brown` or
//! `tokenizers/punkt_tab/english`. [`Resource::find`] looks for
//! `<dir>/corpora/brown` (a folder) and then `<dir>/corpora/brown.zip`
//! (whose entries start with `brown/`) in each folder of [`search_path`].
//!
//! # Example
//! ```
//! use nlkit::data::Resource;
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::create_dir_all(dir.path().join("corpora/tiny")).unwrap();
//! std::fs::write(dir.path().join("corpora/tiny/a.txt"), "hello").unwrap();
//! let res = Resource::find("corpora/tiny", Some(dir.path())).unwrap();
//! assert_eq!(res.list().unwrap(), ["a.txt"]);
//! assert_eq!(res.read_to_string("a.txt").unwrap(), "hello");
//! ```

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::{Error, Result};

/// NLTK's data search path: the entries of `NLTK_DATA` (split on `:`), then
/// `~/nltk_data`, `/usr/share/nltk_data`, `/usr/local/share/nltk_data`,
/// `/usr/lib/nltk_data`, `/usr/local/lib/nltk_data` (the same list
/// `nlkit download` uses, [`nlkit_downloader::search_path`]).
///
/// # Example
/// ```
/// let path = nlkit::data::search_path();
/// assert!(path.iter().any(|p| p.ends_with("nltk_data")));
/// ```
pub fn search_path() -> Vec<PathBuf> {
    // One definition for the library and the downloader.
    nlkit_downloader::search_path()
}

enum Location {
    Dir(PathBuf),
    Zip {
        path: PathBuf,
        prefix: String,
        archive: Mutex<zip::ZipArchive<BufReader<File>>>,
    },
}

/// One NLTK resource (a corpus, model or grammar folder), unpacked or zipped.
pub struct Resource {
    name: String,
    location: Location,
}

impl std::fmt::Debug for Resource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resource")
            .field("name", &self.name)
            .field("location", &self.location())
            .finish()
    }
}

fn check_rel(rel: &str) -> Result<()> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(Error::InvalidInput(format!(
            "invalid file name `{rel}` inside a resource"
        )));
    }
    Ok(())
}

fn zip_err(path: &Path, e: zip::result::ZipError) -> Error {
    Error::format(path, 0, format!("cannot read zip archive: {e}"))
}

impl Resource {
    /// Finds resource `name` (e.g. `corpora/stopwords`) in `data_dir` when
    /// given, else along [`search_path`].
    ///
    /// # Errors
    /// [`Error::MissingResource`] (naming the package to download) when it
    /// is in none of the folders; [`Error::Format`] for a corrupt zip.
    pub fn find(name: &str, data_dir: Option<&Path>) -> Result<Resource> {
        check_rel(name)?;
        let dirs = match data_dir {
            Some(d) => vec![d.to_path_buf()],
            None => search_path(),
        };
        for d in &dirs {
            let folder = d.join(name);
            if folder.is_dir() {
                return Ok(Resource {
                    name: name.to_string(),
                    location: Location::Dir(folder),
                });
            }
            // NLTK also finds `corpora/brown` inside `corpora/brown.zip`, and
            // `tokenizers/punkt_tab/english` inside `tokenizers/punkt_tab.zip`.
            let parts: Vec<&str> = name.split('/').collect();
            for i in (1..parts.len()).rev() {
                let zip_path = d.join(parts[..=i].join("/") + ".zip");
                if zip_path.is_file() {
                    let prefix = parts[i..].join("/") + "/";
                    return Resource::open_zip(name, &zip_path, prefix);
                }
            }
        }
        let package = name
            .split('/')
            .nth(1)
            .unwrap_or(name)
            .trim_end_matches(".zip")
            .to_string();
        Err(Error::MissingResource {
            name: name.to_string(),
            searched: dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            package,
        })
    }

    /// Opens an explicit folder, or a `.zip` whose entries share one top
    /// folder (as NLTK's packages do).
    ///
    /// # Errors
    /// [`Error::Io`] when the path does not exist; [`Error::Format`] for a
    /// corrupt zip.
    pub fn open(path: &Path) -> Result<Resource> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Ok(Resource {
                name,
                location: Location::Dir(path.to_path_buf()),
            });
        }
        if !path.is_file() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Resource::open_zip(&name, path, format!("{stem}/"))
    }

    fn open_zip(name: &str, path: &Path, prefix: String) -> Result<Resource> {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        check_private(&f, path)?;
        let archive = zip::ZipArchive::new(BufReader::new(f)).map_err(|e| zip_err(path, e))?;
        Ok(Resource {
            name: name.to_string(),
            location: Location::Zip {
                path: path.to_path_buf(),
                prefix,
                archive: Mutex::new(archive),
            },
        })
    }

    /// The resource name it was found under (or the path it was opened from).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the resource lives: its folder, or its zip file.
    pub fn location(&self) -> &Path {
        match &self.location {
            Location::Dir(p) => p,
            Location::Zip { path, .. } => path,
        }
    }

    /// Relative paths (with `/`) of all files in the resource, sorted.
    ///
    /// # Errors
    /// I/O errors while walking the folder.
    pub fn list(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        match &self.location {
            Location::Dir(root) => {
                let mut stack = vec![root.clone()];
                while let Some(dir) = stack.pop() {
                    for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
                        let entry = entry.map_err(|e| Error::io(&dir, e))?;
                        let p = entry.path();
                        if p.is_dir() {
                            stack.push(p);
                        } else if let Ok(rel) = p.strip_prefix(root) {
                            let parts: Vec<String> = rel
                                .components()
                                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                                .collect();
                            out.push(parts.join("/"));
                        }
                    }
                }
            }
            Location::Zip {
                prefix, archive, ..
            } => {
                let archive = archive.lock().map_err(|_| poisoned())?;
                for n in archive.file_names() {
                    if let Some(rel) = n.strip_prefix(prefix.as_str()) {
                        if !rel.is_empty() && !rel.ends_with('/') {
                            out.push(rel.to_string());
                        }
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// The bytes of file `rel` (a path from [`Resource::list`]).
    ///
    /// # Errors
    /// [`Error::Io`] when missing, [`Error::Format`] for a corrupt zip entry.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>> {
        check_rel(rel)?;
        match &self.location {
            Location::Dir(root) => {
                let p = root.join(rel);
                let mut f = File::open(&p).map_err(|e| Error::io(&p, e))?;
                check_private(&f, &p)?;
                let mut buf = Vec::new();
                f.read_to_end(&mut buf).map_err(|e| Error::io(&p, e))?;
                Ok(buf)
            }
            Location::Zip {
                path,
                prefix,
                archive,
            } => {
                let mut archive = archive.lock().map_err(|_| poisoned())?;
                let full = format!("{prefix}{rel}");
                let mut f = archive.by_name(&full).map_err(|e| match e {
                    zip::result::ZipError::FileNotFound => Error::io(
                        path.join(&full),
                        std::io::Error::new(std::io::ErrorKind::NotFound, "not in the archive"),
                    ),
                    e => zip_err(path, e),
                })?;
                let mut buf = Vec::with_capacity(f.size().min(1 << 30) as usize);
                f.read_to_end(&mut buf)
                    .map_err(|e| Error::io(path.join(&full), e))?;
                Ok(buf)
            }
        }
    }

    /// File `rel` as UTF-8 text.
    ///
    /// # Errors
    /// As [`Resource::read`], plus [`Error::InvalidUtf8`].
    pub fn read_to_string(&self, rel: &str) -> Result<String> {
        let bytes = self.read(rel)?;
        String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            source_name: format!("{}/{rel}", self.location().display()),
            offset: e.utf8_error().valid_up_to() as u64,
        })
    }

    /// The file's path on disk when the resource is an unpacked folder
    /// (useful for memory-mapping), `None` inside a zip. A caller that opens
    /// it must check it with [`check_private`].
    pub fn local_path(&self, rel: &str) -> Option<PathBuf> {
        check_rel(rel).ok()?;
        match &self.location {
            Location::Dir(root) => Some(root.join(rel)),
            Location::Zip { .. } => None,
        }
    }
}

/// Refuses a data file that another account could have planted or
/// rewritten, as NLTK 3.10.4 does (`nltk.data`, `nltk.pathsec`): a regular
/// file owned by neither this account nor root, or with the group or world
/// write bit. It is judged on the opened file, so a swap after the check
/// cannot change the verdict. Set `NLKIT_TRUST_DATA=1` to read such files
/// anyway (NLTK's `pathsec.ENFORCE = False`). POSIX only; elsewhere
/// nothing is checked.
///
/// # Errors
/// [`Error::UntrustedData`] naming the file and what is wrong.
///
/// # Example
/// ```
/// # #[cfg(unix)] {
/// use std::os::unix::fs::PermissionsExt;
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("english");
/// std::fs::write(&p, "the\n").unwrap();
/// std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
/// assert!(nlkit::data::check_private(&std::fs::File::open(&p).unwrap(), &p).is_ok());
/// std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
/// let e = nlkit::data::check_private(&std::fs::File::open(&p).unwrap(), &p).unwrap_err();
/// assert!(e.to_string().contains("world-writable"));
/// # }
/// ```
pub fn check_private(file: &File, path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if std::env::var_os("NLKIT_TRUST_DATA").is_some_and(|v| v == "1") {
            return Ok(());
        }
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Ok(());
        }
        let mode = meta.mode();
        let reason = if mode & 0o002 != 0 {
            Some(format!("it is world-writable (mode {:o})", mode & 0o777))
        } else if mode & 0o020 != 0 {
            Some(format!("it is group-writable (mode {:o})", mode & 0o777))
        } else if meta.uid() != 0 && meta.uid() != effective_uid() {
            Some(format!(
                "it is owned by another account (uid {})",
                meta.uid()
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(Error::UntrustedData {
                path: path.to_path_buf(),
                reason,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = (file, path);
    Ok(())
}

/// This process's effective user id (the owner of files it creates).
#[cfg(unix)]
fn effective_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    // `/proc/self` is owned by the effective uid; without procfs, a fresh
    // temporary file is.
    if let Ok(m) = std::fs::metadata("/proc/self") {
        return m.uid();
    }
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.uid())
        .unwrap_or(0)
}

fn poisoned() -> Error {
    Error::Model("internal lock poisoned while reading a zip archive".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn finds_inside_zip_and_reports_missing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpora")).unwrap();
        let f = File::create(dir.path().join("corpora/mini.zip")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default();
        z.add_directory("mini/", opts).unwrap();
        z.start_file("mini/x.txt", opts).unwrap();
        z.write_all(b"xyz").unwrap();
        z.finish().unwrap();
        let r = Resource::find("corpora/mini", Some(dir.path())).unwrap();
        assert_eq!(r.list().unwrap(), ["x.txt"]);
        assert_eq!(r.read_to_string("x.txt").unwrap(), "xyz");
        assert!(r.read("../x.txt").is_err());
        assert!(r.read("y.txt").is_err());
        let e = Resource::find("corpora/absent", Some(dir.path())).unwrap_err();
        assert!(e.to_string().contains("nlkit download absent"), "{e}");
    }

    #[test]
    fn corrupt_zip_is_format_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpora")).unwrap();
        std::fs::write(dir.path().join("corpora/bad.zip"), b"not a zip").unwrap();
        let e = Resource::find("corpora/bad", Some(dir.path())).unwrap_err();
        assert!(matches!(e, Error::Format { .. }), "{e}");
    }
}
