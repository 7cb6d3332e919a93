//! Set-based scores, as NLTK's `nltk.metrics.scores` `precision`, `recall`
//! and `f_measure` (which compare a reference set with a test set). The
//! count-based versions used by taggers are in [`crate::metrics`].
//!
//! # Example
//! ```
//! use std::collections::HashSet;
//! use nlkit::metrics::scores::{f_measure, precision, recall};
//! let reference: HashSet<_> = "DET NN VB DET JJ NN NN IN DET NN".split(' ').enumerate().collect();
//! let test: HashSet<_> = "DET VB VB DET NN NN NN IN DET NN".split(' ').enumerate().collect();
//! assert_eq!(precision(&reference, &test), Some(0.8));
//! assert_eq!(recall(&reference, &test), Some(0.8));
//! assert_eq!(f_measure(&reference, &test, 0.5), Some(0.8));
//! ```

use std::collections::HashSet;
use std::hash::Hash;

/// Share of `test` that is in `reference`; `None` for an empty `test`.
///
/// # Example
/// ```
/// use std::collections::HashSet;
/// let (r, t): (HashSet<i32>, HashSet<i32>) = ([1].into(), [1, 2].into());
/// assert_eq!(nlkit::metrics::scores::precision(&r, &t), Some(0.5));
/// ```
pub fn precision<T: Eq + Hash>(reference: &HashSet<T>, test: &HashSet<T>) -> Option<f64> {
    if test.is_empty() {
        return None;
    }
    Some(reference.intersection(test).count() as f64 / test.len() as f64)
}

/// Share of `reference` that is in `test`; `None` for an empty `reference`.
///
/// # Example
/// ```
/// use std::collections::HashSet;
/// let (r, t): (HashSet<i32>, HashSet<i32>) = ([1].into(), [1, 2].into());
/// assert_eq!(nlkit::metrics::scores::recall(&r, &t), Some(1.0));
/// ```
pub fn recall<T: Eq + Hash>(reference: &HashSet<T>, test: &HashSet<T>) -> Option<f64> {
    if reference.is_empty() {
        return None;
    }
    Some(reference.intersection(test).count() as f64 / reference.len() as f64)
}

/// `1 / (alpha / p + (1 - alpha) / r)`; `None` when precision or recall
/// is undefined, 0 when either is 0 (NLTK's `f_measure`).
///
/// # Example
/// ```
/// use std::collections::HashSet;
/// let (r, t): (HashSet<i32>, HashSet<i32>) = ([1].into(), [1, 2].into());
/// assert_eq!(nlkit::metrics::scores::f_measure(&r, &t, 0.5), Some(2.0 / 3.0));
/// ```
pub fn f_measure<T: Eq + Hash>(
    reference: &HashSet<T>,
    test: &HashSet<T>,
    alpha: f64,
) -> Option<f64> {
    super::f_measure(precision(reference, test), recall(reference, test), alpha)
}
