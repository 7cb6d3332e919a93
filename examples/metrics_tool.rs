//! Runs nlkit's metrics on JSON cases, for `scripts/parity/metrics.py` and
//! `benches/metrics.py`.
//!
//! `metrics_tool parity < cases.jsonl`: one JSON case per line
//! (`{"fn": NAME, ...arguments}`), one JSON answer per line
//! (`{"value": …}` or `{"error": "…"}`).
//! `metrics_tool bench-edit FILE [ROUNDS]`: FILE holds `s1<TAB>s2` lines;
//! times `edit_distance` over all pairs (best of ROUNDS) and prints
//! `{"pairs":…,"seconds":…,"checksum":…}`.

use std::collections::{BTreeSet, HashSet};
use std::io::{BufRead, Write};
use std::time::Instant;

use nlkit::metrics::agreement::AnnotationTask;
use nlkit::metrics::distance as d;
use nlkit::metrics::{scores, segmentation, ConfusionMatrix, PrettyFormatOptions};
use nlkit::util::ngrams;
use serde_json::{json, Value};

type Res = Result<Value, String>;

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}
fn u(v: &Value, k: &str) -> usize {
    v[k].as_u64().unwrap_or(0) as usize
}
fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}
fn set(v: &Value) -> HashSet<String> {
    strs(v).into_iter().collect()
}
fn e<T>(r: nlkit::Result<T>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

fn task_value(t: &AnnotationTask<impl Eq + std::hash::Hash + Clone + 'static>, what: &str) -> Res {
    let x = match what {
        "kappa" => t.kappa(),
        "multi_kappa" => t.multi_kappa(),
        "pi" => t.pi(),
        "S" => t.s(),
        "alpha" => t.alpha(),
        "avg_Ao" => t.avg_ao(),
        "weighted_kappa" => t.weighted_kappa(1.0),
        _ => return Err(format!("unknown coefficient {what}")),
    };
    e(x).map(|v| json!(v))
}

fn run(v: &Value) -> Res {
    let f = v["fn"].as_str().unwrap_or_default();
    match f {
        "edit_distance" => e(d::edit_distance(
            &s(v, "s1"),
            &s(v, "s2"),
            u(v, "sub"),
            v["trans"].as_bool().unwrap_or(false),
        ))
        .map(|x| json!(x)),
        "edit_distance_align" => e(d::edit_distance_align(
            &s(v, "s1"),
            &s(v, "s2"),
            u(v, "sub"),
        ))
        .map(|x| json!(x.iter().map(|&(a, b)| [a, b]).collect::<Vec<_>>())),
        "jaro_similarity" => e(d::jaro_similarity(&s(v, "s1"), &s(v, "s2"))).map(|x| json!(x)),
        "jaro_winkler_similarity" => e(d::jaro_winkler_similarity(
            &s(v, "s1"),
            &s(v, "s2"),
            v["p"].as_f64().unwrap_or(0.1),
            u(v, "max_l"),
        ))
        .map(|x| json!(x)),
        "binary_distance" => Ok(json!(d::binary_distance(&v["a"], &v["b"]))),
        "jaccard_distance" => {
            e(d::jaccard_distance(&set(&v["a"]), &set(&v["b"]))).map(|x| json!(x))
        }
        "masi_distance" => e(d::masi_distance(&set(&v["a"]), &set(&v["b"]))).map(|x| json!(x)),
        "interval_distance" => Ok(json!(d::interval_distance(
            v["a"].as_f64().unwrap_or(0.0),
            v["b"].as_f64().unwrap_or(0.0)
        ))),
        "precision" => Ok(json!(scores::precision(&set(&v["a"]), &set(&v["b"])))),
        "recall" => Ok(json!(scores::recall(&set(&v["a"]), &set(&v["b"])))),
        "f_measure" => Ok(json!(scores::f_measure(
            &set(&v["a"]),
            &set(&v["b"]),
            v["alpha"].as_f64().unwrap_or(0.5)
        ))),
        "windowdiff" => e(segmentation::windowdiff(
            s(v, "a").as_bytes(),
            s(v, "b").as_bytes(),
            u(v, "k"),
            &b'1',
            v["weighted"].as_bool().unwrap_or(false),
        ))
        .map(|x| json!(x)),
        "pk" => e(segmentation::pk(
            s(v, "a").as_bytes(),
            s(v, "b").as_bytes(),
            v["k"].as_u64().map(|k| k as usize),
            &b'1',
        ))
        .map(|x| json!(x)),
        "confusion" => {
            let (r, t) = (strs(&v["a"]), strs(&v["b"]));
            let cm = e(ConfusionMatrix::new(&r, &t))?;
            let o = PrettyFormatOptions {
                show_percents: v["show_percents"].as_bool().unwrap_or(false),
                numbers_in_chart: !v["values_in_chart"].as_bool().unwrap_or(true),
                truncate: u(v, "truncate"),
                sort_by_count: v["sort_by_count"].as_bool().unwrap_or(false),
            };
            Ok(json!(cm.nltk_pretty_format(o)))
        }
        "task" => {
            let what = s(v, "what");
            let triples = v["data"].as_array().cloned().unwrap_or_default();
            let dist = s(v, "distance");
            if dist == "masi" || dist == "jaccard" {
                let data = triples.iter().map(|t| {
                    let c = t[0].as_str().unwrap_or_default().to_string();
                    let i = t[1].as_str().unwrap_or_default().to_string();
                    let l: BTreeSet<String> = strs(&t[2]).into_iter().collect();
                    (c, i, l)
                });
                let masi = dist == "masi";
                let df: nlkit::metrics::agreement::Distance<BTreeSet<String>> =
                    Box::new(move |a, b| {
                        let (a, b): (HashSet<String>, HashSet<String>) =
                            (a.iter().cloned().collect(), b.iter().cloned().collect());
                        let r = if masi {
                            d::masi_distance(&a, &b)
                        } else {
                            d::jaccard_distance(&a, &b)
                        };
                        r.unwrap_or(f64::NAN)
                    });
                task_value(&AnnotationTask::with_distance(data, df), &what)
            } else if dist == "interval" {
                let data = triples.iter().map(|t| {
                    (
                        t[0].as_str().unwrap_or_default().to_string(),
                        t[1].as_str().unwrap_or_default().to_string(),
                        t[2].as_i64().unwrap_or(0),
                    )
                });
                let df: nlkit::metrics::agreement::Distance<i64> =
                    Box::new(|a, b| d::interval_distance(*a as f64, *b as f64));
                task_value(&AnnotationTask::with_distance(data, df), &what)
            } else {
                let data = triples.iter().map(|t| {
                    (
                        t[0].as_str().unwrap_or_default().to_string(),
                        t[1].as_str().unwrap_or_default().to_string(),
                        t[2].as_str().unwrap_or_default().to_string(),
                    )
                });
                task_value(&AnnotationTask::new(data), &what)
            }
        }
        "ngrams" | "everygrams" | "skipgrams" => {
            let seq = strs(&v["seq"]);
            let left = v["left"].as_str().map(String::from);
            let right = v["right"].as_str().map(String::from);
            let out: Vec<Vec<String>> = match f {
                "ngrams" => ngrams::padded_ngrams(seq, u(v, "n"), left, right).collect(),
                "everygrams" => ngrams::everygrams(
                    seq,
                    u(v, "min_len"),
                    v["max_len"].as_u64().map(|m| m as usize),
                    left,
                    right,
                )
                .collect(),
                _ => e(ngrams::skipgrams(seq, u(v, "n"), u(v, "k")))?.collect(),
            };
            Ok(json!(out))
        }
        _ => Err(format!("unknown fn {f}")),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("parity") => {
            let stdin = std::io::stdin();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for line in stdin.lock().lines() {
                let v: Value = serde_json::from_str(&line?)?;
                let ans = match run(&v) {
                    Ok(x) => json!({ "value": x }),
                    Err(m) => json!({ "error": m }),
                };
                writeln!(out, "{ans}")?;
            }
        }
        Some("bench-edit") => {
            let file = args.get(2).ok_or("bench-edit FILE [ROUNDS]")?;
            let rounds: usize = args.get(3).map(|r| r.parse()).transpose()?.unwrap_or(3);
            let text = std::fs::read_to_string(file)?;
            let pairs: Vec<(&str, &str)> =
                text.lines().filter_map(|l| l.split_once('\t')).collect();
            let mut best = f64::INFINITY;
            let mut checksum = 0usize;
            for _ in 0..rounds.max(1) {
                checksum = 0;
                let t = Instant::now();
                for (a, b) in &pairs {
                    checksum += d::edit_distance(a, b, 1, false)?;
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!(
                "{}",
                json!({"pairs": pairs.len(), "seconds": best, "checksum": checksum})
            );
        }
        _ => {
            eprintln!("usage: metrics_tool parity | bench-edit FILE [ROUNDS]");
            std::process::exit(2);
        }
    }
    Ok(())
}
