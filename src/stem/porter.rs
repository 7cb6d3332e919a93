//! The Porter stemmer, as NLTK's `nltk.stem.porter.PorterStemmer`.
//!
//! All three of NLTK's modes are implemented: [`PorterMode::NltkExtensions`]
//! (NLTK's default, with its table of irregular forms and its extra rules),
//! [`PorterMode::MartinExtensions`] (the algorithm as on Martin Porter's web
//! site) and [`PorterMode::OriginalAlgorithm`] (the 1980 paper). Words are
//! handled as sequences of Unicode scalar values, as Python handles `str`, so
//! non-ASCII letters count as consonants exactly as in NLTK. The output is
//! identical to NLTK 3.10.4 on every word of the parity corpus
//! (`scripts/parity/stem.py`).
//!
//! # Example
//! ```
//! use nlkit::stem::{PorterMode, PorterStemmer, Stemmer};
//! let p = PorterStemmer::default();
//! assert_eq!(p.stem("running"), "run");
//! assert_eq!(p.stem("dying"), "die"); // NLTK's irregular forms
//! let orig = PorterStemmer::new(PorterMode::OriginalAlgorithm);
//! assert_eq!(orig.stem("is"), "i"); // no short-word shortcut in the paper
//! ```

use std::borrow::Cow;

use super::Stemmer;
use crate::{Error, Result};

/// Which variant of the Porter algorithm to run (NLTK's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum PorterMode {
    /// `PorterStemmer.NLTK_EXTENSIONS` (NLTK's default).
    #[default]
    NltkExtensions,
    /// `PorterStemmer.MARTIN_EXTENSIONS`.
    MartinExtensions,
    /// `PorterStemmer.ORIGINAL_ALGORITHM`.
    OriginalAlgorithm,
}

impl PorterMode {
    /// Parses NLTK's mode names (`NLTK_EXTENSIONS`, …) or the short CLI names
    /// (`nltk`, `martin`, `original`).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for any other name.
    ///
    /// # Example
    /// ```
    /// use nlkit::stem::PorterMode;
    /// assert_eq!(PorterMode::from_name("martin").unwrap(), PorterMode::MartinExtensions);
    /// assert!(PorterMode::from_name("foo").is_err());
    /// ```
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "NLTK_EXTENSIONS" | "nltk" => Ok(PorterMode::NltkExtensions),
            "MARTIN_EXTENSIONS" | "martin" => Ok(PorterMode::MartinExtensions),
            "ORIGINAL_ALGORITHM" | "original" => Ok(PorterMode::OriginalAlgorithm),
            _ => Err(Error::UnknownName {
                kind: "Porter mode",
                name: name.to_string(),
                expected: "nltk, martin, original (or NLTK's NLTK_EXTENSIONS, MARTIN_EXTENSIONS, ORIGINAL_ALGORITHM)".into(),
            }),
        }
    }
}

/// NLTK's Porter stemmer (`nltk.stem.PorterStemmer`).
#[derive(Debug, Clone, Copy)]
pub struct PorterStemmer {
    mode: PorterMode,
    to_lowercase: bool,
}

impl Default for PorterStemmer {
    fn default() -> Self {
        PorterStemmer::new(PorterMode::NltkExtensions)
    }
}

/// NLTK's irregular forms (NLTK_EXTENSIONS mode only): word → stem.
const IRREGULAR: &[(&str, &str)] = &[
    ("sky", "sky"),
    ("skies", "sky"),
    ("dying", "die"),
    ("lying", "lie"),
    ("tying", "tie"),
    ("news", "news"),
    ("innings", "inning"),
    ("inning", "inning"),
    ("outings", "outing"),
    ("outing", "outing"),
    ("cannings", "canning"),
    ("canning", "canning"),
    ("howe", "howe"),
    ("proceed", "proceed"),
    ("exceed", "exceed"),
    ("succeed", "succeed"),
];

thread_local! {
    /// Scratch buffer reused across calls on this thread.
    static SCRATCH: std::cell::RefCell<Vec<char>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// `_is_consonant(word, i)`.
fn is_cons(w: &[char], i: usize) -> bool {
    let c = w[i];
    if is_vowel(c) {
        return false;
    }
    if c != 'y' {
        return true;
    }
    let mut negate = false;
    let mut j = i;
    while j > 0 && w[j] == 'y' {
        negate = !negate;
        j -= 1;
    }
    is_vowel(w[j]) == negate
}

/// The measure `m` of `w` (number of vowel→consonant transitions).
fn measure(w: &[char]) -> usize {
    let mut m = 0;
    let mut prev_cons = true; // value before the start does not matter: a "vc" needs a v first
    let mut prev_is_vowel = false;
    for (i, &c) in w.iter().enumerate() {
        let cons = if is_vowel(c) {
            false
        } else if c == 'y' {
            i == 0 || !prev_cons
        } else {
            true
        };
        if cons && prev_is_vowel {
            m += 1;
        }
        prev_is_vowel = !cons;
        prev_cons = cons;
    }
    m
}

fn contains_vowel(w: &[char]) -> bool {
    let mut prev_cons = true;
    for (i, &c) in w.iter().enumerate() {
        let cons = if is_vowel(c) {
            false
        } else if c == 'y' {
            i == 0 || !prev_cons
        } else {
            true
        };
        if !cons {
            return true;
        }
        prev_cons = cons;
    }
    false
}

/// `w` ends with the ASCII string `suffix` (compared from the end, so most
/// rules are rejected on the last letter).
fn ends_with(w: &[char], suffix: &str) -> bool {
    let b = suffix.as_bytes();
    b.len() <= w.len()
        && w.iter()
            .rev()
            .zip(b.iter().rev())
            .all(|(&c, &x)| u32::from(c) == u32::from(x))
}

fn ends_double_consonant(w: &[char]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_cons(w, n - 1)
}

fn replace_suffix(w: &mut Vec<char>, suffix_len: usize, replacement: &str) {
    w.truncate(w.len() - suffix_len);
    w.extend(replacement.chars());
}

impl PorterStemmer {
    /// A Porter stemmer in `mode` that lowercases its input (NLTK's default).
    pub fn new(mode: PorterMode) -> Self {
        PorterStemmer {
            mode,
            to_lowercase: true,
        }
    }

    /// Sets NLTK's `to_lowercase` argument (default `true`): when `false`,
    /// the word is stemmed as given, so upper-case letters count as consonants.
    pub fn with_lowercase(mut self, to_lowercase: bool) -> Self {
        self.to_lowercase = to_lowercase;
        self
    }

    /// The mode this stemmer runs in.
    pub fn mode(&self) -> PorterMode {
        self.mode
    }

    fn nltk(&self) -> bool {
        self.mode == PorterMode::NltkExtensions
    }

    /// Stems `word`, lowercasing it first when `to_lowercase` is true
    /// (NLTK's `stem(word, to_lowercase=...)`).
    ///
    /// # Example
    /// ```
    /// use nlkit::stem::PorterStemmer;
    /// let p = PorterStemmer::default();
    /// assert_eq!(p.stem_word("Caresses", true), "caress");
    /// assert_eq!(p.stem_word("Caresses", false), "Caress");
    /// ```
    pub fn stem_word(&self, word: &str, to_lowercase: bool) -> String {
        let lowered: Cow<str> = if to_lowercase {
            super::py_lower(word)
        } else {
            Cow::Borrowed(word)
        };
        if self.nltk() && (3..=8).contains(&lowered.len()) {
            if let Some((_, s)) = IRREGULAR.iter().find(|(w, _)| *w == lowered) {
                return (*s).to_string();
            }
        }
        if self.mode != PorterMode::OriginalAlgorithm && word.chars().count() <= 2 {
            return lowered.into_owned();
        }
        SCRATCH.with(|b| match b.try_borrow_mut() {
            Ok(mut w) => self.run_steps(&lowered, &mut w),
            Err(_) => self.run_steps(&lowered, &mut Vec::new()),
        })
    }

    fn run_steps(&self, word: &str, w: &mut Vec<char>) -> String {
        w.clear();
        w.extend(word.chars());
        self.step1a(w);
        self.step1b(w);
        self.step1c(w);
        self.step2(w);
        self.step3(w);
        self.step4(w);
        self.step5a(w);
        self.step5b(w);
        w.iter().collect()
    }

    fn ends_cvc(&self, w: &[char]) -> bool {
        let n = w.len();
        (n >= 3
            && is_cons(w, n - 3)
            && !is_cons(w, n - 2)
            && is_cons(w, n - 1)
            && !matches!(w[n - 1], 'w' | 'x' | 'y'))
            || (self.nltk() && n == 2 && !is_cons(w, 0) && is_cons(w, 1))
    }

    /// NLTK's `_apply_rule_list` for rules whose condition depends only on
    /// the suffix and the stem: the first rule whose suffix matches decides.
    fn apply_rules(
        w: &mut Vec<char>,
        rules: &[(&str, &str)],
        cond: impl Fn(&str, &[char]) -> bool,
    ) {
        for (suffix, replacement) in rules {
            if ends_with(w, suffix) {
                let stem_len = w.len() - suffix.len();
                if cond(suffix, &w[..stem_len]) {
                    replace_suffix(w, suffix.len(), replacement);
                }
                return;
            }
        }
    }

    fn step1a(&self, w: &mut Vec<char>) {
        if self.nltk() && w.len() == 4 && ends_with(w, "ies") {
            replace_suffix(w, 3, "ie");
            return;
        }
        Self::apply_rules(
            w,
            &[("sses", "ss"), ("ies", "i"), ("ss", "ss"), ("s", "")],
            |_, _| true,
        );
    }

    fn step1b(&self, w: &mut Vec<char>) {
        if self.nltk() && ends_with(w, "ied") {
            let rep = if w.len() == 4 { "ie" } else { "i" };
            replace_suffix(w, 3, rep);
            return;
        }
        if ends_with(w, "eed") {
            if measure(&w[..w.len() - 3]) > 0 {
                replace_suffix(w, 3, "ee");
            }
            return;
        }
        let mut cut = None;
        for suffix in ["ed", "ing"] {
            if ends_with(w, suffix) && contains_vowel(&w[..w.len() - suffix.len()]) {
                cut = Some(suffix.len());
                break;
            }
        }
        let Some(cut) = cut else { return };
        w.truncate(w.len() - cut);
        // Rules applied to the intermediate stem.
        for (suffix, rep) in [("at", "ate"), ("bl", "ble"), ("iz", "ize")] {
            if ends_with(w, suffix) {
                replace_suffix(w, 2, rep);
                return;
            }
        }
        let Some(&last) = w.last() else { return };
        if ends_double_consonant(w) {
            if !matches!(last, 'l' | 's' | 'z') {
                w.pop();
            }
            return;
        }
        if ends_with(w, "*d") {
            // NLTK's rule list tests the literal suffix "*d" too.
            let n = w.len();
            w.remove(n - 2);
            return;
        }
        if measure(w) == 1 && self.ends_cvc(w) {
            w.push('e');
        }
    }

    fn step1c(&self, w: &mut [char]) {
        if !ends_with(w, "y") {
            return;
        }
        let stem = &w[..w.len() - 1];
        let ok = if self.nltk() {
            stem.len() > 1 && is_cons(stem, stem.len() - 1)
        } else {
            contains_vowel(stem)
        };
        if ok {
            let n = w.len();
            w[n - 1] = 'i';
        }
    }

    fn step2(&self, w: &mut Vec<char>) {
        if self.nltk() && ends_with(w, "alli") && measure(&w[..w.len() - 4]) > 0 {
            replace_suffix(w, 4, "al");
            return self.step2(w);
        }
        const NLTK: &[(&str, &str)] = &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("bli", "ble"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
            ("fulli", "ful"),
            ("logi", "log"),
        ];
        const MARTIN: &[(&str, &str)] = &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("bli", "ble"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
            ("logi", "log"),
        ];
        const ORIGINAL: &[(&str, &str)] = &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("abli", "able"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
        ];
        let rules = match self.mode {
            PorterMode::NltkExtensions => NLTK,
            PorterMode::MartinExtensions => MARTIN,
            PorterMode::OriginalAlgorithm => ORIGINAL,
        };
        let nltk = self.nltk();
        Self::apply_rules(w, rules, |suffix, stem| {
            if nltk && suffix == "logi" {
                // The 'l' of "logi" stays with the stem for the measure.
                measure(&w_prefix(stem)) > 0
            } else {
                measure(stem) > 0
            }
        });
    }

    fn step3(&self, w: &mut Vec<char>) {
        Self::apply_rules(
            w,
            &[
                ("icate", "ic"),
                ("ative", ""),
                ("alize", "al"),
                ("iciti", "ic"),
                ("ical", "ic"),
                ("ful", ""),
                ("ness", ""),
            ],
            |_, stem| measure(stem) > 0,
        );
    }

    fn step4(&self, w: &mut Vec<char>) {
        Self::apply_rules(
            w,
            &[
                ("al", ""),
                ("ance", ""),
                ("ence", ""),
                ("er", ""),
                ("ic", ""),
                ("able", ""),
                ("ible", ""),
                ("ant", ""),
                ("ement", ""),
                ("ment", ""),
                ("ent", ""),
                ("ion", ""),
                ("ou", ""),
                ("ism", ""),
                ("ate", ""),
                ("iti", ""),
                ("ous", ""),
                ("ive", ""),
                ("ize", ""),
            ],
            |suffix, stem| {
                measure(stem) > 1 && (suffix != "ion" || matches!(stem.last(), Some('s' | 't')))
            },
        );
    }

    fn step5a(&self, w: &mut Vec<char>) {
        if ends_with(w, "e") {
            let stem = &w[..w.len() - 1];
            let m = measure(stem);
            if m > 1 || (m == 1 && !self.ends_cvc(stem)) {
                w.pop();
            }
        }
    }

    fn step5b(&self, w: &mut Vec<char>) {
        if ends_with(w, "ll") && measure(&w[..w.len() - 1]) > 1 {
            w.pop();
        }
    }
}

/// `stem` plus the `l` of the `logi` suffix it was cut from (NLTK's
/// `word[:-3]` for the `logi` rule).
fn w_prefix(stem: &[char]) -> Vec<char> {
    let mut v = stem.to_vec();
    v.push('l');
    v
}

impl Stemmer for PorterStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Owned(self.stem_word(word, self.to_lowercase))
    }
}
