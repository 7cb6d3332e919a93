//! WordNet 3.0: a lazy reader for the Princeton database files and the
//! WordNet lemmatizer, matching NLTK 3.10.4's `nltk.corpus.wordnet`
//! (`WordNetCorpusReader`, `Synset`, `Lemma`) and
//! `nltk.stem.WordNetLemmatizer`.
//!
//! The database is read from an NLTK data folder (`corpora/wordnet`,
//! unpacked or straight from `corpora/wordnet.zip`, found along NLTK's search
//! path by [`WordNet::load`]) or from any folder / zip given to
//! [`WordNet::open`]. Loading is lazy: opening reads only `lexnames`; the
//! index (`index.<pos>`) and exception list (`<pos>.exc`) of a part of speech
//! are parsed into memory the first time that part of speech is used, and
//! synsets are parsed one line at a time from `data.<pos>` by byte offset
//! (positioned reads on an unpacked folder; whole files in memory for a zip),
//! with a cache. So a lemma for a noun needs only `index.noun` and
//! `noun.exc`, and the first answer comes in milliseconds.
//!
//! Results are NLTK's: the same `synsets()` order, synset names (`big.s.03`
//! counts senses among the satellites, as NLTK does), definitions, examples,
//! morphy candidates, the shortest-lemma rule of `lemmatize`, and NLTK's
//! `path_similarity` / `wup_similarity` (with `simulate_root` for verbs).
//!
//! Deliberate differences (see `docs/differences.md`): NLTK keeps a synset's
//! pointers in a Python `set`, so the order of `hypernyms()`, `hyponyms()`
//! and the other synset relations changes from one Python process to the next
//! (string hashing is randomised); nlkit returns them in the order of the
//! data file, which is stable. Errors are `nlkit::Error` values, never
//! warnings plus `None`; the multilingual (OMW) functions, information-content
//! similarities and verb frames are not implemented.
//!
//! # Example
//! ```
//! # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
//! # std::env::set_var("NLTK_DATA", ".nltk_data");
//! use nlkit::wordnet::{Pos, WordNet, WordNetLemmatizer};
//! let wn = WordNet::load(None)?; // NLTK's search path
//! let dog = wn.synset("dog.n.01")?;
//! assert_eq!(dog.lexname(), "noun.animal");
//! let lem = WordNetLemmatizer::new(wn.clone());
//! assert_eq!(lem.lemmatize("geese", Pos::Noun)?, "goose");
//! # Ok::<(), nlkit::Error>(())
//! ```

use std::fmt;
use std::hash::BuildHasherDefault;
use std::str::FromStr;

use crate::{Error, Result};

mod db;
mod lemmatizer;
mod synset;

pub use db::WordNet;
pub use lemmatizer::{penn_to_wordnet, LemmaCache, WordNetLemmatizer};
pub use synset::{Lemma, Synset};

/// A WordNet part of speech (NLTK's `NOUN`, `VERB`, `ADJ`, `ADJ_SAT`, `ADV`).
///
/// # Example
/// ```
/// use nlkit::wordnet::Pos;
/// let p: Pos = "v".parse().unwrap();
/// assert_eq!(p, Pos::Verb);
/// assert_eq!(p.as_char(), 'v');
/// assert!("x".parse::<Pos>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    /// `n`
    Noun,
    /// `v`
    Verb,
    /// `a`
    Adj,
    /// `s`: adjective satellite.
    AdjSat,
    /// `r`
    Adv,
}

impl Pos {
    /// NLTK's `POS_LIST`: the parts of speech tried when none is given.
    pub const POS_LIST: [Pos; 4] = [Pos::Noun, Pos::Verb, Pos::Adj, Pos::Adv];

    /// The one-letter WordNet code (`n`, `v`, `a`, `s`, `r`).
    pub fn as_char(self) -> char {
        match self {
            Pos::Noun => 'n',
            Pos::Verb => 'v',
            Pos::Adj => 'a',
            Pos::AdjSat => 's',
            Pos::Adv => 'r',
        }
    }

    /// The part of speech for a one-letter code.
    pub fn from_char(c: char) -> Option<Pos> {
        Some(match c {
            'n' => Pos::Noun,
            'v' => Pos::Verb,
            'a' => Pos::Adj,
            's' => Pos::AdjSat,
            'r' => Pos::Adv,
            _ => return None,
        })
    }

    /// WordNet's synset type number (1 noun, 2 verb, 3 adjective, 4 adverb,
    /// 5 satellite), used in sense keys.
    pub fn number(self) -> u8 {
        match self {
            Pos::Noun => 1,
            Pos::Verb => 2,
            Pos::Adj => 3,
            Pos::Adv => 4,
            Pos::AdjSat => 5,
        }
    }

    /// The part of speech whose files hold this one (`s` lives in the
    /// adjective files).
    pub(crate) fn file_pos(self) -> Pos {
        if self == Pos::AdjSat {
            Pos::Adj
        } else {
            self
        }
    }

    /// Index 0..4 of the file set (noun, verb, adj, adv).
    pub(crate) fn file_index(self) -> usize {
        match self.file_pos() {
            Pos::Noun => 0,
            Pos::Verb => 1,
            Pos::Adv => 3,
            _ => 2,
        }
    }

    /// The file-name suffix: `noun`, `verb`, `adj`, `adv`.
    pub(crate) fn file_suffix(self) -> &'static str {
        ["noun", "verb", "adj", "adv"][self.file_index()]
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

impl FromStr for Pos {
    type Err = Error;

    fn from_str(s: &str) -> Result<Pos> {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Pos::from_char(c),
            _ => None,
        }
        .ok_or_else(|| Error::UnknownName {
            kind: "WordNet part of speech",
            name: s.to_string(),
            expected: "n, v, a, r, s".into(),
        })
    }
}

/// The hasher of the in-memory index (rustc's FxHash, from `rustc-hash`),
/// whose keys come from the WordNet files.
pub(crate) type FxBuild = BuildHasherDefault<rustc_hash::FxHasher>;
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// Python's `str.isspace` for one character (what `str.split()` and
/// `str.strip()` treat as whitespace).
pub(crate) fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}
