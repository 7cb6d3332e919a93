//! Span scores with the CoNLL shared tasks' `conlleval` definition: chunks
//! (named entities, phrase chunks) are read from BIO/IOB1/IOBES tags, and
//! a guessed chunk counts only when its type and both ends match a gold
//! chunk. NLTK has no such scorer (its `ChunkScore` compares trees); the
//! rules for where a chunk starts and ends are conlleval's (an `I-X` after
//! `O` or after another type starts a chunk, as in IOB1).
//!
//! # Example
//! ```
//! use nlkit::metrics::conlleval::{chunks, SpanScore};
//! assert_eq!(chunks(&["B-PER", "I-PER", "O", "I-LOC"]), [("PER".to_string(), 0, 2), ("LOC".to_string(), 3, 4)]);
//! let mut s = SpanScore::default();
//! s.add(&["B-PER", "I-PER", "O"], &["B-PER", "O", "O"]).unwrap();
//! assert_eq!((s.correct, s.guessed, s.gold), (0, 1, 1));
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Error, Result};

/// Splits a tag into its prefix (`B`, `I`, `O`, `E`, `S`) and type; a tag
/// without a known prefix is a chunk type of its own (`I`).
fn split(tag: &str) -> (char, &str) {
    if tag == "O" || tag.is_empty() {
        return ('O', "");
    }
    match tag.split_once('-') {
        Some((p, t)) if matches!(p, "B" | "I" | "E" | "S" | "O") => {
            (p.chars().next().unwrap_or('O'), t)
        }
        _ => ('I', tag),
    }
}

fn ends(prev: (char, &str), cur: (char, &str)) -> bool {
    let (p, pt) = prev;
    let (c, ct) = cur;
    matches!(
        (p, c),
        ('B', 'B' | 'O' | 'S') | ('I', 'B' | 'O' | 'S') | ('E', _) | ('S', _)
    ) || (p != 'O' && pt != ct)
}

fn starts(prev: (char, &str), cur: (char, &str)) -> bool {
    let (p, pt) = prev;
    let (c, ct) = cur;
    matches!((p, c), (_, 'B' | 'S') | ('E' | 'S' | 'O', 'I' | 'E')) || (c != 'O' && pt != ct)
}

/// The chunks of one sentence's tags: `(type, start, end)`, end exclusive.
///
/// # Example
/// ```
/// let c = nlkit::metrics::conlleval::chunks(&["B-NP", "I-NP", "B-VP"]);
/// assert_eq!(c, [("NP".to_string(), 0, 2), ("VP".to_string(), 2, 3)]);
/// ```
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    let mut prev = ('O', "");
    for (i, tag) in tags.iter().enumerate() {
        let cur = split(tag.as_ref());
        if ends(prev, cur) {
            if let Some((t, s)) = open.take() {
                out.push((t, s, i));
            }
        }
        if starts(prev, cur) && cur.0 != 'O' {
            open = Some((cur.1.to_string(), i));
        }
        prev = cur;
    }
    if let Some((t, s)) = open {
        out.push((t, s, tags.len()));
    }
    out
}

/// Counts of one chunk type (or all).
///
/// # Example
/// ```
/// let c = nlkit::metrics::conlleval::Counts { correct: 1, guessed: 2, gold: 1 };
/// assert_eq!((c.precision(), c.recall()), (50.0, 100.0));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Guessed chunks that match a gold chunk exactly.
    pub correct: u64,
    /// Guessed chunks.
    pub guessed: u64,
    /// Gold chunks.
    pub gold: u64,
}

impl Counts {
    /// Precision in percent (0 when nothing was guessed, as conlleval).
    pub fn precision(&self) -> f64 {
        pct(self.correct, self.guessed)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.correct, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Accumulated span scores over sentences.
///
/// # Example
/// ```
/// let mut s = nlkit::metrics::conlleval::SpanScore::default();
/// s.add(&["B-LOC", "O"], &["B-LOC", "O"]).unwrap();
/// assert_eq!(s.overall().f1(), 100.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpanScore {
    /// Guessed chunks that match a gold chunk exactly.
    pub correct: u64,
    /// Guessed chunks.
    pub guessed: u64,
    /// Gold chunks.
    pub gold: u64,
    /// Tokens seen.
    pub tokens: u64,
    /// Tokens whose tag is right.
    pub correct_tags: u64,
    /// Counts per chunk type.
    pub per_type: BTreeMap<String, Counts>,
}

impl SpanScore {
    /// Adds one sentence.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the two tag lists differ in length.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], guessed: &[T]) -> Result<()> {
        if gold.len() != guessed.len() {
            return Err(Error::InvalidInput(format!(
                "gold and guessed tags differ in length ({} and {})",
                gold.len(),
                guessed.len()
            )));
        }
        self.tokens += gold.len() as u64;
        self.correct_tags += gold
            .iter()
            .zip(guessed)
            .filter(|(a, b)| a.as_ref() == b.as_ref())
            .count() as u64;
        let g = chunks(gold);
        let p = chunks(guessed);
        for (t, ..) in &g {
            self.per_type.entry(t.clone()).or_default().gold += 1;
        }
        for c in &p {
            let e = self.per_type.entry(c.0.clone()).or_default();
            e.guessed += 1;
            if g.contains(c) {
                e.correct += 1;
                self.correct += 1;
            }
        }
        self.gold += g.len() as u64;
        self.guessed += p.len() as u64;
        Ok(())
    }

    /// The overall counts.
    pub fn overall(&self) -> Counts {
        Counts {
            correct: self.correct,
            guessed: self.guessed,
            gold: self.gold,
        }
    }

    /// Token accuracy in percent.
    pub fn accuracy(&self) -> f64 {
        pct(self.correct_tags, self.tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_chunk_boundaries() {
        let c = |t: &[&str]| chunks(t);
        assert_eq!(c(&["B-NP", "B-NP"]).len(), 2);
        assert_eq!(
            c(&["I-NP", "I-NP", "I-VP"]),
            [("NP".into(), 0, 2), ("VP".into(), 2, 3)]
        );
        assert_eq!(c(&["B-A", "I-B"]), [("A".into(), 0, 1), ("B".into(), 1, 2)]);
        assert_eq!(
            c(&["S-A", "B-A", "E-A", "O"]),
            [("A".into(), 0, 1), ("A".into(), 1, 3)]
        );
        assert!(c(&["O", "O"]).is_empty());
        assert!(c(&[]).is_empty());
    }

    #[test]
    fn scores() {
        let mut s = SpanScore::default();
        s.add(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "I-PER", "O", "B-ORG"],
        )
        .unwrap();
        assert_eq!(
            s.overall(),
            Counts {
                correct: 1,
                guessed: 2,
                gold: 2
            }
        );
        assert_eq!(s.per_type["LOC"].gold, 1);
        assert_eq!(s.per_type["ORG"].guessed, 1);
        assert!((s.overall().f1() - 50.0).abs() < 1e-9);
        assert!((s.accuracy() - 75.0).abs() < 1e-9);
        assert!(s.add(&["O"], &[] as &[&str]).is_err());
    }
}
