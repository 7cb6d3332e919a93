//! Loading an nlkit classifier model from arbitrary bytes: a classifier
//! that classifies, or an error; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::classify::{ClassifierI, FeatureSet, NaiveBayesClassifier};

fuzz_target!(|data: &[u8]| {
    if let Ok(nb) = NaiveBayesClassifier::from_bytes(data) {
        let fs = FeatureSet::from_iter([("last_letter", "a"), ("x", "b")]);
        if let Ok(d) = nb.prob_classify(&fs) {
            assert!(nb.labels().iter().any(|l| l == d.max()));
        }
        let _ = nb.show_most_informative_features(5);
    }
});
