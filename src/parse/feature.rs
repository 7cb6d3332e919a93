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
//! nonterminals and bindings print the same (NLTK compares them with `==`).
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

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::featstruct::{Bindings, FeatStruct, FeatValue, TYPE};
use crate::grammar::{type_key, FeatSymbol, FeatureGrammar, TypeKey};
use crate::tree::{Child, Tree};
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

/// The nonterminals of a tree edge (a production's, or the production's
/// with bindings substituted), with their printed form, made once.
#[derive(Debug)]
struct Prod {
    lhs: FeatStruct,
    rhs: Vec<FeatSymbol>,
    /// `repr` of the left-hand side and of each right-hand-side symbol.
    sig: String,
    /// The variables of the left- and right-hand sides (not gathered for
    /// complete edges, which are never asked for them).
    used: Vec<String>,
    /// `_get_type_if_possible` of the left-hand side and of each
    /// right-hand-side symbol.
    lhs_key: TypeKey,
    rhs_keys: Vec<TypeKey>,
    /// The `*type*` value of the left-hand side and of each right-hand-side
    /// nonterminal (`None` for terminals).
    lhs_type: Option<FeatValue>,
    rhs_types: Vec<Option<FeatValue>>,
}

impl Prod {
    fn new(lhs: FeatStruct, rhs: Vec<FeatSymbol>) -> Rc<Prod> {
        Prod::make(lhs, rhs, true)
    }

    /// The nonterminals of a complete edge: the right-hand side's keys and
    /// types are never asked for (there is no next symbol), so not made.
    fn new_complete(lhs: FeatStruct, rhs: Vec<FeatSymbol>) -> Rc<Prod> {
        Prod::make(lhs, rhs, false)
    }

    fn make(lhs: FeatStruct, rhs: Vec<FeatSymbol>, rhs_keys: bool) -> Rc<Prod> {
        let mut sig = lhs.repr();
        // Only incomplete edges (and the grammar's own productions) are
        // asked for their variables.
        let mut used = if rhs_keys {
            lhs.variables()
        } else {
            Vec::new()
        };
        for s in &rhs {
            match s {
                FeatSymbol::N(fs) => {
                    sig.push_str(" N");
                    sig.push_str(&fs.repr());
                    if rhs_keys {
                        used.extend(fs.variables());
                    }
                }
                FeatSymbol::T(w) => {
                    sig.push_str(" T");
                    sig.push_str(&crate::util::py_repr(w));
                }
            }
        }
        used.sort();
        used.dedup();
        let (rhs_keys, rhs_types) = if rhs_keys {
            (
                rhs.iter().map(FeatSymbol::type_key).collect(),
                rhs.iter()
                    .map(|s| match s {
                        FeatSymbol::N(fs) => fs.get(&[TYPE]),
                        FeatSymbol::T(_) => None,
                    })
                    .collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        Rc::new(Prod {
            lhs_key: type_key(&lhs),
            lhs_type: lhs.get(&[TYPE]),
            lhs,
            rhs,
            sig,
            used,
            rhs_keys,
            rhs_types,
        })
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Leaf(String),
    Tree {
        prod: Rc<Prod>,
        dot: usize,
        bindings: Rc<Bindings>,
    },
}

#[derive(Debug, Clone)]
struct Edge {
    start: usize,
    end: usize,
    kind: Kind,
}

impl Edge {
    fn is_complete(&self) -> bool {
        match &self.kind {
            Kind::Leaf(_) => true,
            Kind::Tree { prod, dot, .. } => *dot == prod.rhs.len(),
        }
    }

    fn nextsym(&self) -> Option<&FeatSymbol> {
        match &self.kind {
            Kind::Leaf(_) => None,
            Kind::Tree { prod, dot, .. } => prod.rhs.get(*dot),
        }
    }

    /// `_get_type_if_possible(edge.lhs())`.
    fn lhs_key(&self) -> TypeKey {
        match &self.kind {
            Kind::Leaf(w) => TypeKey::Str(w.clone()),
            Kind::Tree { prod, .. } => prod.lhs_key.clone(),
        }
    }

    /// The category key of the next symbol (`nextsym()`'s type).
    fn next_key(&self) -> Option<TypeKey> {
        match &self.kind {
            Kind::Leaf(_) => None,
            Kind::Tree { prod, dot, .. } => prod.rhs_keys.get(*dot).cloned(),
        }
    }

    /// NLTK's `==` on edges, as a string.
    fn key(&self) -> String {
        use std::fmt::Write;
        match &self.kind {
            Kind::Leaf(w) => format!("L{} {w}", self.start),
            Kind::Tree {
                prod,
                dot,
                bindings,
            } => {
                let mut k = String::with_capacity(prod.sig.len() + 16);
                let _ = write!(k, "T{} {} {dot} ", self.start, self.end);
                k.push_str(&prod.sig);
                for (var, v) in bindings.iter() {
                    k.push(' ');
                    k.push_str(var);
                    k.push(':');
                    k.push_str(&v.repr());
                }
                k
            }
        }
    }

    /// NLTK's `FeatureTreeEdge.variables()`.
    fn variables(&self) -> Vec<String> {
        let Kind::Tree { prod, bindings, .. } = &self.kind else {
            return Vec::new();
        };
        let mut out = prod.used.clone();
        for (k, v) in bindings.iter() {
            out.push(k.clone());
            match v {
                FeatValue::Var(name) => out.push(name.clone()),
                FeatValue::Struct(fs) => out.extend(fs.variables()),
                FeatValue::Expr(e) => {
                    out.extend(e.variables().iter().map(|v| v.name().to_string()))
                }
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// A tree edge made from a production, with NLTK's completion step: a
/// complete edge with bindings has them substituted into its nonterminals.
fn tree_edge(
    start: usize,
    end: usize,
    prod: &Rc<Prod>,
    dot: usize,
    bindings: Bindings,
) -> Result<Edge> {
    if dot == prod.rhs.len() && !bindings.is_empty() {
        let lhs = prod.lhs.substitute_bindings(&bindings)?;
        let rhs = prod
            .rhs
            .iter()
            .map(|s| match s {
                FeatSymbol::N(fs) => fs.substitute_bindings(&bindings).map(FeatSymbol::N),
                t => Ok(t.clone()),
            })
            .collect::<Result<Vec<_>>>()?;
        return Ok(Edge {
            start,
            end,
            kind: Kind::Tree {
                prod: Prod::new_complete(lhs, rhs),
                dot,
                bindings: Rc::new(Bindings::new()),
            },
        });
    }
    Ok(Edge {
        start,
        end,
        kind: Kind::Tree {
            prod: prod.clone(),
            dot,
            bindings: Rc::new(bindings),
        },
    })
}

/// The chart: edges in insertion order, their child-pointer lists, and the
/// indexes NLTK's `select` calls build.
struct Chart {
    tokens: Vec<String>,
    edges: Vec<Edge>,
    ids: FxHashMap<String, usize>,
    cpls: Vec<Vec<Vec<usize>>>,
    cpl_sets: Vec<HashSet<Vec<usize>>>,
    /// `select(start=, is_complete=True, lhs=)`.
    complete_at: HashMap<(usize, TypeKey), Vec<usize>>,
    /// `select(end=, is_complete=False, nextsym=)`.
    waiting_at: HashMap<(usize, TypeKey), Vec<usize>>,
    /// `select(end=)`, for the Earley parser.
    ending_at: Vec<Vec<usize>>,
}

impl Chart {
    fn new(tokens: Vec<String>) -> Chart {
        let n = tokens.len();
        Chart {
            tokens,
            edges: Vec::new(),
            ids: FxHashMap::default(),
            cpls: Vec::new(),
            cpl_sets: Vec::new(),
            complete_at: HashMap::new(),
            waiting_at: HashMap::new(),
            ending_at: vec![Vec::new(); n + 1],
        }
    }

    /// NLTK's `Chart.insert`: the edge's id and whether the chart changed
    /// (a new edge, or a new child-pointer list for a known one).
    fn insert(&mut self, edge: Edge, cpls: Vec<Vec<usize>>) -> (usize, bool) {
        let key = edge.key();
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.edges.len();
                if edge.is_complete() {
                    self.complete_at
                        .entry((edge.start, edge.lhs_key()))
                        .or_default()
                        .push(id);
                } else if let Some(next) = edge.next_key() {
                    self.waiting_at
                        .entry((edge.end, next))
                        .or_default()
                        .push(id);
                }
                if let Some(v) = self.ending_at.get_mut(edge.end) {
                    v.push(id);
                }
                self.ids.insert(key, id);
                self.edges.push(edge);
                self.cpls.push(Vec::new());
                self.cpl_sets.push(HashSet::new());
                id
            }
        };
        let mut modified = false;
        for cpl in cpls {
            if self.cpl_sets[id].insert(cpl.clone()) {
                self.cpls[id].push(cpl);
                modified = true;
            }
        }
        (id, modified)
    }

    /// NLTK's `insert_with_backpointer`.
    fn insert_with_backpointer(&mut self, edge: Edge, left: usize, right: usize) -> (usize, bool) {
        let cpls = self.cpls[left]
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.push(right);
                c
            })
            .collect();
        self.insert(edge, cpls)
    }
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
        let prods = grammar
            .productions()
            .iter()
            .map(|p| Prod::new(p.lhs().clone(), p.rhs().to_vec()))
            .collect();
        FeatureChartParser {
            grammar,
            strategy,
            prods,
        }
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
        let mut done = HashSet::new();
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
        let mut done = HashSet::new();
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
            chart.insert(
                Edge {
                    start: i,
                    end: i + 1,
                    kind: Kind::Leaf(w),
                },
                vec![Vec::new()],
            );
        }
    }

    /// `FeatureEmptyPredictRule`.
    fn empty_predict(&self, chart: &mut Chart) -> Result<()> {
        for &p in self.grammar.empty_productions() {
            for i in 0..=chart.tokens.len() {
                let e = tree_edge(i, i, &self.prods[p], 0, Bindings::new())?;
                chart.insert(e, vec![Vec::new()]);
            }
        }
        Ok(())
    }

    /// `FeatureTopDownInitRule`.
    fn top_down_init(&self, chart: &mut Chart) -> Result<()> {
        for &p in self.grammar.by_lhs(&type_key(self.grammar.start())) {
            let e = tree_edge(0, 0, &self.prods[p], 0, Bindings::new())?;
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
        let (start, end, key) = (e.start, e.end, e.lhs_key());
        let mut found = match &e.kind {
            Kind::Tree { prod, .. } => Some(prod.lhs.clone()),
            Kind::Leaf(_) => None,
        };
        let mut out = Vec::new();
        for &p in self.grammar.by_rhs(&key) {
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
            let new = tree_edge(start, end, prod, 1, bindings)?;
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
        let (start, key, is_tree) = (e.start, e.lhs_key(), matches!(e.kind, Kind::Tree { .. }));
        let mut out = Vec::new();
        for &p in self.grammar.by_rhs(&key) {
            if is_tree && !matches!(self.prods[p].rhs.first(), Some(FeatSymbol::N(_))) {
                continue;
            }
            let new = tree_edge(start, start, &self.prods[p], 0, Bindings::new())?;
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
        done: &mut HashSet<(String, usize)>,
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
        let next_key = type_key(next);
        let cache_key = (with_bindings.repr(), index);
        if done.contains(&cache_key) {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for &p in self.grammar.by_lhs(&next_key) {
            let prod = &self.prods[p];
            if let Some(FeatSymbol::T(first)) = prod.rhs.first() {
                match chart.tokens.get(index) {
                    Some(w) if w == first => {}
                    _ => continue,
                }
            }
            if prod.lhs.unify_succeeds(&with_bindings, None, true)? {
                let new = tree_edge(index, index, prod, 0, Bindings::new())?;
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
            let key = (e.start, e.lhs_key());
            let mut i = 0;
            while let Some(&left) = chart.waiting_at.get(&key).and_then(|v| v.get(i)) {
                i += 1;
                out.extend(self.fundamental(chart, left, edge)?);
            }
        } else {
            let Some(next) = e.next_key() else {
                return Ok(out);
            };
            let end = e.end;
            let key = (end, next);
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
                    renamed = rprod.lhs.rename_variables(&l.variables())?;
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
        let new = tree_edge(l.start, r.end, prod, dot + 1, bindings)?;
        let (id, modified) = chart.insert_with_backpointer(new, left, right);
        Ok(if modified { vec![id] } else { Vec::new() })
    }

    /// `FeatureChart.parses(start)`.
    fn parses(&self, chart: &Chart) -> Result<Vec<(Tree, FeatStruct)>> {
        let n = chart.tokens.len();
        let start = self.grammar.start();
        let start_type = start.get(&[TYPE]);
        let mut memo: HashMap<usize, Rc<Vec<Tree>>> = HashMap::new();
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

enum Sub {
    Leaf(String),
    Trees(Rc<Vec<Tree>>),
}

/// NLTK's `Chart._trees(edge, complete=True)`.
fn trees(
    chart: &Chart,
    edge: usize,
    memo: &mut HashMap<usize, Rc<Vec<Tree>>>,
    budget: &mut usize,
    depth: usize,
) -> Result<Rc<Vec<Tree>>> {
    if let Some(t) = memo.get(&edge) {
        return Ok(t.clone());
    }
    if depth > MAX_TREE_DEPTH {
        return Err(Error::InvalidInput(format!(
            "parse tree deeper than {MAX_TREE_DEPTH} levels"
        )));
    }
    let e = &chart.edges[edge];
    let Kind::Tree { prod, .. } = &e.kind else {
        return Ok(Rc::new(Vec::new()));
    };
    let lhs = &prod.lhs;
    if !e.is_complete() {
        return Ok(Rc::new(Vec::new()));
    }
    memo.insert(edge, Rc::new(Vec::new()));
    let label = lhs.repr();
    let mut out = Vec::new();
    for cpl in &chart.cpls[edge] {
        let mut choices = Vec::with_capacity(cpl.len());
        for &c in cpl {
            choices.push(match &chart.edges[c].kind {
                Kind::Leaf(_) => Sub::Leaf(chart.tokens[chart.edges[c].start].clone()),
                Kind::Tree { .. } => Sub::Trees(trees(chart, c, memo, budget, depth + 1)?),
            });
        }
        // itertools.product, last position varying fastest.
        let sizes: Vec<usize> = choices
            .iter()
            .map(|c| match c {
                Sub::Leaf(_) => 1,
                Sub::Trees(t) => t.len(),
            })
            .collect();
        if sizes.contains(&0) {
            continue;
        }
        let mut idx = vec![0usize; choices.len()];
        loop {
            if *budget == 0 {
                return Err(Error::InvalidInput(format!(
                    "more than {MAX_PARSE_TREES} parse-tree nodes (NLTK's MAX_PARSE_TREES)"
                )));
            }
            *budget -= 1;
            let children = choices
                .iter()
                .zip(&idx)
                .map(|(c, &i)| match c {
                    Sub::Leaf(w) => Child::Leaf(w.clone()),
                    Sub::Trees(t) => Child::Tree(t[i].clone()),
                })
                .collect();
            out.push(Tree::new(label.clone(), children));
            let mut k = idx.len();
            loop {
                if k == 0 {
                    break;
                }
                k -= 1;
                idx[k] += 1;
                if idx[k] < sizes[k] {
                    break;
                }
                idx[k] = 0;
                if k == 0 {
                    k = usize::MAX;
                    break;
                }
            }
            if k == usize::MAX || idx.is_empty() {
                break;
            }
        }
    }
    let out = Rc::new(out);
    memo.insert(edge, out.clone());
    Ok(out)
}
