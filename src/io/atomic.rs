//! Writing a whole file atomically: a reader (or a crash) never sees a
//! half-written model, tokenizer or grammar.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder
/// that is renamed over `path` only once everything is written, so that
/// `path` holds either its old content or all of the new one, never a part.
/// The file is readable by all (mode 0644 on Unix), like a file that
/// `std::fs::write` creates under the usual umask.
///
/// # Errors
/// [`Error::Io`] naming `path` (or its folder) if the temporary file cannot
/// be created, written or renamed; nothing is left behind then.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("model.bin");
/// nlkit::io::write_atomic(&path, b"weights").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"weights");
/// assert!(nlkit::io::write_atomic(&dir.path().join("no/such/dir/m.bin"), b"x").is_err());
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(parent).map_err(|e| Error::io(parent, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    #[cfg(unix)]
    {
        // a temporary file starts private; a model file is not
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
