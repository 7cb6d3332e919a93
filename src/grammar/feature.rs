//! Feature-based grammars, as NLTK's `nltk.grammar.FeatureGrammar`.
//!
//! A [`FeatureGrammar`] is a context-free grammar whose nonterminals are
//! feature structures ([`crate::featstruct::FeatStruct`] dictionaries whose
//! category is the special `*type*` feature, NLTK's `FeatStructNonterminal`):
//! `NP[NUM=?n] -> Det[NUM=?n] N[NUM=?n]`. [`FeatureGrammar::fromstring`]
//! reads NLTK's `.fcfg` text as `FeatureGrammar.fromstring` does: NLTK's
//! `read_grammar` line handling (`#` comments, `\` continuations, `% start`,
//! `|` alternatives, quoted terminals) with NLTK's feature-structure reader
//! for every nonterminal (`NP`, `NP[NUM=?n]`, `S[-INV]/NP`,
//! `SEM=<\x.dog(x)>` logic values). Productions are indexed by the category
//! (`*type*`) of their left-hand side and of their first right-hand-side
//! symbol, as NLTK's `_calculate_indexes` does.
//!
//! Differences from NLTK: a malformed line gives one [`Error::Format`]
//! naming the line and 1-based column followed by NLTK's message; a
//! nonterminal that reads as a feature list (`[1, 2]`), which NLTK rejects
//! with a hashing `TypeError`, is a format error too.

use std::fmt;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::featstruct::{FeatStruct, FeatValue, TYPE};
use crate::tokenize::is_py_whitespace;
use crate::util::py_repr;
use crate::{Error, Result};

/// One right-hand-side symbol of a [`FeatProduction`].
///
/// # Example
/// ```
/// use nlkit::grammar::{FeatSymbol, FeatureGrammar};
/// let g = FeatureGrammar::fromstring("S -> NP 'runs'\nNP -> 'Kim'").unwrap();
/// assert!(matches!(g.productions()[0].rhs()[1], FeatSymbol::T(ref w) if w == "runs"));
/// ```
#[derive(Debug, Clone)]
pub enum FeatSymbol {
    /// A feature-structure nonterminal.
    N(FeatStruct),
    /// A terminal (word).
    T(String),
}

impl FeatSymbol {
    /// The index key NLTK's `_get_type_if_possible` gives the symbol.
    pub(crate) fn type_key(&self) -> TypeKey {
        match self {
            FeatSymbol::N(fs) => type_key(fs),
            FeatSymbol::T(w) => TypeKey::Str(w.clone()),
        }
    }
}

/// NLTK's `_get_type_if_possible`: the `*type*` value of a nonterminal (a
/// string or a variable), or the terminal itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TypeKey {
    /// A string category (or a terminal).
    Str(String),
    /// A variable category (`?x`).
    Var(String),
    /// A nonterminal without a string or variable category: its `repr()`.
    Other(String),
}

/// The category key of a nonterminal.
pub(crate) fn type_key(fs: &FeatStruct) -> TypeKey {
    match fs.get(&[TYPE]) {
        Some(FeatValue::Str(s)) => TypeKey::Str(s),
        Some(FeatValue::Var(v)) => TypeKey::Var(v),
        _ => TypeKey::Other(fs.repr()),
    }
}

/// A production of a [`FeatureGrammar`].
///
/// # Example
/// ```
/// use nlkit::grammar::FeatureGrammar;
/// let g = FeatureGrammar::fromstring("S -> NP[NUM=?n] VP[NUM=?n]\nNP -> 'x'\nVP -> 'y'").unwrap();
/// assert_eq!(g.productions()[0].to_string(), "S[] -> NP[NUM=?n] VP[NUM=?n]");
/// ```
#[derive(Debug, Clone)]
pub struct FeatProduction {
    lhs: FeatStruct,
    rhs: Vec<FeatSymbol>,
}

impl FeatProduction {
    /// A production `lhs -> rhs`.
    pub fn new(lhs: FeatStruct, rhs: Vec<FeatSymbol>) -> Self {
        FeatProduction { lhs, rhs }
    }

    /// The left-hand side.
    pub fn lhs(&self) -> &FeatStruct {
        &self.lhs
    }

    /// The right-hand side.
    pub fn rhs(&self) -> &[FeatSymbol] {
        &self.rhs
    }
}

/// NLTK's `str(production)`: `repr` of each symbol.
impl fmt::Display for FeatProduction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rhs: Vec<String> = self
            .rhs
            .iter()
            .map(|s| match s {
                FeatSymbol::N(fs) => fs.repr(),
                FeatSymbol::T(w) => py_repr(w),
            })
            .collect();
        write!(f, "{} -> {}", self.lhs.repr(), rhs.join(" "))
    }
}

/// A feature-based grammar: NLTK's `FeatureGrammar`.
///
/// # Example
/// ```
/// use nlkit::grammar::FeatureGrammar;
/// let g = FeatureGrammar::fromstring(
///     "% start S\nS -> NP[NUM=?n] VP[NUM=?n]\nNP[NUM=sg] -> 'Kim'\nVP[NUM=sg] -> 'walks'",
/// ).unwrap();
/// assert_eq!(g.start().repr(), "S[]");
/// assert_eq!(g.productions().len(), 3);
/// assert!(g.check_coverage(&["Kim", "runs"]).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct FeatureGrammar {
    start: FeatStruct,
    productions: Vec<FeatProduction>,
    lhs_index: FxHashMap<TypeKey, Vec<usize>>,
    rhs_index: FxHashMap<TypeKey, Vec<usize>>,
    empty: Vec<usize>,
    lexical: FxHashSet<String>,
}

impl FeatureGrammar {
    /// A grammar from its start symbol and productions.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// use nlkit::grammar::{FeatProduction, FeatSymbol, FeatureGrammar};
    /// let s = FeatStruct::fromstring("S").unwrap();
    /// let p = FeatProduction::new(s.clone(), vec![FeatSymbol::T("hi".into())]);
    /// assert_eq!(FeatureGrammar::new(s, vec![p]).productions().len(), 1);
    /// ```
    pub fn new(start: FeatStruct, productions: Vec<FeatProduction>) -> Self {
        let mut lhs_index: FxHashMap<TypeKey, Vec<usize>> = FxHashMap::default();
        let mut rhs_index: FxHashMap<TypeKey, Vec<usize>> = FxHashMap::default();
        let mut empty = Vec::new();
        let mut lexical = FxHashSet::default();
        for (i, p) in productions.iter().enumerate() {
            lhs_index.entry(type_key(&p.lhs)).or_default().push(i);
            match p.rhs.first() {
                Some(first) => rhs_index.entry(first.type_key()).or_default().push(i),
                None => empty.push(i),
            }
            for s in &p.rhs {
                if let FeatSymbol::T(w) = s {
                    lexical.insert(w.clone());
                }
            }
        }
        FeatureGrammar {
            start,
            productions,
            lhs_index,
            rhs_index,
            empty,
            lexical,
        }
    }

    /// Reads NLTK's `.fcfg` text (`FeatureGrammar.fromstring`).
    ///
    /// # Errors
    /// [`Error::Format`] naming the line and column, with NLTK's message.
    ///
    /// # Example
    /// ```
    /// use nlkit::grammar::FeatureGrammar;
    /// let e = FeatureGrammar::fromstring("S -> NP[NUM=?n\nNP -> 'a'").unwrap_err().to_string();
    /// assert!(e.contains(":1: column 15:"), "{e}");
    /// ```
    pub fn fromstring(text: &str) -> Result<Self> {
        Self::read(text, Path::new("<grammar>"))
    }

    /// Reads a `.fcfg` file, decoded as `nltk.data.load` does.
    ///
    /// # Errors
    /// As [`FeatureGrammar::fromstring`], and the I/O error.
    pub fn from_file(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::read(&super::read::decode_grammar_bytes(&bytes), path)
    }

    fn read(text: &str, file: &Path) -> Result<Self> {
        let (start, productions) = read_feature_grammar(text, file)?;
        Ok(Self::new(start, productions))
    }

    /// The start symbol (`S[]` for `% start S`; else the first production's
    /// left-hand side).
    pub fn start(&self) -> &FeatStruct {
        &self.start
    }

    /// All productions, in grammar order.
    pub fn productions(&self) -> &[FeatProduction] {
        &self.productions
    }

    /// Productions whose left-hand side has category `key`.
    pub(crate) fn by_lhs(&self, key: &TypeKey) -> &[usize] {
        self.lhs_index.get(key).map_or(&[], Vec::as_slice)
    }

    /// Productions whose first right-hand-side symbol has category `key`.
    pub(crate) fn by_rhs(&self, key: &TypeKey) -> &[usize] {
        self.rhs_index.get(key).map_or(&[], Vec::as_slice)
    }

    /// Productions with an empty right-hand side.
    pub(crate) fn empty_productions(&self) -> &[usize] {
        &self.empty
    }

    /// NLTK's `check_coverage`: an error naming every token no production
    /// has as a terminal.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's text.
    pub fn check_coverage<S: AsRef<str>>(&self, tokens: &[S]) -> Result<()> {
        let missing: Vec<String> = tokens
            .iter()
            .filter(|t| !self.lexical.contains(t.as_ref()))
            .map(|t| py_repr(t.as_ref()))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::InvalidInput(format!(
            "Grammar does not cover some of the input words: {}.",
            py_repr(&missing.join(", "))
        )))
    }
}

/// NLTK's `str(grammar)`.
impl fmt::Display for FeatureGrammar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Grammar with {} productions (start state = {})",
            self.productions.len(),
            self.start.repr()
        )?;
        for p in &self.productions {
            write!(f, "\n    {p}")?;
        }
        Ok(())
    }
}

/// True when `text` looks like a feature grammar: a production line with
/// a nonterminal that carries features (`NP[`, `S[-INV]`), which neither a
/// CFG nor a PCFG (`[0.5]` after a space) has.
///
/// # Example
/// ```
/// use nlkit::grammar::looks_like_feature_grammar;
/// assert!(looks_like_feature_grammar("% start S\nS -> NP[NUM=?n] VP"));
/// assert!(!looks_like_feature_grammar("%start S\nS -> NP VP\nNP -> 'a' [1.0]"));
/// ```
pub fn looks_like_feature_grammar(text: &str) -> bool {
    text.lines().map(str::trim).any(|l| {
        !l.starts_with('#')
            && !l.starts_with('%')
            && l.contains("->")
            && l.chars()
                .zip(l.chars().skip(1))
                .any(|(a, b)| b == '[' && (a.is_alphanumeric() || a == '_'))
    })
}

/// A syntax error: 0-based character column and message.
type LineError = (usize, String);

fn skip_ws(line: &str, mut pos: usize) -> usize {
    while let Some(c) = line.get(pos..).and_then(|r| r.chars().next()) {
        if !is_py_whitespace(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

fn col(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(0, |p| p.chars().count())
}

/// A nonterminal at `pos`: NLTK's `fstruct_reader.read_partial`.
fn nonterminal(line: &str, pos: usize) -> std::result::Result<(FeatStruct, usize), LineError> {
    let (fs, end) = crate::featstruct::read_partial(line, pos)?;
    if !fs.is_dict() {
        return Err((
            col(line, pos),
            "a nonterminal must be a feature dictionary, not a feature list".into(),
        ));
    }
    Ok((fs, end))
}

fn read_production(line: &str) -> std::result::Result<Vec<FeatProduction>, LineError> {
    let (lhs, pos) = nonterminal(line, 0)?;
    let p = skip_ws(line, pos);
    if !line.get(p..).is_some_and(|r| r.starts_with("->")) {
        return Err((col(line, pos), "Expected an arrow".into()));
    }
    let mut pos = skip_ws(line, p + 2);
    let mut rhss: Vec<Vec<FeatSymbol>> = vec![Vec::new()];
    while pos < line.len() {
        let rest = &line[pos..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\'' || c == '"' {
            let Some(close) = rest[1..].find(c) else {
                return Err((col(line, pos), "Unterminated string".into()));
            };
            let term = rest[1..1 + close].to_string();
            if let Some(r) = rhss.last_mut() {
                r.push(FeatSymbol::T(term));
            }
            pos = skip_ws(line, pos + close + 2);
        } else if c == '|' {
            rhss.push(Vec::new());
            pos = skip_ws(line, pos + 1);
        } else {
            let (nt, end) = nonterminal(line, pos)?;
            if end <= pos {
                return Err((col(line, pos), "Expected a nonterminal".into()));
            }
            if let Some(r) = rhss.last_mut() {
                r.push(FeatSymbol::N(nt));
            }
            pos = end;
        }
    }
    Ok(rhss
        .into_iter()
        .map(|rhs| FeatProduction::new(lhs.clone(), rhs))
        .collect())
}

/// `%directive args`: the new start symbol.
fn directive(line: &str) -> std::result::Result<FeatStruct, LineError> {
    let rest = &line[1..];
    let a = skip_ws(rest, 0);
    let b = rest[a..]
        .find(is_py_whitespace)
        .map_or(rest.len(), |i| a + i);
    let c = skip_ws(rest, b);
    let got = usize::from(a < rest.len()) + usize::from(c < rest.len());
    if got < 2 {
        return Err((
            1 + col(rest, c),
            format!("not enough values to unpack (expected 2, got {got})"),
        ));
    }
    if &rest[a..b] != "start" {
        return Err((1 + col(rest, a), "Bad directive".into()));
    }
    let args = &rest[c..];
    let (nt, pos) = nonterminal(args, 0).map_err(|(k, m)| (1 + col(rest, c) + k, m))?;
    if pos != args.len() {
        return Err((
            1 + col(rest, c) + col(args, pos),
            "Bad argument to start directive".into(),
        ));
    }
    Ok(nt)
}

/// NLTK's `read_grammar` with the feature-structure nonterminal reader.
fn read_feature_grammar(text: &str, file: &Path) -> Result<(FeatStruct, Vec<FeatProduction>)> {
    let mut start = None;
    let mut productions = Vec::new();
    let mut cont = String::new();
    for (linenum, raw) in text.split('\n').enumerate() {
        let line = format!("{cont}{}", raw.trim_matches(is_py_whitespace));
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(stripped) = line.strip_suffix('\\') {
            cont = format!("{} ", stripped.trim_end_matches(is_py_whitespace));
            continue;
        }
        cont.clear();
        let result = if line.starts_with('%') {
            directive(&line).map(|nt| start = Some(nt))
        } else {
            read_production(&line).map(|ps| productions.extend(ps))
        };
        if let Err((column, message)) = result {
            // NLTK's feature-structure message draws the line with a caret;
            // the column says where, so keep one line: what was expected.
            let message = match message.rsplit_once("^ ") {
                Some((_, expected)) if message.contains('\n') => {
                    format!("Error parsing feature structure: {expected}")
                }
                _ => message.replace('\n', " "),
            };
            return Err(Error::format(
                file,
                linenum + 1,
                format!(
                    "column {}: {message} (Unable to parse line {}: {line})",
                    column + 1,
                    linenum + 1
                ),
            ));
        }
    }
    let Some(first) = productions.first() else {
        return Err(Error::format(file, 0, "No productions found!"));
    };
    let start = start.unwrap_or_else(|| first.lhs().clone());
    Ok((start, productions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nltk_syntax() {
        let g = FeatureGrammar::fromstring(
            "% start S\n# comment\nS -> NP[NUM=?n] VP[NUM=?n] | 'x'\nVP[TENSE=?t, NUM=?n] -> \\\n  IV[TENSE=?t, NUM=?n]\nNP[SEM=<\\x.dog(x)>]/NP -> \"dog\"",
        )
        .unwrap();
        let got: Vec<String> = g.productions().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "S[] -> NP[NUM=?n] VP[NUM=?n]",
                "S[] -> 'x'",
                "VP[NUM=?n, TENSE=?t] -> IV[NUM=?n, TENSE=?t]",
                "NP[SEM=<\\x.dog(x)>]/NP[] -> 'dog'",
            ]
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        for (text, want) in [
            ("S -> 'a\n", ":1: column 6: Unterminated string"),
            ("S NP\n", ":1: column 3: Expected an arrow"),
            ("% begin S\nS -> 'a'", ":1: column 3: Bad directive"),
            ("%start\nS -> 'a'", "not enough values"),
            ("# only a comment", "No productions found!"),
            ("S -> [1, 2]", "feature list"),
            ("S -> NP[A=]", "Expected value"),
        ] {
            let e = FeatureGrammar::fromstring(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }
}
