//! The labeller's vocabularies: word forms (lower-cased, digits folded),
//! characters, and output labels, plus the word-shape feature.
//!
//! Indices are dense and stable: a vocabulary is stored in the checkpoint as
//! its list of items, in index order, and rebuilt from it on load.

use std::collections::HashMap;

use crate::{Error, Result};

/// Index of the padding item in the word and character vocabularies.
pub const PAD: u32 = 0;
/// Index of the unknown item in the word and character vocabularies.
pub const UNK: u32 = 1;

/// The number of word-shape classes [`shape`] returns.
pub const SHAPES: usize = 8;

/// The word key the word embedding reads: lower case, every decimal digit
/// replaced by `0` (so that numbers share statistics).
///
/// # Example
/// ```
/// use nlkit::neural::labeller::word_key;
/// assert_eq!(word_key("Madrid1992"), "madrid0000");
/// ```
pub fn word_key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The word's shape class, the feature that keeps the capitalisation the
/// word key drops: 0 padding, 1 all lower case, 2 all upper case, 3 first
/// letter upper case, 4 mixed case, 5 contains a digit, 6 no letter or digit
/// (punctuation), 7 other.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::shape;
/// assert_eq!([shape("the"), shape("NATO"), shape("Madrid"), shape("iPhone"), shape("1992"), shape(",")], [1, 2, 3, 4, 5, 6]);
/// ```
pub fn shape(word: &str) -> u32 {
    let (mut upper, mut lower, mut digit, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_numeric() {
            digit += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if digit > 0 {
        5
    } else if upper + lower + other == 0 {
        6
    } else if upper == 0 && lower > 0 {
        1
    } else if lower == 0 && upper > 0 {
        2
    } else if first_upper && word.chars().skip(1).all(|c| !c.is_uppercase()) {
        3
    } else if upper > 0 && lower > 0 {
        4
    } else {
        7
    }
}

/// A list of distinct strings with their indices.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::Vocab;
/// let v = Vocab::from_items(vec!["<pad>".into(), "<unk>".into(), "cat".into()]).unwrap();
/// assert_eq!(v.get("cat"), Some(2));
/// assert_eq!(v.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Vocab {
    items: Vec<String>,
    index: HashMap<String, u32>,
}

impl Vocab {
    /// A vocabulary of these items, in this order.
    ///
    /// # Errors
    /// [`Error::Model`] for a repeated item or more than `u32::MAX` items.
    pub fn from_items(items: Vec<String>) -> Result<Self> {
        if items.len() > u32::MAX as usize {
            return Err(Error::Model("vocabulary too large".into()));
        }
        let mut index = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if index.insert(item.clone(), i as u32).is_some() {
                return Err(Error::Model(format!("vocabulary repeats `{item}`")));
            }
        }
        Ok(Vocab { items, index })
    }

    /// Items seen at least `min_count` times, most frequent first (ties in
    /// order of first appearance), after `reserved` items (padding,
    /// unknown).
    pub(crate) fn from_counts<'a>(
        reserved: &[&str],
        items: impl Iterator<Item = &'a str>,
        min_count: usize,
    ) -> Self {
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for (pos, it) in items.enumerate() {
            counts.entry(it).or_insert((0, pos)).0 += 1;
        }
        let mut seen: Vec<(&str, usize, usize)> = counts
            .into_iter()
            .filter(|(k, (n, _))| *n >= min_count.max(1) && !reserved.contains(k))
            .map(|(k, (n, p))| (k, n, p))
            .collect();
        seen.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let items = reserved
            .iter()
            .map(|s| s.to_string())
            .chain(seen.into_iter().map(|(k, _, _)| k.to_string()))
            .collect::<Vec<_>>();
        let index = items
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u32))
            .collect();
        Vocab { items, index }
    }

    /// The index of `item`.
    pub fn get(&self, item: &str) -> Option<u32> {
        self.index.get(item).copied()
    }

    /// The index of `item`, or [`UNK`].
    pub fn get_or_unk(&self, item: &str) -> u32 {
        self.get(item).unwrap_or(UNK)
    }

    /// The item at `index`.
    pub fn item(&self, index: usize) -> Option<&str> {
        self.items.get(index).map(String::as_str)
    }

    /// The items, in index order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The reserved items at the head of the word and character vocabularies.
pub(crate) const RESERVED: [&str; 2] = ["<pad>", "<unk>"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_order_and_reserved() {
        let v = Vocab::from_counts(&RESERVED, ["b", "a", "a", "c", "b", "a"].into_iter(), 2);
        assert_eq!(v.items(), ["<pad>", "<unk>", "a", "b"]);
        assert_eq!(v.get_or_unk("c"), UNK);
        assert!(Vocab::from_items(vec!["x".into(), "x".into()]).is_err());
    }

    #[test]
    fn shapes() {
        assert_eq!(shape(""), 6);
        assert_eq!(shape("ÉCOLE"), 2);
        assert_eq!(shape("Ñandú"), 3);
        assert_eq!(shape("McDonald"), 4);
        assert_eq!(shape("日本"), 7);
        assert_eq!(word_key("ÀB12"), "àb00");
    }
}
