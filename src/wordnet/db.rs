//! The WordNet database: locating the files, the lazily loaded per-POS index
//! and exception lists, and synset lines read by byte offset.

use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::synset::{parse_synset_line, SynsetData};
use super::{py_isspace, FxHashMap, Pos, Synset};
use crate::data::Resource;
use crate::{Error, Result};

/// What a user should do about a missing or damaged WordNet.
pub(crate) const REINSTALL: &str = "run `nlkit download wordnet` to (re)install WordNet";

/// The files NLTK's reader needs (`cntlist.rev` and `index.sense` are
/// optional here: only `Lemma::count` uses the first).
const REQUIRED: [&str; 13] = [
    "lexnames",
    "index.noun",
    "index.verb",
    "index.adj",
    "index.adv",
    "data.noun",
    "data.verb",
    "data.adj",
    "data.adv",
    "noun.exc",
    "verb.exc",
    "adj.exc",
    "adv.exc",
];

/// A load error kept in a `OnceLock` (so it must be `Clone`); becomes an
/// [`Error::Format`] naming the file and line.
#[derive(Debug, Clone)]
pub(crate) struct LoadError {
    file: PathBuf,
    line: usize,
    message: String,
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Error {
        Error::format(e.file, e.line, e.message)
    }
}

/// An exception list: inflected form -> base forms.
type ExceptionMap = FxHashMap<Box<str>, Box<[Box<str>]>>;

/// The in-memory index of one part of speech: lemma -> synset offsets (in
/// the order of `index.<pos>`), and its exception list (`<pos>.exc`).
pub(crate) struct PosIndex {
    map: FxHashMap<Box<str>, (u32, u32)>,
    offsets: Vec<u32>,
    exceptions: ExceptionMap,
}

impl PosIndex {
    /// The stored lemma equal to `form`, when `form` is in this index.
    #[inline]
    pub(crate) fn key(&self, form: &str) -> Option<&str> {
        self.map.get_key_value(form).map(|(k, _)| &**k)
    }

    /// The synset offsets of `lemma`, in index order.
    pub(crate) fn offsets(&self, lemma: &str) -> Option<&[u32]> {
        let &(start, len) = self.map.get(lemma)?;
        self.offsets.get(start as usize..(start + len) as usize)
    }

    /// The exception-list entry for `form`.
    #[inline]
    pub(crate) fn exceptions(&self, form: &str) -> Option<&[Box<str>]> {
        self.exceptions.get(form).map(|v| &**v)
    }

    /// Number of lemmas.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// All lemma names (unordered).
    pub(crate) fn lemmas(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(|k| &**k)
    }
}

/// A `data.<pos>` file: read by positioned reads on disk, or held in memory
/// when it came from a zip.
enum DataFile {
    Disk { file: File, len: u64 },
    Mem(Vec<u8>),
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

impl DataFile {
    /// The bytes of the line starting at `offset` (without its newline).
    fn line_at(&self, offset: u64) -> std::io::Result<Vec<u8>> {
        match self {
            DataFile::Mem(bytes) => {
                let start = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                let rest = &bytes[start..];
                let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                Ok(rest[..end].to_vec())
            }
            DataFile::Disk { file, len } => {
                let mut out = Vec::new();
                let mut pos = offset;
                let mut chunk = 2048usize;
                while pos < *len {
                    let mut buf = vec![0u8; chunk];
                    let n = read_at(file, &mut buf, pos)?;
                    if n == 0 {
                        break;
                    }
                    if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
                        out.extend_from_slice(&buf[..i]);
                        return Ok(out);
                    }
                    out.extend_from_slice(&buf[..n]);
                    pos += n as u64;
                    chunk = (chunk * 2).min(1 << 20);
                }
                Ok(out)
            }
        }
    }
}

/// Everything behind a [`WordNet`] handle.
pub(crate) struct Inner {
    res: Resource,
    lexnames: Vec<String>,
    index: [OnceLock<std::result::Result<PosIndex, LoadError>>; 4],
    data: [OnceLock<std::result::Result<DataFile, LoadError>>; 4],
    satellites: OnceLock<std::result::Result<HashSet<u32>, LoadError>>,
    counts: OnceLock<std::result::Result<FxHashMap<Box<str>, u32>, LoadError>>,
    cache: Mutex<FxHashMap<(u8, u32), Arc<SynsetData>>>,
    depths: Mutex<FxHashMap<(u8, u32), (u32, u32)>>,
}

/// A WordNet database (NLTK's `WordNetCorpusReader`). Cheap to clone: clones
/// share the loaded index and synset cache. `Send + Sync`.
///
/// # Example
/// ```
/// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
/// # std::env::set_var("NLTK_DATA", ".nltk_data");
/// use nlkit::wordnet::{Pos, WordNet};
/// let wn = WordNet::load(None)?;
/// let names: Vec<String> = wn.synsets("dogs", Some(Pos::Noun))?
///     .iter().map(|s| s.name().to_string()).collect();
/// assert_eq!(names[0], "dog.n.01");
/// assert_eq!(wn.morphy("churches", None)?.as_deref(), Some("church"));
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Clone)]
pub struct WordNet {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for WordNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WordNet")
            .field("location", &self.inner.res.location())
            .finish()
    }
}

fn missing(name: &str, searched: &Path) -> Error {
    Error::MissingResource {
        name: name.to_string(),
        searched: searched.display().to_string(),
        package: "wordnet".into(),
    }
}

/// Adds the reinstall hint to a format error from the data layer (a
/// corrupt `wordnet.zip`).
fn with_hint(e: Error) -> Error {
    match e {
        Error::Format {
            file,
            line,
            message,
        } if !message.contains("nlkit download") => Error::Format {
            file,
            line,
            message: format!("{message}; {REINSTALL}"),
        },
        e => e,
    }
}

fn split_py(s: &str) -> impl Iterator<Item = &str> {
    s.split(py_isspace).filter(|t| !t.is_empty())
}

/// Python's ASCII whitespace (`str.split()` on an ASCII line).
#[inline]
fn is_py_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' ')
}

/// The whitespace-separated tokens of an index line, as Python's
/// `str.split()`: byte-wise for ASCII lines (all of WordNet's), else by
/// Python's Unicode whitespace.
enum IndexTokens<'a> {
    Ascii { line: &'a str, pos: usize },
    Unicode(Box<dyn Iterator<Item = &'a str> + 'a>),
}

impl<'a> IndexTokens<'a> {
    fn new(line: &'a str) -> IndexTokens<'a> {
        if line.is_ascii() {
            IndexTokens::Ascii { line, pos: 0 }
        } else {
            IndexTokens::Unicode(Box::new(split_py(line)))
        }
    }
}

impl<'a> Iterator for IndexTokens<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            IndexTokens::Ascii { line, pos } => {
                let b = line.as_bytes();
                let mut i = *pos;
                while i < b.len() && is_py_ascii_space(b[i]) {
                    i += 1;
                }
                if i >= b.len() {
                    *pos = i;
                    return None;
                }
                let start = i;
                while i < b.len() && !is_py_ascii_space(b[i]) {
                    i += 1;
                }
                *pos = i;
                line.get(start..i)
            }
            IndexTokens::Unicode(it) => it.next(),
        }
    }
}

impl WordNet {
    /// Finds `corpora/wordnet` (folder or `.zip`) in `data_dir`, or along
    /// NLTK's search path when `None` (see [`crate::data::search_path`]).
    ///
    /// # Errors
    /// [`Error::MissingResource`] (saying `nlkit download wordnet`) when it
    /// is not installed or incomplete; [`Error::Format`] for a corrupt zip
    /// or `lexnames`.
    pub fn load(data_dir: Option<&Path>) -> Result<WordNet> {
        let res = Resource::find("corpora/wordnet", data_dir).map_err(with_hint)?;
        WordNet::from_resource(res)
    }

    /// Opens WordNet from an explicit folder holding the database files, a
    /// `wordnet.zip`, or an NLTK data folder that contains `corpora/wordnet`.
    ///
    /// # Errors
    /// As [`WordNet::load`].
    pub fn open(path: &Path) -> Result<WordNet> {
        if !path.exists() {
            return Err(missing(&path.display().to_string(), path));
        }
        if path.is_dir()
            && !path.join("lexnames").exists()
            && (path.join("corpora/wordnet").exists() || path.join("corpora/wordnet.zip").exists())
        {
            return WordNet::load(Some(path));
        }
        WordNet::from_resource(Resource::open(path).map_err(with_hint)?)
    }

    /// Opens WordNet from an NLTK data resource.
    ///
    /// # Errors
    /// As [`WordNet::load`].
    pub fn from_resource(res: Resource) -> Result<WordNet> {
        let present: HashSet<String> = res.list().map_err(with_hint)?.into_iter().collect();
        for f in REQUIRED {
            if !present.contains(f) {
                return Err(missing(&format!("corpora/wordnet/{f}"), res.location()));
            }
        }
        let lexnames = read_lexnames(&res)?;
        Ok(WordNet {
            inner: Arc::new(Inner {
                res,
                lexnames,
                index: Default::default(),
                data: Default::default(),
                satellites: OnceLock::new(),
                counts: OnceLock::new(),
                cache: Mutex::new(FxHashMap::default()),
                depths: Mutex::new(FxHashMap::default()),
            }),
        })
    }

    /// Where the database was read from (its folder or zip).
    pub fn location(&self) -> &Path {
        self.inner.res.location()
    }

    /// The lexicographer file names (`lexnames`), by number.
    pub fn lexnames(&self) -> &[String] {
        &self.inner.lexnames
    }

    /// The WordNet version named in `data.adj`'s licence header (`"3.0"`),
    /// as NLTK's `get_version`.
    ///
    /// # Errors
    /// An I/O error reading `data.adj`.
    pub fn get_version(&self) -> Result<Option<String>> {
        let df = self.data_file(Pos::Adj)?;
        let mut off = 0u64;
        let re = regex::Regex::new(r"Word[nN]et (\d+\+?|\d+\.\d+) Copyright")
            .map_err(|e| Error::Model(e.to_string()))?;
        // The licence header is the first ~30 lines.
        for _ in 0..64 {
            let line = df
                .line_at(off)
                .map_err(|e| Error::io(self.file_path("data.adj"), e))?;
            if line.is_empty() && off > 0 {
                break;
            }
            off += line.len() as u64 + 1;
            let text = String::from_utf8_lossy(&line);
            if let Some(c) = re.captures(&text) {
                return Ok(c.get(1).map(|m| m.as_str().to_string()));
            }
        }
        Ok(None)
    }

    fn file_path(&self, rel: &str) -> PathBuf {
        self.inner.res.location().join(rel)
    }

    /// The index (and exception list) of `pos`'s files, loaded on first use.
    pub(crate) fn pos_index(&self, pos: Pos) -> Result<&PosIndex> {
        let i = pos.file_index();
        self.inner.index[i]
            .get_or_init(|| load_pos_index(&self.inner.res, pos.file_suffix()))
            .as_ref()
            .map_err(|e| e.clone().into())
    }

    fn data_file(&self, pos: Pos) -> Result<&DataFile> {
        let i = pos.file_index();
        self.inner.data[i]
            .get_or_init(|| open_data_file(&self.inner.res, pos.file_suffix()))
            .as_ref()
            .map_err(|e| e.clone().into())
    }

    /// Offsets of adjective satellites (NLTK's `_scan_satellites`).
    fn satellites(&self) -> Result<&HashSet<u32>> {
        self.inner
            .satellites
            .get_or_init(|| scan_satellites(&self.inner.res))
            .as_ref()
            .map_err(|e| e.clone().into())
    }

    /// Synset offsets of `lemma` for `pos` as NLTK's
    /// `_lemma_pos_offset_map[lemma][pos]`: `None` when the lemma has no
    /// entry for that part of speech. For `s`, the satellites among the
    /// lemma's adjective synsets (possibly empty), in index order.
    pub(crate) fn offsets(&self, lemma: &str, pos: Pos) -> Result<Option<Vec<u32>>> {
        let idx = self.pos_index(pos)?;
        let Some(offs) = idx.offsets(lemma) else {
            return Ok(None);
        };
        if pos == Pos::AdjSat {
            let sat = self.satellites()?;
            Ok(Some(
                offs.iter().copied().filter(|o| sat.contains(o)).collect(),
            ))
        } else {
            Ok(Some(offs.to_vec()))
        }
    }

    /// NLTK's `_morphy(form, pos)`: every base form of `form` in WordNet
    /// for `pos` — `form` itself, then the exception-list entries (when
    /// `form` is in `<pos>.exc`) or else the suffix substitutions — in that
    /// order, without duplicates.
    ///
    /// # Errors
    /// When the index or exception file for `pos` cannot be read.
    pub fn morphy_all<'a>(&'a self, form: &str, pos: Pos) -> Result<Vec<&'a str>> {
        let idx = self.pos_index(pos)?;
        Ok(super::lemmatizer::morphy_candidates(idx, form, pos, true))
    }

    /// NLTK's `morphy(form, pos)`: the first base form found in WordNet,
    /// trying every part of speech (n, v, a, r) when `pos` is `None`.
    ///
    /// # Errors
    /// When an index or exception file cannot be read.
    pub fn morphy(&self, form: &str, pos: Option<Pos>) -> Result<Option<String>> {
        let list: Vec<Pos> = match pos {
            Some(p) => vec![p],
            None => Pos::POS_LIST.to_vec(),
        };
        for p in list {
            if let Some(first) = self.morphy_all(form, p)?.first() {
                return Ok(Some(first.to_string()));
            }
        }
        Ok(None)
    }

    /// NLTK's `synsets(lemma, pos)`: the synsets of every base form of
    /// `lemma` (lower-cased), for `pos` or for n, v, a, r in that order.
    ///
    /// # Errors
    /// When a database file cannot be read or is corrupt.
    pub fn synsets(&self, lemma: &str, pos: Option<Pos>) -> Result<Vec<Synset>> {
        let lemma = lemma.to_lowercase();
        let list: Vec<Pos> = match pos {
            Some(p) => vec![p],
            None => Pos::POS_LIST.to_vec(),
        };
        let mut out = Vec::new();
        for p in list {
            for form in self.morphy_all(&lemma, p)? {
                if let Some(offs) = self.offsets(form, p)? {
                    for off in offs {
                        out.push(self.synset_from_pos_and_offset(p, off)?);
                    }
                }
            }
        }
        Ok(out)
    }

    /// NLTK's `lemmas(lemma, pos)`: the lemmas named `lemma` (case-
    /// insensitively) in the synsets of `lemma`.
    ///
    /// # Errors
    /// As [`WordNet::synsets`].
    pub fn lemmas(&self, lemma: &str, pos: Option<Pos>) -> Result<Vec<super::Lemma>> {
        let lower = lemma.to_lowercase();
        let mut out = Vec::new();
        for s in self.synsets(&lower, pos)? {
            for l in s.lemmas() {
                if l.name().to_lowercase() == lower {
                    out.push(l);
                }
            }
        }
        Ok(out)
    }

    /// NLTK's `synset("dog.n.01")`: the synset named by lemma, part of
    /// speech and 1-based sense number in the index.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's message when the name is
    /// malformed, the lemma has no such part of speech, or too few senses.
    pub fn synset(&self, name: &str) -> Result<Synset> {
        let lower = name.to_lowercase();
        let mut parts = lower.rsplitn(3, '.');
        let (Some(num), Some(pos_s), Some(lemma)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(Error::InvalidInput(format!(
                "invalid synset name `{name}` (expected lemma.pos.number, e.g. dog.n.01)"
            )));
        };
        let n = py_int(num, 10).ok_or_else(|| {
            Error::InvalidInput(format!(
                "invalid synset name `{name}`: sense number `{num}` is not an integer"
            ))
        })?;
        let no_lemma =
            || Error::InvalidInput(format!("No lemma '{lemma}' with part of speech '{pos_s}'"));
        let pos = pos_s.parse::<Pos>().map_err(|_| no_lemma())?;
        let offs = self.offsets(lemma, pos)?.ok_or_else(no_lemma)?;
        // Python indexing: sense 0 is the last sense, -1 the one before it.
        let i = n - 1;
        let len = offs.len() as i64;
        let j = if i < 0 { i + len } else { i };
        let Some(&off) = usize::try_from(j).ok().and_then(|j| offs.get(j)) else {
            return Err(Error::InvalidInput(format!(
                "Lemma '{lemma}' with part of speech '{pos_s}' only has {len} {}",
                if len == 1 { "sense" } else { "senses" }
            )));
        };
        self.synset_from_pos_and_offset(pos, off)
    }

    /// NLTK's `synset_from_pos_and_offset`: the synset whose line starts at
    /// byte `offset` of `data.<pos>`.
    ///
    /// # Errors
    /// [`Error::Format`] when no synset line starts there or it is corrupt.
    pub fn synset_from_pos_and_offset(&self, pos: Pos, offset: u32) -> Result<Synset> {
        let key = (pos.file_index() as u8, offset);
        if let Some(d) = self.cache().get(&key) {
            return Ok(Synset::new(self.clone(), d.clone()));
        }
        let df = self.data_file(pos)?;
        let file = format!("data.{}", pos.file_suffix());
        let line = df
            .line_at(u64::from(offset))
            .map_err(|e| Error::io(self.file_path(&file), e))?;
        let bad =
            |msg: String| Error::format(self.file_path(&file), 0, format!("{msg}; {REINSTALL}"));
        let line = String::from_utf8(line)
            .map_err(|_| bad(format!("synset at byte offset {offset} is not valid UTF-8")))?;
        let want = format!("{offset:08}");
        if line.len() < 8 || want.len() != 8 || line.get(..8) != Some(want.as_str()) {
            return Err(bad(format!(
                "no WordNet synset found at byte offset {offset}"
            )));
        }
        let mut data = parse_synset_line(&line, &self.inner.lexnames)
            .map_err(|m| bad(format!("synset at byte offset {offset}: {m}")))?;
        if data.offset != offset {
            return Err(bad(format!(
                "synset at byte offset {offset} names offset {}",
                data.offset
            )));
        }
        // The canonical name: first lemma, pos, sense number in the index.
        let first = data
            .lemmas
            .first()
            .map(|l| l.name.to_lowercase())
            .ok_or_else(|| bad(format!("synset at byte offset {offset} has no lemmas")))?;
        let offs = self.offsets(&first, data.pos)?.unwrap_or_default();
        let sense = offs.iter().position(|&o| o == offset).ok_or_else(|| {
            bad(format!(
                "synset at byte offset {offset}: lemma `{first}` does not list it in index.{}",
                data.pos.file_suffix()
            ))
        })?;
        data.name = format!("{first}.{}.{:02}", data.pos, sense + 1);
        let data = Arc::new(data);
        self.cache().insert(key, data.clone());
        Ok(Synset::new(self.clone(), data))
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, FxHashMap<(u8, u32), Arc<SynsetData>>> {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn depth_memo(&self) -> std::sync::MutexGuard<'_, FxHashMap<(u8, u32), (u32, u32)>> {
        self.inner
            .depths
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every lemma name of `pos` (NLTK's `all_lemma_names`, unordered).
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn all_lemma_names(&self, pos: Pos) -> Result<Vec<String>> {
        let idx = self.pos_index(pos)?;
        let mut v: Vec<String> = idx.lemmas().map(str::to_string).collect();
        v.sort();
        Ok(v)
    }

    /// Number of lemmas in `pos`'s index (loads it).
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn lemma_count_in_index(&self, pos: Pos) -> Result<usize> {
        Ok(self.pos_index(pos)?.len())
    }

    /// The tagged-sense count of a sense key in `cntlist.rev` (0 when absent).
    pub(crate) fn key_count(&self, key: &str) -> Result<u32> {
        let map = self
            .inner
            .counts
            .get_or_init(|| load_counts(&self.inner.res))
            .as_ref()
            .map_err(|e| Error::from(e.clone()))?;
        Ok(map.get(key).copied().unwrap_or(0))
    }
}

/// Python's `int(s, base)` for the forms WordNet files and names use:
/// surrounding whitespace, an optional sign, digits with single underscores.
pub(crate) fn py_int(s: &str, base: u32) -> Option<i64> {
    // Fast path: plain digits (all of WordNet's numbers).
    if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| (b as char).is_digit(base)) {
        return i64::from_str_radix(s, base).ok();
    }
    let t = s.trim_matches(py_isspace);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    let v = i64::from_str_radix(&clean, base).ok()?;
    Some(if neg { -v } else { v })
}

fn read_text(res: &Resource, rel: &str) -> std::result::Result<String, LoadError> {
    let path = res.location().join(rel);
    let bytes = res.read(rel).map_err(|e| LoadError {
        file: path.clone(),
        line: 0,
        message: format!("{e}; {REINSTALL}"),
    })?;
    if bytes.last().is_some_and(|&b| b != b'\n') || bytes.is_empty() {
        return Err(LoadError {
            file: path,
            line: bytes.iter().filter(|&&b| b == b'\n').count() + 1,
            message: format!("file is truncated (it does not end with a newline); {REINSTALL}"),
        });
    }
    String::from_utf8(bytes).map_err(|e| LoadError {
        file: path,
        line: 0,
        message: format!(
            "invalid UTF-8 at byte offset {}; {REINSTALL}",
            e.utf8_error().valid_up_to()
        ),
    })
}

fn read_lexnames(res: &Resource) -> Result<Vec<String>> {
    let text = read_text(res, "lexnames")?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let toks: Vec<&str> = split_py(line).collect();
        let ok = toks.len() == 3 && py_int(toks[0], 10) == Some(i as i64);
        if !ok {
            return Err(Error::format(
                res.location().join("lexnames"),
                i + 1,
                format!("expected `{i:02} <lexname> <pos number>`; {REINSTALL}"),
            ));
        }
        out.push(toks[1].to_string());
    }
    Ok(out)
}

fn load_pos_index(res: &Resource, suffix: &str) -> std::result::Result<PosIndex, LoadError> {
    let rel = format!("index.{suffix}");
    let text = read_text(res, &rel)?;
    let path = res.location().join(&rel);
    let mut map: FxHashMap<Box<str>, (u32, u32)> = FxHashMap::default();
    map.reserve(text.len() / 40);
    let mut offsets: Vec<u32> = Vec::with_capacity(text.len() / 30);
    for (i, line) in text.split('\n').enumerate() {
        if line.starts_with(' ') || line.is_empty() {
            continue;
        }
        let fail = |m: &str| LoadError {
            file: path.clone(),
            line: i + 1,
            message: format!("{m}; {REINSTALL}"),
        };
        let mut it = IndexTokens::new(line);
        let mut next = |what: &str| it.next().ok_or_else(|| fail(&format!("missing {what}")));
        let lemma = next("lemma")?;
        let _pos = next("part of speech")?;
        let n = py_int(next("synset count")?, 10).ok_or_else(|| fail("bad synset count"))?;
        if n <= 0 {
            return Err(fail("synset count must be positive"));
        }
        let np = py_int(next("pointer count")?, 10).ok_or_else(|| fail("bad pointer count"))?;
        for _ in 0..np.max(0) {
            next("pointer symbol")?;
        }
        let ns = py_int(next("sense count")?, 10).ok_or_else(|| fail("bad sense count"))?;
        if ns != n {
            return Err(fail("sense count differs from synset count"));
        }
        next("tagged sense count")?;
        let start = offsets.len() as u32;
        for _ in 0..n {
            let o = py_int(next("synset offset")?, 10)
                .and_then(|o| u32::try_from(o).ok())
                .ok_or_else(|| fail("bad synset offset"))?;
            offsets.push(o);
        }
        map.insert(lemma.into(), (start, n as u32));
    }
    let exceptions = load_exceptions(res, suffix)?;
    Ok(PosIndex {
        map,
        offsets,
        exceptions,
    })
}

fn load_exceptions(res: &Resource, suffix: &str) -> std::result::Result<ExceptionMap, LoadError> {
    let text = read_text(res, &format!("{suffix}.exc"))?;
    let mut map = FxHashMap::default();
    for line in text.split('\n') {
        let mut it = split_py(line);
        if let Some(first) = it.next() {
            let rest: Vec<Box<str>> = it.map(Into::into).collect();
            map.insert(first.into(), rest.into_boxed_slice());
        }
    }
    Ok(map)
}

fn open_data_file(res: &Resource, suffix: &str) -> std::result::Result<DataFile, LoadError> {
    let rel = format!("data.{suffix}");
    let path = res.location().join(&rel);
    let truncated = || LoadError {
        file: path.clone(),
        line: 0,
        message: format!("file is truncated (it does not end with a newline); {REINSTALL}"),
    };
    let io = |e: std::io::Error| LoadError {
        file: path.clone(),
        line: 0,
        message: format!("{e}; {REINSTALL}"),
    };
    if let Some(local) = res.local_path(&rel) {
        let file = File::open(&local).map_err(io)?;
        crate::data::check_private(&file, &local).map_err(|e| LoadError {
            file: path.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        let len = file.metadata().map_err(io)?.len();
        let mut last = [0u8; 1];
        if len == 0 || read_at(&file, &mut last, len - 1).map_err(io)? != 1 || last[0] != b'\n' {
            return Err(truncated());
        }
        return Ok(DataFile::Disk { file, len });
    }
    let bytes = res.read(&rel).map_err(|e| LoadError {
        file: path.clone(),
        line: 0,
        message: format!("{e}; {REINSTALL}"),
    })?;
    if bytes.last() != Some(&b'\n') {
        return Err(truncated());
    }
    Ok(DataFile::Mem(bytes))
}

fn scan_satellites(res: &Resource) -> std::result::Result<HashSet<u32>, LoadError> {
    let text = read_text(res, "data.adj")?;
    let mut out = HashSet::new();
    for line in text.split('\n') {
        if line.starts_with(' ') || line.trim_matches(py_isspace).is_empty() {
            continue;
        }
        let mut it = split_py(line);
        let (Some(off), Some(_), Some(kind)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        if kind == "s" {
            if let Some(o) = py_int(off, 10).and_then(|o| u32::try_from(o).ok()) {
                out.insert(o);
            }
        }
    }
    Ok(out)
}

fn load_counts(res: &Resource) -> std::result::Result<FxHashMap<Box<str>, u32>, LoadError> {
    let text = read_text(res, "cntlist.rev")?;
    let mut map = FxHashMap::default();
    for line in text.split('\n') {
        let mut it = line.split(' ');
        let Some(key) = it.next().filter(|k| !k.is_empty()) else {
            continue;
        };
        if let Some(n) = line.rsplit(' ').next().and_then(|c| py_int(c, 10)) {
            map.entry(key.into()).or_insert(n.max(0) as u32);
        }
    }
    Ok(map)
}
