//! Every stemmer, on arbitrary strings: never panics, output is valid and
//! deterministic.
use nlkit::stem::{
    Cistem, LancasterStemmer, PorterMode, PorterStemmer, RegexpStemmer, SnowballLanguage,
    SnowballStemmer, Stemmer,
};
use proptest::prelude::*;

fn all_stemmers() -> Vec<Box<dyn Stemmer>> {
    let mut v: Vec<Box<dyn Stemmer>> = vec![
        Box::new(PorterStemmer::new(PorterMode::NltkExtensions)),
        Box::new(PorterStemmer::new(PorterMode::MartinExtensions)),
        Box::new(PorterStemmer::new(PorterMode::OriginalAlgorithm)),
        Box::new(PorterStemmer::default().with_lowercase(false)),
        Box::new(LancasterStemmer::default()),
        Box::new(LancasterStemmer::new(true)),
        Box::new(Cistem::new(false)),
        Box::new(Cistem::new(true)),
        Box::new(RegexpStemmer::new("ing$|s$|e$|able$", 4).unwrap()),
    ];
    for l in SnowballLanguage::ALL {
        v.push(Box::new(SnowballStemmer::new(*l)));
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        for st in all_stemmers() {
            let a = st.stem(&s).into_owned();
            let b = st.stem(&s).into_owned();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn never_panics_on_wordlike_strings(s in "[a-zA-Zyäöüßñçéèàõőű'’*\\-0-9]{0,30}") {
        for st in all_stemmers() {
            let _ = st.stem(&s);
        }
        let _ = Cistem::new(false).segment(&s);
    }
}
