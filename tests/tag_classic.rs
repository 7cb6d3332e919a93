//! NLTK's classic taggers (`nlkit::tag::classic`): behaviour that follows
//! from the algorithms on tiny training sets, NLTK parity cases
//! (tests/parity/tag_classic, from scripts/parity/gen_tag_classic.py), and
//! bad input.

mod common;

use nlkit::tag::classic::{
    fntbl37, AffixTagger, BrillTaggerTrainer, ClassicModel, ClassicTagger, DefaultTagger,
    HiddenMarkovModelTagger, HmmEstimator, NgramTagger, RegexpTagger, SequentialBackoffTagger,
    NONE_TAG,
};
use nlkit::tag::Tagger;

type Sents = Vec<Vec<(String, String)>>;

fn sents(spec: &[&str]) -> Sents {
    spec.iter()
        .map(|line| {
            line.split_whitespace()
                .map(|tok| {
                    let (w, t) = tok.rsplit_once('/').unwrap();
                    (w.to_string(), t.to_string())
                })
                .collect()
        })
        .collect()
}

fn nn() -> Option<Box<dyn SequentialBackoffTagger>> {
    Some(Box::new(DefaultTagger::new("NN")))
}

#[test]
fn unigram_picks_most_frequent_tag_first_seen_on_ties() {
    let train = sents(&["run/VB run/NN run/NN", "walk/NN walk/VB", "x/A"]);
    let t = NgramTagger::unigram(&train, 0, None);
    assert_eq!(t.tag_opt(&["run", "walk"]), [Some("NN"), Some("NN")]);
    assert_eq!(t.size(), 3);
    assert!(t.knows("run") && !t.knows("jog"));
}

#[test]
fn unseen_words_use_backoff_or_none() {
    let train = sents(&["the/DT dog/NN"]);
    let plain = NgramTagger::unigram(&train, 0, None);
    assert_eq!(plain.tag_opt(&["the", "cat"]), [Some("DT"), None]);
    assert_eq!(plain.tag(&["the", "cat"]), ["DT", NONE_TAG]);
    let backed = NgramTagger::unigram(&train, 0, nn());
    assert_eq!(backed.tag(&["the", "cat"]), ["DT", "NN"]);
}

#[test]
fn cutoff_keeps_contexts_seen_more_than_cutoff_times() {
    let train = sents(&["a/DT a/DT b/VB b/VB b/VB"]);
    let t = NgramTagger::unigram(&train, 2, None);
    assert_eq!(t.tag_opt(&["a", "b"]), [None, Some("VB")]);
}

#[test]
fn contexts_the_backoff_gets_right_are_not_stored() {
    let train = sents(&["dog/NN runs/VBZ", "cat/NN"]);
    let t = NgramTagger::unigram(&train, 0, nn());
    // `dog` and `cat` are NN, which the backoff already gives.
    assert_eq!(t.size(), 1);
    assert_eq!(t.tag(&["dog", "runs"]), ["NN", "VBZ"]);
}

#[test]
fn bigram_uses_previous_tag_and_backs_off() {
    let train = sents(&["to/TO run/VB", "the/DT run/NN", "the/DT run/NN"]);
    let uni = NgramTagger::unigram(&train, 0, nn());
    let bi = NgramTagger::bigram(&train, 0, Some(Box::new(uni)));
    assert_eq!(bi.tag(&["to", "run"]), ["TO", "VB"]);
    assert_eq!(bi.tag(&["a", "run"]), ["NN", "NN"]);
    // A context whose history has no tag (None) never matches.
    let bare = NgramTagger::bigram(&train, 0, None);
    assert_eq!(bare.tag_opt(&["zzz", "run"]), [None, None]);
}

#[test]
fn affix_tagger_needs_min_length() {
    let train = sents(&["walking/VBG"]);
    let t = AffixTagger::train(&train, -3, 2, 0, None);
    // len("sing") = 4 < 2 + 3.
    assert_eq!(t.tag_opt(&["talking", "sing"]), [Some("VBG"), None]);
    let p = AffixTagger::train(&train, 2, 1, 0, None);
    assert_eq!(p.tag_opt(&["wax", "wa"]), [Some("VBG"), None]);
}

#[test]
fn regexp_first_match_wins_and_match_is_anchored_at_start() {
    let t = RegexpTagger::new(&[("ing", "X"), (r".*ing$", "VBG"), (r".*", "NN")], None).unwrap();
    assert_eq!(t.tag(&["ingot", "sing", "dog"]), ["X", "VBG", "NN"]);
    assert!(RegexpTagger::new(&[("(", "X")], None).is_err());
}

#[test]
fn hmm_learns_transitions() {
    let train = sents(&[
        "I/PRP can/MD fish/VB",
        "the/DT fish/NN swims/VBZ",
        "a/DT can/NN",
    ]);
    let hmm = HiddenMarkovModelTagger::train(&train, HmmEstimator::default());
    assert_eq!(hmm.tag(&["the", "can"]), ["DT", "NN"]);
    assert_eq!(hmm.tag(&["I", "can", "fish"]), ["PRP", "MD", "VB"]);
    // MLE: an unseen word zeroes every path; NLTK then gives the first state.
    let mle = HiddenMarkovModelTagger::train(&train, HmmEstimator::Mle);
    assert_eq!(mle.tag(&["the", "zebra"]), ["PRP", "PRP"]);
}

#[test]
fn brill_learns_a_contextual_rule() {
    let train = sents(&[
        "to/TO run/VB",
        "to/TO walk/VB",
        "the/DT run/NN",
        "the/DT walk/NN",
        "to/TO run/VB",
    ]);
    let initial = NgramTagger::unigram(&train, 0, nn());
    let brill = BrillTaggerTrainer::new(Box::new(initial), fntbl37()).train(&train, 10, 2);
    assert!(!brill.rules().is_empty());
    assert_eq!(brill.tag(&["to", "walk"]), ["TO", "VB"]);
    assert_eq!(brill.tag(&["the", "run"]), ["DT", "NN"]);
}

#[test]
fn empty_training_data_and_empty_sentences_do_not_panic() {
    let empty: Sents = Vec::new();
    let with_empty: Sents = vec![Vec::new()];
    for train in [&empty, &with_empty] {
        let taggers: Vec<Box<dyn Tagger>> = vec![
            Box::new(NgramTagger::trigram(train, 0, None)),
            Box::new(AffixTagger::train(train, -3, 2, 0, nn())),
            Box::new(HiddenMarkovModelTagger::train(train, HmmEstimator::Mle)),
            Box::new(HiddenMarkovModelTagger::train(
                train,
                HmmEstimator::default(),
            )),
            Box::new(
                BrillTaggerTrainer::new(Box::new(DefaultTagger::new("NN")), fntbl37())
                    .train(train, 5, 1),
            ),
        ];
        for t in &taggers {
            assert!(t.tag(&[]).is_empty());
            assert_eq!(t.tag(&["unknown", "words"]).len(), 2);
        }
    }
}

fn train_from_cases() -> Sents {
    common::parity_cases("tag_classic")
        .into_iter()
        .filter_map(|(_, _, v)| {
            let s = v.get("train")?.as_array()?.clone();
            Some(
                s.iter()
                    .map(|p| {
                        (
                            p[0].as_str().unwrap().to_string(),
                            p[1].as_str().unwrap().to_string(),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

fn build(name: &str, train: &Sents) -> Box<dyn Tagger> {
    match name {
        "unigram" => Box::new(NgramTagger::unigram(train, 0, nn())),
        "unigram_cutoff2" => Box::new(NgramTagger::unigram(train, 2, nn())),
        "bigram" => Box::new(NgramTagger::bigram(
            train,
            0,
            Some(Box::new(NgramTagger::unigram(train, 0, nn()))),
        )),
        "trigram" => {
            let b = NgramTagger::bigram(
                train,
                0,
                Some(Box::new(NgramTagger::unigram(train, 0, nn()))),
            );
            Box::new(NgramTagger::trigram(train, 0, Some(Box::new(b))))
        }
        "affix" => Box::new(AffixTagger::train(train, -3, 2, 0, nn())),
        "hmm" => Box::new(HiddenMarkovModelTagger::train(
            train,
            HmmEstimator::Lidstone(0.1),
        )),
        "hmm_mle" => Box::new(HiddenMarkovModelTagger::train(train, HmmEstimator::Mle)),
        "brill" => {
            let re = RegexpTagger::new(RegexpTagger::nltk_demo_patterns(), None).unwrap();
            let initial = NgramTagger::unigram(train, 0, Some(Box::new(re)));
            Box::new(BrillTaggerTrainer::new(Box::new(initial), fntbl37()).train(train, 20, 2))
        }
        other => panic!("unknown tagger {other} in parity cases"),
    }
}

#[test]
fn nltk_parity_cases() {
    let train = train_from_cases();
    assert!(train.len() >= 100);
    let mut taggers: std::collections::HashMap<String, Box<dyn Tagger>> = Default::default();
    let mut checked = 0;
    for (file, line, v) in common::parity_cases("tag_classic") {
        let Some(name) = v.get("tagger").and_then(|n| n.as_str()) else {
            continue;
        };
        let tagger = taggers
            .entry(name.to_string())
            .or_insert_with(|| build(name, &train));
        let words: Vec<&str> = v["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let want: Vec<&str> = v["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap_or(NONE_TAG))
            .collect();
        assert_eq!(tagger.tag(&words), want, "{file}:{line} ({name})");
        checked += 1;
    }
    assert!(checked >= 400, "only {checked} cases");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn classic_taggers_never_panic(
            train in prop::collection::vec(prop::collection::vec(("\\PC{0,6}", "[A-Z]{1,3}"), 0..6), 0..6),
            words in prop::collection::vec("\\PC{0,8}", 0..10),
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let taggers: Vec<Box<dyn Tagger>> = vec![
                Box::new(NgramTagger::trigram(&train, 1, Some(Box::new(NgramTagger::unigram(&train, 0, nn()))))),
                Box::new(AffixTagger::train(&train, 2, 0, 0, None)),
                Box::new(HiddenMarkovModelTagger::train(&train, HmmEstimator::default())),
                Box::new(BrillTaggerTrainer::new(Box::new(NgramTagger::unigram(&train, 0, nn())), fntbl37()).train(&train, 5, 1)),
            ];
            for t in &taggers {
                prop_assert_eq!(t.tag(&words).len(), words.len());
            }
        }
    }
}

/// Found by the `tagger_model_body` fuzz target: a model file claiming an
/// n-gram order near `usize::MAX` made tagging reserve that much memory.
#[test]
fn an_ngram_model_of_absurd_order_tags_without_reserving_memory_for_it() {
    let model = ClassicModel::Ngram {
        n: usize::MAX / 4,
        table: vec![("DT\u{1f}\u{1f}dog".to_string(), "NN".to_string())],
        backoff: Some(Box::new(ClassicModel::Default { tag: "DT".into() })),
    };
    let t = ClassicTagger::new(model, Default::default()).unwrap();
    let back = nlkit::tag::model_from_bytes(&t.to_bytes().unwrap()).unwrap();
    assert_eq!(back.tag(&["the", "dog"]), ["DT", "NN"]);
}
