//! A custom pipeline built in Rust: nlkit's sentence splitter, tokenizer and
//! taggers, plus a stage written here, outside the crate, that marks the
//! tokens WordNet-free "content words" by their Penn tag.
//!
//! Run: `cargo run --example pipeline -- "Some text. More text."`

use nlkit::pipeline::{Pipeline, SentenceRecord, Stage};
use nlkit::prelude::*;

/// Marks nouns, verbs, adjectives and adverbs (column `content`), reading
/// the Penn Treebank tags an earlier stage wrote (column `tags`).
struct ContentWords;

impl Stage for ContentWords {
    fn name(&self) -> &str {
        "content"
    }

    fn reads(&self) -> Vec<String> {
        vec!["tags".into()]
    }

    fn process(&self, sentences: &mut [SentenceRecord]) -> nlkit::Result<()> {
        for s in sentences {
            let marks = s
                .column("tags")
                .unwrap_or_default()
                .iter()
                .map(|t| {
                    let content = ["NN", "VB", "JJ", "RB"].iter().any(|p| t.starts_with(p));
                    if content { "Y" } else { "N" }.to_string()
                })
                .collect();
            s.set_column("content", marks);
        }
        Ok(())
    }
}

fn main() -> nlkit::Result<()> {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "The quick brown fox jumped. It was not lazy at all.".into());
    let pipeline = Pipeline::builder()
        .tag("tags", Box::new(nlkit::tag::default_english_xpos()?))
        .stage(Box::new(ContentWords))
        .build()?;
    for record in pipeline.process("example", 0, &text)? {
        println!(
            "{}",
            serde_json::to_string(&record).map_err(|e| nlkit::Error::Json {
                context: "record".into(),
                source: e,
            })?
        );
    }
    // NLTK's front door gives the same tags:
    let words = word_tokenize(&text);
    println!("{:?}", pos_tag(&words)?);
    Ok(())
}
