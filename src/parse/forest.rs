//! The packed parse forest behind every chart parser: a bottom-up chart of
//! dotted items built left to right, where each completed constituent
//! `(category, start, end)` is one node that packs all its analyses.
//!
//! Items are binarised: `(production, dot, start, end)` is derived from the
//! item one symbol shorter and the constituent (or word) that follows it,
//! so the forest is polynomial in the sentence length however ambiguous
//! the grammar is. Counting multiplies counts through the forest; trees are
//! read off by unranking (the k-th tree of a node), so enumeration is lazy,
//! or, as strings without building trees, by [`Forest::bracket_strings`].
//!
//! Two filters keep the chart small without changing the part of it that
//! reaches the root (nor the order in which that part is made): no item is
//! kept that cannot be completed from the next word on (the FIRST sets of
//! the symbols it still needs), and no item is started at a position where
//! nothing that ends there predicts its left-hand side (left-corner
//! closure). On ATIS's 98 test sentences the first alone cuts the items
//! made from 1.25 million to 0.26 million.
//!
//! Cycles (`A -> B`, `B -> A`, or rules over empty constituents) make the
//! set of trees infinite; NLTK's `Chart.trees` cuts them by treating an edge
//! that is reached again while it is being expanded as having no trees, with
//! a fresh memo for each root edge. [`Forest`] does the same cut (see
//! `unfold`), in its own order of edges, so on cyclic grammars NLTK's set
//! and nlkit's can differ (both are finite; neither hangs).

use rustc_hash::FxHashMap;

use super::grammar_index::ChartGrammar;
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// "No item" / "nothing" marker.
pub(super) const NONE: u32 = u32::MAX;
/// Right-hand children with this bit set are words (the bits below are the
/// token position).
pub(super) const LEAF: u32 = 1 << 31;

#[derive(Clone, Copy)]
pub(super) struct Deriv {
    /// The item one symbol shorter, or NONE.
    pub(super) left: u32,
    /// A node id, `LEAF | position`, or NONE (an empty production).
    pub(super) right: u32,
    /// Next derivation of the same item, or NONE.
    pub(super) next: u32,
}

#[derive(Clone, Copy)]
pub(super) struct Item {
    pub(super) first: u32,
}

#[derive(Clone, Copy)]
pub(super) struct Node {
    pub(super) sym: u32,
    /// First alternative (index into `alts`), or NONE.
    pub(super) first: u32,
}

/// A packed parse forest for one sentence (see the module docs).
///
/// # Example
/// ```
/// use nlkit::grammar::CFG;
/// use nlkit::parse::ChartParser;
/// let g = CFG::fromstring("S -> S S | 'a'").unwrap();
/// let forest = ChartParser::new(&g).forest(&["a"; 6]).unwrap();
/// assert_eq!(forest.count(), Some(42)); // Catalan(5)
/// assert_eq!(forest.trees().take(3).count(), 3);
/// ```
#[derive(Clone)]
pub struct Forest {
    pub(super) tokens: Vec<String>,
    pub(super) labels: std::sync::Arc<Vec<String>>,
    pub(super) items: Vec<Item>,
    pub(super) derivs: Vec<Deriv>,
    pub(super) nodes: Vec<Node>,
    /// (complete item, next alternative)
    pub(super) alts: Vec<(u32, u32)>,
    pub(super) root: u32,
    item_counts: Vec<u128>,
    node_counts: Vec<u128>,
}

impl Forest {
    /// Parses `tokens` (already mapped to grammar symbol ids) with `g`.
    pub(crate) fn build(g: &ChartGrammar, tokens: Vec<String>, syms: &[u32]) -> Result<Forest> {
        let n = syms.len();
        if n >= (LEAF as usize) - 1 {
            return Err(Error::InvalidInput("sentence too long".into()));
        }
        let mut b = Builder {
            g,
            items: Vec::new(),
            derivs: Vec::new(),
            nodes: Vec::new(),
            alts: Vec::new(),
            item_info: Vec::new(),
            node_start: Vec::new(),
            processed: Vec::new(),
            item_map: FxHashMap::default(),
            node_map: FxHashMap::default(),
            waiting: (0..=n).map(|_| FxHashMap::default()).collect(),
            agenda: Vec::new(),
            end: 0,
            next: None,
            predicted: Vec::new(),
        };
        for j in 0..=n {
            b.end = j as u32;
            b.next = syms.get(j).copied();
            b.item_map.clear();
            b.node_map.clear();
            if j > 0 {
                let t = syms[j - 1];
                let pos = (j - 1) as u32;
                if let Some(list) = b.waiting[j - 1].get(&t) {
                    let list = list.clone();
                    for it in list {
                        let (p, d, h) = b.item_info[it as usize];
                        b.add_deriv(p, d + 1, h, it, LEAF | pos);
                    }
                }
                for &p in g.by_first(t) {
                    if b.predicts(pos, g.lhs(p)) {
                        b.add_deriv(p, 1, pos, NONE, LEAF | pos);
                    }
                }
            }
            for &p in &g.empty {
                b.add_deriv(p, 0, j as u32, NONE, NONE);
            }
            b.run(syms.get(j).copied());
            b.predict(j);
        }
        let root = match g.start {
            Some(s) => b.node_map.get(&(s, 0)).copied().unwrap_or(NONE),
            None => NONE,
        };
        let mut f = Forest {
            tokens,
            labels: g.labels.clone(),
            items: b.items,
            derivs: b.derivs,
            nodes: b.nodes,
            alts: b.alts,
            root,
            item_counts: Vec::new(),
            node_counts: Vec::new(),
        };
        if f.root != NONE {
            let (mut order, cyclic) = f.post_order();
            if cyclic {
                f = f.unfold()?;
                order = f.post_order().0;
            }
            f.compute_counts(&order);
        }
        Ok(f)
    }

    /// The tokens parsed.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// Number of parse trees, without enumerating them; `None` when it
    /// exceeds `u128::MAX - 1` (the forest can still be enumerated).
    pub fn count(&self) -> Option<u128> {
        if self.root == NONE {
            return Some(0);
        }
        let c = self
            .node_counts
            .get(self.root as usize)
            .copied()
            .unwrap_or(0);
        (c != u128::MAX).then_some(c)
    }

    /// The `k`-th tree (0-based) in the forest's order, or `None` past the
    /// end.
    pub fn tree(&self, k: u128) -> Option<Tree> {
        if self.root == NONE || k >= self.node_count(self.root) {
            return None;
        }
        Some(self.unrank_node(self.root, k))
    }

    /// All trees, lazily, in the forest's order (NLTK's order is not kept;
    /// the set is the same).
    pub fn trees(&self) -> impl Iterator<Item = Tree> + '_ {
        let total = if self.root == NONE {
            0
        } else {
            self.node_count(self.root)
        };
        (0..total).map_while(move |k| self.tree(k))
    }

    pub(super) fn node_count(&self, n: u32) -> u128 {
        self.node_counts.get(n as usize).copied().unwrap_or(0)
    }

    pub(super) fn item_count(&self, i: u32) -> u128 {
        self.item_counts.get(i as usize).copied().unwrap_or(0)
    }

    fn right_count(&self, r: u32) -> u128 {
        if r == NONE || r & LEAF != 0 {
            1
        } else {
            self.node_count(r)
        }
    }

    fn deriv_count(&self, d: &Deriv) -> u128 {
        let l = if d.left == NONE {
            1
        } else {
            self.item_count(d.left)
        };
        l.saturating_mul(self.right_count(d.right))
    }

    fn unrank_node(&self, n: u32, mut k: u128) -> Tree {
        let node = self.nodes[n as usize];
        let label = self.labels[node.sym as usize].clone();
        let mut children = Vec::new();
        let mut a = node.first;
        while a != NONE {
            let (it, next) = self.alts[a as usize];
            let c = self.item_count(it);
            if k < c {
                self.unrank_item(it, k, &mut children);
                break;
            }
            k -= c;
            a = next;
        }
        Tree::new(label, children)
    }

    fn unrank_item(&self, it: u32, mut k: u128, out: &mut Vec<Child>) {
        let mut d = self.items[it as usize].first;
        while d != NONE {
            let der = self.derivs[d as usize];
            let c = self.deriv_count(&der);
            if k < c {
                let rc = self.right_count(der.right);
                if der.left != NONE {
                    self.unrank_item(der.left, k / rc, out);
                }
                if der.right == NONE {
                } else if der.right & LEAF != 0 {
                    let pos = (der.right & !LEAF) as usize;
                    out.push(Child::Leaf(self.tokens[pos].clone()));
                } else {
                    out.push(Child::Tree(self.unrank_node(der.right, k % rc)));
                }
                return;
            }
            k -= c;
            d = der.next;
        }
    }

    /// The next successor of vertex `v` (nodes first, then items) from the
    /// cursor `(link, phase)`, advancing it.
    fn next_successor(&self, v: usize, link: &mut u32, phase: &mut u8) -> Option<usize> {
        let nn = self.nodes.len();
        if v < nn {
            if *link == NONE {
                return None;
            }
            let (it, next) = self.alts[*link as usize];
            *link = next;
            return Some(nn + it as usize);
        }
        while *link != NONE {
            let der = self.derivs[*link as usize];
            if *phase == 0 {
                *phase = 1;
                if der.left != NONE {
                    return Some(nn + der.left as usize);
                }
            }
            *phase = 0;
            *link = der.next;
            if der.right != NONE && der.right & LEAF == 0 {
                return Some(der.right as usize);
            }
        }
        None
    }

    fn first_link(&self, v: usize) -> u32 {
        let nn = self.nodes.len();
        if v < nn {
            self.nodes[v].first
        } else {
            self.items[v - nn].first
        }
    }

    /// Iterative depth-first walk from the root: the vertices reachable from
    /// it in post-order, and whether a cycle was seen.
    fn post_order(&self) -> (Vec<usize>, bool) {
        let total = self.nodes.len() + self.items.len();
        let mut state = vec![0u8; total]; // 0 new, 1 open, 2 done
        let mut cyclic = false;
        let mut order = Vec::new();
        let root = self.root as usize;
        state[root] = 1;
        let mut stack: Vec<(usize, u32, u8)> = vec![(root, self.first_link(root), 0)];
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            match self.next_successor(v, &mut top.1, &mut top.2) {
                Some(w) => match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, self.first_link(w), 0));
                    }
                    1 => cyclic = true,
                    _ => {}
                },
                None => {
                    state[v] = 2;
                    order.push(v);
                    stack.pop();
                }
            }
        }
        (order, cyclic)
    }

    /// Counts for every vertex in `order` (successors before predecessors),
    /// saturating at `u128::MAX`.
    fn compute_counts(&mut self, order: &[usize]) {
        let nn = self.nodes.len();
        self.node_counts = vec![0; nn];
        self.item_counts = vec![0; self.items.len()];
        for &v in order {
            if v < nn {
                let mut c: u128 = 0;
                let mut a = self.nodes[v].first;
                while a != NONE {
                    let (it, next) = self.alts[a as usize];
                    c = c.saturating_add(self.item_count(it));
                    a = next;
                }
                self.node_counts[v] = c;
            } else {
                let mut c: u128 = 0;
                let mut d = self.items[v - nn].first;
                while d != NONE {
                    let der = self.derivs[d as usize];
                    c = c.saturating_add(self.deriv_count(&der));
                    d = der.next;
                }
                self.item_counts[v - nn] = c;
            }
        }
    }

    /// NLTK's cycle cut (see the module docs): a new, acyclic forest whose
    /// trees are those `Chart.trees` would read, evaluating root edges one by
    /// one with a fresh memo and treating an edge met again while it is
    /// being expanded as having no trees.
    fn unfold(&self) -> Result<Forest> {
        let mut u = Unfolder {
            src: self,
            out: Forest {
                tokens: self.tokens.clone(),
                labels: self.labels.clone(),
                items: Vec::new(),
                derivs: Vec::new(),
                nodes: Vec::new(),
                alts: Vec::new(),
                root: NONE,
                item_counts: Vec::new(),
                node_counts: Vec::new(),
            },
            memo: FxHashMap::default(),
            depth: 0,
        };
        let sym = self.nodes[self.root as usize].sym;
        let mut roots = Vec::new();
        let mut a = self.nodes[self.root as usize].first;
        while a != NONE {
            let (it, next) = self.alts[a as usize];
            u.memo.clear();
            if let Some(x) = u.eval_complete(it)? {
                roots.push(x);
            }
            a = next;
        }
        let mut out = u.out;
        out.root = out.new_node(sym, &roots);
        Ok(out)
    }

    fn new_node(&mut self, sym: u32, alts: &[u32]) -> u32 {
        let id = self.nodes.len() as u32;
        let mut first = NONE;
        for &it in alts.iter().rev() {
            self.alts.push((it, first));
            first = (self.alts.len() - 1) as u32;
        }
        self.nodes.push(Node { sym, first });
        id
    }
}

/// Deepest nesting [`Forest::unfold`] follows before giving up (it recurses).
const MAX_UNFOLD_DEPTH: usize = 4000;

enum Memo {
    Open,
    Done(Option<u32>),
}

struct Unfolder<'a> {
    src: &'a Forest,
    out: Forest,
    memo: FxHashMap<u32, Memo>,
    depth: usize,
}

impl Unfolder<'_> {
    /// NLTK's `_trees` on a complete edge: its new item, or None when it has
    /// no trees (or is being expanded).
    fn eval_complete(&mut self, it: u32) -> Result<Option<u32>> {
        match self.memo.get(&it) {
            Some(Memo::Open) => return Ok(None),
            Some(Memo::Done(x)) => return Ok(*x),
            None => {}
        }
        self.depth += 1;
        if self.depth > MAX_UNFOLD_DEPTH {
            return Err(Error::InvalidInput(format!(
                "parse forest with cycles nests deeper than {MAX_UNFOLD_DEPTH} levels"
            )));
        }
        self.memo.insert(it, Memo::Open);
        let mut local = FxHashMap::default();
        let r = self.copy_item(it, &mut local)?;
        self.memo.insert(it, Memo::Done(r));
        self.depth -= 1;
        Ok(r)
    }

    /// Copies one item's derivation chain (acyclic: the dot decreases).
    fn copy_item(
        &mut self,
        it: u32,
        local: &mut FxHashMap<u32, Option<u32>>,
    ) -> Result<Option<u32>> {
        if let Some(x) = local.get(&it) {
            return Ok(*x);
        }
        let mut derivs = Vec::new();
        let mut d = self.src.items[it as usize].first;
        while d != NONE {
            let der = self.src.derivs[d as usize];
            d = der.next;
            let left = if der.left == NONE {
                NONE
            } else {
                match self.copy_item(der.left, local)? {
                    Some(x) => x,
                    None => continue,
                }
            };
            let right = if der.right == NONE || der.right & LEAF != 0 {
                der.right
            } else {
                match self.view(der.right)? {
                    Some(x) => x,
                    None => continue,
                }
            };
            derivs.push((left, right));
        }
        let r = if derivs.is_empty() {
            None
        } else {
            let id = self.out.items.len() as u32;
            let mut first = NONE;
            for &(left, right) in derivs.iter().rev() {
                self.out.derivs.push(Deriv {
                    left,
                    right,
                    next: first,
                });
                first = (self.out.derivs.len() - 1) as u32;
            }
            self.out.items.push(Item { first });
            Some(id)
        };
        local.insert(it, r);
        Ok(r)
    }

    /// A node restricted to the complete items that have trees now.
    fn view(&mut self, node: u32) -> Result<Option<u32>> {
        let n = self.src.nodes[node as usize];
        let mut alts = Vec::new();
        let mut a = n.first;
        while a != NONE {
            let (it, next) = self.src.alts[a as usize];
            if let Some(x) = self.eval_complete(it)? {
                alts.push(x);
            }
            a = next;
        }
        Ok((!alts.is_empty()).then(|| self.out.new_node(n.sym, &alts)))
    }
}

/// The chart under construction.
struct Builder<'g> {
    g: &'g ChartGrammar,
    items: Vec<Item>,
    derivs: Vec<Deriv>,
    nodes: Vec<Node>,
    alts: Vec<(u32, u32)>,
    /// (production, dot, start) of each item.
    item_info: Vec<(u32, u32, u32)>,
    node_start: Vec<u32>,
    processed: Vec<bool>,
    /// Items ending at the current position, by (production, dot, start).
    item_map: FxHashMap<(u32, u32, u32), u32>,
    /// Nodes ending at the current position, by (symbol, start).
    node_map: FxHashMap<(u32, u32), u32>,
    /// Per position: processed items ending there, by the symbol they need.
    waiting: Vec<FxHashMap<u32, Vec<u32>>>,
    agenda: Vec<Task>,
    end: u32,
    /// The symbol of the word starting at `end` (None at the end).
    next: Option<u32>,
    /// Per finished position: the nonterminals that something ending there
    /// (or the start symbol, at 0) can use next, with their left corners,
    /// as `g.nt_words()` words per position.
    predicted: Vec<u64>,
}

#[derive(Clone, Copy)]
enum Task {
    Item(u32),
    Node(u32),
}

impl Builder<'_> {
    /// Records the predictions of position `j`, whose items are all made.
    /// A constituent starting at `j` that is no left corner of them can be
    /// in no parse: the items it would start are not made (nothing that
    /// reaches the root comes from them, so the order of the others is
    /// unchanged).
    fn predict(&mut self, j: usize) {
        let w = self.g.nt_words();
        let mut row = vec![0u64; w];
        if j == 0 {
            if let Some(s) = self.g.start {
                self.g.add_left_corners(s, &mut row);
            }
        }
        for &y in self.waiting[j].keys() {
            self.g.add_left_corners(y, &mut row);
        }
        self.predicted.extend_from_slice(&row);
    }

    /// True when a constituent `lhs` starting at the finished position `i`
    /// is predicted there.
    fn predicts(&self, i: u32, lhs: u32) -> bool {
        let w = self.g.nt_words();
        let k = i as usize * w + lhs as usize / 64;
        self.predicted
            .get(k)
            .is_some_and(|&b| b & (1 << (lhs % 64)) != 0)
    }

    /// Adds the derivation (left, right) to item (p, d, start) ending at the
    /// current position, creating the item if new. Items that cannot be
    /// completed from the next word on are left out: they would only wait
    /// (no tree and no other item comes from them, so the order in which
    /// the others are made is unchanged).
    fn add_deriv(&mut self, p: u32, d: u32, start: u32, left: u32, right: u32) {
        if !self.g.viable(p, d, self.next) {
            return;
        }
        let id = match self.item_map.get(&(p, d, start)) {
            Some(&id) => id,
            None => {
                let id = self.items.len() as u32;
                self.items.push(Item { first: NONE });
                self.item_info.push((p, d, start));
                self.item_map.insert((p, d, start), id);
                self.agenda.push(Task::Item(id));
                id
            }
        };
        let item = &mut self.items[id as usize];
        self.derivs.push(Deriv {
            left,
            right,
            next: item.first,
        });
        item.first = (self.derivs.len() - 1) as u32;
    }

    /// Processes the agenda for the current position; `next_token` is the
    /// symbol of the word starting here (items waiting for another word
    /// are not kept).
    fn run(&mut self, next_token: Option<u32>) {
        let g = self.g;
        let end = self.end;
        while let Some(task) = self.agenda.pop() {
            match task {
                Task::Item(it) => {
                    let (p, d, h) = self.item_info[it as usize];
                    let rhs = g.rhs(p);
                    if d as usize == rhs.len() {
                        let lhs = g.lhs(p);
                        let node = match self.node_map.get(&(lhs, h)) {
                            Some(&n) => n,
                            None => {
                                let n = self.nodes.len() as u32;
                                self.nodes.push(Node {
                                    sym: lhs,
                                    first: NONE,
                                });
                                self.node_start.push(h);
                                self.processed.push(false);
                                self.node_map.insert((lhs, h), n);
                                self.agenda.push(Task::Node(n));
                                n
                            }
                        };
                        let first = self.nodes[node as usize].first;
                        self.alts.push((it, first));
                        self.nodes[node as usize].first = (self.alts.len() - 1) as u32;
                    } else {
                        let y = rhs[d as usize];
                        if g.is_terminal(y) {
                            if Some(y) == next_token {
                                self.waiting[end as usize].entry(y).or_default().push(it);
                            }
                        } else {
                            self.waiting[end as usize].entry(y).or_default().push(it);
                            if let Some(&n) = self.node_map.get(&(y, end)) {
                                if self.processed[n as usize] {
                                    self.add_deriv(p, d + 1, h, it, n);
                                }
                            }
                        }
                    }
                }
                Task::Node(n) => {
                    self.processed[n as usize] = true;
                    let x = self.nodes[n as usize].sym;
                    let i = self.node_start[n as usize];
                    if let Some(list) = self.waiting[i as usize].get_mut(&x) {
                        let list = std::mem::take(list);
                        for &w in &list {
                            let (p, d, h) = self.item_info[w as usize];
                            self.add_deriv(p, d + 1, h, w, n);
                        }
                        if let Some(slot) = self.waiting[i as usize].get_mut(&x) {
                            // Items that started waiting meanwhile were
                            // combined on their own; keep both lists.
                            let mut list = list;
                            list.append(slot);
                            *slot = list;
                        }
                    }
                    // constituents starting at the current position (empty
                    // ones) come before its predictions are known
                    let check = i < end;
                    for &p in g.by_first(x) {
                        if !check || self.predicts(i, g.lhs(p)) {
                            self.add_deriv(p, 1, i, NONE, n);
                        }
                    }
                }
            }
        }
    }
}
