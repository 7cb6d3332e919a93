//! The NLTK book's tagger-based chunkers (chapter 7, section 3.3):
//! `UnigramChunker` and `BigramChunker` learn the IOB chunk tag of each POS
//! tag (and, for the bigram chunker, of the previous chunk tag) with NLTK's
//! n-gram taggers ([`crate::tag::classic::NgramTagger`]), reading POS tags
//! as if they were words.
//!
//! Where the tagger has no answer (a POS tag, or context, never seen in
//! training), NLTK's chunk tag is `None` and `conlltags2tree` leaves the
//! word outside any chunk; so does nlkit.

use super::{leaf, Chunker};
use crate::tag::classic::{NgramTagger, SequentialBackoffTagger};
use crate::tree::{Child, Tree};
use crate::Result;

/// A chunker that tags POS tags with IOB chunk tags (the NLTK book's
/// `UnigramChunker` / `BigramChunker`).
///
/// # Example
/// ```
/// use nlkit::chunk::{Chunker, TaggerChunker};
/// use nlkit::tree::Tree;
/// let gold = vec![Tree::fromstring("(S (NP the/DT cat/NN) sat/VBD)").unwrap()];
/// let c = TaggerChunker::unigram(&gold).unwrap();
/// let t = c.parse(&[("a", "DT"), ("dog", "NN"), ("ran", "VBD")]).unwrap();
/// assert_eq!(t.to_string(), "(S (NP a/DT dog/NN) ran/VBD)");
/// ```
pub struct TaggerChunker {
    tagger: NgramTagger,
}

impl std::fmt::Debug for TaggerChunker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TaggerChunker")
    }
}

fn training_data(train: &[Tree]) -> Result<Vec<Vec<(String, String)>>> {
    train
        .iter()
        .map(|t| {
            Ok(super::tree2conlltags(t)?
                .into_iter()
                .map(|(_, p, c)| (p, c))
                .collect())
        })
        .collect()
}

impl TaggerChunker {
    /// The book's `UnigramChunker`, trained on chunk trees.
    ///
    /// # Errors
    /// A training tree [`super::tree2conlltags`] refuses.
    pub fn unigram(train: &[Tree]) -> Result<Self> {
        Ok(TaggerChunker {
            tagger: NgramTagger::unigram(&training_data(train)?, 0, None),
        })
    }

    /// The book's `BigramChunker`, trained on chunk trees (no backoff, as
    /// in the book).
    ///
    /// # Errors
    /// A training tree [`super::tree2conlltags`] refuses.
    pub fn bigram(train: &[Tree]) -> Result<Self> {
        Ok(TaggerChunker {
            tagger: NgramTagger::bigram(&training_data(train)?, 0, None),
        })
    }
}

impl Chunker for TaggerChunker {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        let pos: Vec<&str> = tagged.iter().map(|p| p.1).collect();
        let chunk_tags = self.tagger.tag_opt(&pos);
        let rows: Vec<(&str, &str, &str)> = tagged
            .iter()
            .zip(&chunk_tags)
            .map(|(&(w, t), c)| (w, t, c.unwrap_or("")))
            .collect();
        // `None` chunk tags are left outside chunks (conlltags2tree, non-strict).
        let mut children: Vec<Child> = Vec::with_capacity(rows.len());
        for (w, p, c) in rows {
            if c.is_empty() {
                children.push(leaf(w, p));
                continue;
            }
            let sub = super::conlltags2tree(&[(w, p, c)], "S", false)?;
            let (_, mut kids) = sub.into_parts();
            match (kids.pop(), c.strip_prefix("I-"), children.last_mut()) {
                (Some(Child::Tree(t)), Some(label), Some(Child::Tree(prev)))
                    if prev.label() == label =>
                {
                    prev.children_mut().extend(t.into_parts().1);
                }
                (Some(k), _, _) => children.push(k),
                (None, _, _) => {}
            }
        }
        Ok(Tree::new("S", children))
    }
}
