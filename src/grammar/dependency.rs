//! NLTK's `DependencyGrammar`: word-to-word head → modifier productions,
//! read from NLTK's text format (`'shot' -> 'I' | 'elephant' | 'in'`).
//!
//! Lines are read as NLTK 3.10.4 reads them: blank lines and lines
//! starting with `#` are skipped; a production line is a single-quoted
//! head, an arrow (`->`, `-->`, `==>`: one to eight `-`/`=` then `>`),
//! and quoted modifiers separated by `|`; a quoted token holds 1 to 512
//! characters, and quotes are stripped from both of its ends. Errors carry
//! NLTK's text, naming the 0-based line number as NLTK does.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;

use crate::{Error, Result};

/// One dependency production: a head word and the modifiers it may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencyProduction {
    /// The head word.
    pub lhs: String,
    /// The modifier words of this alternative.
    pub rhs: Vec<String>,
}

impl std::fmt::Display for DependencyProduction {
    /// NLTK's `str`: `'shot' -> 'I' 'elephant'`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "'{}' ->", self.lhs)?;
        for m in &self.rhs {
            write!(f, " '{m}'")?;
        }
        Ok(())
    }
}

/// NLTK's `DependencyGrammar`.
///
/// # Example
/// ```
/// use nlkit::grammar::DependencyGrammar;
/// let g = DependencyGrammar::fromstring("'shot' -> 'I' | 'elephant' | 'in'\n'elephant' -> 'an'").unwrap();
/// assert!(g.contains("shot", "elephant"));
/// assert!(!g.contains("elephant", "shot"));
/// assert_eq!(g.productions().len(), 4);
/// assert_eq!(g.to_string().lines().next().unwrap(), "Dependency grammar with 4 productions");
/// assert!(DependencyGrammar::fromstring("shot -> I").is_err());
/// ```
#[derive(Debug, Clone)]
pub struct DependencyGrammar {
    productions: Vec<DependencyProduction>,
    /// Modifiers each head may take.
    arcs: HashMap<String, HashSet<String>>,
}

fn line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"^\s*('[^']{1,512}')\s*(?:[-=]{1,8}>)\s*(?:("[^"]{1,512}"|'[^']{1,512}'|\|)\s*)*$"#,
        )
        .unwrap_or_else(|e| unreachable!("fixed pattern: {e}"))
    })
}

fn split_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"'[^']'|[-=]{1,8}>|"[^"]{1,512}"|'[^']{1,512}'|\|"#)
            .unwrap_or_else(|e| unreachable!("fixed pattern: {e}"))
    })
}

/// Python's `str.strip("'\"")`.
fn strip_quotes(s: &str) -> &str {
    s.trim_matches(|c| c == '\'' || c == '"')
}

/// The first 40 characters of `s` as Python's `repr` writes them.
fn head_repr(s: &str) -> String {
    let head: String = s.chars().take(40).collect();
    crate::util::py_repr(&head)
}

/// One production line: its productions, or NLTK's message.
fn read_line(s: &str) -> std::result::Result<Vec<DependencyProduction>, String> {
    if !line_re().is_match(s) {
        return Err(format!(
            "Bad production string (a quoted token is limited to 512 chars and an arrow to 8): {}...",
            head_repr(s)
        ));
    }
    let mut pieces: Vec<&str> = Vec::new();
    let mut last = 0;
    for m in split_re().find_iter(s) {
        if !s[last..m.start()]
            .trim_matches(crate::tokenize::is_py_whitespace)
            .is_empty()
        {
            return Err(uncaptured(s));
        }
        pieces.push(m.as_str());
        last = m.end();
    }
    if !s[last..]
        .trim_matches(crate::tokenize::is_py_whitespace)
        .is_empty()
        || pieces.len() < 2
    {
        return Err(uncaptured(s));
    }
    let lhs = strip_quotes(pieces[0]).to_string();
    let mut alternatives: Vec<Vec<String>> = vec![Vec::new()];
    for p in &pieces[2..] {
        if *p == "|" {
            alternatives.push(Vec::new());
        } else if let Some(alt) = alternatives.last_mut() {
            alt.push(strip_quotes(p).to_string());
        }
    }
    Ok(alternatives
        .into_iter()
        .map(|rhs| DependencyProduction {
            lhs: lhs.clone(),
            rhs,
        })
        .collect())
}

fn uncaptured(s: &str) -> String {
    format!(
        "Bad production string: a token the splitter cannot capture (over 512 chars, or an arrow over 8): {}...",
        head_repr(s)
    )
}

impl DependencyGrammar {
    /// A grammar of these productions.
    pub fn new(productions: Vec<DependencyProduction>) -> Self {
        let mut arcs: HashMap<String, HashSet<String>> = HashMap::new();
        for p in &productions {
            arcs.entry(p.lhs.clone())
                .or_default()
                .extend(p.rhs.iter().cloned());
        }
        DependencyGrammar { productions, arcs }
    }

    /// Reads NLTK's dependency grammar text.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's text (`Unable to parse line N:
    /// LINE` and the reason, N counted from 0 as NLTK does) for a malformed
    /// line, or `No productions found!`.
    pub fn fromstring(text: &str) -> Result<Self> {
        let mut productions = Vec::new();
        // Python's str.split("\n") then str.strip(): \r and other
        // whitespace at either end of a line go
        for (n, line) in text.split('\n').enumerate() {
            let line = line.trim_matches(crate::tokenize::is_py_whitespace);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match read_line(line) {
                Ok(ps) => productions.extend(ps),
                Err(e) => {
                    return Err(Error::InvalidInput(format!(
                        "Unable to parse line {n}: {line}\n{e}"
                    )))
                }
            }
        }
        if productions.is_empty() {
            return Err(Error::InvalidInput("No productions found!".into()));
        }
        Ok(DependencyGrammar::new(productions))
    }

    /// Reads a dependency grammar file (UTF-8, or Latin-1 as NLTK's loader
    /// falls back to).
    ///
    /// # Errors
    /// [`Error::Io`] naming the file; a malformed grammar as
    /// [`DependencyGrammar::fromstring`], with the file name in front.
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
        };
        DependencyGrammar::fromstring(&text).map_err(|e| match e {
            Error::InvalidInput(m) => Error::InvalidInput(format!("{}: {m}", path.display())),
            e => e,
        })
    }

    /// The productions, in the order read.
    pub fn productions(&self) -> &[DependencyProduction] {
        &self.productions
    }

    /// Whether some production lets `head` take `modifier` (NLTK's
    /// `contains`).
    pub fn contains(&self, head: &str, modifier: &str) -> bool {
        self.arcs.get(head).is_some_and(|m| m.contains(modifier))
    }
}

impl std::fmt::Display for DependencyGrammar {
    /// NLTK's `str`: a count line, then each production indented.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Dependency grammar with {} productions",
            self.productions.len()
        )?;
        for p in &self.productions {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}
