//! Syntax trees, as NLTK's `nltk.tree.Tree`: a label and an ordered list of
//! children, each either a subtree or a leaf string.
//!
//! [`Tree::fromstring`] reads NLTK's bracketed notation exactly as
//! `Tree.fromstring(s)` does with the default `()` brackets (tokens are runs
//! of non-space, non-bracket characters, `\(` and `\)` escape brackets, the
//! nesting depth is capped at NLTK's `MAX_TREE_DEPTH` = 500), and
//! [`Tree::pformat`] / [`std::fmt::Display`] print it back as NLTK's
//! `pformat` / `str()` do. The type is deliberately simple (no parent
//! pointers, string labels only); the parsing issue may extend it.
//!
//! Differences from NLTK: errors are [`crate::Error::InvalidInput`] values
//! whose text matches NLTK's `ValueError` message; lengths for the
//! `pformat` margin are counted in characters, as Python does.
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

use std::fmt;

use crate::{Error, Result};

/// NLTK's `MAX_TREE_DEPTH`: deeper input is refused (it also bounds recursion).
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    pub fn into_parts(self) -> (String, Vec<Child>) {
        (self.label, self.children)
    }

    /// Number of children (NLTK's `len(tree)`).
    pub fn len(&self) -> usize {
        self.children.len()
    }

    /// True when the tree has no children.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// The leaves, left to right (NLTK's `leaves()`).
    pub fn leaves(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<&'a str>) {
        for c in &self.children {
            match c {
                Child::Tree(t) => t.collect_leaves(out),
                Child::Leaf(w) => out.push(w),
            }
        }
    }

    /// `(leaf, parent label)` pairs, left to right (NLTK's `pos()`).
    pub fn pos(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.collect_pos(&mut out);
        out
    }

    fn collect_pos<'a>(&'a self, out: &mut Vec<(&'a str, &'a str)>) {
        for c in &self.children {
            match c {
                Child::Tree(t) => t.collect_pos(out),
                Child::Leaf(w) => out.push((w, &self.label)),
            }
        }
    }

    /// Height as NLTK computes it: a tree whose children are all leaves has
    /// height 2.
    pub fn height(&self) -> usize {
        let mut max_child = 0;
        for c in &self.children {
            let h = match c {
                Child::Tree(t) => t.height(),
                Child::Leaf(_) => 1,
            };
            max_child = max_child.max(h);
        }
        1 + max_child
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
        Self::parse(s, false)
    }

    /// As [`Tree::fromstring`] with `remove_empty_top_bracketing=True`: a top
    /// node with an empty label and one child is replaced by that child.
    ///
    /// # Errors
    /// As [`Tree::fromstring`].
    pub fn fromstring_remove_empty_top(s: &str) -> Result<Tree> {
        Self::parse(s, true)
    }

    fn parse(s: &str, remove_empty_top: bool) -> Result<Tree> {
        // Stack of (label, children); the bottom entry is the virtual root.
        let mut stack: Vec<(String, Vec<Child>)> = vec![(String::new(), Vec::new())];
        let bytes = s.as_bytes();
        let mut i = 0;
        // Character index of a byte position (NLTK reports character indexes).
        let char_index = |b: usize| s[..b].chars().count();
        while i < bytes.len() {
            let c = match s[i..].chars().next() {
                Some(c) => c,
                None => break,
            };
            if crate::tokenize::is_py_whitespace(c) {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            if c == '(' {
                i += 1;
                // Optional whitespace, then an optional label.
                let mut j = i;
                while let Some(c2) = s[j..].chars().next() {
                    if crate::tokenize::is_py_whitespace(c2) {
                        j += c2.len_utf8();
                    } else {
                        break;
                    }
                }
                // NLTK's token regex `\(\s*(label)?` consumes the spaces
                // after `(` and an optional label.
                let label_end = scan_token(s, j);
                let label = s[j..label_end].to_string();
                i = label_end;
                if stack.len() == 1 && !stack[0].1.is_empty() {
                    return Err(parse_error(
                        s,
                        char_index(start),
                        &s[start..i],
                        "end-of-string",
                    ));
                }
                stack.push((label, Vec::new()));
                if stack.len() > MAX_TREE_DEPTH {
                    return Err(Error::InvalidInput(format!(
                        "Tree nesting depth exceeds MAX_TREE_DEPTH ({MAX_TREE_DEPTH}); the input may be adversarially deep"
                    )));
                }
            } else if c == ')' {
                i += 1;
                if stack.len() == 1 {
                    let expecting = if stack[0].1.is_empty() {
                        "("
                    } else {
                        "end-of-string"
                    };
                    return Err(parse_error(s, char_index(start), ")", expecting));
                }
                if let Some((label, children)) = stack.pop() {
                    if let Some(top) = stack.last_mut() {
                        top.1.push(Child::Tree(Tree { label, children }));
                    }
                }
            } else {
                let end = scan_token(s, i);
                // `end > i` always holds here: `c` is a token character.
                let end = end.max(i + c.len_utf8());
                if stack.len() == 1 {
                    return Err(parse_error(s, char_index(start), &s[start..end], "("));
                }
                if let Some(top) = stack.last_mut() {
                    top.1.push(Child::Leaf(s[start..end].to_string()));
                }
                i = end;
            }
        }
        if stack.len() > 1 {
            return Err(parse_error(s, s.chars().count(), "end-of-string", ")"));
        }
        let (_, mut roots) = stack.pop().unwrap_or_default();
        let tree = match roots.pop() {
            Some(Child::Tree(t)) => t,
            _ => return Err(parse_error(s, s.chars().count(), "end-of-string", "(")),
        };
        if remove_empty_top && tree.label.is_empty() && tree.children.len() == 1 {
            let (label, mut children) = tree.into_parts();
            return Ok(match children.pop() {
                Some(Child::Tree(t)) => t,
                other => Tree::new(label, other.into_iter().collect()),
            });
        }
        Ok(tree)
    }

    /// NLTK's `pformat(margin)`: the tree on one line when it fits in
    /// `margin` characters, else one child per line, indented by two spaces
    /// per level.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (NP I) (VP (V saw) (NP it)))").unwrap();
    /// assert_eq!(t.pformat(20), "(S\n  (NP I)\n  (VP\n    (V saw)\n    (NP it)))");
    /// assert_eq!(t.pformat(70), t.to_string());
    /// ```
    pub fn pformat(&self, margin: usize) -> String {
        let mut out = String::new();
        self.pformat_into(margin, 0, &mut out);
        out
    }

    fn pformat_into(&self, margin: usize, indent: usize, out: &mut String) {
        let flat = self.to_string();
        if flat.chars().count() + indent < margin {
            out.push_str(&flat);
            return;
        }
        out.push('(');
        out.push_str(&self.label);
        for c in &self.children {
            out.push('\n');
            out.push_str(&" ".repeat(indent + 2));
            match c {
                Child::Tree(t) => t.pformat_into(margin, indent + 2, out),
                Child::Leaf(w) => out.push_str(w),
            }
        }
        out.push(')');
    }

    fn write_flat(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_char('(')?;
        f.write_str(&self.label)?;
        f.write_char(' ')?;
        for (k, c) in self.children.iter().enumerate() {
            if k > 0 {
                f.write_char(' ')?;
            }
            match c {
                Child::Tree(t) => t.write_flat(f)?,
                Child::Leaf(w) => f.write_str(w)?,
            }
        }
        f.write_char(')')
    }
}

/// The flat, one-line bracketed form (NLTK's `pformat` with an infinite
/// margin; note `(X )` for a tree without children, as NLTK prints it).
impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_flat(f)
    }
}

impl std::str::FromStr for Tree {
    type Err = Error;
    fn from_str(s: &str) -> Result<Tree> {
        Tree::fromstring(s)
    }
}

/// End (byte offset) of a run of token characters starting at `i`: NLTK's
/// `(?:\\[()]|[^\s()])+`.
fn scan_token(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() && (b[i + 1] == b'(' || b[i + 1] == b')') {
            i += 2;
            continue;
        }
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c == '(' || c == ')' || crate::tokenize::is_py_whitespace(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// NLTK's `Tree._parse_error` message.
fn parse_error(s: &str, pos: usize, token: &str, expecting: &str) -> Error {
    let mut msg = format!(
        "Tree.read(): expected {} but got {}\n{}at index {pos}.",
        py_repr(expecting),
        py_repr(token),
        " ".repeat(12)
    );
    let flat: Vec<char> = s
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let mut offset = pos;
    let mut shown: String = if flat.len() > pos + 10 {
        flat[..pos + 10].iter().collect::<String>() + "..."
    } else {
        flat.iter().collect()
    };
    if pos > 10 {
        let tail: String = shown.chars().skip(pos - 10).collect();
        shown = format!("...{tail}");
        offset = 13;
    }
    msg.push_str(&format!(
        "\n{}\"{shown}\"\n{}^",
        " ".repeat(16),
        " ".repeat(17 + offset)
    ));
    Error::InvalidInput(msg)
}

/// Python's `repr` of a short string (single quotes unless it holds one).
fn py_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_children_print_like_nltk() {
        let t = Tree::fromstring("(S )").unwrap();
        assert_eq!(t.to_string(), "(S )");
        assert_eq!(t.height(), 1);
    }

    #[test]
    fn escaped_brackets_are_token_characters() {
        let t = Tree::fromstring(r"(X a\(b)").unwrap();
        assert_eq!(t.leaves(), [r"a\(b"]);
    }

    #[test]
    fn errors_match_nltk_shape() {
        let e = Tree::fromstring("(S (NP x)").unwrap_err().to_string();
        assert!(
            e.starts_with("Tree.read(): expected ')' but got 'end-of-string'"),
            "{e}"
        );
        let e = Tree::fromstring("x").unwrap_err().to_string();
        assert!(e.contains("expected '(' but got 'x'"), "{e}");
        assert!(Tree::fromstring("").is_err());
        assert!(Tree::fromstring("(A) (B)").is_err());
    }

    #[test]
    fn depth_is_capped() {
        let s = "(".repeat(600) + &")".repeat(600);
        assert!(Tree::fromstring(&s).is_err());
    }
}
