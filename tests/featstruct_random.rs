//! Random feature-structure pairs (`scripts/parity/featstruct.py`, seed 29,
//! `tests/parity/featstruct/random.jsonl`): nlkit's `unify`, `subsumes`
//! both ways and `equal_values` must equal NLTK 3.10.4's on every pair.
//! Pairs where NLTK itself raises (a feature list met by a feature dict;
//! nlkit says "no unifier") are counted apart.

use nlkit::featstruct::FeatStruct;
use serde_json::Value;

const CASES: &str = include_str!("parity/featstruct/random.jsonl");

#[test]
fn featstruct_random_parity() {
    let (mut total, mut same, mut nltk_raises) = (0, 0, 0);
    let mut diffs = Vec::new();
    for line in CASES.lines().filter(|l| !l.trim().is_empty()) {
        total += 1;
        let c: Value = serde_json::from_str(line).expect("case is JSON");
        let a = FeatStruct::fromstring(c["a"].as_str().unwrap_or_default()).expect("a parses");
        let b = FeatStruct::fromstring(c["b"].as_str().unwrap_or_default()).expect("b parses");
        assert_eq!(a.repr(), c["a"].as_str().unwrap_or_default());
        assert_eq!(b.repr(), c["b"].as_str().unwrap_or_default());
        let eq_ok = Some(a.equal_values(&b, false)) == c["equal"].as_bool();
        if c.get("nltk_error").is_some() {
            nltk_raises += 1;
            if eq_ok {
                same += 1;
            } else {
                diffs.push(line.to_string());
            }
            continue;
        }
        let u = a.unify(&b).expect("unify").map(|u| u.repr());
        let ok = eq_ok
            && u.as_deref() == c["unify"].as_str()
            && Some(a.subsumes(&b).expect("subsumes")) == c["a_subsumes_b"].as_bool()
            && Some(b.subsumes(&a).expect("subsumes")) == c["b_subsumes_a"].as_bool();
        if ok {
            same += 1;
        } else {
            diffs.push(format!("{line}\n  nlkit unify: {u:?}"));
        }
    }
    eprintln!(
        "featstruct random parity: {same}/{total} identical ({:.2}%), {nltk_raises} where NLTK raises",
        100.0 * same as f64 / total as f64
    );
    assert!(total >= 1000);
    assert!(
        diffs.is_empty(),
        "{} differ:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
