//! Feature extraction for the averaged perceptron: NLTK's templates
//! ([`FeatureSet::Nltk`], byte-for-byte the strings of
//! `PerceptronTagger._get_features`) and nlkit's extended set
//! ([`FeatureSet::Extended`], NLTK's templates plus more affix and word-shape
//! features, used by our default models).

use std::borrow::Cow;

use super::pyunicode;

/// Which feature templates a perceptron model was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FeatureSet {
    /// Exactly NLTK 3.10.4's 14 templates.
    Nltk,
    /// NLTK's templates plus suffixes of length 1, 2, 4 and 5, prefixes of
    /// length 2 and 3, word shape, capitalisation, digit/hyphen/length, and
    /// a few word/tag conjunctions (27 templates in all).
    Extended,
}

impl FeatureSet {
    /// The name used in model metadata and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FeatureSet::Nltk => "nltk",
            FeatureSet::Extended => "extended",
        }
    }
}

/// NLTK's `PerceptronTagger.normalize`: words with an inner hyphen become
/// `!HYPHEN`, four-digit numbers `!YEAR`, other words starting with a digit
/// `!DIGITS`; everything else is lower-cased (Python's `str.lower`).
///
/// # Example
/// ```
/// use nlkit::tag::normalize;
/// assert_eq!(normalize("New-York"), "!HYPHEN");
/// assert_eq!(normalize("1999"), "!YEAR");
/// assert_eq!(normalize("3rd"), "!DIGITS");
/// assert_eq!(normalize("Dog"), "dog");
/// ```
pub fn normalize(word: &str) -> Cow<'_, str> {
    if word.contains('-') && !word.starts_with('-') {
        return Cow::Borrowed("!HYPHEN");
    }
    if pyunicode::str_is_digit(word) && word.chars().count() == 4 {
        return Cow::Borrowed("!YEAR");
    }
    if word.chars().next().is_some_and(pyunicode::is_digit) {
        return Cow::Borrowed("!DIGITS");
    }
    py_lower(word)
}

/// Python's `str.lower()` (full Unicode lower-case mapping).
pub(crate) fn py_lower(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        Cow::Borrowed(word)
    } else if word.is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The last `n` characters of `s` (Python's `s[-n:]`).
pub(crate) fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// The first `n` characters of `s` (Python's `s[:n]`).
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A compressed word shape: runs of `X` (upper), `x` (lower), `d` (digit),
/// other characters kept, each run at most twice.
fn shape(word: &str, out: &mut String) {
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            last = k;
            run = 1;
        }
        if run <= 2 {
            out.push(k);
        }
    }
}

/// Calls `f` with each feature string of token `i` (0-based) of a sentence
/// whose normalised words, padded with NLTK's `-START-`, `-START2-` in front
/// and `-END-`, `-END2-` behind, are `context`. `buf` is scratch space.
#[allow(clippy::too_many_arguments)]
pub(crate) fn for_each_feature(
    set: FeatureSet,
    i: usize,
    word: &str,
    context: &[Cow<'_, str>],
    prev: &str,
    prev2: &str,
    buf: &mut String,
    mut f: impl FnMut(&str),
) {
    let i = i + 2;
    let ctx = |k: usize| -> &str { context.get(k).map_or("", |c| c.as_ref()) };
    let mut add = |parts: &[&str]| {
        buf.clear();
        for (k, p) in parts.iter().enumerate() {
            if k > 0 {
                buf.push(' ');
            }
            buf.push_str(p);
        }
        f(buf);
    };
    let first = prefix(word, 1);
    add(&["bias"]);
    add(&["i suffix", suffix(word, 3)]);
    add(&["i pref1", first]);
    add(&["i-1 tag", prev]);
    add(&["i-2 tag", prev2]);
    add(&["i tag+i-2 tag", prev, prev2]);
    add(&["i word", ctx(i)]);
    add(&["i-1 tag+i word", prev, ctx(i)]);
    add(&["i-1 word", ctx(i - 1)]);
    add(&["i-1 suffix", suffix(ctx(i - 1), 3)]);
    add(&["i-2 word", ctx(i - 2)]);
    add(&["i+1 word", ctx(i + 1)]);
    add(&["i+1 suffix", suffix(ctx(i + 1), 3)]);
    add(&["i+2 word", ctx(i + 2)]);
    if set == FeatureSet::Extended {
        add(&["i suffix1", suffix(word, 1)]);
        add(&["i suffix2", suffix(word, 2)]);
        add(&["i suffix4", suffix(word, 4)]);
        add(&["i suffix5", suffix(word, 5)]);
        add(&["i pref2", prefix(word, 2)]);
        add(&["i pref3", prefix(word, 3)]);
        let mut sh = String::with_capacity(word.len());
        shape(word, &mut sh);
        add(&["i shape", &sh]);
        add(&["i-1 tag+i suffix", prev, suffix(word, 3)]);
        add(&["i word+i+1 word", ctx(i), ctx(i + 1)]);
        add(&["i-1 word+i word", ctx(i - 1), ctx(i)]);
        add(&["i+1 suffix2", suffix(ctx(i + 1), 2)]);
        add(&["i-1 tag+i+1 word", prev, ctx(i + 1)]);
        let cap = if word.chars().next().is_some_and(char::is_uppercase) {
            if i == 2 {
                "first-cap"
            } else {
                "cap"
            }
        } else {
            "no"
        };
        add(&["i cap", cap]);
        let digit = if word.chars().any(|c| c.is_ascii_digit()) {
            "y"
        } else {
            "n"
        };
        let hyphen = if word.contains('-') { "y" } else { "n" };
        const LENS: [&str; 9] = ["0", "1", "2", "3", "4", "5", "6", "7", "8"];
        let len = LENS[word.chars().count().min(8)];
        add(&["i digit+hyphen+len", digit, hyphen, len]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_are_char_based() {
        assert_eq!(suffix("héllo", 3), "llo");
        assert_eq!(suffix("hé", 3), "hé");
        assert_eq!(suffix("", 3), "");
        assert_eq!(prefix("élan", 1), "é");
        assert_eq!(prefix("", 1), "");
    }

    #[test]
    fn shape_compresses_runs() {
        let mut s = String::new();
        shape("McDonald's1999", &mut s);
        assert_eq!(s, "XxXxx'xdd");
    }
}
