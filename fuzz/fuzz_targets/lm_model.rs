//! Loading an nlkit language model from arbitrary bytes: a model that
//! scores and generates (or returns an error), or an error; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::lm::{LanguageModel, PyRandom};

fuzz_target!(|data: &[u8]| {
    if let Ok((lm, _)) = LanguageModel::from_bytes(data) {
        for (w, ctx) in [("the", vec![]), ("a", vec!["<s>"]), ("x", vec!["<s>", "<s>", "y"])] {
            if let (Ok(s), Ok(l)) = (lm.score(w, &ctx), lm.logscore(w, &ctx)) {
                assert!(s.is_nan() || l == nlkit::lm::log_base2(s));
            }
        }
        let _ = lm.perplexity(&[["<s>", "a"], ["a", "</s>"]]);
        let _ = lm.generate(3, &["a"], &mut PyRandom::new(1));
    }
});
