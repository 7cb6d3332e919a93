//! Discourse Representation Theory: NLTK's `nltk.sem.drt`.
//!
//! [`DrtExpression`] is a DRT formula: a DRS `([x,y],[dog(x), walk(y)])`
//! (referents, conditions, and an optional consequent for `->`), a merge
//! `A + B` (NLTK's `DrtConcatenation`), a proposition `p:DRS`, and the
//! lambda-calculus parts it shares with first-order logic (variables,
//! application, `\x.M`, `-M`, `|`, `=`). [`DrtExpression::fromstring`] reads
//! NLTK's `DrtParser` syntax with its error messages; `Display` prints what
//! NLTK's `str` prints; [`DrtExpression::simplify`] beta-reduces and merges
//! DRSs with NLTK's fresh variables (the counter of [`crate::sem::logic`]);
//! [`DrtExpression::fol`] converts to a [`crate::sem::logic::Expression`];
//! [`DrtExpression::resolve_anaphora`] resolves `PRO(x)` conditions;
//! [`DrtExpression::pretty_format`] draws the boxes.
//!
//! Differences from NLTK: where NLTK walks a Python `set` (the referents
//! two merged DRSs share, the referents a substitution must rename, the
//! referents `eliminate_equality` keeps), nlkit goes in name order, so
//! results with several renamed referents may number them differently
//! from a given Python run (NLTK's own order changes with
//! `PYTHONHASHSEED`). Expressions are at most [`crate::sem::logic::MAX_DEPTH`]
//! levels deep, and `resolve_anaphora` of a proposition is an error (NLTK
//! returns `None` there).

mod fol;
mod ops;
mod parse;
mod pretty;

use std::collections::BTreeSet;
use std::rc::Rc;

pub use fol::MAX_ANAPHORA_OPERATIONS;

use crate::sem::logic::{too_deep, VarKind, Variable, MAX_DEPTH};
use crate::Result;

/// The shape of a [`DrtExpression`] node.
#[derive(Debug, Clone)]
pub enum DrtExpr {
    /// A variable or constant.
    Variable(Variable),
    /// `function(argument)` (curried, as NLTK does).
    Application(DrtExpression, DrtExpression),
    /// `\x.M`.
    Lambda(Variable, DrtExpression),
    /// `-M`.
    Negated(DrtExpression),
    /// `(A | B)`.
    Or(DrtExpression, DrtExpression),
    /// `(a = b)`.
    Eq(DrtExpression, DrtExpression),
    /// `(A + B)`, with the consequent when it is the antecedent of `->`.
    Concat(DrtExpression, DrtExpression, Option<DrtExpression>),
    /// A DRS: referents, conditions, and the consequent of `->`.
    Drs(Vec<Variable>, Vec<DrtExpression>, Option<DrtExpression>),
    /// `label:DRS` (NLTK's `DrtProposition`).
    Proposition(Variable, DrtExpression),
    /// The candidate antecedents `[x,y]` that `resolve_anaphora` leaves
    /// when a pronoun has more than one.
    PossibleAntecedents(Vec<Variable>),
}

#[derive(Debug)]
struct DNode {
    depth: u32,
    expr: DrtExpr,
}

/// A DRT expression: NLTK's `DrtExpression`. Cloning is cheap (shared).
///
/// # Example
/// ```
/// use nlkit::sem::drt::DrtExpression;
/// let d = DrtExpression::fromstring(r"([x],[man(x)]) + ([y],[walk(y)])")?;
/// assert_eq!(d.to_string(), "(([x],[man(x)]) + ([y],[walk(y)]))");
/// assert_eq!(d.simplify()?.to_string(), "([x,y],[man(x), walk(y)])");
/// assert_eq!(d.simplify()?.fol()?.to_string(), "exists x y.(man(x) & walk(y))");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct DrtExpression(Rc<DNode>);

impl DrtExpression {
    /// Builds an expression from its parts.
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::{DrtExpr, DrtExpression};
    /// use nlkit::sem::logic::Variable;
    /// let man = DrtExpression::fromstring("man(x)")?;
    /// let d = DrtExpression::new(DrtExpr::Drs(vec![Variable::new("x")], vec![man], None))?;
    /// assert_eq!(d.to_string(), "([x],[man(x)])");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn new(expr: DrtExpr) -> Result<DrtExpression> {
        let below = match &expr {
            DrtExpr::Variable(_) | DrtExpr::PossibleAntecedents(_) => 0,
            DrtExpr::Application(a, b) | DrtExpr::Or(a, b) | DrtExpr::Eq(a, b) => {
                a.depth().max(b.depth())
            }
            DrtExpr::Lambda(_, t) | DrtExpr::Negated(t) | DrtExpr::Proposition(_, t) => t.depth(),
            DrtExpr::Concat(a, b, c) => a
                .depth()
                .max(b.depth())
                .max(c.as_ref().map_or(0, |c| c.depth())),
            DrtExpr::Drs(_, conds, c) => conds
                .iter()
                .map(|x| x.depth())
                .chain(c.as_ref().map(|c| c.depth()))
                .max()
                .unwrap_or(0),
        };
        if below >= MAX_DEPTH {
            return Err(too_deep());
        }
        Ok(DrtExpression(Rc::new(DNode {
            depth: below as u32 + 1,
            expr,
        })))
    }

    /// A variable (or constant) expression.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// use nlkit::sem::logic::Variable;
    /// assert_eq!(DrtExpression::var(Variable::new("x")).to_string(), "x");
    /// ```
    pub fn var(v: Variable) -> DrtExpression {
        DrtExpression(Rc::new(DNode {
            depth: 1,
            expr: DrtExpr::Variable(v),
        }))
    }

    /// The node's shape.
    pub fn expr(&self) -> &DrtExpr {
        &self.0.expr
    }

    /// Nodes on the longest path from here to a leaf.
    pub fn depth(&self) -> usize {
        self.0.depth as usize
    }

    /// The variable, when this is a variable expression.
    pub fn as_variable(&self) -> Option<&Variable> {
        match self.expr() {
            DrtExpr::Variable(v) => Some(v),
            _ => None,
        }
    }

    /// `self + other`, unsimplified (NLTK's `DrtConcatenation`).
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let a = DrtExpression::fromstring("([x],[man(x)])")?;
    /// let b = DrtExpression::fromstring("([y],[walk(y)])")?;
    /// assert_eq!(a.merge(&b)?.to_string(), "(([x],[man(x)]) + ([y],[walk(y)]))");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn merge(&self, other: &DrtExpression) -> Result<DrtExpression> {
        DrtExpression::new(DrtExpr::Concat(self.clone(), other.clone(), None))
    }

    /// `self(argument)`.
    ///
    /// # Errors
    /// The result would be deeper than [`MAX_DEPTH`].
    pub fn apply(&self, argument: &DrtExpression) -> Result<DrtExpression> {
        DrtExpression::new(DrtExpr::Application(self.clone(), argument.clone()))
    }

    /// Splits a curried application into its base function and arguments.
    pub fn uncurry(&self) -> (&DrtExpression, Vec<&DrtExpression>) {
        let mut function = self;
        let mut args = Vec::new();
        while let DrtExpr::Application(f, a) = function.expr() {
            args.push(a);
            function = f;
        }
        args.reverse();
        (function, args)
    }

    /// The discourse referents: NLTK's `get_refs(recursive)`. Without
    /// `recursive`, a DRS's own referents (a lambda's variable, a merge's
    /// two sides, a negation's term); with it, those of every DRS inside.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring("([x],[([y],[dog(y)]) -> ([z],[bark(z)])])")?;
    /// let names = |v: Vec<nlkit::sem::logic::Variable>| v.iter().map(|v| v.to_string()).collect::<Vec<_>>();
    /// assert_eq!(names(d.get_refs(false)), ["x"]);
    /// assert_eq!(names(d.get_refs(true)), ["x", "y", "z"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn get_refs(&self, recursive: bool) -> Vec<Variable> {
        let mut out = Vec::new();
        self.collect_refs(recursive, &mut out);
        out
    }

    fn collect_refs(&self, recursive: bool, out: &mut Vec<Variable>) {
        match self.expr() {
            DrtExpr::Variable(_) | DrtExpr::PossibleAntecedents(_) => {}
            DrtExpr::Drs(refs, conds, cons) => {
                out.extend(refs.iter().cloned());
                if recursive {
                    for c in conds {
                        c.collect_refs(true, out);
                    }
                    if let Some(c) = cons {
                        c.collect_refs(true, out);
                    }
                }
            }
            DrtExpr::Lambda(v, t) => {
                out.push(v.clone());
                if recursive {
                    t.collect_refs(true, out);
                }
            }
            DrtExpr::Negated(t) => t.collect_refs(recursive, out),
            DrtExpr::Proposition(_, d) => {
                if recursive {
                    d.collect_refs(true, out);
                }
            }
            DrtExpr::Application(a, b) | DrtExpr::Or(a, b) | DrtExpr::Eq(a, b) => {
                if recursive {
                    a.collect_refs(true, out);
                    b.collect_refs(true, out);
                }
            }
            DrtExpr::Concat(a, b, c) => {
                a.collect_refs(recursive, out);
                b.collect_refs(recursive, out);
                if recursive {
                    if let Some(c) = c {
                        c.collect_refs(true, out);
                    }
                }
            }
        }
    }

    /// The free variables (constants excluded): NLTK's `free()`. A DRS
    /// binds its referents; a merge binds nothing itself, as in NLTK.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring("([x],[see(x,y), P(x)])")?;
    /// let free: Vec<String> = d.free().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(free, ["P", "y"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn free(&self) -> BTreeSet<Variable> {
        let mut out = BTreeSet::new();
        self.collect_free(&mut out);
        out
    }

    fn collect_free(&self, out: &mut BTreeSet<Variable>) {
        match self.expr() {
            DrtExpr::Variable(v) => {
                if v.kind() != VarKind::Constant {
                    out.insert(v.clone());
                }
            }
            DrtExpr::PossibleAntecedents(vs) => out.extend(vs.iter().cloned()),
            DrtExpr::Lambda(v, t) => {
                let mut inner = t.free();
                inner.remove(v);
                out.extend(inner);
            }
            DrtExpr::Drs(refs, conds, cons) => {
                let mut inner = BTreeSet::new();
                for c in conds.iter().chain(cons) {
                    c.collect_free(&mut inner);
                }
                for r in refs {
                    inner.remove(r);
                }
                out.extend(inner);
            }
            DrtExpr::Negated(t) | DrtExpr::Proposition(_, t) => t.collect_free(out),
            DrtExpr::Application(a, b) | DrtExpr::Or(a, b) | DrtExpr::Eq(a, b) => {
                a.collect_free(out);
                b.collect_free(out);
            }
            DrtExpr::Concat(a, b, c) => {
                a.collect_free(out);
                b.collect_free(out);
                if let Some(c) = c {
                    c.collect_free(out);
                }
            }
        }
    }

    /// The children NLTK's `visit` walks (a DRS: its conditions and
    /// consequent; bound variables are not children).
    pub(crate) fn children(&self) -> Vec<&DrtExpression> {
        match self.expr() {
            DrtExpr::Variable(_) | DrtExpr::PossibleAntecedents(_) => Vec::new(),
            DrtExpr::Application(a, b) | DrtExpr::Or(a, b) | DrtExpr::Eq(a, b) => vec![a, b],
            DrtExpr::Lambda(_, t) | DrtExpr::Negated(t) | DrtExpr::Proposition(_, t) => vec![t],
            DrtExpr::Concat(a, b, c) => {
                let mut v = vec![a, b];
                v.extend(c.as_ref());
                v
            }
            DrtExpr::Drs(_, conds, c) => conds.iter().chain(c.as_ref()).collect(),
        }
    }

    /// Constants not in predicate position: NLTK's `constants()`.
    pub fn constants(&self) -> BTreeSet<Variable> {
        let mut out = BTreeSet::new();
        self.collect_constants(&mut out, false);
        out
    }

    /// Constants in predicate position: NLTK's `predicates()`.
    pub fn predicates(&self) -> BTreeSet<Variable> {
        let mut out = BTreeSet::new();
        self.collect_constants(&mut out, true);
        out
    }

    fn collect_constants(&self, out: &mut BTreeSet<Variable>, predicates: bool) {
        match self.expr() {
            DrtExpr::Variable(v) => {
                if !predicates && v.kind() == VarKind::Constant {
                    out.insert(v.clone());
                }
            }
            DrtExpr::Application(f, a) => {
                match f.expr() {
                    DrtExpr::Variable(v) => {
                        if predicates && v.kind() == VarKind::Constant {
                            out.insert(v.clone());
                        }
                    }
                    _ => f.collect_constants(out, predicates),
                }
                a.collect_constants(out, predicates);
            }
            _ => {
                for c in self.children() {
                    c.collect_constants(out, predicates);
                }
            }
        }
    }

    /// NLTK's `variables()`: the free variables plus constants and
    /// predicates named `?…` or `@…`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring("([x],[see(x,y)])")?;
    /// let v: Vec<String> = d.variables().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(v, ["y"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn variables(&self) -> BTreeSet<Variable> {
        let mut out = self.free();
        let slot = |v: &Variable| v.name().starts_with('?') || v.name().starts_with('@');
        out.extend(self.predicates().into_iter().filter(slot));
        out.extend(self.constants().into_iter().filter(slot));
        out
    }

    /// Whether this is `PRO(x)` with an individual (or event) variable `x`:
    /// NLTK's `is_pronoun_function`.
    pub fn is_pronoun_function(&self) -> bool {
        match self.expr() {
            DrtExpr::Application(f, a) => {
                f.as_variable().is_some_and(|v| v.name() == "PRO")
                    && a.as_variable()
                        .is_some_and(|v| matches!(v.kind(), VarKind::Individual | VarKind::Event))
            }
            _ => false,
        }
    }

    /// NLTK's class name for this node (`DRS`, `DrtConcatenation`, …).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// assert_eq!(DrtExpression::fromstring("([],[])")?.nltk_class(), "DRS");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn nltk_class(&self) -> &'static str {
        match self.expr() {
            DrtExpr::Variable(v) => match v.kind() {
                VarKind::Individual => "DrtIndividualVariableExpression",
                VarKind::Function => "DrtFunctionVariableExpression",
                VarKind::Event => "DrtEventVariableExpression",
                VarKind::Constant => "DrtConstantExpression",
            },
            DrtExpr::Application(..) => "DrtApplicationExpression",
            DrtExpr::Lambda(..) => "DrtLambdaExpression",
            DrtExpr::Negated(_) => "DrtNegatedExpression",
            DrtExpr::Or(..) => "DrtOrExpression",
            DrtExpr::Eq(..) => "DrtEqualityExpression",
            DrtExpr::Concat(..) => "DrtConcatenation",
            DrtExpr::Drs(..) => "DRS",
            DrtExpr::Proposition(..) => "DrtProposition",
            DrtExpr::PossibleAntecedents(_) => "PossibleAntecedents",
        }
    }
}

/// NLTK's `DRS._order_ref_strings`: other names sorted, then event
/// variables, function variables and individual variables, each by the
/// number after their prefix (NLTK reads `e12` as 2 and `e1` as none).
pub(crate) fn order_ref_strings(refs: &[Variable]) -> Vec<&str> {
    let mut ind = Vec::new();
    let mut func = Vec::new();
    let mut event = Vec::new();
    let mut other = Vec::new();
    for r in refs {
        let s = r.name();
        match r.kind() {
            VarKind::Individual => ind.push(s),
            VarKind::Function => func.push(s),
            VarKind::Event => event.push(s),
            VarKind::Constant => other.push(s),
        }
    }
    other.sort_unstable();
    event.sort_by(|a, b| num_key(tail(a, 2)).cmp(&num_key(tail(b, 2))));
    fn key(v: &str) -> (Option<char>, (bool, usize, &str)) {
        (v.chars().next(), num_key(tail(v, 1)))
    }
    func.sort_by(|a, b| key(a).cmp(&key(b)));
    ind.sort_by(|a, b| key(a).cmp(&key(b)));
    other
        .into_iter()
        .chain(event)
        .chain(func)
        .chain(ind)
        .collect()
}

/// `v[n:]` in characters.
fn tail(v: &str, n: usize) -> &str {
    match v.char_indices().nth(n) {
        Some((i, _)) => &v[i..],
        None => "",
    }
}

/// Python's `int(digits)` or -1 for an empty string, as an orderable key:
/// (is-nonempty, digit count without leading zeros, digits).
fn num_key(digits: &str) -> (bool, usize, &str) {
    if digits.is_empty() {
        return (false, 0, "");
    }
    let d = digits.trim_start_matches('0');
    (true, d.len(), d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_order_follows_nltk() {
        let refs: Vec<Variable> = ["z10", "x", "e2", "e01", "z2", "P", "e", "abc", "z"]
            .iter()
            .map(|s| Variable::new(s))
            .collect();
        assert_eq!(
            order_ref_strings(&refs),
            ["abc", "e2", "e", "e01", "P", "x", "z", "z2", "z10"]
        );
    }
}
