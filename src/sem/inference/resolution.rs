//! NLTK's resolution prover (`nltk.inference.resolution`): clauses,
//! bindings, most general unification, clause unification with
//! subsumption, and the saturation loop, with a step budget instead of
//! NLTK's 60-second wall-clock limit.

use std::collections::HashMap;
use std::fmt;

use super::skolemize::clausify;
use super::{limit_error, ProofResult, MAX_STEPS};
use crate::sem::logic::{Expr, Expression, VarKind, Variable};
use crate::{Error, Result};

/// A disjunction of literals: NLTK's `Clause`.
///
/// # Example
/// ```
/// use nlkit::sem::inference::Clause;
/// use nlkit::sem::logic::Expression;
/// let c = Clause::new(vec![Expression::fromstring("P(A)")?, Expression::fromstring("-P(A)")?]);
/// assert!(c.is_tautology());
/// assert_eq!(c.to_string(), "{P(A), -P(A)}");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Clause {
    literals: Vec<Expression>,
    /// The 1-based numbers of the clauses this one was resolved from.
    pub parents: Option<(usize, usize)>,
}

impl Clause {
    /// A clause of `literals`.
    pub fn new(literals: Vec<Expression>) -> Clause {
        Clause {
            literals,
            parents: None,
        }
    }

    /// The literals.
    pub fn literals(&self) -> &[Expression] {
        &self.literals
    }

    /// Whether it holds some `P` and `-P` (exactly, no unification):
    /// NLTK's `is_tautology`.
    pub fn is_tautology(&self) -> bool {
        let l = &self.literals;
        for (i, a) in l.iter().enumerate() {
            if matches!(a.expr(), Expr::Binary(crate::sem::logic::BinOp::Eq, ..)) {
                continue;
            }
            for b in l.iter().skip(i + 1).rev() {
                let hit = match (a.expr(), b.expr()) {
                    (Expr::Negated(t), _) => t.equals(b),
                    (_, Expr::Negated(t)) => a.equals(t),
                    _ => false,
                };
                if hit {
                    return true;
                }
            }
        }
        false
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, a) in self.literals.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{a}")?;
        }
        f.write_str("}")
    }
}

/// A failed binding: NLTK's `BindingException`.
#[derive(Debug)]
pub(crate) enum Fail {
    /// The terms do not unify.
    NoBinding,
    /// A hard error (budget, depth, NLTK's uncaught exceptions).
    Hard(Error),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Hard(e)
    }
}

type F<T> = std::result::Result<T, Fail>;

/// Variable bindings in insertion order: NLTK's `BindingDict`.
#[derive(Debug, Clone, Default)]
pub struct BindingDict {
    items: Vec<(Variable, Expression)>,
}

impl BindingDict {
    fn get(&self, v: &Variable) -> Option<&Expression> {
        self.items.iter().find(|(k, _)| k == v).map(|(_, e)| e)
    }

    fn put(&mut self, v: Variable, e: Expression) {
        match self.items.iter_mut().find(|(k, _)| *k == v) {
            Some(slot) => slot.1 = e,
            None => self.items.push((v, e)),
        }
    }

    /// NLTK's `__setitem__`: bind `variable`, or fail if it is bound to
    /// something else (trying the reverse binding for a variable).
    fn set(&mut self, variable: &Variable, binding: &Expression) -> F<()> {
        match self.get(variable).cloned() {
            None => {
                self.put(variable.clone(), binding.clone());
                Ok(())
            }
            Some(existing) if binding.equals(&existing) => {
                self.put(variable.clone(), binding.clone());
                Ok(())
            }
            Some(_) => {
                let Some(bv) = binding
                    .as_variable()
                    .filter(|v| matches!(v.kind(), VarKind::Individual | VarKind::Event))
                else {
                    return Err(Fail::NoBinding);
                };
                let binding2 = Expression::var(variable.clone());
                match self.get(bv) {
                    Some(e2) if !binding2.equals(e2) => Err(Fail::NoBinding),
                    _ => {
                        self.put(bv.clone(), binding2);
                        Ok(())
                    }
                }
            }
        }
    }

    fn plus(&self, other: &BindingDict) -> F<BindingDict> {
        let mut combined = BindingDict::default();
        for (v, e) in self.items.iter().chain(&other.items) {
            combined.set(v, e)?;
        }
        Ok(combined)
    }

    fn single(v: &Variable, e: &Expression) -> F<BindingDict> {
        let mut d = BindingDict::default();
        d.set(v, e)?;
        Ok(d)
    }
}

impl fmt::Display for BindingDict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items: Vec<_> = self.items.iter().collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        f.write_str("{")?;
        for (i, (v, e)) in items.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{v}: {e}")?;
        }
        f.write_str("}")
    }
}

fn is_indvar_expr(e: &Expression) -> bool {
    e.as_variable()
        .is_some_and(|v| matches!(v.kind(), VarKind::Individual | VarKind::Event))
}

/// The most general unifier of `a` and `b` consistent with `bindings`, or
/// `None`: NLTK's `most_general_unification`.
///
/// # Example
/// ```
/// use nlkit::sem::inference::most_general_unification;
/// use nlkit::sem::logic::Expression;
/// let a = Expression::fromstring("P(x,B)")?;
/// let b = Expression::fromstring("P(A,y)")?;
/// assert_eq!(most_general_unification(&a, &b).unwrap().to_string(), "{x: A, y: B}");
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn most_general_unification(a: &Expression, b: &Expression) -> Option<BindingDict> {
    mgu(a, b, &BindingDict::default()).ok()
}

fn mgu(a: &Expression, b: &Expression, bindings: &BindingDict) -> F<BindingDict> {
    if a.equals(b) {
        return Ok(bindings.clone());
    }
    if is_indvar_expr(a) {
        return mgu_var(a, b, bindings);
    }
    if is_indvar_expr(b) {
        return mgu_var(b, a, bindings);
    }
    if let (Expr::Application(f1, a1), Expr::Application(f2, a2)) = (a.expr(), b.expr()) {
        let l = mgu(f1, f2, bindings)?;
        return l.plus(&mgu(a1, a2, bindings)?);
    }
    Err(Fail::NoBinding)
}

fn mgu_var(var: &Expression, e: &Expression, bindings: &BindingDict) -> F<BindingDict> {
    let Some(v) = var.as_variable() else {
        return Err(Fail::NoBinding);
    };
    if e.free().contains(v) || e.constants().contains(v) {
        return Err(Fail::NoBinding);
    }
    BindingDict::single(v, e)?.plus(bindings)
}

/// Deepest nesting of clause-unification calls (the search is abandoned
/// as unknown past it, instead of overflowing the stack).
const MAX_UNIFY_DEPTH: usize = 256;

/// The search's shared state: steps left, current unification depth.
pub(crate) struct Search {
    pub(crate) steps: usize,
    pub(crate) depth: usize,
}

impl Search {
    fn step(&mut self) -> F<()> {
        if self.steps == 0 {
            return Err(Fail::Hard(limit_error()));
        }
        self.steps -= 1;
        Ok(())
    }
}

/// Deepest chain of bindings `substitute_bindings` follows (NLTK recurses
/// until Python's recursion limit, and the prover then answers False).
const MAX_SUBST_DEPTH: usize = 200;

fn substitute(e: &Expression, b: &BindingDict, depth: usize) -> F<Expression> {
    if depth > MAX_SUBST_DEPTH {
        return Err(Fail::Hard(Error::InvalidInput(
            "maximum recursion depth exceeded in substitute_bindings".into(),
        )));
    }
    let mut out = e.clone();
    for var in e.variables() {
        if let Some(val) = b.get(&var) {
            let val = substitute(val, b, depth + 1)?;
            out = out.replace(&var, &val, false, true)?;
        }
    }
    Ok(out.simplify()?)
}

fn substitute_clause(c: &[Expression], b: &BindingDict) -> F<Vec<Expression>> {
    c.iter().map(|a| substitute(a, b, 0)).collect()
}

type Used = (Vec<Expression>, Vec<Expression>);

#[derive(Clone, Copy)]
enum Finalize {
    Unify,
    Subsumes,
}

struct Path<'a> {
    first: &'a [Expression],
    second: &'a [Expression],
    bindings: BindingDict,
    used: Used,
    skipped: Used,
}

fn unify_terms(
    a: &Expression,
    b: &Expression,
    bindings: &BindingDict,
    used: &Used,
) -> F<(BindingDict, Used, Used)> {
    let push = |v: &Vec<Expression>, e: &Expression| {
        let mut v = v.clone();
        v.push(e.clone());
        v
    };
    match (a.expr(), b.expr()) {
        (Expr::Negated(t), Expr::Application(..)) => {
            let nb = mgu(t, b, bindings)?;
            Ok((nb, (push(&used.0, a), push(&used.1, b)), Default::default()))
        }
        (Expr::Application(..), Expr::Negated(t)) => {
            let nb = mgu(a, t, bindings)?;
            Ok((nb, (push(&used.0, a), push(&used.1, b)), Default::default()))
        }
        (Expr::Binary(crate::sem::logic::BinOp::Eq, x, y), _) => {
            let v = x.as_variable().ok_or_else(no_variable)?;
            let nb = BindingDict::single(v, y)?;
            Ok((
                nb,
                (push(&used.0, a), used.1.clone()),
                (Vec::new(), vec![b.clone()]),
            ))
        }
        (_, Expr::Binary(crate::sem::logic::BinOp::Eq, x, y)) => {
            let v = x.as_variable().ok_or_else(no_variable)?;
            let nb = BindingDict::single(v, y)?;
            Ok((
                nb,
                (used.0.clone(), push(&used.1, b)),
                (vec![a.clone()], Vec::new()),
            ))
        }
        _ => Err(Fail::NoBinding),
    }
}

fn no_variable() -> Fail {
    Fail::Hard(Error::InvalidInput(
        "'ApplicationExpression' object has no attribute 'variable'".into(),
    ))
}

fn concat(parts: &[&[Expression]]) -> Vec<Expression> {
    parts.iter().flat_map(|p| p.iter().cloned()).collect()
}

fn finalize(kind: Finalize, p: &Path<'_>) -> F<Vec<Option<Vec<Expression>>>> {
    match kind {
        Finalize::Subsumes => Ok(if p.skipped.0.is_empty() && p.first.is_empty() {
            vec![None]
        } else {
            Vec::new()
        }),
        Finalize::Unify => {
            if p.used.0.is_empty() && p.used.1.is_empty() {
                return Ok(Vec::new());
            }
            let mut bindings = p.bindings.clone();
            let resolved: Vec<&Expression> = p
                .used
                .0
                .iter()
                .filter(|a| !matches!(a.expr(), Expr::Binary(crate::sem::logic::BinOp::Eq, ..)))
                .collect();
            if let Some((pivot, rest)) = resolved.split_first() {
                let strip = |e: &Expression| match e.expr() {
                    Expr::Negated(t) => (true, t.clone()),
                    _ => (false, e.clone()),
                };
                let (pneg, left) = strip(pivot);
                for atom in rest {
                    let (aneg, right) = strip(atom);
                    if pneg != aneg {
                        return Ok(Vec::new());
                    }
                    let l = substitute(&left, &bindings, 0)?;
                    let r = substitute(&right, &bindings, 0)?;
                    match mgu(&l, &r, &BindingDict::default()).and_then(|m| bindings.plus(&m)) {
                        Ok(b) => bindings = b,
                        Err(Fail::NoBinding) => return Ok(Vec::new()),
                        Err(e) => return Err(e),
                    }
                }
            }
            let clause = concat(&[&p.skipped.0, &p.skipped.1, p.first, p.second]);
            Ok(vec![Some(substitute_clause(&clause, &bindings)?)])
        }
    }
}

fn iterate(
    second_only: bool,
    p: Path<'_>,
    kind: Finalize,
    s: &mut Search,
) -> F<Vec<Option<Vec<Expression>>>> {
    s.step()?;
    if s.depth >= MAX_UNIFY_DEPTH {
        return Err(Fail::Hard(limit_error()));
    }
    s.depth += 1;
    let r = iterate_inner(second_only, p, kind, s);
    s.depth -= 1;
    r
}

fn iterate_inner(
    second_only: bool,
    p: Path<'_>,
    kind: Finalize,
    s: &mut Search,
) -> F<Vec<Option<Vec<Expression>>>> {
    let (Some(f0), Some(s0)) = (p.first.first(), p.second.first()) else {
        return finalize(kind, &p);
    };
    let mut result;
    if second_only {
        let mut skipped = p.skipped.clone();
        skipped.1.push(s0.clone());
        result = iterate(
            true,
            Path {
                first: p.first,
                second: &p.second[1..],
                bindings: p.bindings.clone(),
                used: p.used.clone(),
                skipped,
            },
            kind,
            s,
        )?;
    } else {
        result = iterate(
            true,
            Path {
                first: p.first,
                second: p.second,
                bindings: p.bindings.clone(),
                used: p.used.clone(),
                skipped: p.skipped.clone(),
            },
            kind,
            s,
        )?;
        let mut skipped = p.skipped.clone();
        skipped.0.push(f0.clone());
        result.extend(iterate(
            false,
            Path {
                first: &p.first[1..],
                second: p.second,
                bindings: p.bindings.clone(),
                used: p.used.clone(),
                skipped,
            },
            kind,
            s,
        )?);
    }
    match unify_terms(f0, s0, &p.bindings, &p.used) {
        Ok((nb, nu, unused)) => {
            let nf = concat(&[&p.first[1..], &p.skipped.0, &unused.0]);
            let ns = concat(&[&p.second[1..], &p.skipped.1, &unused.1]);
            result.extend(iterate(
                second_only,
                Path {
                    first: &nf,
                    second: &ns,
                    bindings: nb,
                    used: nu,
                    skipped: Default::default(),
                },
                kind,
                s,
            )?);
        }
        Err(Fail::NoBinding) => {}
        Err(e) => return Err(e),
    }
    Ok(result)
}

fn start(a: &[Expression], b: &[Expression], kind: Finalize, s: &mut Search) -> F<usize> {
    Ok(iterate(
        false,
        Path {
            first: a,
            second: b,
            bindings: BindingDict::default(),
            used: Default::default(),
            skipped: Default::default(),
        },
        kind,
        s,
    )?
    .len())
}

fn subsumes(a: &[Expression], b: &[Expression], s: &mut Search) -> F<bool> {
    let negated = b
        .iter()
        .map(|atom| match atom.expr() {
            Expr::Negated(t) => Ok(t.clone()),
            _ => atom.negate(),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(start(a, &negated, Finalize::Subsumes, s)? > 0)
}

fn unify(a: &Clause, b: &Clause, s: &mut Search) -> F<Vec<Clause>> {
    let new: Vec<Vec<Expression>> = iterate(
        false,
        Path {
            first: &a.literals,
            second: &b.literals,
            bindings: BindingDict::default(),
            used: Default::default(),
            skipped: Default::default(),
        },
        Finalize::Unify,
        s,
    )?
    .into_iter()
    .flatten()
    .collect();
    let mut subsumed = vec![false; new.len()];
    for i in 0..new.len() {
        if subsumed[i] {
            continue;
        }
        for j in 0..new.len() {
            if i != j && !subsumed[j] && subsumes(&new[i], &new[j], s)? {
                subsumed[j] = true;
            }
        }
    }
    Ok(new
        .into_iter()
        .zip(subsumed)
        .filter(|(_, sub)| !sub)
        .map(|(c, _)| Clause::new(c))
        .collect())
}

impl Clause {
    /// The resolvents of this clause with `other`, subsumed ones removed:
    /// NLTK's `Clause.unify`.
    ///
    /// # Errors
    /// The search budget ran out.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::inference::Clause;
    /// use nlkit::sem::logic::Expression;
    /// let e = |s: &str| Expression::fromstring(s).unwrap();
    /// let a = Clause::new(vec![e("P(A)"), e("Q(x)")]);
    /// let b = Clause::new(vec![e("-P(x)"), e("R(x)")]);
    /// let r: Vec<String> = a.unify(&b)?.iter().map(|c| c.to_string()).collect();
    /// assert_eq!(r, ["{R(A), Q(A)}"]);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn unify(&self, other: &Clause) -> Result<Vec<Clause>> {
        let mut s = Search {
            steps: MAX_STEPS,
            depth: 0,
        };
        unify(self, other, &mut s).map_err(hard)
    }

    /// Whether some substitution makes every literal of this clause one of
    /// `other`'s: NLTK's `subsumes`.
    ///
    /// # Errors
    /// The search budget ran out.
    pub fn subsumes(&self, other: &Clause) -> Result<bool> {
        let mut s = Search {
            steps: MAX_STEPS,
            depth: 0,
        };
        subsumes(&self.literals, &other.literals, &mut s).map_err(hard)
    }
}

fn hard(f: Fail) -> Error {
    match f {
        Fail::Hard(e) => e,
        Fail::NoBinding => Error::InvalidInput("cannot be bound".into()),
    }
}

/// NLTK's `ResolutionProver`: proves `goal` from `assumptions` by refuting
/// `-goal` with them.
///
/// # Example
/// ```
/// use nlkit::sem::inference::{ProofResult, ResolutionProver};
/// use nlkit::sem::logic::Expression;
/// let e = |s: &str| Expression::fromstring(s).unwrap();
/// let p = ResolutionProver::default();
/// let r = p.prove(Some(&e("mortal(Socrates)")), &[e("all x.(man(x) -> mortal(x))"), e("man(Socrates)")])?;
/// assert_eq!(r.result, ProofResult::Proved);
/// assert!(r.proof.contains("{}"));
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ResolutionProver {
    /// Most unification steps one proof may take; past it the answer is
    /// [`ProofResult::Unknown`].
    pub max_steps: usize,
}

impl Default for ResolutionProver {
    fn default() -> Self {
        ResolutionProver {
            max_steps: MAX_STEPS,
        }
    }
}

/// A resolution proof: the answer, the clauses and NLTK's proof text.
#[derive(Debug, Clone)]
pub struct ResolutionProof {
    /// Proved, not proved, or unknown (budget reached).
    pub result: ProofResult,
    /// Every clause made, in order.
    pub clauses: Vec<Clause>,
    /// NLTK's `ResolutionProverCommand.proof()` text (empty when unknown).
    pub proof: String,
}

impl ResolutionProver {
    /// Tries to prove `goal` (or to refute the assumptions alone, when
    /// `goal` is `None`).
    ///
    /// # Errors
    /// Formulas NLTK cannot clausify; the budget while clausifying.
    pub fn prove(
        &self,
        goal: Option<&Expression>,
        assumptions: &[Expression],
    ) -> Result<ResolutionProof> {
        let mut clauses = Vec::new();
        if let Some(g) = goal {
            clauses.extend(clausify(&g.negate()?)?);
        }
        for a in assumptions {
            clauses.extend(clausify(a)?);
        }
        let mut s = Search {
            steps: self.max_steps,
            depth: 0,
        };
        let result = match attempt(&mut clauses, &mut s) {
            Ok(true) => ProofResult::Proved,
            Ok(false) => ProofResult::NotProved,
            Err(Fail::Hard(e)) if is_limit(&e) => ProofResult::Unknown,
            Err(Fail::Hard(e)) => return Err(e),
            Err(Fail::NoBinding) => ProofResult::NotProved,
        };
        if result == ProofResult::Unknown {
            clauses.clear();
        }
        let proof = decorate(&clauses);
        Ok(ResolutionProof {
            result,
            clauses,
            proof,
        })
    }

    /// The individuals `x` for which `ANSWER(x)` was derived: NLTK's
    /// `find_answers`, sorted by name.
    ///
    /// # Errors
    /// As [`ResolutionProver::prove`].
    pub fn find_answers(
        &self,
        goal: Option<&Expression>,
        assumptions: &[Expression],
    ) -> Result<Vec<Expression>> {
        let proof = self.prove(goal, assumptions)?;
        let mut out: Vec<Expression> = Vec::new();
        for c in &proof.clauses {
            if let [Expression { .. }] = c.literals() {
                if let Expr::Application(f, a) = c.literals()[0].expr() {
                    if f.as_variable().is_some_and(|v| v.name() == "ANSWER")
                        && !is_indvar_expr(a)
                        && !out.iter().any(|x| x.equals(a))
                    {
                        out.push(a.clone());
                    }
                }
            }
        }
        out.sort_by_key(|e| e.to_string());
        Ok(out)
    }
}

/// Errors that end a search as unknown: the step budget, the depth of
/// clause unification or of substitution, and terms grown past
/// [`crate::sem::logic::MAX_DEPTH`] (NLTK keeps deriving them until its
/// time limit).
fn is_limit(e: &Error) -> bool {
    let m = e.to_string();
    m.starts_with(super::LIMIT_MESSAGE)
        || m.starts_with("maximum recursion depth")
        || m.starts_with("Expression nesting exceeds the maximum depth")
}

/// NLTK's `_attempt_proof`: saturate, restarting from the top after each
/// new clause, until the empty clause appears or nothing new comes.
fn attempt(clauses: &mut Vec<Clause>, s: &mut Search) -> F<bool> {
    let mut tried: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut i = 0usize;
    while i < clauses.len() {
        let mut restart = false;
        if !clauses[i].is_tautology() {
            let mut j = tried
                .get(&i)
                .and_then(|t| t.last())
                .map_or(i + 1, |l| l + 1);
            while j < clauses.len() {
                if i != j && j != 0 && !clauses[j].is_tautology() {
                    s.step()?;
                    tried.entry(i).or_default().push(j);
                    let new = unify(&clauses[i], &clauses[j], s)?;
                    if !new.is_empty() {
                        for mut c in new {
                            c.parents = Some((i + 1, j + 1));
                            let empty = c.literals.is_empty();
                            clauses.push(c);
                            if empty {
                                return Ok(true);
                            }
                        }
                        restart = true;
                        break;
                    }
                }
                j += 1;
            }
        }
        i = if restart { 0 } else { i + 1 };
    }
    Ok(false)
}

/// NLTK's `_decorate_clauses`.
fn decorate(clauses: &[Clause]) -> String {
    let strs: Vec<String> = clauses.iter().map(|c| c.to_string()).collect();
    let Some(max_len) = strs.iter().map(|s| s.chars().count()).max() else {
        return String::new();
    };
    let seq_len = clauses.len().to_string().len();
    let mut out = String::new();
    for (i, (c, s)) in clauses.iter().zip(&strs).enumerate() {
        let parents = match c.parents {
            Some((a, b)) => format!("({a}, {b})"),
            None => "A".to_string(),
        };
        let taut = if c.is_tautology() { "Tautology" } else { "" };
        let pad = " ".repeat(max_len - s.chars().count() + 1);
        let seq = format!("{:>w$}", i + 1, w = seq_len);
        out.push_str(&format!("[{seq}] {s} {pad}{parents} {taut}\n"));
    }
    out
}
