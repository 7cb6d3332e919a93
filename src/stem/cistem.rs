//! The CISTEM stemmer for German (Weissweiler & Fraser 2017), as NLTK's
//! `nltk.stem.cistem.Cistem`, with its `case_insensitive` option and
//! `segment` (stem plus removed rest).
//!
//! Implemented with character scans equivalent to NLTK's regular expressions
//! (`^ge(.{4,})`, `(.)\1`, `(.)\*`), including their treatment of `\n`.
//!
//! # Example
//! ```
//! use nlkit::stem::{Cistem, Stemmer};
//! let st = Cistem::new(false);
//! assert_eq!(st.stem("Speicherbehältern"), "speicherbehalt");
//! assert_eq!(st.segment("Speicherbehältern"), ("speicherbehält".to_string(), "ern".to_string()));
//! ```

use std::borrow::Cow;

use super::Stemmer;

/// NLTK's `Cistem`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cistem {
    case_insensitive: bool,
}

/// `re.sub(r"(.)\1", r"\1*", w)`.
fn repl_xx(w: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        if i + 1 < w.len() && w[i] == w[i + 1] && w[i] != '\n' {
            out.push(w[i]);
            out.push('*');
            i += 2;
        } else {
            out.push(w[i]);
            i += 1;
        }
    }
    out
}

/// `re.sub(r"(.)\*", r"\1\1", w)`.
fn repl_xx_back(w: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(w.len() + 4);
    let mut i = 0;
    while i < w.len() {
        if i + 1 < w.len() && w[i + 1] == '*' && w[i] != '\n' {
            out.push(w[i]);
            out.push(w[i]);
            i += 2;
        } else {
            out.push(w[i]);
            i += 1;
        }
    }
    out
}

fn replace_str(w: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = w.to_string();
    for (a, b) in pairs {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    s
}

impl Cistem {
    /// A CISTEM stemmer; `case_insensitive` as NLTK's argument (default `false`).
    pub fn new(case_insensitive: bool) -> Self {
        Cistem { case_insensitive }
    }

    /// Stems `word` (NLTK's `Cistem.stem`).
    pub fn stem_word(&self, word: &str) -> String {
        let Some(first) = word.chars().next() else {
            return String::new();
        };
        let upper = first.is_uppercase();
        let w = super::py_lower(word);
        let mut w = replace_str(&w, &[("ü", "u"), ("ö", "o"), ("ä", "a"), ("ß", "ss")]);
        // ^ge(.{4,}) -> \1
        if let Some(rest) = w.strip_prefix("ge") {
            let n = rest.chars().take_while(|&c| c != '\n').count();
            if n >= 4 {
                w = rest.to_string();
            }
        }
        self.segment_inner(&w, upper).0
    }

    /// Splits `word` into its stem and the removed ending, without the
    /// substitutions of `stem` (NLTK's `Cistem.segment`); the stem is lowercased.
    pub fn segment(&self, word: &str) -> (String, String) {
        let Some(first) = word.chars().next() else {
            return (String::new(), String::new());
        };
        let upper = first.is_uppercase();
        let w = super::py_lower(word);
        self.segment_inner(&w, upper)
    }

    fn segment_inner(&self, word: &str, upper: bool) -> (String, String) {
        let copy: Vec<char> = word.chars().collect();
        let replaced = replace_str(word, &[("sch", "$"), ("ei", "%"), ("ie", "&")]);
        let mut chars = repl_xx(&replaced.chars().collect::<Vec<_>>());
        let mut rest_len = 0usize;
        let strip = |chars: &mut Vec<char>, count: usize| {
            if chars.last() == Some(&'\n') {
                chars.pop();
                let n = chars.len();
                chars.truncate(n.saturating_sub(count));
                chars.push('\n');
            } else {
                let n = chars.len();
                chars.truncate(n.saturating_sub(count));
            }
        };
        while chars.len() > 3 {
            let n = chars.len();
            let j = if chars[n - 1] == '\n' { n - 2 } else { n - 1 };
            if n > 5 {
                let (c, p) = (chars[j], chars[j - 1]);
                if matches!(c, 'm' | 'r') && p == 'e' || c == 'd' && p == 'n' {
                    strip(&mut chars, 2);
                    rest_len += 2;
                    continue;
                }
            }
            if (!upper || self.case_insensitive) && chars[j] == 't' {
                strip(&mut chars, 1);
                rest_len += 1;
                continue;
            }
            if matches!(chars[j], 'e' | 's' | 'n') {
                strip(&mut chars, 1);
                rest_len += 1;
                continue;
            }
            break;
        }
        let back = repl_xx_back(&chars);
        let s: String = back.into_iter().collect();
        let s = replace_str(&s, &[("%", "ei"), ("&", "ie"), ("$", "sch")]);
        let rest = if rest_len > 0 {
            copy[copy.len().saturating_sub(rest_len)..].iter().collect()
        } else {
            String::new()
        };
        (s, rest)
    }
}

impl Stemmer for Cistem {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Owned(self.stem_word(word))
    }
}
