//! Typed logic: NLTK's `Type`s, `typecheck` and the `.type` of
//! subexpressions, with NLTK's error messages.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::rc::Rc;

use super::{BinOp, Binder, Expr, Expression, Node, VarKind, Variable};
use crate::{Error, Result};

/// A type of the typed lambda calculus: `e`, `t`, `v`, `?` or `<a,b>`.
///
/// # Example
/// ```
/// use nlkit::sem::logic::Type;
/// let t = Type::fromstring("<<e,t>, t>")?;
/// assert_eq!(t.to_string(), "<<e,t>,t>");
/// assert_eq!(t.str(), "((IND -> BOOL) -> BOOL)");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub enum Type {
    /// `e`, individuals.
    Entity,
    /// `t`, truth values.
    Truth,
    /// `v`, events.
    Event,
    /// `?`, any type.
    Any,
    /// `<first,second>`, functions.
    Complex(Rc<Type>, Rc<Type>),
}

impl Type {
    fn complex(a: Type, b: Type) -> Type {
        Type::Complex(Rc::new(a), Rc::new(b))
    }

    fn parts(&self) -> Option<(Type, Type)> {
        match self {
            Type::Any => Some((Type::Any, Type::Any)),
            Type::Complex(a, b) => Some(((**a).clone(), (**b).clone())),
            _ => None,
        }
    }

    /// NLTK's `==` on types (a function type made only of `?` equals `?`).
    pub fn same(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Any, Type::Any) => true,
            (Type::Any, x) => x.same(&Type::Any),
            (Type::Complex(a, b), Type::Any) => a.same(&Type::Any) && b.same(&Type::Any),
            (Type::Complex(a1, b1), Type::Complex(a2, b2)) => a1.same(a2) && b1.same(b2),
            (Type::Entity, Type::Entity)
            | (Type::Truth, Type::Truth)
            | (Type::Event, Type::Event) => true,
            _ => false,
        }
    }

    /// NLTK's `matches`: compatible, `?` matching anything.
    pub fn matches(&self, other: &Type) -> bool {
        match self {
            Type::Any => true,
            Type::Complex(a, b) => match other.parts() {
                Some((oa, ob)) => a.matches(&oa) && b.matches(&ob),
                None => false,
            },
            _ => other.same(&Type::Any) || self.same(other),
        }
    }

    /// NLTK's `resolve`: the more specific of two compatible types.
    pub fn resolve(&self, other: &Type) -> Option<Type> {
        match self {
            Type::Any => Some(other.clone()),
            Type::Complex(a, b) => {
                if other.same(&Type::Any) {
                    Some(self.clone())
                } else if let Some((oa, ob)) = other.parts() {
                    Some(Type::complex(a.resolve(&oa)?, b.resolve(&ob)?))
                } else {
                    None
                }
            }
            _ => self.matches(other).then(|| self.clone()),
        }
    }

    /// NLTK's alternative notation (`Type.str()`): `IND`, `BOOL`, `EVENT`,
    /// `ANY`, `(A -> B)`.
    pub fn str(&self) -> String {
        match self {
            Type::Entity => "IND".into(),
            Type::Truth => "BOOL".into(),
            Type::Event => "EVENT".into(),
            Type::Any => "ANY".into(),
            Type::Complex(a, b) => {
                if self.same(&Type::Any) {
                    "ANY".into()
                } else {
                    format!("({} -> {})", a.str(), b.str())
                }
            }
        }
    }

    /// Reads `e`, `t`, `?` or `<a,b>` (spaces ignored): NLTK's
    /// `Type.fromstring`.
    ///
    /// # Errors
    /// Malformed text, or nesting past 200 levels.
    pub fn fromstring(s: &str) -> Result<Type> {
        let s: String = s.chars().filter(|c| *c != ' ').collect();
        read_type(&s, 0)
    }
}

fn read_type(s: &str, depth: usize) -> Result<Type> {
    if depth > super::MAX_PARSE_DEPTH {
        return Err(Error::InvalidInput(format!(
            "Type nesting exceeds the maximum depth ({}).",
            super::MAX_PARSE_DEPTH
        )));
    }
    let bad = || Error::InvalidInput(format!("malformed type `{s}`"));
    let first = s.chars().next().ok_or_else(bad)?;
    match first {
        '<' => {
            if !s.ends_with('>') || s.len() < 2 {
                return Err(bad());
            }
            let mut level = 0i32;
            let mut split = None;
            for (i, c) in s.char_indices() {
                match c {
                    '<' => level += 1,
                    '>' => {
                        level -= 1;
                        if level <= 0 && i + 1 != s.len() {
                            return Err(bad());
                        }
                    }
                    ',' if level == 1 => {
                        split = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let i = split.ok_or_else(bad)?;
            Ok(Type::complex(
                read_type(&s[1..i], depth + 1)?,
                read_type(&s[i + 1..s.len() - 1], depth + 1)?,
            ))
        }
        'e' => Ok(Type::Entity),
        't' => Ok(Type::Truth),
        '?' => Ok(Type::Any),
        c => Err(Error::InvalidInput(format!("Unexpected character: '{c}'."))),
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Entity => f.write_str("e"),
            Type::Truth => f.write_str("t"),
            Type::Event => f.write_str("v"),
            Type::Any => f.write_str("?"),
            Type::Complex(a, b) => {
                if self.same(&Type::Any) {
                    f.write_str("?")
                } else {
                    write!(f, "<{a},{b}>")
                }
            }
        }
    }
}

/// The types `typecheck` gave an expression's variables and constants; the
/// type of any of its subexpressions follows ([`Typing::type_of`]).
#[derive(Debug, Default, Clone)]
pub struct Typing {
    /// Type of each variable/constant occurrence, by node.
    nodes: HashMap<*const Node, Type>,
    /// The occurrences of each name, in the order NLTK's signature lists them.
    sig: BTreeMap<String, Vec<Slot>>,
}

#[derive(Debug, Clone)]
enum Slot {
    /// An occurrence, with the type its class has until one is set.
    Node(*const Node, Type),
    Given(Type),
}

fn key(e: &Expression) -> *const Node {
    Rc::as_ptr(&e.0)
}

impl Typing {
    fn slot_type(&self, s: &Slot) -> Type {
        match s {
            Slot::Node(p, default) => self.nodes.get(p).cloned().unwrap_or(default.clone()),
            Slot::Given(t) => t.clone(),
        }
    }

    /// The signature: each name's type.
    pub fn signature(&self) -> BTreeMap<String, Type> {
        self.sig
            .iter()
            .filter_map(|(k, v)| v.first().map(|s| (k.clone(), self.slot_type(s))))
            .collect()
    }

    /// NLTK's `.type` of `e`, a subexpression of the checked expression.
    pub fn type_of(&self, e: &Expression) -> Type {
        match e.expr() {
            Expr::Variable(v) => match v.kind() {
                VarKind::Individual => Type::Entity,
                VarKind::Event => Type::Event,
                VarKind::Function => self.nodes.get(&key(e)).cloned().unwrap_or(Type::Any),
                VarKind::Constant => self.nodes.get(&key(e)).cloned().unwrap_or(Type::Entity),
            },
            Expr::Application(f, _) => match self.type_of(f).parts() {
                Some((_, second)) => second,
                None => Type::Any,
            },
            Expr::Binder(Binder::Lambda, v, t) => {
                Type::complex(self.findtype(t, v), self.type_of(t))
            }
            Expr::Binder(..) | Expr::Negated(_) | Expr::Binary(..) => Type::Truth,
        }
    }

    /// NLTK's `findtype`: the type `variable` is used with in `e`.
    pub fn findtype(&self, e: &Expression, variable: &Variable) -> Type {
        match e.expr() {
            Expr::Variable(v) => {
                if v == variable {
                    self.type_of(e)
                } else {
                    Type::Any
                }
            }
            Expr::Application(f, a) => {
                let (base, args) = e.uncurry();
                let parts: Vec<&Expression> = if matches!(base.expr(), Expr::Variable(_)) {
                    std::iter::once(base).chain(args).collect()
                } else {
                    vec![f, a]
                };
                parts
                    .into_iter()
                    .map(|p| self.findtype(p, variable))
                    .find(|t| !t.same(&Type::Any))
                    .unwrap_or(Type::Any)
            }
            Expr::Binder(_, v, t) => {
                if v == variable {
                    Type::Any
                } else {
                    self.findtype(t, variable)
                }
            }
            Expr::Negated(t) => self.findtype(t, variable),
            Expr::Binary(_, a, b) => {
                let f = self.findtype(a, variable);
                let s = self.findtype(b, variable);
                if f.same(&s) || s.same(&Type::Any) {
                    f
                } else if f.same(&Type::Any) {
                    s
                } else {
                    Type::Any
                }
            }
        }
    }

    fn illegal(&self, e: &Expression, other: &Type, allowed: &Type) -> Error {
        Error::InvalidInput(format!(
            "Cannot set type of {} '{e}' to '{other}'; must match type '{allowed}'.",
            e.nltk_class()
        ))
    }

    fn set_type(&mut self, e: &Expression, other: &Type) -> Result<()> {
        match e.expr() {
            Expr::Variable(v) => self.set_variable_type(e, v, other),
            Expr::Application(f, a) => {
                self.set_type(a, &Type::Any)?;
                let want = Type::complex(self.type_of(a), other.clone());
                match self.set_type(f, &want) {
                    Err(Error::InvalidInput(m)) if m.starts_with("The type of '") => {
                        let ft = self.type_of(f);
                        let first = ft.parts().map(|p| p.0).unwrap_or(Type::Any);
                        Err(Error::InvalidInput(format!(
                            "The function '{f}' is of type '{ft}' and cannot be applied to '{a}' \
                             of type '{}'.  Its argument must match type '{first}'.",
                            self.type_of(a)
                        )))
                    }
                    r => r,
                }
            }
            Expr::Binder(Binder::Lambda, _, t) => {
                let Some((_, second)) = other.parts() else {
                    return Err(Error::InvalidInput(format!(
                        "'{}' object has no attribute 'second'",
                        match other {
                            Type::Truth => "TruthValueType",
                            Type::Entity => "EntityType",
                            _ => "EventType",
                        }
                    )));
                };
                self.set_type(t, &second)?;
                let mine = self.type_of(e);
                if mine.resolve(other).is_none() {
                    return Err(Error::InvalidInput(format!(
                        "The type of '{e}', '{mine}', cannot be resolved with type '{other}'"
                    )));
                }
                Ok(())
            }
            Expr::Binder(_, _, t) | Expr::Negated(t) => {
                if !other.matches(&Type::Truth) {
                    return Err(self.illegal(e, other, &Type::Truth));
                }
                self.set_type(t, &Type::Truth)
            }
            Expr::Binary(op, a, b) => {
                if !other.matches(&Type::Truth) {
                    return Err(self.illegal(e, other, &Type::Truth));
                }
                let sub = if *op == BinOp::Eq {
                    Type::Entity
                } else {
                    Type::Truth
                };
                self.set_type(a, &sub)?;
                self.set_type(b, &sub)
            }
        }
    }

    fn set_variable_type(&mut self, e: &Expression, v: &Variable, other: &Type) -> Result<()> {
        let inconsistent = || {
            Error::InvalidInput(format!(
                "The variable '{e}' was found in multiple places with different types."
            ))
        };
        match v.kind() {
            VarKind::Individual | VarKind::Event => {
                if !other.matches(&Type::Entity) {
                    return Err(self.illegal(e, other, &Type::Entity));
                }
                let own = self.type_of(e);
                self.sig
                    .entry(v.name().to_string())
                    .or_default()
                    .push(Slot::Node(key(e), own));
                Ok(())
            }
            kind => {
                let mut resolution = if kind == VarKind::Constant {
                    let own = self.type_of(e);
                    if other.same(&Type::Any) {
                        Type::Entity
                    } else if own.same(&Type::Entity) {
                        other.clone()
                    } else {
                        other.resolve(&own).ok_or_else(inconsistent)?
                    }
                } else {
                    other.clone()
                };
                let slots = self.sig.get(v.name()).cloned().unwrap_or_default();
                for s in &slots {
                    resolution = self
                        .slot_type(s)
                        .resolve(&resolution)
                        .ok_or_else(inconsistent)?;
                }
                let list = self.sig.entry(v.name().to_string()).or_default();
                list.push(Slot::Node(key(e), Type::Any));
                for s in list.iter_mut() {
                    match s {
                        Slot::Node(p, _) => {
                            self.nodes.insert(*p, resolution.clone());
                        }
                        Slot::Given(t) => *t = resolution.clone(),
                    }
                }
                Ok(())
            }
        }
    }
}

impl Expression {
    /// Infers and checks types: NLTK's `typecheck(signature)`. `signature`
    /// gives known types of names (`{"man": "<e,t>"}` as [`Type`]s).
    ///
    /// # Errors
    /// NLTK's type errors: a name used with two incompatible types, a
    /// function applied to an argument of the wrong type, a truth-valued
    /// expression where an entity is needed, and so on.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring(r"\P.\Q.exists x.(P(x) & Q(x))")?;
    /// let typing = e.typecheck(&Default::default())?;
    /// assert_eq!(typing.type_of(&e).to_string(), "<<e,t>,<<e,t>,t>>");
    /// let bad = Expression::fromstring("exists x y.(P(x) & P(x,y))")?;
    /// assert!(bad.typecheck(&Default::default()).is_err());
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn typecheck(&self, signature: &BTreeMap<String, Type>) -> Result<Typing> {
        let mut typing = Typing::default();
        for (name, t) in signature {
            if matches!(VarKind::of(name), VarKind::Individual | VarKind::Event)
                && !t.matches(&Type::Entity)
            {
                return Err(Error::InvalidInput(format!(
                    "Cannot set type of IndividualVariableExpression '{name}' to '{t}'; must match type 'e'."
                )));
            }
            typing
                .sig
                .entry(name.clone())
                .or_default()
                .push(Slot::Given(t.clone()));
        }
        typing.set_type(self, &Type::Any)?;
        Ok(typing)
    }
}
