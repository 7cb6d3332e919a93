//! NLTK's `InsideChartParser`: every parse of a sentence under a PCFG that
//! its search finds, each with its probability, most probable first; with
//! NLTK's `beam_size` (0 = no beam, every parse).
//!
//! Parsing runs NLTK's agenda search ([`BottomUpProbabilisticChartParser`]
//! with [`QueueOrder::Inside`]), so parses, probabilities and their order,
//! ties included, are NLTK's. Counting parses without their probabilities
//! uses the packed forest ([`InsideChartParser::forest`]).

use super::pchart::{BottomUpProbabilisticChartParser, QueueOrder};
use super::{ChartParser, ViterbiParse};
use crate::grammar::PCFG;
use crate::Result;

/// NLTK's `InsideChartParser(grammar, beam_size)`.
///
/// # Example
/// ```
/// use nlkit::grammar::PCFG;
/// use nlkit::parse::InsideChartParser;
/// let g = PCFG::fromstring(
///     "S -> NP VP [1.0]\nVP -> V NP [0.7] | VP PP [0.3]\nNP -> NP PP [0.2] | 'I' [0.4] | 'him' [0.2] | 'park' [0.2]\n\
///      PP -> P NP [1.0]\nV -> 'saw' [1.0]\nP -> 'in' [1.0]",
/// ).unwrap();
/// let words = ["I", "saw", "him", "in", "park"];
/// let parses = InsideChartParser::new(&g).parse(&words, None).unwrap();
/// assert_eq!(parses.len(), 2);
/// assert!(parses[0].prob >= parses[1].prob);
/// assert_eq!(parses[0].tree.to_string(), "(S (NP I) (VP (VP (V saw) (NP him)) (PP (P in) (NP park))))");
/// // NLTK's beam_size=4 prunes the queue too hard for any parse
/// assert!(InsideChartParser::new(&g).with_beam(4).parse(&words, None).unwrap().is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct InsideChartParser {
    chart: ChartParser,
    search: BottomUpProbabilisticChartParser,
}

impl InsideChartParser {
    /// A parser for `grammar`, without a beam.
    pub fn new(grammar: &PCFG) -> Self {
        InsideChartParser {
            chart: ChartParser::new(grammar.cfg()),
            search: BottomUpProbabilisticChartParser::new(grammar, QueueOrder::Inside, 0),
        }
    }

    /// The same parser keeping at most `beam_size` edges in its queue
    /// (NLTK's `beam_size`; 0 = no beam).
    pub fn with_beam(self, beam_size: usize) -> Self {
        let search = BottomUpProbabilisticChartParser::new(
            self.search.grammar(),
            QueueOrder::Inside,
            beam_size,
        );
        InsideChartParser { search, ..self }
    }

    /// The packed forest of all parses (for counting them without their
    /// probabilities; the beam does not apply).
    ///
    /// # Errors
    /// As [`ChartParser::forest`].
    pub fn forest<S: AsRef<str>>(&self, tokens: &[S]) -> Result<super::Forest> {
        self.chart.forest(tokens)
    }

    /// The parses with their probabilities, most probable first, in NLTK's
    /// order; the first `max_trees` of them when given.
    ///
    /// # Errors
    /// As [`BottomUpProbabilisticChartParser::parse`].
    pub fn parse<S: AsRef<str>>(
        &self,
        tokens: &[S],
        max_trees: Option<u128>,
    ) -> Result<Vec<ViterbiParse>> {
        let mut parses = self.search.parse(tokens)?;
        if let Some(m) = max_trees {
            parses.truncate(usize::try_from(m).unwrap_or(usize::MAX));
        }
        Ok(parses)
    }
}
