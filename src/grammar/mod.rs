//! Context-free grammars, as NLTK's `nltk.grammar`: [`Nonterminal`],
//! [`Production`], [`CFG`] and [`PCFG`] read from NLTK's text format
//! ([`CFG::fromstring`], [`PCFG::fromstring`]), [`tree_productions`]
//! (`Tree.productions()`), [`induce_pcfg`], word-to-word
//! [`DependencyGrammar`]s and feature-based [`FeatureGrammar`]s (`.fcfg`).
//!
//! The reader follows `nltk.grammar.read_grammar`: `A -> B 'c' | D` lines,
//! `#` comment lines, trailing `\` continuations, `%start X`, and `[0.5]`
//! probabilities for PCFGs (a missing probability is 0.0, and every
//! left-hand side must sum to 1 within NLTK's `PCFG.EPSILON` = 0.01).
//! Grammar files are decoded as `nltk.data.load` does: UTF-8, else Latin-1.
//!
//! Differences from NLTK: a malformed line gives one [`crate::Error::Format`]
//! naming the line and the 1-based column (of the logical line, after
//! stripping and joining continuations) where reading stopped, followed by
//! NLTK's own message; nonterminal characters use Rust's Unicode
//! alphanumeric class for Python's `\w`, and `[p]` accepts ASCII digits only
//! (Python's `\d` takes any Unicode decimal digit).
//!
//! # Example
//! ```
//! use nlkit::grammar::CFG;
//! let g = CFG::fromstring("S -> NP VP\nNP -> 'I' | 'you'\nVP -> 'run'").unwrap();
//! assert_eq!(g.start().symbol(), "S");
//! assert_eq!(g.productions().len(), 4);
//! assert!(g.check_coverage(&["I", "fly"]).is_err());
//! ```

mod dependency;
mod feature;
mod read;

pub use dependency::{DependencyGrammar, DependencyProduction};
pub use feature::{looks_like_feature_grammar, FeatProduction, FeatSymbol, FeatureGrammar};
pub(crate) use feature::{type_key, TypeKey};

use std::fmt;
use std::path::Path;

use rustc_hash::FxHashMap;

use crate::tree::{Child, Tree};
use crate::util::py_repr;
use crate::{Error, Result};

/// A nonterminal symbol (NLTK's `Nonterminal` with a string symbol).
///
/// # Example
/// ```
/// use nlkit::grammar::Nonterminal;
/// assert_eq!(Nonterminal::new("NP").to_string(), "NP");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nonterminal(String);

impl Nonterminal {
    /// A nonterminal with this symbol.
    pub fn new(symbol: impl Into<String>) -> Self {
        Nonterminal(symbol.into())
    }

    /// The symbol.
    pub fn symbol(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Nonterminal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One right-hand-side symbol: a nonterminal or a terminal (a word).
///
/// # Example
/// ```
/// use nlkit::grammar::{Nonterminal, Symbol};
/// assert!(Symbol::N(Nonterminal::new("NP")).is_nonterminal());
/// assert!(!Symbol::T("dog".into()).is_nonterminal());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Symbol {
    /// A nonterminal.
    N(Nonterminal),
    /// A terminal.
    T(String),
}

impl Symbol {
    /// True for a nonterminal.
    pub fn is_nonterminal(&self) -> bool {
        matches!(self, Symbol::N(_))
    }
}

/// A production `lhs -> rhs` (NLTK's `Production`).
///
/// # Example
/// ```
/// use nlkit::grammar::{Nonterminal, Production, Symbol};
/// let p = Production::new(Nonterminal::new("NP"), vec![Symbol::T("dog".into())]);
/// assert_eq!(p.to_string(), "NP -> 'dog'");
/// assert!(p.is_lexical());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Production {
    lhs: Nonterminal,
    rhs: Vec<Symbol>,
}

impl Production {
    /// A production.
    pub fn new(lhs: Nonterminal, rhs: Vec<Symbol>) -> Self {
        Production { lhs, rhs }
    }

    /// The left-hand side.
    pub fn lhs(&self) -> &Nonterminal {
        &self.lhs
    }

    /// The right-hand side.
    pub fn rhs(&self) -> &[Symbol] {
        &self.rhs
    }

    /// Length of the right-hand side (NLTK's `len(production)`).
    pub fn len(&self) -> usize {
        self.rhs.len()
    }

    /// True for an empty right-hand side.
    pub fn is_empty(&self) -> bool {
        self.rhs.is_empty()
    }

    /// True when the right-hand side has nonterminals only.
    pub fn is_nonlexical(&self) -> bool {
        self.rhs.iter().all(Symbol::is_nonterminal)
    }

    /// True when the right-hand side has a terminal.
    pub fn is_lexical(&self) -> bool {
        !self.is_nonlexical()
    }
}

/// NLTK's `str(production)`: `NP -> Det 'dog'` (terminals as Python reprs).
impl fmt::Display for Production {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> ", self.lhs)?;
        for (k, s) in self.rhs.iter().enumerate() {
            if k > 0 {
                f.write_str(" ")?;
            }
            match s {
                Symbol::N(n) => write!(f, "{n}")?,
                Symbol::T(t) => f.write_str(&py_repr(t))?,
            }
        }
        Ok(())
    }
}

/// A context-free grammar (NLTK's `CFG`).
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// let g = CFG::fromstring("S -> A B\nA -> 'a'\nB -> 'b'").unwrap();
/// assert!(g.is_chomsky_normal_form());
/// ```
#[derive(Debug, Clone)]
pub struct CFG {
    start: Nonterminal,
    productions: Vec<Production>,
    /// 1-based source line of each production (0 when built in code).
    lines: Vec<usize>,
    /// Terminals that occur in some production.
    lexical: rustc_hash::FxHashSet<String>,
}

impl CFG {
    /// A grammar from a start symbol and productions.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there are no productions.
    pub fn new(start: Nonterminal, productions: Vec<Production>) -> Result<Self> {
        let lines = vec![0; productions.len()];
        Self::with_lines(start, productions, lines)
    }

    fn with_lines(
        start: Nonterminal,
        productions: Vec<Production>,
        lines: Vec<usize>,
    ) -> Result<Self> {
        if productions.is_empty() {
            return Err(Error::InvalidInput("No productions found!".into()));
        }
        let lexical = productions
            .iter()
            .flat_map(|p| p.rhs.iter())
            .filter_map(|s| match s {
                Symbol::T(t) => Some(t.clone()),
                Symbol::N(_) => None,
            })
            .collect();
        Ok(CFG {
            start,
            productions,
            lines,
            lexical,
        })
    }

    /// Reads NLTK's grammar text (`CFG.fromstring`).
    ///
    /// # Errors
    /// [`Error::Format`] naming the line and column of the first malformed
    /// line, with NLTK's message; "No productions found!" for a grammar
    /// without productions.
    ///
    /// # Example
    /// ```
    /// use nlkit::grammar::CFG;
    /// let e = CFG::fromstring("S -> NP\nNP 'x'").unwrap_err().to_string();
    /// assert!(e.contains(":2: column 4: Expected an arrow"), "{e}");
    /// ```
    pub fn fromstring(text: &str) -> Result<Self> {
        Self::read(text, Path::new("<grammar>"))
    }

    /// Reads a grammar file, decoded as `nltk.data.load` does (UTF-8, else
    /// Latin-1).
    ///
    /// # Errors
    /// As [`CFG::fromstring`], and the I/O error.
    pub fn from_file(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::read(&read::decode_grammar_bytes(&bytes), path)
    }

    fn read(text: &str, file: &Path) -> Result<Self> {
        let (start, prods) = read::read_grammar(text, false, file)?;
        let lines = prods.iter().map(|p| p.line).collect();
        Self::with_lines(
            start,
            prods.into_iter().map(|p| p.production).collect(),
            lines,
        )
    }

    /// The start symbol.
    pub fn start(&self) -> &Nonterminal {
        &self.start
    }

    /// All productions, in grammar order (duplicates kept, as NLTK).
    pub fn productions(&self) -> &[Production] {
        &self.productions
    }

    /// True when some production has `word` on its right-hand side.
    pub fn covers(&self, word: &str) -> bool {
        self.lexical.contains(word)
    }

    /// NLTK's `check_coverage`: an error naming every token no production
    /// has as a terminal.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's text, e.g.
    /// `Grammar does not cover some of the input words: "'x', 'y'".`
    pub fn check_coverage<S: AsRef<str>>(&self, tokens: &[S]) -> Result<()> {
        let missing: Vec<String> = tokens
            .iter()
            .filter(|t| !self.covers(t.as_ref()))
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

    /// True when every production has a terminal (NLTK's `is_lexical`).
    pub fn is_lexical(&self) -> bool {
        self.productions.iter().all(Production::is_lexical)
    }

    /// NLTK's `is_nonlexical`: productions of length other than 1 have
    /// nonterminals only.
    pub fn is_nonlexical(&self) -> bool {
        self.productions
            .iter()
            .filter(|p| p.len() != 1)
            .all(Production::is_nonlexical)
    }

    /// Shortest right-hand side.
    pub fn min_len(&self) -> usize {
        self.productions
            .iter()
            .map(Production::len)
            .min()
            .unwrap_or(0)
    }

    /// Longest right-hand side.
    pub fn max_len(&self) -> usize {
        self.productions
            .iter()
            .map(Production::len)
            .max()
            .unwrap_or(0)
    }

    /// True when no production is empty.
    pub fn is_nonempty(&self) -> bool {
        self.min_len() > 0
    }

    /// True when every production is at most binary.
    pub fn is_binarised(&self) -> bool {
        self.max_len() <= 2
    }

    /// Productions of the forms `A -> B C`, `A -> B` or `A -> 's'`.
    pub fn is_flexible_chomsky_normal_form(&self) -> bool {
        self.is_nonempty() && self.is_nonlexical() && self.is_binarised()
    }

    /// Productions of the forms `A -> B C` or `A -> 's'` (NLTK's
    /// `is_chomsky_normal_form`).
    pub fn is_chomsky_normal_form(&self) -> bool {
        self.is_flexible_chomsky_normal_form()
            && self
                .productions
                .iter()
                .filter(|p| p.len() == 1)
                .all(Production::is_lexical)
    }

    /// NLTK's left-corner closure: every nonterminal `cat` can start with,
    /// itself included (reflexive, transitive closure of `A -> B ...`).
    ///
    /// # Example
    /// ```
    /// use nlkit::grammar::{CFG, Nonterminal};
    /// let g = CFG::fromstring("S -> NP VP\nNP -> Det N\nDet -> 'a'").unwrap();
    /// let lc = g.leftcorners(&Nonterminal::new("S"));
    /// assert_eq!(lc.len(), 3); // S, NP, Det
    /// ```
    pub fn leftcorners(&self, cat: &Nonterminal) -> Vec<Nonterminal> {
        let mut out = vec![cat.clone()];
        let mut seen: rustc_hash::FxHashSet<&Nonterminal> = [cat].into_iter().collect();
        let mut k = 0;
        while k < out.len() {
            let cur = out[k].clone();
            k += 1;
            for p in &self.productions {
                if p.lhs == cur {
                    if let Some(Symbol::N(n)) = p.rhs.first() {
                        if seen.insert(n) {
                            out.push(n.clone());
                        }
                    }
                }
            }
        }
        out
    }
}

/// A probabilistic context-free grammar (NLTK's `PCFG`): a [`CFG`] with a
/// probability per production.
///
/// # Example
/// ```
/// use nlkit::grammar::PCFG;
/// let g = PCFG::fromstring("S -> 'a' [0.4] | 'b' [0.6]").unwrap();
/// assert_eq!(g.prob(1), 0.6);
/// assert!(PCFG::fromstring("S -> 'a' [0.4]").is_err());
/// ```
#[derive(Debug, Clone)]
pub struct PCFG {
    cfg: CFG,
    probs: Vec<f64>,
}

/// NLTK's `PCFG.EPSILON`: each left-hand side's probabilities must sum to
/// within this of 1.
pub const PCFG_EPSILON: f64 = 0.01;

impl PCFG {
    /// A PCFG from productions and their probabilities.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] "Productions for X do not sum to 1" as NLTK,
    /// or for mismatched lengths / no productions.
    pub fn new(start: Nonterminal, productions: Vec<(Production, f64)>) -> Result<Self> {
        let (prods, probs): (Vec<_>, Vec<_>) = productions.into_iter().unzip();
        let cfg = CFG::new(start, prods)?;
        Self::checked(cfg, probs, None)
    }

    fn checked(cfg: CFG, probs: Vec<f64>, file: Option<&Path>) -> Result<Self> {
        // Sums in production order, per left-hand side in first-seen order.
        let mut order: Vec<&Nonterminal> = Vec::new();
        let mut sums: FxHashMap<&Nonterminal, (f64, usize)> = FxHashMap::default();
        for (k, (p, pr)) in cfg.productions.iter().zip(&probs).enumerate() {
            let e = sums.entry(&p.lhs).or_insert_with(|| {
                order.push(&p.lhs);
                (0.0, cfg.lines.get(k).copied().unwrap_or(0))
            });
            e.0 += pr;
        }
        for lhs in order {
            let (p, line) = sums[lhs];
            if !((1.0 - PCFG_EPSILON) < p && p < (1.0 + PCFG_EPSILON)) {
                let msg = format!("Productions for {lhs} do not sum to 1");
                return Err(match file {
                    Some(f) => Error::format(f, line, msg),
                    None => Error::InvalidInput(msg),
                });
            }
        }
        Ok(PCFG { cfg, probs })
    }

    /// Reads NLTK's PCFG text (`PCFG.fromstring`).
    ///
    /// # Errors
    /// As [`CFG::fromstring`], plus NLTK's probability errors (greater than
    /// 1, not a number, left-hand side not summing to 1).
    pub fn fromstring(text: &str) -> Result<Self> {
        Self::read(text, Path::new("<grammar>"))
    }

    /// Reads a PCFG file, decoded as `nltk.data.load` does.
    ///
    /// # Errors
    /// As [`PCFG::fromstring`], and the I/O error.
    pub fn from_file(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::read(&read::decode_grammar_bytes(&bytes), path)
    }

    fn read(text: &str, file: &Path) -> Result<Self> {
        let (start, prods) = read::read_grammar(text, true, file)?;
        let lines = prods.iter().map(|p| p.line).collect();
        let probs = prods.iter().map(|p| p.prob).collect();
        let cfg = CFG::with_lines(
            start,
            prods.into_iter().map(|p| p.production).collect(),
            lines,
        )?;
        Self::checked(cfg, probs, Some(file))
    }

    /// The underlying grammar.
    pub fn cfg(&self) -> &CFG {
        &self.cfg
    }

    /// The start symbol.
    pub fn start(&self) -> &Nonterminal {
        self.cfg.start()
    }

    /// The productions.
    pub fn productions(&self) -> &[Production] {
        self.cfg.productions()
    }

    /// Probability of production `i` (0.0 past the end).
    pub fn prob(&self, i: usize) -> f64 {
        self.probs.get(i).copied().unwrap_or(0.0)
    }

    /// Production `i` as NLTK prints a `ProbabilisticProduction`
    /// (`A -> B [0.5]`, `%g` formatting, `[1.0]` for one).
    pub fn production_string(&self, i: usize) -> String {
        match self.cfg.productions.get(i) {
            Some(p) => {
                let pr = self.prob(i);
                if pr == 1.0 {
                    format!("{p} [1.0]")
                } else {
                    format!("{p} [{}]", fmt_g(pr))
                }
            }
            None => String::new(),
        }
    }
}

/// NLTK's `Tree.productions()`: one production per tree node, preorder,
/// subtrees as nonterminals and leaves as terminals.
///
/// # Example
/// ```
/// use nlkit::grammar::tree_productions;
/// use nlkit::tree::Tree;
/// let t = Tree::fromstring("(S (NP I) (VP (V saw) (NP it)))").unwrap();
/// let ps: Vec<String> = tree_productions(&t).iter().map(|p| p.to_string()).collect();
/// assert_eq!(ps, ["S -> NP VP", "NP -> 'I'", "VP -> V NP", "V -> 'saw'", "NP -> 'it'"]);
/// ```
pub fn tree_productions(tree: &Tree) -> Vec<Production> {
    let mut out = Vec::new();
    let mut stack = vec![tree];
    while let Some(t) = stack.pop() {
        let rhs = t
            .children()
            .iter()
            .map(|c| match c {
                Child::Tree(s) => Symbol::N(Nonterminal::new(s.label())),
                Child::Leaf(w) => Symbol::T(w.clone()),
            })
            .collect();
        out.push(Production::new(Nonterminal::new(t.label()), rhs));
        for c in t.children().iter().rev() {
            if let Child::Tree(s) = c {
                stack.push(s);
            }
        }
    }
    out
}

/// NLTK's `induce_pcfg(start, productions)`: each distinct production (in
/// first-seen order) with probability count / count of its left-hand side.
///
/// # Errors
/// As [`PCFG::new`] (no productions).
///
/// # Example
/// ```
/// use nlkit::grammar::{induce_pcfg, tree_productions, Nonterminal};
/// use nlkit::tree::Tree;
/// let t = Tree::fromstring("(S (NP a) (NP b))").unwrap();
/// let g = induce_pcfg(Nonterminal::new("S"), &tree_productions(&t)).unwrap();
/// assert_eq!(g.production_string(1), "NP -> 'a' [0.5]");
/// ```
pub fn induce_pcfg(start: Nonterminal, productions: &[Production]) -> Result<PCFG> {
    let mut lcount: FxHashMap<&Nonterminal, usize> = FxHashMap::default();
    let mut pcount: FxHashMap<&Production, usize> = FxHashMap::default();
    let mut order = Vec::new();
    for p in productions {
        *lcount.entry(&p.lhs).or_insert(0) += 1;
        let c = pcount.entry(p).or_insert(0);
        if *c == 0 {
            order.push(p);
        }
        *c += 1;
    }
    let prods = order
        .into_iter()
        .map(|p| {
            let pr = pcount[p] as f64 / lcount[&p.lhs] as f64;
            (p.clone(), pr)
        })
        .collect();
    PCFG::new(start, prods)
}

/// C's `%g` (six significant digits, trailing zeros dropped).
pub(crate) fn fmt_g(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let sci = format!("{v:.5e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", strip(mant), exp.abs())
    } else {
        let decimals = (5 - exp).max(0) as usize;
        strip(&format!("{v:.decimals$}"))
    }
}

/// Python's `repr()` of a float (shortest round-trip digits; exponent
/// form below 1e-4 and from 1e16).
pub fn py_float_repr(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "nan".into()
        } else if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{:e}", v.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let sign = if v < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let body = if exp < 0 {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                format!("{digits}{}.0", "0".repeat(point - digits.len()))
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        };
        format!("{sign}{body}")
    } else {
        let e_sign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{e_sign}{:02}", exp.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_like_python() {
        assert_eq!(py_repr("dog"), "'dog'");
        assert_eq!(py_repr("'a', 'b'"), "\"'a', 'b'\"");
        assert_eq!(py_repr("a'\""), "'a\\'\"'");
        assert_eq!(fmt_g(0.5), "0.5");
        for (v, r) in [
            (1.240029e-7, "1.240029e-07"),
            (0.0001, "0.0001"),
            (123.0, "123.0"),
            (0.5, "0.5"),
            (1e16, "1e+16"),
            (1.5e300, "1.5e+300"),
            (12345.678, "12345.678"),
        ] {
            assert_eq!(py_float_repr(v), r);
        }
        assert_eq!(fmt_g(1e-7), "1e-07");
        assert_eq!(fmt_g(0.333333333), "0.333333");
        assert_eq!(fmt_g(1234567.0), "1.23457e+06");
    }

    #[test]
    fn reader_cases() {
        let g = CFG::fromstring("# c\n%start B\nA -> 'x y' B |\nB -> \\\n  A 'z'\n").unwrap();
        assert_eq!(g.start().symbol(), "B");
        let ps: Vec<String> = g.productions().iter().map(|p| p.to_string()).collect();
        assert_eq!(ps, ["A -> 'x y' B", "A -> ", "B -> A 'z'"]);
        assert_eq!(g.lines, [3, 3, 5]);
        let e = CFG::fromstring("A -> [0.5]").unwrap_err().to_string();
        assert!(
            e.contains("column 6: Expected a nonterminal, found: [0.5]"),
            "{e}"
        );
        let e = PCFG::fromstring("A -> 'a' [1.5]").unwrap_err().to_string();
        assert!(e.contains("Production probability 1.500000, should not be greater than 1.0"));
        let e = CFG::fromstring("%start").unwrap_err().to_string();
        assert!(
            e.contains("not enough values to unpack (expected 2, got 1)"),
            "{e}"
        );
        assert!(CFG::fromstring("# only\n\n").is_err());
        let e = PCFG::fromstring("A -> 'a' [0.5]\nB -> 'b' [1]\nA -> 'c'").unwrap_err();
        assert!(
            e.to_string()
                .contains(":1: Productions for A do not sum to 1"),
            "{e}"
        );
    }
}
