//! Library throughput of feature-structure unification, for
//! `benches/featgram.py`: reads pairs of structures (`A<TAB>B` per line, NLTK's
//! `repr()` syntax) into memory, then times only `unify` + `repr` of each
//! pair, as the NLTK side of the benchmark times only
//! `[repr(unify(a, b)) for a, b in pairs]` on structures already read.
//!
//! Usage: `cargo run --release --example featstruct_unify_bench -- FILE [ROUNDS]`
//! writes `repr(unify(a, b))` per pair (`None` on a conflict, as
//! `nlkit featstruct unify`) to stdout, then
//! `{"pairs":…,"seconds":…,"cpu_seconds":…}` (best of ROUNDS, default 3)
//! to stderr. CPU seconds are this thread's run time from
//! `/proc/thread-self/schedstat` (wall seconds where that is missing).
//! Build it with `--features cli` to get the binary's allocator (mimalloc).

use std::io::Write;
use std::time::Instant;

use nlkit::featstruct::FeatStruct;

// The allocator of the `nlkit` binary (src/main.rs), so the loop allocates
// as `nlkit featstruct unify` does.
#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// This thread's CPU time in seconds, when the kernel reports it.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn unify_repr(a: &FeatStruct, b: &FeatStruct) -> String {
    match a.unify(b) {
        Ok(Some(u)) => u.repr(),
        Ok(None) => "None".to_string(),
        Err(e) => format!("error: {e}"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // As the `nlkit` binary (src/main.rs): freed memory is kept for reuse
    // (mimalloc's `mi_option_purge_delay`, 15, set to -1) rather than
    // handed back to the system, so each round does not fault it in again.
    #[cfg(feature = "cli")]
    // SAFETY: first thing in `main`, before any other thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(15, -1)
    };
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: featstruct_unify_bench FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).map(|r| r.parse()).transpose()?.unwrap_or(3);
    let text = std::fs::read_to_string(file)?;
    let mut pairs = Vec::new();
    for line in text.lines() {
        let (a, b) = line.split_once('\t').ok_or("expected A<TAB>B")?;
        pairs.push((FeatStruct::fromstring(a)?, FeatStruct::fromstring(b)?));
    }
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut out = Vec::new();
    for _ in 0..rounds.max(1) {
        let (t, c) = (Instant::now(), cpu_seconds());
        out = pairs.iter().map(|(a, b)| unify_repr(a, b)).collect();
        let wall = t.elapsed().as_secs_f64();
        best = best.min(wall);
        best_cpu = best_cpu.min(match (c, cpu_seconds()) {
            (Some(c0), Some(c1)) => c1 - c0,
            _ => wall,
        });
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for line in &out {
        writeln!(stdout, "{line}")?;
    }
    stdout.flush()?;
    eprintln!(
        "{{\"pairs\":{},\"seconds\":{best:.6},\"cpu_seconds\":{best_cpu:.6}}}",
        pairs.len()
    );
    Ok(())
}
