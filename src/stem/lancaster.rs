//! The Lancaster (Paice/Husk) stemmer, as NLTK's
//! `nltk.stem.lancaster.LancasterStemmer`.
//!
//! Rules use NLTK's rule-string syntax: the ending reversed, an optional `*`
//! (the word must be intact), the number of letters to remove, the letters to
//! append, and `>` (continue) or `.` (stop); e.g. `"ssen4>"` removes `-ness`
//! and goes on. [`LancasterStemmer::default`] uses NLTK's default table;
//! [`LancasterStemmer::with_rules`] takes a custom one (validated up front,
//! where NLTK validates on first use). `strip_prefix` removes the prefixes
//! NLTK's `strip_prefix_flag` removes (`kilo`, `micro`, …).
//!
//! Difference: a custom rule table that would make NLTK loop forever (a
//! continuing rule that leaves the word unchanged or makes it grow without
//! end, e.g. `"a0>"`) stops after a bounded number of rule applications here.
//! NLTK's "is alphabetic" test is Python's `str.isalpha` (Unicode letters);
//! nlkit uses Rust's `char::is_alphabetic`, which also counts a few marks
//! (e.g. Indic vowel signs) as letters; this only matters for words that mix
//! such marks with ASCII letters.
//!
//! # Example
//! ```
//! use nlkit::stem::{LancasterStemmer, Stemmer};
//! let st = LancasterStemmer::default();
//! assert_eq!(st.stem("maximum"), "maxim");
//! assert_eq!(st.stem("presumably"), "presum");
//! let custom = LancasterStemmer::with_rules(&["ssen4>", "s1t."], false).unwrap();
//! assert_eq!(custom.stem("ness"), "nest");
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use super::Stemmer;
use crate::{Error, Result};

/// NLTK's default Lancaster rule table (`LancasterStemmer.default_rule_tuple`).
pub const DEFAULT_RULES: &[&str] = &[
    "ai*2.",
    "a*1.",
    "bb1.",
    "city3s.",
    "ci2>",
    "cn1t>",
    "dd1.",
    "dei3y>",
    "deec2ss.",
    "dee1.",
    "de2>",
    "dooh4>",
    "e1>",
    "feil1v.",
    "fi2>",
    "gni3>",
    "gai3y.",
    "ga2>",
    "gg1.",
    "ht*2.",
    "hsiug5ct.",
    "hsi3>",
    "i*1.",
    "i1y>",
    "ji1d.",
    "juf1s.",
    "ju1d.",
    "jo1d.",
    "jeh1r.",
    "jrev1t.",
    "jsim2t.",
    "jn1d.",
    "j1s.",
    "lbaifi6.",
    "lbai4y.",
    "lba3>",
    "lbi3.",
    "lib2l>",
    "lc1.",
    "lufi4y.",
    "luf3>",
    "lu2.",
    "lai3>",
    "lau3>",
    "la2>",
    "ll1.",
    "mui3.",
    "mu*2.",
    "msi3>",
    "mm1.",
    "nois4j>",
    "noix4ct.",
    "noi3>",
    "nai3>",
    "na2>",
    "nee0.",
    "ne2>",
    "nn1.",
    "pihs4>",
    "pp1.",
    "re2>",
    "rae0.",
    "ra2.",
    "ro2>",
    "ru2>",
    "rr1.",
    "rt1>",
    "rei3y>",
    "sei3y>",
    "sis2.",
    "si2>",
    "ssen4>",
    "ss0.",
    "suo3>",
    "su*2.",
    "s*1>",
    "s0.",
    "tacilp4y.",
    "ta2>",
    "tnem4>",
    "tne3>",
    "tna3>",
    "tpir2b.",
    "tpro2b.",
    "tcud1.",
    "tpmus2.",
    "tpec2iv.",
    "tulo2v.",
    "tsis0.",
    "tsi3>",
    "tt1.",
    "uqi3.",
    "ugo1.",
    "vis3j>",
    "vie0.",
    "vi2>",
    "ylb1>",
    "yli3y>",
    "ylp0.",
    "yl2>",
    "ygo1.",
    "yhp1.",
    "ymo1.",
    "ypo1.",
    "yti3>",
    "yte3>",
    "ytl2.",
    "yrtsi5.",
    "yra3>",
    "yro3>",
    "yfi3.",
    "ycn2t>",
    "yca3>",
    "zi2>",
    "zy1s.",
];

/// Words longer than this (in characters) are returned unstemmed (NLTK's `MAX_WORD_LEN`).
pub const MAX_WORD_LEN: usize = 1000;

/// Prefixes removed when `strip_prefix` is on, in NLTK's order.
const PREFIXES: &[&str] = &[
    "kilo", "micro", "milli", "intra", "ultra", "mega", "nano", "pico", "pseudo",
];

/// One parsed rule.
#[derive(Debug, Clone)]
struct Rule {
    /// The ending, in normal (not reversed) order.
    ending: Vec<char>,
    intact: bool,
    remove: usize,
    append: String,
    stop: bool,
}

/// NLTK's Lancaster stemmer.
#[derive(Debug, Clone)]
pub struct LancasterStemmer {
    rules: HashMap<char, Vec<Rule>>,
    strip_prefix: bool,
}

impl Default for LancasterStemmer {
    fn default() -> Self {
        // The default rules are valid; `parse_rule` cannot fail on them.
        Self::with_rules(DEFAULT_RULES, false).unwrap_or_else(|_| LancasterStemmer {
            rules: HashMap::new(),
            strip_prefix: false,
        })
    }
}

/// Parses a rule of the form `^[a-z]+\*?\d[a-z]*[>.]?$` (a trailing `\n` is
/// accepted, as Python's `$` does).
fn parse_rule(rule: &str) -> Option<Rule> {
    let r = rule.strip_suffix('\n').unwrap_or(rule);
    let b = r.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_lowercase() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    let ending: Vec<char> = r[..i].chars().rev().collect();
    let intact = b.get(i) == Some(&b'*');
    if intact {
        i += 1;
    }
    let remove = match b.get(i) {
        Some(d) if d.is_ascii_digit() => usize::from(d - b'0'),
        _ => return None,
    };
    i += 1;
    let start = i;
    while i < b.len() && b[i].is_ascii_lowercase() {
        i += 1;
    }
    let append = r[start..i].to_string();
    let stop = match &b[i..] {
        b"" | b">" => false,
        b"." => true,
        _ => return None,
    };
    Some(Rule {
        ending,
        intact,
        remove,
        append,
        stop,
    })
}

impl LancasterStemmer {
    /// NLTK's default rules, with or without prefix stripping
    /// (`LancasterStemmer(strip_prefix_flag=...)`).
    pub fn new(strip_prefix: bool) -> Self {
        LancasterStemmer {
            strip_prefix,
            ..Self::default()
        }
    }

    /// A stemmer with a custom rule table in NLTK's syntax
    /// (`LancasterStemmer(rule_tuple=..., strip_prefix_flag=...)`). An empty
    /// table means the default one, as in NLTK.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the first invalid rule (NLTK's
    /// `ValueError: The rule ... is invalid`).
    ///
    /// # Example
    /// ```
    /// use nlkit::stem::LancasterStemmer;
    /// assert!(LancasterStemmer::with_rules(&["bad rule"], false).is_err());
    /// ```
    pub fn with_rules<S: AsRef<str>>(rules: &[S], strip_prefix: bool) -> Result<Self> {
        let mut map: HashMap<char, Vec<Rule>> = HashMap::new();
        if rules.is_empty() {
            return Self::with_rules(DEFAULT_RULES, strip_prefix);
        }
        for r in rules {
            let r = r.as_ref();
            let parsed = parse_rule(r).ok_or_else(|| {
                Error::InvalidInput(format!("the Lancaster rule `{r}` is invalid"))
            })?;
            let first = r.chars().next().unwrap_or('a');
            map.entry(first).or_default().push(parsed);
        }
        Ok(LancasterStemmer {
            rules: map,
            strip_prefix,
        })
    }

    fn acceptable(word: &[char], remove: usize) -> bool {
        let is_v = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        let Some(&first) = word.first() else {
            return false;
        };
        let left = word.len().checked_sub(remove);
        if is_v(first) {
            left.is_some_and(|l| l >= 2)
        } else {
            left.is_some_and(|l| l >= 3) && (is_v(word[1]) || is_v(word[2]))
        }
    }

    fn do_stemming(&self, mut word: Vec<char>) -> Vec<char> {
        let intact = word.clone();
        // Bound on rule applications: NLTK would loop forever on some
        // custom tables; real tables need far fewer steps than this.
        let mut budget = 4 * word.len() + 64;
        loop {
            let last = word.iter().take_while(|c| c.is_alphabetic()).count();
            if last == 0 {
                return word;
            }
            let Some(rules) = self.rules.get(&word[last - 1]) else {
                return word;
            };
            let mut applied = None;
            for rule in rules {
                if !word.ends_with(&rule.ending) {
                    continue;
                }
                if rule.intact && word != intact {
                    continue;
                }
                if Self::acceptable(&word, rule.remove) {
                    word.truncate(word.len() - rule.remove);
                    word.extend(rule.append.chars());
                    applied = Some(rule.stop);
                    break;
                }
            }
            match applied {
                Some(false) if budget > 0 => budget -= 1,
                _ => return word,
            }
        }
    }

    /// Stems `word` (lowercased first, as NLTK does).
    pub fn stem_word(&self, word: &str) -> String {
        let lower = super::py_lower(word);
        let mut w: &str = &lower;
        if self.strip_prefix {
            if let Some(p) = PREFIXES.iter().find(|p| w.starts_with(*p)) {
                w = &w[p.len()..];
            }
        }
        let chars: Vec<char> = w.chars().collect();
        if chars.len() > MAX_WORD_LEN {
            return w.to_string();
        }
        self.do_stemming(chars).into_iter().collect()
    }
}

impl Stemmer for LancasterStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Owned(self.stem_word(word))
    }
}
