//! Utilities matching NLTK's `nltk.util`: n-gram iterators ([`ngrams`]).
//!
//! # Example
//! ```
//! use nlkit::util::ngrams::bigrams;
//! let b: Vec<Vec<i32>> = bigrams([1, 2, 3]).collect();
//! assert_eq!(b, [[1, 2], [2, 3]]);
//! ```

pub(crate) mod container;
pub mod ngrams;
mod pyrepr;
#[cfg(test)]
pub(crate) mod testrng;

pub(crate) use pyrepr::py_repr;
