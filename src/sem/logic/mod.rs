//! First-order logic over the typed lambda calculus: NLTK's `nltk.sem.logic`.
//!
//! [`Expression`] is an immutable, cheaply cloned (reference-counted) formula
//! tree. Its variants mirror NLTK's classes: a variable expression
//! (individual variable `x`, `y1`; function variable `P`, `F2`; event variable
//! `e`, `e3`; constant `john`, `man` — classified by name exactly as NLTK's
//! `VariableExpression` factory does), an application `f(a)` (always curried,
//! printed uncurried as `f(a,b)` when the base function is a variable), the
//! binders `\x.M`, `exists x.M`, `all x.M`, `iota x.M`, negation `-M` and the
//! binary connectives `&`, `|`, `->`, `<->` and `=` (`a != b` is read as
//! `-(a = b)`, as NLTK does).
//!
//! [`Expression::fromstring`] reads NLTK's syntax with NLTK's error messages
//! (message, the input, a caret under the offending position), and refuses
//! nesting past NLTK's `MAX_PARSE_DEPTH` of 200 the way NLTK does.
//! [`Expression::simplify`] beta-reduces and alpha-converts with a fresh
//! variable counter that behaves like NLTK's process-wide `_counter`
//! (here one per thread, see [`set_counter`]), so printed results are
//! identical, `z1`, `z2`, … included.
//!
//! Differences: every expression is at most [`MAX_DEPTH`] levels deep;
//! building a deeper one (a lambda with thousands of variables, a predicate
//! with thousands of arguments, a beta reduction that nests too deep) is an
//! error instead of NLTK's `RecursionError` on later use. This bounds every
//! recursive walk, so no input can overflow the stack.

mod display;
mod parse;
mod simplify;
mod types;

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

use crate::{Error, Result};

pub use parse::MAX_PARSE_DEPTH;
pub(crate) use parse::{caret_error, py_space, tokenize_with};
pub use simplify::MAX_SIMPLIFY_SIZE;
pub use types::{Type, Typing};

/// Deepest expression tree nlkit builds (nodes on the longest path).
pub const MAX_DEPTH: usize = 500;

thread_local! {
    static COUNTER: Cell<u64> = const { Cell::new(0) };
}

/// Sets this thread's fresh-variable counter (NLTK's
/// `nltk.sem.logic._counter._value`); the next fresh variable is numbered
/// `value + 1`.
///
/// # Example
/// ```
/// use nlkit::sem::logic::{counter, set_counter};
/// set_counter(41);
/// assert_eq!(counter(), 41);
/// ```
pub fn set_counter(value: u64) {
    COUNTER.with(|c| c.set(value));
}

/// This thread's fresh-variable counter: the number of the last fresh
/// variable made (0 before any).
///
/// # Example
/// ```
/// use nlkit::sem::logic::{counter, set_counter, Expression};
/// set_counter(0);
/// let e = Expression::fromstring(r"(\x.\y.P(x,y))(y)")?.simplify()?;
/// assert_eq!(e.to_string(), r"\z1.P(y,z1)");
/// assert_eq!(counter(), 1);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn counter() -> u64 {
    COUNTER.with(|c| c.get())
}

fn next_count() -> u64 {
    COUNTER.with(|c| {
        let v = c.get().wrapping_add(1);
        c.set(v);
        v
    })
}

/// How NLTK classifies a variable by its name.
///
/// # Example
/// ```
/// use nlkit::sem::logic::{VarKind, Variable};
/// assert_eq!(Variable::new("x2").kind(), VarKind::Individual);
/// assert_eq!(Variable::new("P").kind(), VarKind::Function);
/// assert_eq!(Variable::new("e1").kind(), VarKind::Event);
/// assert_eq!(Variable::new("john").kind(), VarKind::Constant);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VarKind {
    /// One lowercase letter other than `e`, then digits (`x`, `y1`).
    Individual,
    /// One uppercase letter, then digits (`P`, `F3`).
    Function,
    /// `e`, then digits (`e`, `e01`).
    Event,
    /// Anything else (`john`, `man`, `x_y`).
    Constant,
}

impl VarKind {
    /// The kind NLTK gives a variable named `name` (`is_indvar`,
    /// `is_funcvar`, `is_eventvar`, else constant).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::VarKind;
    /// assert_eq!(VarKind::of("z10"), VarKind::Individual);
    /// ```
    pub fn of(name: &str) -> VarKind {
        let mut chars = name.chars();
        let Some(first) = chars.next() else {
            return VarKind::Constant;
        };
        if !chars.all(|c| c.is_ascii_digit()) {
            return VarKind::Constant;
        }
        match first {
            'e' => VarKind::Event,
            'a'..='z' => VarKind::Individual,
            'A'..='Z' => VarKind::Function,
            _ => VarKind::Constant,
        }
    }
}

/// A variable (or constant) name: NLTK's `Variable`.
///
/// # Example
/// ```
/// use nlkit::sem::logic::Variable;
/// let v = Variable::new("x");
/// assert_eq!(v.name(), "x");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Variable(Rc<str>);

impl Variable {
    /// A variable named `name`.
    pub fn new(name: &str) -> Variable {
        Variable(Rc::from(name))
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.0
    }

    /// Its kind by name.
    pub fn kind(&self) -> VarKind {
        VarKind::of(&self.0)
    }
}

impl std::fmt::Display for Variable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A variable-binding operator.
///
/// # Example
/// ```
/// use nlkit::sem::logic::{Binder, Expr, Expression};
/// let e = Expression::fromstring("all x.man(x)")?;
/// assert!(matches!(e.expr(), Expr::Binder(Binder::All, _, _)));
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Binder {
    /// `\x.M` (NLTK's `LambdaExpression`).
    Lambda,
    /// `exists x.M`.
    Exists,
    /// `all x.M`.
    All,
    /// `iota x.M`.
    Iota,
}

/// A binary operator.
///
/// # Example
/// ```
/// use nlkit::sem::logic::{BinOp, Expr, Expression};
/// let e = Expression::fromstring("P(x) -> Q(x)")?;
/// assert!(matches!(e.expr(), Expr::Binary(BinOp::Imp, _, _)));
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `&`.
    And,
    /// `|`.
    Or,
    /// `->`.
    Imp,
    /// `<->`.
    Iff,
    /// `=` (NLTK's `EqualityExpression`).
    Eq,
}

impl BinOp {
    /// The operator as NLTK prints it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Imp => "->",
            BinOp::Iff => "<->",
            BinOp::Eq => "=",
        }
    }
}

/// The shape of an [`Expression`] node.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A variable or constant.
    Variable(Variable),
    /// `function(argument)`, one argument (NLTK curries).
    Application(Expression, Expression),
    /// A binder, its variable and its term.
    Binder(Binder, Variable, Expression),
    /// `-term`.
    Negated(Expression),
    /// `(first op second)`.
    Binary(BinOp, Expression, Expression),
}

#[derive(Debug)]
struct Node {
    depth: u32,
    expr: Expr,
}

/// A logical expression: NLTK's `Expression`. Cloning is cheap (shared).
///
/// # Example
/// ```
/// use nlkit::sem::logic::Expression;
/// let e = Expression::fromstring(r"\x y.sees(x,y)(a,b)")?;
/// assert_eq!(e.to_string(), r"((\x y.sees(x,y))(a))(b)");
/// assert_eq!(e.simplify()?.to_string(), "sees(a,b)");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Expression(Rc<Node>);

pub(crate) fn too_deep() -> Error {
    Error::InvalidInput(format!(
        "Expression nesting exceeds the maximum depth ({MAX_DEPTH})."
    ))
}

impl Expression {
    /// Builds an expression from its parts.
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::{Expr, Expression};
    /// let man = Expression::variable("man");
    /// let e = Expression::new(Expr::Application(man, Expression::variable("x")))?;
    /// assert_eq!(e.to_string(), "man(x)");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn new(expr: Expr) -> Result<Expression> {
        let below = match &expr {
            Expr::Variable(_) => 0,
            Expr::Application(a, b) | Expr::Binary(_, a, b) => a.depth().max(b.depth()),
            Expr::Binder(_, _, t) | Expr::Negated(t) => t.depth(),
        };
        if below >= MAX_DEPTH {
            return Err(too_deep());
        }
        Ok(Expression(Rc::new(Node {
            depth: below as u32 + 1,
            expr,
        })))
    }

    /// A variable (or constant) expression named `name` (NLTK's
    /// `VariableExpression(Variable(name))`).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// assert_eq!(Expression::variable("john").to_string(), "john");
    /// ```
    pub fn variable(name: &str) -> Expression {
        Expression::var(Variable::new(name))
    }

    /// A variable expression for `v`.
    pub fn var(v: Variable) -> Expression {
        Expression(Rc::new(Node {
            depth: 1,
            expr: Expr::Variable(v),
        }))
    }

    /// `self(argument)`: NLTK's `ApplicationExpression(self, argument)`.
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let walk = Expression::fromstring(r"\x.walk(x)")?;
    /// let e = walk.apply(&Expression::variable("john"))?;
    /// assert_eq!(e.simplify()?.to_string(), "walk(john)");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn apply(&self, argument: &Expression) -> Result<Expression> {
        Expression::new(Expr::Application(self.clone(), argument.clone()))
    }

    /// `-self`.
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    pub fn negate(&self) -> Result<Expression> {
        Expression::new(Expr::Negated(self.clone()))
    }

    /// `(self op other)`.
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    pub fn binary(&self, op: BinOp, other: &Expression) -> Result<Expression> {
        Expression::new(Expr::Binary(op, self.clone(), other.clone()))
    }

    /// The node's shape.
    pub fn expr(&self) -> &Expr {
        &self.0.expr
    }

    /// Nodes on the longest path from here to a leaf (a variable is 1).
    pub fn depth(&self) -> usize {
        self.0.depth as usize
    }

    /// The variable, when this is a variable expression.
    pub fn as_variable(&self) -> Option<&Variable> {
        match self.expr() {
            Expr::Variable(v) => Some(v),
            _ => None,
        }
    }

    /// The free variables (individual, function and event variables not
    /// bound by a binder; constants are not variables): NLTK's `free()`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring(r"\x.P(x,y) & Q(z, john)")?;
    /// let free: Vec<String> = e.free().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(free, ["P", "Q", "y", "z"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn free(&self) -> BTreeSet<Variable> {
        let mut out = BTreeSet::new();
        self.collect_free(&mut out);
        out
    }

    fn collect_free(&self, out: &mut BTreeSet<Variable>) {
        match self.expr() {
            Expr::Variable(v) => {
                if v.kind() != VarKind::Constant {
                    out.insert(v.clone());
                }
            }
            Expr::Binder(_, v, t) => {
                let mut inner = t.free();
                inner.remove(v);
                out.extend(inner);
            }
            Expr::Application(a, b) | Expr::Binary(_, a, b) => {
                a.collect_free(out);
                b.collect_free(out);
            }
            Expr::Negated(t) => t.collect_free(out),
        }
    }

    /// Whether `v` occurs free (cheaper than `free().contains(v)`).
    pub fn has_free(&self, v: &Variable) -> bool {
        match self.expr() {
            Expr::Variable(w) => w == v && w.kind() != VarKind::Constant,
            Expr::Binder(_, w, t) => w != v && t.has_free(v),
            Expr::Application(a, b) | Expr::Binary(_, a, b) => a.has_free(v) || b.has_free(v),
            Expr::Negated(t) => t.has_free(v),
        }
    }

    /// The constants that are not in predicate position: NLTK's
    /// `constants()`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring("see(john, mary) & walk(x)")?;
    /// let c: Vec<String> = e.constants().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(c, ["john", "mary"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn constants(&self) -> BTreeSet<Variable> {
        let mut out = BTreeSet::new();
        self.collect_constants(&mut out);
        out
    }

    fn collect_constants(&self, out: &mut BTreeSet<Variable>) {
        match self.expr() {
            Expr::Variable(v) => {
                if v.kind() == VarKind::Constant {
                    out.insert(v.clone());
                }
            }
            Expr::Application(f, a) => {
                if !matches!(f.expr(), Expr::Variable(_)) {
                    f.collect_constants(out);
                }
                a.collect_constants(out);
            }
            Expr::Binary(_, a, b) => {
                a.collect_constants(out);
                b.collect_constants(out);
            }
            Expr::Binder(_, _, t) | Expr::Negated(t) => t.collect_constants(out),
        }
    }

    /// The constants in predicate position: NLTK's `predicates()`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring("see(john, mary) & P(x)")?;
    /// let p: Vec<String> = e.predicates().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(p, ["see"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn predicates(&self) -> BTreeSet<Variable> {
        let mut out = BTreeSet::new();
        self.collect_predicates(&mut out);
        out
    }

    fn collect_predicates(&self, out: &mut BTreeSet<Variable>) {
        match self.expr() {
            Expr::Variable(_) => {}
            Expr::Application(f, a) => {
                match f.expr() {
                    Expr::Variable(v) if v.kind() == VarKind::Constant => {
                        out.insert(v.clone());
                    }
                    _ => f.collect_predicates(out),
                }
                a.collect_predicates(out);
            }
            Expr::Binary(_, a, b) => {
                a.collect_predicates(out);
                b.collect_predicates(out);
            }
            Expr::Binder(_, _, t) | Expr::Negated(t) => t.collect_predicates(out),
        }
    }

    /// Splits a curried application into its base function and arguments:
    /// NLTK's `uncurry()`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring("see(john, mary)")?;
    /// let (f, args) = e.uncurry();
    /// assert_eq!(f.to_string(), "see");
    /// assert_eq!(args.len(), 2);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn uncurry(&self) -> (&Expression, Vec<&Expression>) {
        let mut function = self;
        let mut args = Vec::new();
        while let Expr::Application(f, a) = function.expr() {
            args.push(a);
            function = f;
        }
        args.reverse();
        (function, args)
    }

    /// NLTK's `variables()`: the free variables plus the constants and
    /// predicates whose names start with `?` or `@` (feature-grammar slots).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring("?vp(?np) & walk(x)")?;
    /// let v: Vec<String> = e.variables().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(v, ["?np", "?vp", "x"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn variables(&self) -> BTreeSet<Variable> {
        let mut out = self.free();
        let slot = |v: &Variable| v.name().starts_with('?') || v.name().starts_with('@');
        out.extend(self.predicates().into_iter().filter(slot));
        out.extend(self.constants().into_iter().filter(slot));
        out
    }

    /// The name of the NLTK class this expression would be
    /// (`ApplicationExpression`, `IndividualVariableExpression`, …).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// assert_eq!(Expression::fromstring("P(x)")?.nltk_class(), "ApplicationExpression");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn nltk_class(&self) -> &'static str {
        match self.expr() {
            Expr::Variable(v) => match v.kind() {
                VarKind::Individual => "IndividualVariableExpression",
                VarKind::Function => "FunctionVariableExpression",
                VarKind::Event => "EventVariableExpression",
                VarKind::Constant => "ConstantExpression",
            },
            Expr::Application(..) => "ApplicationExpression",
            Expr::Binder(Binder::Lambda, ..) => "LambdaExpression",
            Expr::Binder(Binder::Exists, ..) => "ExistsExpression",
            Expr::Binder(Binder::All, ..) => "AllExpression",
            Expr::Binder(Binder::Iota, ..) => "IotaExpression",
            Expr::Negated(_) => "NegatedExpression",
            Expr::Binary(BinOp::And, ..) => "AndExpression",
            Expr::Binary(BinOp::Or, ..) => "OrExpression",
            Expr::Binary(BinOp::Imp, ..) => "ImpExpression",
            Expr::Binary(BinOp::Iff, ..) => "IffExpression",
            Expr::Binary(BinOp::Eq, ..) => "EqualityExpression",
        }
    }

    /// NLTK's `repr()`: `<ClassName str>`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// assert_eq!(Expression::fromstring("-p")?.repr(), "<NegatedExpression -p>");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn repr(&self) -> String {
        format!("<{} {}>", self.nltk_class(), self)
    }

    /// Renames individual and event variables (free ones, and bound ones
    /// where they occur) to `z1, z2, …` / `e01, e02, …` in name order: NLTK's
    /// `normalize()`.
    ///
    /// # Errors
    /// As [`Expression::replace`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring(r"\e083.(walk(e083, z472) & talk(e092, z938))")?;
    /// assert_eq!(e.normalize()?.to_string(), r"\e01.(walk(e01,z3) & talk(e02,z4))");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn normalize(&self) -> Result<Expression> {
        fn collect(e: &Expression, out: &mut BTreeSet<Variable>) {
            match e.expr() {
                Expr::Variable(v) => {
                    if matches!(v.kind(), VarKind::Individual | VarKind::Event) {
                        out.insert(v.clone());
                    }
                }
                Expr::Application(a, b) | Expr::Binary(_, a, b) => {
                    collect(a, out);
                    collect(b, out);
                }
                Expr::Binder(_, _, t) | Expr::Negated(t) => collect(t, out),
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
            result = result.replace(v, &Expression::variable(&name), true, true)?;
        }
        Ok(result)
    }

    /// NLTK's `==`: structural equality, binders equal up to renaming of
    /// their variable. Like NLTK, comparing binders with different variables
    /// renames by substitution, which may advance the fresh-variable counter.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let a = Expression::fromstring("exists x.P(x)")?;
    /// let b = Expression::fromstring("exists z.P(z)")?;
    /// assert!(a.equals(&b));
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn equals(&self, other: &Expression) -> bool {
        if Rc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        match (self.expr(), other.expr()) {
            (Expr::Variable(a), Expr::Variable(b)) => a == b,
            (Expr::Application(f1, a1), Expr::Application(f2, a2)) => {
                f1.equals(f2) && a1.equals(a2)
            }
            (Expr::Negated(a), Expr::Negated(b)) => a.equals(b),
            (Expr::Binary(o1, a1, b1), Expr::Binary(o2, a2, b2)) => {
                o1 == o2 && a1.equals(a2) && b1.equals(b2)
            }
            (Expr::Binder(k1, v1, t1), Expr::Binder(k2, v2, t2)) => {
                if k1 != k2 {
                    false
                } else if v1 == v2 {
                    t1.equals(t2)
                } else {
                    match t2.replace(v2, &Expression::var(v1.clone()), false, true) {
                        Ok(t) => t1.equals(&t),
                        Err(_) => false,
                    }
                }
            }
            _ => false,
        }
    }
}

impl PartialEq for Expression {
    fn eq(&self, other: &Self) -> bool {
        self.equals(other)
    }
}

/// Converts `expr` into an `Expression`, for the crate's own constructors.
fn mk(expr: Expr) -> Result<Expression> {
    Expression::new(expr)
}

/// A fresh variable like NLTK's `unique_variable(pattern)`: `z<n>` for an
/// individual variable, `F<n>` for a function variable, `e0<n>` for an event
/// variable, `n` from this thread's counter.
///
/// # Errors
/// `pattern` is a constant (NLTK: "Cannot generate a unique constant").
///
/// # Example
/// ```
/// use nlkit::sem::logic::{set_counter, unique_variable, Variable};
/// set_counter(0);
/// assert_eq!(unique_variable(&Variable::new("e"))?.name(), "e01");
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn unique_variable(pattern: &Variable) -> Result<Variable> {
    let prefix = match pattern.kind() {
        VarKind::Individual => "z",
        VarKind::Function => "F",
        VarKind::Event => "e0",
        VarKind::Constant => {
            return Err(Error::InvalidInput(
                "Cannot generate a unique constant".into(),
            ))
        }
    };
    Ok(Variable::new(&format!("{prefix}{}", next_count())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_nltk_names() {
        assert_eq!(VarKind::of("x"), VarKind::Individual);
        assert_eq!(VarKind::of("e"), VarKind::Event);
        assert_eq!(VarKind::of("e0"), VarKind::Event);
        assert_eq!(VarKind::of("Q12"), VarKind::Function);
        assert_eq!(VarKind::of("xy"), VarKind::Constant);
        assert_eq!(VarKind::of("x1a"), VarKind::Constant);
        assert_eq!(VarKind::of(""), VarKind::Constant);
        assert_eq!(VarKind::of("é"), VarKind::Constant);
    }

    #[test]
    fn depth_is_bounded() {
        let mut e = Expression::variable("p");
        for _ in 1..MAX_DEPTH {
            e = e.negate().unwrap();
        }
        assert_eq!(e.depth(), MAX_DEPTH);
        assert!(e.negate().is_err());
    }
}
