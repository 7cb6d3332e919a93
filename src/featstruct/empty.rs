//! Unification with an empty feature dictionary (`[]`), the commonest case
//! of the unification benchmark (about four pairs in ten): the result is a
//! copy of the other structure, made as one plain copy of its node vector
//! instead of through the work structures of `overlay.rs`.
//!
//! Why it equals what `overlay.rs` builds (and so NLTK's answer): the empty
//! side has no variables, so nothing is renamed and, with no feature to
//! unify against, no variable is bound. When the first input is `[]`, the
//! second's root features are merged into it in NLTK's sorted order (each
//! one new, so added as it is), and every other node is copied as it is;
//! when the second input is `[]`, nothing is merged and the first is copied
//! as it is. The copy keeps the same sharing and cycles. Structures outside
//! the overlay's common case (expressions, sequences, `*slash*`, many
//! variables), a list against `[]` (a conflict), duplicate root names or
//! nodes not reached from the root are left to the other paths.

use smallvec::SmallVec;

use super::{DictItems, FeatStruct, ListItems, Node, Value};

/// `unify(a, b)` without caller bindings when `a` or `b` is an empty
/// feature dictionary: `None` when this shortcut does not apply.
pub(super) fn unify(a: &FeatStruct, b: &FeatStruct) -> Option<crate::Result<Option<FeatStruct>>> {
    let empty = |fs: &FeatStruct| matches!(fs.nodes.get(fs.root), Some(Node::Dict(items)) if items.is_empty());
    let (other, merged) = if empty(a) {
        (b, true)
    } else if empty(b) {
        (a, false)
    } else {
        return None;
    };
    if !matches!(other.nodes.get(other.root), Some(Node::Dict(_))) {
        return None;
    }
    let mut vars = SmallVec::new();
    if !super::overlay::scan(other, &mut vars) {
        return None;
    }
    let again = reach(other)?;
    // Items pushed one by one into vectors of their exact size, values
    // copied by `copy_value` (inlined): `Vec::clone` and `extend` with
    // `cloned()` each made calls per item, a measurable share here.
    let mut nodes = Vec::with_capacity(other.nodes.len());
    for node in &other.nodes {
        nodes.push(match node {
            Node::Dict(items) => {
                let mut out = DictItems::with_capacity(items.len());
                for (k, v) in items {
                    out.push((k.clone(), copy_value(v)));
                }
                Node::Dict(out)
            }
            Node::List(items) => {
                let mut out = ListItems::with_capacity(items.len());
                for v in items {
                    out.push(copy_value(v));
                }
                Node::List(out)
            }
        });
    }
    if merged {
        // The features merged into `[]` arrive in NLTK's order.
        if let Some(Node::Dict(items)) = nodes.get_mut(other.root) {
            items.sort_by(|x, y| super::print::feature_order(&x.0, &y.0));
            if items.windows(2).any(|w| w[0].0 == w[1].0) {
                return None;
            }
        }
    }
    let fs = FeatStruct {
        nodes,
        root: other.root,
        tree: !again,
    };
    // Too deep: the general algorithm gives the error.
    fs.check_depth().ok().map(|fs| Ok(Some(fs)))
}

/// A copy of `v`: the plain variants copied here, inline, the rest
/// (expressions, sequences) by their `Clone`.
#[inline(always)]
fn copy_value(v: &Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(*i),
        Value::Bool(b) => Value::Bool(*b),
        Value::None => Value::None,
        Value::Node(c) => Value::Node(*c),
        Value::Str(s) => Value::Str(s.clone()),
        Value::Var(s) => Value::Var(s.clone()),
        other => other.clone(),
    }
}

/// Walks `fs` from its root: `None` when some node is not reached (the
/// copy would keep it), else whether a node was reached twice.
fn reach(fs: &FeatStruct) -> Option<bool> {
    let mut seen: SmallVec<[bool; 24]> = SmallVec::from_elem(false, fs.nodes.len());
    let mut stack: SmallVec<[usize; 24]> = SmallVec::new();
    stack.push(fs.root);
    let mut reached = 0;
    let mut again = false;
    while let Some(id) = stack.pop() {
        match seen.get_mut(id) {
            Some(s) if !*s => *s = true,
            Some(_) => {
                again = true;
                continue;
            }
            None => return None,
        }
        reached += 1;
        if let Some(node) = fs.nodes.get(id) {
            stack.extend(node.values().filter_map(|v| match v {
                Value::Node(c) => Some(*c),
                _ => None,
            }));
        }
    }
    (reached == fs.nodes.len()).then_some(again)
}
