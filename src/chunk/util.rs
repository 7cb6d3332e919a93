//! NLTK's `nltk.chunk.util`: IOB conversions ([`tree2conlltags`],
//! [`conlltags2tree`], [`tree2conllstr`]), the CoNLL corpus reader's
//! chunked sentences ([`chunked_sent_from_iob`]) and the scores
//! ([`ChunkScore`], [`accuracy`]).
//!
//! Difference: NLTK's `ChunkScore.missed()` / `incorrect()` list chunks in
//! the order of a Python `set` (arbitrary); nlkit lists them in input order
//! (sentence, then position).

use std::collections::HashSet;

use super::{leaf, split_leaf, Chunker};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// One `(word, POS tag, IOB chunk tag)` row.
pub type IobRow = (String, String, String);

/// The chunk types of CoNLL-2000 (all of them, as the shared task scores).
pub const CONLL2000_CHUNK_TYPES: [&str; 11] = [
    "NP", "VP", "PP", "ADVP", "SBAR", "ADJP", "PRT", "CONJP", "INTJ", "LST", "UCP",
];

fn leaf_pair(l: &str) -> Result<(&str, &str)> {
    split_leaf(l).ok_or_else(|| Error::InvalidInput(format!("leaf `{l}` is not a word/TAG token")))
}

/// Rows `(word, tag, IOB)` of a chunk tree (NLTK's `tree2conlltags`).
///
/// # Errors
/// [`Error::InvalidInput`] `Tree is too deeply nested to be printed in
/// CoNLL format` for a chunk holding a subtree, or a leaf without `/TAG`.
///
/// # Example
/// ```
/// use nlkit::tree::Tree;
/// let t = Tree::fromstring("(S (NP the/DT cat/NN) sat/VBD)").unwrap();
/// let rows = nlkit::chunk::tree2conlltags(&t).unwrap();
/// assert_eq!(rows[1].2, "I-NP");
/// ```
pub fn tree2conlltags(t: &Tree) -> Result<Vec<IobRow>> {
    let mut out = Vec::with_capacity(t.len());
    for c in t.children() {
        match c {
            Child::Tree(chunk) => {
                let mut prefix = "B-";
                for cc in chunk.children() {
                    match cc {
                        Child::Tree(_) => {
                            return Err(Error::InvalidInput(
                                "Tree is too deeply nested to be printed in CoNLL format".into(),
                            ))
                        }
                        Child::Leaf(l) => {
                            let (w, p) = leaf_pair(l)?;
                            out.push((
                                w.to_string(),
                                p.to_string(),
                                format!("{prefix}{}", chunk.label()),
                            ));
                            prefix = "I-";
                        }
                    }
                }
            }
            Child::Leaf(l) => {
                let (w, p) = leaf_pair(l)?;
                out.push((w.to_string(), p.to_string(), "O".to_string()));
            }
        }
    }
    Ok(out)
}

/// The rows of [`tree2conlltags`] as lines `word tag IOB` joined by `\n`
/// (NLTK's `tree2conllstr`).
///
/// # Errors
/// As [`tree2conlltags`].
///
/// # Example
/// ```
/// use nlkit::tree::Tree;
/// let t = Tree::fromstring("(S (NP cats/NNS) sleep/VBP)").unwrap();
/// assert_eq!(nlkit::chunk::tree2conllstr(&t).unwrap(), "cats NNS B-NP\nsleep VBP O");
/// ```
pub fn tree2conllstr(t: &Tree) -> Result<String> {
    let rows = tree2conlltags(t)?;
    let lines: Vec<String> = rows
        .iter()
        .map(|(w, p, c)| format!("{w} {p} {c}"))
        .collect();
    Ok(lines.join("\n"))
}

/// A chunk tree from IOB rows (NLTK's `conlltags2tree` with `strict`):
/// `B-X` opens a chunk, `I-X` continues a chunk `X` (or opens one when the
/// previous piece is not an `X` chunk; an error when `strict`), `O` is
/// outside. `chunk_types` is accepted for NLTK's signature and, as in
/// NLTK, not used.
///
/// # Errors
/// [`Error::InvalidInput`] `Bad conll tag 'X'` for another tag,
/// `Bad conll tag sequence` for a stray `I-` when `strict`.
///
/// # Example
/// ```
/// let rows = [("the", "DT", "B-NP"), ("cat", "NN", "I-NP"), ("sat", "VBD", "O")];
/// let t = nlkit::chunk::conlltags2tree(&rows, "S", false).unwrap();
/// assert_eq!(t.to_string(), "(S (NP the/DT cat/NN) sat/VBD)");
/// ```
pub fn conlltags2tree<W: AsRef<str>, P: AsRef<str>, C: AsRef<str>>(
    sentence: &[(W, P, C)],
    root_label: &str,
    strict: bool,
) -> Result<Tree> {
    let mut children: Vec<Child> = Vec::with_capacity(sentence.len());
    for (w, p, c) in sentence {
        let (w, p, c) = (w.as_ref(), p.as_ref(), c.as_ref());
        if let Some(label) = c.strip_prefix("B-") {
            children.push(Child::Tree(Tree::new(label, vec![leaf(w, p)])));
        } else if let Some(label) = c.strip_prefix("I-") {
            match children.last_mut() {
                Some(Child::Tree(t)) if t.label() == label => t.children_mut().push(leaf(w, p)),
                _ if strict => return Err(Error::InvalidInput("Bad conll tag sequence".into())),
                _ => children.push(Child::Tree(Tree::new(label, vec![leaf(w, p)]))),
            }
        } else if c == "O" {
            children.push(leaf(w, p));
        } else {
            return Err(Error::InvalidInput(format!("Bad conll tag '{c}'")));
        }
    }
    Ok(Tree::new(root_label, children))
}

/// A CoNLL corpus sentence as a chunk tree, as NLTK's
/// `ConllChunkCorpusReader.chunked_sents(chunk_types=...)`: chunks of types
/// not in `chunk_types` (when given) become `O`, a mismatching `I-` opens a
/// chunk.
///
/// # Errors
/// [`Error::InvalidInput`] for a chunk tag that is neither `O` nor
/// `B-TYPE` / `I-TYPE` (NLTK's message).
///
/// # Example
/// ```
/// let rows = [("He", "PRP", "B-NP"), ("left", "VBD", "B-VP")];
/// let t = nlkit::chunk::chunked_sent_from_iob(&rows, Some(&["NP"])).unwrap();
/// assert_eq!(t.to_string(), "(S (NP He/PRP) left/VBD)");
/// ```
pub fn chunked_sent_from_iob<W: AsRef<str>, P: AsRef<str>, C: AsRef<str>>(
    rows: &[(W, P, C)],
    chunk_types: Option<&[&str]>,
) -> Result<Tree> {
    let root = "S";
    let mut children: Vec<Child> = Vec::with_capacity(rows.len());
    let mut open = false;
    for (w, p, c) in rows {
        let (w, p, c) = (w.as_ref(), p.as_ref(), c.as_ref());
        let (mut state, chunk_type) = if c == "O" {
            ("O", "")
        } else {
            match c.split_once('-') {
                Some((s @ ("B" | "I"), t)) if !t.is_empty() => (s, t),
                _ => {
                    return Err(Error::InvalidInput(format!(
                        "Malformed chunk tag '{c}': expected 'O' or '<B|I>-<type>' (e.g. 'B-NP')"
                    )))
                }
            }
        };
        if chunk_types.is_some_and(|ts| !ts.contains(&chunk_type)) {
            state = "O";
        }
        let top_label = match (open, children.last()) {
            (true, Some(Child::Tree(t))) => t.label(),
            _ => root,
        };
        if state == "I" && chunk_type != top_label {
            state = "B";
        }
        if state == "B" || state == "O" {
            open = false;
        }
        if state == "B" {
            children.push(Child::Tree(Tree::new(chunk_type, Vec::new())));
            open = true;
        }
        match (open, children.last_mut()) {
            (true, Some(Child::Tree(t))) => t.children_mut().push(leaf(w, p)),
            _ => children.push(leaf(w, p)),
        }
    }
    Ok(Tree::new(root, children))
}

/// The tagged words of a chunk tree, all levels flattened (NLTK's
/// `tree.flatten()` leaves), split at the last `/`.
fn tagged_leaves(t: &Tree) -> Result<Vec<(&str, &str)>> {
    t.leaves().into_iter().map(leaf_pair).collect()
}

/// NLTK's `nltk.chunk.accuracy(chunker, gold)`: re-chunks each gold
/// tree's words and returns the share of IOB tags that agree.
///
/// # Errors
/// The chunker's errors, [`tree2conlltags`]'s, and NLTK's
/// `Lists must have the same length.`.
///
/// # Example
/// ```
/// use nlkit::chunk::{accuracy, RegexpParser};
/// use nlkit::tree::Tree;
/// let gold = [Tree::fromstring("(S (NP the/DT cat/NN) sat/VBD)").unwrap()];
/// let cp = RegexpParser::new("NP: {<DT><NN>}").unwrap();
/// assert_eq!(accuracy(&cp, &gold).unwrap(), 1.0);
/// ```
pub fn accuracy(chunker: &dyn Chunker, gold: &[Tree]) -> Result<f64> {
    let (mut same, mut total) = (0usize, 0usize);
    for g in gold {
        let words = tagged_leaves(g)?;
        let test = chunker.parse(&words)?;
        let gt = tree2conlltags(g)?;
        let tt = tree2conlltags(&test)?;
        if gt.len() != tt.len() {
            return Err(Error::InvalidInput(
                "Lists must have the same length.".into(),
            ));
        }
        same += gt.iter().zip(&tt).filter(|(a, b)| a == b).count();
        total += gt.len();
    }
    if total == 0 {
        return Err(Error::InvalidInput(
            "accuracy of no tokens (NLTK: division by zero)".into(),
        ));
    }
    Ok(same as f64 / total as f64)
}

/// A chunk's identity: sentence number, position of its first word, the chunk.
type ChunkKey = (usize, usize, Tree);

/// NLTK's `ChunkScore`: precision, recall and F-measure of chunks (a chunk
/// counts when label, words and position all match) and IOB tag accuracy,
/// accumulated over sentences.
///
/// # Example
/// ```
/// use nlkit::chunk::ChunkScore;
/// use nlkit::tree::Tree;
/// let gold = Tree::fromstring("(S (NP the/DT cat/NN) (VP sat/VBD))").unwrap();
/// let guess = Tree::fromstring("(S (NP the/DT cat/NN) sat/VBD)").unwrap();
/// let mut s = ChunkScore::new();
/// s.score(&gold, &guess);
/// assert_eq!(s.precision(), 1.0);
/// assert_eq!(s.recall(), 0.5);
/// assert!((s.accuracy() - 2.0 / 3.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone)]
pub struct ChunkScore {
    correct: Vec<ChunkKey>,
    guessed: Vec<ChunkKey>,
    correct_set: HashSet<ChunkKey>,
    guessed_set: HashSet<ChunkKey>,
    chunk_label: Option<regex::Regex>,
    count: usize,
    tags_correct: usize,
    tags_total: usize,
}

impl Default for ChunkScore {
    fn default() -> Self {
        Self::new()
    }
}

impl ChunkScore {
    /// An empty score over all chunk labels.
    pub fn new() -> Self {
        ChunkScore {
            correct: Vec::new(),
            guessed: Vec::new(),
            correct_set: HashSet::new(),
            guessed_set: HashSet::new(),
            chunk_label: None,
            count: 0,
            tags_correct: 0,
            tags_total: 0,
        }
    }

    /// An empty score over chunks whose label matches `chunk_label` at its
    /// start (NLTK's `chunk_label` option, `re.match`).
    ///
    /// # Errors
    /// [`Error::Regex`] for an invalid pattern.
    pub fn with_chunk_label(chunk_label: &str) -> Result<Self> {
        let re = regex::Regex::new(&format!("^(?:{chunk_label})")).map_err(|e| Error::Regex {
            pattern: chunk_label.to_string(),
            message: e.to_string(),
        })?;
        Ok(ChunkScore {
            chunk_label: Some(re),
            ..Self::new()
        })
    }

    fn chunks(&self, t: &Tree) -> Vec<ChunkKey> {
        let mut pos = 0;
        let mut out = Vec::new();
        for c in t.children() {
            match c {
                Child::Tree(ch) => {
                    if self
                        .chunk_label
                        .as_ref()
                        .is_none_or(|re| re.is_match(ch.label()))
                    {
                        out.push((self.count, pos, ch.clone()));
                    }
                    pos += ch.leaves().len();
                }
                Child::Leaf(_) => pos += 1,
            }
        }
        out
    }

    /// Scores one guessed chunk tree against the correct one (NLTK's
    /// `score`). Trees that [`tree2conlltags`] refuses add no tags to the
    /// accuracy, as in NLTK.
    pub fn score(&mut self, correct: &Tree, guessed: &Tree) {
        for k in self.chunks(correct) {
            if self.correct_set.insert(k.clone()) {
                self.correct.push(k);
            }
        }
        for k in self.chunks(guessed) {
            if self.guessed_set.insert(k.clone()) {
                self.guessed.push(k);
            }
        }
        self.count += 1;
        if let (Ok(c), Ok(g)) = (tree2conlltags(correct), tree2conlltags(guessed)) {
            self.tags_total += c.len();
            self.tags_correct += g.iter().zip(&c).filter(|(a, b)| a == b).count();
        }
    }

    /// IOB tag accuracy (1 when nothing was scored, as NLTK).
    pub fn accuracy(&self) -> f64 {
        if self.tags_total == 0 {
            return 1.0;
        }
        self.tags_correct as f64 / self.tags_total as f64
    }

    fn tp(&self) -> usize {
        self.guessed
            .iter()
            .filter(|k| self.correct_set.contains(*k))
            .count()
    }

    /// Chunk precision (0 when nothing was guessed).
    pub fn precision(&self) -> f64 {
        let div = self.guessed.len();
        if div == 0 {
            return 0.0;
        }
        self.tp() as f64 / div as f64
    }

    /// Chunk recall (0 when there were no correct chunks).
    pub fn recall(&self) -> f64 {
        let div = self.correct.len();
        if div == 0 {
            return 0.0;
        }
        self.tp() as f64 / div as f64
    }

    /// F-measure with NLTK's `alpha` (0.5: the harmonic mean).
    pub fn f_measure_alpha(&self, alpha: f64) -> f64 {
        let p = self.precision();
        let r = self.recall();
        if p == 0.0 || r == 0.0 {
            return 0.0;
        }
        1.0 / (alpha / p + (1.0 - alpha) / r)
    }

    /// F-measure (NLTK's `f_measure()`, `alpha = 0.5`).
    pub fn f_measure(&self) -> f64 {
        self.f_measure_alpha(0.5)
    }

    /// Correct chunks the guess lacks, in input order.
    pub fn missed(&self) -> Vec<&Tree> {
        self.correct
            .iter()
            .filter(|k| !self.guessed_set.contains(*k))
            .map(|k| &k.2)
            .collect()
    }

    /// Guessed chunks that are not correct, in input order.
    pub fn incorrect(&self) -> Vec<&Tree> {
        self.guessed
            .iter()
            .filter(|k| !self.correct_set.contains(*k))
            .map(|k| &k.2)
            .collect()
    }

    /// All correct chunks, in input order.
    pub fn correct(&self) -> Vec<&Tree> {
        self.correct.iter().map(|k| &k.2).collect()
    }

    /// All guessed chunks, in input order.
    pub fn guessed(&self) -> Vec<&Tree> {
        self.guessed.iter().map(|k| &k.2).collect()
    }

    /// Number of correct chunks (NLTK's `len(score)`).
    pub fn len(&self) -> usize {
        self.correct.len()
    }

    /// True when no correct chunk was seen.
    pub fn is_empty(&self) -> bool {
        self.correct.is_empty()
    }
}

/// NLTK's `str(ChunkScore)`.
impl std::fmt::Display for ChunkScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ChunkParse score:\n    IOB Accuracy: {:5.1}%\n    Precision:    {:5.1}%\n    Recall:       {:5.1}%\n    F-Measure:    {:5.1}%",
            self.accuracy() * 100.0,
            self.precision() * 100.0,
            self.recall() * 100.0,
            self.f_measure() * 100.0
        )
    }
}
