//! Verifying, unpacking and installing a downloaded archive, and judging
//! the install state of a package the way NLTK's `Downloader.status` does.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use md5::{Digest as _, Md5};
use sha2::Sha256;

use crate::error::{io_at, Error, Result};
use crate::index::Package;

/// Slack allowed above the index's `unzipped_size` (NLTK uses the same 1 MiB).
pub const UNZIPPED_SIZE_SLACK: u64 = 1024 * 1024;

/// The install state of a package or collection.
///
/// # Example
/// ```
/// use nlkit_downloader::Status;
/// assert_eq!(Status::OutOfDate.to_string(), "out of date");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The archive matches the index (size and checksum) and, for unzipped
    /// packages, the unpacked folder is complete.
    Installed,
    /// Nothing of the package is there.
    NotInstalled,
    /// The archive differs in size from the index: another version (NLTK's
    /// `stale`). `--update` re-installs it.
    OutOfDate,
    /// Only part of it is there: the archive without its unpacked folder, the
    /// folder without the archive, an interrupted download (`.part` file), or
    /// for a collection, some of its packages.
    Partial,
    /// The archive has the right size but the wrong checksum, is not a zip,
    /// or the unpacked folder does not match it (missing files, wrong total
    /// size, links).
    Corrupt,
}

impl Status {
    /// The label printed by `nlkit download --status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Installed => "installed",
            Status::NotInstalled => "not installed",
            Status::OutOfDate => "out of date",
            Status::Partial => "partial",
            Status::Corrupt => "corrupt",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Size, MD5 and SHA-256 (hex) of a file.
pub(crate) fn hash_file(path: &Path) -> Result<(u64, String, String)> {
    let mut f = File::open(path).map_err(io_at(path))?;
    let mut md5 = Md5::new();
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(io_at(path))?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or(&[]);
        md5.update(chunk);
        sha.update(chunk);
        size += n as u64;
    }
    Ok((size, hex(&md5.finalize()), hex(&sha.finalize())))
}

/// Checks a downloaded file against the index: size, md5, and sha256 when
/// the index has one.
pub(crate) fn verify(pkg: &Package, path: &Path) -> Result<()> {
    let (size, md5, sha) = hash_file(path)?;
    if size != pkg.size {
        return Err(Error::SizeMismatch {
            id: pkg.id.clone(),
            expected: pkg.size,
            found: size,
        });
    }
    if md5 != pkg.checksum {
        return Err(Error::Checksum {
            id: pkg.id.clone(),
            algorithm: "md5",
            expected: pkg.checksum.clone(),
            found: md5,
        });
    }
    if let Some(want) = &pkg.sha256 {
        if &sha != want {
            return Err(Error::Checksum {
                id: pkg.id.clone(),
                algorithm: "sha256",
                expected: want.clone(),
                found: sha,
            });
        }
    }
    Ok(())
}

/// The most bytes a package may unpack to.
pub fn unpack_limit(pkg: &Package) -> u64 {
    if pkg.unzipped_size > 0 {
        pkg.unzipped_size.saturating_add(UNZIPPED_SIZE_SLACK)
    } else {
        // Not declared: allow a generous 100:1 ratio.
        pkg.size.saturating_mul(100).max(UNZIPPED_SIZE_SLACK)
    }
}

/// Checks one entry name; returns the path parts relative to the package's
/// parent folder (starting with the package id).
fn check_entry(pkg: &Package, name: &str) -> std::result::Result<Vec<String>, &'static str> {
    if name.contains('\0') {
        return Err("contains a NUL byte");
    }
    if name.contains('\\') {
        return Err("contains a backslash");
    }
    let b = name.as_bytes();
    if name.starts_with('/') || (b.len() >= 2 && b[1] == b':') {
        return Err("is an absolute path");
    }
    let mut parts = Vec::new();
    for seg in name.split('/') {
        match seg {
            ".." => return Err("contains `..`"),
            "" | "." => {}
            s => parts.push(s.to_string()),
        }
    }
    if parts.first().map(String::as_str) != Some(pkg.id.as_str()) {
        return Err("is outside the package folder (every entry must be under `<id>/`)");
    }
    Ok(parts)
}

const S_IFMT: u32 = 0o170000;
const S_IFREG: u32 = 0o100000;
const S_IFDIR: u32 = 0o040000;
const S_IFLNK: u32 = 0o120000;

/// Unpacks `zip` (already verified) into the fresh folder `dest`, after
/// checking every entry: nothing is written when any entry is unsafe.
pub(crate) fn unpack(pkg: &Package, zip: &Path, dest: &Path) -> Result<()> {
    let bad_zip = |e: zip::result::ZipError| Error::BadZip {
        id: pkg.id.clone(),
        message: e.to_string(),
    };
    let file = File::open(zip).map_err(io_at(zip))?;
    let mut archive = zip::ZipArchive::new(file).map_err(bad_zip)?;
    let limit = unpack_limit(pkg);
    // Phase 1: validate all names and declared sizes.
    let mut plan: Vec<(Vec<String>, bool)> = Vec::with_capacity(archive.len());
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(bad_zip)?;
        let name = match std::str::from_utf8(entry.name_raw()) {
            Ok(n) => n.to_string(),
            Err(_) => {
                return Err(Error::UnsafeZip {
                    id: pkg.id.clone(),
                    entry: String::from_utf8_lossy(entry.name_raw()).into_owned(),
                    reason: "name is not UTF-8",
                })
            }
        };
        let unsafe_entry = |reason| Error::UnsafeZip {
            id: pkg.id.clone(),
            entry: name.clone(),
            reason,
        };
        let parts = check_entry(pkg, &name).map_err(unsafe_entry)?;
        let kind = entry.unix_mode().map(|m| m & S_IFMT).unwrap_or(0);
        if kind == S_IFLNK || entry.is_symlink() {
            return Err(unsafe_entry("is a symbolic link"));
        }
        if kind != 0 && kind != S_IFREG && kind != S_IFDIR {
            return Err(unsafe_entry("is not a regular file or folder"));
        }
        let is_dir = entry.is_dir() || kind == S_IFDIR;
        declared = declared.saturating_add(entry.size());
        if declared > limit {
            return Err(Error::ZipBomb {
                id: pkg.id.clone(),
                declared: pkg.unzipped_size,
                limit,
            });
        }
        plan.push((parts, is_dir));
    }
    // Phase 2: extract, counting the bytes actually written.
    let mut written = 0u64;
    let top = dest.join(&pkg.id);
    std::fs::create_dir_all(&top).map_err(io_at(&top))?;
    for (i, (parts, is_dir)) in plan.into_iter().enumerate() {
        let mut path = dest.to_path_buf();
        for p in &parts {
            path.push(p);
        }
        if is_dir {
            std::fs::create_dir_all(&path).map_err(io_at(&path))?;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        }
        let mut entry = archive.by_index(i).map_err(bad_zip)?;
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::UnsafeZip {
                        id: pkg.id.clone(),
                        entry: parts.join("/"),
                        reason: "appears twice in the archive",
                    }
                } else {
                    Error::io(&path, e)
                }
            })?;
        let remaining = limit.saturating_sub(written);
        let mut limited = (&mut entry).take(remaining.saturating_add(1));
        let n = std::io::copy(&mut limited, &mut out).map_err(|e| Error::BadZip {
            id: pkg.id.clone(),
            message: format!("{}: {e}", parts.join("/")),
        })?;
        written = written.saturating_add(n);
        if written > limit {
            return Err(Error::ZipBomb {
                id: pkg.id.clone(),
                declared: pkg.unzipped_size,
                limit,
            });
        }
        out.flush().map_err(io_at(&path))?;
    }
    Ok(())
}

/// Where a package lives inside a data folder.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(crate) subdir: PathBuf,
    pub(crate) zip: PathBuf,
    pub(crate) folder: PathBuf,
    pub(crate) part: PathBuf,
}

impl Layout {
    pub(crate) fn new(dir: &Path, pkg: &Package) -> Layout {
        let mut subdir = dir.to_path_buf();
        for s in pkg.subdir.split('/') {
            subdir.push(s);
        }
        Layout {
            zip: subdir.join(format!("{}.zip", pkg.id)),
            folder: subdir.join(&pkg.id),
            part: subdir.join(format!("{}.zip.part", pkg.id)),
            subdir,
        }
    }
}

/// Installs a verified archive held at `layout.part`: unpacks it (when the
/// package is unzipped) into a temporary folder next to its destination,
/// swaps that folder into place, then renames the archive into place. The
/// archive is the last thing to appear, so an interrupted install leaves a
/// package that `status` reports as partial, never one that looks complete.
pub(crate) fn install(pkg: &Package, layout: &Layout) -> Result<()> {
    std::fs::create_dir_all(&layout.subdir).map_err(io_at(&layout.subdir))?;
    if pkg.unzip {
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".nlkit-tmp-{}-", pkg.id))
            .tempdir_in(&layout.subdir)
            .map_err(io_at(&layout.subdir))?;
        unpack(pkg, &layout.part, tmp.path())?;
        let old = tempfile::Builder::new()
            .prefix(&format!(".nlkit-old-{}-", pkg.id))
            .tempdir_in(&layout.subdir)
            .map_err(io_at(&layout.subdir))?;
        let had_old = std::fs::symlink_metadata(&layout.folder).is_ok();
        // The zip goes first out of the way: without it, a half-swapped
        // folder is never taken for an installed package.
        match std::fs::remove_file(&layout.zip) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&layout.zip, e)),
        }
        if had_old {
            let parked = old.path().join(&pkg.id);
            std::fs::rename(&layout.folder, &parked).map_err(io_at(&layout.folder))?;
        }
        if let Err(e) = std::fs::rename(tmp.path().join(&pkg.id), &layout.folder) {
            if had_old {
                let _ = std::fs::rename(old.path().join(&pkg.id), &layout.folder);
            }
            return Err(Error::io(&layout.folder, e));
        }
        drop(old);
        drop(tmp);
    }
    std::fs::rename(&layout.part, &layout.zip).map_err(io_at(&layout.zip))?;
    Ok(())
}

/// Sum of regular-file sizes under `dir`; `None` when it holds a link or
/// a special file.
fn tree_size(dir: &Path) -> Option<u64> {
    let mut total = 0u64;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()? {
            let e = e.ok()?;
            let md = std::fs::symlink_metadata(e.path()).ok()?;
            if md.is_dir() {
                stack.push(e.path());
            } else if md.is_file() {
                total += md.len();
            } else {
                return None;
            }
        }
    }
    Some(total)
}

/// Whether every file of the archive exists under `subdir`.
fn archived_files_in_place(zip: &Path, subdir: &Path) -> bool {
    let Ok(f) = File::open(zip) else { return false };
    let Ok(mut a) = zip::ZipArchive::new(f) else {
        return false;
    };
    for i in 0..a.len() {
        let Ok(e) = a.by_index_raw(i) else {
            return false;
        };
        if e.is_dir() {
            continue;
        }
        let Ok(name) = std::str::from_utf8(e.name_raw()) else {
            return false;
        };
        let mut p = subdir.to_path_buf();
        for seg in name
            .split('/')
            .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        {
            p.push(seg);
        }
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_file() => {}
            _ => return false,
        }
    }
    true
}

/// The install state of `pkg` in the data folder `dir`.
pub(crate) fn package_status(pkg: &Package, dir: &Path) -> Status {
    let l = Layout::new(dir, pkg);
    let folder = std::fs::symlink_metadata(&l.folder).ok();
    let zip_md = match std::fs::metadata(&l.zip) {
        Ok(m) => m,
        Err(_) => {
            return if (pkg.unzip && folder.is_some()) || l.part.exists() {
                Status::Partial
            } else {
                Status::NotInstalled
            };
        }
    };
    if zip_md.len() != pkg.size {
        return Status::OutOfDate;
    }
    match hash_file(&l.zip) {
        Ok((_, md5, sha)) => {
            if md5 != pkg.checksum || pkg.sha256.as_ref().is_some_and(|s| *s != sha) {
                return Status::Corrupt;
            }
        }
        Err(_) => return Status::Corrupt,
    }
    if !pkg.unzip {
        return Status::Installed;
    }
    let Some(folder) = folder else {
        return Status::Partial;
    };
    if !folder.is_dir() {
        return Status::Corrupt;
    }
    match tree_size(&l.folder) {
        Some(n) if pkg.unzipped_size == 0 || n == pkg.unzipped_size => {}
        _ => return Status::Corrupt,
    }
    if !archived_files_in_place(&l.zip, &l.subdir) {
        return Status::Corrupt;
    }
    Status::Installed
}

/// Combines member states into a collection's state.
pub(crate) fn combine(states: &[Status]) -> Status {
    if states.is_empty() {
        Status::NotInstalled
    } else if states.iter().all(|s| *s == Status::Installed) {
        Status::Installed
    } else if states.iter().all(|s| *s == Status::NotInstalled) {
        Status::NotInstalled
    } else if states.contains(&Status::OutOfDate) {
        Status::OutOfDate
    } else if states.contains(&Status::Corrupt) {
        Status::Corrupt
    } else {
        Status::Partial
    }
}
