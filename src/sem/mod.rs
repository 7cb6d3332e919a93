//! Semantics: first-order logic and the typed lambda calculus (NLTK's
//! `nltk.sem`).
//!
//! [`logic`] matches `nltk.sem.logic`: [`logic::Expression::fromstring`]
//! reads NLTK's formula syntax, [`logic::Expression::simplify`] beta-reduces
//! with NLTK's fresh-variable naming (`z1`, `z2`, …), and `Display` prints
//! exactly what NLTK's `str` prints; [`logic::Expression::typecheck`] infers
//! types as NLTK's typed logic does. [`evaluate`] matches `nltk.sem.evaluate`:
//! valuations, assignments, `Model.evaluate` and `satisfiers`. Feature
//! structures and feature grammars are in [`crate::featstruct`] and
//! [`crate::grammar::FeatureGrammar`]; [`util`] matches `nltk.sem.util`
//! (`interpret_sents`, `evaluate_sents`). [`drt`] matches `nltk.sem.drt`:
//! DRSs, merging, `fol()` and anaphora resolution.
//! [`inference`] matches `nltk.inference`'s resolution and tableau provers.
//!
//! Deliberate differences from NLTK are listed in `docs/differences.md`
//! (section "sem"); the main one is that expressions deeper than
//! [`logic::MAX_DEPTH`] are refused with an error where NLTK would raise
//! `RecursionError` on use.
//!
//! # Example
//! ```
//! use nlkit::sem::logic::Expression;
//! let e = Expression::fromstring(r"\x.man(x)(john)")?;
//! assert_eq!(e.simplify()?.to_string(), "man(john)");
//! # Ok::<(), nlkit::Error>(())
//! ```

pub mod drt;
pub mod evaluate;
pub mod inference;
pub mod logic;
pub mod util;
