//! NLTK's `PunktParameters` and the `punkt_tab` files that hold them.

use super::*;

/// The fast, non-cryptographic hasher (rustc's FxHash) of the model's
/// lookup tables ([`PunktParameters`]); keys come from the model, so hash
/// flooding is not a concern.
pub use rustc_hash::FxHasher;

/// The hasher builder of [`PunktParameters`]' sets and maps.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// NLTK's `PunktParameters`: abbreviation types, collocations, frequent
/// sentence starters and orthographic contexts.
///
/// # Example
/// ```
/// use nlkit::sentence::punkt::PunktParameters;
/// let mut p = PunktParameters::default();
/// p.abbrev_types.insert("dr".into());
/// let dir = tempfile::tempdir().unwrap();
/// p.save_dir(dir.path()).unwrap();
/// let q = PunktParameters::from_dir(dir.path()).unwrap();
/// assert!(q.abbrev_types.contains("dr"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PunktParameters {
    /// Known abbreviation types (lower case, without the final period).
    pub abbrev_types: HashSet<String, FxBuild>,
    /// Word-type pairs whose first word ends in a period and which are
    /// evidence against a sentence break (e.g. `("s", "bach")`).
    pub collocations: HashSet<(String, String), FxBuild>,
    /// Word types that often start sentences.
    pub sent_starters: HashSet<String, FxBuild>,
    /// Orthographic context flags (`ORTHO_*`) for each word type.
    pub ortho_context: HashMap<String, u32, FxBuild>,
}

/// Whether a type can be one line of a `punkt_tab` file ([`py_lines`]
/// splits at `\n` and `\r`).
pub(super) fn fits_one_line(t: &str) -> bool {
    !t.contains(['\n', '\r'])
}

/// Splits a file's text into lines the way Python's text-mode file
/// iteration does (universal newlines), without their line ends.
pub(super) fn py_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(line)
            }
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
        }
    })
}

impl PunktParameters {
    /// Loads a `punkt_tab` language folder (e.g.
    /// `tokenizers/punkt_tab/english` of an NLTK data folder).
    ///
    /// # Errors
    /// [`Error::MissingResource`] when `dir` does not exist,
    /// [`Error::InvalidInput`] when it is not a folder,
    /// [`Error::Io`] naming a missing or unreadable file, [`Error::InvalidUtf8`],
    /// or [`Error::Format`] with the file and line of a malformed entry.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        if !dir.exists() {
            return Err(Error::MissingResource {
                name: dir.display().to_string(),
                searched: dir.display().to_string(),
                package: "punkt_tab".into(),
            });
        }
        if !dir.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{}: not a folder; a Punkt model is a punkt_tab language folder such as \
                 nltk_data/tokenizers/punkt_tab/english (unzip punkt_tab.zip first)",
                dir.display()
            )));
        }
        let read = |name: &str| -> Result<(PathBuf, String)> {
            let p = dir.join(name);
            let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            match String::from_utf8(bytes) {
                Ok(s) => Ok((p, s)),
                Err(e) => Err(Error::InvalidUtf8 {
                    source_name: p.display().to_string(),
                    offset: e.utf8_error().valid_up_to() as u64,
                }),
            }
        };
        let (pa, a) = read("abbrev_types.txt")?;
        let (pc, c) = read("collocations.tab")?;
        let (ps, s) = read("sent_starters.txt")?;
        let (po, o) = read("ortho_context.tab")?;
        Self::from_strs([(&pa, &a), (&pc, &c), (&ps, &s), (&po, &o)])
    }

    /// Parses the four `punkt_tab` files from strings, in the order of
    /// [`PUNKT_TAB_FILES`], each with the path used in error messages.
    ///
    /// # Errors
    /// [`Error::Format`] with the file and line of a malformed entry.
    pub fn from_strs(files: [(&Path, &str); 4]) -> Result<Self> {
        let [(_, abbrev), (pc, colloc), (_, starters), (po, ortho)] = files;
        let mut p = PunktParameters {
            abbrev_types: py_lines(abbrev).map(str::to_string).collect(),
            sent_starters: py_lines(starters).map(str::to_string).collect(),
            ..Default::default()
        };
        for (i, line) in py_lines(colloc).enumerate() {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => {
                    p.collocations.insert((a.to_string(), b.to_string()));
                }
                _ => {
                    return Err(Error::format(
                        pc,
                        i + 1,
                        format!("expected two tab-separated word types, found {line:?}"),
                    ))
                }
            }
        }
        for (i, line) in py_lines(ortho).enumerate() {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => {
                    let v: u32 = b.trim().parse().map_err(|_| {
                        Error::format(
                            po,
                            i + 1,
                            format!("expected a non-negative integer flag, found {b:?}"),
                        )
                    })?;
                    p.ortho_context.insert(a.to_string(), v);
                }
                _ => {
                    return Err(Error::format(
                        po,
                        i + 1,
                        format!("expected `type<TAB>flags`, found {line:?}"),
                    ))
                }
            }
        }
        Ok(p)
    }

    /// Writes the parameters as a `punkt_tab` language folder that NLTK's
    /// `load_punkt_params` reads (same four files and layout as NLTK's
    /// `save_punkt_params`; entries sorted, no final newline).
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be written.
    pub fn save_dir(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        for (name, body) in PUNKT_TAB_FILES.iter().zip(self.to_strs()) {
            let p = dir.join(name);
            std::fs::write(&p, body).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }

    /// Writes the folder atomically: into a temporary folder beside `dir`,
    /// then renamed to `dir`, so `dir` is either complete or absent. An
    /// existing `dir` is replaced only with `overwrite`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `dir` exists and `overwrite` is false;
    /// [`Error::Io`] when writing or renaming fails.
    pub fn save_dir_atomic(&self, dir: &Path, overwrite: bool) -> Result<()> {
        if dir.exists() && !overwrite {
            return Err(Error::InvalidInput(format!(
                "{} already exists (use --force to replace it)",
                dir.display()
            )));
        }
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".punkt_tab.")
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        self.save_dir(tmp.path())?;
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let tmp_path = tmp.keep();
        std::fs::rename(&tmp_path, dir).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp_path);
            Error::io(dir, e)
        })?;
        Ok(())
    }

    /// These parameters as saving and loading them gives them back: without
    /// the entries whose type holds a line break (see [`Self::to_strs`]).
    ///
    /// ```
    /// let mut t = nlkit::sentence::PunktTrainer::new();
    /// t.train("3.\r. . .,", true);
    /// let p = t.into_params();
    /// assert!(p.savable().abbrev_types.iter().all(|a| !a.contains('\r')));
    /// ```
    pub fn savable(&self) -> PunktParameters {
        let mut p = self.clone();
        p.abbrev_types.retain(|t| fits_one_line(t));
        p.sent_starters.retain(|t| fits_one_line(t));
        p.collocations
            .retain(|(a, b)| fits_one_line(a) && fits_one_line(b));
        p.ortho_context.retain(|k, _| fits_one_line(k));
        p
    }

    /// The contents of the four `punkt_tab` files, in the order of
    /// [`PUNKT_TAB_FILES`].
    ///
    /// Entries whose type holds a line break (`\n` or `\r`, e.g. the
    /// abbreviation type `".\r. . "` learned from the text `"3.\r. . .,"`)
    /// are left out: one entry per line cannot hold them, and NLTK, which
    /// writes them anyway, reads them back as other entries. A type with a
    /// line break never matches a token of ordinary text.
    pub fn to_strs(&self) -> [String; 4] {
        let fits = fits_one_line;
        let mut abbrev: Vec<&str> = self
            .abbrev_types
            .iter()
            .map(String::as_str)
            .filter(|t| fits(t))
            .collect();
        abbrev.sort_unstable();
        let mut colloc: Vec<String> = self
            .collocations
            .iter()
            .filter(|(a, b)| fits(a) && fits(b))
            .map(|(a, b)| format!("{a}\t{b}"))
            .collect();
        colloc.sort_unstable();
        let mut starters: Vec<&str> = self
            .sent_starters
            .iter()
            .map(String::as_str)
            .filter(|t| fits(t))
            .collect();
        starters.sort_unstable();
        let mut ortho: Vec<String> = self
            .ortho_context
            .iter()
            .filter(|(k, _)| fits(k))
            .map(|(k, v)| format!("{k}\t{v}"))
            .collect();
        ortho.sort_unstable();
        [
            abbrev.join("\n"),
            colloc.join("\n"),
            starters.join("\n"),
            ortho.join("\n"),
        ]
    }

    pub(crate) fn ortho(&self, typ: &str) -> u32 {
        self.ortho_context.get(typ).copied().unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------
