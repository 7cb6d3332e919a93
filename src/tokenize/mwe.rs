//! NLTK's `MWETokenizer` (`nltk.tokenize.mwe`): merges multi-word
//! expressions into single tokens joined by a separator (`_` by default).
//!
//! NLTK's `MWETokenizer.tokenize` takes a list of tokens that something
//! else produced. As a [`Tokenizer`] (text in), nlkit applies it to the
//! whitespace tokens of the text (`WhitespaceTokenizer`); [`MWETokenizer::merge`]
//! is NLTK's list-in, list-out call. Matching is NLTK's: at each position the
//! longest expression wins; the span of a merged token runs from the start of
//! its first word to the end of its last.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::tokenize::{Tokenizer, WhitespaceTokenizer};
use crate::{Result, Span};

#[derive(Debug, Clone, Default)]
struct TrieNode {
    leaf: bool,
    next: HashMap<String, usize>,
}

/// NLTK's `MWETokenizer(mwes, separator)`.
///
/// # Example
/// ```
/// use nlkit::tokenize::{MWETokenizer, Tokenizer};
/// let t = MWETokenizer::new(
///     vec![vec!["a".to_string(), "little".to_string()], vec!["New".into(), "York".into()]],
///     "_",
/// );
/// assert_eq!(t.tokenize("a little bit in New York"), ["a_little", "bit", "in", "New_York"]);
/// assert_eq!(t.merge(&["New", "York", "!"]), ["New_York", "!"]);
/// ```
#[derive(Debug, Clone)]
pub struct MWETokenizer {
    nodes: Vec<TrieNode>,
    separator: String,
}

impl MWETokenizer {
    /// A tokenizer for the expressions `mwes` (each a sequence of tokens).
    pub fn new(mwes: impl IntoIterator<Item = Vec<String>>, separator: &str) -> Self {
        let mut t = MWETokenizer {
            nodes: vec![TrieNode::default()],
            separator: separator.to_string(),
        };
        for m in mwes {
            t.add_mwe(&m);
        }
        t
    }

    /// Adds one expression (NLTK's `add_mwe`).
    pub fn add_mwe<S: AsRef<str>>(&mut self, mwe: &[S]) {
        let mut node = 0;
        for w in mwe {
            let w = w.as_ref();
            node = match self.nodes.get(node).and_then(|n| n.next.get(w)) {
                Some(&n) => n,
                None => {
                    let id = self.nodes.len();
                    self.nodes.push(TrieNode::default());
                    if let Some(n) = self.nodes.get_mut(node) {
                        n.next.insert(w.to_string(), id);
                    }
                    id
                }
            };
        }
        if let Some(n) = self.nodes.get_mut(node) {
            n.leaf = true;
        }
    }

    /// For each output token, the range of input tokens it covers.
    fn groups<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let mut node = 0;
            let mut j = i;
            let mut last_match = None;
            while let Some(&n) = tokens
                .get(j)
                .and_then(|t| self.nodes.get(node)?.next.get(t.as_ref()))
            {
                node = n;
                j += 1;
                if self.nodes.get(node).is_some_and(|n| n.leaf) {
                    last_match = Some(j);
                }
            }
            match last_match {
                Some(end) => {
                    out.push((i, end));
                    i = end;
                }
                None => {
                    out.push((i, i + 1));
                    i += 1;
                }
            }
        }
        out
    }

    /// NLTK's `tokenize(tokens)`: merges the expressions in a token list.
    pub fn merge<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<String> {
        self.groups(tokens)
            .into_iter()
            .map(|(a, b)| {
                tokens
                    .get(a..b)
                    .unwrap_or_default()
                    .iter()
                    .map(|t| t.as_ref())
                    .collect::<Vec<_>>()
                    .join(&self.separator)
            })
            .collect()
    }
}

impl Tokenizer for MWETokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        let words = WhitespaceTokenizer.tokenize(text);
        self.groups(&words)
            .into_iter()
            .map(|(a, b)| match words.get(a..b) {
                Some([one]) => one.clone(),
                Some(ws) => Cow::Owned(
                    ws.iter()
                        .map(|w| w.as_ref())
                        .collect::<Vec<_>>()
                        .join(&self.separator),
                ),
                None => Cow::Borrowed(""),
            })
            .collect()
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let spans = WhitespaceTokenizer.span_tokenize(text)?;
        let words: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        Ok(self
            .groups(&words)
            .into_iter()
            .filter_map(|(a, b)| {
                let first = spans.get(a)?;
                let last = spans.get(b.checked_sub(1)?)?;
                Some(Span::new(first.start, last.end))
            })
            .collect())
    }
}
