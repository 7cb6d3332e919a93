//! Stemmers and the WordNet lemmatizer.
//!
//! Run: `cargo run --example stem -- running geese better` (the lemmatizer
//! needs WordNet: `nlkit download wordnet`, or `NLTK_DATA` pointing at it).

use nlkit::prelude::*;
use nlkit::stem::{LancasterStemmer, SnowballLanguage, SnowballStemmer};
use nlkit::wordnet::Pos;

fn main() {
    let mut words: Vec<String> = std::env::args().skip(1).collect();
    if words.is_empty() {
        words = ["running", "geese", "generously", "better"]
            .map(String::from)
            .to_vec();
    }
    let porter = PorterStemmer::default();
    let lancaster = LancasterStemmer::new(false);
    let snowball = SnowballStemmer::new(SnowballLanguage::English);
    let lemmatizer = WordNetLemmatizer::load(None);
    for w in &words {
        let lemma = match &lemmatizer {
            Ok(l) => l
                .lemmatize(w, Pos::Noun)
                .map(|s| s.to_string())
                .unwrap_or_else(|e| e.to_string()),
            Err(_) => "(no WordNet installed)".to_string(),
        };
        println!(
            "{w}: porter={} lancaster={} snowball={} lemma={lemma}",
            porter.stem(w),
            lancaster.stem(w),
            snowball.stem(w)
        );
    }
}
