//! NLTK's `nltk.tree.transforms`: Chomsky normal form (binarisation with
//! horizontal and vertical Markovisation), its inverse, and collapsing
//! unary chains. Same labels and shapes as NLTK; iterative.

use super::{Child, Tree};

/// Which way [`Tree::chomsky_normal_form`] binarises (NLTK's `factor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Factor {
    /// `A -> B C D` becomes `A -> B A|<C-D>`, `A|<C-D> -> C D` (default).
    #[default]
    Right,
    /// `A -> B C D` becomes `A -> A|<B-C> D`, `A|<B-C> -> B C`.
    Left,
}

/// The options of NLTK's `chomsky_normal_form`.
///
/// # Example
/// ```
/// use nlkit::tree::{CnfOptions, Factor, Tree};
/// let mut t = Tree::fromstring("(S (A a) (B b) (C c) (D d))").unwrap();
/// t.chomsky_normal_form(&CnfOptions { factor: Factor::Left, horz_markov: Some(1), ..Default::default() });
/// assert_eq!(t.to_string(), "(S (S|<C> (S|<B> (A a) (B b)) (C c)) (D d))");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CnfOptions {
    /// Binarisation direction (default right).
    pub factor: Factor,
    /// Horizontal Markov order: how many sibling labels a new node's name
    /// keeps (`None`: all, NLTK's default).
    pub horz_markov: Option<usize>,
    /// Vertical Markov order: how many ancestor labels are added to a
    /// phrasal node's label (0, the default: none; 1: parent annotation).
    pub vert_markov: usize,
    /// Separator before the sibling list of a new node (default `|`).
    pub child_char: String,
    /// Separator before the ancestor list (default `^`).
    pub parent_char: String,
}

impl Default for CnfOptions {
    fn default() -> Self {
        CnfOptions {
            factor: Factor::Right,
            horz_markov: None,
            vert_markov: 0,
            child_char: "|".into(),
            parent_char: "^".into(),
        }
    }
}

/// The options of NLTK's `un_chomsky_normal_form`.
///
/// # Example
/// ```
/// use nlkit::tree::{Tree, UnCnfOptions};
/// let mut t = Tree::fromstring("(S (A a) (S|<B-C> (B b) (C c)))").unwrap();
/// t.un_chomsky_normal_form(&UnCnfOptions::default());
/// assert_eq!(t.to_string(), "(S (A a) (B b) (C c))");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnCnfOptions {
    /// Split `A+B` labels back into a unary chain (default true).
    pub expand_unary: bool,
    /// Marks binarisation nodes (default `|`).
    pub child_char: String,
    /// Marks parent annotation (default `^`).
    pub parent_char: String,
    /// Joins collapsed unary labels (default `+`).
    pub unary_char: String,
}

impl Default for UnCnfOptions {
    fn default() -> Self {
        UnCnfOptions {
            expand_unary: true,
            child_char: "|".into(),
            parent_char: "^".into(),
            unary_char: "+".into(),
        }
    }
}

/// A node being rebuilt by [`Tree::chomsky_normal_form`].
struct Frame {
    original: String,
    label: String,
    parent_string: String,
    names: Vec<String>,
    child_parents: std::rc::Rc<Vec<String>>,
    rest: std::vec::IntoIter<Child>,
    done: Vec<Child>,
}

impl Tree {
    /// Binarises the tree in place (NLTK's `chomsky_normal_form` /
    /// `nltk.tree.transforms.chomsky_normal_form`): every node with more
    /// than two children becomes a chain of binary nodes named
    /// `A|<B-C>`, and with `vert_markov` > 0 phrasal labels get their
    /// ancestors appended as `A^<P-G>`. Unary nodes are left as they are.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{CnfOptions, Tree};
    /// let mut t = Tree::fromstring("(S (NP (D the) (N dog)) (VP (V saw) (NP it) (ADV now)))").unwrap();
    /// t.chomsky_normal_form(&CnfOptions { vert_markov: 1, ..Default::default() });
    /// assert_eq!(t.to_string(),
    ///   "(S (NP^<S> (D the) (N dog)) (VP^<S> (V saw) (VP|<NP-ADV>^<S> (NP it) (ADV now))))");
    /// ```
    pub fn chomsky_normal_form(&mut self, o: &CnfOptions) {
        let root = std::mem::replace(self, Tree::new(String::new(), Vec::new()));
        let root_parents = std::rc::Rc::new(vec![root.label.clone()]);
        let mut stack = vec![frame(root, true, &root_parents, o)];
        while let Some(f) = stack.last_mut() {
            match f.rest.next() {
                Some(Child::Tree(t)) => {
                    let parents = f.child_parents.clone();
                    stack.push(frame(t, false, &parents, o));
                }
                Some(leaf) => f.done.push(leaf),
                None => {
                    let Some(f) = stack.pop() else { break };
                    let t = binarise(f, o);
                    match stack.last_mut() {
                        Some(p) => p.done.push(Child::Tree(t)),
                        None => *self = t,
                    }
                }
            }
        }
    }

    /// Undoes [`Tree::chomsky_normal_form`] and [`Tree::collapse_unary`] in
    /// place (NLTK's `un_chomsky_normal_form`): nodes whose label holds
    /// `child_char` are spliced into their parent, labels are cut at
    /// `parent_char`, and `A+B` labels become unary chains.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{Tree, UnCnfOptions};
    /// let mut t = Tree::fromstring("(S^<ROOT> (NP+NN dog) (VP ran))").unwrap();
    /// t.un_chomsky_normal_form(&UnCnfOptions::default());
    /// assert_eq!(t.to_string(), "(S (NP (NN dog)) (VP ran))");
    /// ```
    pub fn un_chomsky_normal_form(&mut self, o: &UnCnfOptions) {
        let marked =
            |c: &Child| matches!(c, Child::Tree(t) if t.label.contains(o.child_char.as_str()));
        let mut stack: Vec<&mut Tree> = vec![self];
        while let Some(node) = stack.pop() {
            if node.children.iter().any(marked) {
                let mut new_children = Vec::with_capacity(node.children.len());
                let mut work: Vec<Child> = std::mem::take(&mut node.children);
                work.reverse();
                while let Some(c) = work.pop() {
                    if marked(&c) {
                        if let Child::Tree(mut t) = c {
                            let mut kids = std::mem::take(&mut t.children);
                            kids.reverse();
                            work.append(&mut kids);
                        }
                    } else {
                        new_children.push(c);
                    }
                }
                node.children = new_children;
            }
            if let Some(k) = node.label.find(o.parent_char.as_str()) {
                node.label.truncate(k);
            }
            if o.expand_unary {
                if let Some(k) = node.label.find(o.unary_char.as_str()) {
                    // NLTK keeps what follows the first character of the mark
                    let step = node.label[k..].chars().next().map_or(0, char::len_utf8);
                    let below = node.label[k + step..].to_string();
                    node.label.truncate(k);
                    let kids = std::mem::take(&mut node.children);
                    node.children = vec![Child::Tree(Tree::new(below, kids))];
                }
            }
            for c in node.children.iter_mut() {
                if let Child::Tree(t) = c {
                    stack.push(t);
                }
            }
        }
    }

    /// Collapses unary chains in place (NLTK's `collapse_unary`): a node
    /// with a single phrasal child takes the child's label joined by
    /// `join_char` and its children. Pre-terminals (`collapse_pos` false)
    /// and a unary root (`collapse_root` false) are kept.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let mut t = Tree::fromstring("(S (NP (NN dog)) (VP (VB ran)))").unwrap();
    /// t.collapse_unary(true, false, "+");
    /// assert_eq!(t.to_string(), "(S (NP+NN dog) (VP+VB ran))");
    /// ```
    pub fn collapse_unary(&mut self, collapse_pos: bool, collapse_root: bool, join_char: &str) {
        let mut stack: Vec<&mut Tree> = Vec::new();
        if !collapse_root && self.children.len() == 1 {
            if let Some(Child::Tree(t)) = self.children.first_mut() {
                stack.push(t);
            }
        } else {
            stack.push(self);
        }
        while let Some(node) = stack.pop() {
            loop {
                let collapse = match node.children.as_slice() {
                    [Child::Tree(only)] => {
                        collapse_pos || matches!(only.children.first(), Some(Child::Tree(_)))
                    }
                    _ => false,
                };
                if !collapse {
                    break;
                }
                if let Some(Child::Tree(mut only)) = node.children.pop() {
                    node.label.push_str(join_char);
                    node.label.push_str(&only.label);
                    node.children = std::mem::take(&mut only.children);
                }
            }
            for c in node.children.iter_mut() {
                if let Child::Tree(t) = c {
                    stack.push(t);
                }
            }
        }
    }
}

/// Starts rebuilding `t`: vertical annotation and what its children inherit.
fn frame(mut t: Tree, is_root: bool, parents: &std::rc::Rc<Vec<String>>, o: &CnfOptions) -> Frame {
    let original = std::mem::take(&mut t.label);
    let children = std::mem::take(&mut t.children);
    let mut label = original.clone();
    let mut parent_string = String::new();
    let mut child_parents = parents.clone();
    if o.vert_markov != 0 && !is_root && matches!(children.first(), Some(Child::Tree(_))) {
        parent_string = format!("{}<{}>", o.parent_char, parents.join("-"));
        label.push_str(&parent_string);
        let mut p = vec![original.clone()];
        p.extend(parents.iter().take(o.vert_markov - 1).cloned());
        child_parents = std::rc::Rc::new(p);
    }
    let names = if children.len() > 2 {
        children
            .iter()
            .map(|c| match c {
                Child::Tree(s) => s.label.clone(),
                Child::Leaf(w) => w.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Frame {
        original,
        label,
        parent_string,
        names,
        child_parents,
        done: Vec::with_capacity(children.len()),
        rest: children.into_iter(),
    }
}

/// Finishes a rebuilt node: hangs more than two children off a chain.
fn binarise(f: Frame, o: &CnfOptions) -> Tree {
    let n = f.done.len();
    if n <= 2 {
        return Tree::new(f.label, f.done);
    }
    let h = o.horz_markov.unwrap_or(999);
    let head = |i: usize| -> String {
        let names = match o.factor {
            Factor::Right => &f.names[i..i.saturating_add(h).min(n)],
            Factor::Left => &f.names[(n - i).saturating_sub(h)..n - i],
        };
        format!(
            "{}{}<{}>{}",
            f.original,
            o.child_char,
            names.join("-"),
            f.parent_string
        )
    };
    let mut kids = f.done;
    match o.factor {
        Factor::Right => {
            // root -> [c0, N1], N_i -> [c_i, N_{i+1}], N_{n-2} -> [c_{n-2}, c_{n-1}]
            let tail = kids.split_off(n - 2);
            let mut cur = Tree::new(head(n - 2), tail);
            for i in (1..n - 2).rev() {
                let c = kids.pop().unwrap_or(Child::Leaf(String::new()));
                cur = Tree::new(head(i), vec![c, Child::Tree(cur)]);
            }
            let c0 = kids.pop().unwrap_or(Child::Leaf(String::new()));
            Tree::new(f.label, vec![c0, Child::Tree(cur)])
        }
        Factor::Left => {
            // root -> [N1, c_{n-1}], N_i -> [N_{i+1}, c_{n-1-i}], N_{n-2} -> [c0, c1]
            let mut rest = kids.split_off(2).into_iter();
            let mut cur = Tree::new(head(n - 2), kids);
            for i in (1..n - 2).rev() {
                let c = rest.next().unwrap_or(Child::Leaf(String::new()));
                cur = Tree::new(head(i), vec![Child::Tree(cur), c]);
            }
            let last = rest.next().unwrap_or(Child::Leaf(String::new()));
            Tree::new(f.label, vec![Child::Tree(cur), last])
        }
    }
}
