//! Loading an nlkit classifier model (any kind) from arbitrary bytes: a
//! classifier that classifies, or an error; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::classify::{Classifier, ClassifierI, FeatureSet};

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = Classifier::from_bytes(data) {
        let fs = FeatureSet::from_iter([("last_letter", "a"), ("x", "b")]);
        if let Ok(d) = c.prob_classify(&fs) {
            assert!(c.labels().iter().any(|l| l == d.max()));
        }
        let _ = c.show_most_informative_features(5);
    }
});
