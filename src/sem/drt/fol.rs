//! DRT to first-order logic (NLTK's `fol()`) and pronoun resolution
//! (NLTK's `resolve_anaphora`).

use super::{order_ref_strings, DrtExpr, DrtExpression};
use crate::sem::inference::{prove, Method, ProofResult};
use crate::sem::logic::{BinOp, Binder, Expr, Expression, Variable};
use crate::{Error, Result};

/// Most (pronoun, referent) examinations one `resolve_anaphora` call makes
/// (NLTK's `MAX_ANAPHORA_OPERATIONS`); past it the call fails instead of
/// running for quadratic time.
pub const MAX_ANAPHORA_OPERATIONS: usize = 1_000_000;

fn conj(parts: Vec<Expression>) -> Result<Option<Expression>> {
    let mut it = parts.into_iter();
    let Some(mut acc) = it.next() else {
        return Ok(None);
    };
    for p in it {
        acc = acc.binary(BinOp::And, &p)?;
    }
    Ok(Some(acc))
}

impl DrtExpression {
    /// The first-order formula this DRT expression means: NLTK's `fol()`.
    /// A DRS becomes `exists refs.(c1 & c2 …)`; a DRS with a consequent
    /// `all refs.((c1 & …) -> consequent)`; a merge `(A & B)`.
    ///
    /// # Errors
    /// A DRS with no conditions and no consequent ("Cannot convert DRS with
    /// no conditions to FOL."), unresolved candidate lists, a result deeper
    /// than [`crate::sem::logic::MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring(r"([],[(([x],[man(x)]) -> ([],[walks(x)]))])")?;
    /// assert_eq!(d.fol()?.to_string(), "all x.(man(x) -> walks(x))");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn fol(&self) -> Result<Expression> {
        match self.expr() {
            DrtExpr::Variable(v) => Ok(Expression::var(v.clone())),
            DrtExpr::PossibleAntecedents(_) => Err(Error::InvalidInput(
                "'PossibleAntecedents' object has no attribute 'fol'".into(),
            )),
            DrtExpr::Application(f, a) => f.fol()?.apply(&a.fol()?),
            DrtExpr::Lambda(v, t) => {
                Expression::new(Expr::Binder(Binder::Lambda, v.clone(), t.fol()?))
            }
            DrtExpr::Negated(t) => t.fol()?.negate(),
            DrtExpr::Or(a, b) => a.fol()?.binary(BinOp::Or, &b.fol()?),
            DrtExpr::Eq(a, b) => a.fol()?.binary(BinOp::Eq, &b.fol()?),
            DrtExpr::Proposition(_, d) => d.fol(),
            DrtExpr::Concat(a, b, c) => {
                let e = a.fol()?.binary(BinOp::And, &b.fol()?)?;
                match c {
                    Some(c) => e.binary(BinOp::Imp, &c.fol()?),
                    None => Ok(e),
                }
            }
            DrtExpr::Drs(refs, conds, cons) => {
                let parts = conds.iter().map(|c| c.fol()).collect::<Result<Vec<_>>>()?;
                if let Some(c) = cons {
                    let mut acc = match conj(parts)? {
                        Some(a) => a.binary(BinOp::Imp, &c.fol()?)?,
                        None => c.fol()?,
                    };
                    for r in refs.iter().rev() {
                        acc = Expression::new(Expr::Binder(Binder::All, r.clone(), acc))?;
                    }
                    return Ok(acc);
                }
                let Some(mut acc) = conj(parts)? else {
                    return Err(Error::InvalidInput(
                        "Cannot convert DRS with no conditions to FOL.".into(),
                    ));
                };
                for r in order_ref_strings(refs).into_iter().rev() {
                    acc = Expression::new(Expr::Binder(Binder::Exists, Variable::new(r), acc))?;
                }
                Ok(acc)
            }
        }
    }

    /// Whether the two expressions are logically equivalent: NLTK's
    /// `equiv(other, prover)` (both simplified, converted to first-order
    /// logic, and `(a <-> b)` given to the prover).
    ///
    /// # Errors
    /// As [`DrtExpression::fol`], and formulas the prover cannot take.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// use nlkit::sem::inference::{Method, ProofResult};
    /// let a = DrtExpression::fromstring("([x],[man(x), walks(x)])")?;
    /// let b = DrtExpression::fromstring("([x],[walks(x), man(x)])")?;
    /// assert_eq!(a.equiv(&b, Method::Tableau)?, ProofResult::Proved);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn equiv(&self, other: &DrtExpression, method: Method) -> Result<ProofResult> {
        let f1 = self.simplify()?.fol()?.simplify()?;
        let f2 = other.simplify()?.fol()?.simplify()?;
        prove(method, &f1.binary(BinOp::Iff, &f2)?, &[])
    }

    /// Replaces each `PRO(x)` condition by `(x = y)` for the one accessible
    /// referent `y` of `x`'s kind, or `(x = [y,z])` when there are several:
    /// NLTK's `resolve_anaphora`. Accessible referents are those of the
    /// DRSs (and lambdas, merges, negations) the pronoun is inside.
    ///
    /// # Errors
    /// A pronoun directly in a DRS with nothing to refer to ("Variable 'x'
    /// does not resolve to anything."), more than
    /// [`MAX_ANAPHORA_OPERATIONS`] examinations, a proposition (NLTK
    /// returns `None` for one).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring(r"([x,y,z],[dog(x), cat(y), walks(z), PRO(z)])")?;
    /// assert_eq!(d.resolve_anaphora()?.to_string(), "([x,y,z],[dog(x), cat(y), walks(z), (z = [x,y])])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn resolve_anaphora(&self) -> Result<DrtExpression> {
        let mut trail = Vec::new();
        let mut st = State {
            budget: MAX_ANAPHORA_OPERATIONS,
            proposition: false,
        };
        let r = resolve(self, &mut trail, &mut st)?;
        if st.proposition {
            // NLTK leaves `None` in the result and only fails on use.
            return Err(Error::InvalidInput(
                "resolve_anaphora: propositions are not supported (NLTK returns None)".into(),
            ));
        }
        Ok(r)
    }
}

/// The walk's shared state: examinations left, whether a proposition was
/// met.
struct State {
    budget: usize,
    proposition: bool,
}

fn resolve<'a>(
    e: &'a DrtExpression,
    trail: &mut Vec<&'a DrtExpression>,
    budget: &mut State,
) -> Result<DrtExpression> {
    let mk = DrtExpression::new;
    if e.is_pronoun_function() {
        let DrtExpr::Application(_, arg) = e.expr() else {
            return Ok(e.clone());
        };
        let Some(x) = arg.as_variable() else {
            return Ok(e.clone());
        };
        let mut candidates = Vec::new();
        for ancestor in trail.iter() {
            for r in ancestor.get_refs(false) {
                if budget.budget == 0 {
                    return Err(Error::InvalidInput(format!(
                        "Refusing to resolve anaphora: examining candidate antecedents \
                         exceeded the limit of {MAX_ANAPHORA_OPERATIONS} (pronoun, referent) \
                         steps (CWE-770)."
                    )));
                }
                budget.budget -= 1;
                if r.kind() == x.kind() && r != *x {
                    candidates.push(r);
                }
            }
        }
        let resolution = if candidates.len() == 1 {
            DrtExpression::var(candidates.remove(0))
        } else {
            mk(DrtExpr::PossibleAntecedents(candidates))?
        };
        return mk(DrtExpr::Eq(arg.clone(), resolution));
    }
    trail.push(e);
    let r = resolve_children(e, trail, budget);
    trail.pop();
    r
}

fn resolve_children<'a>(
    e: &'a DrtExpression,
    trail: &mut Vec<&'a DrtExpression>,
    budget: &mut State,
) -> Result<DrtExpression> {
    let mk = DrtExpression::new;
    match e.expr() {
        DrtExpr::Variable(_) | DrtExpr::PossibleAntecedents(_) => Ok(e.clone()),
        DrtExpr::Application(f, a) => {
            let f2 = resolve(f, trail, budget)?;
            mk(DrtExpr::Application(f2, resolve(a, trail, budget)?))
        }
        DrtExpr::Drs(refs, conds, cons) => {
            let mut out = Vec::with_capacity(conds.len());
            for c in conds {
                let mut r = resolve(c, trail, budget)?;
                if let DrtExpr::Eq(a, b) = r.expr() {
                    let (a, b) = if matches!(a.expr(), DrtExpr::PossibleAntecedents(_)) {
                        (b.clone(), a.clone())
                    } else {
                        (a.clone(), b.clone())
                    };
                    if let DrtExpr::PossibleAntecedents(list) = b.expr() {
                        if list.is_empty() {
                            return Err(Error::InvalidInput(format!(
                                "Variable '{a}' does not resolve to anything."
                            )));
                        }
                    }
                    r = mk(DrtExpr::Eq(a, b))?;
                }
                out.push(r);
            }
            let cons2 = match cons {
                Some(c) => Some(resolve(c, trail, budget)?),
                None => None,
            };
            mk(DrtExpr::Drs(refs.clone(), out, cons2))
        }
        DrtExpr::Negated(t) => mk(DrtExpr::Negated(resolve(t, trail, budget)?)),
        DrtExpr::Concat(a, b, c) => {
            let c2 = match c {
                Some(c) => Some(resolve(c, trail, budget)?),
                None => None,
            };
            let a2 = resolve(a, trail, budget)?;
            mk(DrtExpr::Concat(a2, resolve(b, trail, budget)?, c2))
        }
        DrtExpr::Or(a, b) => {
            let a2 = resolve(a, trail, budget)?;
            mk(DrtExpr::Or(a2, resolve(b, trail, budget)?))
        }
        DrtExpr::Eq(a, b) => {
            let a2 = resolve(a, trail, budget)?;
            mk(DrtExpr::Eq(a2, resolve(b, trail, budget)?))
        }
        DrtExpr::Lambda(v, t) => mk(DrtExpr::Lambda(v.clone(), resolve(t, trail, budget)?)),
        DrtExpr::Proposition(..) => {
            budget.proposition = true;
            Ok(e.clone())
        }
    }
}
