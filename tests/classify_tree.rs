//! DecisionTreeClassifier parity with NLTK 3.10.4
//! (tests/parity/classify_tree/cases.jsonl, written by
//! `scripts/parity/classify.py --write-cases` from NLTK with its sets of
//! feature names and values iterated in first-occurrence order, see that
//! script): predictions, accuracy, pretty_format and pseudocode text
//! identical; NLTK's classify.doctest decision-tree examples; bad input.

mod common;

use nlkit::classify::{
    accuracy, read_jsonl, Classifier, ClassifierI, DecisionTreeClassifier, DecisionTreeOptions,
    FeatureSet,
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

#[test]
fn decision_tree_matches_nltk() {
    let mut cases = 0;
    for (file, line, case) in common::parity_cases("classify_tree") {
        let name = case["case"].as_str().unwrap();
        let binary = case["binary"].as_bool().unwrap();
        let at = format!("{file}:{line} {name} binary={binary}");
        let train = data(&format!("{name}_train.data"));
        let test = data(&format!("{name}_test.data"));
        let opts = DecisionTreeOptions {
            binary,
            ..Default::default()
        };
        let dt = DecisionTreeClassifier::train(&train, &opts).unwrap();
        let preds = case["predictions"].as_array().unwrap();
        for (i, (fs, _)) in test.iter().enumerate() {
            assert_eq!(
                dt.classify(fs).unwrap(),
                preds[i].as_str().unwrap(),
                "{at}: example {i}"
            );
        }
        let acc: f64 = case["accuracy"].as_str().unwrap().parse().unwrap();
        assert_eq!(accuracy(&dt, &test).unwrap(), acc, "{at}");
        let depth = case["depth"].as_u64().unwrap() as usize;
        assert_eq!(
            dt.pretty_format(70, depth),
            case["pretty"].as_str().unwrap(),
            "{at}"
        );
        assert_eq!(
            dt.pseudocode(depth),
            case["pseudocode"].as_str().unwrap(),
            "{at}"
        );
        let c = Classifier::DecisionTree(dt);
        assert_eq!(
            Classifier::from_bytes(&c.to_bytes().unwrap()).unwrap(),
            c,
            "{at}"
        );
        cases += 1;
    }
    assert_eq!(cases, 6);
}

/// NLTK's classify.doctest: "Test the Decision Tree classifier (without
/// None)" and "(with None)".
#[test]
fn doctest_decision_tree() {
    let (train, test) = common::classify_doctest_data();
    let opts = DecisionTreeOptions {
        entropy_cutoff: 0.0,
        support_cutoff: 0,
        ..Default::default()
    };
    let c = DecisionTreeClassifier::train(&train[..9], &opts).unwrap();
    let mut labels = c.labels().to_vec();
    labels.sort();
    assert_eq!(labels, ["x", "y"]);
    assert_eq!(
        c.pretty_format(70, 4),
        "c=0? .................................................. x\n\
         \x20 a=0? ................................................ x\n\
         \x20 a=1? ................................................ y\n\
         c=1? .................................................. y\n"
    );
    let got: Vec<String> = test.iter().map(|f| c.classify(f).unwrap()).collect();
    assert_eq!(got, ["y", "y", "y", "x"]);
    // prob_classify: NLTK raises NotImplementedError
    let err = c.prob_classify(&test[0]).unwrap_err().to_string();
    assert!(err.contains("NotImplementedError"), "{err}");

    let c = DecisionTreeClassifier::train(&train, &opts).unwrap();
    assert_eq!(
        c.pretty_format(70, 4),
        "c=0? .................................................. x\n\
         \x20 a=0? ................................................ x\n\
         \x20 a=1? ................................................ y\n\
         \x20 a=None? ............................................. x\n\
         c=1? .................................................. y\n"
    );
}

#[test]
fn bad_and_edge_input() {
    let err = DecisionTreeClassifier::train(&[], &DecisionTreeOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no examples"), "{err}");
    // one label: a leaf
    let one: Vec<(FeatureSet, String)> = (0..20)
        .map(|i| {
            (
                FeatureSet::from_iter([("n", i.to_string().as_str())]),
                "only".into(),
            )
        })
        .collect();
    let c = DecisionTreeClassifier::train(&one, &DecisionTreeOptions::default()).unwrap();
    assert_eq!(c.pseudocode(4), "return 'only'\n");
    assert_eq!(c.pretty_format(20, 4), "..... only\n");
    assert_eq!(c.classify(&FeatureSet::new()).unwrap(), "only");
    // a deep binary tree (one example per value) trains and prints
    // without recursion; depth_cutoff bounds it
    let many: Vec<(FeatureSet, String)> = (0..3000)
        .map(|i| {
            (
                FeatureSet::from_iter([("v", (i % 1500).to_string().as_str())]),
                if i % 1500 < 700 { "a" } else { "b" }.to_string(),
            )
        })
        .collect();
    let opts = DecisionTreeOptions {
        binary: true,
        support_cutoff: 0,
        depth_cutoff: 5,
        ..Default::default()
    };
    let c = DecisionTreeClassifier::train(&many, &opts).unwrap();
    assert!(c.pretty_format(70, 1000).lines().count() >= 2);
    let bytes = Classifier::DecisionTree(c).to_bytes().unwrap();
    for n in (0..bytes.len()).step_by(3) {
        assert!(Classifier::from_bytes(&bytes[..n]).is_err(), "prefix {n}");
    }
    for i in (16..bytes.len()).step_by(2) {
        let mut b = bytes.clone();
        b[i] ^= 0x3c;
        if let Ok(Classifier::DecisionTree(t)) = Classifier::from_bytes(&b) {
            // whatever survives the checksum classifies and prints
            let _ = t.classify(&FeatureSet::from_iter([("v", "3")]));
            let _ = t.pretty_format(70, 100);
        }
    }
}

#[test]
fn cli_train_show_predict_eval() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("dt.cls");
    let ms = m.to_str().unwrap();
    let tr = common::root().join("tests/parity/classify/mixed_train.data");
    let te = common::root().join("tests/parity/classify/mixed_test.data");
    let (code, _, err) = common::run_nlkit(
        &[
            "classify",
            "train",
            "--algorithm",
            "decisiontree",
            "--binary",
            "-o",
            ms,
            tr.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let train = data("mixed_train.data");
    let test = data("mixed_test.data");
    let dt = DecisionTreeClassifier::train(
        &train,
        &DecisionTreeOptions {
            binary: true,
            ..Default::default()
        },
    )
    .unwrap();
    let (code, out, _) = common::run_nlkit(&["classify", "show", "-n", "4", "-m", ms], b"");
    assert_eq!(code, 0);
    assert_eq!(out, dt.pretty_format(70, 4));
    let (code, out, _) = common::run_nlkit(
        &["classify", "show", "--pseudocode", "-n", "3", "-m", ms],
        b"",
    );
    assert_eq!(code, 0);
    assert_eq!(out, dt.pseudocode(3));
    let (code, out, err) =
        common::run_nlkit(&["classify", "eval", "-m", ms, te.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    let acc = accuracy(&dt, &test).unwrap();
    let got: f64 = out
        .lines()
        .find_map(|l| l.strip_prefix("accuracy\t"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(got, acc, "{out}");
    assert!(!out.contains("log_likelihood"));
    let (code, _, err) = common::run_nlkit(
        &[
            "classify",
            "predict",
            "--probs",
            "-m",
            ms,
            te.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(err.contains("NotImplementedError"), "{err}");
}
