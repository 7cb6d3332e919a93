//! NLTK's `ParentedTree` navigation (`parent`, `parent_index`,
//! `left_sibling`, `right_sibling`, `root`, `treeposition`) over an arena:
//! every node and leaf of a [`Tree`] gets a [`NodeId`], and the links are
//! indexes, so there are no reference cycles and no recursion.
//!
//! Differs from NLTK in being a read-only snapshot: edit a [`Tree`] and
//! build a new [`ParentedTree`] from it.

use super::{Child, Tree};

/// A node or leaf of a [`ParentedTree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(usize);

#[derive(Debug, Clone)]
struct Node {
    text: String,
    is_leaf: bool,
    parent: Option<usize>,
    index: usize,
    children: Vec<usize>,
}

/// A tree with parent links (NLTK's `ParentedTree`, read-only).
///
/// # Example
/// ```
/// use nlkit::tree::{ParentedTree, Tree};
/// let t = Tree::fromstring("(S (NP (D the) (N dog)) (VP (V ran)))").unwrap();
/// let p = ParentedTree::new(&t);
/// let n = p.find(|p, id| p.label(id) == "N").unwrap();
/// assert_eq!(p.label(p.parent(n).unwrap()), "NP");
/// assert_eq!(p.label(p.left_sibling(n).unwrap()), "D");
/// assert_eq!(p.right_sibling(n), None);
/// assert_eq!(p.parent_index(n), Some(1));
/// assert_eq!(p.treeposition(n), [0, 1]);
/// assert_eq!(p.root(n), p.root_id());
/// ```
#[derive(Debug, Clone)]
pub struct ParentedTree {
    nodes: Vec<Node>,
}

impl ParentedTree {
    /// Builds the arena from `tree` (nodes numbered in preorder, root 0).
    pub fn new(tree: &Tree) -> Self {
        let mut nodes = vec![Node {
            text: tree.label.clone(),
            is_leaf: false,
            parent: None,
            index: 0,
            children: Vec::new(),
        }];
        let mut stack: Vec<(&Tree, usize)> = vec![(tree, 0)];
        while let Some((t, id)) = stack.pop() {
            let mut pending = Vec::new();
            for (k, c) in t.children.iter().enumerate() {
                let (text, is_leaf) = match c {
                    Child::Tree(s) => (s.label.clone(), false),
                    Child::Leaf(w) => (w.clone(), true),
                };
                let cid = nodes.len();
                nodes.push(Node {
                    text,
                    is_leaf,
                    parent: Some(id),
                    index: k,
                    children: Vec::new(),
                });
                nodes[id].children.push(cid);
                if let Child::Tree(s) = c {
                    pending.push((s, cid));
                }
            }
            stack.extend(pending.into_iter().rev());
        }
        ParentedTree { nodes }
    }

    /// The root's id.
    pub fn root_id(&self) -> NodeId {
        NodeId(0)
    }

    /// Number of nodes and leaves.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a tree has a root.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// All ids (nodes and leaves).
    pub fn ids(&self) -> impl Iterator<Item = NodeId> {
        (0..self.nodes.len()).map(NodeId)
    }

    /// The first id (in arena order) for which `pred` holds.
    pub fn find(&self, mut pred: impl FnMut(&Self, NodeId) -> bool) -> Option<NodeId> {
        self.ids().find(|&id| pred(self, id))
    }

    fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0)
    }

    /// The label of a node, or the word of a leaf ("" for an unknown id).
    pub fn label(&self, id: NodeId) -> &str {
        self.node(id).map_or("", |n| n.text.as_str())
    }

    /// True for a leaf.
    pub fn is_leaf(&self, id: NodeId) -> bool {
        self.node(id).is_some_and(|n| n.is_leaf)
    }

    /// The children of a node (empty for a leaf).
    pub fn children(&self, id: NodeId) -> Vec<NodeId> {
        self.node(id)
            .map(|n| n.children.iter().map(|&c| NodeId(c)).collect())
            .unwrap_or_default()
    }

    /// NLTK's `parent()`: `None` for the root.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id)?.parent.map(NodeId)
    }

    /// NLTK's `parent_index()`: the position among the parent's children.
    pub fn parent_index(&self, id: NodeId) -> Option<usize> {
        let n = self.node(id)?;
        n.parent.map(|_| n.index)
    }

    /// NLTK's `left_sibling()`.
    pub fn left_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.node(id)?;
        let p = self.node(NodeId(n.parent?))?;
        p.children.get(n.index.checked_sub(1)?).map(|&c| NodeId(c))
    }

    /// NLTK's `right_sibling()`.
    pub fn right_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.node(id)?;
        let p = self.node(NodeId(n.parent?))?;
        p.children.get(n.index + 1).map(|&c| NodeId(c))
    }

    /// NLTK's `root()`: the root reached through parents.
    pub fn root(&self, mut id: NodeId) -> NodeId {
        while let Some(p) = self.parent(id) {
            id = p;
        }
        id
    }

    /// NLTK's `treeposition()`: child indexes from the root.
    pub fn treeposition(&self, mut id: NodeId) -> Vec<usize> {
        let mut path = Vec::new();
        while let Some(n) = self.node(id) {
            match n.parent {
                Some(p) => {
                    path.push(n.index);
                    id = NodeId(p);
                }
                None => break,
            }
        }
        path.reverse();
        path
    }

    /// The subtree under `id` as a plain [`Tree`] (`None` for a leaf).
    pub fn to_tree(&self, id: NodeId) -> Option<Tree> {
        let n = self.node(id)?;
        if n.is_leaf {
            return None;
        }
        // Post-order rebuild without recursion.
        let mut built: Vec<Tree> = Vec::new();
        let mut stack: Vec<(usize, bool)> = vec![(id.0, false)];
        while let Some((i, done)) = stack.pop() {
            let node = &self.nodes[i];
            if !done {
                stack.push((i, true));
                for &c in node.children.iter().rev() {
                    if !self.nodes[c].is_leaf {
                        stack.push((c, false));
                    }
                }
                continue;
            }
            let n_trees = node
                .children
                .iter()
                .filter(|&&c| !self.nodes[c].is_leaf)
                .count();
            let mut subs = built.split_off(built.len() - n_trees).into_iter();
            let children = node
                .children
                .iter()
                .map(|&c| {
                    if self.nodes[c].is_leaf {
                        Child::Leaf(self.nodes[c].text.clone())
                    } else {
                        Child::Tree(subs.next().unwrap_or_else(|| Tree::new("", Vec::new())))
                    }
                })
                .collect();
            built.push(Tree::new(node.text.clone(), children));
        }
        built.pop()
    }
}
