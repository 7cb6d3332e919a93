//! NLTK's doctests for nltk.translate's metrics (nltk/test/bleu.doctest,
//! nltk/test/meteor.doctest and the docstring examples of bleu_score,
//! chrf_score, gleu_score, nist_score, ribes_score and meteor_score), as Rust
//! tests. `+ELLIPSIS` values (`0.5045...`) are checked as printed prefixes.

mod common;

use nlkit::translate::{
    brevity_penalty, closest_ref_length, corpus_bleu, corpus_chrf, corpus_gleu, corpus_ribes,
    kendall_tau, modified_precision, sentence_bleu, sentence_chrf, sentence_gleu, sentence_nist,
    word_rank_alignment, Bleu, Chrf, Meteor, Smoothing, SmoothingFunction,
};

fn toks(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Python's repr of `x` starts with `prefix` (NLTK's `0.5045...`).
fn starts(x: f64, prefix: &str) {
    let s = format!("{x:?}");
    assert!(s.starts_with(prefix), "{s} does not start with {prefix}");
}

const HYP1: &str = "It is a guide to action which ensures that the military always obeys the commands of the party";
const HYP2: &str =
    "It is to insure the troops forever hearing the activity guidebook that party direct";
const REF1: &str =
    "It is a guide to action that ensures that the military will forever heed Party commands";
const REF2: &str = "It is the guiding principle which guarantees the military forces always being under the command of the Party";
const REF3: &str =
    "It is the practical guide for the army always to heed the directions of the party";
const HYP_B: &str = "he read the book because he was interested in world history";
const REF_B: &str = "he was interested in world history because he read the book";

fn bleu_with(weights: Vec<Vec<f64>>, method: usize) -> Bleu {
    Bleu {
        weights,
        smoothing: SmoothingFunction {
            method: Smoothing::from_index(method).unwrap(),
            ..Default::default()
        },
        auto_reweigh: false,
    }
}

#[test]
fn sentence_bleu_docstring() {
    let refs = [toks(REF1), toks(REF2), toks(REF3)];
    let d = Bleu::default();
    starts(
        sentence_bleu(&refs, &toks(HYP1), &d).unwrap().scores[0],
        "0.5045",
    );
    let s = sentence_bleu(&refs, &toks(HYP2), &d).unwrap();
    assert_eq!((s.scores[0] * 1e4).round() / 1e4, 0.0);
    assert_eq!(
        s.warnings.len(),
        2,
        "3- and 4-gram warnings: {:?}",
        s.warnings
    );
    starts(
        sentence_bleu(&refs, &toks(HYP2), &bleu_with(vec![vec![0.25; 4]], 1))
            .unwrap()
            .scores[0],
        "0.0370",
    );
    starts(
        sentence_bleu(&refs, &toks(HYP1), &bleu_with(vec![vec![0.2; 5]], 0))
            .unwrap()
            .scores[0],
        "0.3920",
    );
    let multi = bleu_with(vec![vec![0.5; 2], vec![1. / 3.; 3], vec![0.25; 4]], 0);
    let s = sentence_bleu(&refs, &toks(HYP1), &multi).unwrap().scores;
    starts(s[0], "0.7453");
    starts(s[1], "0.6240");
    starts(s[2], "0.5045");
}

#[test]
fn corpus_bleu_docstring() {
    let refs = vec![vec![toks(REF1), toks(REF2), toks(REF3)], vec![toks(REF_B)]];
    let hyps = vec![toks(HYP1), toks(HYP_B)];
    starts(
        corpus_bleu(&refs, &hyps, &Bleu::default()).unwrap().scores[0],
        "0.5920",
    );
    let s1 = sentence_bleu(&refs[0], &hyps[0], &Bleu::default())
        .unwrap()
        .scores[0];
    let s2 = sentence_bleu(&refs[1], &hyps[1], &Bleu::default())
        .unwrap()
        .scores[0];
    starts((s1 + s2) / 2.0, "0.6223");
    starts(
        corpus_bleu(&refs, &hyps, &bleu_with(vec![vec![0.1, 0.3, 0.5, 0.1]], 0))
            .unwrap()
            .scores[0],
        "0.5818",
    );
    let w = vec![
        vec![0.5, 0.5],
        vec![0.333, 0.333, 0.334],
        vec![0.25; 4],
        vec![0.2; 5],
    ];
    let s = corpus_bleu(&refs, &hyps, &bleu_with(w, 0)).unwrap().scores;
    for (x, p) in s.iter().zip(["0.8242", "0.7067", "0.5920", "0.4719"]) {
        starts(*x, p);
    }
}

#[test]
fn modified_precision_docstring() {
    let refs = [
        toks("the cat is on the mat"),
        toks("there is a cat on the mat"),
    ];
    let (n, d) = modified_precision(&refs, &toks("the the the the the the the"), 1);
    starts(n as f64 / d as f64, "0.2857");
    let refs = [toks(REF1), toks(REF2), toks(REF3)];
    let p = |h: &str, n| {
        let (a, b) = modified_precision(&refs, &toks(h), n);
        a as f64 / b as f64
    };
    assert_eq!(p("of the", 1), 1.0);
    assert_eq!(p("of the", 2), 1.0);
    starts(p(HYP1, 1), "0.9444");
    starts(p(HYP2, 1), "0.5714");
    assert_eq!(p(HYP1, 2), 0.5882352941176471);
    starts(p(HYP2, 2), "0.07692");
}

#[test]
fn brevity_penalty_docstring() {
    let bp = |refs: &[usize], hyp: usize| {
        brevity_penalty(closest_ref_length(refs.iter().copied(), hyp).unwrap(), hyp)
    };
    assert_eq!(bp(&[12, 15, 17], 12), 1.0);
    assert_eq!(bp(&[28, 28], 12), 0.2635971381157267);
    starts(bp(&[13, 2], 12), "0.9200");
    assert_eq!(bp(&[13, 11], 12), 1.0);
    assert_eq!(bp(&[11, 13], 12), 1.0);
    starts(bp(&[11, 8], 7), "0.8668");
    assert_eq!(bp(&[11, 8, 6, 7], 7), 1.0);
}

#[test]
fn smoothing_function_docstring() {
    let refs = [toks(REF1)];
    let expect = [
        "0.4118", "0.4118", "0.4452", "0.4118", "0.4118", "0.4905", "0.4135", "0.4905",
    ];
    for (m, p) in expect.iter().enumerate() {
        starts(
            sentence_bleu(&refs, &toks(HYP1), &bleu_with(vec![vec![0.25; 4]], m))
                .unwrap()
                .scores[0],
            p,
        );
    }
}

#[test]
fn bleu_doctest_file() {
    // bleu.doctest: no alignment at all gives 0 (NLTK's int 0)
    let refs = [toks(
        "The candidate has no alignment to any of the references",
    )];
    let s = sentence_bleu(
        &refs,
        &toks("John loves Mary"),
        &bleu_with(vec![vec![1.0]], 0),
    )
    .unwrap();
    assert_eq!(s.scores, [0.0]);
    // method4 on a short hypothesis
    let refs = [toks("It is a place of quiet contemplation .")];
    let s = sentence_bleu(&refs, &toks("It is ."), &bleu_with(vec![vec![0.25; 4]], 4)).unwrap();
    starts(s.scores[0] * 100.0, "4.4267");
}

#[test]
fn chrf_docstring() {
    let c = Chrf::default();
    starts(sentence_chrf(REF1, HYP1, &c).unwrap(), "0.6349");
    starts(sentence_chrf(REF1, HYP2, &c).unwrap(), "0.3330");
    starts(
        sentence_chrf("the cat is on the mat", "the the the the the the the", &c).unwrap(),
        "0.1468",
    );
    let c23 = Chrf {
        min_len: 2,
        max_len: 3,
        ..c
    };
    starts(sentence_chrf(REF1, HYP1, &c23).unwrap(), "0.6617");
    starts(
        corpus_chrf(&[REF1, REF2, REF1, REF2], &[HYP1, HYP2, HYP2, HYP1], &c).unwrap(),
        "0.3910",
    );
}

#[test]
fn gleu_docstring() {
    starts(
        sentence_gleu(
            &[toks("the cat is on the mat")],
            &toks("the the the the the the the"),
            1,
            4,
        )
        .unwrap(),
        "0.0909",
    );
    starts(
        sentence_gleu(&[toks(REF1)], &toks(HYP1), 1, 4).unwrap(),
        "0.4393",
    );
    starts(
        sentence_gleu(&[toks(REF1)], &toks(HYP2), 1, 4).unwrap(),
        "0.1206",
    );
    let refs = vec![vec![toks(REF1), toks(REF2), toks(REF3)], vec![toks(REF_B)]];
    let hyps = vec![toks(HYP1), toks(HYP_B)];
    starts(corpus_gleu(&refs, &hyps, 1, 4).unwrap(), "0.5673");
    let s1 = sentence_gleu(&[toks(REF1)], &hyps[0], 1, 4).unwrap();
    let s2 = sentence_gleu(&[toks(REF_B)], &hyps[1], 1, 4).unwrap();
    starts((s1 + s2) / 2.0, "0.6144");
}

#[test]
fn nist_docstring() {
    let refs = [toks(REF1), toks(REF2), toks(REF3)];
    starts(sentence_nist(&refs, &toks(HYP1), 5).unwrap(), "3.3709");
    starts(sentence_nist(&refs, &toks(HYP2), 5).unwrap(), "1.4619");
}

#[test]
fn ribes_docstring() {
    let refs = vec![vec![toks(REF1), toks(REF2), toks(REF3)], vec![toks(REF_B)]];
    let hyps = vec![toks(HYP1), toks(HYP_B)];
    let s = corpus_ribes(&refs, &hyps, 0.25, 0.10).unwrap();
    assert_eq!((s * 1e4).round() / 1e4, 0.633);
    assert_eq!(
        word_rank_alignment(&toks(REF_B), &toks(HYP_B)).unwrap(),
        [7, 8, 9, 10, 6, 0, 1, 2, 3, 4, 5]
    );
    assert_eq!(
        word_rank_alignment(
            &toks("John hit Bob yesterday"),
            &toks("Bob hit John yesterday")
        )
        .unwrap(),
        [2, 1, 0, 3]
    );
    assert_eq!(
        word_rank_alignment(
            &toks("the boy read the book"),
            &toks("the book was read by the boy")
        )
        .unwrap(),
        [3, 4, 2, 0, 1]
    );
    let w = [7, 8, 9, 10, 6, 0, 1, 2, 3, 4, 5];
    assert_eq!((kendall_tau(&w, false) * 1e3).round() / 1e3, -0.236);
    assert_eq!((kendall_tau(&w, true) * 1e3).round() / 1e3, 0.382);
    assert_eq!(kendall_tau(&[2, 1, 0, 3], false), 0.0);
    assert_eq!(kendall_tau(&[2, 1, 0, 3], true), 0.5);
}

fn meteor() -> Option<Meteor> {
    let data = common::nltk_data()?;
    Some(Meteor::load(Some(&data)).expect("wordnet in .nltk_data"))
}

fn wt(s: &str) -> Vec<String> {
    nlkit::tokenize::word_tokenize(s, false)
}

fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[test]
fn meteor_doctests() {
    let Some(m) = meteor() else { return };
    // meteor.doctest
    let refs = [wt(
        "The candidate has no alignment to any of the references",
    )];
    assert_eq!(
        r4(m.meteor_score(&refs, &wt("John loves Mary")).unwrap()),
        0.0
    );
    let cat = [wt("The cat sat on the mat")];
    assert!(
        (r4(m.meteor_score(&cat, &wt("The cat sat on the mat")).unwrap()) - 0.9977).abs() < 1e-2
    );
    assert_eq!(
        m.meteor_score(&cat, &wt("on the mat sat the cat")).unwrap(),
        0.5
    );
    assert_eq!(
        r4(m.meteor_score(&cat, &wt("The cat was sat on the mat"))
            .unwrap()),
        0.9654
    );
    let vm = [wt("create or update a vm set")];
    assert_eq!(
        r4(
            m.meteor_score(&vm, &wt("creates or updates a virtual machine scale set"))
                .unwrap()
        ),
        0.7806
    );
    // meteor_score.py docstrings
    assert_eq!(
        r4(m.single_meteor_score(&toks(REF1), &toks(HYP1)).unwrap()),
        0.6944
    );
    assert_eq!(
        r4(
            m.single_meteor_score(&toks("this is a cat"), &toks("non matching hypothesis"))
                .unwrap()
        ),
        0.0
    );
    let refs = [toks(REF1), toks(REF2), toks(REF3)];
    assert_eq!(r4(m.meteor_score(&refs, &toks(HYP1)).unwrap()), 0.6944);
    assert_eq!(
        r4(
            m.meteor_score(&[toks("this is a cat")], &toks("non matching hypothesis"))
                .unwrap()
        ),
        0.0
    );
}
