//! Loading a tagger model of any kind (perceptron or classic) from arbitrary
//! bytes: a model that tags, or an error; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tag::{model_from_bytes, PerceptronTagger, Tagger};

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = model_from_bytes(data) {
        let tags = t.tag(&["The", "dog", "barks", "."]);
        assert_eq!(tags.len(), 4);
        assert!(t.tag(&[]).is_empty());
    }
    if let Ok(t) = PerceptronTagger::from_bytes(data) {
        assert_eq!(t.tag(&["The", "dog", "barks", "."]).len(), 4);
    }
});
