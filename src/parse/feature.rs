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

use std::cell::OnceCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

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

/// The category keys (`_get_type_if_possible`) of a grammar, numbered: the
/// chart's indexes are keyed by these numbers rather than by strings.
struct Keys {
    ids: FxHashMap<TypeKey, u32>,
}

/// The number of a key that no production of the grammar has: no index
/// lookup asks for it (lookups use the grammar's keys), so such edges are
/// not indexed.
const NO_KEY: u32 = u32::MAX;

impl Keys {
    fn id(&self, key: &TypeKey) -> u32 {
        self.ids.get(key).copied().unwrap_or(NO_KEY)
    }
}

/// The nonterminals of a tree edge (a production's, or the production's
/// with bindings substituted), with their printed form, made once.
#[derive(Debug)]
struct Prod {
    lhs: FeatStruct,
    rhs: Vec<FeatSymbol>,
    /// `repr` of the left-hand side and of each right-hand-side symbol.
    sig: String,
    /// Hash of `sig` (complete edges are looked up by it).
    sig_hash: u64,
    /// A grammar production's number, shared by the productions that print
    /// the same (`usize::MAX` for substituted productions).
    canon: usize,
    /// The variables of the left- and right-hand sides (not gathered for
    /// complete edges, which are never asked for them).
    used: Vec<String>,
    /// The numbered `_get_type_if_possible` of the left-hand side and of
    /// each right-hand-side symbol.
    lhs_key: u32,
    rhs_keys: Vec<u32>,
    /// The `*type*` value of the left-hand side and of each right-hand-side
    /// nonterminal (`None` for terminals).
    lhs_type: Option<FeatValue>,
    rhs_types: Vec<Option<FeatValue>>,
}

impl Prod {
    fn new(lhs: FeatStruct, rhs: Vec<FeatSymbol>, keys: &Keys) -> Prod {
        Prod::make(lhs, rhs, true, keys)
    }

    /// The nonterminals of a complete edge: the right-hand side's keys and
    /// types are never asked for (there is no next symbol), so not made.
    fn new_complete(lhs: FeatStruct, rhs: Vec<FeatSymbol>, keys: &Keys) -> Rc<Prod> {
        Rc::new(Prod::make(lhs, rhs, false, keys))
    }

    fn make(lhs: FeatStruct, rhs: Vec<FeatSymbol>, rhs_keys: bool, keys: &Keys) -> Prod {
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
                rhs.iter().map(|s| keys.id(&s.type_key())).collect(),
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
        let mut h = FxHasher::default();
        sig.hash(&mut h);
        Prod {
            lhs_key: keys.id(&type_key(&lhs)),
            lhs_type: lhs.get(&[TYPE]),
            lhs,
            rhs,
            sig,
            sig_hash: h.finish(),
            canon: usize::MAX,
            used,
            rhs_keys,
            rhs_types,
        }
    }
}

/// A complete edge's nonterminals as a hash key: equal when they print the
/// same.
#[derive(Debug, Clone)]
struct Sig(Rc<Prod>);

impl PartialEq for Sig {
    fn eq(&self, other: &Sig) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.sig == other.0.sig
    }
}

impl Eq for Sig {}

impl Hash for Sig {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.sig_hash);
    }
}

/// NLTK's `==` on edges, as a hash key. An incomplete edge's production is
/// always a grammar production (known by its number) and its bindings are
/// printed; a complete edge has no bindings (they were substituted) and is
/// known by its printed nonterminals, which a grammar production has made
/// once and a substituted one when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum EdgeKey {
    Leaf(usize),
    Incomplete {
        start: usize,
        end: usize,
        dot: usize,
        prod: usize,
        bindings: String,
    },
    Complete {
        start: usize,
        end: usize,
        sig: Sig,
    },
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
    /// The numbered category of the left-hand side (complete edges and
    /// leaves) or of the next symbol (incomplete edges).
    key: u32,
    /// `variables()`, made on first use.
    vars: OnceCell<Vec<String>>,
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

    /// NLTK's `==` on edges, as a hash key.
    fn key(&self) -> EdgeKey {
        match &self.kind {
            Kind::Leaf(_) => EdgeKey::Leaf(self.start),
            Kind::Tree { prod, dot, .. } if *dot == prod.rhs.len() => EdgeKey::Complete {
                start: self.start,
                end: self.end,
                sig: Sig(prod.clone()),
            },
            Kind::Tree {
                prod,
                dot,
                bindings,
            } => {
                let mut k = String::new();
                for (var, v) in bindings.iter() {
                    k.push(' ');
                    k.push_str(var);
                    k.push(':');
                    k.push_str(&v.repr());
                }
                EdgeKey::Incomplete {
                    start: self.start,
                    end: self.end,
                    dot: *dot,
                    prod: prod.canon,
                    bindings: k,
                }
            }
        }
    }

    /// NLTK's `FeatureTreeEdge.variables()` (made once per edge).
    fn variables(&self) -> &[String] {
        self.vars.get_or_init(|| self.make_variables())
    }

    fn make_variables(&self) -> Vec<String> {
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
    keys: &Keys,
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
        let prod = Prod::new_complete(lhs, rhs, keys);
        return Ok(Edge {
            start,
            end,
            key: prod.lhs_key,
            kind: Kind::Tree {
                prod,
                dot,
                bindings: Rc::new(Bindings::new()),
            },
            vars: OnceCell::new(),
        });
    }
    let key = if dot == prod.rhs.len() {
        prod.lhs_key
    } else {
        prod.rhs_keys.get(dot).copied().unwrap_or(NO_KEY)
    };
    Ok(Edge {
        start,
        end,
        key,
        kind: Kind::Tree {
            prod: prod.clone(),
            dot,
            bindings: Rc::new(bindings),
        },
        vars: OnceCell::new(),
    })
}

/// The child-pointer lists of one edge, without repeats. Most edges have
/// one or two, so they are compared directly; a set is built only for
/// edges with many.
#[derive(Default)]
struct Cpls {
    lists: Vec<Vec<usize>>,
    set: Option<FxHashSet<Vec<usize>>>,
}

/// Child-pointer lists an edge may have before a set is built for them.
const CPL_SCAN: usize = 16;

impl Cpls {
    /// Adds `cpl` unless the edge has it; whether it was new.
    fn insert(&mut self, cpl: Vec<usize>) -> bool {
        if let Some(set) = &mut self.set {
            if !set.insert(cpl.clone()) {
                return false;
            }
        } else if self.lists.contains(&cpl) {
            return false;
        } else if self.lists.len() >= CPL_SCAN {
            let mut set: FxHashSet<Vec<usize>> = self.lists.iter().cloned().collect();
            set.insert(cpl.clone());
            self.set = Some(set);
        }
        self.lists.push(cpl);
        true
    }
}

/// The chart: edges in insertion order, their child-pointer lists, and the
/// indexes NLTK's `select` calls build.
struct Chart {
    tokens: Vec<String>,
    edges: Vec<Edge>,
    ids: FxHashMap<EdgeKey, usize>,
    cpls: Vec<Cpls>,
    /// `select(start=, is_complete=True, lhs=)`.
    complete_at: FxHashMap<(usize, u32), Vec<usize>>,
    /// `select(end=, is_complete=False, nextsym=)`.
    waiting_at: FxHashMap<(usize, u32), Vec<usize>>,
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
            complete_at: FxHashMap::default(),
            waiting_at: FxHashMap::default(),
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
                // Keys no production has are never looked up.
                if edge.key != NO_KEY {
                    let index = if edge.is_complete() {
                        self.complete_at.entry((edge.start, edge.key))
                    } else {
                        self.waiting_at.entry((edge.end, edge.key))
                    };
                    index.or_default().push(id);
                }
                if let Some(v) = self.ending_at.get_mut(edge.end) {
                    v.push(id);
                }
                self.ids.insert(key, id);
                self.edges.push(edge);
                self.cpls.push(Cpls::default());
                id
            }
        };
        let mut modified = false;
        for cpl in cpls {
            modified |= self.cpls[id].insert(cpl);
        }
        (id, modified)
    }

    /// NLTK's `insert_with_backpointer`.
    fn insert_with_backpointer(&mut self, edge: Edge, left: usize, right: usize) -> (usize, bool) {
        let cpls = self.cpls[left]
            .lists
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

enum Sub {
    Leaf(String),
    Trees(Rc<Vec<Tree>>),
}

/// NLTK's `Chart._trees(edge, complete=True)`.
fn trees(
    chart: &Chart,
    edge: usize,
    memo: &mut FxHashMap<usize, Rc<Vec<Tree>>>,
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
    for cpl in &chart.cpls[edge].lists {
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
