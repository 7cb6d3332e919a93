//! NLTK's `ViterbiParser`: the most probable parse of a sentence under a
//! [`PCFG`], filled in span by span (shortest first), each span repeated
//! until no constituent improves (so unary chains over one span settle).
//!
//! The order of work is NLTK's (spans by length then start; productions in
//! grammar order; split points left to right) and a constituent is only
//! replaced by a strictly more probable one, so ties resolve as in NLTK and
//! probabilities are the same floating-point products (the production's
//! probability times each subtree's, left to right). As in NLTK, empty
//! productions never take part.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::grammar::{Symbol, PCFG};
use crate::tree::{Child, Tree};
use crate::Result;

/// NLTK's `ViterbiParser` for a [`PCFG`].
///
/// # Example
/// ```
/// use nlkit::grammar::PCFG;
/// use nlkit::parse::ViterbiParser;
/// let g = PCFG::fromstring("S -> NP V [1.0]\nNP -> 'I' [0.6] | 'you' [0.4]\nV -> 'run' [1.0]").unwrap();
/// let best = ViterbiParser::new(&g).parse(&["you", "run"]).unwrap().unwrap();
/// assert_eq!(best.tree.to_string(), "(S (NP you) (V run))");
/// assert_eq!(best.prob, 0.4);
/// ```
#[derive(Debug, Clone)]
pub struct ViterbiParser {
    grammar: PCFG,
    /// Per production: lhs id, rhs symbols (nonterminal ids, or terminal
    /// ids offset by `n_nt`), probability.
    prods: Vec<(u32, Vec<u32>, f64)>,
    labels: Vec<String>,
    terminals: FxHashMap<String, u32>,
    start: Option<u32>,
}

/// The most probable tree and its probability.
#[derive(Debug, Clone, PartialEq)]
pub struct ViterbiParse {
    /// The tree.
    pub tree: Tree,
    /// Its probability (NLTK's `tree.prob()`).
    pub prob: f64,
}

#[derive(Clone, Copy)]
enum VChild {
    Token(u32),
    Tree(u32),
}

struct VNode {
    lhs: u32,
    prob: f64,
    children: Vec<VChild>,
}

impl ViterbiParser {
    /// A parser for `grammar`.
    pub fn new(grammar: &PCFG) -> Self {
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut labels = Vec::new();
        for p in grammar.productions() {
            let nts = std::iter::once(p.lhs()).chain(p.rhs().iter().filter_map(|s| match s {
                Symbol::N(n) => Some(n),
                Symbol::T(_) => None,
            }));
            for n in nts {
                if !ids.contains_key(n.symbol()) {
                    ids.insert(n.symbol().to_string(), labels.len() as u32);
                    labels.push(n.symbol().to_string());
                }
            }
        }
        let nn = labels.len() as u32;
        let mut terminals: FxHashMap<String, u32> = FxHashMap::default();
        let prods = grammar
            .productions()
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let rhs = p
                    .rhs()
                    .iter()
                    .map(|s| match s {
                        Symbol::N(n) => ids[n.symbol()],
                        Symbol::T(t) => {
                            let next = nn + terminals.len() as u32;
                            *terminals.entry(t.clone()).or_insert(next)
                        }
                    })
                    .collect();
                (ids[p.lhs().symbol()], rhs, grammar.prob(k))
            })
            .collect();
        let start = ids.get(grammar.start().symbol()).copied();
        ViterbiParser {
            grammar: grammar.clone(),
            prods,
            labels,
            terminals,
            start,
        }
    }

    /// The most probable parse, or `None` when there is none.
    ///
    /// # Errors
    /// NLTK's `check_coverage` error for words the grammar does not have.
    pub fn parse<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Option<ViterbiParse>> {
        self.grammar.cfg().check_coverage(tokens)?;
        let n = tokens.len();
        let nn = self.labels.len() as u32;
        let syms: Vec<u32> = tokens
            .iter()
            .map(|t| self.terminals.get(t.as_ref()).copied().unwrap_or(u32::MAX))
            .collect();
        // table[(start, end)] : symbol -> arena id (nonterminals only).
        let mut table: FxHashMap<(u32, u32), FxHashMap<u32, u32>> = FxHashMap::default();
        // Symbols with some constituent starting at each position.
        let mut starts: Vec<FxHashSet<u32>> = vec![FxHashSet::default(); n + 1];
        for (i, &s) in syms.iter().enumerate() {
            starts[i].insert(s);
        }
        let mut arena: Vec<VNode> = Vec::new();
        let mut found: Vec<(usize, Vec<VChild>)> = Vec::new();
        let mut stack: Vec<VChild> = Vec::new();
        for length in 1..=n {
            for s in 0..=(n - length) {
                let e = s + length;
                loop {
                    // All instantiations against the table as it is now.
                    found.clear();
                    for (k, (_, rhs, _)) in self.prods.iter().enumerate() {
                        if rhs.is_empty() || rhs.len() > length || !starts[s].contains(&rhs[0]) {
                            continue;
                        }
                        stack.clear();
                        let m = Matcher {
                            table: &table,
                            syms: &syms,
                            nn,
                            starts: &starts,
                        };
                        m.matches(rhs, s, e, &mut stack, &mut |children| {
                            found.push((k, children.to_vec()))
                        });
                    }
                    let mut changed = false;
                    for (k, children) in found.drain(..) {
                        let (lhs, _, pp) = self.prods[k];
                        let mut p = pp;
                        for c in &children {
                            if let VChild::Tree(t) = c {
                                p *= arena[*t as usize].prob;
                            }
                        }
                        let cell = table.entry((s as u32, e as u32)).or_default();
                        let better = match cell.get(&lhs) {
                            None => true,
                            Some(&c) => arena[c as usize].prob < p,
                        };
                        if better {
                            arena.push(VNode {
                                lhs,
                                prob: p,
                                children,
                            });
                            cell.insert(lhs, (arena.len() - 1) as u32);
                            starts[s].insert(lhs);
                            changed = true;
                        }
                    }
                    if !changed {
                        break;
                    }
                }
            }
        }
        let Some(start) = self.start else {
            return Ok(None);
        };
        let root = table
            .get(&(0, n as u32))
            .and_then(|c| c.get(&start))
            .copied();
        Ok(root.map(|r| ViterbiParse {
            tree: self.build_tree(&arena, r, tokens),
            prob: arena[r as usize].prob,
        }))
    }

    fn build_tree<S: AsRef<str>>(&self, arena: &[VNode], id: u32, tokens: &[S]) -> Tree {
        let node = &arena[id as usize];
        let children = node
            .children
            .iter()
            .map(|c| match *c {
                VChild::Token(i) => Child::Leaf(tokens[i as usize].as_ref().to_string()),
                VChild::Tree(t) => Child::Tree(self.build_tree(arena, t, tokens)),
            })
            .collect();
        Tree::new(self.labels[node.lhs as usize].clone(), children)
    }
}

struct Matcher<'a> {
    table: &'a FxHashMap<(u32, u32), FxHashMap<u32, u32>>,
    syms: &'a [u32],
    nn: u32,
    starts: &'a [FxHashSet<u32>],
}

impl Matcher<'_> {
    /// NLTK's `_match_rhs`: every list of children covering `s..e` that
    /// matches `rhs`, splits left to right.
    fn matches(
        &self,
        rhs: &[u32],
        s: usize,
        e: usize,
        stack: &mut Vec<VChild>,
        emit: &mut dyn FnMut(&[VChild]),
    ) {
        let Some((&first, rest)) = rhs.split_first() else {
            if s >= e {
                emit(stack);
            }
            return;
        };
        if s >= e || !self.starts[s].contains(&first) {
            return;
        }
        // Each remaining symbol covers at least one word.
        let last_split = e - rest.len();
        if first >= self.nn {
            if self.syms[s] == first && s < last_split {
                stack.push(VChild::Token(s as u32));
                self.matches(rest, s + 1, e, stack, emit);
                stack.pop();
            }
            return;
        }
        for split in s + 1..=last_split {
            if let Some(&t) = self
                .table
                .get(&(s as u32, split as u32))
                .and_then(|c| c.get(&first))
            {
                stack.push(VChild::Tree(t));
                self.matches(rest, split, e, stack, emit);
                stack.pop();
            }
        }
    }
}
