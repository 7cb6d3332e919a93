//! nltk.classify parity cases (tests/parity/classify/cases.jsonl, written by
//! `scripts/parity/classify.py --write-cases` from NLTK 3.10.4): the NLTK
//! book's names (last letter) and movie_reviews (document words) examples
//! and generated feature sets mixing Python-equal values. Predictions,
//! every label probability, accuracy, log_likelihood,
//! most_informative_features and show_most_informative_features' text must
//! be identical to NLTK's.

mod common;

use nlkit::classify::{
    accuracy, log_likelihood, read_jsonl, ClassifierI, FeatureSet, NaiveBayesClassifier,
};

fn data(name: &str) -> Vec<(FeatureSet, String)> {
    let p = common::root().join("tests/parity/classify").join(name);
    let f = std::fs::File::open(&p).unwrap();
    read_jsonl(std::io::BufReader::new(f), name, true)
        .unwrap()
        .into_iter()
        .map(|(f, l)| (f, l.unwrap()))
        .collect()
}

fn f(v: &serde_json::Value) -> f64 {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn naive_bayes_matches_nltk() {
    let mut probs = 0;
    for (file, line, case) in common::parity_cases("classify") {
        let name = case["case"].as_str().unwrap();
        let at = format!("{file}:{line} {name}");
        let train = data(&format!("{name}_train.data"));
        let test = data(&format!("{name}_test.data"));
        let nb = NaiveBayesClassifier::train(&train).unwrap();
        let labels: Vec<&str> = case["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert_eq!(nb.labels(), labels, "{at}");
        let preds = case["predictions"].as_array().unwrap();
        let ps = case["probs"].as_array().unwrap();
        for (i, (fs, _)) in test.iter().enumerate() {
            let d = nb.prob_classify(fs).unwrap();
            assert_eq!(d.max(), preds[i].as_str().unwrap(), "{at}: example {i}");
            assert_eq!(nb.classify(fs).unwrap(), preds[i].as_str().unwrap());
            for (l, p) in labels.iter().zip(ps[i].as_array().unwrap()) {
                assert_eq!(d.prob(l), f(p), "{at}: example {i}, P({l})");
                probs += 1;
            }
        }
        assert_eq!(accuracy(&nb, &test).unwrap(), f(&case["accuracy"]), "{at}");
        assert_eq!(
            log_likelihood(&nb, &test).unwrap(),
            f(&case["log_likelihood"]),
            "{at}"
        );
        let mif: Vec<(String, String)> = nb
            .most_informative_features(20)
            .into_iter()
            .map(|(n, v)| (n.to_string(), v.repr()))
            .collect();
        let want: Vec<(String, String)> = case["mif"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(mif, want, "{at}: most_informative_features");
        let n = case["show_n"].as_u64().unwrap() as usize;
        assert_eq!(
            nb.show_most_informative_features(n),
            case["show"].as_str().unwrap(),
            "{at}"
        );
    }
    assert!(probs >= 960, "{probs} probabilities compared");
}
