//! Morphy and the WordNet lemmatizer (NLTK's `WordNetCorpusReader._morphy`
//! and `nltk.stem.WordNetLemmatizer`).

use std::path::Path;

use super::db::PosIndex;
use super::{Pos, WordNet};
use crate::Result;

/// NLTK's `MORPHOLOGICAL_SUBSTITUTIONS`, in NLTK's order.
const NOUN_SUBS: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("ves", "f"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];
const VERB_SUBS: &[(&str, &str)] = &[
    ("s", ""),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
];
const ADJ_SUBS: &[(&str, &str)] = &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

fn substitutions(pos: Pos) -> &'static [(&'static str, &'static str)] {
    match pos {
        Pos::Noun => NOUN_SUBS,
        Pos::Verb => VERB_SUBS,
        Pos::Adj | Pos::AdjSat => ADJ_SUBS,
        Pos::Adv => &[],
    }
}

/// `form.strip_suffix(old)` for the short ASCII suffixes of morphy,
/// comparing bytes inline (a `memcmp` call per rule dominated the profile).
#[inline]
fn strip_suffix<'a>(form: &'a str, old: &str) -> Option<&'a str> {
    let (f, o) = (form.as_bytes(), old.as_bytes());
    if f.len() < o.len() {
        return None;
    }
    let cut = f.len() - o.len();
    if f[cut..].iter().zip(o).all(|(a, b)| a == b) {
        form.get(..cut)
    } else {
        None
    }
}

/// Calls `f` with every candidate base form of `form`, in NLTK's order:
/// the form itself, then its exception-list entries when it has some (and
/// `check_exceptions`), else each suffix substitution that applies.
fn for_each_candidate(
    idx: &PosIndex,
    form: &str,
    pos: Pos,
    check_exceptions: bool,
    mut f: impl FnMut(&str),
) {
    f(form);
    if check_exceptions {
        if let Some(exc) = idx.exceptions(form) {
            for e in exc {
                f(e);
            }
            return;
        }
    }
    // Candidates are built in a stack buffer (no allocation for words of
    // up to 64 bytes, i.e. nearly all).
    let mut small = [0u8; 64];
    let mut big = String::new();
    for (old, new) in substitutions(pos) {
        if let Some(stem) = strip_suffix(form, old) {
            let n = stem.len() + new.len();
            if n <= small.len() {
                small[..stem.len()].copy_from_slice(stem.as_bytes());
                small[stem.len()..n].copy_from_slice(new.as_bytes());
                // `stem` ends at a char boundary and `new` is ASCII.
                if let Ok(c) = std::str::from_utf8(&small[..n]) {
                    f(c);
                }
            } else {
                big.clear();
                big.push_str(stem);
                big.push_str(new);
                f(&big);
            }
        }
    }
}

/// NLTK's `_morphy`: the candidates that are lemmas of `pos` in WordNet,
/// without duplicates, in candidate order.
pub(crate) fn morphy_candidates<'a>(
    idx: &'a PosIndex,
    form: &str,
    pos: Pos,
    check_exceptions: bool,
) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    for_each_candidate(idx, form, pos, check_exceptions, |c| {
        if let Some(k) = idx.key(c) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    });
    out
}

/// Maps a Penn Treebank tag to a WordNet part of speech the way the common
/// NLTK recipe does: `J*` adjective, `V*` verb, `N*` noun, `R*` adverb,
/// anything else noun (the lemmatizer's default).
///
/// # Example
/// ```
/// use nlkit::wordnet::{penn_to_wordnet, Pos};
/// assert_eq!(penn_to_wordnet("VBD"), Pos::Verb);
/// assert_eq!(penn_to_wordnet("JJR"), Pos::Adj);
/// assert_eq!(penn_to_wordnet("RB"), Pos::Adv);
/// assert_eq!(penn_to_wordnet("DT"), Pos::Noun);
/// ```
pub fn penn_to_wordnet(tag: &str) -> Pos {
    match tag.as_bytes().first() {
        Some(b'J') => Pos::Adj,
        Some(b'V') => Pos::Verb,
        Some(b'R') => Pos::Adv,
        _ => Pos::Noun,
    }
}

/// NLTK's `WordNetLemmatizer`: the shortest lemma that morphy finds for a
/// word and part of speech, or the word unchanged when WordNet has none.
/// Case-sensitive, as NLTK's (WordNet's lemmas are lower case, so `Dogs`
/// stays `Dogs`).
///
/// The index of a part of speech is loaded on its first use.
///
/// # Example
/// ```
/// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
/// # std::env::set_var("NLTK_DATA", ".nltk_data");
/// use nlkit::wordnet::{Pos, WordNetLemmatizer};
/// let lem = WordNetLemmatizer::load(None)?;
/// assert_eq!(lem.lemmatize("churches", Pos::Noun)?, "church");
/// assert_eq!(lem.lemmatize("was", Pos::Verb)?, "be");
/// assert_eq!(lem.lemmatize("better", Pos::Adj)?, "good");
/// assert_eq!(lem.lemmatize("us", Pos::Noun)?, "u");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WordNetLemmatizer {
    wn: WordNet,
}

impl WordNetLemmatizer {
    /// A lemmatizer over an opened WordNet.
    pub fn new(wn: WordNet) -> WordNetLemmatizer {
        WordNetLemmatizer { wn }
    }

    /// A lemmatizer over `corpora/wordnet` found in `data_dir` or along
    /// NLTK's search path.
    ///
    /// # Errors
    /// As [`WordNet::load`] (says `nlkit download wordnet` when missing).
    pub fn load(data_dir: Option<&Path>) -> Result<WordNetLemmatizer> {
        Ok(WordNetLemmatizer::new(WordNet::load(data_dir)?))
    }

    /// The underlying database.
    pub fn wordnet(&self) -> &WordNet {
        &self.wn
    }

    /// NLTK's `lemmatize(word, pos)`: of the base forms morphy finds, the
    /// one with the fewest characters (the first of equal ones); `word`
    /// itself when there is none.
    ///
    /// # Errors
    /// When the index or exception list of `pos` cannot be read.
    pub fn lemmatize<'a>(&'a self, word: &'a str, pos: Pos) -> Result<&'a str> {
        let idx = self.wn.pos_index(pos)?;
        let mut best: Option<(&'a str, usize)> = None;
        for_each_candidate(idx, word, pos, true, |c| {
            if let Some(k) = idx.key(c) {
                let n = k.chars().count();
                let better = match best {
                    None => true,
                    Some((_, m)) => n < m,
                };
                if better {
                    best = Some((k, n));
                }
            }
        });
        Ok(best.map_or(word, |(k, _)| k))
    }

    /// NLTK's `morphy(form, pos)`: the first base form, or `None`.
    ///
    /// # Errors
    /// As [`WordNetLemmatizer::lemmatize`].
    pub fn morphy(&self, form: &str, pos: Option<Pos>) -> Result<Option<String>> {
        self.wn.morphy(form, pos)
    }
}
