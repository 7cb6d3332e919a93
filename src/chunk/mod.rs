//! Chunkers (NLTK's `nltk.chunk`): shallow parsers that group tagged words
//! into non-overlapping phrases (`NP`, `VP`, `PP`, ...).
//!
//! * [`RegexpParser`]: NLTK's rule-based chunker with its grammar language
//!   (chunk `{}`, chink `}{`, split, merge rules, several stages, `loop`),
//!   giving NLTK's trees.
//! * [`tree2conlltags`], [`conlltags2tree`], [`tree2conllstr`] and
//!   [`ChunkScore`] / [`accuracy`]: NLTK's `nltk.chunk.util`.
//! * Trained chunkers: [`TaggerChunker`] (the NLTK book's unigram / bigram
//!   chunkers, n-gram taggers over POS tags) and [`PerceptronChunker`], an
//!   averaged perceptron over words, POS tags and chunk-tag history, whose
//!   model for all CoNLL-2000 chunk types is embedded
//!   ([`default_chunker`]).
//!
//! All implement [`Chunker`] (NLTK's `ChunkParserI`).
//!
//! **Representation.** NLTK's chunk trees have `(word, tag)` tuples as
//! leaves, which its `pformat` prints as `word/tag`. nlkit uses the plain
//! [`Tree`] with leaves that are those `word/TAG` strings, so a chunk tree
//! prints exactly as NLTK's (`(S (NP the/DT cat/NN) sat/VBD)`); a leaf's
//! tag is the text after its **last** `/` (NLTK's `str2tuple`), see
//! [`split_leaf`]. A tag that itself contains `/` therefore does not survive
//! the round trip through a tree (chunking itself uses the tag as given).
//!
//! # Example
//! ```
//! use nlkit::chunk::{Chunker, RegexpParser, tree2conlltags};
//! let cp = RegexpParser::new("NP: {<DT>?<JJ>*<NN>}").unwrap();
//! let t = cp.parse(&[("the", "DT"), ("little", "JJ"), ("dog", "NN"), ("barked", "VBD")]).unwrap();
//! assert_eq!(t.to_string(), "(S (NP the/DT little/JJ dog/NN) barked/VBD)");
//! let rows = tree2conlltags(&t).unwrap();
//! assert_eq!(rows[3], ("barked".to_string(), "VBD".to_string(), "O".to_string()));
//! ```

mod compact;
mod flat;
mod model;
#[cfg(feature = "neural")]
mod neural;
mod perceptron;
mod regexp;
mod regexp_fast;
mod trained;
mod util;

pub use flat::{ChunkSpans, Chunked};
pub use model::{default_chunker, load_chunker, ChunkModelMeta, CHUNK_FORMAT_VERSION, CHUNK_MAGIC};
#[cfg(feature = "neural")]
pub use neural::NeuralChunker;
pub use perceptron::{PerceptronChunker, PerceptronChunkerTrainer};
pub use regexp::{
    tag_pattern2re_pattern, RegexpChunkParser, RegexpChunkRule, RegexpParser, RuleKind,
    MAX_PATTERN_LENGTH,
};
pub use trained::TaggerChunker;
pub use util::{
    accuracy, chunked_sent_from_iob, conlltags2tree, tree2conllstr, tree2conlltags, ChunkScore,
    IobRow, CONLL2000_CHUNK_TYPES,
};

use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// A chunker: tagged words in, chunk tree out (NLTK's `ChunkParserI`).
///
/// # Example
/// ```
/// use nlkit::chunk::{Chunker, RegexpParser};
/// fn chunk_all(c: &dyn Chunker, s: &[(&str, &str)]) -> String {
///     c.parse(s).unwrap().to_string()
/// }
/// let cp = RegexpParser::new("NP: {<NN>}").unwrap();
/// assert_eq!(chunk_all(&cp, &[("dogs", "NN")]), "(S (NP dogs/NN))");
/// ```
pub trait Chunker: Send + Sync {
    /// Chunks one sentence of `(word, tag)` pairs into a tree rooted at `S`
    /// (or the chunker's root label) with `word/TAG` leaves.
    ///
    /// # Errors
    /// Chunker-specific: a grammar whose rules produce an invalid chunk
    /// string (NLTK's `ValueError`), a tag a chunk string cannot hold.
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree>;
}

impl<T: Chunker + ?Sized> Chunker for &T {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        (**self).parse(tagged)
    }
}

impl<T: Chunker + ?Sized> Chunker for Box<T> {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        (**self).parse(tagged)
    }
}

/// Splits a chunk-tree leaf `word/TAG` at its last `/` (NLTK's
/// `str2tuple`); `None` for a leaf without `/`.
///
/// # Example
/// ```
/// assert_eq!(nlkit::chunk::split_leaf("1/2/CD"), Some(("1/2", "CD")));
/// assert_eq!(nlkit::chunk::split_leaf("word"), None);
/// ```
pub fn split_leaf(leaf: &str) -> Option<(&str, &str)> {
    leaf.rsplit_once('/')
}

/// The `word/TAG` leaf of a token.
pub(crate) fn leaf(word: &str, tag: &str) -> Child {
    let mut s = String::with_capacity(word.len() + tag.len() + 1);
    s.push_str(word);
    s.push('/');
    s.push_str(tag);
    Child::Leaf(s)
}

/// One top-level element of a sentence being chunked.
#[derive(Debug, Clone)]
enum Piece {
    /// A token (index into `ChunkTree::tokens`).
    Tok(usize),
    /// A chunk built by an earlier stage (or given in the input).
    Tree(Tree),
}

/// A sentence during chunking: its tokens (with their tags as given) and
/// its top-level pieces (NLTK's chunk structure).
#[derive(Debug, Clone)]
pub(crate) struct ChunkTree {
    label: String,
    tokens: Vec<(String, String)>,
    pieces: Vec<Piece>,
}

impl ChunkTree {
    pub(crate) fn from_tagged(tagged: &[(&str, &str)], root: &str) -> Self {
        ChunkTree {
            label: root.to_string(),
            tokens: tagged
                .iter()
                .map(|(w, t)| (w.to_string(), t.to_string()))
                .collect(),
            pieces: (0..tagged.len()).map(Piece::Tok).collect(),
        }
    }

    pub(crate) fn from_tree(tree: &Tree) -> Result<Self> {
        let mut tokens = Vec::new();
        let mut pieces = Vec::with_capacity(tree.len());
        for c in tree.children() {
            match c {
                Child::Tree(t) => pieces.push(Piece::Tree(t.clone())),
                Child::Leaf(l) => {
                    let (w, t) = split_leaf(l).ok_or_else(|| {
                        Error::InvalidInput(format!(
                            "chunk structures must contain tagged tokens or trees (leaf `{l}` has no /TAG)"
                        ))
                    })?;
                    pieces.push(Piece::Tok(tokens.len()));
                    tokens.push((w.to_string(), t.to_string()));
                }
            }
        }
        Ok(ChunkTree {
            label: tree.label().to_string(),
            tokens,
            pieces,
        })
    }

    fn tag<'a>(&'a self, p: &'a Piece) -> &'a str {
        match p {
            Piece::Tok(i) => self.tokens.get(*i).map_or("", |t| t.1.as_str()),
            Piece::Tree(t) => t.label(),
        }
    }

    fn child(&self, p: Piece) -> Child {
        match p {
            Piece::Tok(i) => match self.tokens.get(i) {
                Some((w, t)) => leaf(w, t),
                None => Child::Leaf(String::new()),
            },
            Piece::Tree(t) => Child::Tree(t),
        }
    }

    /// Runs one stage's rules over the chunk string and rebuilds the
    /// pieces (NLTK's `ChunkString` + `to_chunkstruct`).
    pub(crate) fn apply_stage(
        &mut self,
        rules: &[regexp::RegexpChunkRule],
        chunk_label: &str,
    ) -> Result<()> {
        if self.pieces.is_empty() {
            return Ok(());
        }
        let mut s = String::with_capacity(self.pieces.len() * 6);
        for p in &self.pieces {
            s.push('<');
            s.push_str(self.tag(p));
            s.push('>');
        }
        for r in rules {
            s = r.apply(&s)?;
        }
        regexp::verify_chunkstring(&s, self.pieces.iter().map(|p| self.tag(p)))?;
        let old = std::mem::take(&mut self.pieces);
        let mut old = old.into_iter();
        let mut pieces = Vec::new();
        let mut in_chunk = false;
        for seg in s.split(['{', '}']) {
            let n = seg.bytes().filter(|&b| b == b'<').count();
            if in_chunk {
                let children: Vec<Child> = old.by_ref().take(n).map(|p| self.child(p)).collect();
                pieces.push(Piece::Tree(Tree::new(chunk_label, children)));
            } else {
                pieces.extend(old.by_ref().take(n));
            }
            in_chunk = !in_chunk;
        }
        self.pieces = pieces;
        Ok(())
    }

    pub(crate) fn into_tree(self) -> Tree {
        let ChunkTree {
            label,
            tokens,
            pieces,
        } = self;
        let children = pieces
            .into_iter()
            .map(|p| match p {
                Piece::Tok(i) => match tokens.get(i) {
                    Some((w, t)) => leaf(w, t),
                    None => Child::Leaf(String::new()),
                },
                Piece::Tree(t) => Child::Tree(t),
            })
            .collect();
        Tree::new(label, children)
    }
}
