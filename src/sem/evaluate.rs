//! First-order models: NLTK's `nltk.sem.evaluate` (`Valuation`,
//! `Assignment`, `Model.evaluate`, `Model.satisfiers`).
//!
//! A [`Valuation`] maps non-logical constants to individuals (strings),
//! truth values or relations (sets of tuples of individuals).
//! [`Model::evaluate`] interprets a formula under an [`Assignment`] of
//! individual variables the way NLTK's `Model.satisfy` does, Python's
//! dynamic typing included: `&`/`|` return one of their operands (as
//! Python's `and`/`or`), a lambda evaluates to its characteristic function
//! (a map from each individual to a value), an unknown symbol or unbound
//! variable makes the result [`Evaluation::Undefined`], and type clashes
//! NLTK would raise (`TypeError`, `KeyError`) are errors.
//!
//! Differences: NLTK's lambda evaluation binds the lambda's variable in the
//! assignment it was given and leaves it bound to the last individual of
//! the domain in Python's set order; nlkit does the same within one
//! evaluation, with the last individual in sorted order, and never changes
//! the caller's [`Assignment`]. Sets and maps print sorted (Python prints
//! them in hash order).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::logic::{BinOp, Binder, Expr, Expression, VarKind};
use crate::{Error, Result};

/// A semantic value, as NLTK's models hold them.
///
/// # Example
/// ```
/// use nlkit::sem::evaluate::Value;
/// assert_eq!(Value::Bool(true).to_string(), "True");
/// assert_eq!(Value::Individual("b1".into()).to_string(), "b1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    /// A truth value.
    Bool(bool),
    /// An individual of the domain (NLTK: a `str`).
    Individual(String),
    /// A relation: a set of tuples of individuals.
    Relation(BTreeSet<Vec<String>>),
    /// A characteristic function (what a lambda evaluates to).
    Function(BTreeMap<String, Value>),
}

impl Value {
    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Individual(s) => !s.is_empty(),
            Value::Relation(r) => !r.is_empty(),
            Value::Function(m) => !m.is_empty(),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Value::Bool(_) => "bool",
            Value::Individual(_) => "str",
            Value::Relation(_) => "set",
            Value::Function(_) => "dict",
        }
    }
}

fn py_str(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

fn py_repr(v: &Value) -> String {
    match v {
        Value::Individual(s) => py_str(s),
        other => other.to_string(),
    }
}

impl fmt::Display for Value {
    /// Python's `str` of the value (sets and dicts in sorted order).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("True"),
            Value::Bool(false) => f.write_str("False"),
            Value::Individual(s) => f.write_str(s),
            Value::Relation(r) if r.is_empty() => f.write_str("set()"),
            Value::Relation(r) => {
                let items: Vec<String> = r
                    .iter()
                    .map(|t| {
                        let parts: Vec<String> = t.iter().map(|s| py_str(s)).collect();
                        if parts.len() == 1 {
                            format!("({},)", parts[0])
                        } else {
                            format!("({})", parts.join(", "))
                        }
                    })
                    .collect();
                write!(f, "{{{}}}", items.join(", "))
            }
            Value::Function(m) => {
                let items: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("{}: {}", py_str(k), py_repr(v)))
                    .collect();
                write!(f, "{{{}}}", items.join(", "))
            }
        }
    }
}

/// NLTK's `Valuation`: symbols to values.
///
/// # Example
/// ```
/// use nlkit::sem::evaluate::Valuation;
/// let v = Valuation::fromstring("john => b1\nwalk => {b1, g1}\nlove => {(b1, g1)}")?;
/// assert_eq!(v.domain().len(), 2);
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Valuation {
    // Hashed, not a BTreeMap: evaluation looks up every symbol it meets
    // here, and a sorted map pays a string comparison per tree level.
    map: FxHashMap<String, Value>,
}

impl Valuation {
    /// A valuation from (symbol, value) pairs; a later pair for the same
    /// symbol replaces an earlier one.
    pub fn new(pairs: impl IntoIterator<Item = (String, Value)>) -> Valuation {
        Valuation {
            map: pairs.into_iter().collect(),
        }
    }

    /// Reads NLTK's valuation text: one `symbol => value` per line, value
    /// an individual (`b1`) or a set (`{b1, g1}` or `{(b1, g1), (b2, g2)}`);
    /// blank lines and lines starting with `#` are skipped.
    ///
    /// # Errors
    /// A line without `=>`, or a set whose `(` does not open a tuple of at
    /// most 1024 characters (NLTK's `MAX_TUPLE_LENGTH`); the message names
    /// the line (0-based, as NLTK's).
    pub fn fromstring(s: &str) -> Result<Valuation> {
        let mut map = FxHashMap::default();
        for (n, line) in s.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (sym, val) = read_line(line).map_err(|e| {
                Error::InvalidInput(format!("Unable to parse line {n}: {line}\n{e}"))
            })?;
            map.insert(sym, val);
        }
        Ok(Valuation { map })
    }

    /// The value of `symbol`.
    pub fn get(&self, symbol: &str) -> Option<&Value> {
        self.map.get(symbol)
    }

    /// The symbols, sorted.
    pub fn symbols(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.map.keys().map(String::as_str).collect();
        out.sort_unstable();
        out
    }

    /// Every individual a value mentions (NLTK's `domain`).
    pub fn domain(&self) -> BTreeSet<String> {
        let mut dom = BTreeSet::new();
        for v in self.map.values() {
            match v {
                Value::Individual(s) => {
                    dom.insert(s.clone());
                }
                Value::Relation(r) => {
                    for t in r {
                        dom.extend(t.iter().cloned());
                    }
                }
                _ => {}
            }
        }
        dom
    }
}

/// Splits at runs of `=` followed by `>` (with the blanks around them),
/// as NLTK's `_VAL_SPLIT_RE.split`; returns the first two pieces.
fn split_arrow(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let find = |from: usize| -> Option<(usize, usize)> {
        let mut i = from;
        while i < b.len() {
            if b[i] == b'=' {
                let mut j = i;
                while j < b.len() && b[j] == b'=' {
                    j += 1;
                }
                if j < b.len() && b[j] == b'>' {
                    let start = line[from..i].trim_end().len() + from;
                    let end = j + 1 + (line[j + 1..].len() - line[j + 1..].trim_start().len());
                    return Some((start, end));
                }
                i = j;
            } else {
                i += 1;
            }
        }
        None
    };
    let (s1, e1) = find(0)?;
    let second_end = find(e1).map(|(s2, _)| s2).unwrap_or(line.len());
    Some((&line[..s1], &line[e1..second_end]))
}

/// `re.split(r"\s*,\s*", s)`.
fn split_elements(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s.split(',').collect();
    let n = parts.len();
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = if i > 0 { p.trim_start() } else { p };
            let p = if i + 1 < n { p.trim_end() } else { p };
            p.to_string()
        })
        .collect()
}

fn read_line(line: &str) -> std::result::Result<(String, Value), String> {
    let (symbol, value) = split_arrow(line).ok_or_else(|| "list index out of range".to_string())?;
    let symbol = symbol.to_string();
    if !value.starts_with('{') {
        return Ok((symbol, Value::Individual(value.to_string())));
    }
    // value[1:-1], as NLTK (the closing brace is assumed)
    let mut chars = value.chars();
    chars.next();
    chars.next_back();
    let inner = chars.as_str();
    let mut tuples = Vec::new();
    let mut rest = inner;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        match after.find(['(', ')']) {
            Some(k)
                if after.as_bytes()[k] == b')' && k >= 1 && after[..k].chars().count() <= 1024 =>
            {
                tuples.push(after[..k].to_string());
                rest = &after[k + 1..];
            }
            _ => rest = after,
        }
    }
    let opens = inner.matches('(').count();
    if opens != tuples.len() {
        let head: String = inner.chars().take(40).collect();
        return Err(format!(
            "tuple expression is unclosed or longer than MAX_TUPLE_LENGTH (1024 chars): {}...",
            py_str(&head)
        ));
    }
    let rel: BTreeSet<Vec<String>> = if tuples.is_empty() {
        split_elements(inner).into_iter().map(|e| vec![e]).collect()
    } else {
        tuples.iter().map(|t| split_elements(t)).collect()
    };
    Ok((symbol, Value::Relation(rel)))
}

/// NLTK's `Assignment`: individual variables to individuals of a domain.
///
/// # Example
/// ```
/// use nlkit::sem::evaluate::Assignment;
/// let dom = ["b1".to_string(), "g1".to_string()].into_iter().collect();
/// let mut g = Assignment::new(dom);
/// g.add("x", "b1")?;
/// assert_eq!(g.to_string(), "g[b1/x]");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Assignment {
    // shared: evaluation copies assignments at every quantifier
    domain: Rc<BTreeSet<String>>,
    // Hashed: looked up for every individual variable evaluation meets;
    // `Display` sorts its pairs itself.
    map: FxHashMap<String, String>,
    // set by `Model::satisfy` when the domain holds the model's: binding
    // an individual of the model then needs no membership test
    covers_model: bool,
}

impl Assignment {
    /// An empty assignment over `domain`.
    pub fn new(domain: BTreeSet<String>) -> Assignment {
        Assignment {
            domain: Rc::new(domain),
            map: FxHashMap::default(),
            covers_model: false,
        }
    }

    /// [`Assignment::add`] without allocating when `var` is bound already
    /// (the quantifier loop rebinds one variable many times).
    fn rebind(&mut self, var: &str, value: &str) -> Result<()> {
        match self.map.get_mut(var) {
            Some(slot) if self.covers_model || self.domain.contains(value) => {
                slot.clear();
                slot.push_str(value);
                Ok(())
            }
            _ => self.add(var, value),
        }
    }

    /// Binds `var` to `value`.
    ///
    /// # Errors
    /// `value` is not in the domain, or `var` is not an individual variable
    /// (NLTK's assertions; event variables such as `e` are refused too).
    pub fn add(&mut self, var: &str, value: &str) -> Result<()> {
        if !self.domain.contains(value) {
            return Err(Error::InvalidInput(format!(
                "{value} is not in the domain {:?}",
                self.domain
            )));
        }
        if VarKind::of(var) != VarKind::Individual {
            return Err(Error::InvalidInput(format!(
                "Wrong format for an Individual Variable: '{var}'"
            )));
        }
        self.map.insert(var.to_string(), value.to_string());
        Ok(())
    }

    /// The individual bound to `var`.
    pub fn get(&self, var: &str) -> Option<&str> {
        self.map.get(var).map(String::as_str)
    }
}

impl fmt::Display for Assignment {
    /// NLTK's `g[b1/x][g1/y]` (sorted by value, then variable).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("g")?;
        let mut pairs: Vec<(&String, &String)> = self.map.iter().map(|(k, v)| (v, k)).collect();
        pairs.sort();
        for (val, var) in pairs {
            write!(f, "[{val}/{var}]")?;
        }
        Ok(())
    }
}

/// What evaluating a formula gives: NLTK's value, or `'Undefined'`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evaluation {
    /// The semantic value.
    Value(Value),
    /// A symbol without a value or an unbound variable (NLTK's `Undefined`).
    Undefined,
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evaluation::Value(v) => v.fmt(f),
            Evaluation::Undefined => f.write_str("Undefined"),
        }
    }
}

/// Why `satisfy` stopped.
enum Stop {
    Undefined,
    Fail(String),
}

type S<T> = std::result::Result<T, Stop>;

/// A first-order model: a domain and a valuation (NLTK's `Model`).
///
/// # Example
/// ```
/// use nlkit::sem::evaluate::{Assignment, Model, Valuation};
/// let val = Valuation::fromstring("adam => b1\nboy => {b1}\ngirl => {g1}\nw => g1")?;
/// let m = Model::new(val.domain(), val)?;
/// let g = Assignment::new(m.domain().clone());
/// assert_eq!(m.evaluate("all x.(boy(x) -> -girl(x))", &g)?.to_string(), "True");
/// assert_eq!(m.evaluate("walk(adam)", &g)?.to_string(), "Undefined");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Model {
    domain: BTreeSet<String>,
    valuation: Valuation,
}

/// Most domain-value combinations one nested binder path may explore
/// (NLTK's `Model.MAX_SATISFY_OPERATIONS`).
pub const MAX_SATISFY_OPERATIONS: u64 = 1_000_000;

fn binder_depth(e: &Expression) -> usize {
    match e.expr() {
        Expr::Variable(_) => 0,
        Expr::Binder(_, _, t) => 1 + binder_depth(t),
        Expr::Negated(t) => binder_depth(t),
        Expr::Application(a, b) | Expr::Binary(_, a, b) => binder_depth(a).max(binder_depth(b)),
    }
}

impl Model {
    /// A model over `domain`.
    ///
    /// # Errors
    /// The valuation mentions individuals outside `domain`.
    pub fn new(domain: BTreeSet<String>, valuation: Valuation) -> Result<Model> {
        let vd = valuation.domain();
        if !vd.is_subset(&domain) {
            return Err(Error::InvalidInput(format!(
                "The valuation domain, {vd:?}, must be a subset of the model's domain, {domain:?}"
            )));
        }
        Ok(Model { domain, valuation })
    }

    /// The domain.
    pub fn domain(&self) -> &BTreeSet<String> {
        &self.domain
    }

    /// Parses and evaluates `formula` under `g`: NLTK's `Model.evaluate`.
    ///
    /// # Errors
    /// A formula that does not parse; a formula whose nested binders would
    /// explore more than [`MAX_SATISFY_OPERATIONS`] combinations; a type
    /// clash NLTK raises (`TypeError`/`KeyError`/`AssertionError`).
    pub fn evaluate(&self, formula: &str, g: &Assignment) -> Result<Evaluation> {
        let e = Expression::fromstring(formula)?;
        self.satisfy(&e, g)
    }

    /// Evaluates a parsed expression (NLTK's `satisfy`, with `evaluate`'s
    /// `Undefined` handling).
    ///
    /// # Errors
    /// As [`Model::evaluate`].
    pub fn satisfy(&self, e: &Expression, g: &Assignment) -> Result<Evaluation> {
        self.check_cost(e)?;
        let mut g = g.clone();
        g.covers_model = self.domain.is_subset(&g.domain);
        match self.sat(e, &mut g) {
            Ok(v) => Ok(Evaluation::Value(v.into_owned())),
            Err(Stop::Undefined) => Ok(Evaluation::Undefined),
            Err(Stop::Fail(m)) => Err(Error::InvalidInput(m)),
        }
    }

    fn check_cost(&self, e: &Expression) -> Result<()> {
        let size = self.domain.len() as u64;
        if size < 2 {
            return Ok(());
        }
        let mut ops: u64 = 1;
        for _ in 0..binder_depth(e) {
            ops = ops.saturating_mul(size);
            if ops > MAX_SATISFY_OPERATIONS {
                return Err(Error::InvalidInput(format!(
                    "Refusing to evaluate formula: over a domain of {size} element(s) its nested \
                     quantifiers would explore more than {MAX_SATISFY_OPERATIONS} domain-value \
                     combinations (|domain| ** nesting depth) (CWE-770). Reduce the formula's \
                     quantifier nesting or the domain size."
                )));
            }
        }
        Ok(())
    }

    /// The individuals `u` for which `e` holds with `var` bound to `u`:
    /// NLTK's `satisfiers`.
    ///
    /// # Errors
    /// `var` is not free in `e` (NLTK's `Undefined`), and as
    /// [`Model::evaluate`].
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::evaluate::{Assignment, Model, Valuation};
    /// use nlkit::sem::logic::Expression;
    /// let val = Valuation::fromstring("boy => {b1, b2}\ngirl => {g1}")?;
    /// let m = Model::new(val.domain(), val)?;
    /// let g = Assignment::new(m.domain().clone());
    /// let s = m.satisfiers(&Expression::fromstring("boy(x) | girl(x)")?, "x", &g)?;
    /// assert_eq!(s.len(), 3);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn satisfiers(
        &self,
        e: &Expression,
        var: &str,
        g: &Assignment,
    ) -> Result<BTreeSet<String>> {
        let v = super::logic::Variable::new(var);
        if !e.has_free(&v) {
            return Err(Error::InvalidInput(format!("{var} is not free in {e}")));
        }
        let mut out = BTreeSet::new();
        for u in &self.domain {
            let mut g2 = g.clone();
            g2.add(var, u)?;
            match self.satisfy(e, &g2)? {
                Evaluation::Value(val) if val.truthy() => {
                    out.insert(u.clone());
                }
                Evaluation::Value(_) => {}
                Evaluation::Undefined => {
                    return Err(Error::InvalidInput(format!("Undefined: {e} under {g2}")))
                }
            }
        }
        Ok(out)
    }

    fn bind(g: &mut Assignment, var: &str, u: &str) -> S<()> {
        g.rebind(var, u).map_err(|e| Stop::Fail(e.to_string()))
    }

    // Recursion is bounded by the expression's depth (logic::MAX_DEPTH).
    // `g` is mutable because NLTK's lambda binds its variable in the
    // assignment it was given (and leaves it bound).
    fn sat<'m>(&'m self, e: &Expression, g: &mut Assignment) -> S<Cow<'m, Value>> {
        let boolv = |x: bool| -> S<Cow<'m, Value>> { Ok(Cow::Owned(Value::Bool(x))) };
        match e.expr() {
            Expr::Application(f, a) => {
                let (base, args) = e.uncurry();
                if matches!(base.expr(), Expr::Variable(_)) {
                    let funval = self.sat(base, g)?;
                    if let Some(key) = self.atom_key(&args, g)? {
                        return member_key(&key, true, &funval).map(Cow::Owned);
                    }
                    let mut argvals = Vec::with_capacity(args.len());
                    for x in args {
                        argvals.push(self.sat(x, g)?);
                    }
                    member(&argvals, &funval).map(Cow::Owned)
                } else {
                    let funval = self.sat(f, g)?;
                    let argval = self.sat(a, g)?;
                    lookup(&funval, &argval).map(Cow::Owned)
                }
            }
            Expr::Negated(t) => boolv(!self.sat(t, g)?.truthy()),
            Expr::Binary(op, a, b) => {
                let x = self.sat(a, g)?;
                match op {
                    BinOp::And => {
                        if x.truthy() {
                            self.sat(b, g)
                        } else {
                            Ok(x)
                        }
                    }
                    BinOp::Or => {
                        if x.truthy() {
                            Ok(x)
                        } else {
                            self.sat(b, g)
                        }
                    }
                    BinOp::Imp => {
                        if !x.truthy() {
                            boolv(true)
                        } else {
                            self.sat(b, g)
                        }
                    }
                    BinOp::Iff | BinOp::Eq => {
                        let y = self.sat(b, g)?;
                        Ok(Cow::Owned(Value::Bool(x == y)))
                    }
                }
            }
            Expr::Binder(kind, v, t) => match kind {
                Binder::All => {
                    let mut new_g = g.clone();
                    for u in &self.domain {
                        Self::bind(&mut new_g, v.name(), u)?;
                        if !self.sat(t, &mut new_g)?.truthy() {
                            return boolv(false);
                        }
                    }
                    boolv(true)
                }
                Binder::Exists | Binder::Iota => {
                    let mut new_g = g.clone();
                    for u in &self.domain {
                        Self::bind(&mut new_g, v.name(), u)?;
                        if self.sat(t, &mut new_g)?.truthy() {
                            return boolv(true);
                        }
                    }
                    boolv(false)
                }
                Binder::Lambda => {
                    let mut cf = BTreeMap::new();
                    for u in &self.domain {
                        Self::bind(g, v.name(), u)?;
                        let val = self.sat(t, g)?.into_owned();
                        cf.insert(u.clone(), val);
                    }
                    Ok(Cow::Owned(Value::Function(cf)))
                }
            },
            Expr::Variable(v) => {
                if let Some(val) = self.valuation.get(v.name()) {
                    Ok(Cow::Borrowed(val))
                } else if matches!(v.kind(), VarKind::Individual | VarKind::Event) {
                    g.get(v.name())
                        .map(|s| Cow::Owned(Value::Individual(s.to_string())))
                        .ok_or(Stop::Undefined)
                } else {
                    Err(Stop::Undefined)
                }
            }
        }
    }
}

impl Model {
    /// The arguments of a predicate as individuals, when every one is a
    /// variable or constant naming an individual (the common case, without
    /// building a `Value` per argument); `None` otherwise.
    fn atom_key<'a>(
        &'a self,
        args: &[&Expression],
        g: &'a Assignment,
    ) -> S<Option<SmallVec<[&'a str; 4]>>> {
        let mut key = SmallVec::new();
        for x in args {
            let Some(v) = x.as_variable() else {
                return Ok(None);
            };
            match self.valuation.get(v.name()) {
                Some(Value::Individual(s)) => key.push(s.as_str()),
                Some(_) => return Ok(None),
                None if matches!(v.kind(), VarKind::Individual | VarKind::Event) => {
                    match g.get(v.name()) {
                        Some(s) => key.push(s),
                        None => return Err(Stop::Undefined),
                    }
                }
                None => return Err(Stop::Undefined),
            }
        }
        Ok(Some(key))
    }
}

/// `tuple(key) in funval` for a key of individuals (`comparable`: no
/// argument was a truth value).
fn member_key<K: AsRef<str>>(key: &[K], comparable: bool, funval: &Value) -> S<Value> {
    match funval {
        Value::Relation(r) => Ok(Value::Bool(comparable && relation_contains(r, key))),
        Value::Function(_) => Ok(Value::Bool(false)),
        Value::Individual(_) => Err(Stop::Fail(
            "'in <string>' requires string as left operand, not tuple".into(),
        )),
        Value::Bool(_) => Err(Stop::Fail("argument of type 'bool' is not iterable".into())),
    }
}

/// Relations with at most this many tuples are searched by scanning them.
const SCAN_RELATION: usize = 16;

/// `key in r`. A small relation (most of a model's) is scanned, comparing
/// borrowed strings, so that a predicate's arguments need not be copied
/// into a `Vec<String>` to ask the set.
fn relation_contains<K: AsRef<str>>(r: &BTreeSet<Vec<String>>, key: &[K]) -> bool {
    if r.len() <= SCAN_RELATION {
        r.iter().any(|t| {
            t.len() == key.len() && t.iter().zip(key).all(|(a, b)| a.as_str() == b.as_ref())
        })
    } else {
        let owned: Vec<String> = key.iter().map(|k| k.as_ref().to_string()).collect();
        r.contains(&owned)
    }
}

/// Python's `tuple(argvals) in funval`.
fn member(args: &[Cow<'_, Value>], funval: &Value) -> S<Value> {
    let mut key = Vec::with_capacity(args.len());
    let mut comparable = true;
    for a in args {
        match a.as_ref() {
            Value::Individual(s) => key.push(s.clone()),
            Value::Bool(_) => comparable = false,
            other => {
                return Err(Stop::Fail(format!(
                    "unhashable type: '{}'",
                    other.type_name()
                )))
            }
        }
    }
    member_key(&key, comparable, funval)
}

/// Python's `funval[argval]`.
fn lookup(funval: &Value, argval: &Value) -> S<Value> {
    match (funval, argval) {
        (Value::Function(m), Value::Individual(k)) => m
            .get(k)
            .cloned()
            .ok_or_else(|| Stop::Fail(format!("KeyError: {}", py_str(k)))),
        (Value::Function(_), Value::Bool(b)) => Err(Stop::Fail(format!(
            "KeyError: {}",
            if *b { "True" } else { "False" }
        ))),
        (Value::Function(_), other) => Err(Stop::Fail(format!(
            "unhashable type: '{}'",
            other.type_name()
        ))),
        (Value::Individual(_), _) => Err(Stop::Fail("string indices must be integers".into())),
        (other, _) => Err(Stop::Fail(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valuation_lines() {
        let v = Valuation::fromstring(
            "# comment\n\nadam => b1\nboy => {b1, b2}\nlove => {(b1, g1), (b2,g2)}\nnone => {}\n",
        )
        .unwrap();
        assert_eq!(v.get("adam"), Some(&Value::Individual("b1".into())));
        assert_eq!(v.get("boy").unwrap().to_string(), "{('b1',), ('b2',)}");
        assert_eq!(
            v.get("love").unwrap().to_string(),
            "{('b1', 'g1'), ('b2', 'g2')}"
        );
        assert_eq!(v.get("none").unwrap().to_string(), "{('',)}");
        assert!(Valuation::fromstring("no arrow here").is_err());
        assert!(Valuation::fromstring("r => {(a, b}").is_err());
    }

    #[test]
    fn unbound_variables_are_undefined() {
        let val = Valuation::fromstring("boy => {b1}").unwrap();
        let m = Model::new(val.domain(), val).unwrap();
        let g = Assignment::new(m.domain().clone());
        assert_eq!(m.evaluate("boy(x)", &g).unwrap(), Evaluation::Undefined);
        assert_eq!(m.evaluate("girl(b1)", &g).unwrap(), Evaluation::Undefined);
        assert!(m.evaluate("exists e.boy(e)", &g).is_err());
    }
}
