//! First-order theorem proving: NLTK's `nltk.inference.resolution`
//! (`ResolutionProver`, with its clausal form: skolemization, CNF,
//! clauses, most general unification) and `nltk.inference.tableau`
//! (`TableauProver`). The Prover9/Mace4 bridges are not here.
//!
//! Differences from NLTK: NLTK bounds a proof search by wall-clock time (60
//! seconds) and then answers "not proved"; nlkit bounds it by a number of
//! steps ([`MAX_STEPS`] by default) and answers [`ProofResult::Unknown`], so
//! the answer does not depend on the machine's speed. Where NLTK walks a
//! Python set (the variables of a clause renamed apart, the arguments of a
//! Skolem function, the next formula of a tableau category) nlkit goes in
//! a fixed order, so fresh-variable numbers in proofs and the tableau's
//! search order can differ; the answers agree on NLTK's doctests and demo
//! (see `tests/sem_inference.rs`).
//!
//! # Example
//! ```
//! use nlkit::sem::inference::{prove, Method, ProofResult};
//! use nlkit::sem::logic::Expression;
//! let e = |s: &str| Expression::fromstring(s).unwrap();
//! let r = prove(Method::Resolution, &e("mortal(Socrates)"),
//!               &[e("all x.(man(x) -> mortal(x))"), e("man(Socrates)")])?;
//! assert_eq!(r, ProofResult::Proved);
//! # Ok::<(), nlkit::Error>(())
//! ```

mod resolution;
mod skolemize;
mod tableau;

pub use resolution::{
    most_general_unification, BindingDict, Clause, ResolutionProof, ResolutionProver,
};
pub use skolemize::clausify;
pub use tableau::{TableauProver, MAX_TABLEAU_DEPTH};

use crate::sem::logic::Expression;
use crate::{Error, Result};

/// Default most search steps of one proof (unification attempts for
/// resolution, expansions for the tableau).
pub const MAX_STEPS: usize = 200_000;

pub(crate) const LIMIT_MESSAGE: &str = "proof search limit reached";

pub(crate) fn limit_error() -> Error {
    Error::InvalidInput(format!("{LIMIT_MESSAGE} ({MAX_STEPS} steps)"))
}

/// The answer of a prover.
///
/// # Example
/// ```
/// use nlkit::sem::inference::ProofResult;
/// assert_eq!(ProofResult::Proved.to_string(), "True");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofResult {
    /// The goal follows (NLTK's `True`).
    Proved,
    /// The search ended without a proof (NLTK's `False`).
    NotProved,
    /// The step budget ran out first (NLTK would say `False` after its
    /// time limit).
    Unknown,
}

impl std::fmt::Display for ProofResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ProofResult::Proved => "True",
            ProofResult::NotProved => "False",
            ProofResult::Unknown => "Unknown",
        })
    }
}

/// Which prover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// [`ResolutionProver`].
    Resolution,
    /// [`TableauProver`].
    Tableau,
}

/// Proves `goal` from `assumptions` with the default budget.
///
/// # Errors
/// Formulas the chosen prover cannot handle (see each prover).
///
/// # Example
/// ```
/// use nlkit::sem::inference::{prove, Method, ProofResult};
/// use nlkit::sem::logic::Expression;
/// let g = Expression::fromstring("(man(x) | -man(x))")?;
/// assert_eq!(prove(Method::Tableau, &g, &[])?, ProofResult::Proved);
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn prove(method: Method, goal: &Expression, assumptions: &[Expression]) -> Result<ProofResult> {
    match method {
        Method::Resolution => Ok(ResolutionProver::default()
            .prove(Some(goal), assumptions)?
            .result),
        Method::Tableau => TableauProver::default().prove(Some(goal), assumptions),
    }
}
