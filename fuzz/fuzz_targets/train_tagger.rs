//! Training data (word/TAG lines, as `nlkit train-tagger` reads them) from
//! arbitrary text: every trainer either trains a tagger or returns an error,
//! and a trained tagger saved and loaded again tags exactly as before.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::tag::classic::{ngram_chain, ClassicTagger, HmmEstimator, SequentialBackoffTagger};
use nlkit::tag::{model_from_bytes, parse_word_tag_line, PerceptronTagger, Tagger, TrainConfig};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut train = Vec::new();
    for (i, line) in text.lines().take(16).enumerate() {
        match parse_word_tag_line(line, "fuzz.txt", i + 1) {
            Ok(s) if !s.is_empty() => train.push(s),
            Ok(_) => {}
            Err(_) => return,
        }
    }
    // The words to tag: the training words and some the taggers never saw.
    let mut words: Vec<&str> = train.iter().flatten().map(|(w, _)| w.as_str()).collect();
    words.truncate(24);
    words.extend(["unseen", "", " ", "."]);

    let check = |trained: &dyn Tagger, bytes: Vec<u8>| {
        let tags = trained.tag(&words);
        assert_eq!(tags.len(), words.len());
        let loaded = model_from_bytes(&bytes).expect("a saved model loads");
        assert_eq!(
            tags,
            loaded.tag(&words),
            "tags change after a save and load"
        );
    };
    if let Ok(t) = PerceptronTagger::train(&train, &TrainConfig::default()) {
        check(&t, t.to_bytes().expect("a trained perceptron saves"));
    }
    if let Ok(t) = ClassicTagger::train_ngram(&train, 0, "NN") {
        check(&t, t.to_bytes().expect("a trained n-gram chain saves"));
    }
    if let Ok(t) = ClassicTagger::train_hmm(&train, HmmEstimator::default()) {
        check(&t, t.to_bytes().expect("a trained HMM saves"));
    }
    if let Some(initial) = ngram_chain(&train, 0, "NN").to_model() {
        if let Ok(t) = ClassicTagger::train_brill(&train, initial, 5, 1) {
            check(&t, t.to_bytes().expect("a trained Brill tagger saves"));
        }
    }
});
