//! NLTK's `ShiftReduceParser`: shift a word, then reduce greedily with the
//! first production (in grammar order) whose right-hand side matches the
//! top of the stack, until none does; repeat until the words run out. It
//! finds at most one parse and can miss parses that exist (no
//! backtracking), exactly as NLTK.
//!
//! Empty productions never apply (as in NLTK, where `stack[-0:]` is the
//! whole stack). Where NLTK loops on a unary cycle until its time limit,
//! nlkit detects the cycle (a label coming back on top of the stack during
//! a run of unary reductions) and returns an error.

use crate::grammar::{Symbol, CFG};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// NLTK's `ShiftReduceParser`.
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// use nlkit::parse::ShiftReduceParser;
/// let g = CFG::fromstring("S -> NP V\nNP -> 'I'\nV -> 'run'").unwrap();
/// let t = ShiftReduceParser::new(&g).parse(&["I", "run"]).unwrap().unwrap();
/// assert_eq!(t.to_string(), "(S (NP I) (V run))");
/// ```
#[derive(Debug, Clone)]
pub struct ShiftReduceParser {
    grammar: CFG,
}

fn matches(rhs: &[Symbol], top: &[Child]) -> bool {
    rhs.len() == top.len()
        && rhs.iter().zip(top).all(|(s, c)| match (s, c) {
            (Symbol::N(n), Child::Tree(t)) => t.label() == n.symbol(),
            (Symbol::T(w), Child::Leaf(l)) => w == l,
            _ => false,
        })
}

impl ShiftReduceParser {
    /// A parser for `grammar`.
    pub fn new(grammar: &CFG) -> Self {
        ShiftReduceParser {
            grammar: grammar.clone(),
        }
    }

    /// The parse NLTK's greedy procedure finds, if any.
    ///
    /// # Errors
    /// NLTK's `check_coverage` error; an error on a unary cycle.
    pub fn parse<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Option<Tree>> {
        self.grammar.check_coverage(tokens)?;
        let mut stack: Vec<Child> = Vec::new();
        for tok in tokens {
            stack.push(Child::Leaf(tok.as_ref().to_string()));
            let mut unary_tops: Vec<String> = Vec::new();
            'reduce: loop {
                for p in self.grammar.productions() {
                    let k = p.len();
                    if k == 0 || k > stack.len() {
                        continue;
                    }
                    if matches(p.rhs(), &stack[stack.len() - k..]) {
                        let children = stack.split_off(stack.len() - k);
                        let label = p.lhs().symbol();
                        if k == 1 {
                            if unary_tops.iter().any(|l| l == label) {
                                return Err(Error::InvalidInput(format!(
                                    "ShiftReduceParser: unary cycle through {label} (NLTK loops until its time limit)"
                                )));
                            }
                            unary_tops.push(label.to_string());
                        } else {
                            unary_tops.clear();
                        }
                        stack.push(Child::Tree(Tree::new(label, children)));
                        continue 'reduce;
                    }
                }
                break;
            }
        }
        if stack.len() == 1 {
            if let Some(Child::Tree(t)) = stack.pop() {
                if t.label() == self.grammar.start().symbol() {
                    return Ok(Some(t));
                }
            }
        }
        Ok(None)
    }
}
