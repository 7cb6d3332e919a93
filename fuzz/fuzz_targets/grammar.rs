//! NLTK grammar text: read arbitrary text as a CFG and a PCFG; whatever
//! reads is parsed on a few of its own words (chart forest: count and first
//! trees; the recursive-descent parser's first trees; Viterbi and the beam-searching
//! probabilistic chart parsers for PCFGs), so
//! cycles, left recursion and empty rules are exercised too. The same text
//! is read as a dependency grammar and parsed projectively.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::grammar::{DependencyGrammar, Symbol, CFG, PCFG};
use nlkit::parse::{
    BottomUpProbabilisticChartParser, BracketEscape, ChartParser, ProjectiveDependencyParser,
    QueueOrder, RecursiveDescentParser, ViterbiParser,
};

fn words(g: &CFG) -> Vec<String> {
    g.productions()
        .iter()
        .flat_map(|p| p.rhs().iter())
        .filter_map(|s| match s {
            Symbol::T(t) => Some(t.clone()),
            Symbol::N(_) => None,
        })
        .take(6)
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(g) = CFG::fromstring(text) {
        let _ = g.is_chomsky_normal_form();
        let toks = words(&g);
        if let Ok(f) = ChartParser::new(&g).forest(&toks) {
            let _ = f.count();
            // the strings read straight off the forest are the trees' own
            let mut strings = f.bracket_strings(BracketEscape::Plain);
            for t in f.trees().take(5) {
                assert_eq!(strings.next_tree(), Some(t.to_string().as_str()));
            }
        }
        if let Ok(parses) = RecursiveDescentParser::new(&g).parse(&toks) {
            for t in parses.take(5) {
                let _ = t.map(|t| t.to_string());
            }
        }
    }
    if let Ok(g) = DependencyGrammar::fromstring(text) {
        let toks: Vec<&str> = g
            .productions()
            .iter()
            .flat_map(|p| std::iter::once(p.lhs.as_str()).chain(p.rhs.iter().map(String::as_str)))
            .take(6)
            .collect();
        if let Ok(trees) = ProjectiveDependencyParser::new(&g).parse(&toks) {
            assert!(trees
                .iter()
                .all(|t| !t.label().is_empty() || toks.contains(&"")));
        }
    }
    if let Ok(g) = PCFG::fromstring(text) {
        let toks = words(g.cfg());
        let _ = ViterbiParser::new(&g).parse(&toks);
        for order in [QueueOrder::Inside, QueueOrder::Random(1)] {
            if let Ok(parses) = BottomUpProbabilisticChartParser::new(&g, order, 8).parse(&toks) {
                assert!(parses.windows(2).all(|w| w[0].prob >= w[1].prob));
            }
        }
    }
});
