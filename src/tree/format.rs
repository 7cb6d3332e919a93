//! Bracketed printing of a [`Tree`]: NLTK's `pformat` (one line when it fits
//! the margin, else one child per line) and `_pformat_flat`, iterative.

use rustc_hash::FxHashMap;

use super::{Child, Tree};

/// The options of NLTK's `Tree.pformat(margin, indent, nodesep, parens, quotes)`.
///
/// # Example
/// ```
/// use nlkit::tree::{PformatOptions, Tree};
/// let t = Tree::fromstring("(S (NP I) (VP ran))").unwrap();
/// let o = PformatOptions { nodesep: ":".into(), parens: ("[".into(), "]".into()), ..Default::default() };
/// assert_eq!(t.pformat_with(&o), "[S: [NP: I] [VP: ran]]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PformatOptions {
    /// Right margin (default 70): a subtree whose flat form plus indent is
    /// shorter stays on one line.
    pub margin: usize,
    /// Indentation the printing starts at (default 0).
    pub indent: usize,
    /// Text between a label and its children (default empty).
    pub nodesep: String,
    /// Opening and closing brackets (default `(` `)`).
    pub parens: (String, String),
    /// Text around each leaf (default none).
    pub quotes: (String, String),
}

impl Default for PformatOptions {
    fn default() -> Self {
        PformatOptions {
            margin: 70,
            indent: 0,
            nodesep: String::new(),
            parens: ("(".into(), ")".into()),
            quotes: (String::new(), String::new()),
        }
    }
}

fn clen(s: &str) -> usize {
    s.chars().count()
}

/// Appends the flat (one-line) form of `tree` to `out`.
pub(super) fn write_flat(tree: &Tree, o: &PformatOptions, out: &mut String) {
    open_node(tree, o, out);
    out.push(' ');
    let mut stack: Vec<(&Tree, usize)> = vec![(tree, 0)];
    while let Some(&mut (t, ref mut i)) = stack.last_mut() {
        match t.children.get(*i) {
            Some(c) => {
                if *i > 0 {
                    out.push(' ');
                }
                *i += 1;
                match c {
                    Child::Leaf(w) => leaf(w, o, out),
                    Child::Tree(s) => {
                        open_node(s, o, out);
                        out.push(' ');
                        stack.push((s, 0));
                    }
                }
            }
            None => {
                out.push_str(&o.parens.1);
                stack.pop();
            }
        }
    }
}

fn open_node(t: &Tree, o: &PformatOptions, out: &mut String) {
    out.push_str(&o.parens.0);
    out.push_str(&t.label);
    out.push_str(&o.nodesep);
}

fn leaf(w: &str, o: &PformatOptions, out: &mut String) {
    out.push_str(&o.quotes.0);
    out.push_str(w);
    out.push_str(&o.quotes.1);
}

/// Character length of the flat form of every subtree, keyed by address.
fn flat_lengths(tree: &Tree, o: &PformatOptions) -> FxHashMap<*const Tree, usize> {
    let fixed = clen(&o.parens.0) + clen(&o.nodesep) + 1 + clen(&o.parens.1);
    let quotes = clen(&o.quotes.0) + clen(&o.quotes.1);
    let mut lens = FxHashMap::default();
    let mut stack: Vec<(&Tree, bool)> = vec![(tree, false)];
    while let Some((t, done)) = stack.pop() {
        if !done {
            stack.push((t, true));
            for c in &t.children {
                if let Child::Tree(s) = c {
                    stack.push((s, false));
                }
            }
            continue;
        }
        let mut n = fixed + clen(&t.label) + t.children.len().saturating_sub(1);
        for c in &t.children {
            n += match c {
                Child::Leaf(w) => quotes + clen(w),
                Child::Tree(s) => lens.get(&(s as *const Tree)).copied().unwrap_or(0),
            };
        }
        lens.insert(t as *const Tree, n);
    }
    lens
}

impl Tree {
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
        self.pformat_with(&PformatOptions {
            margin,
            ..Default::default()
        })
    }

    /// NLTK's `pformat` with all its options.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{PformatOptions, Tree};
    /// let t = Tree::fromstring("(S (NP I) (VP ran))").unwrap();
    /// let o = PformatOptions { margin: 10, quotes: ("'".into(), "'".into()), ..Default::default() };
    /// assert_eq!(t.pformat_with(&o), "(S\n  (NP\n    'I')\n  (VP\n    'ran'))");
    /// ```
    pub fn pformat_with(&self, o: &PformatOptions) -> String {
        let lens = flat_lengths(self, o);
        let fits = |t: &Tree, indent: usize| {
            lens.get(&(t as *const Tree)).copied().unwrap_or(0) + indent < o.margin
        };
        let mut out = String::new();
        if fits(self, o.indent) {
            write_flat(self, o, &mut out);
            return out;
        }
        open_node(self, o, &mut out);
        let mut stack: Vec<(&Tree, usize, usize)> = vec![(self, 0, o.indent)];
        while let Some(&mut (t, ref mut i, indent)) = stack.last_mut() {
            match t.children.get(*i) {
                Some(c) => {
                    *i += 1;
                    out.push('\n');
                    out.extend(std::iter::repeat_n(' ', indent + 2));
                    match c {
                        Child::Leaf(w) => leaf(w, o, &mut out),
                        Child::Tree(s) if fits(s, indent + 2) => write_flat(s, o, &mut out),
                        Child::Tree(s) => {
                            open_node(s, o, &mut out);
                            stack.push((s, 0, indent + 2));
                        }
                    }
                }
                None => {
                    out.push_str(&o.parens.1);
                    stack.pop();
                }
            }
        }
        out
    }
}
