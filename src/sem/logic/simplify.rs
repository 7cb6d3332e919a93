//! Substitution, alpha conversion and beta reduction, in NLTK's order (so
//! fresh variables get NLTK's numbers).

use std::cell::Cell;

use super::{mk, unique_variable, Expr, Expression, Variable, MAX_DEPTH};
use crate::{Error, Result};

/// Most subexpressions one beta reduction may produce (NLTK's
/// `MAX_SIMPLIFY_SIZE`); past it `simplify` fails instead of growing
/// exponentially.
pub const MAX_SIMPLIFY_SIZE: usize = 10_000;

/// Nested calls of `simplify`/`replace` allowed at once. Beta reduction
/// simplifies its result from inside the application being simplified, so
/// the call depth can exceed the tree depth; this bounds it (NLTK raises
/// `RecursionError` somewhat earlier).
const MAX_CALL_DEPTH: usize = 2 * MAX_DEPTH;

thread_local! {
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

/// Counts one nested call for as long as it lives.
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

/// Whether `e` has more than `limit` subexpressions (NLTK's
/// `_exceeds_size`); iterative, and stops as soon as it knows.
fn exceeds_size(e: &Expression, limit: usize) -> bool {
    let mut count = 0usize;
    let mut stack = vec![e];
    while let Some(node) = stack.pop() {
        count += 1;
        if count > limit {
            return true;
        }
        match node.expr() {
            Expr::Variable(_) => {}
            Expr::Application(a, b) | Expr::Binary(_, a, b) => {
                stack.push(a);
                stack.push(b);
            }
            Expr::Binder(_, _, t) | Expr::Negated(t) => stack.push(t),
        }
    }
    false
}

/// Why a substitution or reduction stopped (kept one byte wide: these
/// functions recurse, and debug builds give every temporary its own slot).
#[derive(Clone, Copy)]
enum Fail {
    TooDeep,
    TooBig,
    NotAVariable,
    Constant,
}

impl Fail {
    fn into_error(self, expression: Option<&Expression>) -> Error {
        Error::InvalidInput(match self {
            Fail::TooDeep => {
                format!("Expression nesting exceeds the maximum depth ({MAX_DEPTH}).")
            }
            Fail::TooBig => format!(
                "Refusing to beta-reduce: result exceeds MAX_SIMPLIFY_SIZE \
                 ({MAX_SIMPLIFY_SIZE}) subexpressions; the expression may cause \
                 exponential blow-up (CWE-400)."
            ),
            Fail::NotAVariable => format!(
                "{} is not a AbstractVariableExpression",
                expression.map(|e| e.to_string()).unwrap_or_default()
            ),
            Fail::Constant => "Cannot generate a unique constant".to_string(),
        })
    }
}

type F<T> = std::result::Result<T, Fail>;

fn node(expr: Expr) -> F<Expression> {
    mk(expr).map_err(|_| Fail::TooDeep)
}

/// One `replace` call's fixed arguments.
struct Subst<'a> {
    variable: &'a Variable,
    expression: &'a Expression,
    replace_bound: bool,
    alpha_convert: bool,
}

fn replace(e: &Expression, s: &Subst<'_>) -> F<Expression> {
    let _guard = CallGuard::enter().map_err(|_| Fail::TooDeep)?;
    match e.expr() {
        Expr::Variable(v) => Ok(if v == s.variable {
            s.expression.clone()
        } else {
            e.clone()
        }),
        Expr::Application(a, b) => replace_pair(a, b, s, Expr::Application),
        Expr::Binary(op, a, b) => {
            let op = *op;
            replace_pair(a, b, s, move |x, y| Expr::Binary(op, x, y))
        }
        Expr::Negated(t) => node(Expr::Negated(replace(t, s)?)),
        Expr::Binder(..) => replace_binder(e, s),
    }
}

fn replace_pair(
    a: &Expression,
    b: &Expression,
    s: &Subst<'_>,
    make: impl FnOnce(Expression, Expression) -> Expr,
) -> F<Expression> {
    let a2 = replace(a, s)?;
    let b2 = replace(b, s)?;
    node(make(a2, b2))
}

fn replace_binder(e: &Expression, s: &Subst<'_>) -> F<Expression> {
    let Expr::Binder(kind, v, t) = e.expr() else {
        return Ok(e.clone());
    };
    if v == s.variable {
        if !s.replace_bound {
            return Ok(e.clone());
        }
        let newvar = s.expression.as_variable().ok_or(Fail::NotAVariable)?;
        return node(Expr::Binder(*kind, newvar.clone(), replace(t, s)?));
    }
    if s.alpha_convert && s.expression.has_free(v) {
        let newvar = unique_variable(v).map_err(|_| Fail::Constant)?;
        let renamed = replace(
            t,
            &Subst {
                variable: v,
                expression: &Expression::var(newvar.clone()),
                replace_bound: true,
                alpha_convert: true,
            },
        )?;
        return node(Expr::Binder(*kind, newvar, replace(&renamed, s)?));
    }
    node(Expr::Binder(*kind, v.clone(), replace(t, s)?))
}

fn simplify(e: &Expression) -> F<Expression> {
    let _guard = CallGuard::enter().map_err(|_| Fail::TooDeep)?;
    match e.expr() {
        Expr::Variable(_) => Ok(e.clone()),
        Expr::Application(f, a) => simplify_application(f, a),
        Expr::Binder(kind, v, t) => node(Expr::Binder(*kind, v.clone(), simplify(t)?)),
        Expr::Negated(t) => node(Expr::Negated(simplify(t)?)),
        Expr::Binary(op, a, b) => {
            let a2 = simplify(a)?;
            node(Expr::Binary(*op, a2, simplify(b)?))
        }
    }
}

fn simplify_application(f: &Expression, a: &Expression) -> F<Expression> {
    let f2 = simplify(f)?;
    let a2 = simplify(a)?;
    let Expr::Binder(super::Binder::Lambda, v, term) = f2.expr() else {
        return node(Expr::Application(f2, a2));
    };
    let result = replace(
        term,
        &Subst {
            variable: v,
            expression: &a2,
            replace_bound: false,
            alpha_convert: true,
        },
    )?;
    if exceeds_size(&result, MAX_SIMPLIFY_SIZE) {
        return Err(Fail::TooBig);
    }
    simplify(&result)
}

impl Expression {
    /// Replaces every free occurrence of `variable` with `expression`:
    /// NLTK's `replace(variable, expression, replace_bound, alpha_convert)`.
    /// With `replace_bound`, binders of `variable` are renamed too
    /// (`expression` must then be a variable); with `alpha_convert`, binders
    /// whose variable occurs free in `expression` are first renamed to a
    /// fresh variable so nothing is captured.
    ///
    /// # Errors
    /// `replace_bound` with a non-variable `expression`; a result deeper
    /// than [`super::MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::{set_counter, Expression, Variable};
    /// set_counter(0);
    /// let e = Expression::fromstring(r"exists y.P(x,y)")?;
    /// let r = e.replace(&Variable::new("x"), &Expression::variable("y"), false, true)?;
    /// assert_eq!(r.to_string(), "exists z1.P(y,z1)");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn replace(
        &self,
        variable: &Variable,
        expression: &Expression,
        replace_bound: bool,
        alpha_convert: bool,
    ) -> Result<Expression> {
        let s = Subst {
            variable,
            expression,
            replace_bound,
            alpha_convert,
        };
        replace(self, &s).map_err(|f| f.into_error(Some(expression)))
    }

    /// Renames the variable of this binder to `newvar` throughout its term:
    /// NLTK's `alpha_convert`. Other expressions are returned unchanged.
    ///
    /// # Errors
    /// A result deeper than [`super::MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::{Expression, Variable};
    /// let e = Expression::fromstring("exists x.P(x)")?;
    /// assert_eq!(e.alpha_convert(&Variable::new("z"))?.to_string(), "exists z.P(z)");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn alpha_convert(&self, newvar: &Variable) -> Result<Expression> {
        match self.expr() {
            Expr::Binder(kind, v, t) => {
                let t2 = t.replace(v, &Expression::var(newvar.clone()), true, true)?;
                mk(Expr::Binder(*kind, newvar.clone(), t2))
            }
            _ => Ok(self.clone()),
        }
    }

    /// Beta-reduces every application of a lambda, innermost first, renaming
    /// bound variables where needed: NLTK's `simplify()`.
    ///
    /// # Errors
    /// One reduction produced more than [`MAX_SIMPLIFY_SIZE`]
    /// subexpressions, or the result nests deeper than
    /// [`super::MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring(r"(\P.\Q.exists x.(P(x) & Q(x)))(\x.dog(x))(\x.bark(x))")?;
    /// assert_eq!(e.simplify()?.to_string(), "exists x.(dog(x) & bark(x))");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn simplify(&self) -> Result<Expression> {
        simplify(self).map_err(|f| f.into_error(None))
    }
}

#[cfg(test)]
mod tests {
    use super::super::set_counter;
    use super::*;

    fn simp(s: &str) -> String {
        Expression::fromstring(s)
            .unwrap()
            .simplify()
            .unwrap()
            .to_string()
    }

    #[test]
    fn beta_reduction() {
        set_counter(0);
        assert_eq!(simp(r"\x.\y.sees(x,y)(john)(mary)"), "sees(john,mary)");
        assert_eq!(
            simp(r"all x.(man(x) & (\x.exists y.walks(x,y))(x))"),
            "all x.(man(x) & exists y.walks(x,y))"
        );
    }

    #[test]
    fn capture_is_avoided_with_fresh_names() {
        set_counter(0);
        assert_eq!(simp(r"(\x.exists y.P(x,y))(y)"), "exists z1.P(y,z1)");
        assert_eq!(simp(r"(\x.exists y.P(x,y))(y)"), "exists z2.P(y,z2)");
    }

    #[test]
    fn exponential_growth_is_refused() {
        let mut s = String::from("x");
        for _ in 0..20 {
            s = format!(r"(\Y.(Y & Y))({s})");
        }
        let e = Expression::fromstring(&s).unwrap();
        let err = e.simplify().unwrap_err().to_string();
        assert!(err.contains("MAX_SIMPLIFY_SIZE"), "{err}");
    }
}
