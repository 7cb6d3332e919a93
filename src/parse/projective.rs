//! NLTK's `ProjectiveDependencyParser`: every projective dependency tree
//! of a sentence whose arcs a [`DependencyGrammar`] allows, built as NLTK
//! builds them: a chart of spans, each with one head, where two adjacent
//! spans combine when the grammar lets one head take the other as a
//! modifier (a CYK-style loop similar to Eisner 1996).
//!
//! The trees are NLTK's `DependencyGraph.tree()`: each word labels the
//! subtree of its modifiers (in sentence order), a word without modifiers
//! is a leaf, and the root is always a tree. The *set* of trees is NLTK's;
//! NLTK yields them in the iteration order of a Python `set`, nlkit in the
//! order of their head indices (word by word). NLTK refuses more than 500
//! tokens (`MAX_TOKENS`), and so does nlkit, with NLTK's message; NLTK's
//! `DependencyGraph.tree()` also refuses trees deeper than 200 words, which
//! nlkit builds without recursion.

use std::collections::{BTreeSet, HashSet};

use crate::grammar::DependencyGrammar;
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// NLTK's `ProjectiveDependencyParser.MAX_TOKENS`.
pub const MAX_TOKENS: usize = 500;

/// NLTK's `ProjectiveDependencyParser`.
///
/// # Example
/// ```
/// use nlkit::grammar::DependencyGrammar;
/// use nlkit::parse::ProjectiveDependencyParser;
/// let g = DependencyGrammar::fromstring(
///     "'shot' -> 'I' | 'elephant' | 'in'\n'elephant' -> 'an' | 'in'\n'in' -> 'pajamas'\n'pajamas' -> 'my'",
/// ).unwrap();
/// let p = ProjectiveDependencyParser::new(&g);
/// let words = "I shot an elephant in my pajamas".split(' ').collect::<Vec<_>>();
/// let trees: Vec<String> = p.parse(&words).unwrap().iter().map(|t| t.to_string()).collect();
/// assert_eq!(trees, [
///     "(shot I (elephant an) (in (pajamas my)))",
///     "(shot I (elephant an (in (pajamas my))))",
/// ]);
/// ```
#[derive(Debug, Clone)]
pub struct ProjectiveDependencyParser {
    grammar: DependencyGrammar,
}

/// A span's analysis: its head and the head of each of its words (-1 for
/// the span's own head), as NLTK's `DependencySpan` (whose start and end
/// are the chart cell's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Span {
    head: u32,
    arcs: Vec<i32>,
}

impl ProjectiveDependencyParser {
    /// A parser for `grammar`.
    pub fn new(grammar: &DependencyGrammar) -> Self {
        ProjectiveDependencyParser {
            grammar: grammar.clone(),
        }
    }

    /// The head of each word (`None` for the root) of every parse, sorted.
    ///
    /// # Errors
    /// NLTK's error for more than [`MAX_TOKENS`] tokens.
    pub fn parse_heads<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Vec<Vec<Option<usize>>>> {
        let n = tokens.len();
        if n > MAX_TOKENS {
            return Err(Error::InvalidInput(format!(
                "Cannot parse {n} tokens: exceeds MAX_TOKENS ({MAX_TOKENS}). Projective dependency \
                 parsing builds an O(n^2) chart and runs an O(n^3) loop regardless of the grammar \
                 (CWE-407); raise MAX_TOKENS to allow a longer sequence."
            )));
        }
        if n == 0 {
            return Ok(Vec::new());
        }
        let words: Vec<&str> = tokens.iter().map(AsRef::as_ref).collect();
        // arcs[h][m]: the grammar lets word h take word m as a modifier
        let arcs: Vec<Vec<bool>> = words
            .iter()
            .map(|h| words.iter().map(|m| self.grammar.contains(h, m)).collect())
            .collect();
        // chart[i][j]: the spans over words j..i
        let mut chart: Vec<Vec<HashSet<Span>>> = vec![vec![HashSet::new(); n + 1]; n + 1];
        for i in 1..=n {
            chart[i][i - 1].insert(Span {
                head: (i - 1) as u32,
                arcs: vec![-1],
            });
        }
        for i in 1..=n {
            for j in (0..i.saturating_sub(1)).rev() {
                let mut new: HashSet<Span> = HashSet::new();
                for k in (j + 1..i).rev() {
                    for left in &chart[k][j] {
                        for right in &chart[i][k] {
                            let (hl, hr) = (left.head as usize, right.head as usize);
                            // `head` takes `modifier`: one span headed by `head`
                            let mut join = |head: usize, modifier: usize| {
                                let mut a = Vec::with_capacity(i - j);
                                a.extend_from_slice(&left.arcs);
                                a.extend_from_slice(&right.arcs);
                                a[modifier - j] = head as i32;
                                new.insert(Span {
                                    head: head as u32,
                                    arcs: a,
                                });
                            };
                            if arcs[hl][hr] {
                                join(hl, hr);
                            }
                            if arcs[hr][hl] {
                                join(hr, hl);
                            }
                        }
                    }
                }
                chart[i][j] = new;
            }
        }
        let done: BTreeSet<Vec<i32>> = std::mem::take(&mut chart[n][0])
            .into_iter()
            .map(|s| s.arcs)
            .collect();
        Ok(done
            .into_iter()
            .map(|a| a.into_iter().map(|h| usize::try_from(h).ok()).collect())
            .collect())
    }

    /// Every parse tree of `tokens` (see the module docs for their order).
    ///
    /// # Errors
    /// As [`ProjectiveDependencyParser::parse_heads`].
    pub fn parse<S: AsRef<str>>(&self, tokens: &[S]) -> Result<Vec<Tree>> {
        let words: Vec<&str> = tokens.iter().map(AsRef::as_ref).collect();
        Ok(self
            .parse_heads(tokens)?
            .iter()
            .map(|heads| heads_to_tree(&words, heads))
            .collect())
    }
}

/// NLTK's `DependencyGraph.tree()` for one analysis, built without
/// recursion: modifiers in sentence order, childless words as leaves, the
/// root always a tree.
fn heads_to_tree(words: &[&str], heads: &[Option<usize>]) -> Tree {
    let n = words.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut root = 0;
    for (m, h) in heads.iter().enumerate() {
        match h {
            Some(h) => children[*h].push(m),
            None => root = m,
        }
    }
    // post-order: a node's subtree is built once all its modifiers' are
    let mut built: Vec<Option<Child>> = vec![None; n];
    let mut stack: Vec<(usize, bool)> = vec![(root, false)];
    while let Some((node, expanded)) = stack.pop() {
        if !expanded {
            stack.push((node, true));
            stack.extend(children[node].iter().rev().map(|&c| (c, false)));
            continue;
        }
        let kids: Vec<Child> = children[node]
            .iter()
            .filter_map(|&c| built[c].take())
            .collect();
        built[node] = Some(if kids.is_empty() && node != root {
            Child::Leaf(words[node].to_string())
        } else {
            Child::Tree(Tree::new(words[node], kids))
        });
    }
    match built[root].take() {
        Some(Child::Tree(t)) => t,
        _ => Tree::new(words.get(root).copied().unwrap_or_default(), Vec::new()),
    }
}
