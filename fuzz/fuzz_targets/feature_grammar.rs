//! Feature-grammar reader on arbitrary text: a grammar or an error; a
//! grammar then parses a few of its own words with the default and the
//! Earley strategy (trees or an error, never a panic or a hang).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::grammar::{FeatSymbol, FeatureGrammar};
use nlkit::parse::{FeatureChartParser, FeatureStrategy};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(g) = FeatureGrammar::fromstring(s) else {
        return;
    };
    let _ = g.to_string();
    let words: Vec<String> = g
        .productions()
        .iter()
        .flat_map(|p| p.rhs().iter())
        .filter_map(|s| match s {
            FeatSymbol::T(w) => Some(w.clone()),
            FeatSymbol::N(_) => None,
        })
        .take(3)
        .collect();
    for strategy in [FeatureStrategy::BottomUpLeftCorner, FeatureStrategy::Earley] {
        if let Ok(trees) = FeatureChartParser::with_strategy(&g, strategy).parse(&words) {
            for t in trees.iter().take(5) {
                let _ = t.pformat(70);
            }
        }
    }
});
