//! NLTK's `InsideChartParser` with its default `beam_size=0`: every parse
//! of a sentence under a PCFG, each with its probability, most probable
//! first.
//!
//! NLTK's bottom-up probabilistic chart parsers (`InsideChartParser`,
//! `RandomChartParser`, `UnsortedChartParser`, `LongestChartParser`) differ
//! only in the order of their agenda, which matters only when a beam prunes
//! it; without a beam they all return every parse, sorted by probability.
//! nlkit reads the parses off its packed forest ([`super::Forest`]) and
//! computes each probability as NLTK's `_setprob` does (a production's
//! probability times its children's, left to right, so the floating-point
//! products are NLTK's). Parses of equal probability come in the forest's
//! order, not NLTK's chart order. Beam search (`beam_size > 0`) is not
//! implemented.

use std::collections::HashMap;

use super::{ChartParser, ViterbiParse};
use crate::grammar::{Nonterminal, Symbol, PCFG};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// NLTK's `InsideChartParser(grammar)` (no beam).
///
/// # Example
/// ```
/// use nlkit::grammar::PCFG;
/// use nlkit::parse::InsideChartParser;
/// let g = PCFG::fromstring(
///     "S -> NP VP [1.0]\nVP -> V NP [0.7] | VP PP [0.3]\nNP -> NP PP [0.2] | 'I' [0.4] | 'him' [0.2] | 'park' [0.2]\n\
///      PP -> P NP [1.0]\nV -> 'saw' [1.0]\nP -> 'in' [1.0]",
/// ).unwrap();
/// let parses = InsideChartParser::new(&g).parse(&["I", "saw", "him", "in", "park"], None).unwrap();
/// assert_eq!(parses.len(), 2);
/// assert!(parses[0].prob >= parses[1].prob);
/// assert_eq!(parses[0].tree.to_string(), "(S (NP I) (VP (VP (V saw) (NP him)) (PP (P in) (NP park))))");
/// ```
#[derive(Debug, Clone)]
pub struct InsideChartParser {
    chart: ChartParser,
    probs: HashMap<(Nonterminal, Vec<Symbol>), f64>,
}

impl InsideChartParser {
    /// A parser for `grammar`.
    pub fn new(grammar: &PCFG) -> Self {
        let mut probs = HashMap::new();
        for (i, p) in grammar.productions().iter().enumerate() {
            // as NLTK's dict: a repeated production keeps its last probability
            probs.insert((p.lhs().clone(), p.rhs().to_vec()), grammar.prob(i));
        }
        InsideChartParser {
            chart: ChartParser::new(grammar.cfg()),
            probs,
        }
    }

    /// The packed forest of all parses (for counting them without their
    /// probabilities).
    ///
    /// # Errors
    /// As [`ChartParser::forest`].
    pub fn forest<S: AsRef<str>>(&self, tokens: &[S]) -> Result<super::Forest> {
        self.chart.forest(tokens)
    }

    /// Every parse with its probability, most probable first (at most
    /// `max_trees` of the forest's trees are read, when given).
    ///
    /// # Errors
    /// NLTK's `check_coverage` error; as [`ChartParser::forest`].
    pub fn parse<S: AsRef<str>>(
        &self,
        tokens: &[S],
        max_trees: Option<u128>,
    ) -> Result<Vec<ViterbiParse>> {
        let forest = self.chart.forest(tokens)?;
        let total = forest.count().unwrap_or(u128::MAX);
        let limit = max_trees.map_or(total, |m| m.min(total));
        let mut out = Vec::new();
        for k in 0..limit {
            let Some(tree) = forest.tree(k) else { break };
            let prob = self.prob(&tree)?;
            out.push(ViterbiParse { tree, prob });
        }
        // stable: equal probabilities keep the forest's order
        out.sort_by(|a, b| b.prob.total_cmp(&a.prob));
        Ok(out)
    }

    /// NLTK's `_setprob`: a production's probability times each child
    /// subtree's, left to right; computed bottom-up without recursion.
    fn prob(&self, tree: &Tree) -> Result<f64> {
        // post-order over the subtrees; `done` holds finished children's probs
        let mut stack: Vec<(&Tree, bool)> = vec![(tree, false)];
        let mut done: Vec<f64> = Vec::new();
        while let Some((t, expanded)) = stack.pop() {
            if !expanded {
                stack.push((t, true));
                for c in t.children().iter().rev() {
                    if let Child::Tree(sub) = c {
                        stack.push((sub, false));
                    }
                }
                continue;
            }
            let rhs: Vec<Symbol> = t
                .children()
                .iter()
                .map(|c| match c {
                    Child::Tree(s) => Symbol::N(Nonterminal::new(s.label())),
                    Child::Leaf(w) => Symbol::T(w.clone()),
                })
                .collect();
            let key = (Nonterminal::new(t.label()), rhs);
            let p = *self.probs.get(&key).ok_or_else(|| {
                Error::Model(format!(
                    "InsideChartParser: no production for a node labelled {}",
                    t.label()
                ))
            })?;
            let n_sub = t
                .children()
                .iter()
                .filter(|c| matches!(c, Child::Tree(_)))
                .count();
            let kids = done.split_off(done.len().saturating_sub(n_sub));
            done.push(kids.into_iter().fold(p, |acc, k| acc * k));
        }
        Ok(done.pop().unwrap_or(0.0))
    }
}
