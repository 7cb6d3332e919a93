//! Variable renaming and binding substitution (NLTK's `rename_variables`,
//! `substitute_bindings`), logic-expression values included: an expression
//! value is rewritten with NLTK's `Expression.substitute_bindings` (replace
//! each bound variable, then `simplify()`).

use std::collections::{BTreeMap, HashMap, HashSet};

use smallvec::SmallVec;

use super::{Bindings, FeatStruct, Name, Node, NodeId, Value};
use crate::sem::logic::Expression;
use crate::{Error, Result};

/// How deep a chain of expression bindings is followed (a variable bound
/// to an expression that mentions another bound variable, …).
const SUBST_LIMIT: usize = 64;

/// NLTK's `Expression.substitute_bindings`: each of the expression's
/// variables (`variables()`, in name order) that `bindings` binds is
/// replaced by its value (a variable or an expression, itself substituted
/// first), then the result is simplified.
pub(crate) fn substitute_expr(
    e: &Expression,
    bindings: &BTreeMap<Name, Value>,
    depth: usize,
) -> Result<Expression> {
    if depth > SUBST_LIMIT {
        return Err(Error::InvalidInput(
            "variable bindings of logic expressions nest too deeply (cyclic bindings?)".into(),
        ));
    }
    let mut expr = e.clone();
    for var in e.variables() {
        let Some(val) = bindings.get(var.name()) else {
            continue;
        };
        let val = match val {
            Value::Var(name) => Expression::variable(name),
            Value::Expr(x) => x.clone(),
            other => {
                return Err(Error::InvalidInput(format!(
                    "Can not substitute a non-expression value into an expression: {}",
                    super::print::base_repr(other)
                )))
            }
        };
        let val = substitute_expr(&val, bindings, depth + 1)?;
        expr = expr.replace(&var, &val, false, true)?;
    }
    expr.simplify()
}

/// NLTK's `_rename_variable`: strip trailing digits, add the first free
/// number from 2.
pub(crate) fn rename_variable(var: &str, used: &HashSet<String>) -> Name {
    let mut name = var
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string();
    if name.is_empty() {
        name = "?".into();
    }
    let mut n = 2u64;
    while used.contains(&format!("{name}{n}")) {
        n += 1;
    }
    compact_str::format_compact!("{name}{n}")
}

/// [`rename_variable`] with the used names in a short list: the same new
/// name, built without formatting machinery or a string per candidate
/// (the unification fast path renames through this).
pub(crate) fn rename_variable_among(var: &str, used: &[Name]) -> Name {
    use compact_str::ToCompactString;
    let mut stem = var.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.is_empty() {
        stem = "?";
    }
    let mut n = 2u64;
    loop {
        let digits = n.to_compact_string();
        let mut name = Name::with_capacity(stem.len() + digits.len());
        name.push_str(stem);
        name.push_str(&digits);
        if !used.contains(&name) {
            return name;
        }
        n += 1;
    }
}

/// Node ids reachable from `root`, preorder (NLTK's visiting order).
pub(crate) fn reachable(nodes: &[Node], root: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    preorder(nodes, root, &mut out);
    out
}

/// [`reachable`], appended to `out`; the work lists stay on the stack for
/// small structures (unification's fast path walks one per pair that
/// shares variables).
pub(crate) fn preorder(nodes: &[Node], root: NodeId, out: &mut impl Extend<NodeId>) {
    let mut seen: SmallVec<[bool; 24]> = SmallVec::from_elem(false, nodes.len());
    let mut stack: SmallVec<[NodeId; 24]> = SmallVec::new();
    stack.push(root);
    while let Some(id) = stack.pop() {
        match seen.get_mut(id) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        out.extend([id]);
        if let Some(node) = nodes.get(id) {
            let start = stack.len();
            stack.extend(node.values().filter_map(|v| match v {
                Value::Node(c) => Some(*c),
                _ => None,
            }));
            if let Some(pushed) = stack.get_mut(start..) {
                pushed.reverse();
            }
        }
    }
}

/// Renames, in the nodes `ids` (in order), the variables in `vars` (all
/// when `None`) to names not in `used` (NLTK's `_rename_variables`).
pub(crate) fn rename_in(
    nodes: &mut [Node],
    ids: &[NodeId],
    vars: Option<&HashSet<String>>,
    used: &mut HashSet<String>,
    new_vars: &mut HashMap<Name, Name>,
) -> Result<()> {
    let wanted = |name: &str| vars.is_none_or(|v| v.contains(name));
    for &id in ids {
        let Some(node) = nodes.get_mut(id) else {
            continue;
        };
        let values: Vec<&mut Value> = match node {
            Node::Dict(items) => items.iter_mut().map(|(_, v)| v).collect(),
            Node::List(items) => items.iter_mut().collect(),
        };
        for v in values {
            match v {
                Value::Var(name) => {
                    if let Some(n) = new_vars.get(name.as_str()) {
                        *name = n.clone();
                    } else if wanted(name) {
                        let n = rename_variable(name, used);
                        used.insert(n.to_string());
                        new_vars.insert(name.clone(), n.clone());
                        *name = n;
                    }
                }
                Value::Expr(e) => {
                    for var in e.variables() {
                        let name = var.name();
                        if wanted(name) && !new_vars.contains_key(name) {
                            let n = rename_variable(name, used);
                            used.insert(n.to_string());
                            new_vars.insert(name.into(), n);
                        }
                    }
                    let map: BTreeMap<Name, Value> = new_vars
                        .iter()
                        .map(|(k, n)| (k.clone(), Value::Var(n.clone())))
                        .collect();
                    *e = substitute_expr(e, &map, 0)?;
                }
                Value::Seq(k, items) => {
                    let mut vars = Vec::new();
                    super::seq::seq_variables(items, &mut vars);
                    for name in vars {
                        if wanted(&name) && !new_vars.contains_key(name.as_str()) {
                            let n = rename_variable(&name, used);
                            used.insert(n.to_string());
                            new_vars.insert(name.into(), n);
                        }
                    }
                    let map: BTreeMap<Name, Value> = new_vars
                        .iter()
                        .map(|(k, n)| (k.clone(), Value::Var(n.clone())))
                        .collect();
                    *v = super::seq::substitute_seq(*k, items, &map)?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Replaces, in every node reachable from `roots` (bound structures
/// followed as they are substituted in), each variable bound in `bindings`
/// by its value (following chains) and substitutes into expression values
/// (NLTK's `_substitute_bindings`).
pub(crate) fn substitute_in(
    nodes: &mut [Node],
    roots: &[NodeId],
    bindings: &BTreeMap<Name, Value>,
) -> Result<()> {
    let limit = bindings.len() + 1;
    let mut seen = super::Scratch::filled(nodes.len(), 0);
    let mut stack = super::Scratch::new();
    stack.extend(roots.iter().rev().copied());
    while let Some(id) = stack.pop() {
        match seen.get_mut(id) {
            Some(s) if *s == 0 => *s = 1,
            _ => continue,
        }
        let Some(node) = nodes.get_mut(id) else {
            continue;
        };
        let first_kid = stack.len();
        for v in node.values_mut() {
            let mut steps = 0;
            while let Value::Var(name) = v {
                let Some(b) = bindings.get(name.as_str()) else {
                    break;
                };
                *v = b.clone();
                steps += 1;
                if steps > limit {
                    break;
                }
            }
            match v {
                Value::Expr(e) => *e = substitute_expr(e, bindings, 0)?,
                Value::Seq(k, items) => *v = super::seq::substitute_seq(*k, items, bindings)?,
                Value::Node(c) => stack.push(*c),
                _ => {}
            }
        }
        if let Some(kids) = stack.get_mut(first_kid..) {
            kids.reverse();
        }
    }
    Ok(())
}

impl FeatStruct {
    /// Whether any value is a variable, an expression or a sequence (what
    /// renaming or substitution may rewrite).
    pub(crate) fn has_substitutable(&self) -> bool {
        self.nodes.iter().any(|n| {
            n.values()
                .any(|v| matches!(v, Value::Var(_) | Value::Expr(_) | Value::Seq(..)))
        })
    }

    /// Whether any value is a variable bound in `bindings`, an expression
    /// or a sequence.
    fn has_substitutable_in(&self, bindings: &Bindings) -> bool {
        self.nodes.iter().any(|n| {
            n.values().any(|v| match v {
                Value::Var(name) => bindings.contains_key(name.as_str()),
                Value::Expr(_) | Value::Seq(..) => true,
                _ => false,
            })
        })
    }

    /// NLTK's `rename_variables(used_vars=...)`: a copy in which every
    /// variable gets a new name (`?x` → `?x2`, the first number from 2 not
    /// used in the structure or in `used`). Logic-expression values are
    /// renamed too (and simplified, as NLTK does).
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let fs = FeatStruct::fromstring("[a=?x, b=?y]").unwrap();
    /// let r = fs.rename_variables(&["?x2".to_string()]).unwrap();
    /// assert_eq!(r.repr(), "[a=?x3, b=?y2]");
    /// ```
    pub fn rename_variables(&self, used: &[String]) -> Result<FeatStruct> {
        if !self.has_substitutable() {
            // Nothing to rename (and no expression to rewrite).
            return Ok(self.clone());
        }
        let mut out = self.clone();
        let mut used_set: HashSet<String> = self.variables().into_iter().collect();
        used_set.extend(used.iter().cloned());
        let ids = reachable(&out.nodes, out.root);
        rename_in(
            &mut out.nodes,
            &ids,
            None,
            &mut used_set,
            &mut HashMap::new(),
        )?;
        Ok(out)
    }

    /// NLTK's `substitute_bindings`: a copy in which each variable bound by
    /// `bindings` is replaced by its value; logic-expression values have
    /// their bound variables replaced and are simplified.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::{Bindings, FeatStruct, FeatValue};
    /// use nlkit::sem::logic::Expression;
    /// let fs = FeatStruct::fromstring(r"[NUM=?n, SEM=<?P(john)>]").unwrap();
    /// let mut b = Bindings::new();
    /// b.insert("?n".into(), FeatValue::Str("sg".into()));
    /// b.insert("?P".into(), FeatValue::Expr(Expression::fromstring(r"\y.dog(y)").unwrap()));
    /// let r = fs.substitute_bindings(&b).unwrap();
    /// assert_eq!(r.repr(), "[NUM='sg', SEM=<dog(john)>]");
    /// ```
    pub fn substitute_bindings(&self, bindings: &Bindings) -> Result<FeatStruct> {
        if !self.has_substitutable_in(bindings) {
            // No bound variable and no expression or sequence value: the
            // substitution changes nothing.
            return self.extract(self.root).check_depth();
        }
        let mut nodes = self.nodes.clone();
        let mut map = BTreeMap::new();
        for (k, v) in bindings {
            let val = match v {
                super::FeatValue::Struct(fs) => Value::Node(super::unify::absorb(&mut nodes, fs)),
                other => other.to_base(),
            };
            map.insert(Name::from(k.as_str()), val);
        }
        substitute_in(&mut nodes, &[self.root], &map)?;
        let arena = FeatStruct {
            nodes,
            root: self.root,
            tree: false,
        };
        let root = arena.root;
        arena.into_extract(root).check_depth()
    }
}
