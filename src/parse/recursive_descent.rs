//! NLTK's `RecursiveDescentParser`: top-down, left to right, with
//! backtracking. The leftmost nonterminal of the frontier is expanded with
//! each of its productions in grammar order, a terminal at the front must
//! match the next word, and a parse is complete when the frontier and the
//! words run out together. Parses come in NLTK's order: the depth-first
//! order of those choices.
//!
//! nlkit searches with an explicit stack of partial derivations, never
//! recursing on the call stack, and differs from NLTK on grammars NLTK
//! cannot parse with this algorithm:
//! - **left recursion** (`NP -> NP PP`): NLTK recurses until Python's
//!   recursion limit (`RecursionError`); nlkit drops every partial parse
//!   whose frontier needs more words than remain (each symbol's shortest
//!   yield is known from the grammar) and so returns every parse, in the
//!   order NLTK's search would visit them. Pruning never changes which
//!   parses come or their order, only skips dead ends.
//! - **cycles that read no word** (`A -> A` or `A -> A B` with `B` able to
//!   derive nothing): infinitely many derivations, on which NLTK loops too;
//!   nlkit returns the parses found before reaching the cycle, then an
//!   error naming the nonterminal.

use std::collections::HashMap;

use crate::grammar::{Symbol, CFG};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// A grammar symbol by index: nonterminals `< n_nonterminals`, terminals
/// after them.
type Sym = u32;

/// NLTK's `RecursiveDescentParser`.
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// use nlkit::parse::RecursiveDescentParser;
/// let g = CFG::fromstring(
///     "S -> NP VP\nNP -> 'I' | Det N | Det N PP\nVP -> V NP | V NP PP\nPP -> P NP\n\
///      Det -> 'a' | 'the'\nN -> 'man' | 'park'\nV -> 'saw'\nP -> 'in'",
/// ).unwrap();
/// let p = RecursiveDescentParser::new(&g);
/// let trees: Vec<String> = p
///     .parse(&["I", "saw", "a", "man", "in", "the", "park"])
///     .unwrap()
///     .map(|t| t.unwrap().to_string())
///     .collect();
/// assert_eq!(trees, [
///     "(S (NP I) (VP (V saw) (NP (Det a) (N man) (PP (P in) (NP (Det the) (N park))))))",
///     "(S (NP I) (VP (V saw) (NP (Det a) (N man)) (PP (P in) (NP (Det the) (N park)))))",
/// ]);
/// assert!(p.parse(&["I", "flew"]).is_err()); // not covered by the grammar
/// ```
#[derive(Debug, Clone)]
pub struct RecursiveDescentParser {
    grammar: CFG,
    /// Labels of the nonterminals, by index.
    labels: Vec<String>,
    /// Terminal strings, by index minus `labels.len()`.
    terminals: Vec<String>,
    /// Right-hand sides, by production index.
    rhs: Vec<Vec<Sym>>,
    /// Left-hand side of each production.
    lhs: Vec<Sym>,
    /// Productions of each nonterminal, in grammar order.
    by_lhs: Vec<Vec<u32>>,
    /// Fewest words each symbol derives (`usize::MAX`: none at all).
    min_yield: Vec<usize>,
    start: Sym,
}

impl RecursiveDescentParser {
    /// A parser for `grammar`.
    pub fn new(grammar: &CFG) -> Self {
        let mut labels: Vec<String> = Vec::new();
        let mut nt_index: HashMap<String, Sym> = HashMap::new();
        let mut nt = |name: &str, labels: &mut Vec<String>| -> Sym {
            *nt_index.entry(name.to_string()).or_insert_with(|| {
                labels.push(name.to_string());
                (labels.len() - 1) as Sym
            })
        };
        let start = nt(grammar.start().symbol(), &mut labels);
        for p in grammar.productions() {
            nt(p.lhs().symbol(), &mut labels);
            for s in p.rhs() {
                if let Symbol::N(n) = s {
                    nt(n.symbol(), &mut labels);
                }
            }
        }
        let n_nt = labels.len() as Sym;
        let mut terminals: Vec<String> = Vec::new();
        let mut t_index: HashMap<String, Sym> = HashMap::new();
        let mut lhs = Vec::new();
        let mut rhs = Vec::new();
        let mut by_lhs: Vec<Vec<u32>> = vec![Vec::new(); labels.len()];
        for (i, p) in grammar.productions().iter().enumerate() {
            let l = nt(p.lhs().symbol(), &mut labels);
            lhs.push(l);
            by_lhs[l as usize].push(i as u32);
            rhs.push(
                p.rhs()
                    .iter()
                    .map(|s| match s {
                        Symbol::N(n) => nt(n.symbol(), &mut labels),
                        Symbol::T(w) => *t_index.entry(w.clone()).or_insert_with(|| {
                            terminals.push(w.clone());
                            n_nt + (terminals.len() - 1) as Sym
                        }),
                    })
                    .collect(),
            );
        }
        let min_yield = min_yields(labels.len(), terminals.len(), &lhs, &rhs);
        RecursiveDescentParser {
            grammar: grammar.clone(),
            labels,
            terminals,
            rhs,
            lhs,
            by_lhs,
            min_yield,
            start,
        }
    }

    /// The grammar.
    pub fn grammar(&self) -> &CFG {
        &self.grammar
    }

    /// Every parse of `tokens`, lazily, in NLTK's order. An item is an
    /// error (and the last item) when the search reaches a cycle that reads
    /// no word (see the module docs).
    ///
    /// # Errors
    /// NLTK's `check_coverage` error when a token is no terminal of the
    /// grammar.
    pub fn parse<S: AsRef<str>>(&self, tokens: &[S]) -> Result<RecursiveDescentParses<'_>> {
        self.grammar.check_coverage(tokens)?;
        let n_nt = self.labels.len() as Sym;
        let words: Vec<Sym> = tokens
            .iter()
            .map(|t| {
                self.terminals
                    .iter()
                    .position(|w| w == t.as_ref())
                    .map_or(Sym::MAX, |i| n_nt + i as Sym)
            })
            .collect();
        let first = State {
            frontier: vec![self.start],
            pos: 0,
            derivation: Vec::new(),
            since_match: Vec::new(),
            need: self.min_yield[self.start as usize],
        };
        Ok(RecursiveDescentParses {
            parser: self,
            words,
            tokens: tokens.iter().map(|t| t.as_ref().to_string()).collect(),
            stack: vec![first],
            done: false,
        })
    }

    /// Builds the tree of a complete leftmost derivation.
    fn tree(&self, derivation: &[u32], tokens: &[String]) -> Tree {
        // frames: label, children so far, the rest of the right-hand side
        struct Frame<'a> {
            label: Sym,
            children: Vec<Child>,
            rest: std::slice::Iter<'a, Sym>,
        }
        let n_nt = self.labels.len() as Sym;
        let mut prods = derivation.iter();
        let mut words = tokens.iter();
        let open = |p: u32| Frame {
            label: self.lhs[p as usize],
            children: Vec::new(),
            rest: self.rhs[p as usize].iter(),
        };
        let mut stack: Vec<Frame> = prods.next().map(|&p| open(p)).into_iter().collect();
        loop {
            let Some(top) = stack.last_mut() else {
                // a derivation always has at least the start's production
                return Tree::new(self.labels[self.start as usize].clone(), Vec::new());
            };
            match top.rest.next() {
                Some(&s) if s >= n_nt => {
                    let w = words.next().cloned().unwrap_or_default();
                    top.children.push(Child::Leaf(w));
                }
                Some(_) => {
                    if let Some(&p) = prods.next() {
                        stack.push(open(p));
                    }
                }
                None => {
                    let Some(done) = stack.pop() else { continue };
                    let t = Tree::new(self.labels[done.label as usize].clone(), done.children);
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Child::Tree(t)),
                        None => return t,
                    }
                }
            }
        }
    }
}

/// Fewest words each nonterminal derives, by fixpoint (`usize::MAX` for
/// one that derives no string of words).
fn min_yields(n_nt: usize, n_t: usize, lhs: &[Sym], rhs: &[Vec<Sym>]) -> Vec<usize> {
    let mut min = vec![usize::MAX; n_nt];
    min.extend(std::iter::repeat_n(1, n_t));
    let mut changed = true;
    while changed {
        changed = false;
        for (l, r) in lhs.iter().zip(rhs) {
            let sum = r.iter().try_fold(0usize, |acc, &s| match min[s as usize] {
                usize::MAX => None,
                m => Some(acc.saturating_add(m)),
            });
            if let Some(sum) = sum {
                if sum < min[*l as usize] {
                    min[*l as usize] = sum;
                    changed = true;
                }
            }
        }
    }
    min
}

/// A partial parse: the symbols still to derive, leftmost first.
struct State {
    /// Stored reversed: the front of the frontier is the last element.
    frontier: Vec<Sym>,
    pos: usize,
    /// Productions applied so far, in leftmost order.
    derivation: Vec<u32>,
    /// Nonterminals expanded at the front since the last word was read
    /// whose subtrees are still open, with the frontier's `need` and length
    /// then (to find left recursion, and cycles that read nothing).
    since_match: Vec<(Sym, usize, usize)>,
    /// Fewest words the frontier derives.
    need: usize,
}

/// The parses of one sentence ([`RecursiveDescentParser::parse`]).
pub struct RecursiveDescentParses<'p> {
    parser: &'p RecursiveDescentParser,
    words: Vec<Sym>,
    tokens: Vec<String>,
    stack: Vec<State>,
    done: bool,
}

impl Iterator for RecursiveDescentParses<'_> {
    type Item = Result<Tree>;

    fn next(&mut self) -> Option<Result<Tree>> {
        if self.done {
            return None;
        }
        let p = self.parser;
        let n_nt = p.labels.len() as Sym;
        while let Some(mut st) = self.stack.pop() {
            let left = self.words.len() - st.pos;
            if st.need > left {
                continue;
            }
            let Some(&front) = st.frontier.last() else {
                if left == 0 {
                    return Some(Ok(p.tree(&st.derivation, &self.tokens)));
                }
                continue;
            };
            if front >= n_nt {
                if self.words.get(st.pos) == Some(&front) {
                    st.frontier.pop();
                    st.pos += 1;
                    st.need -= 1;
                    st.since_match.clear();
                    self.stack.push(st);
                }
                continue;
            }
            // `front` under itself in the tree, with no word read between:
            // left recursion. It ends (pruned) when each round needs more
            // words; a round that needs none more repeats forever.
            if st
                .since_match
                .iter()
                .any(|&(a, need, _)| a == front && need == st.need)
            {
                self.done = true;
                self.stack.clear();
                return Some(Err(Error::InvalidInput(format!(
                    "RecursiveDescentParser: `{}` derives itself without reading a word \
                     (a cycle with infinitely many parses; NLTK recurses until its limit)",
                    p.labels[front as usize]
                ))));
            }
            let prods = &p.by_lhs[front as usize];
            // pushed in reverse so that the first production is tried first
            for (k, &prod) in prods.iter().enumerate().rev() {
                let rhs = &p.rhs[prod as usize];
                let need = rhs
                    .iter()
                    .try_fold(st.need - p.min_yield[front as usize], |acc, &s| {
                        match p.min_yield[s as usize] {
                            usize::MAX => None,
                            m => Some(acc.saturating_add(m)),
                        }
                    });
                let Some(need) = need else { continue };
                if need > left {
                    continue;
                }
                // the last alternative takes the state itself (no copy)
                let mut next = if k == 0 {
                    std::mem::replace(
                        &mut st,
                        State {
                            frontier: Vec::new(),
                            pos: 0,
                            derivation: Vec::new(),
                            since_match: Vec::new(),
                            need: 0,
                        },
                    )
                } else {
                    State {
                        frontier: st.frontier.clone(),
                        pos: st.pos,
                        derivation: st.derivation.clone(),
                        since_match: st.since_match.clone(),
                        need: st.need,
                    }
                };
                next.since_match
                    .push((front, next.need, next.frontier.len()));
                next.frontier.pop();
                next.frontier.extend(rhs.iter().rev());
                // a nonterminal's subtree is complete once the frontier
                // is shorter than when it was expanded
                let len = next.frontier.len();
                next.since_match.retain(|&(_, _, at)| at <= len);
                next.derivation.push(prod);
                next.need = need;
                self.stack.push(next);
            }
        }
        self.done = true;
        None
    }
}
