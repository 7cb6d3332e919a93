//! Scores metric cases for `scripts/parity/translate.py` and
//! `benches/translate.py`: reads JSON cases (one per line) on stdin, writes
//! one JSON result per line: `{"scores": [...]}` or `{"error": "..."}`.
//!
//! A case: `{"metric": "bleu"|"gleu"|"chrf"|"nist"|"ribes"|"meteor",
//! "level": "sentence"|"corpus", "refs": [...], "hyps": [...], ...params}`
//! with `refs` a list (per segment) of token lists, or for chrF a list of
//! strings. With `--time ROUNDS` it prints `{"seconds": best}` instead: the
//! time to score every case (already parsed) ROUNDS times, best of.
//!
//! Usage: `cargo run --release --example translate_eval [-- --time 3] < cases.jsonl`

use std::io::{BufRead, Write};
use std::time::Instant;

use nlkit::translate::{
    corpus_bleu, corpus_chrf, corpus_gleu, corpus_nist, corpus_ribes, sentence_bleu, sentence_chrf,
    sentence_gleu, sentence_nist, sentence_ribes, Bleu, Chrf, Meteor, Smoothing, SmoothingFunction,
};
use serde_json::{json, Value};

type Tokens = Vec<String>;

fn get<T: serde::de::DeserializeOwned>(v: &Value, k: &str) -> Option<T> {
    v.get(k)
        .and_then(|x| serde_json::from_value(x.clone()).ok())
}

enum Case {
    Tok {
        metric: String,
        sentence: bool,
        refs: Vec<Vec<Tokens>>,
        hyps: Vec<Tokens>,
        v: Value,
    },
    Chrf {
        sentence: bool,
        refs: Vec<String>,
        hyps: Vec<String>,
        chrf: Chrf,
    },
}

fn parse(v: Value) -> Result<Case, String> {
    let metric: String = get(&v, "metric").ok_or("no metric")?;
    let sentence = get::<String>(&v, "level").as_deref() == Some("sentence");
    if metric == "chrf" {
        let d = Chrf::default();
        let chrf = Chrf {
            min_len: get(&v, "min_len").unwrap_or(d.min_len),
            max_len: get(&v, "max_len").unwrap_or(d.max_len),
            beta: get(&v, "beta").unwrap_or(d.beta),
            ignore_whitespace: get(&v, "ignore_whitespace").unwrap_or(true),
        };
        return Ok(Case::Chrf {
            sentence,
            refs: get(&v, "refs").ok_or("bad refs")?,
            hyps: get(&v, "hyps").ok_or("bad hyps")?,
            chrf,
        });
    }
    Ok(Case::Tok {
        metric,
        sentence,
        refs: get(&v, "refs").ok_or("bad refs")?,
        hyps: get(&v, "hyps").ok_or("bad hyps")?,
        v,
    })
}

fn eval(case: &Case, meteor: &mut Option<Meteor>) -> nlkit::Result<Vec<f64>> {
    let (metric, sentence, refs, hyps, v) = match case {
        Case::Chrf {
            sentence,
            refs,
            hyps,
            chrf,
        } => {
            return if *sentence && refs.len() == 1 && hyps.len() == 1 {
                sentence_chrf(&refs[0], &hyps[0], chrf).map(|s| vec![s])
            } else {
                corpus_chrf(refs, hyps, chrf).map(|s| vec![s])
            }
        }
        Case::Tok {
            metric,
            sentence,
            refs,
            hyps,
            v,
        } => (
            metric.as_str(),
            *sentence && refs.len() == 1 && hyps.len() == 1,
            refs,
            hyps,
            v,
        ),
    };
    match metric {
        "bleu" => {
            let b = Bleu {
                weights: get(v, "weights").unwrap_or_else(|| vec![vec![0.25; 4]]),
                smoothing: SmoothingFunction {
                    method: Smoothing::from_index(get(v, "smoothing").unwrap_or(0))?,
                    ..Default::default()
                },
                auto_reweigh: get(v, "auto_reweigh").unwrap_or(false),
            };
            let r = if sentence {
                sentence_bleu(&refs[0], &hyps[0], &b)?
            } else {
                corpus_bleu(refs, hyps, &b)?
            };
            Ok(r.scores)
        }
        "gleu" => {
            let (lo, hi) = (
                get(v, "min_len").unwrap_or(1),
                get(v, "max_len").unwrap_or(4),
            );
            if sentence {
                sentence_gleu(&refs[0], &hyps[0], lo, hi).map(|s| vec![s])
            } else {
                corpus_gleu(refs, hyps, lo, hi).map(|s| vec![s])
            }
        }
        "nist" => {
            let n = get(v, "n").unwrap_or(5);
            if sentence {
                sentence_nist(&refs[0], &hyps[0], n).map(|s| vec![s])
            } else {
                corpus_nist(refs, hyps, n).map(|s| vec![s])
            }
        }
        "ribes" => {
            let (a, b) = (
                get(v, "alpha").unwrap_or(0.25),
                get(v, "beta").unwrap_or(0.10),
            );
            if sentence {
                sentence_ribes(&refs[0], &hyps[0], a, b).map(|s| vec![s])
            } else {
                corpus_ribes(refs, hyps, a, b).map(|s| vec![s])
            }
        }
        "meteor" => {
            if meteor.is_none() {
                *meteor = Some(Meteor::load(None)?);
            }
            let m = meteor
                .as_ref()
                .ok_or_else(|| nlkit::Error::InvalidInput("no wordnet".into()))?;
            let mut out = Vec::new();
            for (r, h) in refs.iter().zip(hyps) {
                out.push(m.meteor_score(r, h)?);
            }
            Ok(out)
        }
        m => Err(nlkit::Error::InvalidInput(format!("unknown metric {m}"))),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rounds: Option<usize> = match args.get(1).map(String::as_str) {
        Some("--time") => Some(args.get(2).map(|r| r.parse()).transpose()?.unwrap_or(3)),
        _ => None,
    };
    let mut cases = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        cases.push(parse(serde_json::from_str(&line)?));
    }
    let mut meteor = None;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(rounds) = rounds {
        let mut best = f64::INFINITY;
        let mut checksum = 0.0;
        for _ in 0..rounds.max(1) {
            let t = Instant::now();
            for c in cases.iter().flatten() {
                if let Ok(s) = eval(c, &mut meteor) {
                    checksum += s.iter().sum::<f64>();
                }
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        writeln!(
            out,
            "{}",
            json!({"seconds": best, "cases": cases.len(), "checksum": checksum})
        )?;
        return Ok(());
    }
    for c in &cases {
        let r = match c {
            Err(e) => json!({ "error": format!("bad case: {e}") }),
            Ok(c) => match eval(c, &mut meteor) {
                Ok(s) => json!({ "scores": s }),
                Err(e) => json!({ "error": e.to_string() }),
            },
        };
        writeln!(out, "{r}")?;
    }
    Ok(())
}
