//! Library throughput of a stemmer, for `benches/stem.py`: reads words (one
//! per line) into memory, then times only the stemming loop, as the NLTK side
//! of the benchmark times only `[stem(w) for w in words]`.
//!
//! Usage: `cargo run --release --example stem_bench -- ALGORITHM FILE [ROUNDS]`
//! prints `{"algorithm":…,"words":…,"seconds":…}` (best of ROUNDS, default 3).

use std::time::Instant;

use nlkit::stem::StemmerSpec;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(alg), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: stem_bench ALGORITHM FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(3).map(|r| r.parse()).transpose()?.unwrap_or(3);
    let text = std::fs::read_to_string(file)?;
    let words: Vec<&str> = text.lines().collect();
    let stemmer = StemmerSpec::parse(alg)?.build(false, None)?;
    let mut best = f64::INFINITY;
    let mut checksum = 0usize;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        for w in &words {
            checksum = checksum.wrapping_add(stemmer.stem(w).len());
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{{\"algorithm\":{alg:?},\"words\":{},\"seconds\":{best},\"checksum\":{checksum}}}",
        words.len()
    );
    Ok(())
}
