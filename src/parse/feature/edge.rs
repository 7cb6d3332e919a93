//! The feature chart's edges: numbered category keys, productions with
//! their printed forms, NLTK's edge equality as a hash key, and the
//! completion step that makes a tree edge.

use std::cell::OnceCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHasher};

use crate::featstruct::{Bindings, FeatStruct, FeatValue, TYPE};
use crate::grammar::{type_key, FeatSymbol, TypeKey};
use crate::Result;

/// The category keys (`_get_type_if_possible`) of a grammar, numbered: the
/// chart's indexes are keyed by these numbers rather than by strings.
pub(super) struct Keys {
    pub(super) ids: FxHashMap<TypeKey, u32>,
}

/// The number of a key that no production of the grammar has: no index
/// lookup asks for it (lookups use the grammar's keys), so such edges are
/// not indexed.
pub(super) const NO_KEY: u32 = u32::MAX;

impl Keys {
    pub(super) fn id(&self, key: &TypeKey) -> u32 {
        self.ids.get(key).copied().unwrap_or(NO_KEY)
    }
}

/// The nonterminals of a tree edge (a production's, or the production's
/// with bindings substituted), with their printed form, made once.
#[derive(Debug)]
pub(super) struct Prod {
    pub(super) lhs: FeatStruct,
    pub(super) rhs: Vec<FeatSymbol>,
    /// `repr` of the left-hand side and of each right-hand-side symbol.
    pub(super) sig: String,
    /// Hash of `sig` (complete edges are looked up by it).
    pub(super) sig_hash: u64,
    /// A grammar production's number, shared by the productions that print
    /// the same (`usize::MAX` for substituted productions).
    pub(super) canon: usize,
    /// The variables of the left- and right-hand sides (not gathered for
    /// complete edges, which are never asked for them).
    pub(super) used: Vec<String>,
    /// The numbered `_get_type_if_possible` of the left-hand side and of
    /// each right-hand-side symbol.
    pub(super) lhs_key: u32,
    pub(super) rhs_keys: Vec<u32>,
    /// The `*type*` value of the left-hand side and of each right-hand-side
    /// nonterminal (`None` for terminals).
    pub(super) lhs_type: Option<FeatValue>,
    pub(super) rhs_types: Vec<Option<FeatValue>>,
}

impl Prod {
    pub(super) fn new(lhs: FeatStruct, rhs: Vec<FeatSymbol>, keys: &Keys) -> Prod {
        Prod::make(lhs, rhs, true, keys)
    }

    /// The nonterminals of a complete edge: the right-hand side's keys and
    /// types are never asked for (there is no next symbol), so not made.
    pub(super) fn new_complete(lhs: FeatStruct, rhs: Vec<FeatSymbol>, keys: &Keys) -> Rc<Prod> {
        Rc::new(Prod::make(lhs, rhs, false, keys))
    }

    pub(super) fn make(lhs: FeatStruct, rhs: Vec<FeatSymbol>, rhs_keys: bool, keys: &Keys) -> Prod {
        let mut sig = lhs.repr();
        // Only incomplete edges (and the grammar's own productions) are
        // asked for their variables.
        let mut used = if rhs_keys {
            lhs.variables()
        } else {
            Vec::new()
        };
        for s in &rhs {
            match s {
                FeatSymbol::N(fs) => {
                    sig.push_str(" N");
                    sig.push_str(&fs.repr());
                    if rhs_keys {
                        used.extend(fs.variables());
                    }
                }
                FeatSymbol::T(w) => {
                    sig.push_str(" T");
                    sig.push_str(&crate::util::py_repr(w));
                }
            }
        }
        used.sort();
        used.dedup();
        let (rhs_keys, rhs_types) = if rhs_keys {
            (
                rhs.iter().map(|s| keys.id(&s.type_key())).collect(),
                rhs.iter()
                    .map(|s| match s {
                        FeatSymbol::N(fs) => fs.get(&[TYPE]),
                        FeatSymbol::T(_) => None,
                    })
                    .collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let mut h = FxHasher::default();
        sig.hash(&mut h);
        Prod {
            lhs_key: keys.id(&type_key(&lhs)),
            lhs_type: lhs.get(&[TYPE]),
            lhs,
            rhs,
            sig,
            sig_hash: h.finish(),
            canon: usize::MAX,
            used,
            rhs_keys,
            rhs_types,
        }
    }
}

/// A complete edge's nonterminals as a hash key: equal when they print the
/// same.
#[derive(Debug, Clone)]
pub(super) struct Sig(Rc<Prod>);

impl PartialEq for Sig {
    fn eq(&self, other: &Sig) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.sig == other.0.sig
    }
}

impl Eq for Sig {}

impl Hash for Sig {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.sig_hash);
    }
}

/// NLTK's `==` on edges, as a hash key. An incomplete edge's production is
/// always a grammar production (known by its number) and its bindings are
/// printed; a complete edge has no bindings (they were substituted) and is
/// known by its printed nonterminals, which a grammar production has made
/// once and a substituted one when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum EdgeKey {
    Leaf(usize),
    Incomplete {
        start: usize,
        end: usize,
        dot: usize,
        prod: usize,
        bindings: String,
    },
    Complete {
        start: usize,
        end: usize,
        sig: Sig,
    },
}

#[derive(Debug, Clone)]
pub(super) enum Kind {
    Leaf(String),
    Tree {
        prod: Rc<Prod>,
        dot: usize,
        bindings: Rc<Bindings>,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Edge {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
    /// The numbered category of the left-hand side (complete edges and
    /// leaves) or of the next symbol (incomplete edges).
    pub(super) key: u32,
    /// `variables()`, made on first use.
    pub(super) vars: OnceCell<Vec<String>>,
}

impl Edge {
    pub(super) fn is_complete(&self) -> bool {
        match &self.kind {
            Kind::Leaf(_) => true,
            Kind::Tree { prod, dot, .. } => *dot == prod.rhs.len(),
        }
    }

    pub(super) fn nextsym(&self) -> Option<&FeatSymbol> {
        match &self.kind {
            Kind::Leaf(_) => None,
            Kind::Tree { prod, dot, .. } => prod.rhs.get(*dot),
        }
    }

    /// NLTK's `==` on edges, as a hash key.
    pub(super) fn key(&self) -> EdgeKey {
        match &self.kind {
            Kind::Leaf(_) => EdgeKey::Leaf(self.start),
            Kind::Tree { prod, dot, .. } if *dot == prod.rhs.len() => EdgeKey::Complete {
                start: self.start,
                end: self.end,
                sig: Sig(prod.clone()),
            },
            Kind::Tree {
                prod,
                dot,
                bindings,
            } => {
                let mut k = String::new();
                for (var, v) in bindings.iter() {
                    k.push(' ');
                    k.push_str(var);
                    k.push(':');
                    k.push_str(&v.repr());
                }
                EdgeKey::Incomplete {
                    start: self.start,
                    end: self.end,
                    dot: *dot,
                    prod: prod.canon,
                    bindings: k,
                }
            }
        }
    }

    /// NLTK's `FeatureTreeEdge.variables()` (made once per edge).
    pub(super) fn variables(&self) -> &[String] {
        self.vars.get_or_init(|| self.make_variables())
    }

    pub(super) fn make_variables(&self) -> Vec<String> {
        let Kind::Tree { prod, bindings, .. } = &self.kind else {
            return Vec::new();
        };
        let mut out = prod.used.clone();
        for (k, v) in bindings.iter() {
            out.push(k.clone());
            match v {
                FeatValue::Var(name) => out.push(name.clone()),
                FeatValue::Struct(fs) => out.extend(fs.variables()),
                FeatValue::Expr(e) => {
                    out.extend(e.variables().iter().map(|v| v.name().to_string()))
                }
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// A tree edge made from a production, with NLTK's completion step: a
/// complete edge with bindings has them substituted into its nonterminals.
pub(super) fn tree_edge(
    keys: &Keys,
    start: usize,
    end: usize,
    prod: &Rc<Prod>,
    dot: usize,
    bindings: Bindings,
) -> Result<Edge> {
    if dot == prod.rhs.len() && !bindings.is_empty() {
        let lhs = prod.lhs.substitute_bindings(&bindings)?;
        let rhs = prod
            .rhs
            .iter()
            .map(|s| match s {
                FeatSymbol::N(fs) => fs.substitute_bindings(&bindings).map(FeatSymbol::N),
                t => Ok(t.clone()),
            })
            .collect::<Result<Vec<_>>>()?;
        let prod = Prod::new_complete(lhs, rhs, keys);
        return Ok(Edge {
            start,
            end,
            key: prod.lhs_key,
            kind: Kind::Tree {
                prod,
                dot,
                bindings: Rc::new(Bindings::new()),
            },
            vars: OnceCell::new(),
        });
    }
    let key = if dot == prod.rhs.len() {
        prod.lhs_key
    } else {
        prod.rhs_keys.get(dot).copied().unwrap_or(NO_KEY)
    };
    Ok(Edge {
        start,
        end,
        key,
        kind: Kind::Tree {
            prod: prod.clone(),
            dot,
            bindings: Rc::new(bindings),
        },
        vars: OnceCell::new(),
    })
}
