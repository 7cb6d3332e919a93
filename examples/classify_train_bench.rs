//! Times `NaiveBayesClassifier::train` alone (in memory, best of N runs)
//! on a JSONL file of labeled feature sets, for `benches/classify.py`.
//!
//! Run: `cargo run --release --features cli --example classify_train_bench -- FILE [RUNS]`

use std::time::Instant;

use nlkit::classify::{read_jsonl, NaiveBayesClassifier};

fn main() -> nlkit::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "-".into());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let t0 = Instant::now();
    let f = nlkit::io::open_input(std::path::Path::new(&path))?;
    let data: Vec<_> = read_jsonl(f, &path, true)?
        .into_iter()
        .filter_map(|(f, l)| Some((f, l?)))
        .collect();
    let read = t0.elapsed().as_secs_f64();
    let mut best = f64::INFINITY;
    let mut labels = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let nb = NaiveBayesClassifier::train(&data)?;
        best = best.min(t.elapsed().as_secs_f64());
        labels = nlkit::classify::ClassifierI::labels(&nb).len();
    }
    println!(
        "examples\t{}\nlabels\t{labels}\nread\t{read:.6}\ntrain\t{best:.6}",
        data.len()
    );
    Ok(())
}
