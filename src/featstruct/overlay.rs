//! Unification without copying the inputs up front: the common case of
//! [`FeatStruct::unify`] (no caller bindings, no logic-expression, sequence
//! or `*slash*` value), done as NLTK's `_destructively_unify` but over the
//! two input structures as they are. Variable bindings are kept in a small
//! list and substituted while the result is finished, as NLTK's
//! `_substitute_bindings`; a variable bound to a structure keeps that
//! structure as it was when the structure was merged into another one (NLTK
//! forwards only the caller's bindings), so such a structure is kept, or
//! copied again from its input, for the substitution.
//!
//! The nodes of both inputs are addressed through tagged references
//! (`TAG_A | k`, `TAG_B | k`) and copied into the result only when the
//! algorithm writes to them (a node that receives features) or when the
//! result reaches them; a node of one side merged into a node of the other
//! is read in place and never copied. The result is therefore built once,
//! with no compaction pass unless a copied node was merged away (forwarded),
//! which needs reentrance on both sides.
//!
//! Anything outside the common case (nesting past the walk limit) answers
//! "fall back", and
//! [`FeatStruct::unify`] then runs the general algorithm of `unify.rs` from
//! the start, so results are the same as that algorithm's in every case.

use smallvec::SmallVec;

use super::subst::rename_variable_among;
use super::{DictItems, FeatStruct, ListItems, Name, Node, NodeId, Value};

/// Index work lists: small structures keep them on the stack.
type Ids = SmallVec<[usize; 24]>;

/// Tag of a reference to a node of the first input, not yet copied.
const TAG_A: usize = 1 << (usize::BITS - 1);
/// Tag of a reference to a node of the second input, not yet copied.
const TAG_B: usize = 1 << (usize::BITS - 2);
const TAGS: usize = TAG_A | TAG_B;
/// Marks a side-map entry whose input node was merged in place into the
/// node it names (rather than copied to it).
const MERGED: usize = 1 << (usize::BITS - 3);
/// No node yet (in the side maps).
const NONE: usize = usize::MAX;

/// Deepest structure walked (as the general algorithm's limit).
const WALK_LIMIT: usize = super::MAX_DRAW_DEPTH;
/// The most variable occurrences the precheck lists (more: the general path).
const VAR_LIMIT: usize = 32;

thread_local! {
    /// The work vectors of the last unification on this thread, emptied,
    /// kept for the next one.
    static WORK: std::cell::RefCell<Work> = const {
        std::cell::RefCell::new(Work {
            nodes: Vec::new(),
            forward: Vec::new(),
            amap: Vec::new(),
            bmap: Vec::new(),
        })
    };
}

/// The result's nodes while they are built and the index maps of the walk,
/// in vectors kept from one unification to the next: a unification that
/// fails allocates no nodes, one that succeeds copies its nodes into a
/// vector of their exact size, and starting one moves four vector headers
/// rather than building index arrays on the stack and copying them into
/// place (those copies were a measurable share of a small unification).
struct Work {
    /// The result's nodes (copied input nodes).
    nodes: Vec<Node>,
    /// NLTK's forward pointers between copied nodes (itself: none).
    forward: Vec<usize>,
    /// The copied node or merge target of each node of each input.
    amap: Vec<usize>,
    bmap: Vec<usize>,
}

impl Work {
    /// This thread's kept vectors (new ones when they are in use), the
    /// side maps filled with `NONE` for inputs of `alen` and `blen` nodes.
    fn take(alen: usize, blen: usize) -> Work {
        let mut w = WORK
            .try_with(|w| {
                w.try_borrow_mut().ok().map(|mut w| Work {
                    nodes: std::mem::take(&mut w.nodes),
                    forward: std::mem::take(&mut w.forward),
                    amap: std::mem::take(&mut w.amap),
                    bmap: std::mem::take(&mut w.bmap),
                })
            })
            .ok()
            .flatten()
            .unwrap_or(Work {
                nodes: Vec::new(),
                forward: Vec::new(),
                amap: Vec::new(),
                bmap: Vec::new(),
            });
        w.nodes.reserve(alen + blen);
        w.amap.resize(alen, NONE);
        w.bmap.resize(blen, NONE);
        w
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        // Large vectors are freed rather than kept.
        let limit = 1 << 12;
        if self.nodes.capacity() > limit
            || self.forward.capacity() > limit
            || self.amap.capacity() > limit
            || self.bmap.capacity() > limit
        {
            return;
        }
        self.nodes.clear();
        self.forward.clear();
        self.amap.clear();
        self.bmap.clear();
        // Swapped field by field with the thread's (empty) vectors, so no
        // other `Work` is dropped here.
        let _ = WORK.try_with(|w| {
            if let Ok(mut w) = w.try_borrow_mut() {
                std::mem::swap(&mut w.nodes, &mut self.nodes);
                std::mem::swap(&mut w.forward, &mut self.forward);
                std::mem::swap(&mut w.amap, &mut self.amap);
                std::mem::swap(&mut w.bmap, &mut self.bmap);
            }
        });
    }
}

/// Why the walk stopped.
enum Stop {
    /// The structures conflict (NLTK's `_UnificationFailureError`).
    Fail,
    /// Outside the common case: run the general algorithm.
    Fallback,
}

/// Lists the variables of `fs` into `vars`; `false` when `fs` holds a value
/// the common case does not handle (expression, sequence, `*slash*`) or
/// too many variables.
pub(super) fn scan<'a>(fs: &'a FeatStruct, vars: &mut SmallVec<[&'a str; 8]>) -> bool {
    let mut count = 0;
    // One test per value, inlined into the loops below (this pass reads
    // every item of both inputs, so a call per value was a measurable
    // share of a small unification).
    #[inline(always)]
    fn check<'a>(v: &'a Value, count: &mut usize, vars: &mut SmallVec<[&'a str; 8]>) -> bool {
        match v {
            Value::Var(name) => {
                *count += 1;
                let name = name.as_str();
                if !vars.contains(&name) {
                    vars.push(name);
                }
                *count < VAR_LIMIT
            }
            Value::Expr(_) | Value::Seq(..) => false,
            _ => true,
        }
    }
    for node in &fs.nodes {
        match node {
            Node::Dict(items) => {
                for (k, v) in items {
                    // Both special names start with `*`: most names are
                    // told apart by their first byte.
                    if k.as_bytes().first() == Some(&b'*') && k == super::SLASH {
                        return false;
                    }
                    if !check(v, &mut count, vars) {
                        return false;
                    }
                }
            }
            Node::List(items) => {
                for v in items {
                    if !check(v, &mut count, vars) {
                        return false;
                    }
                }
            }
        }
    }
    true
}

/// A value of input `tag` as the work structure holds it: node references
/// tagged, variables renamed.
fn translate(v: &Value, tag: usize, renames: &[(Name, Name)]) -> Value {
    match v {
        Value::Node(c) => Value::Node(tag | c),
        Value::Var(name) if tag == TAG_B && !renames.is_empty() => {
            match renames.iter().find(|(old, _)| old == name) {
                Some((_, new)) => Value::Var(new.clone()),
                None => v.clone(),
            }
        }
        other => other.clone(),
    }
}

struct Overlay<'a> {
    a: &'a FeatStruct,
    b: &'a FeatStruct,
    /// The result's nodes, forward pointers and side maps.
    w: Work,
    /// The second input's variables renamed apart (old, new).
    renames: SmallVec<[(Name, Name); 4]>,
    /// NLTK's `bindings`: variable to value (a structure as the reference
    /// it had when bound).
    bindings: SmallVec<[(Name, Value); 4]>,
    /// Separate copies of bound input nodes that were merged in place
    /// (input reference, copy).
    stale: SmallVec<[(usize, NodeId); 2]>,
}

impl<'a> Overlay<'a> {
    /// Follows a reference to its current node: a copied node (forwards
    /// followed) or a tagged input node not copied yet.
    fn resolve(&self, mut r: usize) -> usize {
        loop {
            let next = if r & TAGS != 0 {
                let map = if r & TAG_A != 0 {
                    &self.w.amap
                } else {
                    &self.w.bmap
                };
                match map.get(r & !TAGS) {
                    Some(&m) if m != NONE => m & !MERGED,
                    _ => return r,
                }
            } else {
                match self.w.forward.get(r) {
                    Some(&t) if t != r => t,
                    _ => return r,
                }
            };
            r = next;
        }
    }

    /// The input node behind a tagged reference.
    fn source(&self, r: usize) -> Option<(&'a Node, usize)> {
        let (fs, tag) = if r & TAG_A != 0 {
            (self.a, TAG_A)
        } else {
            (self.b, TAG_B)
        };
        fs.nodes.get(r & !TAGS).map(|n| (n, tag))
    }

    /// The side-map entry of tagged reference `r`.
    fn map_entry(&self, r: usize) -> usize {
        let map = if r & TAG_A != 0 {
            &self.w.amap
        } else {
            &self.w.bmap
        };
        map.get(r & !TAGS).copied().unwrap_or(NONE)
    }

    /// Whether a variable is bound to copied node `n` (NLTK then keeps the
    /// node's items when it is merged into another node).
    fn is_bound(&self, n: NodeId) -> bool {
        self.bindings.iter().any(|(_, v)| match v {
            Value::Node(x) if x & TAGS == 0 => *x == n,
            Value::Node(x) => self.map_entry(*x) == n,
            _ => false,
        })
    }

    /// The node a variable bound to reference `x` is replaced by: the node
    /// as it was bound, never followed through forwards.
    fn bound_node(&mut self, x: usize) -> Result<NodeId, Stop> {
        if x & TAGS == 0 {
            return Ok(x);
        }
        match self.map_entry(x) {
            NONE => self.materialize(x),
            m if m & MERGED == 0 => Ok(m),
            _ => {
                // Merged in place: the input node as it was, copied once.
                if let Some(&(_, id)) = self.stale.iter().find(|(k, _)| *k == x) {
                    return Ok(id);
                }
                let id = self.copy_node(x)?;
                self.stale.push((x, id));
                Ok(id)
            }
        }
    }

    /// Copies the input node behind tagged reference `r` into the result.
    fn materialize(&mut self, r: usize) -> Result<NodeId, Stop> {
        let id = self.copy_node(r)?;
        let map = if r & TAG_A != 0 {
            &mut self.w.amap
        } else {
            &mut self.w.bmap
        };
        if let Some(slot) = map.get_mut(r & !TAGS) {
            *slot = id;
        }
        Ok(id)
    }

    /// Appends a copy of the input node behind tagged reference `r`.
    fn copy_node(&mut self, r: usize) -> Result<NodeId, Stop> {
        let (src, tag) = self.source(r).ok_or(Stop::Fallback)?;
        let renames = &self.renames;
        let node = match src {
            Node::Dict(items) => {
                let mut out = DictItems::with_capacity(items.len());
                out.extend(
                    items
                        .iter()
                        .map(|(k, v)| (k.clone(), translate(v, tag, renames))),
                );
                Node::Dict(out)
            }
            Node::List(items) => {
                let mut out = ListItems::with_capacity(items.len());
                out.extend(items.iter().map(|v| translate(v, tag, renames)));
                Node::List(out)
            }
        };
        let id = self.w.nodes.len();
        self.w.nodes.push(node);
        self.w.forward.push(id);
        Ok(id)
    }

    /// NLTK's `_destructively_unify(n1, n2)` on resolved references.
    fn destructive(&mut self, n1: usize, n2: usize, depth: usize) -> Result<(), Stop> {
        if n1 == n2 {
            return Ok(());
        }
        if depth > WALK_LIMIT {
            return Err(Stop::Fallback);
        }
        let n1 = if n1 & TAGS != 0 {
            self.materialize(n1)?
        } else {
            n1
        };
        if n2 & TAGS != 0 {
            // An input node, merged in place: read, never copied.
            let (src, tag) = self.source(n2).ok_or(Stop::Fallback)?;
            let map = if tag == TAG_A {
                &mut self.w.amap
            } else {
                &mut self.w.bmap
            };
            if let Some(slot) = map.get_mut(n2 & !TAGS) {
                *slot = n1 | MERGED;
            }
            match (self.w.nodes.get(n1), src) {
                (Some(Node::Dict(_)), Node::Dict(items2)) => {
                    let sorted = items2
                        .windows(2)
                        .all(|w| super::print::feature_order(&w[0].0, &w[1].0).is_le());
                    if sorted {
                        for (name, v2) in items2 {
                            let v2 = translate(v2, tag, &self.renames);
                            self.merge_feature(n1, name, v2, depth)?;
                        }
                    } else {
                        let mut order: SmallVec<[&(Name, Value); 8]> = items2.iter().collect();
                        order.sort_by(|a, b| super::print::feature_order(&a.0, &b.0));
                        for (name, v2) in order {
                            let v2 = translate(v2, tag, &self.renames);
                            self.merge_feature(n1, name, v2, depth)?;
                        }
                    }
                    Ok(())
                }
                (Some(Node::List(l1)), Node::List(l2)) => {
                    if l1.len() != l2.len() {
                        return Err(Stop::Fail);
                    }
                    for (idx, v2) in l2.iter().enumerate() {
                        let v2 = translate(v2, tag, &self.renames);
                        self.merge_item(n1, idx, v2, depth)?;
                    }
                    Ok(())
                }
                _ => Err(Stop::Fail),
            }
        } else {
            // A copied node: forwarded, its items moved into n1.
            if let Some(slot) = self.w.forward.get_mut(n2) {
                *slot = n1;
            }
            // A node bound to a variable keeps its items (NLTK substitutes
            // it as it is now).
            let bound = self.is_bound(n2);
            let node2 = match self.w.nodes.get_mut(n2) {
                Some(Node::Dict(items)) if bound => Node::Dict(items.clone()),
                Some(Node::List(items)) if bound => Node::List(items.clone()),
                Some(Node::Dict(items)) => Node::Dict(std::mem::take(items)),
                Some(Node::List(items)) => Node::List(std::mem::take(items)),
                None => return Err(Stop::Fallback),
            };
            match (self.w.nodes.get(n1), node2) {
                (Some(Node::Dict(_)), Node::Dict(mut items2)) => {
                    items2.sort_by(|a, b| super::print::feature_order(&a.0, &b.0));
                    for (name, v2) in items2 {
                        self.merge_feature(n1, &name, v2, depth)?;
                    }
                    Ok(())
                }
                (Some(Node::List(l1)), Node::List(l2)) => {
                    if l1.len() != l2.len() {
                        return Err(Stop::Fail);
                    }
                    for (idx, v2) in l2.into_iter().enumerate() {
                        self.merge_item(n1, idx, v2, depth)?;
                    }
                    Ok(())
                }
                _ => Err(Stop::Fail),
            }
        }
    }

    /// `fs1[name] = unify(fs1[name], v2)`, or `fs1[name] = v2`.
    fn merge_feature(
        &mut self,
        n1: NodeId,
        name: &Name,
        v2: Value,
        depth: usize,
    ) -> Result<(), Stop> {
        let v1 = match self.w.nodes.get(n1) {
            Some(Node::Dict(i1)) => i1.iter().position(|(k, _)| k == name).map(|p| {
                let v = i1.get(p).map_or(Value::None, |(_, v)| v.clone());
                (p, v)
            }),
            _ => return Err(Stop::Fallback),
        };
        match v1 {
            Some((pos, v1)) => {
                let r = self.unify_values(v1, v2, depth)?;
                if let Some(Node::Dict(i1)) = self.w.nodes.get_mut(n1) {
                    if let Some(slot) = i1.get_mut(pos) {
                        slot.1 = r;
                    }
                }
            }
            None => {
                if let Some(Node::Dict(i1)) = self.w.nodes.get_mut(n1) {
                    i1.push((name.clone(), v2));
                }
            }
        }
        Ok(())
    }

    /// `fs1[idx] = unify(fs1[idx], v2)` for feature lists.
    fn merge_item(&mut self, n1: NodeId, idx: usize, v2: Value, depth: usize) -> Result<(), Stop> {
        let v1 = match self.w.nodes.get(n1) {
            Some(Node::List(l)) => l.get(idx).cloned().unwrap_or(Value::None),
            _ => return Err(Stop::Fallback),
        };
        let r = self.unify_values(v1, v2, depth)?;
        if let Some(Node::List(l)) = self.w.nodes.get_mut(n1) {
            if let Some(slot) = l.get_mut(idx) {
                *slot = r;
            }
        }
        Ok(())
    }

    /// The value bound to variable `name`, if any.
    fn bound(&self, name: &Name) -> Option<&Value> {
        self.bindings
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// `bindings[name] = value`.
    fn bind(&mut self, name: Name, value: Value) {
        match self.bindings.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.bindings.push((name, value)),
        }
    }

    /// Follows `v` through the bindings while it is a bound variable; the
    /// last bound variable passed, if any.
    fn deref(&self, mut v: Value) -> (Value, Option<Name>) {
        let mut last = None;
        // Bindings never form a cycle (a variable is bound only while
        // unbound, to something other than itself); the bound is a guard.
        for _ in 0..=self.bindings.len() {
            let next = match &v {
                Value::Var(name) => match self.bound(name) {
                    Some(b) => (name.clone(), b.clone()),
                    None => break,
                },
                _ => break,
            };
            last = Some(next.0);
            v = next.1;
        }
        (v, last)
    }

    /// NLTK's `_unify_feature_values`.
    fn unify_values(&mut self, v1: Value, v2: Value, depth: usize) -> Result<Value, Stop> {
        if let (Value::Node(a), Value::Node(b)) = (&v1, &v2) {
            let (a, b) = (self.resolve(*a), self.resolve(*b));
            self.destructive(a, b, depth + 1)?;
            return Ok(Value::Node(a));
        }
        let (v1, var1) = self.deref(v1);
        let (v2, var2) = self.deref(v2);
        match (v1, v2) {
            (Value::Node(a), Value::Node(b)) => {
                let (a, b) = (self.resolve(a), self.resolve(b));
                self.destructive(a, b, depth + 1)?;
                Ok(Value::Node(a))
            }
            (Value::Var(a), Value::Var(b)) => {
                if a != b {
                    self.bind(b, Value::Var(a.clone()));
                }
                Ok(Value::Var(a))
            }
            (Value::Var(a), Value::Node(n)) => {
                let n = self.resolve(n);
                self.bind(a.clone(), Value::Node(n));
                Ok(Value::Var(a))
            }
            (Value::Node(n), Value::Var(b)) => {
                let n = self.resolve(n);
                self.bind(b.clone(), Value::Node(n));
                Ok(Value::Var(b))
            }
            (Value::Var(a), q) => {
                self.bind(a.clone(), q);
                Ok(Value::Var(a))
            }
            (p, Value::Var(b)) => {
                self.bind(b.clone(), p);
                Ok(Value::Var(b))
            }
            (Value::Node(_), _) | (_, Value::Node(_)) => Err(Stop::Fail),
            (p, q) => {
                if !p.base_eq(&q) {
                    return Err(Stop::Fail);
                }
                let mut result = p;
                if let Some(f1) = &var1 {
                    self.bind(f1.clone(), result);
                    result = Value::Var(f1.clone());
                }
                if let Some(f2) = var2 {
                    if Some(&f2) != var1.as_ref() {
                        self.bind(f2.clone(), result);
                        result = Value::Var(f2);
                    }
                }
                Ok(result)
            }
        }
    }

    /// Copies what the result still reaches of the inputs and points every
    /// reference at its node; the number of nodes reached, and whether one
    /// was reached twice (reentrance).
    fn finish(&mut self, root: NodeId) -> Result<(usize, bool), Stop> {
        let mut seen: Ids = SmallVec::from_elem(0, self.w.nodes.len());
        let mut stack = Ids::new();
        stack.push(root);
        let mut reached = 0;
        let mut again = false;
        while let Some(id) = stack.pop() {
            if seen.len() <= id {
                seen.resize(id + 1, 0);
            }
            match seen.get_mut(id) {
                Some(s) if *s == 0 => *s = 1,
                _ => {
                    again = true;
                    continue;
                }
            }
            reached += 1;
            let len = match self.w.nodes.get(id) {
                Some(Node::Dict(items)) => items.len(),
                Some(Node::List(items)) => items.len(),
                None => 0,
            };
            for i in 0..len {
                let item = match self.w.nodes.get(id) {
                    Some(Node::Dict(items)) => items.get(i).map(|(_, v)| v),
                    Some(Node::List(items)) => items.get(i),
                    None => None,
                };
                let r = match item {
                    Some(Value::Node(r)) => *r,
                    // NLTK's `_substitute_bindings`: a bound variable is
                    // replaced by its value.
                    Some(Value::Var(name)) if !self.bindings.is_empty() => {
                        let (mut v, _) = self.deref(Value::Var(name.clone()));
                        if let Value::Node(x) = v {
                            let t = self.bound_node(x)?;
                            v = Value::Node(t);
                            stack.push(t);
                        }
                        match self.w.nodes.get_mut(id) {
                            Some(Node::Dict(items)) => {
                                if let Some((_, slot)) = items.get_mut(i) {
                                    *slot = v;
                                }
                            }
                            Some(Node::List(items)) => {
                                if let Some(slot) = items.get_mut(i) {
                                    *slot = v;
                                }
                            }
                            None => {}
                        }
                        continue;
                    }
                    _ => continue,
                };
                let mut t = self.resolve(r);
                if t & TAGS != 0 {
                    t = self.materialize(t)?;
                }
                match self.w.nodes.get_mut(id) {
                    Some(Node::Dict(items)) => {
                        if let Some((_, v)) = items.get_mut(i) {
                            *v = Value::Node(t);
                        }
                    }
                    Some(Node::List(items)) => {
                        if let Some(v) = items.get_mut(i) {
                            *v = Value::Node(t);
                        }
                    }
                    None => {}
                }
                stack.push(t);
            }
        }
        Ok((reached, again))
    }
}

/// The common case of `unify(a, b)` (no caller bindings): `None` when it
/// does not apply and the general algorithm must run.
pub(super) fn unify(
    a: &FeatStruct,
    b: &FeatStruct,
    rename_vars: bool,
) -> Option<crate::Result<Option<FeatStruct>>> {
    let mut avars: SmallVec<[&str; 8]> = SmallVec::new();
    let mut bvars: SmallVec<[&str; 8]> = SmallVec::new();
    if !scan(a, &mut avars) || !scan(b, &mut bvars) {
        return None;
    }
    let mut renames: SmallVec<[(Name, Name); 4]> = SmallVec::new();
    if rename_vars && bvars.iter().any(|v| avars.contains(v)) {
        // NLTK's `rename_variables(vars=fs1 vars, used_vars=fs2 vars)` on
        // the second structure, in its visiting order.
        // The used names in a short list (at most VAR_LIMIT of the second
        // structure's plus the new ones), searched in place: no set to hash
        // into and no string allocated for a short name.
        let mut used: SmallVec<[Name; 8]> = bvars.iter().map(|v| Name::from(*v)).collect();
        let mut order = Ids::new();
        super::subst::preorder(&b.nodes, b.root, &mut order);
        for &id in &order {
            let Some(node) = b.nodes.get(id) else {
                continue;
            };
            for v in node.values() {
                if let Value::Var(name) = v {
                    if avars.contains(&name.as_str()) && !renames.iter().any(|(o, _)| o == name) {
                        let new = rename_variable_among(name, &used);
                        used.push(new.clone());
                        renames.push((name.clone(), new));
                    }
                }
            }
        }
    }
    let mut o = Overlay {
        a,
        b,
        w: Work::take(a.nodes.len(), b.nodes.len()),
        renames,
        bindings: SmallVec::new(),
        stale: SmallVec::new(),
    };
    let (r1, r2) = (TAG_A | a.root, TAG_B | b.root);
    match o.destructive(r1, r2, 0) {
        Ok(()) => {}
        Err(Stop::Fail) => return Some(Ok(None)),
        Err(Stop::Fallback) => return None,
    }
    let mut root = o.resolve(r1);
    if root & TAGS != 0 {
        root = o.materialize(root).ok()?;
    }
    let (reached, again) = o.finish(root).ok()?;
    let all = reached == o.w.nodes.len();
    let fs = FeatStruct {
        nodes: o.w.nodes.drain(..).collect(),
        root,
        tree: false,
    };
    let mut fs = if all { fs } else { fs.into_extract(root) };
    fs.tree = !again;
    // Too deep: the general algorithm gives the error.
    fs.check_depth().ok().map(|fs| Ok(Some(fs)))
}
