//! Substitution, beta reduction and DRS merging, alpha-equivalence,
//! `normalize` and `eliminate_equality`, in NLTK's order (so fresh
//! variables get NLTK's numbers).

use std::cell::Cell;
use std::collections::BTreeSet;

use super::{DrtExpr, DrtExpression};
use crate::sem::logic::{unique_variable, VarKind, Variable, MAX_DEPTH, MAX_SIMPLIFY_SIZE};
use crate::{Error, Result};

/// Nested calls allowed at once (beta reduction simplifies its result from
/// inside the application being simplified, so calls can nest deeper than
/// the tree).
const MAX_CALL_DEPTH: usize = 2 * MAX_DEPTH;

thread_local! {
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

struct CallGuard;

impl CallGuard {
    fn enter() -> Result<CallGuard> {
        CALLS.with(|c| {
            let n = c.get();
            if n >= MAX_CALL_DEPTH {
                Err(Error::InvalidInput(format!(
                    "Expression nesting exceeds the maximum depth ({MAX_DEPTH})."
                )))
            } else {
                c.set(n + 1);
                Ok(CallGuard)
            }
        })
    }
}

impl Drop for CallGuard {
    fn drop(&mut self) {
        CALLS.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

fn mk(e: DrtExpr) -> Result<DrtExpression> {
    DrtExpression::new(e)
}

fn fresh(v: &Variable) -> Result<DrtExpression> {
    Ok(DrtExpression::var(unique_variable(v)?))
}

/// NLTK's `_exceeds_size` over `visit` children.
fn exceeds_size(e: &DrtExpression, limit: usize) -> bool {
    let mut count = 0usize;
    let mut stack = vec![e];
    while let Some(n) = stack.pop() {
        count += 1;
        if count > limit {
            return true;
        }
        stack.extend(n.children());
    }
    false
}

fn not_a_variable(e: &DrtExpression) -> Error {
    Error::InvalidInput(format!("{e} is not a AbstractVariableExpression"))
}

fn opt_replace(
    c: &Option<DrtExpression>,
    v: &Variable,
    e: &DrtExpression,
    bound: bool,
    alpha: bool,
) -> Result<Option<DrtExpression>> {
    c.as_ref()
        .map(|c| c.replace(v, e, bound, alpha))
        .transpose()
}

fn replace_all(
    conds: &[DrtExpression],
    v: &Variable,
    e: &DrtExpression,
    bound: bool,
    alpha: bool,
) -> Result<Vec<DrtExpression>> {
    conds
        .iter()
        .map(|c| c.replace(v, e, bound, alpha))
        .collect()
}

impl DrtExpression {
    /// Replaces the free occurrences of `variable` with `expression`:
    /// NLTK's `replace(variable, expression, replace_bound, alpha_convert)`.
    /// With `replace_bound`, a DRS referent or lambda variable that is
    /// `variable` is renamed too (`expression` must be a variable); with
    /// `alpha_convert`, referents and binders that occur free in
    /// `expression` are first renamed to fresh variables.
    ///
    /// # Errors
    /// `replace_bound` with a non-variable; a result deeper than
    /// [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// use nlkit::sem::logic::{set_counter, Variable};
    /// set_counter(0);
    /// let d = DrtExpression::fromstring("([x],[give(x,y,z)])")?;
    /// let x = DrtExpression::fromstring("x")?;
    /// let r = d.replace(&Variable::new("y"), &x, false, true)?;
    /// assert_eq!(r.to_string(), "([z1],[give(z1,x,z)])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn replace(
        &self,
        variable: &Variable,
        expression: &DrtExpression,
        replace_bound: bool,
        alpha_convert: bool,
    ) -> Result<DrtExpression> {
        let _g = CallGuard::enter()?;
        let (v, e, rb, ac) = (variable, expression, replace_bound, alpha_convert);
        match self.expr() {
            DrtExpr::Variable(w) => Ok(if w == v { e.clone() } else { self.clone() }),
            DrtExpr::PossibleAntecedents(_) => mk(DrtExpr::PossibleAntecedents(Vec::new())),
            DrtExpr::Application(a, b) => {
                let a2 = a.replace(v, e, rb, ac)?;
                mk(DrtExpr::Application(a2, b.replace(v, e, rb, ac)?))
            }
            DrtExpr::Or(a, b) => {
                let a2 = a.replace(v, e, rb, ac)?;
                mk(DrtExpr::Or(a2, b.replace(v, e, rb, ac)?))
            }
            DrtExpr::Eq(a, b) => {
                let a2 = a.replace(v, e, rb, ac)?;
                mk(DrtExpr::Eq(a2, b.replace(v, e, rb, ac)?))
            }
            DrtExpr::Negated(t) => mk(DrtExpr::Negated(t.replace(v, e, rb, ac)?)),
            DrtExpr::Proposition(label, d) => mk(DrtExpr::Proposition(
                label.clone(),
                d.replace(v, e, rb, ac)?,
            )),
            DrtExpr::Lambda(w, t) => {
                if w == v {
                    if !rb {
                        return Ok(self.clone());
                    }
                    let nv = e.as_variable().ok_or_else(|| not_a_variable(e))?;
                    return mk(DrtExpr::Lambda(nv.clone(), t.replace(v, e, true, ac)?));
                }
                let mut this = self.clone();
                if ac && e.free().contains(w) {
                    this = this.alpha_convert(&unique_variable(w)?)?;
                }
                let DrtExpr::Lambda(w2, t2) = this.expr() else {
                    return Ok(this);
                };
                mk(DrtExpr::Lambda(w2.clone(), t2.replace(v, e, rb, ac)?))
            }
            DrtExpr::Drs(refs, conds, cons) => {
                if let Some(i) = refs.iter().position(|r| r == v) {
                    if !rb {
                        return Ok(self.clone());
                    }
                    let nv = e.as_variable().ok_or_else(|| not_a_variable(e))?;
                    let mut refs2 = refs.clone();
                    refs2[i] = nv.clone();
                    let cons2 = opt_replace(cons, v, e, true, ac)?;
                    return mk(DrtExpr::Drs(
                        refs2,
                        replace_all(conds, v, e, true, ac)?,
                        cons2,
                    ));
                }
                let (mut refs, mut conds, mut cons) = (refs.clone(), conds.clone(), cons.clone());
                if ac {
                    let efree = e.free();
                    let clash: BTreeSet<Variable> =
                        refs.iter().filter(|r| efree.contains(r)).cloned().collect();
                    for r in clash {
                        let nv = fresh(&r)?;
                        if let Some(i) = refs.iter().position(|x| *x == r) {
                            cons = opt_replace(&cons, &r, &nv, true, ac)?;
                            conds = replace_all(&conds, &r, &nv, true, ac)?;
                            if let Some(name) = nv.as_variable() {
                                refs[i] = name.clone();
                            }
                        }
                    }
                }
                let cons2 = opt_replace(&cons, v, e, rb, ac)?;
                mk(DrtExpr::Drs(
                    refs,
                    replace_all(&conds, v, e, rb, ac)?,
                    cons2,
                ))
            }
            DrtExpr::Concat(a, b, c) => {
                let (mut a, mut b, mut c) = (a.clone(), b.clone(), c.clone());
                if self.get_refs(false).contains(v) {
                    if rb {
                        a = a.replace(v, e, rb, ac)?;
                        b = b.replace(v, e, rb, ac)?;
                        c = opt_replace(&c, v, e, rb, ac)?;
                    }
                } else {
                    if ac {
                        let efree = e.free();
                        let clash: BTreeSet<Variable> = self
                            .get_refs(true)
                            .into_iter()
                            .filter(|r| efree.contains(r))
                            .collect();
                        for r in clash {
                            let nv = fresh(&r)?;
                            a = a.replace(&r, &nv, true, ac)?;
                            b = b.replace(&r, &nv, true, ac)?;
                            c = opt_replace(&c, &r, &nv, true, ac)?;
                        }
                    }
                    a = a.replace(v, e, rb, ac)?;
                    b = b.replace(v, e, rb, ac)?;
                    c = opt_replace(&c, v, e, rb, ac)?;
                }
                mk(DrtExpr::Concat(a, b, c))
            }
        }
    }

    /// Renames a lambda's variable to `newvar` throughout its term: NLTK's
    /// `alpha_convert`. Other expressions are returned unchanged.
    ///
    /// # Errors
    /// A result deeper than [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// use nlkit::sem::logic::Variable;
    /// let e = DrtExpression::fromstring(r"\x.([],[P(x)])")?;
    /// assert_eq!(e.alpha_convert(&Variable::new("z"))?.to_string(), r"\z.([],[P(z)])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn alpha_convert(&self, newvar: &Variable) -> Result<DrtExpression> {
        match self.expr() {
            DrtExpr::Lambda(v, t) => {
                let t2 = t.replace(v, &DrtExpression::var(newvar.clone()), true, true)?;
                mk(DrtExpr::Lambda(newvar.clone(), t2))
            }
            _ => Ok(self.clone()),
        }
    }

    /// Beta-reduces, and merges `A + B` into one DRS where both sides are
    /// DRSs (renaming referents of `B` that `A` also has): NLTK's
    /// `simplify()`.
    ///
    /// # Errors
    /// One reduction produced more than
    /// [`crate::sem::logic::MAX_SIMPLIFY_SIZE`] subexpressions, or the result
    /// nests deeper than [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring(r"\x.\y.([z],[dog(z),sees(x,y)])(john)(mary)")?;
    /// assert_eq!(d.simplify()?.to_string(), "([z],[dog(z), sees(john,mary)])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn simplify(&self) -> Result<DrtExpression> {
        let _g = CallGuard::enter()?;
        match self.expr() {
            DrtExpr::Variable(_) | DrtExpr::PossibleAntecedents(_) => Ok(self.clone()),
            DrtExpr::Application(f, a) => {
                let f2 = f.simplify()?;
                let a2 = a.simplify()?;
                let DrtExpr::Lambda(v, term) = f2.expr() else {
                    return mk(DrtExpr::Application(f2, a2));
                };
                let result = term.replace(v, &a2, false, true)?;
                if exceeds_size(&result, MAX_SIMPLIFY_SIZE) {
                    return Err(Error::InvalidInput(format!(
                        "Refusing to beta-reduce: result exceeds MAX_SIMPLIFY_SIZE \
                         ({MAX_SIMPLIFY_SIZE}) subexpressions; the expression may cause \
                         exponential blow-up (CWE-400)."
                    )));
                }
                result.simplify()
            }
            DrtExpr::Lambda(v, t) => mk(DrtExpr::Lambda(v.clone(), t.simplify()?)),
            DrtExpr::Negated(t) => mk(DrtExpr::Negated(t.simplify()?)),
            DrtExpr::Proposition(l, d) => mk(DrtExpr::Proposition(l.clone(), d.simplify()?)),
            DrtExpr::Or(a, b) => {
                let a2 = a.simplify()?;
                mk(DrtExpr::Or(a2, b.simplify()?))
            }
            DrtExpr::Eq(a, b) => {
                let a2 = a.simplify()?;
                mk(DrtExpr::Eq(a2, b.simplify()?))
            }
            DrtExpr::Drs(refs, conds, cons) => {
                // NLTK's DRS.visit_structured does the consequent first.
                let cons2 = cons.as_ref().map(|c| c.simplify()).transpose()?;
                let conds2 = conds.iter().map(|c| c.simplify()).collect::<Result<_>>()?;
                mk(DrtExpr::Drs(refs.clone(), conds2, cons2))
            }
            DrtExpr::Concat(a, b, c) => {
                let first = a.simplify()?;
                let mut second = b.simplify()?;
                let cons = c.as_ref().map(|c| c.simplify()).transpose()?;
                if !matches!(first.expr(), DrtExpr::Drs(..))
                    || !matches!(second.expr(), DrtExpr::Drs(..))
                {
                    return mk(DrtExpr::Concat(first, second, cons));
                }
                let first_refs: BTreeSet<Variable> = first.get_refs(true).into_iter().collect();
                let shared: BTreeSet<Variable> = second
                    .get_refs(true)
                    .into_iter()
                    .filter(|r| first_refs.contains(r))
                    .collect();
                for r in shared {
                    let nv = fresh(&r)?;
                    second = second.replace(&r, &nv, true, true)?;
                }
                let (DrtExpr::Drs(r1, c1, _), DrtExpr::Drs(r2, c2, _)) =
                    (first.expr(), second.expr())
                else {
                    return mk(DrtExpr::Concat(first, second, cons));
                };
                let refs = r1.iter().chain(r2).cloned().collect();
                let conds = c1.iter().chain(c2).cloned().collect();
                mk(DrtExpr::Drs(refs, conds, cons))
            }
        }
    }

    /// NLTK's `==`: structural equality up to renaming of DRS referents and
    /// lambda variables. Like NLTK, renaming goes through `replace`, which
    /// may advance the fresh-variable counter.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let a = DrtExpression::fromstring("([x],[man(x)])")?;
    /// let b = DrtExpression::fromstring("([y],[man(y)])")?;
    /// assert!(a.equals(&b));
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn equals(&self, other: &DrtExpression) -> bool {
        self.equals_r(other).unwrap_or(false)
    }

    fn equals_r(&self, other: &DrtExpression) -> Result<bool> {
        let _g = CallGuard::enter()?;
        Ok(match (self.expr(), other.expr()) {
            (DrtExpr::Variable(a), DrtExpr::Variable(b)) => a == b,
            (DrtExpr::PossibleAntecedents(a), DrtExpr::PossibleAntecedents(b)) => a == b,
            (DrtExpr::Application(f1, a1), DrtExpr::Application(f2, a2))
            | (DrtExpr::Or(f1, a1), DrtExpr::Or(f2, a2))
            | (DrtExpr::Eq(f1, a1), DrtExpr::Eq(f2, a2)) => f1.equals_r(f2)? && a1.equals_r(a2)?,
            (DrtExpr::Negated(a), DrtExpr::Negated(b)) => a.equals_r(b)?,
            (DrtExpr::Proposition(l1, a), DrtExpr::Proposition(l2, b)) => {
                l1 == l2 && a.equals_r(b)?
            }
            (DrtExpr::Lambda(v1, t1), DrtExpr::Lambda(v2, t2)) => {
                if v1 == v2 {
                    t1.equals_r(t2)?
                } else {
                    let t = t2.replace(v2, &DrtExpression::var(v1.clone()), false, true)?;
                    t1.equals_r(&t)?
                }
            }
            (DrtExpr::Drs(r1, _, _), DrtExpr::Drs(r2, _, _)) => {
                if r1.len() != r2.len() {
                    return Ok(false);
                }
                let mut conv = other.clone();
                for (a, b) in r1.iter().zip(r2) {
                    conv = conv.replace(b, &DrtExpression::var(a.clone()), true, true)?;
                }
                let (DrtExpr::Drs(_, c1, k1), DrtExpr::Drs(_, c2, k2)) = (self.expr(), conv.expr())
                else {
                    return Ok(false);
                };
                opt_equals(k1, k2)? && c1.len() == c2.len() && pairwise_equal(c1, c2)?
            }
            (DrtExpr::Concat(..), DrtExpr::Concat(..)) => {
                let (r1, r2) = (self.get_refs(false), other.get_refs(false));
                if r1.len() != r2.len() {
                    return Ok(false);
                }
                let mut conv = other.clone();
                for (a, b) in r1.iter().zip(&r2) {
                    conv = conv.replace(b, &DrtExpression::var(a.clone()), true, true)?;
                }
                let (DrtExpr::Concat(a1, b1, k1), DrtExpr::Concat(a2, b2, k2)) =
                    (self.expr(), conv.expr())
                else {
                    return Ok(false);
                };
                a1.equals_r(a2)? && b1.equals_r(b2)? && opt_equals(k1, k2)?
            }
            _ => false,
        })
    }

    /// Renames individual and event variables to `z1, z2, …` / `e01, e02, …`
    /// in name order: NLTK's `normalize()`.
    ///
    /// # Errors
    /// As [`DrtExpression::replace`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring("([x,e],[walk(e,x)])")?;
    /// assert_eq!(d.normalize()?.to_string(), "([e01,z2],[walk(e01,z2)])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn normalize(&self) -> Result<DrtExpression> {
        fn collect(e: &DrtExpression, out: &mut BTreeSet<Variable>) {
            match e.expr() {
                DrtExpr::Variable(v) => {
                    if matches!(v.kind(), VarKind::Individual | VarKind::Event) {
                        out.insert(v.clone());
                    }
                }
                _ => {
                    for c in e.children() {
                        collect(c, out);
                    }
                }
            }
        }
        let mut vars = BTreeSet::new();
        collect(self, &mut vars);
        let mut result = self.clone();
        for (i, v) in vars.iter().enumerate() {
            let name = if v.kind() == VarKind::Event {
                format!("e0{}", i + 1)
            } else {
                format!("z{}", i + 1)
            };
            result = result.replace(v, &DrtExpression::var(Variable::new(&name)), true, true)?;
        }
        Ok(result)
    }

    /// Removes `x = y` conditions between variables by substituting one for
    /// the other (merges first): NLTK's `eliminate_equality()`.
    ///
    /// # Errors
    /// As [`DrtExpression::replace`] and [`DrtExpression::simplify`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring("([x,y],[A(x,y), (x=y)])")?;
    /// assert_eq!(d.eliminate_equality()?.to_string(), "([x],[A(x,x)])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn eliminate_equality(&self) -> Result<DrtExpression> {
        let _g = CallGuard::enter()?;
        match self.expr() {
            DrtExpr::Variable(_) | DrtExpr::PossibleAntecedents(_) => Ok(self.clone()),
            DrtExpr::Application(a, b) => {
                let a2 = a.eliminate_equality()?;
                mk(DrtExpr::Application(a2, b.eliminate_equality()?))
            }
            DrtExpr::Or(a, b) => {
                let a2 = a.eliminate_equality()?;
                mk(DrtExpr::Or(a2, b.eliminate_equality()?))
            }
            DrtExpr::Eq(a, b) => {
                let a2 = a.eliminate_equality()?;
                mk(DrtExpr::Eq(a2, b.eliminate_equality()?))
            }
            DrtExpr::Negated(t) => mk(DrtExpr::Negated(t.eliminate_equality()?)),
            DrtExpr::Lambda(v, t) => mk(DrtExpr::Lambda(v.clone(), t.eliminate_equality()?)),
            DrtExpr::Proposition(l, d) => {
                mk(DrtExpr::Proposition(l.clone(), d.eliminate_equality()?))
            }
            DrtExpr::Concat(..) => {
                let d = self.simplify()?;
                if matches!(d.expr(), DrtExpr::Concat(..)) {
                    return Err(Error::InvalidInput(
                        "eliminate_equality: a merge whose parts are not both DRSs".into(),
                    ));
                }
                d.eliminate_equality()
            }
            DrtExpr::Drs(..) => self.eliminate_equality_drs(),
        }
    }

    fn eliminate_equality_drs(&self) -> Result<DrtExpression> {
        let mut drs = self.clone();
        let mut i = 0usize;
        while let DrtExpr::Drs(refs, conds, cons) = drs.expr() {
            let Some(cond) = conds.get(i) else {
                break;
            };
            let pair = match cond.expr() {
                DrtExpr::Eq(a, b) => a.as_variable().zip(b.as_variable()),
                _ => None,
            };
            let Some((first, second)) = pair else {
                i += 1;
                continue;
            };
            let (first, second) = (first.clone(), second.clone());
            // NLTK: list(set(refs) - {second}); nlkit keeps the first
            // occurrence order of the rest.
            let mut seen = BTreeSet::new();
            let refs2: Vec<Variable> = refs
                .iter()
                .filter(|r| **r != second && seen.insert((*r).clone()))
                .cloned()
                .collect();
            let mut conds2 = conds.clone();
            conds2.remove(i);
            drs = mk(DrtExpr::Drs(refs2, conds2, cons.clone()))?;
            if second != first {
                drs = drs.replace(&second, &DrtExpression::var(first), false, false)?;
                i = 0;
            }
        }
        let DrtExpr::Drs(refs, conds, cons) = drs.expr() else {
            return Ok(drs);
        };
        let mut kept = Vec::new();
        for c in conds {
            let nc = c.eliminate_equality()?;
            let empty = matches!(nc.simplify()?.expr(),
                DrtExpr::Drs(r, c, k) if r.is_empty() && c.is_empty() && k.is_none());
            if !empty {
                kept.push(nc);
            }
        }
        let cons2 = cons.as_ref().map(|c| c.eliminate_equality()).transpose()?;
        mk(DrtExpr::Drs(refs.clone(), kept, cons2))
    }
}

fn opt_equals(a: &Option<DrtExpression>, b: &Option<DrtExpression>) -> Result<bool> {
    match (a, b) {
        (None, None) => Ok(true),
        (Some(a), Some(b)) => a.equals_r(b),
        _ => Ok(false),
    }
}

fn pairwise_equal(a: &[DrtExpression], b: &[DrtExpression]) -> Result<bool> {
    for (x, y) in a.iter().zip(b) {
        if !x.equals_r(y)? {
            return Ok(false);
        }
    }
    Ok(true)
}

impl PartialEq for DrtExpression {
    fn eq(&self, other: &Self) -> bool {
        self.equals(other)
    }
}
