//! Skolemization, conjunctive normal form and clauses: NLTK's
//! `nltk.sem.skolemize` and `nltk.inference.resolution.clausify`.

use std::collections::BTreeSet;

use super::resolution::Clause;
use super::MAX_STEPS;
use crate::sem::logic::{counter, set_counter, BinOp, Binder, Expr, Expression, VarKind, Variable};
use crate::{Error, Result};

/// NLTK's `unique_variable(ignore=...)`: `z<n>`, skipping names in `ignore`.
pub(crate) fn fresh_z(ignore: &BTreeSet<Variable>) -> Variable {
    loop {
        let n = counter().wrapping_add(1);
        set_counter(n);
        let v = Variable::new(&format!("z{n}"));
        if !ignore.contains(&v) {
            return v;
        }
    }
}

/// NLTK's `skolem_function(univ_scope)`: `F<n>` applied to the universally
/// quantified variables in scope (in name order; NLTK takes a set's order).
fn skolem_function(scope: &BTreeSet<Variable>) -> Result<Expression> {
    let n = counter().wrapping_add(1);
    set_counter(n);
    let mut f = Expression::variable(&format!("F{n}"));
    for v in scope {
        f = f.apply(&Expression::var(v.clone()))?;
    }
    Ok(f)
}

fn and(a: Expression, b: Expression) -> Result<Expression> {
    a.binary(BinOp::And, &b)
}

fn not(e: &Expression) -> Result<Expression> {
    e.negate()
}

/// NLTK's `to_cnf(first, second)`: distributes `first | second` over `&`.
fn to_cnf(first: Expression, second: Expression, budget: &mut usize) -> Result<Expression> {
    if *budget == 0 {
        return Err(super::limit_error());
    }
    *budget -= 1;
    if let Expr::Binary(BinOp::And, a, b) = first.expr() {
        let l = to_cnf(a.clone(), second.clone(), budget)?;
        let r = to_cnf(b.clone(), second, budget)?;
        return and(l, r);
    }
    if let Expr::Binary(BinOp::And, a, b) = second.expr() {
        let l = to_cnf(first.clone(), a.clone(), budget)?;
        let r = to_cnf(first, b.clone(), budget)?;
        return and(l, r);
    }
    first.binary(BinOp::Or, &second)
}

fn with(set: &BTreeSet<Variable>, v: &Variable) -> BTreeSet<Variable> {
    let mut s = set.clone();
    s.insert(v.clone());
    s
}

fn cannot(e: &Expression) -> Error {
    Error::InvalidInput(format!("'{e}' cannot be skolemized"))
}

/// Skolemizes `e` and puts it in conjunctive normal form: NLTK's
/// `skolemize(expression)`. Fresh names come from the logic module's
/// counter, as NLTK's do. Each case is its own function, so the frames of
/// this recursion (as deep as the formula) stay small.
pub(crate) fn skolemize(
    e: &Expression,
    scope: &BTreeSet<Variable>,
    used: &BTreeSet<Variable>,
    budget: &mut usize,
) -> Result<Expression> {
    if *budget == 0 {
        return Err(super::limit_error());
    }
    *budget -= 1;
    match e.expr() {
        Expr::Binder(kind @ (Binder::All | Binder::Exists), v, t) => {
            quantified(*kind, v, t, scope, used, budget)
        }
        Expr::Binary(BinOp::Eq, ..) | Expr::Application(..) => Ok(e.clone()),
        Expr::Binary(op, a, b) => binary(*op, a, b, scope, used, budget),
        Expr::Negated(n) => negated(e, n, scope, used, budget),
        _ => Err(cannot(e)),
    }
}

#[inline(never)]
fn quantified(
    kind: Binder,
    v: &Variable,
    t: &Expression,
    scope: &BTreeSet<Variable>,
    used: &BTreeSet<Variable>,
    budget: &mut usize,
) -> Result<Expression> {
    if kind == Binder::All {
        let term = skolemize(t, &with(scope, v), &with(used, v), budget)?;
        return term.replace(v, &Expression::var(fresh_z(used)), false, true);
    }
    let term = skolemize(t, scope, &with(used, v), budget)?;
    let by = if scope.is_empty() {
        Expression::var(fresh_z(used))
    } else {
        skolem_function(scope)?
    };
    term.replace(v, &by, false, true)
}

#[inline(never)]
fn binary(
    op: BinOp,
    a: &Expression,
    b: &Expression,
    scope: &BTreeSet<Variable>,
    used: &BTreeSet<Variable>,
    budget: &mut usize,
) -> Result<Expression> {
    match op {
        BinOp::And => {
            let l = skolemize(a, scope, used, budget)?;
            and(l, skolemize(b, scope, used, budget)?)
        }
        BinOp::Or => {
            let l = skolemize(a, scope, used, budget)?;
            let r = skolemize(b, scope, used, budget)?;
            to_cnf(l, r, budget)
        }
        BinOp::Imp => {
            let l = skolemize(&not(a)?, scope, used, budget)?;
            let r = skolemize(b, scope, used, budget)?;
            to_cnf(l, r, budget)
        }
        _ => {
            let l1 = skolemize(&not(a)?, scope, used, budget)?;
            let l2 = skolemize(b, scope, used, budget)?;
            let l = to_cnf(l1, l2, budget)?;
            let r1 = skolemize(a, scope, used, budget)?;
            let r2 = skolemize(&not(b)?, scope, used, budget)?;
            let r = to_cnf(r1, r2, budget)?;
            and(l, r)
        }
    }
}

#[inline(never)]
fn negated(
    e: &Expression,
    n: &Expression,
    scope: &BTreeSet<Variable>,
    used: &BTreeSet<Variable>,
    budget: &mut usize,
) -> Result<Expression> {
    match n.expr() {
        Expr::Binder(Binder::All, v, t) => {
            let term = skolemize(&not(t)?, scope, &with(used, v), budget)?;
            let by = if scope.is_empty() {
                Expression::var(fresh_z(used))
            } else {
                skolem_function(scope)?
            };
            term.replace(v, &by, false, true)
        }
        Expr::Binder(Binder::Exists, v, t) => {
            let term = skolemize(&not(t)?, &with(scope, v), &with(used, v), budget)?;
            term.replace(v, &Expression::var(fresh_z(used)), false, true)
        }
        Expr::Binary(BinOp::Eq, ..) | Expr::Application(..) => Ok(e.clone()),
        Expr::Binary(op, a, b) => negated_binary(*op, a, b, scope, used, budget),
        Expr::Negated(t) => skolemize(t, scope, used, budget),
        _ => Err(cannot(e)),
    }
}

#[inline(never)]
fn negated_binary(
    op: BinOp,
    a: &Expression,
    b: &Expression,
    scope: &BTreeSet<Variable>,
    used: &BTreeSet<Variable>,
    budget: &mut usize,
) -> Result<Expression> {
    match op {
        BinOp::And => {
            let l = skolemize(&not(a)?, scope, used, budget)?;
            let r = skolemize(&not(b)?, scope, used, budget)?;
            to_cnf(l, r, budget)
        }
        BinOp::Or => {
            let l = skolemize(&not(a)?, scope, used, budget)?;
            and(l, skolemize(&not(b)?, scope, used, budget)?)
        }
        BinOp::Imp => {
            let l = skolemize(a, scope, used, budget)?;
            and(l, skolemize(&not(b)?, scope, used, budget)?)
        }
        _ => {
            let l1 = skolemize(&not(a)?, scope, used, budget)?;
            let l2 = skolemize(&not(b)?, scope, used, budget)?;
            let l = to_cnf(l1, l2, budget)?;
            let r1 = skolemize(a, scope, used, budget)?;
            let r2 = skolemize(b, scope, used, budget)?;
            let r = to_cnf(r1, r2, budget)?;
            and(l, r)
        }
    }
}

/// NLTK's `_clausify` of a skolemized CNF expression.
fn clausify_cnf(e: &Expression, out: &mut Vec<Vec<Expression>>) -> Result<()> {
    use crate::sem::logic::BinOp;
    match e.expr() {
        Expr::Binary(BinOp::And, a, b) => {
            clausify_cnf(a, out)?;
            clausify_cnf(b, out)
        }
        Expr::Binary(BinOp::Or, a, b) => {
            let mut first = Vec::new();
            clausify_cnf(a, &mut first)?;
            let mut second = Vec::new();
            clausify_cnf(b, &mut second)?;
            match (first.as_slice(), second.as_slice()) {
                ([x], [y]) => {
                    out.push(x.iter().chain(y).cloned().collect());
                    Ok(())
                }
                _ => Err(Error::InvalidInput("clausify: not in CNF".into())),
            }
        }
        Expr::Binary(BinOp::Eq, ..) | Expr::Application(..) => {
            out.push(vec![e.clone()]);
            Ok(())
        }
        Expr::Negated(t)
            if matches!(
                t.expr(),
                Expr::Application(..) | Expr::Binary(BinOp::Eq, ..)
            ) =>
        {
            out.push(vec![e.clone()]);
            Ok(())
        }
        _ => Err(Error::InvalidInput(format!(
            "ProverParseError: cannot clausify '{e}'"
        ))),
    }
}

/// Skolemizes `e`, converts it to clauses and renames each clause's
/// individual variables apart (`z1`, `z2`, … from the logic counter):
/// NLTK's `clausify`. Variables of one clause are renamed in name order
/// (NLTK: in a set's order).
///
/// # Errors
/// Expressions NLTK cannot skolemize or clausify (bare propositions,
/// lambdas), the step budget.
///
/// # Example
/// ```
/// use nlkit::sem::inference::clausify;
/// use nlkit::sem::logic::{set_counter, Expression};
/// set_counter(0);
/// let c = clausify(&Expression::fromstring("all x.(man(x) -> mortal(x))")?)?;
/// assert_eq!(c[0].to_string(), "{-man(z2), mortal(z2)}");
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn clausify(e: &Expression) -> Result<Vec<Clause>> {
    let mut budget = MAX_STEPS;
    let sk = skolemize(e, &BTreeSet::new(), &BTreeSet::new(), &mut budget)?;
    let mut raw = Vec::new();
    clausify_cnf(&sk, &mut raw)?;
    let mut out = Vec::new();
    for mut clause in raw {
        let mut free = BTreeSet::new();
        for a in &clause {
            free.extend(a.free());
            free.extend(a.constants());
        }
        for v in free {
            if v.kind() == VarKind::Individual {
                let nv = Expression::var(fresh_z(&BTreeSet::new()));
                clause = clause
                    .iter()
                    .map(|a| a.replace(&v, &nv, false, true))
                    .collect::<Result<_>>()?;
            }
        }
        out.push(Clause::new(clause));
    }
    Ok(out)
}
