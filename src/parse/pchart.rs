//! NLTK's bottom-up probabilistic chart parsers (`nltk.parse.pchart`):
//! `InsideChartParser`, `LongestChartParser`, `RandomChartParser` and
//! `UnsortedChartParser`, with or without a beam.
//!
//! These parsers keep an agenda (NLTK's "queue") of edges. Before each
//! step the queue is ordered ([`QueueOrder`]), cut to the beam's size from
//! its worst end when a beam is set, and the last edge is taken and
//! extended by the bottom-up predict rule and the fundamental rule. With a
//! beam the result depends on every detail of that loop, so nlkit replays
//! it as NLTK runs it: edges are told apart by their probability as well as
//! their dotted rule and span (NLTK's `ProbabilisticTreeEdge`), rules
//! consult the chart in insertion order, and an edge pruned from the queue
//! stays in the chart (NLTK only deletes it from the queue). The parses are
//! then read off the chart in NLTK's order and sorted by probability with
//! a stable sort, so even parses of equal probability come in NLTK's order.
//!
//! `RandomChartParser` draws from Python's `random` module: given the seed
//! that `random.seed(n)` had, nlkit's [`crate::lm::PyRandom`] draws the same
//! numbers.
//!
//! Differences from NLTK: NLTK raises `IndexError` when the grammar has an
//! empty production and `RecursionError` when trees nest deeply (grammars
//! with unary cycles); nlkit returns an error for the first and reads deep
//! trees without recursion. A chart that grows past [`MAX_EDGES`] edges or
//! trees past [`MAX_NODES`] nodes is an error rather than exhausted memory.

use rustc_hash::FxHashMap;

use super::ViterbiParse;
use crate::grammar::{Symbol, PCFG};
use crate::lm::PyRandom;
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// The most edges one sentence's chart may hold.
pub const MAX_EDGES: usize = 5_000_000;
/// The most tree nodes the parses of one sentence may take.
pub const MAX_NODES: usize = 20_000_000;

/// How the queue is ordered before each step (NLTK's `sort_queue`).
///
/// # Example
/// ```
/// use nlkit::parse::QueueOrder;
/// assert_eq!(QueueOrder::from_name("longest").unwrap(), QueueOrder::Longest);
/// assert_eq!(QueueOrder::from_name("random").unwrap(), QueueOrder::Random(0));
/// assert!(QueueOrder::from_name("best-first").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueOrder {
    /// `InsideChartParser`: most probable edge next (stable sort on the
    /// edge's inside probability).
    Inside,
    /// `LongestChartParser`: longest edge next (stable sort on span length).
    Longest,
    /// `RandomChartParser`: a random edge next (`random.randint` picks one
    /// and swaps it to the end); Python's `random` seeded with the value.
    Random(u64),
    /// `UnsortedChartParser`: the queue as it is (the edge added last goes
    /// first).
    Unsorted,
}

impl QueueOrder {
    /// The order for a CLI name (`inside`, `longest`, `random`, `unsorted`;
    /// the random orders with seed 0).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for other names.
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name {
            "inside" => QueueOrder::Inside,
            "longest" => QueueOrder::Longest,
            "random" => QueueOrder::Random(0),
            "unsorted" => QueueOrder::Unsorted,
            _ => {
                return Err(Error::UnknownName {
                    kind: "queue order",
                    name: name.into(),
                    expected: "inside, longest, random, unsorted".into(),
                })
            }
        })
    }
}

/// NLTK's `BottomUpProbabilisticChartParser` with one of its queue orders
/// and an optional beam (`beam_size`, 0 = none).
///
/// # Example
/// ```
/// use nlkit::grammar::PCFG;
/// use nlkit::parse::{BottomUpProbabilisticChartParser, QueueOrder};
/// let g = PCFG::fromstring(
///     "S -> NP VP [1.0]\nVP -> V NP [0.7] | VP PP [0.3]\nNP -> NP PP [0.2] | 'I' [0.4] | 'him' [0.2] | 'park' [0.2]\n\
///      PP -> P NP [1.0]\nV -> 'saw' [1.0]\nP -> 'in' [1.0]",
/// ).unwrap();
/// let words = ["I", "saw", "him", "in", "park"];
/// let all = BottomUpProbabilisticChartParser::new(&g, QueueOrder::Inside, 0).parse(&words).unwrap();
/// assert_eq!(all.len(), 2);
/// // a beam of 2 edges loses the parses
/// let narrow = BottomUpProbabilisticChartParser::new(&g, QueueOrder::Inside, 2).parse(&words).unwrap();
/// assert!(narrow.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct BottomUpProbabilisticChartParser {
    grammar: PCFG,
    order: QueueOrder,
    beam_size: usize,
    /// Symbols (nonterminals and terminals) as ids.
    syms: FxHashMap<Symbol, u32>,
    /// Each symbol's printed label (a nonterminal's name or the word).
    labels: Vec<String>,
    /// Productions: lhs id, rhs ids, probability, (lhs, rhs) class.
    prods: Vec<Prod>,
    /// Productions by the first symbol of their right-hand side, in grammar
    /// order (what NLTK's predict rule scans the whole grammar for).
    by_first: FxHashMap<u32, Vec<u32>>,
    /// Per (lhs, rhs) class, the probability NLTK's `_setprob` uses (its
    /// dict keeps the last production's).
    class_prob: Vec<f64>,
    has_empty: bool,
    start: u32,
}

#[derive(Debug, Clone)]
struct Prod {
    lhs: u32,
    rhs: Vec<u32>,
    prob: f64,
    class: u32,
}

/// An edge: a leaf (`prod == LEAF`, `lhs` = the word) or a dotted rule.
#[derive(Debug, Clone, Copy)]
struct Edge {
    prod: u32,
    lhs: u32,
    start: u32,
    end: u32,
    dot: u32,
    prob: f64,
}

const LEAF: u32 = u32::MAX;

/// NLTK's edge identity: a leaf by its position; a tree edge by its
/// (lhs, rhs) class, span, dot and probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Leaf(u32),
    Tree(u32, u32, u32, u32, u64),
}

impl BottomUpProbabilisticChartParser {
    /// A parser for `grammar` ordering its queue by `order`, keeping at
    /// most `beam_size` edges in it (0: no beam).
    pub fn new(grammar: &PCFG, order: QueueOrder, beam_size: usize) -> Self {
        let mut syms: FxHashMap<Symbol, u32> = FxHashMap::default();
        let mut labels = Vec::new();
        let mut id = |s: &Symbol, labels: &mut Vec<String>| -> u32 {
            *syms.entry(s.clone()).or_insert_with(|| {
                labels.push(match s {
                    Symbol::N(n) => n.symbol().to_string(),
                    Symbol::T(w) => w.clone(),
                });
                (labels.len() - 1) as u32
            })
        };
        let start = id(&Symbol::N(grammar.start().clone()), &mut labels);
        let mut classes: FxHashMap<(u32, Vec<u32>), u32> = FxHashMap::default();
        let mut class_prob = Vec::new();
        let mut prods = Vec::new();
        let mut by_first: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut has_empty = false;
        for (i, p) in grammar.productions().iter().enumerate() {
            let lhs = id(&Symbol::N(p.lhs().clone()), &mut labels);
            let rhs: Vec<u32> = p.rhs().iter().map(|s| id(s, &mut labels)).collect();
            let prob = grammar.prob(i);
            let next = classes.len() as u32;
            let class = *classes.entry((lhs, rhs.clone())).or_insert(next);
            if class == next {
                class_prob.push(prob);
            } else {
                class_prob[class as usize] = prob;
            }
            match rhs.first() {
                Some(&f) => by_first.entry(f).or_default().push(prods.len() as u32),
                None => has_empty = true,
            }
            prods.push(Prod {
                lhs,
                rhs,
                prob,
                class,
            });
        }
        BottomUpProbabilisticChartParser {
            grammar: grammar.clone(),
            order,
            beam_size,
            syms,
            labels,
            prods,
            by_first,
            class_prob,
            has_empty,
            start,
        }
    }

    /// The grammar.
    pub fn grammar(&self) -> &PCFG {
        &self.grammar
    }

    /// Every parse the search finds, with its probability, most probable
    /// first (NLTK's `parse`, with `tree.prob()`).
    ///
    /// # Errors
    /// NLTK's `check_coverage` error; [`Error::InvalidInput`] for a grammar
    /// with an empty production (NLTK fails there too) and for charts or
    /// parse sets past [`MAX_EDGES`] / [`MAX_NODES`].
    pub fn parse<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Vec<ViterbiParse>> {
        self.grammar.cfg().check_coverage(tokens)?;
        if self.has_empty && !tokens.is_empty() {
            return Err(Error::InvalidInput(
                "the probabilistic chart parsers cannot use a grammar with an empty production"
                    .into(),
            ));
        }
        let words: Vec<u32> = tokens
            .iter()
            .map(|t| {
                self.syms
                    .get(&Symbol::T(t.as_ref().to_string()))
                    .copied()
                    .unwrap_or(u32::MAX)
            })
            .collect();
        let mut chart = Chart::default();
        let mut queue: Vec<u32> = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            let e = Edge {
                prod: LEAF,
                lhs: w,
                start: i as u32,
                end: i as u32 + 1,
                dot: 0,
                prob: 1.0,
            };
            if let Some(id) = chart.insert(e, Key::Leaf(i as u32), &[], self)? {
                queue.push(id);
            }
        }
        let mut rng = match self.order {
            QueueOrder::Random(s) => Some(PyRandom::new(s)),
            _ => None,
        };
        while !queue.is_empty() {
            self.sort_queue(&mut queue, &chart, rng.as_mut());
            if self.beam_size > 0 && queue.len() > self.beam_size {
                queue.drain(..queue.len() - self.beam_size);
            }
            let Some(id) = queue.pop() else { break };
            self.predict(&mut chart, id, &mut queue)?;
            self.fundamental(&mut chart, id, &mut queue)?;
        }
        self.parses(&chart, tokens)
    }

    fn sort_queue(&self, queue: &mut [u32], chart: &Chart, rng: Option<&mut PyRandom>) {
        match (self.order, rng) {
            (QueueOrder::Inside, _) => {
                // stable, ascending: the best edge last, ties in queue order
                queue.sort_by(|&a, &b| {
                    chart.edges[a as usize]
                        .prob
                        .total_cmp(&chart.edges[b as usize].prob)
                });
            }
            (QueueOrder::Longest, _) => {
                queue.sort_by_key(|&a| {
                    let e = &chart.edges[a as usize];
                    e.end - e.start
                });
            }
            (QueueOrder::Random(_), Some(r)) => {
                let i = r.randbelow(queue.len() as u64) as usize;
                let last = queue.len() - 1;
                queue.swap(i, last);
            }
            _ => {}
        }
    }

    fn is_complete(&self, e: &Edge) -> bool {
        e.prod == LEAF || e.dot as usize == self.prods[e.prod as usize].rhs.len()
    }

    fn nextsym(&self, e: &Edge) -> Option<u32> {
        if e.prod == LEAF {
            return None;
        }
        self.prods[e.prod as usize].rhs.get(e.dot as usize).copied()
    }

    /// NLTK's `ProbabilisticBottomUpPredictRule`.
    fn predict(&self, chart: &mut Chart, id: u32, queue: &mut Vec<u32>) -> Result<()> {
        let e = chart.edges[id as usize];
        if !self.is_complete(&e) {
            return Ok(());
        }
        let Some(prods) = self.by_first.get(&e.lhs) else {
            return Ok(());
        };
        for &p in prods {
            let pr = &self.prods[p as usize];
            let new = Edge {
                prod: p,
                lhs: pr.lhs,
                start: e.start,
                end: e.start,
                dot: 0,
                prob: pr.prob,
            };
            if let Some(n) = chart.insert(new, self.key(&new), &[], self)? {
                queue.push(n);
            }
        }
        Ok(())
    }

    fn key(&self, e: &Edge) -> Key {
        Key::Tree(
            self.prods[e.prod as usize].class,
            e.start,
            e.end,
            e.dot,
            e.prob.to_bits(),
        )
    }

    /// NLTK's `SingleEdgeProbabilisticFundamentalRule`.
    fn fundamental(&self, chart: &mut Chart, id: u32, queue: &mut Vec<u32>) -> Result<()> {
        let e = chart.edges[id as usize];
        if let Some(next) = self.nextsym(&e) {
            // incomplete: complete edges starting at its end with lhs next;
            // the index list is re-read each step, as Python's iteration
            // over a list that grows sees the new items
            let k = (e.end, next);
            let mut i = 0;
            while let Some(&right) = chart.complete.get(&k).and_then(|v| v.get(i)) {
                self.combine(chart, id, right, queue)?;
                i += 1;
            }
        } else {
            let k = (e.start, e.lhs);
            let mut i = 0;
            while let Some(&left) = chart.incomplete.get(&k).and_then(|v| v.get(i)) {
                self.combine(chart, left, id, queue)?;
                i += 1;
            }
        }
        Ok(())
    }

    /// NLTK's `ProbabilisticFundamentalRule.apply(left, right)`.
    fn combine(
        &self,
        chart: &mut Chart,
        left: u32,
        right: u32,
        queue: &mut Vec<u32>,
    ) -> Result<()> {
        let l = chart.edges[left as usize];
        let r = chart.edges[right as usize];
        let new = Edge {
            prod: l.prod,
            lhs: l.lhs,
            start: l.start,
            end: r.end,
            dot: l.dot + 1,
            prob: l.prob * r.prob,
        };
        let key = self.key(&new);
        let cpls = chart.cpls[left as usize].clone();
        let mut changed = None;
        for cpl in cpls {
            let mut c = Vec::with_capacity(cpl.len() + 1);
            c.extend_from_slice(&cpl);
            c.push(right);
            if let Some(n) = chart.insert(new, key, &c, self)? {
                changed = Some(n);
            }
        }
        if let Some(n) = changed {
            queue.push(n);
        }
        Ok(())
    }

    /// NLTK's `chart.parses(start, ProbabilisticTree)` then `_setprob` and
    /// the stable sort, most probable first.
    fn parses<S: AsRef<str>>(&self, chart: &Chart, tokens: &[S]) -> Result<Vec<ViterbiParse>> {
        let n = tokens.len() as u32;
        let mut arena = Arena::default();
        let mut roots: Vec<u32> = Vec::new();
        for (id, e) in chart.edges.iter().enumerate() {
            if e.prod != LEAF
                && e.start == 0
                && e.end == n
                && e.lhs == self.start
                && self.is_complete(e)
            {
                roots.extend(self.trees(chart, id as u32, &mut arena)?);
            }
        }
        let mut out: Vec<(f64, u32)> = roots.iter().map(|&r| (arena.prob[r as usize], r)).collect();
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(out
            .into_iter()
            .map(|(prob, r)| ViterbiParse {
                tree: arena.to_tree(r, &self.labels, tokens),
                prob,
            })
            .collect())
    }

    /// NLTK's `Chart._trees(edge, complete=True)` with a fresh memo, without
    /// recursion: an edge already being expanded (a cycle) counts as having
    /// no trees, as NLTK's memo placeholder does.
    fn trees(&self, chart: &Chart, root: u32, arena: &mut Arena) -> Result<Vec<u32>> {
        struct Frame {
            edge: u32,
            cpl: usize,
            choices: Vec<Vec<u32>>,
            trees: Vec<u32>,
        }
        let mut memo: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        // result of the last finished call, handed to the frame below
        let mut ret: Option<Vec<u32>> = None;
        let mut call = Some(root);
        loop {
            if let Some(edge) = call.take() {
                if let Some(m) = memo.get(&edge) {
                    ret = Some(m.clone());
                } else {
                    let e = &chart.edges[edge as usize];
                    if !self.is_complete(e) {
                        ret = Some(Vec::new());
                    } else if e.prod == LEAF {
                        let leaf = arena.leaf(e.start)?;
                        memo.insert(edge, vec![leaf]);
                        ret = Some(vec![leaf]);
                    } else {
                        memo.insert(edge, Vec::new());
                        stack.push(Frame {
                            edge,
                            cpl: 0,
                            choices: Vec::new(),
                            trees: Vec::new(),
                        });
                    }
                }
            }
            let Some(top) = stack.last_mut() else {
                return Ok(ret.unwrap_or_default());
            };
            if let Some(r) = ret.take() {
                top.choices.push(r);
            }
            let cpls = &chart.cpls[top.edge as usize];
            let Some(cpl) = cpls.get(top.cpl) else {
                let done = stack.pop().map(|f| (f.edge, f.trees));
                if let Some((edge, trees)) = done {
                    memo.insert(edge, trees.clone());
                    ret = Some(trees);
                }
                continue;
            };
            if top.choices.len() < cpl.len() {
                call = Some(cpl[top.choices.len()]);
                continue;
            }
            // all children's trees known: their product, last child fastest
            let e = chart.edges[top.edge as usize];
            let label = e.lhs;
            let class = self.prods[e.prod as usize].class;
            let p = self.class_prob[class as usize];
            let choices = std::mem::take(&mut top.choices);
            if choices.iter().all(|c| !c.is_empty()) {
                let mut idx = vec![0usize; choices.len()];
                'product: loop {
                    let kids: Vec<u32> = idx.iter().zip(&choices).map(|(&i, c)| c[i]).collect();
                    top.trees.push(arena.node(label, kids, p)?);
                    // odometer step, last position fastest
                    let mut k = choices.len();
                    loop {
                        if k == 0 {
                            break 'product;
                        }
                        k -= 1;
                        idx[k] += 1;
                        if idx[k] < choices[k].len() {
                            continue 'product;
                        }
                        idx[k] = 0;
                    }
                }
            }
            top.cpl += 1;
        }
    }
}

/// The chart: edges in insertion order, their child-pointer lists, and the
/// two indexes the fundamental rule selects with.
#[derive(Default)]
struct Chart {
    edges: Vec<Edge>,
    keys: FxHashMap<Key, u32>,
    cpls: Vec<Vec<Vec<u32>>>,
    /// complete edges by (start, lhs)
    complete: FxHashMap<(u32, u32), Vec<u32>>,
    /// incomplete edges by (end, next symbol)
    incomplete: FxHashMap<(u32, u32), Vec<u32>>,
}

impl Chart {
    /// NLTK's `Chart.insert(edge, cpl)`: the edge's id when the chart
    /// changed (a new edge or a new child-pointer list), else `None`.
    fn insert(
        &mut self,
        e: Edge,
        key: Key,
        cpl: &[u32],
        parser: &BottomUpProbabilisticChartParser,
    ) -> Result<Option<u32>> {
        let id = match self.keys.get(&key) {
            Some(&id) => id,
            None => {
                if self.edges.len() >= MAX_EDGES {
                    return Err(Error::InvalidInput(format!(
                        "the probabilistic chart grew past {MAX_EDGES} edges"
                    )));
                }
                let id = self.edges.len() as u32;
                self.edges.push(e);
                self.cpls.push(Vec::new());
                self.keys.insert(key, id);
                match parser.nextsym(&e) {
                    None => self.complete.entry((e.start, e.lhs)).or_default().push(id),
                    Some(n) => self.incomplete.entry((e.end, n)).or_default().push(id),
                }
                id
            }
        };
        let list = &mut self.cpls[id as usize];
        if list.iter().any(|c| c.as_slice() == cpl) {
            return Ok(None);
        }
        list.push(cpl.to_vec());
        Ok(Some(id))
    }
}

/// Parse-tree nodes shared between trees, as NLTK's memo shares subtrees.
#[derive(Default)]
struct Arena {
    /// `(label, children)`; a leaf has label u32::MAX and its token index as
    /// its only child.
    nodes: Vec<(u32, Vec<u32>)>,
    prob: Vec<f64>,
}

impl Arena {
    fn push(&mut self, label: u32, kids: Vec<u32>, prob: f64) -> Result<u32> {
        if self.nodes.len() >= MAX_NODES {
            return Err(Error::InvalidInput(format!(
                "the parses take more than {MAX_NODES} tree nodes"
            )));
        }
        self.nodes.push((label, kids));
        self.prob.push(prob);
        Ok((self.nodes.len() - 1) as u32)
    }

    fn leaf(&mut self, index: u32) -> Result<u32> {
        self.push(u32::MAX, vec![index], 1.0)
    }

    /// A tree node; its probability is NLTK's `_setprob`: the production's
    /// times each subtree's, left to right.
    fn node(&mut self, label: u32, kids: Vec<u32>, p: f64) -> Result<u32> {
        let mut prob = p;
        for &k in &kids {
            if self.nodes[k as usize].0 != u32::MAX {
                prob *= self.prob[k as usize];
            }
        }
        self.push(label, kids, prob)
    }

    /// The node as an owned [`Tree`], built without recursion.
    fn to_tree<S: AsRef<str>>(&self, root: u32, labels: &[String], tokens: &[S]) -> Tree {
        // post-order: children finished before their parent
        let mut stack: Vec<(u32, bool)> = vec![(root, false)];
        let mut done: Vec<Child> = Vec::new();
        while let Some((n, expanded)) = stack.pop() {
            let (label, kids) = &self.nodes[n as usize];
            if *label == u32::MAX {
                let w = kids
                    .first()
                    .and_then(|&i| tokens.get(i as usize))
                    .map_or(String::new(), |t| t.as_ref().to_string());
                done.push(Child::Leaf(w));
                continue;
            }
            if !expanded {
                stack.push((n, true));
                for &k in kids.iter().rev() {
                    stack.push((k, false));
                }
                continue;
            }
            let children = done.split_off(done.len().saturating_sub(kids.len()));
            let name = labels.get(*label as usize).cloned().unwrap_or_default();
            done.push(Child::Tree(Tree::new(name, children)));
        }
        match done.pop() {
            Some(Child::Tree(t)) => t,
            Some(Child::Leaf(w)) => Tree::new(w, Vec::new()),
            None => Tree::new("", Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_productions_are_an_error_not_a_panic() {
        let g = PCFG::fromstring("S -> A 'a' [1.0]\nA -> [1.0]").unwrap();
        let p = BottomUpProbabilisticChartParser::new(&g, QueueOrder::Inside, 0);
        assert!(matches!(p.parse(&["a"]), Err(Error::InvalidInput(_))));
        assert!(p.parse::<&str>(&[]).unwrap().is_empty());
    }

    /// A unary cycle: NLTK's chart terminates (the probabilities shrink to
    /// 0.0, which repeats a key) but its tree reading recurses too deep;
    /// nlkit reads every tree, the best first.
    #[test]
    fn unary_cycles_terminate_with_deep_trees() {
        let g = PCFG::fromstring("S -> A [1.0]\nA -> S [0.5] | 'a' [0.5]").unwrap();
        for order in [QueueOrder::Inside, QueueOrder::Unsorted] {
            let parses = BottomUpProbabilisticChartParser::new(&g, order, 0)
                .parse(&["a"])
                .unwrap();
            assert_eq!(parses[0].tree.to_string(), "(S (A a))");
            assert_eq!(parses[0].prob, 0.5);
            assert!(parses.len() > 1000, "{}", parses.len());
            assert!(parses.windows(2).all(|w| w[0].prob >= w[1].prob));
        }
    }

    #[test]
    fn random_order_is_repeatable_for_a_seed() {
        let g = PCFG::fromstring("S -> S S [0.4] | 'a' [0.6]").unwrap();
        let run = |seed| {
            BottomUpProbabilisticChartParser::new(&g, QueueOrder::Random(seed), 6)
                .parse(&["a"; 6])
                .unwrap()
                .into_iter()
                .map(|p| p.tree.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(4), run(4));
        // without a beam every order finds all 42 binary bracketings
        let all = BottomUpProbabilisticChartParser::new(&g, QueueOrder::Random(9), 0)
            .parse(&["a"; 6])
            .unwrap();
        assert_eq!(all.len(), 42);
    }
}
