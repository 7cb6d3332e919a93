//! Unit tests of the perceptron's fast tagging path against the plain algorithm.

use super::*;

/// The plain algorithm: every feature of every token looked up in turn
/// and summed in `f64` in NLTK's order, with no windows, integer sums
/// or word cache.
fn reference(t: &PerceptronTagger, tokens: &[&str]) -> Vec<u16> {
    let context = make_context(tokens);
    let mut clusters = Vec::new();
    cluster_context(t.clusters(), tokens, &mut clusters);
    let first = t.first_context(tokens);
    let mut buf = String::new();
    let (mut prev, mut prev2): (&str, &str) = (START[0], START[1]);
    let mut out = Vec::new();
    for (i, &w) in tokens.iter().enumerate() {
        let ctx = Context {
            words: &context,
            clusters: &clusters,
            first: &first,
        };
        let id = match t.tagdict.get(w) {
            Some(&c) => c,
            None => t.argmax_f64(i, w, ctx, prev, prev2, &mut buf),
        };
        out.push(id);
        prev2 = prev;
        prev = &t.classes[id as usize];
    }
    out
}

/// The fast path gives the plain algorithm's tags: on real text, on a
/// sentence longer than a window, and after the word cache is full.
#[test]
fn fast_tagging_equals_the_plain_algorithm() {
    let text = include_str!("../../../corpora/samples/inaugural-2009.txt");
    let xpos = crate::tag::default_english_xpos().unwrap();
    let upos = crate::tag::default_english_upos().unwrap();
    let mut sents: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    sents.push(text.split_whitespace().take(300).collect());
    let many: Vec<String> = (0..WordCache::WORDS + 100)
        .map(|i| format!("Word{i}s"))
        .collect();
    sents.push(many.iter().map(String::as_str).collect());
    // a word is cached when seen a second time: three rounds tag with an
    // empty, a filling and a full cache
    for round in 0..3 {
        for s in &sents {
            // alternate models on one thread: each keeps its own cache
            for t in [xpos, upos] {
                assert_eq!(t.tag_ids(s), reference(t, s), "round {round}: {s:?}");
            }
        }
    }
    assert!(xpos.tag_ids(&[]).is_empty());
}

/// Models with more classes than the tag-pair table takes are tagged
/// by looking up their tag features one by one, with the same tags.
#[test]
fn many_classes_fall_back_to_lookups() {
    let words: Vec<String> = (0..80).map(|i| format!("w{}", i % 37)).collect();
    let sents: Vec<Vec<(String, String)>> = words
        .chunks(7)
        .enumerate()
        .map(|(k, c)| {
            c.iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), format!("T{}", (k * 7 + i) % 70)))
                .collect()
        })
        .collect();
    let t = PerceptronTagger::train(
        &sents,
        &TrainConfig {
            iterations: 3,
            feature_set: FeatureSet::Extended,
            ..TrainConfig::default()
        },
    )
    .unwrap();
    assert!(t.classes.len() > WordCache::TAG_PAIR_CLASSES);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    for s in refs.chunks(9) {
        assert_eq!(t.tag_ids(s), reference(&t, s));
    }
}

/// A weight that is not a multiple of 0.001 is refused, not rounded.
#[test]
fn weights_must_be_thousandths() {
    let e = PerceptronTagger::from_parts(
        ["NN".to_string()],
        [],
        [("bias", vec![("NN", 0.0005)])],
        FeatureSet::Nltk,
        ModelMeta::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("multiple of 0.001"), "{e}");
}
