//! NLTK's tableau prover (`nltk.inference.tableau`): an agenda of formulas
//! in 21 categories expanded by the tableau rules, branches closing on
//! complementary atoms, with NLTK's depth bound (200) and a step budget
//! instead of its wall-clock limit.
//!
//! Where NLTK takes an arbitrary element of a Python set (the next formula
//! of a category, the next accessible term for a universal), nlkit takes
//! the oldest, so the search order (not the rules) may differ.

use std::cell::RefCell;
use std::rc::Rc;

use super::{limit_error, ProofResult, MAX_STEPS};
use crate::sem::logic::{BinOp, Binder, Expr, Expression, VarKind, Variable};
use crate::{Error, Result};

/// NLTK's `TableauProver.MAX_TABLEAU_DEPTH`: deeper branches count as open.
pub const MAX_TABLEAU_DEPTH: usize = 200;

const ATOM: usize = 0;
const PROP: usize = 1;
const N_ATOM: usize = 2;
const N_PROP: usize = 3;
const APP: usize = 4;
const N_APP: usize = 5;
const N_EQ: usize = 6;
const D_NEG: usize = 7;
const N_ALL: usize = 8;
const N_EXISTS: usize = 9;
const AND: usize = 10;
const N_OR: usize = 11;
const N_IMP: usize = 12;
const OR: usize = 13;
const IMP: usize = 14;
const N_AND: usize = 15;
const IFF: usize = 16;
const N_IFF: usize = 17;
const EQ: usize = 18;
const EXISTS: usize = 19;
const ALL: usize = 20;

/// One agenda entry: the formula, its context (a lambda to put the result
/// back into), and for universals and negated equalities NLTK's
/// `_used_vars` / `_exhausted` attributes.
#[derive(Clone)]
struct Item {
    ex: Expression,
    ctx: Option<Expression>,
    used: Option<Vec<Expression>>,
    exhausted: Option<bool>,
    key: String,
}

impl Item {
    fn new(ex: Expression, ctx: Option<Expression>) -> Item {
        let key = format!(
            "{}|{}",
            ex.repr(),
            ctx.as_ref().map(|c| c.repr()).unwrap_or_default()
        );
        Item {
            ex,
            ctx,
            used: None,
            exhausted: None,
            key,
        }
    }
}

#[derive(Clone, Default)]
struct Agenda {
    sets: [Vec<Item>; 21],
}

fn is_atom(e: &Expression) -> bool {
    let e = match e.expr() {
        Expr::Negated(t) => t,
        _ => e,
    };
    match e.expr() {
        Expr::Application(..) => e.uncurry().1.iter().all(|a| is_atom(a)),
        Expr::Variable(_) | Expr::Binder(Binder::Lambda, ..) => true,
        _ => false,
    }
}

fn is_funcvar(e: &Expression) -> bool {
    e.as_variable()
        .is_some_and(|v| v.kind() == VarKind::Function)
}

fn categorize(e: &Expression) -> Result<usize> {
    if let Expr::Negated(n) = e.expr() {
        return Ok(match n.expr() {
            Expr::Negated(_) => D_NEG,
            _ if is_funcvar(n) => N_PROP,
            _ if is_atom(n) => N_ATOM,
            Expr::Binder(Binder::All, ..) => N_ALL,
            Expr::Binary(BinOp::And, ..) => N_AND,
            Expr::Binary(BinOp::Or, ..) => N_OR,
            Expr::Binary(BinOp::Imp, ..) => N_IMP,
            Expr::Binary(BinOp::Iff, ..) => N_IFF,
            Expr::Binary(BinOp::Eq, ..) => N_EQ,
            Expr::Binder(Binder::Exists, ..) => N_EXISTS,
            Expr::Application(..) => N_APP,
            _ => return Err(cannot(n)),
        });
    }
    Ok(match e.expr() {
        _ if is_funcvar(e) => PROP,
        _ if is_atom(e) => ATOM,
        Expr::Binder(Binder::All, ..) => ALL,
        Expr::Binary(BinOp::And, ..) => AND,
        Expr::Binary(BinOp::Or, ..) => OR,
        Expr::Binary(BinOp::Imp, ..) => IMP,
        Expr::Binary(BinOp::Iff, ..) => IFF,
        Expr::Binary(BinOp::Eq, ..) => EQ,
        Expr::Binder(Binder::Exists, ..) => EXISTS,
        Expr::Application(..) => APP,
        _ => return Err(cannot(e)),
    })
}

fn cannot(e: &Expression) -> Error {
    Error::InvalidInput(format!(
        "ProverParseError: cannot categorize {}",
        e.nltk_class()
    ))
}

impl Agenda {
    /// Adds unless an equal entry is there (a Python set's `add`).
    fn add(&mut self, cat: usize, item: Item) {
        if let Some(set) = self.sets.get_mut(cat) {
            if !set.iter().any(|i| i.key == item.key) {
                set.push(item);
            }
        }
    }

    fn put(&mut self, ex: Expression, ctx: Option<Expression>) -> Result<()> {
        let cat = categorize(&ex)?;
        let mut item = Item::new(ex, ctx);
        if cat == ALL {
            item.used = Some(Vec::new());
        }
        self.add(cat, item);
        Ok(())
    }

    fn put_all_item(&mut self, item: &Item) -> Result<()> {
        let cat = categorize(&item.ex)?;
        let mut new = Item::new(item.ex.clone(), item.ctx.clone());
        if cat == ALL {
            new.used = Some(item.used.clone().unwrap_or_default());
        }
        self.add(cat, new);
        Ok(())
    }

    fn clone_for_branch(&self) -> Agenda {
        let mut a = self.clone();
        for item in &mut a.sets[ALL] {
            item.used = Some(item.used.clone().unwrap_or_default());
            item.exhausted = None;
            item.ctx = None;
            item.key = Item::new(item.ex.clone(), None).key;
        }
        for item in &mut a.sets[N_EQ] {
            item.exhausted = None;
        }
        a
    }

    fn pop_first(&mut self) -> Option<(Item, usize)> {
        for (i, s) in self.sets.iter_mut().enumerate() {
            if s.is_empty() {
                continue;
            }
            if i == N_EQ || i == ALL {
                if let Some(k) = s.iter().position(|x| x.exhausted != Some(true)) {
                    return Some((s.remove(k), i));
                }
            } else {
                return Some((s.remove(0), i));
            }
        }
        None
    }

    fn mark_alls_fresh(&mut self) {
        for u in &mut self.sets[ALL] {
            u.exhausted = Some(false);
        }
    }

    fn mark_neqs_fresh(&mut self) {
        for u in &mut self.sets[N_EQ] {
            u.exhausted = Some(false);
        }
    }
}

/// A set of (atom, negated) pairs, compared as NLTK hashes them.
type Atoms = Vec<(String, Expression, bool)>;

fn has_atom(atoms: &Atoms, e: &Expression, neg: bool) -> bool {
    let k = e.repr();
    atoms.iter().any(|(key, _, n)| *key == k && *n == neg)
}

fn with_atom(atoms: &Atoms, e: &Expression, neg: bool) -> Atoms {
    let mut a = atoms.clone();
    if !has_atom(&a, e, neg) {
        a.push((e.repr(), e.clone(), neg));
    }
    a
}

/// The accessible terms; shared between sibling branches exactly where
/// NLTK shares its set object (an equality removes from it in place).
type Access = Rc<RefCell<Vec<Expression>>>;

fn access_with(a: &Access, extra: &[Expression]) -> Access {
    let mut v = a.borrow().clone();
    for e in extra {
        let k = e.repr();
        if !v.iter().any(|x| x.repr() == k) {
            v.push(e.clone());
        }
    }
    Rc::new(RefCell::new(v))
}

struct Tableau {
    steps: usize,
    xcount: u64,
}

fn neg(e: &Expression) -> Result<Expression> {
    e.negate()
}

/// NLTK's `negate()`: `-e`, or the term of a negation.
fn negate_once(e: &Expression) -> Result<Expression> {
    match e.expr() {
        Expr::Negated(t) => Ok(t.clone()),
        _ => e.negate(),
    }
}

fn binary_parts(e: &Expression) -> Option<(&Expression, &Expression)> {
    match e.expr() {
        Expr::Binary(_, a, b) => Some((a, b)),
        _ => None,
    }
}

fn neg_term(e: &Expression) -> Option<&Expression> {
    match e.expr() {
        Expr::Negated(t) => Some(t),
        _ => None,
    }
}

fn shape() -> Error {
    Error::InvalidInput("tableau: unexpected formula shape".into())
}

/// One branch of the tableau being expanded.
struct State {
    agenda: Agenda,
    acc: Access,
    atoms: Atoms,
    depth: usize,
}

/// What one expansion step did.
enum Next {
    /// The branch closed.
    Closed,
    /// The branch stays open (NLTK's `False`).
    Open,
    /// Go on with this branch.
    Go(Box<State>),
    /// Both branches must close; the first is expanded first.
    Split(Box<State>, Box<State>),
}

fn go(agenda: Agenda, acc: Access, atoms: Atoms, depth: usize) -> Result<Next> {
    Ok(Next::Go(Box::new(State {
        agenda,
        acc,
        atoms,
        depth,
    })))
}

impl Tableau {
    /// NLTK's recursive `_attempt_proof`, as a loop over pending branches
    /// (depth-first, first branch first, as Python's `and` evaluates).
    fn attempt(&mut self, start: State) -> Result<bool> {
        let mut pending = vec![start];
        while let Some(mut st) = pending.pop() {
            loop {
                match self.step(st)? {
                    Next::Closed => break,
                    Next::Open => return Ok(false),
                    Next::Go(s) => st = *s,
                    Next::Split(a, b) => {
                        pending.push(*b);
                        st = *a;
                    }
                }
            }
        }
        Ok(true)
    }

    fn step(&mut self, st: State) -> Result<Next> {
        let State {
            mut agenda,
            acc,
            atoms,
            depth,
        } = st;
        if depth > MAX_TABLEAU_DEPTH {
            return Ok(Next::Open);
        }
        if self.steps == 0 {
            return Err(limit_error());
        }
        self.steps -= 1;
        let Some((item, cat)) = agenda.pop_first() else {
            return Ok(Next::Open);
        };
        let Item { ex: cur, ctx, .. } = item.clone();
        let d = depth + 1;
        match cat {
            ATOM | N_ATOM => {
                let (atom, negated) = match (cat, neg_term(&cur)) {
                    (N_ATOM, Some(t)) => (t.clone(), true),
                    _ => (cur.clone(), false),
                };
                if has_atom(&atoms, &atom, !negated) {
                    return Ok(Next::Closed);
                }
                if let Some(c) = &ctx {
                    let mut cur = cur.clone();
                    if let Expr::Binder(_, _, t) = c.expr() {
                        if matches!(t.expr(), Expr::Negated(_)) {
                            cur = negate_once(&cur)?;
                        }
                    }
                    agenda.put(c.apply(&cur)?.simplify()?, None)?;
                    return go(agenda, acc, atoms, d);
                }
                agenda.mark_alls_fresh();
                if !matches!(atom.expr(), Expr::Application(..)) {
                    return Err(Error::InvalidInput(format!(
                        "'{}' object has no attribute 'args'",
                        atom.nltk_class()
                    )));
                }
                let args: Vec<Expression> = atom.uncurry().1.into_iter().cloned().collect();
                let acc2 = access_with(&acc, &args);
                go(agenda, acc2, with_atom(&atoms, &atom, negated), d)
            }
            PROP | N_PROP => {
                let (atom, negated) = match (cat, neg_term(&cur)) {
                    (N_PROP, Some(t)) => (t.clone(), true),
                    _ => (cur.clone(), false),
                };
                if has_atom(&atoms, &atom, !negated) {
                    return Ok(Next::Closed);
                }
                agenda.mark_alls_fresh();
                go(agenda, acc, with_atom(&atoms, &atom, negated), d)
            }
            APP | N_APP => {
                let target = if cat == N_APP {
                    neg_term(&cur).ok_or_else(shape)?.clone()
                } else {
                    cur.clone()
                };
                let (f, args) = target.uncurry();
                let Some(i) = args.iter().position(|a| !is_atom(a)) else {
                    return Err(Error::InvalidInput(
                        "If this method is called, there must be a non-atomic argument".into(),
                    ));
                };
                self.xcount += 1;
                let nv = Variable::new(&format!("X{}", self.xcount));
                let mut c = f.clone();
                for (j, a) in args.iter().enumerate() {
                    let arg = if i == j {
                        Expression::var(nv.clone())
                    } else {
                        (*a).clone()
                    };
                    c = c.apply(&arg)?;
                }
                if let Some(outer) = &ctx {
                    c = outer.apply(&c)?.simplify()?;
                }
                let body = if cat == N_APP { neg(&c)? } else { c };
                let lam = Expression::new(Expr::Binder(Binder::Lambda, nv, body))?;
                let arg = args[i].clone();
                let put = if cat == N_APP { neg(&arg)? } else { arg };
                agenda.put(put, Some(lam))?;
                go(agenda, acc, atoms, d)
            }
            N_EQ => {
                let t = neg_term(&cur).ok_or_else(shape)?;
                let (a, b) = binary_parts(t).ok_or_else(shape)?;
                if a.equals(b) {
                    return Ok(Next::Closed);
                }
                let mut stored = item.clone();
                stored.exhausted = Some(true);
                agenda.add(N_EQ, stored);
                let acc2 = access_with(&acc, &[a.clone(), b.clone()]);
                go(agenda, acc2, atoms, d)
            }
            D_NEG => {
                let t = neg_term(&cur).and_then(neg_term).ok_or_else(shape)?;
                agenda.put(t.clone(), ctx)?;
                go(agenda, acc, atoms, d)
            }
            N_ALL | N_EXISTS => {
                let t = neg_term(&cur).ok_or_else(shape)?;
                let Expr::Binder(_, v, body) = t.expr() else {
                    return Err(shape());
                };
                let (binder, into) = if cat == N_ALL {
                    (Binder::Exists, EXISTS)
                } else {
                    (Binder::All, ALL)
                };
                let e = Expression::new(Expr::Binder(binder, v.clone(), neg(body)?))?;
                agenda.add(into, Item::new(e, ctx));
                go(agenda, acc, atoms, d)
            }
            AND | N_OR | N_IMP => {
                let (a, b) = match cat {
                    AND => {
                        let (a, b) = binary_parts(&cur).ok_or_else(shape)?;
                        (a.clone(), b.clone())
                    }
                    N_OR => {
                        let (a, b) = neg_term(&cur).and_then(binary_parts).ok_or_else(shape)?;
                        (neg(a)?, neg(b)?)
                    }
                    _ => {
                        let (a, b) = neg_term(&cur).and_then(binary_parts).ok_or_else(shape)?;
                        (a.clone(), neg(b)?)
                    }
                };
                agenda.put(a, ctx.clone())?;
                agenda.put(b, ctx)?;
                go(agenda, acc, atoms, d)
            }
            OR | IMP | N_AND | IFF | N_IFF => {
                let mut other = agenda.clone_for_branch();
                match cat {
                    OR | IMP => {
                        let (a, b) = binary_parts(&cur).ok_or_else(shape)?;
                        let a = if cat == IMP { neg(a)? } else { a.clone() };
                        agenda.put(a, ctx.clone())?;
                        other.put(b.clone(), ctx)?;
                    }
                    N_AND => {
                        let (a, b) = neg_term(&cur).and_then(binary_parts).ok_or_else(shape)?;
                        agenda.put(neg(a)?, ctx.clone())?;
                        other.put(neg(b)?, ctx)?;
                    }
                    IFF => {
                        let (a, b) = binary_parts(&cur).ok_or_else(shape)?;
                        agenda.put(a.clone(), ctx.clone())?;
                        agenda.put(b.clone(), ctx.clone())?;
                        other.put(neg(a)?, ctx.clone())?;
                        other.put(neg(b)?, ctx)?;
                    }
                    _ => {
                        let (a, b) = neg_term(&cur).and_then(binary_parts).ok_or_else(shape)?;
                        agenda.put(a.clone(), ctx.clone())?;
                        agenda.put(neg(b)?, ctx.clone())?;
                        other.put(neg(a)?, ctx.clone())?;
                        other.put(b.clone(), ctx)?;
                    }
                }
                Ok(Next::Split(
                    Box::new(State {
                        agenda,
                        acc: acc.clone(),
                        atoms: atoms.clone(),
                        depth: d,
                    }),
                    Box::new(State {
                        agenda: other,
                        acc,
                        atoms,
                        depth: d,
                    }),
                ))
            }
            EQ => {
                let (a, _) = binary_parts(&cur).ok_or_else(shape)?;
                for (_, atom, negated) in &atoms {
                    let it = if *negated {
                        (N_ATOM, Item::new(neg(atom)?, None))
                    } else {
                        (ATOM, Item::new(atom.clone(), None))
                    };
                    agenda.add(it.0, it.1);
                }
                // NLTK's replace_all discards its results: nothing changes,
                // but it reads `first.variable` once per agenda entry.
                if a.as_variable().is_none() && agenda.sets.iter().any(|s| !s.is_empty()) {
                    return Err(Error::InvalidInput(format!(
                        "'{}' object has no attribute 'variable'",
                        a.nltk_class()
                    )));
                }
                let k = a.repr();
                acc.borrow_mut().retain(|x| x.repr() != k);
                agenda.mark_neqs_fresh();
                go(agenda, acc, Vec::new(), d)
            }
            EXISTS => {
                let Expr::Binder(_, v, body) = cur.expr() else {
                    return Err(shape());
                };
                let nv = Expression::var(super::skolemize::fresh_z(&Default::default()));
                agenda.put(body.replace(v, &nv, false, true)?, ctx)?;
                agenda.mark_alls_fresh();
                let acc2 = access_with(&acc, &[nv]);
                go(agenda, acc2, atoms, d)
            }
            ALL => self.attempt_all(agenda, item, acc, atoms, d),
            _ => Err(shape()),
        }
    }

    fn attempt_all(
        &mut self,
        mut agenda: Agenda,
        mut item: Item,
        acc: Access,
        atoms: Atoms,
        d: usize,
    ) -> Result<Next> {
        let Expr::Binder(_, v, body) = item.ex.expr() else {
            return Err(shape());
        };
        let (v, body) = (v.clone(), body.clone());
        let mut used = item.used.clone().unwrap_or_default();
        let available: Vec<Expression> = acc
            .borrow()
            .iter()
            .filter(|a| {
                let k = a.repr();
                !used.iter().any(|u| u.repr() == k)
            })
            .cloned()
            .collect();
        if !acc.borrow().is_empty() {
            if let Some(pick) = available.first() {
                used.push(pick.clone());
                item.used = Some(used);
                agenda.put(body.replace(&v, pick, false, true)?, item.ctx.clone())?;
                agenda.add(ALL, item);
                return go(agenda, acc, atoms, d);
            }
            item.exhausted = Some(true);
            item.used = Some(used);
            agenda.add(ALL, item);
            return go(agenda, acc, atoms, d);
        }
        let nv = Expression::var(super::skolemize::fresh_z(&Default::default()));
        used.push(nv.clone());
        item.used = Some(used);
        agenda.put(body.replace(&v, &nv, false, true)?, item.ctx.clone())?;
        agenda.add(ALL, item);
        agenda.mark_alls_fresh();
        let acc2 = access_with(&acc, &[nv]);
        go(agenda, acc2, atoms, d)
    }
}

/// NLTK's `TableauProver`.
///
/// # Example
/// ```
/// use nlkit::sem::inference::{ProofResult, TableauProver};
/// use nlkit::sem::logic::Expression;
/// let e = |s: &str| Expression::fromstring(s).unwrap();
/// let p = TableauProver::default();
/// assert_eq!(p.prove(Some(&e("Q")), &[e("P"), e("(P -> Q)")])?, ProofResult::Proved);
/// assert_eq!(p.prove(Some(&e("man(x)")), &[])?, ProofResult::NotProved);
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TableauProver {
    /// Most expansion steps one proof may take; past it the answer is
    /// [`ProofResult::Unknown`].
    pub max_steps: usize,
}

impl Default for TableauProver {
    fn default() -> Self {
        TableauProver {
            max_steps: MAX_STEPS,
        }
    }
}

impl TableauProver {
    /// Tries to prove `goal` from `assumptions` (closing every branch of
    /// the tableau of `-goal` and the assumptions).
    ///
    /// # Errors
    /// Formulas NLTK's tableau cannot categorize (iota, a lone individual
    /// variable as a formula).
    pub fn prove(
        &self,
        goal: Option<&Expression>,
        assumptions: &[Expression],
    ) -> Result<ProofResult> {
        let mut agenda = Agenda::default();
        if let Some(g) = goal {
            agenda.put(g.negate()?, None)?;
        }
        for a in assumptions {
            agenda.put_all_item(&Item::new(a.clone(), None))?;
        }
        let mut t = Tableau {
            steps: self.max_steps,
            xcount: 0,
        };
        let start = State {
            agenda,
            acc: Rc::new(RefCell::new(Vec::new())),
            atoms: Vec::new(),
            depth: 0,
        };
        match t.attempt(start) {
            Ok(true) => Ok(ProofResult::Proved),
            Ok(false) => Ok(ProofResult::NotProved),
            Err(e) if e.to_string().starts_with(super::LIMIT_MESSAGE) => Ok(ProofResult::Unknown),
            Err(e) => Err(e),
        }
    }
}
