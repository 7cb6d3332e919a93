//! Tagger evaluation against gold-tagged sentences (NLTK's
//! `TaggerI.accuracy` / `evaluate`, plus known/unknown-word accuracy,
//! per-tag precision/recall/F1 and the confusion matrix).

use serde::Serialize;

use super::TryTagger;
use crate::metrics::{ConfusionMatrix, LabelScores};
use crate::Result;

/// The result of [`evaluate`].
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Tokens evaluated.
    pub tokens: u64,
    /// Tokens tagged correctly.
    pub correct: u64,
    /// `correct / tokens` in percent.
    pub accuracy: f64,
    /// Tokens whose word the tagger knows (see [`evaluate`]).
    pub known_tokens: u64,
    /// Accuracy on known words, percent.
    pub known_accuracy: Option<f64>,
    /// Tokens whose word the tagger does not know.
    pub unknown_tokens: u64,
    /// Accuracy on unknown words, percent.
    pub unknown_accuracy: Option<f64>,
    /// Per-tag precision, recall, F1, support.
    pub per_tag: Vec<LabelScores>,
    /// Non-zero confusion cells `(gold, predicted, count)`, errors only.
    pub confusions: Vec<(String, String, u64)>,
    #[serde(skip)]
    /// The full confusion matrix.
    pub matrix: ConfusionMatrix,
}

fn pct(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| 100.0 * a as f64 / b as f64)
}

/// Tags each gold sentence's words with `tagger` and compares with the gold
/// tags. `is_known(word)` says whether the tagger saw the word in training
/// (for the perceptron: [`super::PerceptronTagger::knows`]).
///
/// # Errors
/// A tagger's failure (a neural model's), as it reported it.
///
/// # Example
/// ```
/// use nlkit::tag::{default_english_xpos, evaluate};
/// let t = default_english_xpos().unwrap();
/// let gold = vec![vec![("The".to_string(), "DT".to_string()), ("dog".into(), "NN".into())]];
/// let ev = evaluate(t, &gold, |w| t.knows(w)).unwrap();
/// assert_eq!(ev.tokens, 2);
/// assert_eq!(ev.accuracy, 100.0);
/// ```
pub fn evaluate<T: TryTagger + ?Sized>(
    tagger: &T,
    gold: &[Vec<(String, String)>],
    is_known: impl Fn(&str) -> bool,
) -> Result<Evaluation> {
    let mut cm = ConfusionMatrix::default();
    let (mut n, mut ok, mut kn, mut kok, mut un, mut uok) = (0, 0, 0, 0, 0, 0);
    // groups of sentences: a contextual tagger encodes each group at once
    for group in gold.chunks(32) {
        let words: Vec<Vec<&str>> = group
            .iter()
            .map(|s| s.iter().map(|(w, _)| w.as_str()).collect())
            .collect();
        let tagged = tagger.try_tag_sents(&words)?;
        let pairs = group
            .iter()
            .zip(tagged)
            .flat_map(|(sent, tags)| sent.iter().zip(tags));
        for ((w, g), p) in pairs {
            let hit = g == p;
            n += 1;
            ok += u64::from(hit);
            if is_known(w) {
                kn += 1;
                kok += u64::from(hit);
            } else {
                un += 1;
                uok += u64::from(hit);
            }
            cm.add(g, p);
        }
    }
    let mut confusions: Vec<(String, String, u64)> = cm
        .cells()
        .filter(|(g, p, _)| g != p)
        .map(|(g, p, c)| (g.to_string(), p.to_string(), c))
        .collect();
    confusions.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    Ok(Evaluation {
        tokens: n,
        correct: ok,
        accuracy: pct(ok, n).unwrap_or(0.0),
        known_tokens: kn,
        known_accuracy: pct(kok, kn),
        unknown_tokens: un,
        unknown_accuracy: pct(uok, un),
        per_tag: cm.scores(),
        confusions,
        matrix: cm,
    })
}
