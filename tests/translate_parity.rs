//! nlkit's MT metrics vs NLTK 3.10.4: the committed sample of
//! `scripts/parity/translate.py` (tests/parity/translate/*.jsonl, expected
//! scores from NLTK) must agree within 1e-12 relative, refusals included;
//! and a live check asks the oracle about freshly generated cases.

mod common;

use nlkit::translate::{
    corpus_bleu, corpus_chrf, corpus_gleu, corpus_nist, corpus_ribes, sentence_bleu, sentence_chrf,
    sentence_gleu, sentence_nist, sentence_ribes, Bleu, Chrf, Meteor, Smoothing, SmoothingFunction,
};
use serde_json::Value;

type Tokens = Vec<String>;

fn field<T: serde::de::DeserializeOwned>(v: &Value, k: &str) -> Option<T> {
    v.get(k)
        .and_then(|x| serde_json::from_value(x.clone()).ok())
}

/// Scores one case as the parity script describes it.
fn eval(v: &Value, meteor: &Option<Meteor>) -> Option<nlkit::Result<Vec<f64>>> {
    let metric: String = field(v, "metric").unwrap();
    let sentence = field::<String>(v, "level").as_deref() == Some("sentence");
    if metric == "chrf" {
        let refs: Vec<String> = field(v, "refs").unwrap();
        let hyps: Vec<String> = field(v, "hyps").unwrap();
        let c = Chrf {
            min_len: field(v, "min_len").unwrap(),
            max_len: field(v, "max_len").unwrap(),
            beta: field(v, "beta").unwrap(),
            ignore_whitespace: field(v, "ignore_whitespace").unwrap(),
        };
        let one = sentence && hyps.len() == 1 && refs.len() == 1;
        return Some(if one {
            sentence_chrf(&refs[0], &hyps[0], &c).map(|s| vec![s])
        } else {
            corpus_chrf(&refs, &hyps, &c).map(|s| vec![s])
        });
    }
    let refs: Vec<Vec<Tokens>> = field(v, "refs").unwrap();
    let hyps: Vec<Tokens> = field(v, "hyps").unwrap();
    let one = sentence && hyps.len() == 1 && refs.len() == 1;
    let single = |s: nlkit::Result<f64>| s.map(|s| vec![s]);
    Some(match metric.as_str() {
        "bleu" => {
            let b = Bleu {
                weights: field(v, "weights").unwrap(),
                smoothing: SmoothingFunction {
                    method: Smoothing::from_index(field(v, "smoothing").unwrap()).unwrap(),
                    ..Default::default()
                },
                auto_reweigh: field(v, "auto_reweigh").unwrap(),
            };
            if one {
                sentence_bleu(&refs[0], &hyps[0], &b).map(|s| s.scores)
            } else {
                corpus_bleu(&refs, &hyps, &b).map(|s| s.scores)
            }
        }
        "gleu" => {
            let (lo, hi) = (field(v, "min_len").unwrap(), field(v, "max_len").unwrap());
            single(if one {
                sentence_gleu(&refs[0], &hyps[0], lo, hi)
            } else {
                corpus_gleu(&refs, &hyps, lo, hi)
            })
        }
        "nist" => {
            let n = field(v, "n").unwrap();
            single(if one {
                sentence_nist(&refs[0], &hyps[0], n)
            } else {
                corpus_nist(&refs, &hyps, n)
            })
        }
        "ribes" => {
            let a = field(v, "alpha").unwrap_or(0.25);
            let b = field(v, "beta").unwrap_or(0.10);
            single(if one {
                sentence_ribes(&refs[0], &hyps[0], a, b)
            } else {
                corpus_ribes(&refs, &hyps, a, b)
            })
        }
        "meteor" => {
            let m = meteor.as_ref()?;
            refs.iter()
                .zip(&hyps)
                .map(|(r, h)| m.meteor_score(r, h))
                .collect()
        }
        other => panic!("unknown metric {other}"),
    })
}

fn agrees(expected: &Value, got: &nlkit::Result<Vec<f64>>) -> bool {
    match (expected.get("scores"), got) {
        (None, Err(_)) => expected.get("error").is_some(),
        (Some(e), Ok(g)) => {
            let e: Vec<f64> = serde_json::from_value(e.clone()).unwrap();
            e.len() == g.len()
                && e.iter()
                    .zip(g)
                    .all(|(x, y)| x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs()))
        }
        _ => false,
    }
}

#[test]
fn committed_sample_agrees_with_nltk() {
    let meteor = common::nltk_data().and_then(|d| Meteor::load(Some(&d)).ok());
    let mut checked = std::collections::BTreeMap::<String, usize>::new();
    for (file, line, case) in common::parity_cases("translate") {
        let Some(got) = eval(&case, &meteor) else {
            continue;
        };
        assert!(
            agrees(&case["expected"], &got),
            "{file}:{line}: NLTK {} vs nlkit {got:?}",
            case["expected"]
        );
        *checked.entry(file).or_default() += 1;
    }
    for m in ["bleu", "chrf", "gleu", "nist", "ribes"] {
        assert!(
            checked.get(&format!("{m}.jsonl")).copied().unwrap_or(0) >= 20,
            "{checked:?}"
        );
    }
}

/// Fresh cases, scored by NLTK now: every smoothing method on one corpus,
/// plus the other metrics (METEOR is left to the committed sample: NLTK's
/// WordNet takes half a minute to load).
#[test]
fn live_oracle() {
    let script = r##"
import json, sys, warnings
warnings.simplefilter("ignore")
from nltk.translate.bleu_score import corpus_bleu, SmoothingFunction
from nltk.translate.gleu_score import corpus_gleu
from nltk.translate.chrf_score import corpus_chrf
from nltk.translate.nist_score import corpus_nist
from nltk.translate.ribes_score import corpus_ribes
refs = [[l.split() for l in seg.split("|")] for seg in sys.stdin.readline().rstrip("\n").split("#")]
hyps = [l.split() for l in sys.stdin.readline().rstrip("\n").split("#")]
sf = SmoothingFunction()
out = {}
for m in range(8):
    out["bleu%d" % m] = corpus_bleu(refs, hyps, smoothing_function=getattr(sf, "method%d" % m))
out["gleu"] = corpus_gleu(refs, hyps)
out["chrf"] = corpus_chrf([" ".join(r[0]) for r in refs], [" ".join(h) for h in hyps])
out["nist"] = corpus_nist(refs, hyps, 3)
out["ribes"] = corpus_ribes(refs, hyps)
print(json.dumps(out))
"##;
    let refs_txt = "the cat sat on the mat|a cat was sitting on the mat#he read the book because he was interested in world history#quick brown foxes jump";
    let hyps_txt = "the cat sits on a mat#he was interested in world history because he read the book#the quick brown fox jumped over";
    let Some(out) = common::run_nltk(script, &format!("{refs_txt}\n{hyps_txt}\n")) else {
        return;
    };
    let exp: Value = serde_json::from_str(out.trim()).unwrap();
    let refs: Vec<Vec<Vec<&str>>> = refs_txt
        .split('#')
        .map(|seg| {
            seg.split('|')
                .map(|l| l.split_whitespace().collect())
                .collect()
        })
        .collect();
    let hyps: Vec<Vec<&str>> = hyps_txt
        .split('#')
        .map(|l| l.split_whitespace().collect())
        .collect();
    let close = |name: &str, got: f64| {
        let e = exp[name].as_f64().unwrap();
        assert!(
            (e - got).abs() <= 1e-12 * e.abs().max(got.abs()),
            "{name}: NLTK {e} nlkit {got}"
        );
    };
    for m in 0..8 {
        let b = Bleu {
            smoothing: SmoothingFunction {
                method: Smoothing::from_index(m).unwrap(),
                ..Default::default()
            },
            ..Default::default()
        };
        close(
            &format!("bleu{m}"),
            corpus_bleu(&refs, &hyps, &b).unwrap().scores[0],
        );
    }
    close("gleu", corpus_gleu(&refs, &hyps, 1, 4).unwrap());
    let r: Vec<String> = refs.iter().map(|r| r[0].join(" ")).collect();
    let h: Vec<String> = hyps.iter().map(|h| h.join(" ")).collect();
    close("chrf", corpus_chrf(&r, &h, &Chrf::default()).unwrap());
    close("nist", corpus_nist(&refs, &hyps, 3).unwrap());
    close("ribes", corpus_ribes(&refs, &hyps, 0.25, 0.10).unwrap());
}
