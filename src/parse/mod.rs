//! Parsers for context-free grammars, as NLTK's `nltk.parse`:
//! [`ChartParser`] (NLTK's `ChartParser` with any of its strategies,
//! `BottomUpChartParser`, `BottomUpLeftCornerChartParser`,
//! `TopDownChartParser`, `LeftCornerChartParser`, `EarleyChartParser`) and
//! [`ViterbiParser`] for PCFGs.
//!
//! NLTK's chart strategies differ in which edges they build and in the
//! order of the trees they return, but (for grammars without cycles) not in
//! the set of trees: every one of them finds every parse. nlkit therefore
//! answers all of them with one algorithm, a bottom-up chart over a packed
//! parse forest ([`Forest`]): counting parses multiplies through the forest
//! and never enumerates them, and trees are read off lazily.
//!
//! Differences from NLTK: trees come in the forest's order, not NLTK's; NLTK
//! refuses to build more than `MAX_PARSE_TREES` (10^6) tree nodes per root
//! edge, nlkit enumerates as many as asked for; on grammars with cycles the
//! cycle cut is NLTK's but in nlkit's edge order (see [`Forest`]).
//! [`ShiftReduceParser`] is NLTK's greedy procedure (at most one parse, may
//! miss parses). [`RecursiveDescentParser`] is NLTK's top-down backtracking
//! search, with NLTK's order of trees. [`ProjectiveDependencyParser`] parses
//! with a word-to-word [`crate::grammar::DependencyGrammar`];
//! [`InsideChartParser`] gives every PCFG parse with its probability, and
//! [`BottomUpProbabilisticChartParser`] runs NLTK's other agenda orders
//! (longest, random, unsorted), all with NLTK's optional beam.
//! [`FeatureChartParser`] parses with a [`crate::grammar::FeatureGrammar`]
//! as NLTK's `FeatureChartParser` / `FeatureEarleyChartParser` do, edge by
//! edge, so trees come in NLTK's order.
//!
//! # Example
//! ```
//! use nlkit::grammar::CFG;
//! use nlkit::parse::ChartParser;
//! let g = CFG::fromstring(
//!     "S -> NP VP\nVP -> V NP | VP PP\nNP -> NP PP | 'I' | 'him' | 'park'\nPP -> P NP\nV -> 'saw'\nP -> 'in'",
//! ).unwrap();
//! let parser = ChartParser::new(&g);
//! let forest = parser.forest(&["I", "saw", "him", "in", "park"]).unwrap();
//! assert_eq!(forest.count(), Some(2));
//! let trees: Vec<String> = forest.trees().map(|t| t.to_string()).collect();
//! assert!(trees.contains(&"(S (NP I) (VP (VP (V saw) (NP him)) (PP (P in) (NP park))))".to_string()));
//! ```

mod feature;
mod forest;
mod forest_strings;
mod grammar_index;
mod inside;
mod pchart;
mod projective;
mod recursive_descent;
mod shift_reduce;
mod viterbi;

pub use feature::{
    FeatureChartParser, FeatureStrategy, MAX_CHART_EDGES as FEATURE_MAX_CHART_EDGES,
    MAX_TREE_DEPTH as FEATURE_MAX_TREE_DEPTH,
};
pub use forest::Forest;
pub use forest_strings::{BracketEscape, BracketStrings};
pub use inside::InsideChartParser;
pub use pchart::{
    BottomUpProbabilisticChartParser, QueueOrder, MAX_EDGES as PCHART_MAX_EDGES,
    MAX_NODES as PCHART_MAX_NODES,
};
pub use projective::{ProjectiveDependencyParser, MAX_TOKENS as PROJECTIVE_MAX_TOKENS};
pub use recursive_descent::{RecursiveDescentParser, RecursiveDescentParses};
pub use shift_reduce::ShiftReduceParser;
pub use viterbi::{ViterbiParse, ViterbiParser};

use grammar_index::ChartGrammar;

use crate::grammar::CFG;
use crate::{Error, Result};

/// NLTK's parser names, as `nlkit parse --parser` takes them.
///
/// # Example
/// ```
/// use nlkit::parse::ParserKind;
/// assert_eq!(ParserKind::from_name("earley").unwrap(), ParserKind::Earley);
/// assert_eq!(ParserKind::from_name("recursive-descent").unwrap(), ParserKind::RecursiveDescent);
/// assert!(ParserKind::from_name("cyk").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParserKind {
    /// `ChartParser` with its default strategy (bottom-up left-corner).
    Chart,
    /// `BottomUpChartParser`.
    BottomUp,
    /// `TopDownChartParser`.
    TopDown,
    /// `LeftCornerChartParser`.
    LeftCorner,
    /// `EarleyChartParser`.
    Earley,
    /// `ViterbiParser` (PCFG; the most probable tree).
    Viterbi,
    /// `ShiftReduceParser` (greedy; at most one tree).
    ShiftReduce,
    /// `RecursiveDescentParser` (top-down, backtracking; NLTK's tree order).
    RecursiveDescent,
    /// `ProjectiveDependencyParser` (a dependency grammar; every projective
    /// dependency tree).
    ProjectiveDependency,
    /// `InsideChartParser` (PCFG; every parse its search finds, most
    /// probable first).
    Inside,
    /// `LongestChartParser` (PCFG; longest edge first).
    Longest,
    /// `RandomChartParser` (PCFG; a random edge next).
    Random,
    /// `UnsortedChartParser` (PCFG; the newest edge next).
    Unsorted,
}

/// The names [`ParserKind::from_name`] accepts.
pub const PARSER_NAMES: &str =
    "chart, bottom-up, top-down, left-corner, earley, viterbi, inside, longest, random, unsorted, shift-reduce, recursive-descent, projective-dependency";

impl ParserKind {
    /// The kind for a CLI name.
    ///
    /// # Errors
    /// [`Error::UnknownName`] for other names.
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name {
            "chart" | "bottom-up-left-corner" => ParserKind::Chart,
            "bottom-up" => ParserKind::BottomUp,
            "top-down" => ParserKind::TopDown,
            "left-corner" => ParserKind::LeftCorner,
            "earley" => ParserKind::Earley,
            "viterbi" => ParserKind::Viterbi,
            "shift-reduce" => ParserKind::ShiftReduce,
            "recursive-descent" => ParserKind::RecursiveDescent,
            "projective-dependency" | "dependency" => ParserKind::ProjectiveDependency,
            "inside" => ParserKind::Inside,
            "longest" => ParserKind::Longest,
            "random" => ParserKind::Random,
            "unsorted" => ParserKind::Unsorted,
            _ => {
                return Err(Error::UnknownName {
                    kind: "parser",
                    name: name.into(),
                    expected: PARSER_NAMES.into(),
                })
            }
        })
    }

    /// True for the parsers that need a PCFG.
    pub fn is_probabilistic(self) -> bool {
        matches!(
            self,
            ParserKind::Viterbi
                | ParserKind::Inside
                | ParserKind::Longest
                | ParserKind::Random
                | ParserKind::Unsorted
        )
    }
}

/// NLTK's `ChartParser` (any strategy; see the module docs): all parses of
/// a sentence as a packed [`Forest`].
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// use nlkit::parse::ChartParser;
/// let g = CFG::fromstring("S -> 'a' S | 'a'").unwrap();
/// let p = ChartParser::new(&g);
/// let trees: Vec<String> = p.parse(&["a", "a"]).unwrap().map(|t| t.to_string()).collect();
/// assert_eq!(trees, ["(S a (S a))"]);
/// assert!(p.parse(&["b"]).is_err()); // not covered
/// ```
#[derive(Debug, Clone)]
pub struct ChartParser {
    grammar: CFG,
    chart: ChartGrammar,
}

impl ChartParser {
    /// A parser for `grammar`.
    pub fn new(grammar: &CFG) -> Self {
        ChartParser {
            grammar: grammar.clone(),
            chart: ChartGrammar::new(grammar),
        }
    }

    /// The grammar.
    pub fn grammar(&self) -> &CFG {
        &self.grammar
    }

    /// The packed forest of all parses of `tokens`.
    ///
    /// # Errors
    /// NLTK's `check_coverage` error when a token is no terminal of the
    /// grammar; an error for cyclic forests nested too deeply to unfold.
    pub fn forest<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Forest> {
        self.grammar.check_coverage(tokens)?;
        let syms: Vec<u32> = tokens
            .iter()
            .map(|t| {
                self.chart
                    .terminals
                    .get(t.as_ref())
                    .copied()
                    .unwrap_or(u32::MAX)
            })
            .collect();
        let toks = tokens.iter().map(|t| t.as_ref().to_string()).collect();
        Forest::build(&self.chart, toks, &syms)
    }

    /// All parse trees of `tokens`, lazily (NLTK's `parse`).
    ///
    /// # Errors
    /// As [`ChartParser::forest`].
    pub fn parse<S: AsRef<str>>(
        &self,
        tokens: &[S],
    ) -> Result<impl Iterator<Item = crate::tree::Tree>> {
        let f = self.forest(tokens)?;
        let total = f.count().unwrap_or(u128::MAX);
        Ok((0..total).map_while(move |k| f.tree(k)))
    }
}
