//! Chart parsing with feature grammars: NLTK's `FeatureChartParser`
//! (`nltk.parse.featurechart`) and `FeatureEarleyChartParser`
//! (`nltk.parse.earleychart`).
//!
//! The chart, its edges and the order in which edges are made follow NLTK
//! step by step, so the trees come out in NLTK's order with NLTK's feature
//! values: an edge carries the variable bindings made so far (NLTK's
//! `FeatureTreeEdge`), the fundamental rule unifies the expected
//! nonterminal with a complete edge's left-hand side (whose variables are
//! renamed apart first), and a complete edge has its bindings substituted
//! into its nonterminals. Edges are equal when their span, dot,
//! nonterminals and bindings print the same (NLTK compares them with `==`):
//! an incomplete edge is known by its production's number (grammar
//! productions that print the same share one) and its printed bindings, a
//! complete edge by its printed nonterminals, made once per edge (see
//! `EdgeKey`).
//! Strategies: NLTK's default bottom-up left-corner
//! ([`FeatureStrategy::BottomUpLeftCorner`]), bottom-up, top-down, and the
//! incremental Earley parser.
//!
//! Tree labels are the `repr()` of the feature nonterminal
//! (`NP[NUM='sg']`), which is what NLTK's `str(tree)` prints.
//!
//! Differences: NLTK's `MAX_PARSE_TREES` bound (10^6 tree nodes) gives an
//! error here too; trees deeper than [`MAX_TREE_DEPTH`] are refused with an
//! error instead of Python's `RecursionError`; a chart past
//! [`MAX_CHART_EDGES`] edges is an error (NLTK's parsers stop on a time
//! limit instead).

mod chart;
mod edge;
mod trees;

use self::chart::Chart;
use self::edge::{tree_edge, Edge, Keys, Kind, Prod};
use self::trees::trees;
use std::cell::OnceCell;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::featstruct::{Bindings, FeatStruct, TYPE};
use crate::grammar::{type_key, FeatSymbol, FeatureGrammar, TypeKey};
use crate::tree::Tree;
use crate::{Error, Result};

/// The deepest parse tree read off a chart.
pub const MAX_TREE_DEPTH: usize = 2000;

/// The most edges a chart may hold: feature grammars can make charts grow
/// without end (a unary rule that nests a feature deeper each time), which
/// NLTK stops with a time limit; nlkit stops here with an error.
pub const MAX_CHART_EDGES: usize = 200_000;

fn too_many_edges() -> Error {
    Error::InvalidInput(format!(
        "the chart grew past {MAX_CHART_EDGES} edges (a grammar whose features grow without end?)"
    ))
}

/// NLTK's `MAX_PARSE_TREES`: the most tree nodes built for one sentence.
const MAX_PARSE_TREES: usize = 1_000_000;

/// Which of NLTK's feature chart strategies to use.
///
/// # Example
/// ```
/// use nlkit::parse::FeatureStrategy;
/// assert_eq!(FeatureStrategy::default(), FeatureStrategy::BottomUpLeftCorner);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeatureStrategy {
    /// `FeatureChartParser` / `FeatureBottomUpLeftCornerChartParser`
    /// (`BU_LC_FEATURE_STRATEGY`).
    #[default]
    BottomUpLeftCorner,
    /// `FeatureBottomUpChartParser` (`BU_FEATURE_STRATEGY`).
    BottomUp,
    /// `FeatureTopDownChartParser` (`TD_FEATURE_STRATEGY`).
    TopDown,
    /// `FeatureEarleyChartParser` (incremental, `EARLEY_FEATURE_STRATEGY`).
    Earley,
}

/// A feature-grammar chart parser: NLTK's `FeatureChartParser` family and
/// `FeatureEarleyChartParser`.
///
/// # Example
/// ```
/// use nlkit::grammar::FeatureGrammar;
/// use nlkit::parse::FeatureChartParser;
/// let g = FeatureGrammar::fromstring(
///     "S -> NP[NUM=?n] VP[NUM=?n]\nNP[NUM=sg] -> 'Kim'\nNP[NUM=pl] -> 'dogs'\nVP[NUM=sg] -> 'walks'\nVP[NUM=pl] -> 'walk'",
/// )?;
/// let parser = FeatureChartParser::new(&g);
/// let trees = parser.parse(&["Kim", "walks"])?;
/// assert_eq!(trees[0].to_string(), "(S[] (NP[NUM='sg'] Kim) (VP[NUM='sg'] walks))");
/// assert!(parser.parse(&["Kim", "walk"])?.is_empty());
/// # Ok::<(), nlkit::Error>(())
/// ```
pub struct FeatureChartParser<'g> {
    grammar: &'g FeatureGrammar,
    strategy: FeatureStrategy,
    prods: Vec<Rc<Prod>>,
    keys: Keys,
    /// Productions by the number of their left-hand side's category, and of
    /// their first right-hand-side symbol's (the grammar's indexes).
    by_lhs: Vec<Vec<usize>>,
    by_rhs: Vec<Vec<usize>>,
}

impl<'g> FeatureChartParser<'g> {
    /// NLTK's `FeatureChartParser(grammar)` (bottom-up left-corner).
    pub fn new(grammar: &'g FeatureGrammar) -> Self {
        Self::with_strategy(grammar, FeatureStrategy::default())
    }

    /// A parser with the given strategy.
    ///
    /// # Example
    /// ```
    /// use nlkit::grammar::FeatureGrammar;
    /// use nlkit::parse::{FeatureChartParser, FeatureStrategy};
    /// let g = FeatureGrammar::fromstring("S -> NP VP\nNP -> 'I'\nVP -> 'run'")?;
    /// let p = FeatureChartParser::with_strategy(&g, FeatureStrategy::Earley);
    /// assert_eq!(p.parse(&["I", "run"])?[0].to_string(), "(S[] (NP[] I) (VP[] run))");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn with_strategy(grammar: &'g FeatureGrammar, strategy: FeatureStrategy) -> Self {
        let mut ids: FxHashMap<TypeKey, u32> = FxHashMap::default();
        let mut names: Vec<TypeKey> = Vec::new();
        for p in grammar.productions() {
            let rhs = p.rhs().iter().map(FeatSymbol::type_key);
            for k in std::iter::once(type_key(p.lhs())).chain(rhs) {
                if !ids.contains_key(&k) {
                    ids.insert(k.clone(), names.len() as u32);
                    names.push(k);
                }
            }
        }
        let keys = Keys { ids };
        let by_lhs = names.iter().map(|k| grammar.by_lhs(k).to_vec()).collect();
        let by_rhs = names.iter().map(|k| grammar.by_rhs(k).to_vec()).collect();
        // Productions that print the same are the same production to
        // NLTK's edges: they share the first one's number.
        let mut canon: FxHashMap<String, usize> = FxHashMap::default();
        let prods = grammar
            .productions()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut prod = Prod::new(p.lhs().clone(), p.rhs().to_vec(), &keys);
                prod.canon = *canon.entry(prod.sig.clone()).or_insert(i);
                Rc::new(prod)
            })
            .collect();
        FeatureChartParser {
            grammar,
            strategy,
            prods,
            keys,
            by_lhs,
            by_rhs,
        }
    }

    /// Productions whose left-hand side has the numbered category `key`.
    fn prods_by_lhs(&self, key: u32) -> &[usize] {
        self.by_lhs.get(key as usize).map_or(&[], Vec::as_slice)
    }

    /// Productions whose first right-hand-side symbol has the numbered
    /// category `key`.
    fn prods_by_rhs(&self, key: u32) -> &[usize] {
        self.by_rhs.get(key as usize).map_or(&[], Vec::as_slice)
    }

    /// Every parse of `tokens`, in NLTK's order (`list(parser.parse(tokens))`).
    ///
    /// # Errors
    /// NLTK's coverage error when a token is not in the grammar; an error
    /// when a logic value cannot take a bound value; more than
    /// NLTK's `MAX_PARSE_TREES` tree nodes.
    pub fn parse<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Vec<Tree>> {
        Ok(self
            .parse_with_roots(tokens)?
            .into_iter()
            .map(|(t, _)| t)
            .collect())
    }

    /// As [`FeatureChartParser::parse`], each tree with its root label as a
    /// feature structure (NLTK's `tree.label()`).
    ///
    /// # Errors
    /// As [`FeatureChartParser::parse`].
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatValue;
    /// use nlkit::grammar::FeatureGrammar;
    /// use nlkit::parse::FeatureChartParser;
    /// let g = FeatureGrammar::fromstring("S[SEM=<walk(kim)>] -> 'Kim' 'walks'")?;
    /// let parses = FeatureChartParser::new(&g).parse_with_roots(&["Kim", "walks"])?;
    /// assert_eq!(parses[0].1.get(&["SEM"]).unwrap().repr(), "<walk(kim)>");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn parse_with_roots<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Vec<(Tree, FeatStruct)>> {
        self.grammar.check_coverage(tokens)?;
        let tokens: Vec<String> = tokens.iter().map(|t| t.as_ref().to_string()).collect();
        let chart = match self.strategy {
            FeatureStrategy::Earley => self.earley(tokens)?,
            _ => self.agenda(tokens)?,
        };
        self.parses(&chart)
    }

    /// `ChartParser.chart_parse` with an agenda.
    fn agenda(&self, tokens: Vec<String>) -> Result<Chart> {
        let mut chart = Chart::new(tokens);
        self.leaf_init(&mut chart);
        match self.strategy {
            FeatureStrategy::TopDown => {
                self.top_down_init(&mut chart)?;
            }
            _ => {
                self.empty_predict(&mut chart)?;
            }
        }
        let mut agenda: Vec<usize> = (0..chart.edges.len()).rev().collect();
        let mut done = FxHashSet::default();
        while let Some(edge) = agenda.pop() {
            if chart.edges.len() > MAX_CHART_EDGES {
                return Err(too_many_edges());
            }
            match self.strategy {
                FeatureStrategy::BottomUpLeftCorner => {
                    agenda.extend(self.bu_predict_combine(&mut chart, edge)?);
                }
                FeatureStrategy::BottomUp => {
                    agenda.extend(self.bu_predict(&mut chart, edge)?);
                }
                _ => {
                    agenda.extend(self.td_predict(&mut chart, edge, &mut done)?);
                }
            }
            agenda.extend(self.single_edge_fundamental(&mut chart, edge, false)?);
        }
        Ok(chart)
    }

    /// `IncrementalChartParser.chart_parse` with the feature Earley rules.
    fn earley(&self, tokens: Vec<String>) -> Result<Chart> {
        let mut chart = Chart::new(tokens);
        self.leaf_init(&mut chart);
        self.top_down_init(&mut chart)?;
        let mut done = FxHashSet::default();
        for end in 0..=chart.tokens.len() {
            let mut agenda: Vec<usize> = chart.ending_at[end].clone();
            while let Some(edge) = agenda.pop() {
                if chart.edges.len() > MAX_CHART_EDGES {
                    return Err(too_many_edges());
                }
                let mut new = Vec::new();
                // CompleterRule, ScannerRule, PredictorRule.
                let e = &chart.edges[edge];
                // A leaf (scanner) or a complete edge (completer).
                if e.is_complete() {
                    new.extend(self.single_edge_fundamental(&mut chart, edge, false)?);
                } else {
                    new.extend(self.single_edge_fundamental(&mut chart, edge, true)?);
                    new.extend(self.td_predict(&mut chart, edge, &mut done)?);
                }
                agenda.extend(new.into_iter().filter(|&e| chart.edges[e].end == end));
            }
        }
        Ok(chart)
    }

    /// `LeafInitRule`.
    fn leaf_init(&self, chart: &mut Chart) {
        for i in 0..chart.tokens.len() {
            let w = chart.tokens[i].clone();
            let key = self.keys.id(&TypeKey::Str(w.clone()));
            chart.insert(
                Edge {
                    start: i,
                    end: i + 1,
                    kind: Kind::Leaf(w),
                    key,
                    vars: OnceCell::new(),
                },
                vec![Vec::new()],
            );
        }
    }

    /// `FeatureEmptyPredictRule`.
    fn empty_predict(&self, chart: &mut Chart) -> Result<()> {
        for &p in self.grammar.empty_productions() {
            for i in 0..=chart.tokens.len() {
                let e = tree_edge(&self.keys, i, i, &self.prods[p], 0, Bindings::new())?;
                chart.insert(e, vec![Vec::new()]);
            }
        }
        Ok(())
    }

    /// `FeatureTopDownInitRule`.
    fn top_down_init(&self, chart: &mut Chart) -> Result<()> {
        let start = self.keys.id(&type_key(self.grammar.start()));
        for &p in self.prods_by_lhs(start) {
            let e = tree_edge(&self.keys, 0, 0, &self.prods[p], 0, Bindings::new())?;
            chart.insert(e, vec![Vec::new()]);
        }
        Ok(())
    }

    /// `FeatureBottomUpPredictCombineRule`.
    fn bu_predict_combine(&self, chart: &mut Chart, edge: usize) -> Result<Vec<usize>> {
        let e = &chart.edges[edge];
        if !e.is_complete() {
            return Ok(Vec::new());
        }
        let (start, end, key) = (e.start, e.end, e.key);
        let mut found = match &e.kind {
            Kind::Tree { prod, .. } => Some(prod.lhs.clone()),
            Kind::Leaf(_) => None,
        };
        let mut out = Vec::new();
        for &p in self.prods_by_rhs(key) {
            let prod = &self.prods[p];
            let mut bindings = Bindings::new();
            if let Some(f) = &mut found {
                let Some(FeatSymbol::N(next)) = prod.rhs.first() else {
                    continue;
                };
                // NLTK renames the already renamed structure again.
                *f = f.rename_variables(&prod.used)?;
                if !next.unify_succeeds(f, Some(&mut bindings), false)? {
                    continue;
                }
            }
            let new = tree_edge(&self.keys, start, end, prod, 1, bindings)?;
            let (id, modified) = chart.insert(new, vec![vec![edge]]);
            if modified {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// `FeatureBottomUpPredictRule`.
    fn bu_predict(&self, chart: &mut Chart, edge: usize) -> Result<Vec<usize>> {
        let e = &chart.edges[edge];
        if !e.is_complete() {
            return Ok(Vec::new());
        }
        let (start, key, is_tree) = (e.start, e.key, matches!(e.kind, Kind::Tree { .. }));
        let mut out = Vec::new();
        for &p in self.prods_by_rhs(key) {
            if is_tree && !matches!(self.prods[p].rhs.first(), Some(FeatSymbol::N(_))) {
                continue;
            }
            let new = tree_edge(&self.keys, start, start, &self.prods[p], 0, Bindings::new())?;
            let (id, modified) = chart.insert(new, vec![Vec::new()]);
            if modified {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// `FeatureTopDownPredictRule` (cached, as NLTK's
    /// `CachedTopDownPredictRule`).
    fn td_predict(
        &self,
        chart: &mut Chart,
        edge: usize,
        done: &mut FxHashSet<(String, usize)>,
    ) -> Result<Vec<usize>> {
        let e = &chart.edges[edge];
        let Kind::Tree { bindings, .. } = &e.kind else {
            return Ok(Vec::new());
        };
        let Some(FeatSymbol::N(next)) = e.nextsym() else {
            return Ok(Vec::new());
        };
        let index = e.end;
        let with_bindings = next.substitute_bindings(bindings)?;
        let next_key = e.key;
        let cache_key = (with_bindings.repr(), index);
        if done.contains(&cache_key) {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for &p in self.prods_by_lhs(next_key) {
            let prod = &self.prods[p];
            if let Some(FeatSymbol::T(first)) = prod.rhs.first() {
                match chart.tokens.get(index) {
                    Some(w) if w == first => {}
                    _ => continue,
                }
            }
            if prod.lhs.unify_succeeds(&with_bindings, None, true)? {
                let new = tree_edge(&self.keys, index, index, prod, 0, Bindings::new())?;
                let (id, modified) = chart.insert(new, vec![Vec::new()]);
                if modified {
                    out.push(id);
                }
            }
        }
        done.insert(cache_key);
        Ok(out)
    }

    /// `FeatureSingleEdgeFundamentalRule`; with `zero_length`, NLTK's
    /// `FeatureCompleteFundamentalRule` (an incomplete edge only meets
    /// complete edges of no length, as in the Earley parser).
    fn single_edge_fundamental(
        &self,
        chart: &mut Chart,
        edge: usize,
        zero_length: bool,
    ) -> Result<Vec<usize>> {
        let e = &chart.edges[edge];
        let mut out = Vec::new();
        if e.is_complete() {
            let key = (e.start, e.key);
            let mut i = 0;
            while let Some(&left) = chart.waiting_at.get(&key).and_then(|v| v.get(i)) {
                i += 1;
                out.extend(self.fundamental(chart, left, edge)?);
            }
        } else {
            let end = e.end;
            let key = (end, e.key);
            let mut i = 0;
            while let Some(&right) = chart.complete_at.get(&key).and_then(|v| v.get(i)) {
                i += 1;
                if zero_length && chart.edges[right].end != end {
                    continue;
                }
                out.extend(self.fundamental(chart, edge, right)?);
            }
        }
        Ok(out)
    }

    /// `FeatureFundamentalRule`.
    fn fundamental(&self, chart: &mut Chart, left: usize, right: usize) -> Result<Vec<usize>> {
        let (l, r) = (&chart.edges[left], &chart.edges[right]);
        if l.end != r.start || l.is_complete() || !r.is_complete() {
            return Ok(Vec::new());
        }
        let Kind::Tree {
            prod,
            dot,
            bindings,
        } = &l.kind
        else {
            return Ok(Vec::new());
        };
        // The bindings are copied only for a pair that may combine.
        let bindings = match (&r.kind, prod.rhs.get(*dot)) {
            (Kind::Tree { prod: rprod, .. }, Some(FeatSymbol::N(next))) => {
                if rprod.lhs_type.as_ref() != prod.rhs_types.get(*dot).and_then(Option::as_ref) {
                    return Ok(Vec::new());
                }
                let renamed;
                let found = if rprod.lhs.has_substitutable() {
                    renamed = rprod.lhs.rename_variables(l.variables())?;
                    &renamed
                } else {
                    &rprod.lhs
                };
                let mut bindings = (**bindings).clone();
                if !next.unify_succeeds(found, Some(&mut bindings), false)? {
                    return Ok(Vec::new());
                }
                bindings
            }
            (Kind::Leaf(w), Some(FeatSymbol::T(t))) if w == t => (**bindings).clone(),
            _ => return Ok(Vec::new()),
        };
        let new = tree_edge(&self.keys, l.start, r.end, prod, dot + 1, bindings)?;
        let (id, modified) = chart.insert_with_backpointer(new, left, right);
        Ok(if modified { vec![id] } else { Vec::new() })
    }

    /// `FeatureChart.parses(start)`.
    fn parses(&self, chart: &Chart) -> Result<Vec<(Tree, FeatStruct)>> {
        let n = chart.tokens.len();
        let start = self.grammar.start();
        let start_type = start.get(&[TYPE]);
        let mut memo: FxHashMap<usize, Rc<Vec<Tree>>> = FxHashMap::default();
        let mut budget = MAX_PARSE_TREES;
        let mut out = Vec::new();
        for (id, e) in chart.edges.iter().enumerate() {
            let Kind::Tree { prod, .. } = &e.kind else {
                continue;
            };
            let lhs = &prod.lhs;
            if e.start != 0 || e.end != n || prod.lhs_type != start_type {
                continue;
            }
            if !lhs.unify_succeeds(start, None, true)? {
                continue;
            }
            let trees = trees(chart, id, &mut memo, &mut budget, 0)?;
            out.extend(trees.iter().map(|t| (t.clone(), lhs.clone())));
        }
        Ok(out)
    }
}
