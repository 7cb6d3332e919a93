//! MaxentClassifier (GIS, IIS) parity with NLTK 3.10.4
//! (tests/parity/classify_maxent/cases.jsonl, written by
//! `scripts/parity/classify.py --write-cases`, on the data files of
//! tests/parity/classify/): predictions identical, every probability and
//! weight within 1e-9 relative, show_most_informative_features' text
//! identical; NLTK's classify.doctest maxent example; bad input.

mod common;

use nlkit::classify::{
    accuracy, log_likelihood, read_jsonl, Classifier, ClassifierI, FeatureSet, MaxentAlgorithm,
    MaxentClassifier, MaxentOptions, ShowWeights,
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

fn close(a: f64, b: f64, what: &str) {
    let rel = if a == b {
        0.0
    } else {
        (a - b).abs() / a.abs().max(b.abs())
    };
    assert!(rel <= 1e-9, "{what}: {a} vs {b} (rel {rel:.3e})");
}

/// show_most_informative_features' text: the same weight column line by
/// line and the same lines; features whose weights print the same may
/// swap places, as NLTK orders them by their last bits, which depend on
/// numpy's SIMD `pow` (see docs/differences.md).
fn same_up_to_near_ties(got: &str, want: &str, at: &str) {
    let col = |s: &str| -> Vec<String> { s.lines().map(|l| l[..8].to_string()).collect() };
    assert_eq!(col(got), col(want), "{at}: weights column\n{got}\n{want}");
    let mut g: Vec<&str> = got.lines().collect();
    let mut w: Vec<&str> = want.lines().collect();
    g.sort_unstable();
    w.sort_unstable();
    assert_eq!(g, w, "{at}: show_most_informative_features lines");
}

#[test]
fn maxent_matches_nltk() {
    let mut probs = 0;
    let mut weights = 0;
    let mut algos = Vec::new();
    for (file, line, case) in common::parity_cases("classify_maxent") {
        let name = case["case"].as_str().unwrap();
        let algo = case["algorithm"].as_str().unwrap();
        let at = format!("{file}:{line} {algo} {name}");
        algos.push(algo.to_string());
        let train = data(&format!("{name}_train.data"));
        let test = data(&format!("{name}_test.data"));
        let opts = MaxentOptions {
            max_iter: case["max_iter"].as_u64().unwrap() as usize,
            ..Default::default()
        };
        let a = if algo == "GIS" {
            MaxentAlgorithm::Gis
        } else {
            MaxentAlgorithm::Iis
        };
        let me = MaxentClassifier::train(&train, a, &opts).unwrap();
        let mut labels = me.labels().to_vec();
        labels.sort();
        let want: Vec<&str> = case["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert_eq!(labels, want, "{at}");
        let preds = case["predictions"].as_array().unwrap();
        let ps = case["probs"].as_array().unwrap();
        for (i, (fs, _)) in test.iter().enumerate() {
            let d = me.prob_classify(fs).unwrap();
            assert_eq!(d.max(), preds[i].as_str().unwrap(), "{at}: example {i}");
            for (l, p) in want.iter().zip(ps[i].as_array().unwrap()) {
                close(d.prob(l), f(p), &format!("{at}: example {i}, P({l})"));
                probs += 1;
            }
        }
        assert_eq!(accuracy(&me, &test).unwrap(), f(&case["accuracy"]), "{at}");
        close(
            log_likelihood(&me, &test).unwrap(),
            f(&case["log_likelihood"]),
            &format!("{at}: log_likelihood"),
        );
        let n = case["show_n"].as_u64().unwrap() as usize;
        same_up_to_near_ties(
            &me.show_most_informative_features(n, ShowWeights::All),
            case["show"].as_str().unwrap(),
            &at,
        );
        let want_w = case["weights"].as_object().unwrap();
        assert_eq!(me.weights().len(), want_w.len(), "{at}");
        for (fid, &w) in me.weights().iter().enumerate() {
            let d = me.encoding().describe(fid).unwrap();
            let expected = want_w
                .get(&d)
                .unwrap_or_else(|| panic!("{at}: no NLTK weight for `{d}`"));
            close(w, f(expected), &format!("{at}: weight of {d}"));
            weights += 1;
        }
        // a saved and loaded model gives the same probabilities
        let c = Classifier::Maxent(me.clone());
        let back = Classifier::from_bytes(&c.to_bytes().unwrap()).unwrap();
        assert_eq!(back, c, "{at}");
    }
    algos.sort();
    algos.dedup();
    assert_eq!(algos, ["GIS", "IIS"]);
    assert!(probs >= 1200, "{probs} probabilities compared");
    assert!(weights >= 200, "{weights} weights compared");
}

/// NLTK's classify.doctest: "Test the Maximum Entropy classifier training
/// algorithms; they should all generate the same results" (GIS and IIS,
/// max_iter=1000).
#[test]
fn doctest_maxent_gis_and_iis() {
    let (train, test) = common::classify_doctest_data();
    let opts = MaxentOptions {
        max_iter: 1000,
        ..Default::default()
    };
    for (name, algo) in [("GIS", MaxentAlgorithm::Gis), ("IIS", MaxentAlgorithm::Iis)] {
        let c = MaxentClassifier::train(&train, algo, &opts).unwrap();
        let mut row = format!("{name:>11} ");
        for t in &test {
            let d = c.prob_classify(t).unwrap();
            row.push_str(&format!("{:8.2}{:6.2} ", d.prob("x"), d.prob("y")));
        }
        assert_eq!(
            row.trim_end(),
            format!("{name:>11}     0.16  0.84     0.46  0.54     0.41  0.59     0.76  0.24")
        );
    }
}

#[test]
fn cutoffs_stop_early() {
    let train = data("names_train.data");
    let train = &train[..300];
    let base = MaxentOptions {
        max_iter: 50,
        ..Default::default()
    };
    let full = MaxentClassifier::train(train, MaxentAlgorithm::Iis, &base).unwrap();
    // a huge min_lldelta stops after the second update
    let early = MaxentClassifier::train(
        train,
        MaxentAlgorithm::Iis,
        &MaxentOptions {
            min_lldelta: Some(10.0),
            ..base.clone()
        },
    )
    .unwrap();
    let three = MaxentClassifier::train(
        train,
        MaxentAlgorithm::Iis,
        &MaxentOptions {
            max_iter: 3,
            ..base.clone()
        },
    )
    .unwrap();
    assert_eq!(early.weights(), three.weights());
    assert_ne!(early.weights(), full.weights());
    // min_ll below any log likelihood stops after the first update
    let one = MaxentClassifier::train(
        train,
        MaxentAlgorithm::Gis,
        &MaxentOptions {
            min_ll: Some(-100.0),
            ..base.clone()
        },
    )
    .unwrap();
    let two = MaxentClassifier::train(
        train,
        MaxentAlgorithm::Gis,
        &MaxentOptions {
            max_iter: 2,
            ..base
        },
    )
    .unwrap();
    assert_eq!(one.weights(), two.weights());
}

#[test]
fn bad_and_edge_input() {
    let err = MaxentClassifier::train(&[], MaxentAlgorithm::Gis, &MaxentOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no examples"), "{err}");
    // one label: every feature set gets it with probability 1
    let one: Vec<(FeatureSet, String)> = (0..5)
        .map(|i| {
            (
                FeatureSet::from_iter([("n", i.to_string().as_str())]),
                "only".into(),
            )
        })
        .collect();
    for a in [MaxentAlgorithm::Gis, MaxentAlgorithm::Iis] {
        let c = MaxentClassifier::train(&one, a, &MaxentOptions::default()).unwrap();
        let d = c.prob_classify(&FeatureSet::new()).unwrap();
        assert_eq!(d.max(), "only");
        assert_eq!(d.prob("only"), 1.0);
    }
    // always-on and unseen-value features
    let train = data("names_train.data");
    let opts = MaxentOptions {
        max_iter: 5,
        unseen_features: true,
        alwayson_features: true,
        ..Default::default()
    };
    let c = MaxentClassifier::train(&train[..200], MaxentAlgorithm::Iis, &opts).unwrap();
    let n = c.weights().len();
    assert_eq!(
        c.encoding().describe(n - 1).unwrap(),
        "last_letter is unseen"
    );
    assert!(c.encoding().describe(n).is_err());
    assert_eq!(c.weights()[n - 1], f64::NEG_INFINITY);
    assert!(c
        .show_most_informative_features(1, ShowWeights::All)
        .starts_with("    -inf last_letter is unseen"));
    // GIS with always-on features: a vector can reach C, NLTK's
    // "Correction feature is not high enough!" (a ValueError in training)
    let g = MaxentClassifier::train(&train[..200], MaxentAlgorithm::Gis, &opts)
        .unwrap_err()
        .to_string();
    assert!(g.contains("Correction feature"), "{g}");
}

#[test]
fn cli_train_predict_show_and_corrupt_model() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("me.cls");
    let ms = m.to_str().unwrap();
    let tr = common::root().join("tests/parity/classify/names_train.data");
    let (code, _, err) = common::run_nlkit(
        &[
            "classify",
            "train",
            "--algorithm",
            "maxent-gis",
            "--max-iter",
            "5",
            "-o",
            ms,
            tr.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = common::run_nlkit(
        &["classify", "predict", "-m", ms],
        b"{\"features\": {\"last_letter\": \"a\"}}\n",
    );
    assert_eq!(code, 0, "{err}");
    let train = data("names_train.data");
    let me = MaxentClassifier::train(
        &train,
        MaxentAlgorithm::Gis,
        &MaxentOptions {
            max_iter: 5,
            ..Default::default()
        },
    )
    .unwrap();
    let fs = FeatureSet::from_iter([("last_letter", "a")]);
    assert_eq!(out.trim(), me.classify(&fs).unwrap());
    let (code, out, _) = common::run_nlkit(&["classify", "show", "-n", "3", "-m", ms], b"");
    assert_eq!(code, 0);
    assert_eq!(out, me.show_most_informative_features(3, ShowWeights::All));
    let bytes = std::fs::read(&m).unwrap();
    for n in (0..bytes.len()).step_by(7) {
        assert!(Classifier::from_bytes(&bytes[..n]).is_err(), "prefix {n}");
    }
    for i in (16..bytes.len()).step_by(3) {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        let _ = Classifier::from_bytes(&b);
    }
    std::fs::write(&m, &bytes[..bytes.len() - 2]).unwrap();
    let (code, _, err) =
        common::run_nlkit(&["classify", "predict", "-m", ms], b"{\"features\": {}}\n");
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: "), "{err}");
    let (code, _, err) = common::run_nlkit(
        &["classify", "train", "--algorithm", "maxent-iis", "-o", ms],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("no examples"), "{err}");
}
