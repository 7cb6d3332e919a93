//! Unification, subsumption and equality, following NLTK's algorithms
//! (`unify`, `_destructively_unify`, `subsumes`, `FeatStruct._equal`).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::subst::{reachable, rename_in, substitute_in};
use super::{Bindings, FeatStruct, FeatValue, Name, Node, NodeId, Value};
use crate::{Error, Result};

/// Deepest structure the recursive algorithms walk before giving up with
/// an error (parsed structures are at most `MAX_DEPTH` deep).
const WALK_LIMIT: usize = super::MAX_DRAW_DEPTH;

fn too_deep() -> Error {
    Error::InvalidInput(format!(
        "feature structure nesting deeper than {WALK_LIMIT} levels"
    ))
}

/// Structural equality (NLTK's `_equal`).
pub(super) fn equal(a: &FeatStruct, b: &FeatStruct, check_reentrance: bool) -> bool {
    let mut vs = HashSet::new();
    let mut vo = HashSet::new();
    let mut vp = HashSet::new();
    // Explicit stack; a pair is compared once, as NLTK's visited sets do.
    let mut stack = vec![(a.root, b.root)];
    while let Some((x, y)) = stack.pop() {
        let (Some(nx), Some(ny)) = (a.nodes.get(x), b.nodes.get(y)) else {
            return false;
        };
        let same_shape = match (nx, ny) {
            (Node::Dict(i1), Node::Dict(i2)) => {
                i1.len() == i2.len() && i1.iter().all(|(k, _)| i2.iter().any(|(k2, _)| k2 == k))
            }
            (Node::List(i1), Node::List(i2)) => i1.len() == i2.len(),
            _ => false,
        };
        if !same_shape {
            return false;
        }
        if check_reentrance {
            if vs.contains(&x) || vo.contains(&y) {
                if vp.contains(&(x, y)) {
                    continue;
                }
                return false;
            }
        } else if vp.contains(&(x, y)) {
            continue;
        }
        vs.insert(x);
        vo.insert(y);
        vp.insert((x, y));
        let pairs: Vec<(&Value, &Value)> = match (nx, ny) {
            (Node::Dict(i1), Node::Dict(i2)) => i1
                .iter()
                .filter_map(|(k, v)| i2.iter().find(|(k2, _)| k2 == k).map(|(_, v2)| (v, v2)))
                .collect(),
            (Node::List(i1), Node::List(i2)) => i1.iter().zip(i2.iter()).collect(),
            _ => return false,
        };
        let mut kids = Vec::new();
        for (v1, v2) in pairs {
            match (v1, v2) {
                (Value::Node(c1), Value::Node(c2)) => kids.push((*c1, *c2)),
                (Value::Node(_), _) | (_, Value::Node(_)) => return false,
                (p, q) => {
                    if !p.base_eq(q) {
                        return false;
                    }
                }
            }
        }
        // NLTK recurses depth-first in item order.
        stack.extend(kids.into_iter().rev());
    }
    true
}

struct Unifier {
    nodes: Vec<Node>,
    /// NLTK's `forward` map, by node id (a node not forwarded maps to itself).
    forward: super::Scratch,
    bindings: BTreeMap<Name, Value>,
}

/// Follows forward pointers from `id`.
fn resolve_in(forward: &[NodeId], mut id: NodeId) -> NodeId {
    while let Some(&t) = forward.get(id) {
        if t == id {
            break;
        }
        id = t;
    }
    id
}

/// Dictionaries at most this long are searched by a scan rather than an index.
const SCAN_LIMIT: usize = 32;

/// The failure signal of `_destructively_unify`.
enum Stop {
    Fail,
    Error(Error),
}

impl Unifier {
    fn resolve(&self, id: NodeId) -> NodeId {
        resolve_in(&self.forward, id)
    }

    fn destructive(&mut self, n1: NodeId, n2: NodeId, depth: usize) -> Result<(), Stop> {
        if n1 == n2 {
            return Ok(());
        }
        if depth > WALK_LIMIT {
            return Err(Stop::Error(too_deep()));
        }
        if let Some(slot) = self.forward.get_mut(n2) {
            *slot = n1;
        }
        // NLTK's `*slash*` feature defaults to False when only one side has it.
        let has_slash = |n: Option<&Node>| match n {
            Some(Node::Dict(items)) => Some(items.iter().any(|(k, _)| k == super::SLASH)),
            _ => None,
        };
        if let (Some(s1), Some(s2)) = (has_slash(self.nodes.get(n1)), has_slash(self.nodes.get(n2)))
        {
            for (has, other, id) in [(s1, s2, n2), (s2, s1, n1)] {
                if has && !other {
                    if let Some(Node::Dict(items)) = self.nodes.get_mut(id) {
                        items.push((super::SLASH.into(), Value::Bool(false)));
                    }
                }
            }
        }
        // n2 is forwarded to n1 from here on, so its items are moved out
        // rather than copied, unless a variable is bound to n2 (bindings
        // made without the caller's dict keep their first structure, as
        // NLTK's do, so n2 is read again when they are substituted).
        let bound = self
            .bindings
            .values()
            .any(|v| matches!(v, Value::Node(c) if *c == n2));
        let same_kind = matches!(
            (self.nodes.get(n1), self.nodes.get(n2)),
            (Some(Node::Dict(_)), Some(Node::Dict(_))) | (Some(Node::List(_)), Some(Node::List(_)))
        );
        if !same_kind {
            return Err(Stop::Fail);
        }
        let node2 = self.nodes.get_mut(n2).map(|n| match n {
            Node::Dict(items) if bound => Node::Dict(items.clone()),
            Node::List(items) if bound => Node::List(items.clone()),
            Node::Dict(items) => Node::Dict(std::mem::take(items)),
            Node::List(items) => Node::List(std::mem::take(items)),
        });
        match (self.nodes.get(n1), node2) {
            (Some(Node::Dict(i1)), Some(Node::Dict(mut items2))) => {
                items2.sort_by(|a, b| super::print::feature_order(&a.0, &b.0));
                let big = i1.len() > SCAN_LIMIT || items2.len() > SCAN_LIMIT;
                let mut index: HashMap<Name, usize> = HashMap::new();
                for (name, v2) in items2 {
                    let existing = match self.nodes.get(n1) {
                        Some(Node::Dict(i1)) if big => {
                            // n1 only grows at its end while we are here (a
                            // nested unification may add to it through a cycle).
                            for (i, (k, _)) in i1.iter().enumerate().skip(index.len()) {
                                index.insert(k.clone(), i);
                            }
                            index.get(&name).copied()
                        }
                        Some(Node::Dict(i1)) => i1.iter().position(|(k, _)| *k == name),
                        _ => None,
                    };
                    match existing {
                        Some(pos) => {
                            let v1 = match self.nodes.get(n1) {
                                Some(Node::Dict(i1)) => {
                                    i1.get(pos).map_or(Value::None, |(_, v)| v.clone())
                                }
                                _ => Value::None,
                            };
                            let r = self.unify_values(v1, v2, depth)?;
                            if let Some(Node::Dict(i1)) = self.nodes.get_mut(n1) {
                                if let Some(slot) = i1.get_mut(pos) {
                                    slot.1 = r;
                                }
                            }
                        }
                        None => {
                            if let Some(Node::Dict(i1)) = self.nodes.get_mut(n1) {
                                i1.push((name, v2));
                            }
                        }
                    }
                }
                Ok(())
            }
            (Some(Node::List(i1)), Some(Node::List(i2))) => {
                if i1.len() != i2.len() {
                    return Err(Stop::Fail);
                }
                for (idx, v2) in i2.into_iter().enumerate() {
                    let v1 = match self.nodes.get(n1) {
                        Some(Node::List(l)) => l.get(idx).cloned().unwrap_or(Value::None),
                        _ => Value::None,
                    };
                    let r = self.unify_values(v1, v2, depth)?;
                    if let Some(Node::List(l)) = self.nodes.get_mut(n1) {
                        if let Some(slot) = l.get_mut(idx) {
                            *slot = r;
                        }
                    }
                }
                Ok(())
            }
            _ => Err(Stop::Fail),
        }
    }

    fn unify_values(&mut self, v1: Value, v2: Value, depth: usize) -> Result<Value, Stop> {
        let mut v1 = match v1 {
            Value::Node(n) => Value::Node(self.resolve(n)),
            v => v,
        };
        let mut v2 = match v2 {
            Value::Node(n) => Value::Node(self.resolve(n)),
            v => v,
        };
        let mut var1 = None;
        let mut var2 = None;
        while let Value::Var(name) = &v1 {
            let Some(b) = self.bindings.get(name) else {
                break;
            };
            var1 = Some(name.clone());
            v1 = b.clone();
        }
        while let Value::Var(name) = &v2 {
            let Some(b) = self.bindings.get(name) else {
                break;
            };
            var2 = Some(name.clone());
            v2 = b.clone();
        }
        // Bindings may hold forwarded structures.
        if let Value::Node(n) = v1 {
            v1 = Value::Node(self.resolve(n));
        }
        if let Value::Node(n) = v2 {
            v2 = Value::Node(self.resolve(n));
        }
        let result = match (&v1, &v2) {
            (Value::Node(a), Value::Node(b)) => {
                self.destructive(*a, *b, depth + 1)?;
                v1.clone()
            }
            (Value::Var(a), Value::Var(b)) => {
                if a != b {
                    self.bindings.insert(b.clone(), v1.clone());
                }
                v1.clone()
            }
            (Value::Var(a), _) => {
                self.bindings.insert(a.clone(), v2.clone());
                v1.clone()
            }
            (_, Value::Var(b)) => {
                self.bindings.insert(b.clone(), v1.clone());
                v2.clone()
            }
            (Value::Node(_), _) | (_, Value::Node(_)) => return Err(Stop::Fail),
            (a, b) => {
                if !a.base_eq(b) {
                    return Err(Stop::Fail);
                }
                let mut result = v1.clone();
                if let Some(f1) = &var1 {
                    self.bindings.insert(f1.clone(), result);
                    result = Value::Var(f1.clone());
                }
                if let Some(f2) = &var2 {
                    if Some(f2) != var1.as_ref() {
                        self.bindings.insert(f2.clone(), result);
                        result = Value::Var(f2.clone());
                    }
                }
                result
            }
        };
        Ok(result)
    }

    /// Replaces every structure reference by its forward target, in place.
    fn apply_forwards(&mut self) {
        let forward = &self.forward;
        for node in &mut self.nodes {
            for v in node.values_mut() {
                if let Value::Node(c) = v {
                    *c = resolve_in(forward, *c);
                }
            }
        }
    }
}

/// Whether `rename_in` could change `other` when renaming its variables
/// that `this` also uses: a clash, or an expression or sequence value
/// (those are rewritten, and simplified, even when nothing is renamed).
fn needs_renaming(this: &FeatStruct, other: &FeatStruct) -> bool {
    let mut vars1: Vec<&str> = Vec::new();
    for node in &this.nodes {
        for v in node.values() {
            match v {
                // Many variables: the general path, which hashes them.
                Value::Var(_) if vars1.len() >= SCAN_LIMIT => return true,
                Value::Var(name) => vars1.push(name),
                Value::Expr(_) | Value::Seq(..) => return true,
                _ => {}
            }
        }
    }
    for node in &other.nodes {
        for v in node.values() {
            match v {
                Value::Var(name) if vars1.contains(&name.as_str()) => return true,
                Value::Expr(_) | Value::Seq(..) => return true,
                _ => {}
            }
        }
    }
    false
}

/// Whether `fs` holds an expression or sequence value (which substitution
/// rewrites even when no variable is bound).
fn has_complex(fs: &FeatStruct) -> bool {
    fs.nodes.iter().any(|n| {
        n.values()
            .any(|v| matches!(v, Value::Expr(_) | Value::Seq(..)))
    })
}

/// Appends `fs`'s nodes to `nodes`, returning the offset-shifted root.
pub(crate) fn absorb(nodes: &mut Vec<Node>, fs: &FeatStruct) -> NodeId {
    let off = nodes.len();
    let shift = |v: &Value| match v {
        Value::Node(c) => Value::Node(c + off),
        other => other.clone(),
    };
    for node in &fs.nodes {
        nodes.push(match node {
            Node::Dict(items) => {
                Node::Dict(items.iter().map(|(k, v)| (k.clone(), shift(v))).collect())
            }
            Node::List(items) => Node::List(items.iter().map(shift).collect()),
        });
    }
    fs.root + off
}

impl FeatStruct {
    /// Unifies with `other` (NLTK's `unify`, `rename_vars=True`, no
    /// tracing): `Ok(None)` when the structures conflict.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let a = FeatStruct::fromstring("[a=?x]").unwrap();
    /// let b = FeatStruct::fromstring("[b=?x]").unwrap();
    /// assert_eq!(a.unify(&b).unwrap().unwrap().repr(), "[a=?x, b=?x2]");
    /// let c = FeatStruct::fromstring("[a=1]").unwrap();
    /// let d = FeatStruct::fromstring("[a=2]").unwrap();
    /// assert!(c.unify(&d).unwrap().is_none());
    /// ```
    pub fn unify(&self, other: &FeatStruct) -> Result<Option<FeatStruct>> {
        self.unify_impl(other, None, true, true)
    }

    /// Unifies with `other` using and updating `bindings`, as NLTK's
    /// `unify(fs1, fs2, bindings)`. Structures bound to variables are
    /// returned as copies.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::{Bindings, FeatStruct, FeatValue};
    /// let a = FeatStruct::fromstring("[a=?x]").unwrap();
    /// let b = FeatStruct::fromstring("[a=1]").unwrap();
    /// let mut bindings = Bindings::new();
    /// let r = a.unify_with(&b, &mut bindings).unwrap().unwrap();
    /// assert_eq!(r.repr(), "[a=1]");
    /// assert_eq!(bindings.get("?x"), Some(&FeatValue::Int(1)));
    /// ```
    pub fn unify_with(
        &self,
        other: &FeatStruct,
        bindings: &mut Bindings,
    ) -> Result<Option<FeatStruct>> {
        self.unify_impl(other, Some(bindings), true, true)
    }

    /// NLTK's `unify(fs1, fs2, bindings, rename_vars=...)` with every
    /// option: `bindings` (used and updated) and whether `other`'s variables
    /// that `self` also uses are renamed first (feature chart parsers pass
    /// `false`, having renamed already).
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::{Bindings, FeatStruct};
    /// let a = FeatStruct::fromstring("[a=?x]").unwrap();
    /// let b = FeatStruct::fromstring("[b=?x]").unwrap();
    /// let mut bindings = Bindings::new();
    /// let r = a.unify_full(&b, Some(&mut bindings), false).unwrap().unwrap();
    /// assert_eq!(r.repr(), "[a=?x, b=?x]");
    /// ```
    pub fn unify_full(
        &self,
        other: &FeatStruct,
        bindings: Option<&mut Bindings>,
        rename_vars: bool,
    ) -> Result<Option<FeatStruct>> {
        self.unify_impl(other, bindings, rename_vars, true)
    }

    /// As [`FeatStruct::unify_full`] when only success and the bindings
    /// are wanted (the feature chart parsers): the result structure is not
    /// built, only checked for depth as [`FeatStruct::unify_full`] checks it,
    /// so the two give the same answers and errors.
    pub(crate) fn unify_succeeds(
        &self,
        other: &FeatStruct,
        bindings: Option<&mut Bindings>,
        rename_vars: bool,
    ) -> Result<bool> {
        Ok(self
            .unify_impl(other, bindings, rename_vars, false)?
            .is_some())
    }

    /// The unification; with `build` false, the structure returned is the
    /// work arena (unreached nodes left in), for callers that drop it.
    fn unify_impl(
        &self,
        other: &FeatStruct,
        user: Option<&mut Bindings>,
        rename_vars: bool,
        build: bool,
    ) -> Result<Option<FeatStruct>> {
        if user.is_none() {
            // One side `[]`: a copy of the other.
            if let Some(r) = super::empty::unify(self, other) {
                return r;
            }
            // The common case, without copying the inputs up front.
            if let Some(r) = super::overlay::unify(self, other, rename_vars) {
                return r;
            }
        }
        self.unify_general(other, user, rename_vars, build)
    }

    /// The general algorithm: both inputs copied into one arena, unified
    /// there, bindings substituted.
    pub(super) fn unify_general(
        &self,
        other: &FeatStruct,
        user: Option<&mut Bindings>,
        rename_vars: bool,
        build: bool,
    ) -> Result<Option<FeatStruct>> {
        let mut nodes = Vec::with_capacity(self.nodes.len() + other.nodes.len());
        let r1 = absorb(&mut nodes, self);
        let r2 = absorb(&mut nodes, other);
        let mut u = Unifier {
            nodes,
            forward: super::Scratch::new(),
            bindings: BTreeMap::new(),
        };
        if let Some(b) = &user {
            for (k, v) in b.iter() {
                let val = match v {
                    FeatValue::Struct(fs) => Value::Node(absorb(&mut u.nodes, fs)),
                    other => other.to_base(),
                };
                u.bindings.insert(Name::from(k.as_str()), val);
            }
        }
        u.forward.extend(0..u.nodes.len());
        if rename_vars && needs_renaming(self, other) {
            // Rename fs2's variables that fs1 also uses.
            let vars1: HashSet<String> = self.variables().into_iter().collect();
            let mut used: HashSet<String> = other.variables().into_iter().collect();
            let ids2 = reachable(&u.nodes, r2);
            rename_in(
                &mut u.nodes,
                &ids2,
                Some(&vars1),
                &mut used,
                &mut HashMap::new(),
            )?;
        }
        match u.destructive(r1, r2, 0) {
            Ok(()) => {}
            Err(Stop::Fail) => return Ok(None),
            Err(Stop::Error(e)) => return Err(e),
        }
        // Apply forwards everywhere reachable.
        let root = u.resolve(r1);
        u.apply_forwards();
        if u.bindings.is_empty() && user.is_none() && !has_complex(self) && !has_complex(other) {
            // No variable was bound and no expression or sequence value
            // is there to simplify: substitution would change nothing.
            let arena = FeatStruct {
                nodes: u.nodes,
                root,
                tree: false,
            };
            return Ok(Some(if build {
                arena.into_extract(root).check_depth()?
            } else {
                arena.check_depth()?
            }));
        }
        let keys: Vec<Name> = u.bindings.keys().cloned().collect();
        // NLTK forwards bound structures only for bindings the caller gave
        // (`_apply_forwards_to_bindings`); otherwise a variable keeps the
        // structure it was first bound to.
        for k in keys.iter().filter(|_| user.is_some()) {
            if let Some(Value::Node(c)) = u.bindings.get(k).cloned() {
                let t = u.resolve(c);
                u.bindings.insert(k.clone(), Value::Node(t));
            }
        }
        // Resolve aliases.
        for k in &keys {
            let mut steps = 0;
            while let Some(Value::Var(v)) = u.bindings.get(k).cloned() {
                let Some(next) = u.bindings.get(&v).cloned() else {
                    break;
                };
                u.bindings.insert(k.clone(), next);
                steps += 1;
                if steps > keys.len() {
                    break;
                }
            }
        }
        // Substitute bindings (reachable from the result, and from bound
        // structures, which NLTK shares with the result).
        let mut roots = vec![root];
        roots.extend(u.bindings.values().filter_map(|v| match v {
            Value::Node(c) => Some(*c),
            _ => None,
        }));
        let bindings = u.bindings.clone();
        substitute_in(&mut u.nodes, &roots, &bindings)?;
        let arena = FeatStruct {
            nodes: u.nodes,
            root,
            tree: false,
        };
        if let Some(b) = user {
            b.clear();
            for (k, v) in &u.bindings {
                b.insert(k.to_string(), arena.export(v));
            }
        }
        Ok(Some(if build {
            arena.into_extract(root).check_depth()?
        } else {
            arena.check_depth()?
        }))
    }

    /// NLTK's `subsumes`: unifying `self` with `other` gives a structure
    /// equal (with reentrance) to `other`.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let general = FeatStruct::fromstring("[a=1]").unwrap();
    /// let specific = FeatStruct::fromstring("[a=1, b=2]").unwrap();
    /// assert!(general.subsumes(&specific).unwrap());
    /// assert!(!specific.subsumes(&general).unwrap());
    /// ```
    pub fn subsumes(&self, other: &FeatStruct) -> Result<bool> {
        Ok(match self.unify(other)? {
            Some(u) => equal(other, &u, true),
            None => false,
        })
    }
}
