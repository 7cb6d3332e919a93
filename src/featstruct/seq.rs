//! Tuple and set feature values (NLTK's `FeatureValueTuple`,
//! `FeatureValueSet`, and the `+` forms `FeatureValueConcat`,
//! `FeatureValueUnion`): `(a, b)`, `{a, b}`, `(?x + b)`, `{?x + {a}}`.
//! A concatenation or union without variables collapses into a tuple or
//! set, as NLTK's constructors do; so does one substituted to be
//! variable-free.

use std::collections::BTreeMap;

use super::{Name, SeqKind, Value};
use crate::Result;

/// Splices elements of kind `kind` into the list (NLTK's `_flatten`).
fn flatten(values: Vec<Value>, kind: SeqKind) -> Vec<Value> {
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        match v {
            Value::Seq(k, items) if k == kind => out.extend(items),
            other => out.push(other),
        }
    }
    out
}

fn dedup(values: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(values.len());
    for v in values {
        if !out.iter().any(|o| o.base_eq(&v)) {
            out.push(v);
        }
    }
    out
}

/// Builds a sequence value as NLTK's class constructors do.
pub(crate) fn make_seq(kind: SeqKind, values: Vec<Value>) -> Value {
    let has_var = |vs: &[Value]| vs.iter().any(|v| matches!(v, Value::Var(_)));
    match kind {
        SeqKind::Tuple => Value::Seq(SeqKind::Tuple, values),
        SeqKind::Set => Value::Seq(SeqKind::Set, dedup(values)),
        SeqKind::Concat => {
            let values = flatten(values, SeqKind::Concat);
            if !has_var(&values) {
                return Value::Seq(SeqKind::Tuple, flatten(values, SeqKind::Tuple));
            }
            if values.len() == 1 {
                return values.into_iter().next().unwrap_or(Value::None);
            }
            Value::Seq(SeqKind::Concat, values)
        }
        SeqKind::Union => {
            let values = flatten(values, SeqKind::Union);
            if !has_var(&values) {
                return make_seq(SeqKind::Set, flatten(values, SeqKind::Set));
            }
            let values = dedup(values);
            if values.len() == 1 {
                return values.into_iter().next().unwrap_or(Value::None);
            }
            Value::Seq(SeqKind::Union, values)
        }
    }
}

/// Python `==` between two sequence values.
pub(crate) fn seq_eq(k1: SeqKind, a: &[Value], k2: SeqKind, b: &[Value]) -> bool {
    let tuple_like = |k| matches!(k, SeqKind::Tuple | SeqKind::Concat);
    if tuple_like(k1) && tuple_like(k2) {
        return a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.base_eq(y));
    }
    if !tuple_like(k1) && !tuple_like(k2) {
        return a.iter().all(|x| b.iter().any(|y| x.base_eq(y)))
            && b.iter().all(|y| a.iter().any(|x| x.base_eq(y)));
    }
    false
}

/// Python's `str()` of an element (`%s`).
fn elem_str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Expr(e) => e.to_string(),
        other => super::print::base_repr(other),
    }
}

/// NLTK's `repr()` of a sequence value.
pub(crate) fn seq_repr(kind: SeqKind, items: &[Value]) -> String {
    let strs: Vec<String> = items.iter().map(elem_str).collect();
    match kind {
        SeqKind::Tuple if strs.is_empty() => "()".into(),
        SeqKind::Tuple => format!("({})", strs.join(", ")),
        SeqKind::Concat => format!("({})", strs.join("+")),
        SeqKind::Set | SeqKind::Union => {
            if strs.is_empty() {
                return "{/}".into();
            }
            let mut strs = strs;
            strs.sort();
            let sep = if kind == SeqKind::Set { ", " } else { "+" };
            format!("{{{}}}", strs.join(sep))
        }
    }
}

/// NLTK's `SubstituteBindingsSequence.variables()`.
pub(crate) fn seq_variables(items: &[Value], out: &mut Vec<String>) {
    for v in items {
        if let Value::Var(s) = v {
            out.push(s.to_string());
        }
    }
    for v in items {
        match v {
            Value::Seq(_, inner) => seq_variables(inner, out),
            Value::Expr(e) => out.extend(e.variables().iter().map(|x| x.name().to_string())),
            _ => {}
        }
    }
}

/// NLTK's `SubstituteBindingsSequence.substitute_bindings`: each element
/// substituted (one step for a variable), then the constructor again.
pub(crate) fn substitute_seq(
    kind: SeqKind,
    items: &[Value],
    bindings: &BTreeMap<Name, Value>,
) -> Result<Value> {
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        out.push(match v {
            Value::Seq(k, inner) => substitute_seq(*k, inner, bindings)?,
            Value::Expr(e) => Value::Expr(super::subst::substitute_expr(e, bindings, 0)?),
            Value::Var(name) => bindings
                .get(name.as_str())
                .cloned()
                .unwrap_or_else(|| v.clone()),
            other => other.clone(),
        });
    }
    Ok(make_seq(kind, out))
}
