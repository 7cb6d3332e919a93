//! NLTK's doctests for `nltk.lm` (the `nltk.lm` package docstring, the
//! `Vocabulary`, `NgramCounter` and `generate` docstrings, and
//! nltk/test/lm.doctest) as Rust tests, with NLTK's printed values.

mod common;

use nlkit::lm::{padded_everygram_pipeline, Estimator, LanguageModel, PyRandom, Vocabulary};
use nlkit::util::ngrams::{everygrams, ngrams};

const NONE: &[&str] = &[];

fn text() -> Vec<Vec<&'static str>> {
    vec![vec!["a", "b", "c"], vec!["a", "c", "d", "c", "e", "f"]]
}

fn mle_bigram() -> LanguageModel {
    let t = text();
    let (train, vocab) = padded_everygram_pipeline(2, &t);
    let mut lm = LanguageModel::mle(2).unwrap();
    assert_eq!(lm.vocab().len(), 0);
    lm.fit(train, Some(vocab)).unwrap();
    lm
}

#[test]
fn package_docstring() {
    let lm = mle_bigram();
    assert_eq!(
        lm.vocab().to_string(),
        "<Vocabulary with cutoff=1 unk_label='<UNK>' and 9 items>"
    );
    assert_eq!(lm.vocab().len(), 9);
    let looked: Vec<&str> = ["a", "b", "c"]
        .iter()
        .map(|w| lm.vocab().lookup(w))
        .collect();
    assert_eq!(looked, ["a", "b", "c"]);
    let looked: Vec<&str> = ["aliens", "from", "Mars"]
        .iter()
        .map(|w| lm.vocab().lookup(w))
        .collect();
    assert_eq!(looked, ["<UNK>", "<UNK>", "<UNK>"]);
    assert_eq!(
        lm.counts().to_string(),
        "<NgramCounter with 2 ngram orders and 24 ngrams>"
    );
    assert_eq!(lm.count(&["a"]), 2);
    assert_eq!(lm.count(&["a", "b"]), 1);
    assert_eq!(lm.score("a", NONE).unwrap(), 0.15384615384615385);
    assert_eq!(
        lm.score("<UNK>", NONE).unwrap(),
        lm.score("aliens", NONE).unwrap()
    );
    assert_eq!(lm.score("b", &["a"]).unwrap(), 0.5);
    assert_eq!(lm.logscore("a", NONE).unwrap(), -2.700439718141092);
    let test = [["a", "b"], ["c", "d"]];
    assert_eq!(lm.entropy(test).unwrap(), 1.292481250360578);
    assert_eq!(lm.perplexity(test).unwrap(), 2.449489742783178);
    assert_eq!(lm.generate_one(NONE, &mut PyRandom::new(3)).unwrap(), "<s>");
    assert_eq!(
        lm.generate(5, NONE, &mut PyRandom::new(3)).unwrap(),
        ["<s>", "a", "b", "c", "d"]
    );
    assert_eq!(
        lm.generate(5, &["c"], &mut PyRandom::new(3)).unwrap(),
        ["</s>", "c", "d", "c", "d"]
    );
}

#[test]
fn fit_text_equals_pipeline() {
    let t = text();
    let a = mle_bigram();
    let mut b = LanguageModel::mle(2).unwrap();
    b.fit_text(&t).unwrap();
    for w in ["a", "b", "c", "<s>", "</s>", "zzz"] {
        for ctx in [vec![], vec!["a"], vec!["c"], vec!["<s>"]] {
            assert_eq!(a.score(w, &ctx).unwrap(), b.score(w, &ctx).unwrap());
        }
    }
    assert_eq!(a.vocab().len(), b.vocab().len());
}

#[test]
fn vocabulary_docstring() {
    let words = ["a", "c", "-", "d", "c", "a", "b", "r", "a", "c", "d"];
    let mut vocab = Vocabulary::new(words, 2).unwrap();
    assert_eq!(vocab.get("c"), 3);
    assert!(vocab.contains("c"));
    assert_eq!(vocab.get("d"), 2);
    assert!(vocab.contains("d"));
    assert_eq!(vocab.get("b"), 1);
    assert!(!vocab.contains("b"));
    assert_eq!(vocab.get("aliens"), 0);
    assert!(!vocab.contains("aliens"));
    let vocab2 = Vocabulary::new(words, 1).unwrap();
    assert!(vocab2.contains("b"));
    let mut keys: Vec<&str> = vocab2.counts().map(|(w, _)| w).collect();
    keys.sort();
    assert_eq!(keys, ["-", "a", "b", "c", "d", "r"]);
    let mut all: Vec<&str> = vocab2.iter().collect();
    all.sort();
    assert_eq!(all, ["-", "<UNK>", "a", "b", "c", "d", "r"]);
    let mut all: Vec<&str> = vocab.iter().collect();
    all.sort();
    assert_eq!(all, ["<UNK>", "a", "c", "d"]);
    assert!(vocab.contains("<UNK>"));
    assert_eq!(vocab.lookup("a"), "a");
    assert_eq!(vocab.lookup("aliens"), "<UNK>");
    let looked: Vec<&str> = ["p", "a", "r", "d", "b", "c"]
        .iter()
        .map(|w| vocab.lookup(w))
        .collect();
    assert_eq!(looked, ["<UNK>", "a", "<UNK>", "d", "<UNK>", "c"]);
    vocab.update(["b", "b", "c"]);
    assert_eq!(vocab.get("b"), 3);
    // lookup docstring
    let v = Vocabulary::new(["a", "b", "c", "a", "b"], 2).unwrap();
    assert_eq!(v.lookup("a"), "a");
    assert_eq!(v.lookup("aliens"), "<UNK>");
    let looked: Vec<&str> = ["a", "b", "c"].iter().map(|w| v.lookup(w)).collect();
    assert_eq!(looked, ["a", "b", "<UNK>"]);
    // ValueError for cutoff < 1
    assert!(Vocabulary::new(["a"], 0).is_err());
}

#[test]
fn counter_docstring() {
    let text = [vec!["a", "b", "c", "d"], vec!["a", "c", "d", "c"]];
    let mut grams: Vec<Vec<Vec<&str>>> = text
        .iter()
        .map(|s| ngrams(s.clone(), 2).collect())
        .collect();
    grams.extend(text.iter().map(|s| ngrams(s.clone(), 1).collect()));
    let vocab = Vocabulary::new(["a", "b", "c", "d", "e", "f"], 1).unwrap();
    let mut lm = LanguageModel::with_vocabulary(2, Estimator::Mle, vocab).unwrap();
    lm.fit_counts(grams).unwrap();
    assert_eq!(lm.count(&["a"]), 2);
    assert_eq!(lm.count(&["aliens"]), 0);
    assert_eq!(lm.count(&["a", "b"]), 1);
    assert_eq!(lm.count(&["a", "c"]), 1);
    assert_eq!(lm.context_counts(&["a"]).distinct, 2);
    assert_eq!(lm.count(&["e"]), 0);
    lm.fit_counts([ngrams(vec!["d", "e", "f"], 1).collect::<Vec<_>>()])
        .unwrap();
    assert_eq!(lm.count(&["e"]), 1);
    // counts.N() over all orders: 8 unigrams + 6 bigrams + 3 new unigrams
    assert_eq!(lm.counts().total(), 17);
}

#[test]
fn generate_docstring() {
    let vocab = Vocabulary::new(["a", "b", "c"], 1).unwrap();
    let mut lm = LanguageModel::with_vocabulary(2, Estimator::Mle, vocab).unwrap();
    lm.fit_counts([[["a", "b"], ["b", "c"]]]).unwrap();
    lm.fit_counts([[["a"], ["b"], ["c"]]]).unwrap();
    assert_eq!(lm.generate_one(NONE, &mut PyRandom::new(3)).unwrap(), "a");
    // NLTK's `generate(text_seed=['a'])` has no seed; 'b' is the only word after 'a'.
    assert_eq!(
        lm.generate_one(&["a"], &mut PyRandom::new(12345)).unwrap(),
        "b"
    );
}

#[test]
fn issue_367_lidstone() {
    let word_seq: Vec<String> = "aaaababaaccbacb".chars().map(String::from).collect();
    let train: Vec<Vec<String>> = everygrams(word_seq, 1, Some(2), None, None).collect();
    let v = Vocabulary::new(["a", "b", "c", ""], 1).unwrap();
    let mut lm = LanguageModel::with_vocabulary(2, Estimator::Lidstone { gamma: 0.2 }, v).unwrap();
    lm.fit_counts([train]).unwrap();
    let mut keys: Vec<String> = lm.vocab().iter().map(String::from).collect();
    keys.sort();
    let b: Vec<f64> = keys.iter().map(|w| lm.score(w, &["b"]).unwrap()).collect();
    assert_eq!(b, [0.05, 0.05, 0.8, 0.05, 0.05]);
    let a: Vec<f64> = keys
        .iter()
        .map(|w| (lm.score(w, &["a"]).unwrap() * 1e4).round() / 1e4)
        .collect();
    assert_eq!(a, [0.0222, 0.0222, 0.4667, 0.2444, 0.2444]);
    for ctx in ["a", "b"] {
        let s = nlkit::lm::fsum(keys.iter().map(|w| lm.score(w, &[ctx]).unwrap())).unwrap();
        assert!((s - 1.0).abs() < 1e-6);
    }
}

#[test]
fn issue_367_afourney() {
    let sent = [vec!["foo", "foo", "foo", "foo", "bar", "baz"]];
    let (train, vocab) = padded_everygram_pipeline(3, &sent);
    let mut lm = LanguageModel::lidstone(0.2, 3).unwrap();
    lm.fit(train, Some(vocab)).unwrap();
    assert_eq!(lm.vocab().len(), 6);
    let ctx = ["bar", "baz"];
    assert_eq!(lm.count(&["bar", "baz", "foo"]), 0);
    assert_eq!(lm.context_counts(&ctx).n, 1);
    assert_eq!(
        (lm.score("foo", &ctx).unwrap() * 1e6).round() / 1e6,
        0.090909
    );
}

fn brown_news() -> Option<Vec<Vec<String>>> {
    let data = common::nltk_data()?;
    let c = nlkit::corpus::open_corpus("brown", Some(&data)).unwrap();
    let sel = c.resolve(&[], &["news".to_string()]).unwrap();
    Some(c.sents(sel.as_deref()).map(|s| s.unwrap()).collect())
}

#[test]
fn issue_167_witten_bell_unseen_word() {
    let Some(sents) = brown_news() else { return };
    let (train, vocab) = padded_everygram_pipeline(3, &sents);
    let mut lm = LanguageModel::witten_bell_interpolated(3).unwrap();
    lm.fit(train, Some(vocab)).unwrap();
    let sent: Vec<Vec<&str>> =
        ngrams("This is a sentence with the word aaddvark".split(' '), 3).collect();
    assert_eq!(lm.entropy(&sent).unwrap(), f64::INFINITY);
    let sent: Vec<Vec<&str>> = ngrams("This is a sentence".split(' '), 3).collect();
    let e = lm.entropy(&sent).unwrap();
    assert_eq!((e * 1e14).round() / 1e14, 10.23701322869105);
}

#[test]
fn issue_380_empty_string_context() {
    // NLTK uses reuters (not in the test data); the point is that an
    // unseen context scores below 1.
    let Some(sents) = brown_news() else { return };
    let (train, vocab) = padded_everygram_pipeline(3, &sents[..100]);
    let mut lm = LanguageModel::lidstone(0.2, 3).unwrap();
    lm.fit(train, Some(vocab)).unwrap();
    assert!(lm.score("said", &[""]).unwrap() < 1.0);
}
