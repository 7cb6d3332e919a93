//! NLTK's `DecisionTreeClassifier` (`nltk.classify.decisiontree`): a tree
//! of stumps chosen by training error, refined where a branch's label
//! entropy is above `entropy_cutoff`, down to `depth_cutoff`, on branches
//! with more than `support_cutoff` examples; n-way branches on a
//! feature's values, or (`binary`) one branch for one value and a default.
//! `pretty_format` and `pseudocode` print NLTK's text.
//!
//! Differences from NLTK: where NLTK's choice depends on the iteration
//! order of a Python set (of feature names, of a feature's values, of the
//! labels), which varies between runs for strings, nlkit uses order of
//! first occurrence, so among stumps with the same error the first-seen
//! feature wins (NLTK's own order is used where it is fixed: a set of
//! small numbers); `prob_classify` is an error, as NLTK's
//! `NotImplementedError`; training and printing use no recursion on the
//! call stack.

use rustc_hash::FxHashMap;

use super::value::{FeatureSet, FeatureValue, ValueKey};
use super::{ClassifierI, LabelProbDist};
use crate::{Error, Result};

/// A stored node: (label, feature, [(value form, child)], default child).
pub(crate) type StoredNode = (u32, Option<u32>, Vec<(u32, u32)>, Option<u32>);

/// A chosen stump: (feature, [(value key, value form, label)], default label).
type Stump = (u32, Vec<(u32, u32, u32)>, Option<u32>);

/// NLTK's `DecisionTreeClassifier.train` options (NLTK's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTreeOptions {
    /// Refine a branch whose label entropy is above this (0.05).
    pub entropy_cutoff: f64,
    /// Maximum depth (100).
    pub depth_cutoff: i64,
    /// Refine only branches with more examples than this (10).
    pub support_cutoff: usize,
    /// One branch per (feature, value) and a default (false).
    pub binary: bool,
}

impl Default for DecisionTreeOptions {
    fn default() -> Self {
        DecisionTreeOptions {
            entropy_cutoff: 0.05,
            depth_cutoff: 100,
            support_cutoff: 10,
            binary: false,
        }
    }
}

/// One node: its label, and for an inner node the feature, the branches
/// (value's key, the value as first seen, child) and the default child.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) label: u32,
    pub(crate) fname: Option<u32>,
    pub(crate) decisions: Vec<(ValueKey, u32, u32)>,
    pub(crate) default: Option<u32>,
}

/// NLTK's `DecisionTreeClassifier` (see the module docs).
///
/// # Example
/// ```
/// use nlkit::classify::{ClassifierI, DecisionTreeClassifier, DecisionTreeOptions, FeatureSet};
/// let fs = |l: &str| FeatureSet::from_iter([("last_letter", l)]);
/// let train = vec![(fs("a"), "female".to_string()), (fs("k"), "male".to_string())];
/// let opts = DecisionTreeOptions { support_cutoff: 0, ..Default::default() };
/// let dt = DecisionTreeClassifier::train(&train, &opts).unwrap();
/// assert_eq!(dt.classify(&fs("k")).unwrap(), "male");
/// assert_eq!(dt.pseudocode(4), "if last_letter == 'a': return 'female'\nif last_letter == 'k': return 'male'\n");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTreeClassifier {
    pub(crate) labels: Vec<String>,
    pub(crate) fnames: Vec<String>,
    /// Every form of a value seen (`True` and `1` are two forms).
    pub(crate) values: Vec<FeatureValue>,
    /// Node 0 is the root; children come after their parents.
    pub(crate) nodes: Vec<Node>,
}

/// An example: (feature name id, value key id, form id) sorted by name,
/// and its label.
struct Example {
    feats: Vec<(u32, u32, u32)>,
    label: u32,
}

/// Key id and form id of Python's `None` (a missing feature).
const NONE_ID: u32 = 0;

impl Example {
    /// `featureset.get(fname)`: (key id, form id); None when missing.
    fn get(&self, fname: u32) -> (u32, u32) {
        match self.feats.binary_search_by_key(&fname, |e| e.0) {
            Ok(i) => (self.feats[i].1, self.feats[i].2),
            Err(_) => (NONE_ID, NONE_ID),
        }
    }
}

/// A FreqDist of labels in insertion order.
#[derive(Default)]
struct LabelCounts(Vec<(u32, usize)>);

impl LabelCounts {
    fn add(&mut self, l: u32) {
        match self.0.iter_mut().find(|e| e.0 == l) {
            Some(e) => e.1 += 1,
            None => self.0.push((l, 1)),
        }
    }
    fn n(&self) -> usize {
        self.0.iter().map(|e| e.1).sum()
    }
    /// `FreqDist.max()`: the first label with the highest count.
    fn max(&self) -> (u32, usize) {
        let mut best = (0, 0);
        for &(l, c) in &self.0 {
            if c > best.1 {
                best = (l, c);
            }
        }
        best
    }
    /// NLTK's `entropy(MLEProbDist(fd))`.
    fn entropy(&self) -> f64 {
        let n = self.n();
        let mut sum = 0.0;
        for &(_, c) in &self.0 {
            let p = c as f64 / n as f64;
            sum += p * (p.ln() / 2f64.ln());
        }
        -sum
    }
}

struct Trainer<'a> {
    ex: Vec<Example>,
    opts: &'a DecisionTreeOptions,
    nfnames: usize,
    /// binary: per name, the value (key, form) ids in first-seen order
    feature_values: Vec<Vec<(u32, u32)>>,
    nodes: Vec<Node>,
    keys: Vec<ValueKey>,
}

impl Trainer<'_> {
    fn counts(&self, subset: &[u32]) -> LabelCounts {
        let mut c = LabelCounts::default();
        for &i in subset {
            c.add(self.ex[i as usize].label);
        }
        c
    }

    /// Feature names of the subset in first-occurrence order.
    fn feature_names(&self, subset: &[u32]) -> Vec<u32> {
        let mut seen = vec![false; self.nfnames];
        let mut out = Vec::new();
        for &i in subset {
            for &(f, _, _) in &self.ex[i as usize].feats {
                if !seen[f as usize] {
                    seen[f as usize] = true;
                    out.push(f);
                }
            }
        }
        out
    }

    fn leaf(&mut self, label: u32) -> u32 {
        self.nodes.push(Node {
            label,
            fname: None,
            decisions: Vec::new(),
            default: None,
        });
        self.nodes.len() as u32 - 1
    }

    /// NLTK's `best_stump` / `best_binary_stump`: a new node.
    fn best_stump(&mut self, subset: &[u32]) -> u32 {
        let all = self.counts(subset);
        let (label, top) = all.max();
        let n = subset.len();
        let mut best_error = n - top;
        // (fname, [(key, form, label)], default label)
        let mut best: Option<Stump> = None;
        for fname in self.feature_names(subset) {
            if !self.opts.binary {
                let mut vals: Vec<(u32, u32, LabelCounts)> = Vec::new();
                for &i in subset {
                    let e = &self.ex[i as usize];
                    let (k, form) = e.get(fname);
                    match vals.iter_mut().find(|v| v.0 == k) {
                        Some(v) => v.2.add(e.label),
                        None => {
                            let mut c = LabelCounts::default();
                            c.add(e.label);
                            vals.push((k, form, c));
                        }
                    }
                }
                let correct: usize = vals.iter().map(|v| v.2.max().1).sum();
                if n - correct < best_error {
                    best_error = n - correct;
                    let dec = vals.iter().map(|v| (v.0, v.1, v.2.max().0)).collect();
                    best = Some((fname, dec, None));
                }
            } else {
                for vi in 0..self.feature_values[fname as usize].len() {
                    let (k, form) = self.feature_values[fname as usize][vi];
                    let (mut pos, mut neg) = (LabelCounts::default(), LabelCounts::default());
                    for &i in subset {
                        let e = &self.ex[i as usize];
                        if e.get(fname).0 == k {
                            pos.add(e.label);
                        } else {
                            neg.add(e.label);
                        }
                    }
                    let (pl, pc) = pos.max();
                    let (nl, nc) = neg.max();
                    let error = (pos.n() - pc) + (neg.n() - nc);
                    if error < best_error {
                        best_error = error;
                        let dec = if pos.n() > 0 {
                            vec![(k, form, pl)]
                        } else {
                            Vec::new()
                        };
                        // (never chosen: its error is the leaf's)
                        let default = if neg.n() > 0 { Some(nl) } else { Some(label) };
                        best = Some((fname, dec, default));
                    }
                }
            }
        }
        match best {
            None => self.leaf(label),
            Some((fname, dec, default)) => {
                // NLTK's stump and binary_stump reuse `label` as their loop
                // variable: the node's label is the last example's.
                let label = subset.last().map_or(label, |&i| self.ex[i as usize].label);
                let decisions = dec
                    .into_iter()
                    .map(|(k, form, l)| (self.keys[k as usize].clone(), form, self.leaf(l)))
                    .collect();
                let default = default.map(|l| self.leaf(l));
                self.nodes.push(Node {
                    label,
                    fname: Some(fname),
                    decisions,
                    default,
                });
                self.nodes.len() as u32 - 1
            }
        }
    }

    /// NLTK's `train` on a subset then `refine`, without recursion.
    fn train(&mut self, all: Vec<u32>) -> u32 {
        let root = self.best_stump(&all);
        let mut work: Vec<(u32, Vec<u32>, i64)> = vec![(root, all, self.opts.depth_cutoff - 1)];
        while let Some((node, subset, depth)) = work.pop() {
            if subset.len() <= self.opts.support_cutoff || depth <= 0 {
                continue;
            }
            let Some(fname) = self.nodes[node as usize].fname else {
                continue;
            };
            let keys: Vec<u32> = self.nodes[node as usize]
                .decisions
                .iter()
                .map(|d| self.key_id(&d.0))
                .collect();
            for (di, &k) in keys.iter().enumerate() {
                let sub: Vec<u32> = subset
                    .iter()
                    .copied()
                    .filter(|&i| self.ex[i as usize].get(fname).0 == k)
                    .collect();
                if self.counts(&sub).entropy() > self.opts.entropy_cutoff {
                    let child = self.best_stump(&sub);
                    self.nodes[node as usize].decisions[di].2 = child;
                    work.push((child, sub, depth - 1));
                }
            }
            if self.nodes[node as usize].default.is_some() {
                let sub: Vec<u32> = subset
                    .iter()
                    .copied()
                    .filter(|&i| !keys.contains(&self.ex[i as usize].get(fname).0))
                    .collect();
                if self.counts(&sub).entropy() > self.opts.entropy_cutoff {
                    let child = self.best_stump(&sub);
                    self.nodes[node as usize].default = Some(child);
                    work.push((child, sub, depth - 1));
                }
            }
        }
        root
    }

    fn key_id(&self, k: &ValueKey) -> u32 {
        self.keys.iter().position(|x| x == k).unwrap_or(0) as u32
    }
}

impl DecisionTreeClassifier {
    /// NLTK's `DecisionTreeClassifier.train(labeled_featuresets,
    /// entropy_cutoff, depth_cutoff, support_cutoff, binary)`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no examples (NLTK: ValueError from
    /// `FreqDist.max`).
    pub fn train(labeled: &[(FeatureSet, String)], opts: &DecisionTreeOptions) -> Result<Self> {
        if labeled.is_empty() {
            return Err(Error::InvalidInput(
                "cannot train a decision tree on no examples".into(),
            ));
        }
        let mut labels: Vec<String> = Vec::new();
        let mut label_index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut fnames: Vec<String> = Vec::new();
        let mut fname_index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut values = vec![FeatureValue::None];
        let mut keys = vec![ValueKey::None];
        let mut key_index: FxHashMap<ValueKey, u32> = FxHashMap::default();
        key_index.insert(ValueKey::None, 0);
        let mut form_index: FxHashMap<String, u32> = FxHashMap::default();
        form_index.insert(form_key(&FeatureValue::None), 0);
        let mut ex = Vec::with_capacity(labeled.len());
        let mut feature_values: Vec<Vec<(u32, u32)>> = Vec::new();
        for (fs, label) in labeled {
            let l = *label_index.entry(label.as_str()).or_insert_with(|| {
                labels.push(label.clone());
                labels.len() as u32 - 1
            });
            let mut feats = Vec::with_capacity(fs.len());
            for (name, value) in fs.iter() {
                let f = *fname_index.entry(name).or_insert_with(|| {
                    fnames.push(name.to_string());
                    feature_values.push(Vec::new());
                    fnames.len() as u32 - 1
                });
                let key = value.key();
                let k = *key_index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    keys.len() as u32 - 1
                });
                let form_key = form_key(value);
                let form = *form_index.entry(form_key).or_insert_with(|| {
                    values.push(value.clone());
                    values.len() as u32 - 1
                });
                if opts.binary && !feature_values[f as usize].iter().any(|v| v.0 == k) {
                    feature_values[f as usize].push((k, form));
                }
                feats.push((f, k, form));
            }
            feats.sort_by_key(|e| e.0);
            ex.push(Example { feats, label: l });
        }
        for vals in &mut feature_values {
            python_set_order(vals, &keys);
        }
        let mut t = Trainer {
            nfnames: fnames.len(),
            ex,
            opts,
            feature_values,
            nodes: Vec::new(),
            keys,
        };
        let all: Vec<u32> = (0..labeled.len() as u32).collect();
        let root = t.train(all);
        // renumber so that the root is node 0 and children follow parents
        let nodes = renumber(t.nodes, root);
        Ok(DecisionTreeClassifier {
            labels,
            fnames,
            values,
            nodes,
        })
    }

    /// Rebuilds a tree from saved parts, checking every id (children must
    /// follow their parents, so the tree has no cycles).
    pub(crate) fn from_parts(
        labels: Vec<String>,
        fnames: Vec<String>,
        values: Vec<FeatureValue>,
        nodes: Vec<StoredNode>,
    ) -> Result<Self> {
        let bad = |m: &str| Error::Model(format!("decision tree model: {m}"));
        if labels.is_empty() || nodes.is_empty() {
            return Err(bad("no labels or no nodes"));
        }
        let mut out = Vec::with_capacity(nodes.len());
        for (i, (label, fname, decisions, default)) in nodes.into_iter().enumerate() {
            let child_ok = |c: u32| c as usize > i;
            if label as usize >= labels.len()
                || fname.is_some_and(|f| f as usize >= fnames.len())
                || (fname.is_none() && (!decisions.is_empty() || default.is_some()))
                || decisions
                    .iter()
                    .any(|&(form, c)| form as usize >= values.len() || !child_ok(c))
                || default.is_some_and(|c| !child_ok(c))
            {
                return Err(bad(
                    "a node refers to an unknown label, feature, value or child",
                ));
            }
            out.push(Node {
                label,
                fname,
                decisions: decisions
                    .into_iter()
                    .map(|(form, c)| (values[form as usize].key(), form, c))
                    .collect(),
                default,
            });
        }
        let n = out.len();
        if out.iter().any(|nd| {
            nd.decisions.iter().any(|d| d.2 as usize >= n)
                || nd.default.is_some_and(|c| c as usize >= n)
        }) {
            return Err(bad("a child past the last node"));
        }
        Ok(DecisionTreeClassifier {
            labels,
            fnames,
            values,
            nodes: out,
        })
    }

    /// NLTK's `pretty_format(width, prefix="", depth)`.
    ///
    /// # Example
    /// ```
    /// use nlkit::classify::{DecisionTreeClassifier, DecisionTreeOptions, FeatureSet};
    /// let fs = |l: &str| FeatureSet::from_iter([("x", l)]);
    /// let train = vec![(fs("a"), "p".to_string()), (fs("b"), "q".to_string())];
    /// let opts = DecisionTreeOptions { support_cutoff: 0, ..Default::default() };
    /// let dt = DecisionTreeClassifier::train(&train, &opts).unwrap();
    /// assert_eq!(dt.pretty_format(30, 4), "x=a? .......... p\nx=b? .......... q\n");
    /// ```
    pub fn pretty_format(&self, width: usize, depth: usize) -> String {
        enum Task {
            Node(u32, usize, usize),
            Text(String),
        }
        let width = width as i64;
        let mut out = String::new();
        let mut stack = vec![Task::Node(0, 0, depth)];
        while let Some(task) = stack.pop() {
            let (id, indent, depth) = match task {
                Task::Text(s) => {
                    out.push_str(&s);
                    continue;
                }
                Task::Node(id, indent, depth) => (id, indent, depth),
            };
            let node = &self.nodes[id as usize];
            let prefix = " ".repeat(indent);
            let Some(f) = node.fname else {
                let n = width - indent as i64 - 15;
                out.push_str(&format!(
                    "{prefix}{} {}\n",
                    dots(n),
                    self.labels[node.label as usize]
                ));
                continue;
            };
            let fname = &self.fnames[f as usize];
            let mut tasks = Vec::new();
            for &(_, form, child) in self.sorted_decisions(node) {
                let hdr = format!("{prefix}{fname}={}? ", self.values[form as usize]);
                let n = width - 15 - hdr.chars().count() as i64;
                let c = &self.nodes[child as usize];
                tasks.push(Task::Text(format!(
                    "{hdr}{} {}\n",
                    dots(n),
                    self.labels[c.label as usize]
                )));
                if c.fname.is_some() && depth > 1 {
                    tasks.push(Task::Node(child, indent + 2, depth - 1));
                }
            }
            if let Some(d) = node.default {
                let n = width - indent as i64 - 21;
                let c = &self.nodes[d as usize];
                tasks.push(Task::Text(format!(
                    "{prefix}else: {} {}\n",
                    dots(n),
                    self.labels[c.label as usize]
                )));
                if c.fname.is_some() && depth > 1 {
                    tasks.push(Task::Node(d, indent + 2, depth - 1));
                }
            }
            stack.extend(tasks.into_iter().rev());
        }
        out
    }

    /// NLTK's `pseudocode(prefix="", depth)`.
    pub fn pseudocode(&self, depth: usize) -> String {
        enum Task {
            Node(u32, usize, usize),
            Text(String),
        }
        let mut out = String::new();
        let mut stack = vec![Task::Node(0, 0, depth)];
        let repr_label = |l: u32| crate::util::py_repr(&self.labels[l as usize]);
        while let Some(task) = stack.pop() {
            let (id, indent, depth) = match task {
                Task::Text(s) => {
                    out.push_str(&s);
                    continue;
                }
                Task::Node(id, indent, depth) => (id, indent, depth),
            };
            let node = &self.nodes[id as usize];
            let prefix = " ".repeat(indent);
            let Some(f) = node.fname else {
                out.push_str(&format!("{prefix}return {}\n", repr_label(node.label)));
                continue;
            };
            let fname = &self.fnames[f as usize];
            let mut tasks = Vec::new();
            let branch = |head: String, child: u32, tasks: &mut Vec<Task>| {
                let c = &self.nodes[child as usize];
                if c.fname.is_some() && depth > 1 {
                    tasks.push(Task::Text(format!("{head}\n")));
                    tasks.push(Task::Node(child, indent + 2, depth - 1));
                } else {
                    tasks.push(Task::Text(format!(
                        "{head}return {}\n",
                        repr_label(c.label)
                    )));
                }
            };
            for &(_, form, child) in self.sorted_decisions(node) {
                let head = format!(
                    "{prefix}if {fname} == {}: ",
                    self.values[form as usize].repr()
                );
                branch(head, child, &mut tasks);
            }
            if let Some(d) = node.default {
                let head = match node.decisions.as_slice() {
                    [(_, form, _)] => {
                        format!(
                            "{prefix}if {fname} != {}: ",
                            self.values[*form as usize].repr()
                        )
                    }
                    _ => format!("{prefix}else: "),
                };
                branch(head, d, &mut tasks);
            }
            stack.extend(tasks.into_iter().rev());
        }
        out
    }

    /// The branches sorted as NLTK prints them: values other than
    /// None/False/True first, then by `str(value).lower()`.
    fn sorted_decisions<'a>(&self, node: &'a Node) -> Vec<&'a (ValueKey, u32, u32)> {
        let mut d: Vec<&(ValueKey, u32, u32)> = node.decisions.iter().collect();
        d.sort_by_cached_key(|e| {
            let v = &self.values[e.1 as usize];
            (v.is_none_or_bool(), v.to_string().to_lowercase())
        });
        d
    }

    /// NLTK's `classify`: follow the branch of the feature's value
    /// (None when missing), else the default, else this node's label.
    pub fn classify_label(&self, featureset: &FeatureSet) -> &str {
        let mut id = 0usize;
        loop {
            let node = &self.nodes[id];
            let Some(f) = node.fname else {
                return &self.labels[node.label as usize];
            };
            let key = featureset
                .get(&self.fnames[f as usize])
                .map_or(ValueKey::None, |v| v.key());
            if let Some(d) = node.decisions.iter().find(|d| d.0 == key) {
                id = d.2 as usize;
            } else if let Some(d) = node.default {
                id = d as usize;
            } else {
                return &self.labels[node.label as usize];
            }
        }
    }

    /// NLTK's `error(labeled_featuresets)`: the share misclassified.
    pub fn error(&self, labeled: &[(FeatureSet, String)]) -> f64 {
        if labeled.is_empty() {
            return 0.0;
        }
        let wrong = labeled
            .iter()
            .filter(|(fs, l)| self.classify_label(fs) != l)
            .count();
        wrong as f64 / labeled.len() as f64
    }
}

/// Renumbers nodes depth-first from `root` (parents before children).
fn renumber(nodes: Vec<Node>, root: u32) -> Vec<Node> {
    let mut order = Vec::new();
    let mut new_id = vec![u32::MAX; nodes.len()];
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        new_id[n as usize] = order.len() as u32;
        order.push(n);
        let node = &nodes[n as usize];
        if let Some(d) = node.default {
            stack.push(d);
        }
        stack.extend(node.decisions.iter().rev().map(|d| d.2));
    }
    order
        .iter()
        .map(|&n| {
            let mut node = nodes[n as usize].clone();
            node.decisions
                .iter_mut()
                .for_each(|d| d.2 = new_id[d.2 as usize]);
            node.default = node.default.map(|d| new_id[d as usize]);
            node
        })
        .collect()
}

/// Orders a feature's values (key id, form id; first-seen order) as
/// Python iterates the `set` NLTK collects them in, where that order is
/// fixed: when every value is a number (booleans included) with a
/// small hash. Otherwise (strings, None: hash order varies between runs)
/// they stay in first-seen order.
fn python_set_order(vals: &mut Vec<(u32, u32)>, keys: &[ValueKey]) {
    const MODULUS: i128 = (1 << 61) - 1;
    let mut hashes = Vec::with_capacity(vals.len());
    for &(k, _) in vals.iter() {
        match keys[k as usize] {
            ValueKey::Int(i) if i.abs() < MODULUS => {
                let h: i64 = if i == -1 { -2 } else { i as i64 };
                hashes.push(h as u64);
            }
            _ => return,
        }
    }
    let order = super::maxent::python_int_set_order(&hashes);
    let mut sorted = Vec::with_capacity(vals.len());
    for h in order {
        if let Some(i) = hashes.iter().position(|&x| x == h) {
            sorted.push(vals[i]);
        }
    }
    *vals = sorted;
}

fn dots(n: i64) -> String {
    ".".repeat(n.max(0) as usize)
}

/// A value's exact form (`True`, `1` and `1.0` are three forms).
fn form_key(v: &FeatureValue) -> String {
    match v {
        FeatureValue::Str(s) => format!("s{s}"),
        FeatureValue::Float(f) => format!("f{}", f.to_bits()),
        other => format!("o{}", other.repr()),
    }
}

impl ClassifierI for DecisionTreeClassifier {
    /// The labels in order of first occurrence (NLTK: set order).
    fn labels(&self) -> &[String] {
        &self.labels
    }

    /// NLTK raises `NotImplementedError`; so does this (as an error).
    fn prob_classify(&self, _featureset: &FeatureSet) -> Result<LabelProbDist> {
        Err(Error::InvalidInput(
            "a decision tree gives no probabilities (NLTK: NotImplementedError)".into(),
        ))
    }

    fn classify(&self, featureset: &FeatureSet) -> Result<String> {
        Ok(self.classify_label(featureset).to_string())
    }
}
