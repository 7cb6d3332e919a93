//! The NLTK book's first classifier (chapter 6.1): guessing a name's
//! gender from its last letter with naive Bayes.
//!
//! Run: `cargo run --example classify_names` (needs the `names` corpus:
//! `nlkit download names`, or `NLTK_DATA` pointing at a data folder).
//! Every fifth name is held out for testing (the book shuffles randomly).

use nlkit::classify::{accuracy, ClassifierI, FeatureSet, NaiveBayesClassifier};

fn gender_features(name: &str) -> FeatureSet {
    let last: String = name.chars().last().map(String::from).unwrap_or_default();
    FeatureSet::from_iter([("last_letter", last.as_str())])
}

fn main() -> nlkit::Result<()> {
    let corpus = nlkit::corpus::open_corpus("names", None)?;
    let mut labeled = Vec::new();
    for (file, gender) in [("male.txt", "male"), ("female.txt", "female")] {
        for name in corpus.words(Some(&[file.to_string()])) {
            labeled.push((gender_features(&name?), gender.to_string()));
        }
    }
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (i, ex) in labeled.into_iter().enumerate() {
        if i % 5 == 0 {
            test.push(ex);
        } else {
            train.push(ex);
        }
    }
    let classifier = NaiveBayesClassifier::train(&train)?;
    for name in ["Neo", "Trinity"] {
        println!("{name}: {}", classifier.classify(&gender_features(name))?);
    }
    println!("accuracy: {:.3}", accuracy(&classifier, &test)?);
    print!("{}", classifier.show_most_informative_features(5));
    Ok(())
}
