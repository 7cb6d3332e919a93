//! Tagset mapping to the universal tagset, NLTK's `nltk.tag.mapping`
//! (`map_tag`, `tagset_mapping`).
//!
//! The Penn Treebank map (`en-ptb`, also called `wsj`) is embedded: the file
//! `en-ptb.map` of NLTK's `universal_tagset` data package (Petrov, Das &
//! McDonald, <https://github.com/slavpetrov/universal-pos-tags>, Apache 2.0).
//! Other maps of that package are read from an NLTK data folder with
//! [`TagsetMapping::load`]. As in NLTK, a tag missing from a map becomes `X`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::{Error, Result};

static EN_PTB: &str = include_str!("en-ptb.map");

/// The twelve universal tags.
pub const UNIVERSAL_TAGS: [&str; 12] = [
    "VERB", "NOUN", "PRON", "ADJ", "ADV", "ADP", "CONJ", "DET", "NUM", "PRT", "X", ".",
];

/// A mapping from one tagset's tags to universal tags.
#[derive(Debug, Clone, Default)]
pub struct TagsetMapping {
    map: HashMap<String, &'static str>,
}

impl TagsetMapping {
    /// Parses a `.map` file: `fine<TAB>coarse` lines.
    ///
    /// # Errors
    /// [`Error::Format`] for a line without a tab, a coarse tag that is not
    /// universal, or a fine tag given twice (NLTK asserts the same).
    pub fn parse(text: &str, file: &str) -> Result<Self> {
        let mut map = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (fine, coarse) = line
                .split_once('\t')
                .ok_or_else(|| Error::format(file, i + 1, "expected `fine<TAB>coarse`"))?;
            let coarse = UNIVERSAL_TAGS
                .iter()
                .find(|t| **t == coarse)
                .ok_or_else(|| {
                    Error::format(file, i + 1, format!("unexpected coarse tag `{coarse}`"))
                })?;
            if map.insert(fine.to_string(), *coarse).is_some() {
                return Err(Error::format(
                    file,
                    i + 1,
                    format!("multiple entries for `{fine}`"),
                ));
            }
        }
        Ok(TagsetMapping { map })
    }

    /// The embedded Penn Treebank → universal map.
    pub fn en_ptb() -> &'static TagsetMapping {
        static CELL: OnceLock<TagsetMapping> = OnceLock::new();
        CELL.get_or_init(|| TagsetMapping::parse(EN_PTB, "en-ptb.map").unwrap_or_default())
    }

    /// The universal tag of a Penn Treebank tag, from the embedded map.
    pub fn en_ptb_map(tag: &str) -> &'static str {
        Self::en_ptb().map(tag)
    }

    /// Reads `<source>.map` from the `taggers/universal_tagset` resource of
    /// an NLTK data folder (`dir`, or NLTK's search path).
    ///
    /// # Errors
    /// [`Error::MissingResource`] when the package is not installed, and the
    /// errors of [`TagsetMapping::parse`].
    pub fn load(source: &str, dir: Option<&Path>) -> Result<Self> {
        let res = crate::data::Resource::find("taggers/universal_tagset", dir)?;
        let name = format!("{source}.map");
        let text = res.read_to_string(&name)?;
        Self::parse(&text, &name)
    }

    /// The universal tag of `tag` (`X` when the map does not know it).
    pub fn map(&self, tag: &str) -> &'static str {
        self.map.get(tag).copied().unwrap_or("X")
    }
}

/// NLTK's `map_tag(source, target, tag)` for the embedded Penn Treebank map
/// (`source` `en-ptb` or `wsj`, `target` `universal`).
///
/// # Errors
/// [`Error::UnknownName`] for another source or target (use
/// [`TagsetMapping::load`] for the other maps of the package).
///
/// # Example
/// ```
/// use nlkit::tag::map_tag;
/// assert_eq!(map_tag("en-ptb", "universal", "VBZ").unwrap(), "VERB");
/// assert_eq!(map_tag("en-ptb", "universal", "``").unwrap(), ".");
/// assert_eq!(map_tag("en-ptb", "universal", "NOPE").unwrap(), "X");
/// ```
pub fn map_tag(source: &str, target: &str, tag: &str) -> Result<&'static str> {
    if target != "universal" {
        return Err(Error::UnknownName {
            kind: "target tagset",
            name: target.to_string(),
            expected: "universal".into(),
        });
    }
    match source {
        "en-ptb" | "wsj" => Ok(TagsetMapping::en_ptb().map(tag)),
        _ => Err(Error::UnknownName {
            kind: "embedded source tagset",
            name: source.to_string(),
            expected: "en-ptb, wsj".into(),
        }),
    }
}
