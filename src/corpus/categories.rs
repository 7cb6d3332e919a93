//! File-to-category mappings (NLTK's `CategorizedCorpusReader` mixin):
//! from a `cat_pattern` (the first group of a regex matched at the start of
//! each file id) or a `cat_file` (lines `fileid cat1 cat2 ...`).

use std::collections::{BTreeMap, BTreeSet};

use super::CorpusRoot;
use crate::{Error, Result};

/// Which files belong to which categories.
///
/// # Example
/// ```
/// use nlkit::corpus::Categories;
/// let files = vec!["neg/a.txt".to_string(), "pos/b.txt".to_string()];
/// let c = Categories::from_pattern(&files, r"(neg|pos)/.*").unwrap();
/// assert_eq!(c.categories(None).unwrap(), ["neg", "pos"]);
/// assert_eq!(c.fileids(&["pos".to_string()]).unwrap(), ["pos/b.txt"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Categories {
    f2c: BTreeMap<String, BTreeSet<String>>,
    c2f: BTreeMap<String, BTreeSet<String>>,
}

impl Categories {
    fn add(&mut self, file: &str, cat: &str) {
        self.f2c
            .entry(file.to_string())
            .or_default()
            .insert(cat.to_string());
        self.c2f
            .entry(cat.to_string())
            .or_default()
            .insert(file.to_string());
    }

    /// From NLTK's `cat_pattern`: group 1 of `pattern` matched at the start
    /// of each file id.
    ///
    /// # Errors
    /// [`Error::Regex`] for a bad pattern; [`Error::InvalidInput`] when a
    /// file id does not match (NLTK fails there too).
    pub fn from_pattern(fileids: &[String], pattern: &str) -> Result<Self> {
        let re = fancy_regex::Regex::new(&format!("^(?:{pattern})")).map_err(|e| Error::Regex {
            pattern: pattern.to_string(),
            message: e.to_string(),
        })?;
        let mut c = Categories::default();
        for f in fileids {
            let cat = re
                .captures(f)
                .ok()
                .flatten()
                .and_then(|m| m.get(1).map(|g| g.as_str().to_string()))
                .ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "file id `{f}` does not match the category pattern `{pattern}`"
                    ))
                })?;
            c.add(f, &cat);
        }
        Ok(c)
    }

    /// From NLTK's `cat_file` (whitespace-delimited): each non-empty line
    /// names a file id and its categories.
    ///
    /// # Errors
    /// Read errors; [`Error::Format`] (file and line) for a line naming an
    /// unknown file id or no category.
    pub fn from_file(root: &CorpusRoot, cat_file: &str) -> Result<Self> {
        let text = root.read_text(cat_file)?;
        let mut c = Categories::default();
        for (i, line) in super::splitlines_keepends(&text).into_iter().enumerate() {
            let mut parts = super::py_split(line);
            let Some(file) = parts.next() else {
                // NLTK raises on an empty line ("not enough values to unpack").
                return Err(Error::format(
                    root.display_name(cat_file),
                    i + 1,
                    "empty line in category file",
                ));
            };
            if !root.fileids().iter().any(|f| f == file) {
                return Err(Error::format(
                    root.display_name(cat_file),
                    i + 1,
                    format!("{file} not found among the corpus files"),
                ));
            }
            let cats: Vec<&str> = parts.collect();
            if cats.is_empty() {
                return Err(Error::format(
                    root.display_name(cat_file),
                    i + 1,
                    "line has no category",
                ));
            }
            for cat in cats {
                c.add(file, cat);
            }
        }
        Ok(c)
    }

    /// Sorted categories of the whole corpus (`None`) or of the given files.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an empty selection (NLTK fails on it).
    pub fn categories(&self, fileids: Option<&[String]>) -> Result<Vec<String>> {
        match fileids {
            None => Ok(self.c2f.keys().cloned().collect()),
            Some([]) => Err(Error::InvalidInput("no file ids given".into())),
            Some(sel) => {
                let mut set = BTreeSet::new();
                for f in sel {
                    if let Some(c) = self.f2c.get(f) {
                        set.extend(c.iter().cloned());
                    }
                }
                Ok(set.into_iter().collect())
            }
        }
    }

    /// Sorted file ids in any of `categories`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an unknown category (as NLTK's
    /// `Category X not found`) or an empty list.
    pub fn fileids(&self, categories: &[String]) -> Result<Vec<String>> {
        if categories.is_empty() {
            return Err(Error::InvalidInput("no categories given".into()));
        }
        let mut set = BTreeSet::new();
        for c in categories {
            match self.c2f.get(c) {
                Some(fs) => set.extend(fs.iter().cloned()),
                None => {
                    return Err(Error::InvalidInput(format!(
                        "Category {c} not found (known: {})",
                        self.c2f.keys().cloned().collect::<Vec<_>>().join(", ")
                    )))
                }
            }
        }
        Ok(set.into_iter().collect())
    }
}
