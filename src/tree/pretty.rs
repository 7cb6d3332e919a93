//! NLTK's `TreePrettyPrinter` (`nltk.tree.prettyprinter`): a tree drawn as
//! ASCII or Unicode art, leaves on the bottom line and each node centred
//! over its children, byte for byte as NLTK's `text()` draws it.
//!
//! The layout ([`TreePrettyPrinter::new`]) places nodes on a grid exactly as
//! NLTK's `nodecoords` does; [`TreePrettyPrinter::text`] renders it.
//! Not ported: `sentence`/`highlight` arguments, the `html`/`ansi` colour
//! output and `rtl` mirroring.

use std::collections::{BTreeMap, HashMap};

use super::{Child, Tree};
use crate::{Error, Result};

const NONE: i64 = -3;
const VERT: i64 = -1;
const CORNER: i64 = -2;
const SCALE: i64 = 2;

/// The options of NLTK's `TreePrettyPrinter.text()`.
///
/// # Example
/// ```
/// use nlkit::tree::{TextOptions, Tree, TreePrettyPrinter};
/// let t = Tree::fromstring("(S (NP I) (VP ran))").unwrap();
/// let p = TreePrettyPrinter::new(&t).unwrap();
/// let o = TextOptions { unicodelines: true, ..Default::default() };
/// assert_eq!(p.text(&o), "     S     \n ┌───┴───┐  \n NP      VP\n │       │  \n I      ran\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    /// Spaces between columns (default 1).
    pub nodedist: usize,
    /// Draw with box-drawing characters instead of `_` and `|`.
    pub unicodelines: bool,
    /// Cut labels longer than this many characters, adding an ellipsis.
    pub abbreviate: Option<usize>,
    /// Wrap labels longer than this many characters (default 16; `None`: never).
    pub maxwidth: Option<usize>,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            nodedist: 1,
            unicodelines: false,
            abbreviate: None,
            maxwidth: Some(16),
        }
    }
}

/// A node of the converted tree NLTK lays out (leaves become indexes).
struct PNode {
    label: String,
    leaf: Option<usize>,
    children: Vec<usize>,
}

/// The laid-out tree (NLTK's `TreePrettyPrinter`).
///
/// # Example
/// ```
/// use nlkit::tree::{Tree, TreePrettyPrinter};
/// let t = Tree::fromstring("(S (NP I) (VP ran))").unwrap();
/// assert_eq!(t.pretty_text().unwrap(), "     S     \n  ___|___   \n NP      VP\n |       |  \n I      ran\n");
/// ```
pub struct TreePrettyPrinter {
    /// Ids in NLTK's `nodes` insertion order.
    order: Vec<usize>,
    /// Label of each id (node label, word, or `...` for an empty node).
    labels: Vec<String>,
    /// True for phrase nodes.
    is_tree: Vec<bool>,
    /// `(row, column)` of each id that has a cell.
    pub(super) coords: HashMap<usize, (usize, usize)>,
    /// Parent of each non-root id.
    pub(super) edges: Vec<Option<usize>>,
}

fn py_center(s: &str, width: usize, fill: char) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let marg = width - n;
    let left = marg / 2 + (marg & width & 1);
    let mut out = String::with_capacity(width);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, marg - left));
    out
}

fn ljust(s: &str, width: usize, fill: char) -> String {
    let n = s.chars().count();
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(fill, width.saturating_sub(n)));
    out
}

fn rjust(s: &str, width: usize, fill: char) -> String {
    let n = s.chars().count();
    let mut out: String = std::iter::repeat_n(fill, width.saturating_sub(n)).collect();
    out.push_str(s);
    out
}

/// NLTK's `crosscell`: `x` written over the middle of `cur`.
fn crosscell(cur: &str, x: &str) -> String {
    let mut lst: Vec<char> = cur.chars().collect();
    let xs: Vec<char> = x.chars().collect();
    let len = lst.len() as i64;
    let split = len - len / 2 - xs.len() as i64 / 2 - 1;
    let norm = |k: i64| -> usize {
        let k = if k < 0 { k + len } else { k };
        k.clamp(0, len) as usize
    };
    let a = norm(split);
    let b = norm(split + xs.len() as i64).max(a);
    lst.splice(a..b, xs);
    lst.into_iter().collect()
}

impl TreePrettyPrinter {
    /// Lays out `tree` as NLTK's `TreePrettyPrinter(tree)` does (leaves in
    /// the order NLTK numbers them, empty nodes drawn as `...`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when NLTK's layout finds no free cell (NLTK
    /// raises `ValueError` there too).
    pub fn new(tree: &Tree) -> Result<Self> {
        // 1. Convert: leaves become indexes into `sentence`, numbered in the
        // preorder of the subtrees; an empty node gets a `None` leaf.
        let mut pn: Vec<PNode> = Vec::new();
        let mut sentence: Vec<Option<String>> = Vec::new();
        pn.push(PNode {
            label: tree.label.clone(),
            leaf: None,
            children: Vec::new(),
        });
        let mut stack: Vec<(&Tree, usize)> = vec![(tree, 0)];
        while let Some((t, id)) = stack.pop() {
            if t.children.is_empty() {
                let k = pn.len();
                pn.push(PNode {
                    label: String::new(),
                    leaf: Some(sentence.len()),
                    children: Vec::new(),
                });
                sentence.push(None);
                pn[id].children.push(k);
                continue;
            }
            let mut subs = Vec::new();
            for c in &t.children {
                let k = pn.len();
                match c {
                    Child::Leaf(w) => {
                        pn.push(PNode {
                            label: String::new(),
                            leaf: Some(sentence.len()),
                            children: Vec::new(),
                        });
                        sentence.push(Some(w.clone()));
                    }
                    Child::Tree(s) => {
                        pn.push(PNode {
                            label: s.label.clone(),
                            leaf: None,
                            children: Vec::new(),
                        });
                        subs.push((s, k));
                    }
                }
                pn[id].children.push(k);
            }
            stack.extend(subs.into_iter().rev());
        }
        // 2. Leaf statistics and heights, post-order.
        let n = pn.len();
        let mut minl = vec![usize::MAX; n];
        let mut maxl = vec![0usize; n];
        let mut suml = vec![0usize; n];
        let mut cnt = vec![0usize; n];
        let mut height = vec![1usize; n];
        let mut post: Vec<usize> = Vec::with_capacity(n);
        let mut st = vec![0usize];
        while let Some(i) = st.pop() {
            post.push(i);
            st.extend(pn[i].children.iter().copied());
        }
        for &i in post.iter().rev() {
            if let Some(l) = pn[i].leaf {
                minl[i] = l;
                maxl[i] = l;
                suml[i] = l;
                cnt[i] = 1;
                continue;
            }
            let mut h = 0;
            for &c in &pn[i].children {
                minl[i] = minl[i].min(minl[c]);
                maxl[i] = maxl[i].max(maxl[c]);
                suml[i] += suml[c];
                cnt[i] += cnt[c];
                h = h.max(height[c]);
            }
            height[i] = 1 + h;
        }
        // 3. NLTK sorts each node's children by their first leaf.
        for p in pn.iter_mut() {
            let mut kids = std::mem::take(&mut p.children);
            kids.sort_by_key(|&c| minl[c]);
            p.children = kids;
        }
        // 4. Preorder ids, depth, parents.
        let mut ids = vec![0usize; n];
        let mut pre: Vec<usize> = Vec::with_capacity(n);
        let mut depth = vec![0usize; n];
        let mut parent = vec![None; n];
        let mut st = vec![0usize];
        while let Some(i) = st.pop() {
            ids[i] = pre.len();
            pre.push(i);
            for &c in pn[i].children.iter().rev() {
                depth[c] = depth[i] + 1;
                parent[c] = Some(i);
                st.push(c);
            }
        }
        let maxdepth = depth.iter().copied().max().unwrap_or(0) + 1;
        let mut levels: Vec<Vec<usize>> = vec![Vec::new(); maxdepth.saturating_sub(1)];
        let mut terminals = Vec::new();
        for &i in &pre {
            if pn[i].leaf.is_some() {
                terminals.push(i);
            } else if let Some(l) = levels.get_mut(maxdepth - height[i]) {
                l.push(i);
            }
        }
        for l in levels.iter_mut() {
            l.sort_by_key(|&i| maxl[i] - minl[i]);
        }
        let width = sentence.len() * SCALE as usize;
        let mut matrix: Vec<Vec<i64>> = vec![vec![NONE; width]];
        let mut childcols: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
        let mut order: Vec<usize> = Vec::with_capacity(n);
        let mut labels = vec![String::new(); n];
        let mut is_tree = vec![false; n];
        let add = |set: &mut Vec<(usize, i64)>, v: (usize, i64)| {
            if !set.contains(&v) {
                set.push(v);
            }
        };
        for &m in &terminals {
            let l = pn[m].leaf.unwrap_or(0);
            let i = l * SCALE as usize;
            if let Some(cell) = matrix[0].get_mut(i) {
                *cell = ids[m] as i64;
            }
            order.push(ids[m]);
            labels[ids[m]] = sentence[l].clone().unwrap_or_else(|| "...".into());
            if let Some(p) = parent[m] {
                add(&mut childcols[p], (0, i as i64));
            }
        }
        let fresh_row = |last: &Vec<i64>| -> Vec<i64> {
            last.iter()
                .map(|&a| if a != CORNER && a != NONE { VERT } else { NONE })
                .collect()
        };
        for lvl in (0..levels.len()).rev() {
            let startoflevel = matrix.len();
            let row = fresh_row(matrix.last().unwrap_or(&Vec::new()));
            matrix.push(row);
            for &m in &levels[lvl] {
                let kids = &childcols[m];
                let candidates: Vec<i64> = kids.iter().map(|&(_, c)| c).collect();
                let (Some(&minidx), Some(&maxidx)) =
                    (candidates.iter().min(), candidates.iter().max())
                else {
                    return Err(Error::InvalidInput(
                        "tree layout: node without children".into(),
                    ));
                };
                let ncand = candidates.len() as i64;
                let mut center = SCALE * suml[m] as i64 / cnt[m].max(1) as i64;
                if minidx < maxidx && !(minidx < center && center < maxidx) {
                    center = candidates.iter().sum::<i64>() / ncand;
                }
                if maxidx - minidx > 2 * SCALE {
                    center -= center.rem_euclid(SCALE);
                    if minidx < maxidx && !(minidx < center && center < maxidx) {
                        center += SCALE;
                    }
                }
                let start = if ids[m] == 0 {
                    matrix.len()
                } else {
                    startoflevel
                };
                let end = matrix.len();
                let mut found = None;
                'rows: for rowidx in start..=end {
                    if rowidx == matrix.len() {
                        let row = fresh_row(matrix.last().unwrap_or(&Vec::new()));
                        matrix.push(row);
                    }
                    let row = &matrix[rowidx];
                    if kids.len() == 1 {
                        found = Some((rowidx, kids[0].1));
                        break;
                    }
                    let free = (minidx..=maxidx)
                        .all(|k| matches!(row.get(k as usize), Some(&a) if a == NONE || a == VERT));
                    if free {
                        let ok =
                            |k: i64| row.get(k as usize) == Some(&NONE) || candidates.contains(&k);
                        for d in 0..SCALE {
                            let (mut i, mut j) = (center + d, center + d);
                            while j > minidx || i < maxidx {
                                if i < maxidx && ok(i) {
                                    found = Some((rowidx, i));
                                    break 'rows;
                                } else if j > minidx && ok(j) {
                                    found = Some((rowidx, j));
                                    break 'rows;
                                }
                                i += SCALE;
                                j -= SCALE;
                            }
                        }
                    }
                }
                let Some((rowidx, i)) = found else {
                    return Err(Error::InvalidInput(format!(
                        "could not find a free cell for node {:?} (min={minidx}; max={maxidx})",
                        pn[m].label
                    )));
                };
                for &(_, x) in &childcols[m] {
                    if let Some(c) = matrix[rowidx].get_mut(x as usize) {
                        *c = CORNER;
                    }
                }
                if let Some(c) = matrix[rowidx].get_mut(i as usize) {
                    *c = ids[m] as i64;
                }
                order.push(ids[m]);
                labels[ids[m]] = pn[m].label.clone();
                is_tree[ids[m]] = true;
                if let Some(p) = parent[m] {
                    add(&mut childcols[p], (rowidx, i));
                }
            }
        }
        // Drop unused columns and rows (rows bottom-up become top-down).
        let used: Vec<usize> = (0..width)
            .filter(|&c| matrix.iter().any(|r| r[c] != NONE))
            .collect();
        let matrix: Vec<Vec<i64>> = matrix
            .into_iter()
            .rev()
            .filter(|r| !r.iter().all(|&a| a == NONE || a == VERT))
            .map(|r| used.iter().map(|&c| r[c]).collect())
            .collect();
        let mut coords = HashMap::new();
        for (r, row) in matrix.iter().enumerate() {
            for (c, &a) in row.iter().enumerate() {
                if a >= 0 {
                    coords.insert(a as usize, (r, c));
                }
            }
        }
        let mut edges = vec![None; n];
        for &i in &pre {
            if let Some(p) = parent[i] {
                edges[ids[i]] = Some(ids[p]);
            }
        }
        Ok(TreePrettyPrinter {
            order,
            labels,
            is_tree,
            coords,
            edges,
        })
    }

    /// Label of an id (phrase label, word or `...`).
    pub(super) fn label_of(&self, id: usize) -> &str {
        self.labels.get(id).map_or("", |s| s.as_str())
    }

    /// True when the id is a phrase node.
    pub(super) fn is_tree(&self, id: usize) -> bool {
        self.is_tree.get(id).copied().unwrap_or(false)
    }

    /// The drawing, as NLTK's `TreePrettyPrinter(tree).text(...)` (ends
    /// with a newline; `Tree.pretty_print()` prints it plus one more).
    pub fn text(&self, o: &TextOptions) -> String {
        let (horz, left, right, vertline, tee, bottom, cross, ellipsis) = if o.unicodelines {
            ('─', "┌", "┐", " │ ", "─┬─", "─┴─", "─┼─", "…")
        } else {
            ('_', " ", " ", " | ", "___", "_|_", "_|_", ".")
        };
        // compiled only when a label needs wrapping (compiling costs more
        // than drawing a tree)
        let mut wrapre: Option<regex::Regex> = None;
        let mut matrix: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        let mut width: HashMap<usize, usize> = HashMap::new();
        let mut lines_of_row: HashMap<usize, usize> = HashMap::new();
        let mut maxcol = 0;
        let mut minchild: HashMap<usize, usize> = HashMap::new();
        let mut maxchild: HashMap<usize, usize> = HashMap::new();
        let mut childcols: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        let mut labels: HashMap<usize, Vec<String>> = HashMap::new();
        for &a in &self.order {
            let Some(&(row, col)) = self.coords.get(&a) else {
                continue;
            };
            let cells = matrix.entry(row).or_default();
            match cells.iter_mut().find(|(c, _)| *c == col) {
                Some(cell) => cell.1 = a,
                None => cells.push((col, a)),
            }
            maxcol = maxcol.max(col);
            let mut label = self.label_of(a).to_string();
            if let Some(ab) = o.abbreviate {
                if label.chars().count() > ab {
                    label = label.chars().take(ab).collect::<String>() + ellipsis;
                }
            }
            if let Some(mw) = o.maxwidth.filter(|&w| w >= 4) {
                if label.chars().count() > mw {
                    if wrapre.is_none() {
                        let pat = format!(r"(.{{{},{}}}\b\W*|.{{{}}})", mw - 4, mw, mw);
                        wrapre = regex::Regex::new(&pat).ok();
                    }
                    if let Some(re) = &wrapre {
                        label = re
                            .replace_all(&label, "${1}\n")
                            .trim_matches(crate::tokenize::is_py_whitespace)
                            .to_string();
                    }
                }
            }
            let lines: Vec<String> = label.split('\n').map(str::to_string).collect();
            let h = lines_of_row.entry(row).or_insert(1);
            *h = (*h).max(lines.len());
            let w = width.entry(col).or_insert(3);
            *w = (*w).max(lines.iter().map(|l| l.chars().count()).max().unwrap_or(0));
            labels.insert(a, lines);
            let Some(parent) = self.edges.get(a).copied().flatten() else {
                continue;
            };
            let cc = childcols.entry(parent).or_default();
            if !cc.contains(&(row, col)) {
                cc.push((row, col));
            }
            let mn = minchild.entry(parent).or_insert(col);
            *mn = (*mn).min(col);
            let mx = maxchild.entry(parent).or_insert(col);
            *mx = (*mx).max(col);
        }
        let w = |c: usize| width.get(&c).copied().unwrap_or(3);
        // rows strictly between a node and its parent: its line passes there
        let mut passing: HashMap<usize, Vec<usize>> = HashMap::new();
        for (&n, &(childrow, col)) in &self.coords {
            let Some(p) = self.edges.get(n).copied().flatten() else {
                continue;
            };
            if let (true, Some(&(prow, _))) = (n > 0, self.coords.get(&p)) {
                for r in prow + 1..childrow {
                    passing.entry(r).or_default().push(col);
                }
            }
        }
        let maxrow = matrix.keys().next_back().copied().unwrap_or(0);
        let mut result: Vec<String> = Vec::new();
        for (&row, cells) in matrix.iter().rev() {
            let height = lines_of_row.get(&row).copied().unwrap_or(1);
            let blank: Vec<String> = (0..=maxcol).map(|c| " ".repeat(w(c))).collect();
            let mut noderows: Vec<Vec<String>> = vec![blank.clone(); height];
            let mut branchrow = blank;
            for &(col, n) in cells {
                let text = labels.get(&n).cloned().unwrap_or_default();
                if self.is_tree(n) {
                    match (minchild.get(&n), maxchild.get(&n)) {
                        (Some(&i), Some(&j)) if i < j => {
                            let a = w(i).div_ceil(2) - 1;
                            let b = w(j) / 2;
                            branchrow[i] = ljust(&(" ".repeat(a) + left), w(i), horz);
                            branchrow[j] = rjust(&(right.to_string() + &" ".repeat(b)), w(j), horz);
                            let branchcols: Vec<usize> = childcols
                                .get(&n)
                                .map(|v| v.iter().map(|&(_, c)| c).collect())
                                .unwrap_or_default();
                            for (k, cell) in branchrow.iter_mut().enumerate().take(j).skip(i + 1) {
                                let line = if k == col && branchcols.contains(&k) {
                                    cross.to_string()
                                } else if k == col {
                                    bottom.to_string()
                                } else if branchcols.contains(&k) {
                                    tee.to_string()
                                } else {
                                    horz.to_string()
                                };
                                *cell = py_center(&line, w(k), horz);
                            }
                        }
                        _ => branchrow[col] = crosscell(&branchrow[col], vertline),
                    }
                }
                let has_children = childcols.get(&n).is_some_and(|v| !v.is_empty());
                for (x, noderow) in noderows.iter_mut().enumerate() {
                    noderow[col] = match text.get(x) {
                        Some(t) => py_center(t, w(col), ' '),
                        None => py_center(if has_children { vertline } else { " " }, w(col), ' '),
                    };
                }
            }
            if row != maxrow {
                for &col in passing.get(&row).map_or(&[][..], |v| v.as_slice()) {
                    branchrow[col] = crosscell(&branchrow[col], vertline);
                    if !cells.iter().any(|&(c, _)| c == col) {
                        for noderow in noderows.iter_mut() {
                            noderow[col] = crosscell(&noderow[col], vertline);
                        }
                    }
                }
                let mut line = String::new();
                for (k, a) in branchrow.iter().enumerate() {
                    line.push_str(a);
                    let last = a.chars().last().unwrap_or(' ');
                    let fill = if last != ' ' {
                        last
                    } else {
                        branchrow
                            .get(k + 1)
                            .and_then(|b| b.chars().next())
                            .unwrap_or(' ')
                    };
                    line.extend(std::iter::repeat_n(fill, o.nodedist));
                }
                result.push(line);
            }
            let sep = " ".repeat(o.nodedist);
            for noderow in noderows.iter().rev() {
                result.push(noderow.join(&sep));
            }
        }
        result.reverse();
        let mut out = result.join("\n");
        out.push('\n');
        out
    }
}

impl Tree {
    /// NLTK's `TreePrettyPrinter(tree).text()` with default options (what
    /// `tree.pretty_print()` prints, less the final extra newline).
    ///
    /// # Errors
    /// As [`TreePrettyPrinter::new`].
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::Tree;
    /// let t = Tree::fromstring("(S x)").unwrap();
    /// assert_eq!(t.pretty_text().unwrap(), " S \n |  \n x \n");
    /// ```
    pub fn pretty_text(&self) -> Result<String> {
        Ok(TreePrettyPrinter::new(self)?.text(&TextOptions::default()))
    }
}
