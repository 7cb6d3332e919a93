//! Iterative traversals of a [`Tree`]: leaves, `pos`, height, subtrees,
//! tree positions (NLTK's `leaves`, `pos`, `height`, `subtrees`,
//! `treepositions`, `leaf_treeposition`, `flatten`). None recurses.

use super::{Child, Tree};

/// The order of [`Tree::treepositions`] (NLTK's `order` argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TreeOrder {
    /// A node before its children (NLTK's default `preorder`).
    #[default]
    Preorder,
    /// A node after its children.
    Postorder,
    /// A node both before and after its children.
    Bothorder,
    /// Leaves only.
    Leaves,
}

impl TreeOrder {
    /// Parses NLTK's order names (`preorder`, `postorder`, `bothorder`, `leaves`).
    ///
    /// # Errors
    /// [`crate::Error::UnknownName`] for any other name.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::TreeOrder;
    /// assert_eq!(TreeOrder::parse("leaves").unwrap(), TreeOrder::Leaves);
    /// ```
    pub fn parse(name: &str) -> crate::Result<TreeOrder> {
        Ok(match name {
            "preorder" => TreeOrder::Preorder,
            "postorder" => TreeOrder::Postorder,
            "bothorder" => TreeOrder::Bothorder,
            "leaves" => TreeOrder::Leaves,
            _ => {
                return Err(crate::Error::UnknownName {
                    kind: "tree order",
                    name: name.into(),
                    expected: "preorder, postorder, bothorder, leaves".into(),
                })
            }
        })
    }
}

/// Preorder iterator over the subtrees of a [`Tree`] (itself first); see
/// [`Tree::subtrees`].
pub struct Subtrees<'a> {
    stack: Vec<&'a Tree>,
}

impl<'a> Iterator for Subtrees<'a> {
    type Item = &'a Tree;
    fn next(&mut self) -> Option<&'a Tree> {
        let t = self.stack.pop()?;
        for c in t.children.iter().rev() {
            if let Child::Tree(s) = c {
                self.stack.push(s);
            }
        }
        Some(t)
    }
}

impl Tree {
    /// The leaves, left to right (NLTK's `leaves()`).
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (A x) y (B (C z)))").unwrap();
    /// assert_eq!(t.leaves(), ["x", "y", "z"]);
    /// ```
    pub fn leaves(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.for_each_leaf(|w, _| out.push(w));
        out
    }

    /// `(leaf, parent label)` pairs, left to right (NLTK's `pos()`).
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (NN x) (VB y))").unwrap();
    /// assert_eq!(t.pos(), [("x", "NN"), ("y", "VB")]);
    /// ```
    pub fn pos(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.for_each_leaf(|w, parent| out.push((w, parent.label.as_str())));
        out
    }

    /// Calls `f(leaf, parent)` for every leaf, left to right.
    fn for_each_leaf<'a>(&'a self, mut f: impl FnMut(&'a str, &'a Tree)) {
        let mut stack: Vec<(&'a Tree, usize)> = vec![(self, 0)];
        while let Some(&mut (t, ref mut i)) = stack.last_mut() {
            match t.children.get(*i) {
                Some(c) => {
                    *i += 1;
                    match c {
                        Child::Leaf(w) => f(w, t),
                        Child::Tree(s) => stack.push((s, 0)),
                    }
                }
                None => {
                    stack.pop();
                }
            }
        }
    }

    /// A tree with this label whose children are all the leaves (NLTK's
    /// `flatten()`).
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (NP (D the) (N dog)) (V ran))").unwrap();
    /// assert_eq!(t.flatten().to_string(), "(S the dog ran)");
    /// ```
    pub fn flatten(&self) -> Tree {
        Tree::new(
            self.label.clone(),
            self.leaves()
                .into_iter()
                .map(|w| Child::Leaf(w.into()))
                .collect(),
        )
    }

    /// Height as NLTK computes it: a tree without children has height 1, a
    /// tree whose children are all leaves has height 2.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (NP (D the) (N dog)) (VP (V chased)))").unwrap();
    /// assert_eq!(t.height(), 4);
    /// ```
    pub fn height(&self) -> usize {
        let mut best = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((t, d)) = stack.pop() {
            best = best.max(d);
            for c in &t.children {
                match c {
                    Child::Leaf(_) => best = best.max(d + 1),
                    Child::Tree(s) => stack.push((s, d + 1)),
                }
            }
        }
        best
    }

    /// All subtrees in preorder, this tree first (NLTK's `subtrees()`).
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (NP (D the) (N dog)) (VP (V ran)))").unwrap();
    /// let labels: Vec<&str> = t.subtrees().map(|s| s.label()).collect();
    /// assert_eq!(labels, ["S", "NP", "D", "N", "VP", "V"]);
    /// ```
    pub fn subtrees(&self) -> Subtrees<'_> {
        Subtrees { stack: vec![self] }
    }

    /// The subtrees for which `filter` is true, in preorder (NLTK's
    /// `subtrees(filter)`).
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (NP (D the) (N dog)) (VP (V ran)))").unwrap();
    /// let pre: Vec<String> = t.subtrees_filter(|s| s.height() == 2).map(|s| s.to_string()).collect();
    /// assert_eq!(pre, ["(D the)", "(N dog)", "(V ran)"]);
    /// ```
    pub fn subtrees_filter<'a, F>(&'a self, mut filter: F) -> impl Iterator<Item = &'a Tree>
    where
        F: FnMut(&Tree) -> bool + 'a,
    {
        self.subtrees().filter(move |t| filter(t))
    }

    /// Tree positions (paths of child indexes) of every node and leaf in
    /// `order`, as NLTK's `treepositions(order)`.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{Tree, TreeOrder};
    /// let t = Tree::fromstring("(S (A x) y)").unwrap();
    /// let pre: Vec<Vec<usize>> = vec![vec![], vec![0], vec![0, 0], vec![1]];
    /// assert_eq!(t.treepositions(TreeOrder::Preorder), pre);
    /// assert_eq!(t.treepositions(TreeOrder::Leaves), vec![vec![0, 0], vec![1]]);
    /// ```
    pub fn treepositions(&self, order: TreeOrder) -> Vec<Vec<usize>> {
        let pre = matches!(order, TreeOrder::Preorder | TreeOrder::Bothorder);
        let post = matches!(order, TreeOrder::Postorder | TreeOrder::Bothorder);
        let mut out = Vec::new();
        let mut path: Vec<usize> = Vec::new();
        if pre {
            out.push(Vec::new());
        }
        let mut stack: Vec<(&Tree, usize)> = vec![(self, 0)];
        while let Some(&mut (t, ref mut i)) = stack.last_mut() {
            match t.children.get(*i) {
                Some(c) => {
                    let k = *i;
                    *i += 1;
                    path.push(k);
                    match c {
                        Child::Leaf(_) => {
                            out.push(path.clone());
                            path.pop();
                        }
                        Child::Tree(s) => {
                            if pre {
                                out.push(path.clone());
                            }
                            stack.push((s, 0));
                        }
                    }
                }
                None => {
                    stack.pop();
                    if post {
                        out.push(path.clone());
                    }
                    path.pop();
                }
            }
        }
        out
    }

    /// The child at tree position `pos` (`tree[pos]` in NLTK); `None` for
    /// the empty position (the tree itself) or an invalid one.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{Child, Tree};
    /// let t = Tree::fromstring("(S (A x) y)").unwrap();
    /// assert_eq!(t.get(&[0, 0]), Some(&Child::Leaf("x".into())));
    /// assert!(t.get(&[5]).is_none());
    /// ```
    pub fn get(&self, pos: &[usize]) -> Option<&Child> {
        let (last, init) = pos.split_last()?;
        self.subtree(init)?.children.get(*last)
    }

    /// The subtree at tree position `pos` (the tree itself for `[]`), or
    /// `None` when the position is invalid or names a leaf.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (A x) (B y))").unwrap();
    /// assert_eq!(t.subtree(&[1]).unwrap().label(), "B");
    /// ```
    pub fn subtree(&self, pos: &[usize]) -> Option<&Tree> {
        let mut t = self;
        for &k in pos {
            match t.children.get(k)? {
                Child::Tree(s) => t = s,
                Child::Leaf(_) => return None,
            }
        }
        Some(t)
    }

    /// The tree position of the `index`-th leaf (NLTK's
    /// `leaf_treeposition`), or `None` when there are fewer leaves.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S (A x) (B y z))").unwrap();
    /// assert_eq!(t.leaf_treeposition(2), Some(vec![1, 1]));
    /// ```
    pub fn leaf_treeposition(&self, index: usize) -> Option<Vec<usize>> {
        self.treepositions(TreeOrder::Leaves).into_iter().nth(index)
    }
}
