//! Times a classifier's training alone (in memory, best of N runs) on a
//! JSONL file of labeled feature sets, and optionally its classification
//! of a second file, for `benches/classify.py`.
//!
//! Run: `cargo run --release --features cli --example classify_train_bench -- FILE [RUNS] [ALGORITHM] [TEST_FILE]`
//! where ALGORITHM is naivebayes (default), maxent-gis, maxent-iis (both
//! max_iter=10), decisiontree or decisiontree-binary (NLTK's defaults).

use std::time::Instant;

use nlkit::classify::{
    read_jsonl, Classifier, ClassifierI, DecisionTreeClassifier, DecisionTreeOptions, FeatureSet,
    MaxentAlgorithm, MaxentClassifier, MaxentOptions, NaiveBayesClassifier,
};

fn read(path: &str) -> nlkit::Result<Vec<(FeatureSet, String)>> {
    let f = nlkit::io::open_input(std::path::Path::new(path))?;
    Ok(read_jsonl(f, path, true)?
        .into_iter()
        .filter_map(|(f, l)| Some((f, l?)))
        .collect())
}

fn train(algo: &str, data: &[(FeatureSet, String)]) -> nlkit::Result<Classifier> {
    let me = MaxentOptions {
        max_iter: 10,
        ..Default::default()
    };
    Ok(match algo {
        "maxent-gis" => {
            Classifier::Maxent(MaxentClassifier::train(data, MaxentAlgorithm::Gis, &me)?)
        }
        "maxent-iis" => {
            Classifier::Maxent(MaxentClassifier::train(data, MaxentAlgorithm::Iis, &me)?)
        }
        "decisiontree" | "decisiontree-binary" => {
            let o = DecisionTreeOptions {
                binary: algo == "decisiontree-binary",
                ..Default::default()
            };
            Classifier::DecisionTree(DecisionTreeClassifier::train(data, &o)?)
        }
        _ => Classifier::NaiveBayes(NaiveBayesClassifier::train(data)?),
    })
}

fn main() -> nlkit::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "-".into());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let algo = args.next().unwrap_or_else(|| "naivebayes".into());
    let test = args.next();
    let t0 = Instant::now();
    let data = read(&path)?;
    let read_s = t0.elapsed().as_secs_f64();
    let mut best = f64::INFINITY;
    let mut model = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let c = train(&algo, &data)?;
        best = best.min(t.elapsed().as_secs_f64());
        model = Some(c);
    }
    let labels = model.as_ref().map_or(0, |c| c.labels().len());
    println!(
        "examples\t{}\nlabels\t{labels}\nread\t{read_s:.6}\ntrain\t{best:.6}",
        data.len()
    );
    if let (Some(test), Some(c)) = (test, model) {
        let test = read(&test)?;
        let mut best = f64::INFINITY;
        let mut preds = Vec::new();
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            preds = test
                .iter()
                .map(|(fs, _)| c.classify(fs))
                .collect::<nlkit::Result<Vec<_>>>()?;
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("classify\t{best:.6}\npredictions\t{}", preds.join(" "));
    }
    Ok(())
}
