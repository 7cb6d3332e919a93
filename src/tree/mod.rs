//! Syntax trees, as NLTK's `nltk.tree` package: [`Tree`] (NLTK's `Tree`), the
//! transforms of `nltk.tree.transforms` ([`Tree::chomsky_normal_form`],
//! [`Tree::un_chomsky_normal_form`], [`Tree::collapse_unary`]), an
//! index-based [`ParentedTree`] (NLTK's `ParentedTree` navigation), and
//! [`TreePrettyPrinter`] (NLTK's ASCII/Unicode drawing, plus an SVG drawing).
//!
//! [`Tree::fromstring`] reads NLTK's bracketed notation exactly as
//! `Tree.fromstring(s)` does (tokens are runs of non-space, non-bracket
//! characters, `\(` and `\)` escape brackets, the nesting depth is capped at
//! NLTK's `MAX_TREE_DEPTH` = 500); [`ReadOptions`] adds NLTK's other
//! arguments (brackets, node and leaf patterns, `remove_empty_top_bracketing`)
//! and a depth limit that can be lifted. [`Tree::pformat`] /
//! [`std::fmt::Display`] print it back as NLTK's `pformat` / `str()` do.
//!
//! Depth: every operation on a [`Tree`] (reading, printing, `Clone`, `Drop`,
//! `==`, hashing, `height`, `leaves`, the transforms, ...) walks the tree
//! with an explicit stack, never recursion, so a tree 100,000 levels deep,
//! built through the API or read with `ReadOptions::max_depth(None)`, is
//! safe. The default depth cap of `fromstring` stays, for parity with NLTK's
//! error.
//!
//! Differences from NLTK: errors are [`crate::Error::InvalidInput`] values
//! whose text matches NLTK's `ValueError` message; lengths for the
//! `pformat` margin are counted in characters, as Python does; labels and
//! leaves are strings only (no `read_node`/`read_leaf` callbacks);
//! `chomsky_normal_form` does not refuse to binarise very wide nodes (NLTK
//! raises past `MAX_TREE_DEPTH` because its other methods recurse).
//!
//! # Example
//! ```
//! use nlkit::tree::Tree;
//! let t = Tree::fromstring("(S (NP (DT the) (NN cat)) (VP (VBD sat)))").unwrap();
//! assert_eq!(t.label(), "S");
//! assert_eq!(t.leaves(), ["the", "cat", "sat"]);
//! assert_eq!(t.pos()[1], ("cat", "NN"));
//! assert_eq!(t.to_string(), "(S (NP (DT the) (NN cat)) (VP (VBD sat)))");
//! ```

mod format;
mod parented;
mod pretty;
mod read;
mod stream;
mod svg;
mod transforms;
mod walk;

use std::fmt;

pub use format::PformatOptions;
pub use parented::{NodeId, ParentedTree};
pub use pretty::{TextOptions, TreePrettyPrinter};
pub use read::ReadOptions;
pub use stream::{Block, BracketBlocks};
pub use transforms::{CnfOptions, Factor, UnCnfOptions};
pub use walk::{Subtrees, TreeOrder};

use crate::{Error, Result};

/// NLTK's `MAX_TREE_DEPTH`: deeper input is refused by [`Tree::fromstring`]
/// (use [`ReadOptions::max_depth`] to lift it).
pub const MAX_TREE_DEPTH: usize = 500;

/// One child of a [`Tree`]: a subtree or a leaf.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Child {
    /// A subtree.
    Tree(Tree),
    /// A leaf (a word).
    Leaf(String),
}

/// A labelled tree (NLTK's `Tree`).
///
/// `Clone`, `Drop`, `==`, `Hash` and `Debug` are iterative: deep trees do
/// not overflow the call stack.
pub struct Tree {
    label: String,
    children: Vec<Child>,
}

impl Tree {
    /// A tree with `label` and `children`.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{Child, Tree};
    /// let t = Tree::new("NN", vec![Child::Leaf("dog".into())]);
    /// assert_eq!(t.to_string(), "(NN dog)");
    /// ```
    pub fn new(label: impl Into<String>, children: Vec<Child>) -> Self {
        Tree {
            label: label.into(),
            children,
        }
    }

    /// The node label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Replaces the node label.
    pub fn set_label(&mut self, label: impl Into<String>) {
        self.label = label.into();
    }

    /// The children.
    pub fn children(&self) -> &[Child] {
        &self.children
    }

    /// The children, mutable.
    pub fn children_mut(&mut self) -> &mut Vec<Child> {
        &mut self.children
    }

    /// Consumes the tree, returning its label and children.
    pub fn into_parts(mut self) -> (String, Vec<Child>) {
        (
            std::mem::take(&mut self.label),
            std::mem::take(&mut self.children),
        )
    }

    /// Number of children (NLTK's `len(tree)`).
    pub fn len(&self) -> usize {
        self.children.len()
    }

    /// True when the tree has no children.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// Parses NLTK's bracketed notation (`Tree.fromstring(s)`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's message for unbalanced brackets,
    /// text outside the tree, several trees, an empty string, or nesting
    /// deeper than [`MAX_TREE_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// assert!(Tree::fromstring("(S (NP x)").is_err());
    /// assert_eq!(Tree::fromstring("( (S x) )").unwrap().label(), "");
    /// ```
    pub fn fromstring(s: &str) -> Result<Tree> {
        ReadOptions::new().read(s)
    }

    /// As [`Tree::fromstring`] with `remove_empty_top_bracketing=True`: a top
    /// node with an empty label and one child is replaced by that child.
    ///
    /// # Errors
    /// As [`Tree::fromstring`].
    pub fn fromstring_remove_empty_top(s: &str) -> Result<Tree> {
        ReadOptions::new().remove_empty_top_bracketing(true).read(s)
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        // Move grandchildren out before each child is dropped, so no drop
        // recurses: the children vector itself serves as the stack.
        if self.children.iter().all(|c| matches!(c, Child::Leaf(_))) {
            return;
        }
        let mut stack = std::mem::take(&mut self.children);
        while let Some(c) = stack.pop() {
            if let Child::Tree(mut t) = c {
                stack.append(&mut t.children);
            }
        }
    }
}

impl Clone for Tree {
    fn clone(&self) -> Tree {
        let mut built = vec![Tree::new(
            self.label.clone(),
            Vec::with_capacity(self.children.len()),
        )];
        let mut work: Vec<(&Tree, usize)> = vec![(self, 0)];
        while let Some(&mut (node, ref mut i)) = work.last_mut() {
            if let Some(c) = node.children.get(*i) {
                *i += 1;
                match c {
                    Child::Leaf(w) => {
                        if let Some(b) = built.last_mut() {
                            b.children.push(Child::Leaf(w.clone()));
                        }
                    }
                    Child::Tree(t) => {
                        work.push((t, 0));
                        built.push(Tree::new(
                            t.label.clone(),
                            Vec::with_capacity(t.children.len()),
                        ));
                    }
                }
            } else {
                work.pop();
                let done = built.pop();
                match (done, built.last_mut()) {
                    (Some(d), Some(parent)) => parent.children.push(Child::Tree(d)),
                    (Some(d), None) => return d,
                    (None, _) => break,
                }
            }
        }
        Tree::new(String::new(), Vec::new())
    }
}

impl PartialEq for Tree {
    fn eq(&self, other: &Tree) -> bool {
        let mut stack = vec![(self, other)];
        while let Some((a, b)) = stack.pop() {
            if a.label != b.label || a.children.len() != b.children.len() {
                return false;
            }
            for (x, y) in a.children.iter().zip(&b.children) {
                match (x, y) {
                    (Child::Leaf(p), Child::Leaf(q)) if p == q => {}
                    (Child::Tree(p), Child::Tree(q)) => stack.push((p, q)),
                    _ => return false,
                }
            }
        }
        true
    }
}

impl Eq for Tree {}

impl std::hash::Hash for Tree {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut stack = vec![self];
        while let Some(t) = stack.pop() {
            t.label.hash(state);
            t.children.len().hash(state);
            for c in t.children.iter().rev() {
                match c {
                    Child::Leaf(w) => {
                        0u8.hash(state);
                        w.hash(state);
                    }
                    Child::Tree(s) => {
                        1u8.hash(state);
                        stack.push(s);
                    }
                }
            }
        }
    }
}

/// Shows the one-line bracketed form (`Tree("(S (NP x))")`).
impl fmt::Debug for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tree({:?})", self.to_string())
    }
}

/// The flat, one-line bracketed form (NLTK's `pformat` with an infinite
/// margin; note `(X )` for a tree without children, as NLTK prints it).
impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        format::write_flat(self, &PformatOptions::default(), &mut s);
        f.write_str(&s)
    }
}

impl std::str::FromStr for Tree {
    type Err = Error;
    fn from_str(s: &str) -> Result<Tree> {
        Tree::fromstring(s)
    }
}

#[cfg(test)]
mod tests;
