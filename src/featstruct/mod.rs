//! Feature structures, as NLTK 3.10.4's `nltk.featstruct`.
//!
//! A [`FeatStruct`] is either a feature dictionary (NLTK's `FeatDict`,
//! `[NUM='sg', AGR=[PER=3]]`) or a feature list (NLTK's `FeatList`,
//! `[1, 2, ?x]`). Values are integers, strings, booleans (`+a` / `-a`),
//! `None`, variables (`?x`) or nested structures, and nested structures may
//! be shared (reentrancy, `(1)[...]` then `->(1)`), cycles included.
//! [`FeatStruct::fromstring`] reads NLTK's string syntax, `Display` prints
//! NLTK's multi-line `str()` drawing, [`FeatStruct::repr`] NLTK's one-line
//! `repr()`, and [`FeatStruct::unify`], [`FeatStruct::subsumes`] and
//! [`FeatStruct::equal_values`] follow NLTK's algorithms (including its
//! renaming of clashing variables, `?x` becoming `?x2`).
//!
//! Logic-expression values (`SEM=<\x.dog(x)>`, read with
//! [`crate::sem::logic::Expression::fromstring`]) unify when they are equal
//! up to bound-variable renaming, and the feature variables inside them
//! (`<?subj(?vp)>`) are substituted after unification (then simplified), as
//! NLTK does. NLTK's special features are read and printed as NLTK does: the
//! type prefix `NP[...]` (stored under [`TYPE`]) and the slash suffix
//! `S[...]/NP` (stored under [`SLASH`], default `False` in unification).
//!
//! Deliberate differences: structures live in an arena, so values are
//! addressed by [`FeatStruct::get`] paths rather than by Python object
//! identity; tuples and sets (`(...)`, `{...}`) and unification tracing are
//! not supported (a clear error instead). Like NLTK, the reader refuses
//! nesting deeper than 100 levels, with NLTK's message, so no input can
//! exhaust the stack.

mod empty;
mod overlay;
mod parse;
mod print;
mod scan;
mod seq;
mod subst;
mod unify;

use std::collections::BTreeMap;

use crate::sem::logic::Expression;

pub(crate) use parse::read_partial;
pub use parse::MAX_DEPTH;

/// The name under which the special `*type*` feature (NLTK's `TYPE`, the
/// `NP` of `NP[...]`) is stored.
pub const TYPE: &str = "*type*";
/// The name under which the special `*slash*` feature (NLTK's `SLASH`, the
/// `/NP` of `S[...]/NP`) is stored.
pub const SLASH: &str = "*slash*";

/// A feature name or a string or variable value inside the arena: short
/// names are stored inline, so copying a structure allocates no string.
pub(crate) type Name = compact_str::CompactString;

/// The items of a feature dictionary: two are stored in the node itself,
/// so most nodes need no allocation of their own.
pub(crate) type DictItems = smallvec::SmallVec<[(Name, Value); 2]>;

/// The items of a feature list (two stored in the node itself).
pub(crate) type ListItems = smallvec::SmallVec<[Value; 2]>;

/// Index of a node in a structure's arena.
pub(crate) type NodeId = usize;

thread_local! {
    /// Spare index vectors, so that a unification or a printing does not
    /// allocate its work lists anew each time.
    static SPARE: std::cell::RefCell<Vec<Vec<usize>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A work vector of indexes taken from this thread's spares (and given
/// back, emptied, when dropped).
pub(crate) struct Scratch(Vec<usize>);

impl Scratch {
    /// An empty work vector.
    pub(crate) fn new() -> Scratch {
        let v = SPARE
            .try_with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.pop()))
            .ok()
            .flatten()
            .unwrap_or_default();
        Scratch(v)
    }

    /// A work vector of `n` copies of `value`.
    pub(crate) fn filled(n: usize, value: usize) -> Scratch {
        let mut s = Scratch::new();
        s.0.resize(n, value);
        s
    }
}

impl std::ops::Deref for Scratch {
    type Target = Vec<usize>;
    fn deref(&self) -> &Vec<usize> {
        &self.0
    }
}

impl std::ops::DerefMut for Scratch {
    fn deref_mut(&mut self) -> &mut Vec<usize> {
        &mut self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let mut v = std::mem::take(&mut self.0);
        // Large vectors are freed rather than kept.
        if v.capacity() == 0 || v.capacity() > 1 << 16 {
            return;
        }
        v.clear();
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                if s.len() < 16 {
                    s.push(v);
                }
            }
        });
    }
}

/// A value inside the arena: a base value or a reference to a node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(i64),
    Str(Name),
    Bool(bool),
    None,
    Var(Name),
    /// A logic expression (`<\x.dog(x)>`).
    Expr(Expression),
    /// A tuple or set value (no structures inside).
    Seq(SeqKind, Vec<Value>),
    Node(NodeId),
}

/// Which of NLTK's sequence feature values a [`FeatValue::Seq`] is.
///
/// # Example
/// ```
/// use nlkit::featstruct::{FeatStruct, FeatValue, SeqKind};
/// let fs = FeatStruct::fromstring("[a=(1, 2)]").unwrap();
/// assert!(matches!(fs.get(&["a"]), Some(FeatValue::Seq(SeqKind::Tuple, _))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqKind {
    /// `FeatureValueTuple`: `(a, b)`.
    Tuple,
    /// `FeatureValueSet`: `{a, b}`.
    Set,
    /// `FeatureValueConcat`: `(?x + b)`, with a variable left in it.
    Concat,
    /// `FeatureValueUnion`: `{?x + {a}}`, with a variable left in it.
    Union,
}

impl Value {
    /// Python `==` on base values (`True == 1`).
    fn base_eq(&self, other: &Value) -> bool {
        fn as_int(v: &Value) -> Option<i64> {
            match v {
                Value::Int(i) => Some(*i),
                Value::Bool(b) => Some(i64::from(*b)),
                _ => None,
            }
        }
        match (as_int(self), as_int(other)) {
            (Some(a), Some(b)) => a == b,
            _ => match (self, other) {
                (Value::Expr(a), Value::Expr(b)) => a.equals(b),
                (Value::Seq(k1, a), Value::Seq(k2, b)) => seq::seq_eq(*k1, a, *k2, b),
                _ => self == other,
            },
        }
    }
}

/// One node: a feature dictionary (insertion order kept, as Python's dict)
/// or a feature list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Dict(DictItems),
    List(ListItems),
}

impl Node {
    fn values(&self) -> Values<'_> {
        match self {
            Node::Dict(items) => Values::Dict(items.iter()),
            Node::List(items) => Values::List(items.iter()),
        }
    }

    fn values_mut(&mut self) -> ValuesMut<'_> {
        match self {
            Node::Dict(items) => ValuesMut::Dict(items.iter_mut()),
            Node::List(items) => ValuesMut::List(items.iter_mut()),
        }
    }
}

/// Moves `nodes` into allocations of exactly their size, made one after
/// another: a structure read from text then takes as little memory as it
/// can and lies together, so walking many structures (unifying pairs read
/// in order) reads memory in order, without the reader's growth slack.
pub(crate) fn compact(nodes: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        out.push(match node {
            Node::Dict(items) if items.spilled() => {
                Node::Dict(DictItems::from_vec(items.into_iter().collect()))
            }
            Node::List(items) if items.spilled() => {
                Node::List(ListItems::from_vec(items.into_iter().collect()))
            }
            node => node,
        });
    }
    out
}

/// The values of a node, in item order (no allocation).
pub(crate) enum Values<'a> {
    Dict(std::slice::Iter<'a, (Name, Value)>),
    List(std::slice::Iter<'a, Value>),
}

impl<'a> Iterator for Values<'a> {
    type Item = &'a Value;
    fn next(&mut self) -> Option<&'a Value> {
        match self {
            Values::Dict(it) => it.next().map(|(_, v)| v),
            Values::List(it) => it.next(),
        }
    }
}

/// The values of a node, mutably, in item order.
pub(crate) enum ValuesMut<'a> {
    Dict(std::slice::IterMut<'a, (Name, Value)>),
    List(std::slice::IterMut<'a, Value>),
}

impl<'a> Iterator for ValuesMut<'a> {
    type Item = &'a mut Value;
    fn next(&mut self) -> Option<&'a mut Value> {
        match self {
            ValuesMut::Dict(it) => it.next().map(|(_, v)| v),
            ValuesMut::List(it) => it.next(),
        }
    }
}

/// A feature structure: NLTK's `FeatStruct` (a `FeatDict` or a `FeatList`).
///
/// # Example
/// ```
/// use nlkit::featstruct::FeatStruct;
/// let fs = FeatStruct::fromstring("[b=[c=2], a='x']").unwrap();
/// assert_eq!(fs.repr(), "[a='x', b=[c=2]]");
/// ```
#[derive(Debug, Clone)]
pub struct FeatStruct {
    pub(crate) nodes: Vec<Node>,
    pub(crate) root: NodeId,
    /// Known to have no reentrance (no node reached twice from the root),
    /// so printing need not look for it; `false` when not known.
    pub(crate) tree: bool,
}

/// A feature value handed to or returned from the public API (a variable
/// binding, or the value at a path).
///
/// # Example
/// ```
/// use nlkit::featstruct::{FeatStruct, FeatValue};
/// let fs = FeatStruct::fromstring("[a=[b=1]]").unwrap();
/// assert_eq!(fs.get(&["a", "b"]), Some(FeatValue::Int(1)));
/// ```
#[derive(Debug, Clone)]
pub enum FeatValue {
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// A boolean (`+f` / `-f`).
    Bool(bool),
    /// Python's `None`.
    None,
    /// A variable, with its `?`.
    Var(String),
    /// A logic expression (NLTK's `<...>` values).
    Expr(Expression),
    /// A tuple or set value.
    Seq(SeqKind, Vec<FeatValue>),
    /// A nested feature structure (a copy of it).
    Struct(FeatStruct),
}

impl PartialEq for FeatValue {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (FeatValue::Struct(a), FeatValue::Struct(b)) => a == b,
            (FeatValue::Struct(_), _) | (_, FeatValue::Struct(_)) => false,
            (a, b) => a.to_base().base_eq(&b.to_base()),
        }
    }
}

impl FeatValue {
    fn to_base(&self) -> Value {
        match self {
            FeatValue::Int(i) => Value::Int(*i),
            FeatValue::Str(s) => Value::Str(s.as_str().into()),
            FeatValue::Bool(b) => Value::Bool(*b),
            FeatValue::None => Value::None,
            FeatValue::Var(v) => Value::Var(v.as_str().into()),
            FeatValue::Expr(e) => Value::Expr(e.clone()),
            FeatValue::Seq(k, items) => {
                Value::Seq(*k, items.iter().map(FeatValue::to_base).collect())
            }
            FeatValue::Struct(_) => Value::None,
        }
    }

    /// NLTK's `repr()` of the value (`'sg'`, `3`, `?x`, `[a=1]`).
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatValue;
    /// assert_eq!(FeatValue::Str("sg".into()).repr(), "'sg'");
    /// ```
    pub fn repr(&self) -> String {
        match self {
            FeatValue::Struct(fs) => fs.repr(),
            FeatValue::Var(v) => v.clone(),
            FeatValue::Expr(e) => format!("<{e}>"),
            other => print::base_repr(&other.to_base()),
        }
    }
}

/// Variable bindings for [`FeatStruct::unify_with`]: variable name (with
/// its `?`) to value, as NLTK's `bindings` dict.
pub type Bindings = BTreeMap<String, FeatValue>;

impl FeatStruct {
    /// Reads NLTK's string syntax (`FeatStruct.fromstring`).
    ///
    /// Errors carry NLTK's message, with the position marked.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let fs = FeatStruct::fromstring("[a=(1)[b=?x], c->(1)]").unwrap();
    /// assert_eq!(fs.repr(), "[a=(1)[b=?x], c->(1)]");
    /// assert!(FeatStruct::fromstring("[a=").is_err());
    /// ```
    pub fn fromstring(s: &str) -> crate::Result<FeatStruct> {
        parse::fromstring(s)
    }

    /// Whether this is a feature dictionary (NLTK's `FeatDict`).
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// assert!(FeatStruct::fromstring("[a=1]").unwrap().is_dict());
    /// assert!(!FeatStruct::fromstring("[1, 2]").unwrap().is_dict());
    /// ```
    pub fn is_dict(&self) -> bool {
        matches!(self.nodes.get(self.root), Some(Node::Dict(_)))
    }

    /// The value at a feature path (list items are addressed by their
    /// decimal index), or `None` when the path does not exist.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::{FeatStruct, FeatValue};
    /// let fs = FeatStruct::fromstring("[a=[1, 'x']]").unwrap();
    /// assert_eq!(fs.get(&["a", "1"]), Some(FeatValue::Str("x".into())));
    /// ```
    pub fn get(&self, path: &[&str]) -> Option<FeatValue> {
        let mut cur = Value::Node(self.root);
        for step in path {
            let Value::Node(id) = cur else { return None };
            cur = match self.nodes.get(id)? {
                Node::Dict(items) => items.iter().find(|(k, _)| k == step)?.1.clone(),
                Node::List(items) => items.get(step.parse::<usize>().ok()?)?.clone(),
            };
        }
        Some(self.export(&cur))
    }

    /// Converts an arena value into a public value (structures are copied).
    pub(crate) fn export(&self, v: &Value) -> FeatValue {
        match v {
            Value::Int(i) => FeatValue::Int(*i),
            Value::Str(s) => FeatValue::Str(s.to_string()),
            Value::Bool(b) => FeatValue::Bool(*b),
            Value::None => FeatValue::None,
            Value::Var(s) => FeatValue::Var(s.to_string()),
            Value::Expr(e) => FeatValue::Expr(e.clone()),
            Value::Seq(k, items) => {
                FeatValue::Seq(*k, items.iter().map(|v| self.export(v)).collect())
            }
            Value::Node(id) => FeatValue::Struct(self.extract(*id)),
        }
    }

    /// Copies the nodes reachable from `root` into a new compact structure.
    pub(crate) fn extract(&self, root: NodeId) -> FeatStruct {
        let (order, map) = self.reach_order(root);
        let remap = |v: &Value| match v {
            Value::Node(c) => Value::Node(
                map.get(*c)
                    .copied()
                    .filter(|&n| n != usize::MAX)
                    .unwrap_or(0),
            ),
            other => other.clone(),
        };
        let nodes = order
            .iter()
            .map(|id| match self.nodes.get(*id) {
                Some(Node::Dict(items)) => {
                    Node::Dict(items.iter().map(|(k, v)| (k.clone(), remap(v))).collect())
                }
                Some(Node::List(items)) => Node::List(items.iter().map(remap).collect()),
                None => Node::Dict(DictItems::new()),
            })
            .collect();
        FeatStruct {
            nodes,
            root: 0,
            tree: false,
        }
    }

    /// As [`FeatStruct::extract`], moving the nodes out of this arena
    /// instead of copying them.
    pub(crate) fn into_extract(mut self, root: NodeId) -> FeatStruct {
        let (order, map) = self.reach_order(root);
        let nodes = order
            .iter()
            .map(|id| {
                let mut node = match self.nodes.get_mut(*id) {
                    Some(n) => std::mem::replace(n, Node::Dict(DictItems::new())),
                    None => Node::Dict(DictItems::new()),
                };
                for v in node.values_mut() {
                    if let Value::Node(c) = v {
                        *c = map
                            .get(*c)
                            .copied()
                            .filter(|&n| n != usize::MAX)
                            .unwrap_or(0);
                    }
                }
                node
            })
            .collect();
        FeatStruct {
            nodes,
            root: 0,
            tree: false,
        }
    }

    /// The nodes reachable from `root` in breadth-first order, and the new
    /// index of each old node (`usize::MAX`: not reached).
    fn reach_order(&self, root: NodeId) -> (Scratch, Scratch) {
        // New index of each old node (usize::MAX: not reached yet).
        let mut map = Scratch::filled(self.nodes.len(), usize::MAX);
        let mut order = Scratch::new();
        order.push(root);
        if let Some(slot) = map.get_mut(root) {
            *slot = 0;
        }
        let mut i = 0;
        while let Some(&id) = order.get(i) {
            if let Some(node) = self.nodes.get(id) {
                for v in node.values() {
                    if let Value::Node(c) = v {
                        if let Some(slot) = map.get_mut(*c) {
                            if *slot == usize::MAX {
                                *slot = order.len();
                                order.push(*c);
                            }
                        }
                    }
                }
            }
            i += 1;
        }
        (order, map)
    }

    /// NLTK's `equal_values`: same value at every feature path; with
    /// `check_reentrance`, also the same sharing (NLTK's `==`).
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let a = FeatStruct::fromstring("[x=(1)[y=1], z->(1)]").unwrap();
    /// let b = FeatStruct::fromstring("[x=[y=1], z=[y=1]]").unwrap();
    /// assert!(a.equal_values(&b, false));
    /// assert!(!a.equal_values(&b, true));
    /// ```
    pub fn equal_values(&self, other: &FeatStruct, check_reentrance: bool) -> bool {
        unify::equal(self, other, check_reentrance)
    }

    /// The variables used anywhere in the structure (NLTK's `variables()`).
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let fs = FeatStruct::fromstring("[a=?x, b=[c=?y]]").unwrap();
    /// assert_eq!(fs.variables(), ["?x", "?y"]);
    /// ```
    pub fn variables(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for node in &self.nodes {
            for v in node.values() {
                match v {
                    Value::Var(s) => out.push(s.to_string()),
                    Value::Expr(e) => {
                        out.extend(e.variables().iter().map(|v| v.name().to_string()))
                    }
                    _ => {}
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// The deepest a structure may be drawn (its depth-first tree in printing
/// order, reentrant values followed once): deeper structures, which can be
/// built from shallow text through chains of `->(n)` links, are refused so
/// printing and unification never exhaust the stack.
pub const MAX_DRAW_DEPTH: usize = 250;

impl FeatStruct {
    /// Errors when the structure is deeper than [`MAX_DRAW_DEPTH`].
    pub(crate) fn check_depth(self) -> crate::Result<FeatStruct> {
        // Each level of the walk is a distinct node: a structure of at
        // most MAX_DRAW_DEPTH nodes cannot be too deep.
        if self.nodes.len() <= MAX_DRAW_DEPTH {
            return Ok(self);
        }
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![(self.root, 1usize)];
        while let Some((id, depth)) = stack.pop() {
            if seen.get(id).copied().unwrap_or(true) {
                continue;
            }
            seen[id] = true;
            if depth > MAX_DRAW_DEPTH {
                return Err(crate::Error::InvalidInput(format!(
                    "feature structure is nested deeper than {MAX_DRAW_DEPTH} levels (through reentrance links)"
                )));
            }
            let kids: Vec<NodeId> = match &self.nodes[id] {
                Node::Dict(items) => {
                    let mut items: Vec<&(Name, Value)> = items.iter().collect();
                    items.sort_by(|a, b| print::feature_order(&a.0, &b.0));
                    items
                        .into_iter()
                        .filter_map(|(_, v)| match v {
                            Value::Node(c) => Some(*c),
                            _ => None,
                        })
                        .collect()
                }
                Node::List(items) => items
                    .iter()
                    .filter_map(|v| match v {
                        Value::Node(c) => Some(*c),
                        _ => None,
                    })
                    .collect(),
            };
            stack.extend(kids.into_iter().rev().map(|c| (c, depth + 1)));
        }
        Ok(self)
    }
}

/// NLTK's `==` on feature structures: `equal_values` with reentrance check.
impl PartialEq for FeatStruct {
    fn eq(&self, other: &Self) -> bool {
        self.equal_values(other, true)
    }
}

#[cfg(test)]
mod tests;
