//! NLTK's most used calls under their NLTK names, with nlkit's embedded
//! English models (no download): [`sent_tokenize`], [`word_tokenize`],
//! [`pos_tag`], [`pos_tag_sents`]. Re-exported at the crate root.
//!
//! Difference from NLTK (`docs/differences.md`): `pos_tag` tags with
//! nlkit's embedded Penn Treebank model (trained on UD English-EWT), not
//! NLTK's downloadable `averaged_perceptron_tagger_eng`; load that one with
//! [`crate::tag::PerceptronTagger::load_nltk`] to get `nltk.pos_tag`'s exact
//! tags.

use crate::sentence::SentenceTokenizer;
use crate::tag::Tagger;
use crate::Result;

/// `nltk.sent_tokenize(text)`: the sentences of `text` with nlkit's
/// embedded English Punkt model (the same splits as NLTK's `punkt_tab`
/// English model on the text nlkit's parity scripts measure).
///
/// # Example
/// ```
/// assert_eq!(nlkit::sent_tokenize("Mr. Smith left. He was late."),
///            ["Mr. Smith left.", "He was late."]);
/// ```
pub fn sent_tokenize(text: &str) -> Vec<&str> {
    crate::sentence::punkt::PunktSentenceTokenizer::default_english().tokenize(text)
}

/// `nltk.word_tokenize(text)`: Punkt sentences, then NLTK's improved
/// Treebank tokenizer on each.
///
/// # Example
/// ```
/// assert_eq!(nlkit::word_tokenize("I can't go."), ["I", "ca", "n't", "go", "."]);
/// ```
pub fn word_tokenize(text: &str) -> Vec<String> {
    crate::tokenize::word_tokenize(text, false)
}

/// `nltk.pos_tag(tokens)`: `(token, Penn Treebank tag)` pairs from nlkit's
/// embedded English model.
///
/// # Errors
/// Only if the embedded model fails to load (a build defect).
///
/// # Example
/// ```
/// let tagged = nlkit::pos_tag(&["The", "cat", "sat", "."]).unwrap();
/// assert_eq!(tagged, [("The", "DT"), ("cat", "NN"), ("sat", "VBD"), (".", ".")]);
/// ```
pub fn pos_tag<S: AsRef<str>>(tokens: &[S]) -> Result<Vec<(&str, &'static str)>> {
    let t = crate::tag::default_english_xpos()?;
    let words: Vec<&str> = tokens.iter().map(AsRef::as_ref).collect();
    Ok(words.iter().copied().zip(t.tag(&words)).collect())
}

/// `nltk.pos_tag_sents(sentences)`: [`pos_tag`] for each sentence.
///
/// # Errors
/// As [`pos_tag`].
///
/// # Example
/// ```
/// let sents = vec![vec!["Dogs", "bark"], vec!["It", "rains", "."]];
/// let tagged = nlkit::pos_tag_sents(&sents).unwrap();
/// assert_eq!(tagged[1][1], ("rains", "VBZ"));
/// ```
pub fn pos_tag_sents<S: AsRef<str>>(
    sentences: &[Vec<S>],
) -> Result<Vec<Vec<(&str, &'static str)>>> {
    sentences.iter().map(|s| pos_tag(s)).collect()
}
