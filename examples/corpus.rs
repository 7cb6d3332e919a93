//! Corpus readers and frequency distributions over an NLTK data folder.
//!
//! Run: `cargo run --example corpus -- brown` (needs the corpus:
//! `nlkit download brown`, or `NLTK_DATA` pointing at a data folder).

use nlkit::probability::FreqDist;

fn main() -> nlkit::Result<()> {
    let id = std::env::args().nth(1).unwrap_or_else(|| "brown".into());
    let corpus = nlkit::corpus::open_corpus(&id, None)?;
    let mut fd = FreqDist::new();
    let mut n = 0usize;
    for w in corpus.words(None) {
        fd.inc(w?.to_lowercase());
        n += 1;
    }
    println!("{id}: {n} tokens, {} types", fd.b());
    for (w, c) in fd.most_common(Some(10)) {
        println!("{w}\t{c}");
    }
    Ok(())
}
