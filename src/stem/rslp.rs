//! The RSLP stemmer for Portuguese (Orengo & Huyck 2001), as NLTK's
//! `nltk.stem.RSLPStemmer`.
//!
//! Like NLTK, the rules are read from the NLTK data package `rslp`
//! (`stemmers/rslp/step0.pt` … `step6.pt`, found along NLTK's search path or
//! in a given folder); nothing is embedded, because the package is not part
//! of the data nlkit is tested against (see `docs/differences.md`). A missing
//! package is an [`Error::MissingResource`] that says `nlkit download rslp`.
//! [`RslpStemmer::from_rules`] builds a stemmer from rule texts in the same
//! format. The empty word is returned unchanged (NLTK raises `IndexError`).
//!
//! # Example
//! ```
//! use nlkit::stem::{RslpStemmer, Stemmer};
//! // One rule per step file in NLTK's format: "suffix"<TAB>min<TAB>"replacement"<TAB>"exceptions".
//! let plural = "\"ns\"\t1\t\"m\"\t\"\"\n";
//! let empty = "";
//! let st = RslpStemmer::from_rules([plural, empty, empty, empty, empty, empty, empty]).unwrap();
//! assert_eq!(st.stem("bons"), "bom");
//! ```

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::Stemmer;
use crate::data::Resource;
use crate::{Error, Result};

/// The resource name of NLTK's RSLP rules.
pub const RESOURCE: &str = "stemmers/rslp";

#[derive(Debug, Clone)]
struct Rule {
    suffix: Vec<char>,
    min: i64,
    replacement: String,
    exceptions: Vec<String>,
}

/// NLTK's `RSLPStemmer`.
#[derive(Debug, Clone)]
pub struct RslpStemmer {
    steps: Vec<Vec<Rule>>,
}

fn parse_step(text: &str, file: &Path) -> Result<Vec<Rule>> {
    let strip_quotes = |s: &str| -> String {
        let mut cs = s.chars();
        cs.next();
        cs.next_back();
        cs.as_str().to_string()
    };
    let mut rules = Vec::new();
    for (no, line) in text.split('\n').enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.replace("\t\t", "\t");
        let toks: Vec<&str> = line.split('\t').collect();
        if toks.len() < 4 {
            return Err(Error::format(
                file,
                no + 1,
                "expected 4 tab-separated fields",
            ));
        }
        let min: i64 = toks[1].trim().parse().map_err(|_| {
            Error::format(file, no + 1, format!("invalid minimum size `{}`", toks[1]))
        })?;
        rules.push(Rule {
            suffix: strip_quotes(toks[0]).chars().collect(),
            min,
            replacement: strip_quotes(toks[2]),
            exceptions: toks[3].split(',').map(strip_quotes).collect(),
        });
    }
    Ok(rules)
}

impl RslpStemmer {
    /// Loads the rules from NLTK's `stemmers/rslp` in `data_dir` (NLTK's
    /// search path when `None`).
    ///
    /// # Errors
    /// [`Error::MissingResource`] when the package is not installed;
    /// [`Error::Format`] for a malformed rule line.
    pub fn load(data_dir: Option<&Path>) -> Result<Self> {
        let res = Resource::find(RESOURCE, data_dir)?;
        let mut steps = Vec::with_capacity(7);
        for i in 0..7 {
            let name = format!("step{i}.pt");
            let text = res.read_to_string(&name)?;
            let file = res
                .local_path(&name)
                .unwrap_or_else(|| PathBuf::from(format!("{RESOURCE}/{name}")));
            steps.push(parse_step(&text, &file)?);
        }
        Ok(RslpStemmer { steps })
    }

    /// Builds the stemmer from the texts of `step0.pt` … `step6.pt`.
    ///
    /// # Errors
    /// [`Error::Format`] for a malformed rule line.
    pub fn from_rules<S: AsRef<str>>(steps: [S; 7]) -> Result<Self> {
        let steps = steps
            .iter()
            .enumerate()
            .map(|(i, t)| parse_step(t.as_ref(), Path::new(&format!("step{i}.pt"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(RslpStemmer { steps })
    }

    fn apply(&self, word: &mut Vec<char>, step: usize) {
        let Some(rules) = self.steps.get(step) else {
            return;
        };
        for rule in rules {
            let n = rule.suffix.len();
            let matches = if n == 0 {
                word.is_empty()
            } else {
                word.ends_with(&rule.suffix)
            };
            if matches && word.len() as i64 >= n as i64 + rule.min {
                let w: String = word.iter().collect();
                if !rule.exceptions.contains(&w) {
                    word.truncate(word.len() - n);
                    word.extend(rule.replacement.chars());
                    break;
                }
            }
        }
    }

    /// Stems `word` (lowercased first).
    pub fn stem_word(&self, word: &str) -> String {
        let mut w: Vec<char> = super::py_lower(word).chars().collect();
        if w.is_empty() {
            return String::new();
        }
        if w.last() == Some(&'s') {
            self.apply(&mut w, 0);
        }
        if w.last() == Some(&'a') {
            self.apply(&mut w, 1);
        }
        self.apply(&mut w, 3);
        self.apply(&mut w, 2);
        let prev = w.clone();
        self.apply(&mut w, 4);
        if w == prev {
            self.apply(&mut w, 5);
            if w == prev {
                self.apply(&mut w, 6);
            }
        }
        w.into_iter().collect()
    }
}

impl Stemmer for RslpStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Owned(self.stem_word(word))
    }
}
