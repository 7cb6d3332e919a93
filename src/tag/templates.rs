//! The names of the tagger's feature templates. A file of its own, with
//! no dependencies, because build.rs compiles it too (with `fxhash.rs`) to
//! key the embedded models' features when nlkit is built.

/// The feature templates, in the order `for_each_feature_parts` (in `features.rs`) gives
/// them: a feature string is the template name followed by its parts, each
/// after one space (NLTK's `' '.join((name,) + args)`). The first 14 are
/// NLTK's.
pub(crate) const TEMPLATES: [&str; N_TEMPLATES] = [
    "bias",
    "i suffix",
    "i pref1",
    "i-1 tag",
    "i-2 tag",
    "i tag+i-2 tag",
    "i word",
    "i-1 tag+i word",
    "i-1 word",
    "i-1 suffix",
    "i-2 word",
    "i+1 word",
    "i+1 suffix",
    "i+2 word",
    "i suffix1",
    "i suffix2",
    "i suffix4",
    "i suffix5",
    "i pref2",
    "i pref3",
    "i shape",
    "i-1 tag+i suffix",
    "i word+i+1 word",
    "i-1 word+i word",
    "i+1 suffix2",
    "i-1 tag+i+1 word",
    "i cap",
    "i digit+hyphen+len",
    "i c1",
    "i c2",
    "i c3",
    "i-1 c2",
    "i+1 c2",
    "i+2 c1",
    "i-1 tag+i c2",
    "i c2+i+1 c2",
    "i first",
    "i+1 first",
    "i+2 first",
    "i first+i+1 first",
    "i-1 tag+i+1 first",
    "i word+i+1 first",
    "i+1 first+i+2 first",
];

/// The number of feature templates.
pub(crate) const N_TEMPLATES: usize = 43;
