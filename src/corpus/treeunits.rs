//! What the corpora of one parse tree per unit (a line of the Sinica
//! treebank, a bracketed block of the Penn Treebank) share: the word,
//! tagged-word, sentence and tree views over a file's units. A reader says
//! how a file splits into units and how one unit is tagged and parsed
//! ([`TreeUnits`]); the views are the same for all.

use super::{CorpusRoot, Items};
use crate::tree::Tree;
use crate::{Error, Result};

/// How a treebank's files split into units of one tree each.
pub(crate) trait TreeUnits {
    /// The units of a file, each with the 1-based line where it starts.
    fn units(text: &str) -> Vec<(usize, String)>;
    /// The `(word, tag)` pairs of a unit.
    fn tag_unit(unit: &str) -> Vec<(String, String)>;
    /// The tree of a unit, or `None` for an empty one (skipped).
    fn parse_unit(unit: &str) -> Result<Option<Tree>>;
}

/// Tagged sentences (empty ones skipped).
pub(crate) fn tagged_sents<'a, R: TreeUnits>(
    root: &'a CorpusRoot,
    fileids: Option<&[String]>,
) -> Items<'a, Vec<(String, String)>> {
    root.items(fileids, |_, text| {
        Ok(R::units(&text)
            .iter()
            .map(|(_, u)| R::tag_unit(u))
            .filter(|s| !s.is_empty())
            .collect())
    })
}

/// Tagged words.
pub(crate) fn tagged_words<'a, R: TreeUnits>(
    root: &'a CorpusRoot,
    fileids: Option<&[String]>,
) -> Items<'a, (String, String)> {
    root.items(fileids, |_, text| {
        Ok(R::units(&text)
            .iter()
            .flat_map(|(_, u)| R::tag_unit(u))
            .collect())
    })
}

/// Sentences (words only, empty ones skipped).
pub(crate) fn sents<'a, R: TreeUnits>(
    root: &'a CorpusRoot,
    fileids: Option<&[String]>,
) -> Items<'a, Vec<String>> {
    root.items(fileids, |_, text| {
        Ok(R::units(&text)
            .iter()
            .map(|(_, u)| {
                R::tag_unit(u)
                    .into_iter()
                    .map(|(w, _)| w)
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect())
    })
}

/// Words.
pub(crate) fn words<'a, R: TreeUnits>(
    root: &'a CorpusRoot,
    fileids: Option<&[String]>,
) -> Items<'a, String> {
    root.items(fileids, |_, text| {
        Ok(R::units(&text)
            .iter()
            .flat_map(|(_, u)| R::tag_unit(u).into_iter().map(|(w, _)| w))
            .collect())
    })
}

/// Parse trees (empty ones skipped); a unit that does not parse is an
/// [`Error::Format`] naming the file and the unit's first line.
pub(crate) fn parsed_sents<'a, R: TreeUnits>(
    root: &'a CorpusRoot,
    fileids: Option<&[String]>,
) -> Items<'a, Tree> {
    root.items(fileids, move |f, text| {
        let mut out = Vec::new();
        for (line, u) in R::units(&text) {
            match R::parse_unit(&u) {
                Ok(Some(t)) => out.push(t),
                Ok(None) => {}
                Err(e) => {
                    let msg = match e {
                        Error::InvalidInput(m) => m,
                        other => other.to_string(),
                    };
                    return Err(Error::format(
                        root.display_name(f),
                        line,
                        format!("malformed tree: {}", msg.lines().next().unwrap_or("")),
                    ));
                }
            }
        }
        Ok(out)
    })
}
