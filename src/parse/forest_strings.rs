//! Reading a [`Forest`]'s trees off as one-line bracket strings (NLTK's
//! `tree.pformat(margin=10**9)`), without building a [`crate::tree::Tree`]
//! for each.
//!
//! The trees come in the order of [`Forest::tree`]: that order is an
//! odometer over the choices made in the tree, in pre-order (a
//! constituent's choice of analysis first, then its children's trees, the
//! last child fastest). [`BracketStrings`] keeps the current tree as a list
//! of frames in pre-order and its string in one buffer; the next tree
//! advances the last frame that has another choice, cuts the buffer where
//! that frame's text starts and writes only the text from there on (its
//! new subtree and the first trees of everything after it). Trees of one
//! sentence share most of their text, so most of each string is kept.
//!
//! This has no NLTK counterpart of its own; the strings are exactly
//! `Tree::to_string` of [`Forest::tree`]`(k)` for k = 0, 1, ...

use super::forest::{Forest, LEAF, NONE};

/// How [`BracketStrings`] writes labels and words.
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// use nlkit::parse::{BracketEscape, ChartParser};
/// let g = CFG::fromstring("S -> 'say' Q\nQ -> '\"hi\"'").unwrap();
/// let f = ChartParser::new(&g).forest(&["say", "\"hi\""]).unwrap();
/// let plain = f.bracket_strings(BracketEscape::Plain).next_tree().map(String::from);
/// assert_eq!(plain.as_deref(), Some("(S say (Q \"hi\"))"));
/// let json = f.bracket_strings(BracketEscape::Json).next_tree().map(String::from);
/// assert_eq!(json.as_deref(), Some(r#"(S say (Q \"hi\"))"#));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BracketEscape {
    /// As they are: the string is NLTK's `pformat(margin=10**9)`.
    #[default]
    Plain,
    /// Escaped as inside a JSON string (`"`, `\` and control characters),
    /// so the caller only adds the quotes.
    Json,
}

/// One constituent of the current tree.
#[derive(Clone, Copy)]
struct Frame {
    /// Forest node.
    node: u32,
    /// Current alternative (index into the forest's `alts`).
    alt: u32,
    /// Where its derivation path starts in `path` (top level first).
    ps: u32,
    /// Number of levels in its path (= number of children).
    levels: u32,
    /// Parent frame, or NONE.
    parent: u32,
    /// Which child of the parent it is.
    child_idx: u32,
    /// Next child to write.
    next_child: u32,
    /// Where its text starts in the buffer.
    buf_start: usize,
}

/// A forest's trees as bracket strings, one at a time (see the module docs).
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// use nlkit::parse::{BracketEscape, ChartParser};
/// let g = CFG::fromstring("S -> S S | 'a'").unwrap();
/// let forest = ChartParser::new(&g).forest(&["a"; 3]).unwrap();
/// let mut it = forest.bracket_strings(BracketEscape::Plain);
/// let mut all = Vec::new();
/// while let Some(s) = it.next_tree() {
///     all.push(s.to_string());
/// }
/// let trees: Vec<String> = forest.trees().map(|t| t.to_string()).collect();
/// assert_eq!(all, trees);
/// assert_eq!(all.len(), 2);
/// ```
pub struct BracketStrings<'f> {
    f: &'f Forest,
    /// Words as written.
    words: Vec<String>,
    /// Per label: whether it needs JSON escaping.
    escape_label: Vec<bool>,
    json: bool,
    buf: String,
    frames: Vec<Frame>,
    /// Derivation ids of the frames' paths.
    path: Vec<u32>,
    /// Frames that have another choice, in pre-order.
    advanceable: Vec<u32>,
    /// Frames being written (root first).
    open: Vec<u32>,
    started: bool,
    done: bool,
}

fn json_escaped(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or("")
        .to_string()
}

fn needs_json_escape(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\')
}

impl Forest {
    /// The trees as one-line bracket strings, in the order of
    /// [`Forest::tree`], lazily and without building trees.
    ///
    /// # Example
    /// ```
    /// use nlkit::grammar::CFG;
    /// use nlkit::parse::{BracketEscape, ChartParser};
    /// let g = CFG::fromstring("S -> S S | 'a'").unwrap();
    /// let f = ChartParser::new(&g).forest(&["a"; 4]).unwrap();
    /// let mut it = f.bracket_strings(BracketEscape::Plain);
    /// assert_eq!(it.next_tree(), Some("(S (S (S a) (S a)) (S (S a) (S a)))"));
    /// let mut n = 1;
    /// while it.next_tree().is_some() {
    ///     n += 1;
    /// }
    /// assert_eq!(n, 5); // Catalan(3)
    /// ```
    pub fn bracket_strings(&self, escape: BracketEscape) -> BracketStrings<'_> {
        let json = escape == BracketEscape::Json;
        let words = self
            .tokens
            .iter()
            .map(|t| {
                if json && needs_json_escape(t) {
                    json_escaped(t)
                } else {
                    t.clone()
                }
            })
            .collect();
        let escape_label = if json {
            self.labels.iter().map(|l| needs_json_escape(l)).collect()
        } else {
            Vec::new()
        };
        BracketStrings {
            f: self,
            words,
            escape_label,
            json,
            buf: String::new(),
            frames: Vec::new(),
            path: Vec::new(),
            advanceable: Vec::new(),
            open: Vec::new(),
            started: false,
            done: false,
        }
    }
}

impl BracketStrings<'_> {
    /// The next tree's string, or `None` after the last.
    pub fn next_tree(&mut self) -> Option<&str> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            let root = self.f.root;
            if root == NONE || self.f.node_count(root) == 0 {
                self.done = true;
                return None;
            }
            self.new_frame(root, NONE, 0);
            self.render();
            return Some(&self.buf);
        }
        let Some(i) = self.advanceable.pop() else {
            self.done = true;
            return None;
        };
        self.frames.truncate(i as usize + 1);
        if !self.advance_frame(i) {
            // cannot happen: only frames with another choice are listed
            self.done = true;
            return None;
        }
        if self.has_next(i) {
            self.advanceable.push(i);
        }
        let start = self.frames[i as usize].buf_start;
        self.buf.truncate(start);
        self.push_open(self.frames[i as usize].node);
        self.frames[i as usize].next_child = 0;
        self.open.clear();
        let mut c = i;
        loop {
            self.open.push(c);
            let fr = self.frames[c as usize];
            if fr.parent == NONE {
                break;
            }
            self.frames[fr.parent as usize].next_child = fr.child_idx + 1;
            c = fr.parent;
        }
        self.open.reverse();
        self.render();
        Some(&self.buf)
    }

    fn deriv_has_trees(&self, d: u32) -> bool {
        let der = self.f.derivs[d as usize];
        (der.left == NONE || self.f.item_count(der.left) != 0)
            && (der.right == NONE || der.right & LEAF != 0 || self.f.node_count(der.right) != 0)
    }

    /// The first derivation with trees from `d` on (NONE if none).
    fn deriv_from(&self, mut d: u32) -> u32 {
        while d != NONE && !self.deriv_has_trees(d) {
            d = self.f.derivs[d as usize].next;
        }
        d
    }

    /// The first alternative with trees from `a` on (NONE if none).
    fn alt_from(&self, mut a: u32) -> u32 {
        while a != NONE {
            let (it, next) = self.f.alts[a as usize];
            if self.f.item_count(it) != 0 {
                return a;
            }
            a = next;
        }
        NONE
    }

    /// Pushes the first derivations from item `it` down to its first
    /// symbol; returns how many.
    fn fill_path(&mut self, mut it: u32) -> u32 {
        let mut n = 0;
        while it != NONE {
            let d = self.deriv_from(self.f.items[it as usize].first);
            if d == NONE {
                break;
            }
            self.path.push(d);
            n += 1;
            it = self.f.derivs[d as usize].left;
        }
        n
    }

    fn has_next(&self, fi: u32) -> bool {
        let fr = self.frames[fi as usize];
        let ps = fr.ps as usize;
        let levels = &self.path[ps..ps + fr.levels as usize];
        levels
            .iter()
            .any(|&d| self.deriv_from(self.f.derivs[d as usize].next) != NONE)
            || self.alt_from(self.f.alts[fr.alt as usize].1) != NONE
    }

    /// Moves frame `fi` (the last frame) to its next choice of analysis.
    fn advance_frame(&mut self, fi: u32) -> bool {
        let fr = self.frames[fi as usize];
        let ps = fr.ps as usize;
        for l in (0..fr.levels as usize).rev() {
            let d = self.path[ps + l];
            let nd = self.deriv_from(self.f.derivs[d as usize].next);
            if nd != NONE {
                self.path.truncate(ps + l);
                self.path.push(nd);
                let below = self.fill_path(self.f.derivs[nd as usize].left);
                self.frames[fi as usize].levels = l as u32 + 1 + below;
                return true;
            }
        }
        let na = self.alt_from(self.f.alts[fr.alt as usize].1);
        if na == NONE {
            return false;
        }
        self.path.truncate(ps);
        let levels = self.fill_path(self.f.alts[na as usize].0);
        let frame = &mut self.frames[fi as usize];
        frame.alt = na;
        frame.levels = levels;
        true
    }

    fn push_open(&mut self, node: u32) {
        let f = self.f;
        let sym = f.nodes[node as usize].sym as usize;
        let label = f.labels.get(sym).map_or("", String::as_str);
        self.buf.push('(');
        if self.json && self.escape_label.get(sym).copied().unwrap_or(false) {
            self.buf.push_str(&json_escaped(label));
        } else {
            self.buf.push_str(label);
        }
        self.buf.push(' ');
    }

    /// Starts a frame for `node` with its first choices.
    fn new_frame(&mut self, node: u32, parent: u32, child_idx: u32) {
        let alt = self.alt_from(self.f.nodes[node as usize].first);
        let ps = self.path.len() as u32;
        let levels = if alt == NONE {
            0
        } else {
            self.fill_path(self.f.alts[alt as usize].0)
        };
        let id = self.frames.len() as u32;
        self.frames.push(Frame {
            node,
            alt,
            ps,
            levels,
            parent,
            child_idx,
            next_child: 0,
            buf_start: self.buf.len(),
        });
        self.push_open(node);
        if alt != NONE && self.has_next(id) {
            self.advanceable.push(id);
        }
        self.open.push(id);
    }

    /// Writes the open frames' remaining children (first choices for new
    /// frames) and closes them.
    fn render(&mut self) {
        while let Some(&fi) = self.open.last() {
            let fr = self.frames[fi as usize];
            if fr.next_child >= fr.levels {
                self.buf.push(')');
                self.open.pop();
                continue;
            }
            let j = fr.next_child;
            self.frames[fi as usize].next_child = j + 1;
            let d = self.path[(fr.ps + fr.levels - 1 - j) as usize];
            let r = self.f.derivs[d as usize].right;
            if r == NONE {
                continue;
            }
            if j > 0 {
                self.buf.push(' ');
            }
            if r & LEAF != 0 {
                let w = self
                    .words
                    .get((r & !LEAF) as usize)
                    .map_or("", String::as_str);
                self.buf.push_str(w);
            } else {
                self.new_frame(r, fi, j);
            }
        }
    }
}
