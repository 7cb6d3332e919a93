//! Order-preserving parallel map over a stream, used by the CLI's `--jobs N`.
//!
//! Items are pulled from the input in chunks; each chunk is processed with
//! rayon and its results are written in input order before the next chunk is
//! read, so memory stays bounded by the chunk size.
//!
//! # Example
//! ```
//! let mut out = Vec::new();
//! nlkit::par::map_ordered(
//!     (1..=5).map(Ok::<i32, nlkit::Error>),
//!     2,
//!     |x| Ok(x * 10),
//!     |y| { out.push(y); Ok(()) },
//! ).unwrap();
//! assert_eq!(out, [10, 20, 30, 40, 50]);
//! ```

use rayon::prelude::*;

use crate::{Error, Result};

/// Number of items read before a parallel batch is run.
pub const CHUNK: usize = 4096;

/// Maps `f` over `input` using `jobs` threads (1 = in the calling thread),
/// passing results to `sink` in input order. Stops at the first error.
///
/// # Errors
/// The first error from `input`, `f` or `sink`.
pub fn map_ordered<I, T, U, F, S>(input: I, jobs: usize, f: F, mut sink: S) -> Result<()>
where
    I: IntoIterator<Item = Result<T>>,
    T: Send,
    U: Send,
    F: Fn(T) -> Result<U> + Sync + Send,
    S: FnMut(U) -> Result<()>,
{
    if jobs <= 1 {
        for item in input {
            sink(f(item?)?)?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::InvalidInput(format!("cannot start {jobs} threads: {e}")))?;
    let mut iter = input.into_iter();
    loop {
        let mut batch = Vec::with_capacity(CHUNK);
        let mut pending_err = None;
        for item in iter.by_ref() {
            match item {
                Ok(t) => batch.push(t),
                Err(e) => {
                    pending_err = Some(e);
                    break;
                }
            }
            if batch.len() == CHUNK {
                break;
            }
        }
        if batch.is_empty() && pending_err.is_none() {
            return Ok(());
        }
        let last = batch.len() < CHUNK;
        let results: Vec<Result<U>> = pool.install(|| batch.into_par_iter().map(&f).collect());
        for r in results {
            sink(r?)?;
        }
        if let Some(e) = pending_err {
            return Err(e);
        }
        if last {
            return Ok(());
        }
    }
}
