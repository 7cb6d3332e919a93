//! VADER's lexicon (`vader_lexicon.txt`): one `word<TAB>mean<TAB>...` line
//! per entry, read from NLTK's `sentiment/vader_lexicon` package (its zip, as
//! NLTK reads it, or the unpacked folder) or from an explicit file.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::pyfloat::py_parse_float;
use crate::data::Resource;
use crate::{Error, Result};

/// NLTK's resource name of the lexicon package.
pub const VADER_RESOURCE: &str = "sentiment/vader_lexicon";
/// The lexicon file inside the package.
pub const VADER_FILE: &str = "vader_lexicon.txt";

/// Word → mean sentiment rating, as NLTK's `make_lex_dict` builds it.
///
/// # Example
/// ```
/// use nlkit::sentiment::VaderLexicon;
/// let lex = VaderLexicon::parse(b"good\t1.9\t0.9\t[]\nbad\t-2.5", "inline").unwrap();
/// assert_eq!(lex.get("good"), Some(1.9));
/// assert_eq!(lex.len(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct VaderLexicon {
    map: FxHashMap<String, f64>,
}

impl VaderLexicon {
    /// Reads the lexicon from NLTK's data: `sentiment/vader_lexicon` (zip or
    /// folder) in `data_dir` when given, else along NLTK's search path.
    ///
    /// # Errors
    /// [`Error::MissingResource`] when the package is not installed;
    /// [`Error::Format`] for a corrupt zip or lexicon line.
    pub fn load(data_dir: Option<&Path>) -> Result<Self> {
        let res = Resource::find(VADER_RESOURCE, data_dir)?;
        let bytes = res.read(VADER_FILE)?;
        Self::parse(
            &bytes,
            &format!("{}/{VADER_FILE}", res.location().display()),
        )
    }

    /// Reads the lexicon from `path`: a `vader_lexicon.txt` file, a folder
    /// holding one, or a zip shaped like NLTK's `vader_lexicon.zip`.
    ///
    /// # Errors
    /// [`Error::Io`] when the path cannot be read; [`Error::Format`] for a
    /// corrupt zip or lexicon line.
    pub fn from_path(path: &Path) -> Result<Self> {
        let is_zip = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if path.is_dir() || is_zip {
            let res = Resource::open(path)?;
            let bytes = res.read(VADER_FILE)?;
            return Self::parse(&bytes, &format!("{}/{VADER_FILE}", path.display()));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// Parses lexicon text as NLTK does: decoded as UTF-8 (Latin-1 when that
    /// fails, like `nltk.data.load`), split on `\n`, each line stripped and
    /// split on tabs; the first field is the word, the second its rating
    /// (Python's `float`). A later line for the same word wins. `name` is
    /// used in error messages.
    ///
    /// # Errors
    /// [`Error::Format`] for a line without two fields or with a rating
    /// that is not a number (NLTK raises `ValueError` there), or a rating of
    /// `nan` (which NLTK would accept; see docs/differences.md).
    pub fn parse(bytes: &[u8], name: &str) -> Result<Self> {
        let text: std::borrow::Cow<'_, str> = match std::str::from_utf8(bytes) {
            Ok(s) => s.into(),
            Err(_) => bytes.iter().map(|&b| b as char).collect::<String>().into(),
        };
        let mut map = FxHashMap::default();
        for (i, line) in text.split('\n').enumerate() {
            let mut fields = line
                .trim_matches(crate::tokenize::is_py_whitespace)
                .split('\t');
            let (Some(word), Some(measure)) = (fields.next(), fields.next()) else {
                return Err(Error::format(
                    name,
                    i + 1,
                    "expected `word<TAB>rating` (NLTK: not enough values to unpack)",
                ));
            };
            let v = py_parse_float(measure).ok_or_else(|| {
                Error::format(name, i + 1, format!("rating `{measure}` is not a number"))
            })?;
            if v.is_nan() {
                return Err(Error::format(name, i + 1, "rating is nan"));
            }
            map.insert(word.to_string(), v);
        }
        Ok(VaderLexicon { map })
    }

    /// The rating of `word` (already lower-cased, as VADER looks words up).
    pub fn get(&self, word: &str) -> Option<f64> {
        self.map.get(word).copied()
    }

    /// Every word with its rating, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.map.iter().map(|(w, &v)| (w.as_str(), v))
    }

    /// Whether `word` has a rating.
    pub fn contains(&self, word: &str) -> bool {
        self.map.contains_key(word)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
