//! Order-preserving parallel map over a stream, used by the CLI's `--jobs N`.
//!
//! Items are pulled from the input in chunks; each chunk is processed with
//! rayon while the calling thread reads the next chunk and writes the
//! previous chunk's results in input order, so memory stays bounded by about
//! three chunks.
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

use std::sync::mpsc::{sync_channel, Receiver};

use rayon::prelude::*;

use crate::{Error, Result};

/// Number of items read before a parallel batch is run.
pub const CHUNK: usize = 4096;

/// Maps `f` over `input` using `jobs` threads (1 = in the calling thread),
/// passing results to `sink` in input order. Stops at the first error.
///
/// # Errors
/// The first error from `input`, `f` or `sink`.
pub fn map_ordered<I, T, U, F, S>(input: I, jobs: usize, f: F, sink: S) -> Result<()>
where
    I: IntoIterator<Item = Result<T>>,
    T: Send,
    U: Send,
    F: Fn(T) -> Result<U> + Sync + Send,
    S: FnMut(U) -> Result<()>,
{
    map_ordered_in(input, jobs, CHUNK, f, sink)
}

/// [`map_ordered`] reading batches of `batch` items (at least 1) instead
/// of [`CHUNK`]: about three batches are alive at once (one read, one in
/// work, one written), so a caller with large results picks smaller ones.
///
/// # Errors
/// As [`map_ordered`].
///
/// # Example
/// ```
/// let mut out = Vec::new();
/// nlkit::par::map_ordered_in((1..=5).map(Ok::<i32, nlkit::Error>), 2, 2, |x| Ok(x + 1), |y| {
///     out.push(y);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(out, [2, 3, 4, 5, 6]);
/// ```
pub fn map_ordered_in<I, T, U, F, S>(
    input: I,
    jobs: usize,
    batch: usize,
    f: F,
    mut sink: S,
) -> Result<()>
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
    let batch_size = batch.max(1);
    let mut iter = input.into_iter();
    let f = &f;
    // The calling thread reads batch k+1 and writes the results of batch
    // k-1 while the pool works on batch k, so input and output overlap the
    // parallel work instead of stalling it.
    pool.in_place_scope(|scope| {
        let mut pending: Option<Receiver<Vec<Result<U>>>> = None;
        loop {
            let (batch, err, last) = read_batch(&mut iter, batch_size);
            let next = if batch.is_empty() {
                None
            } else {
                let (tx, rx) = sync_channel(1);
                scope.spawn(move |_| {
                    let results: Vec<Result<U>> = batch.into_par_iter().map(f).collect();
                    // The receiver is gone only when an earlier error stopped the run.
                    let _ = tx.send(results);
                });
                Some(rx)
            };
            if let Some(rx) = pending.take() {
                drain(rx, &mut sink)?;
            }
            pending = next;
            if err.is_some() || last {
                if let Some(rx) = pending.take() {
                    drain(rx, &mut sink)?;
                }
                return err.map_or(Ok(()), Err);
            }
        }
    })
}

/// Groups the items of `input` into vectors of up to `size` (at least 1)
/// items, in order, for work that is cheaper on several items at once (the
/// contextual taggers encode a group of sentences together). An input error
/// ends the current group: the group comes first, then the error.
///
/// # Example
/// ```
/// let groups: Vec<Vec<i32>> = nlkit::par::chunked((1..=5).map(Ok), 2)
///     .collect::<nlkit::Result<_>>()
///     .unwrap();
/// assert_eq!(groups, [vec![1, 2], vec![3, 4], vec![5]]);
/// ```
pub fn chunked<T>(
    input: impl IntoIterator<Item = Result<T>>,
    size: usize,
) -> impl Iterator<Item = Result<Vec<T>>> {
    let size = size.max(1);
    let mut input = input.into_iter();
    let mut failed: Option<Error> = None;
    std::iter::from_fn(move || {
        if let Some(e) = failed.take() {
            return Some(Err(e));
        }
        let mut group = Vec::with_capacity(size);
        for item in input.by_ref() {
            match item {
                Ok(t) => group.push(t),
                Err(e) if group.is_empty() => return Some(Err(e)),
                Err(e) => {
                    failed = Some(e);
                    return Some(Ok(group));
                }
            }
            if group.len() == size {
                break;
            }
        }
        (!group.is_empty()).then_some(Ok(group))
    })
}

/// Reads up to `size` items; returns them, the input's error if one
/// ended the batch, and whether the input is exhausted.
fn read_batch<T>(
    iter: &mut impl Iterator<Item = Result<T>>,
    size: usize,
) -> (Vec<T>, Option<Error>, bool) {
    let mut batch = Vec::with_capacity(size);
    for item in iter.by_ref() {
        match item {
            Ok(t) => batch.push(t),
            Err(e) => return (batch, Some(e), true),
        }
        if batch.len() == size {
            return (batch, None, false);
        }
    }
    (batch, None, true)
}

fn drain<U>(rx: Receiver<Vec<Result<U>>>, sink: &mut impl FnMut(U) -> Result<()>) -> Result<()> {
    let results = rx
        .recv()
        .map_err(|_| Error::InvalidInput("a worker thread stopped unexpectedly".into()))?;
    for r in results {
        sink(r?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_groups_in_order_and_puts_an_error_after_its_group() {
        let items = vec![
            Ok(1),
            Ok(2),
            Ok(3),
            Err(Error::InvalidInput("bad".into())),
            Ok(4),
        ];
        let got: Vec<std::result::Result<Vec<i32>, String>> = chunked(items, 2)
            .map(|g| g.map_err(|e| e.to_string()))
            .collect();
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], Ok(vec![1, 2]));
        assert_eq!(got[1], Ok(vec![3]));
        assert!(got[2].as_ref().is_err_and(|e| e.contains("bad")));
        assert_eq!(got[3], Ok(vec![4]));
        assert_eq!(chunked(Vec::<Result<i32>>::new(), 0).count(), 0);
        let ones: Vec<Vec<i32>> = chunked((1..=2).map(Ok), 0).collect::<Result<_>>().unwrap();
        assert_eq!(ones, [vec![1], vec![2]]);
    }

    #[test]
    fn keeps_order_across_many_chunks() {
        for jobs in [1, 2, 3] {
            let n = CHUNK * 3 + 17;
            let mut out = Vec::new();
            map_ordered(
                (0..n).map(Ok),
                jobs,
                |x| Ok(x * 2),
                |y| {
                    out.push(y);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(out, (0..n).map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn stops_at_input_error_after_earlier_output() {
        let input = (0..CHUNK + 5).map(|i| {
            if i == CHUNK + 2 {
                Err(Error::InvalidInput("bad".into()))
            } else {
                Ok(i)
            }
        });
        let mut out = Vec::new();
        let r = map_ordered(input, 2, Ok, |y| {
            out.push(y);
            Ok(())
        });
        assert!(r.is_err());
        assert_eq!(out, (0..CHUNK + 2).collect::<Vec<_>>());
    }

    #[test]
    fn worker_error_is_returned() {
        let r = map_ordered(
            (0..10).map(Ok),
            2,
            |x| {
                if x == 7 {
                    Err(Error::InvalidInput("seven".into()))
                } else {
                    Ok(x)
                }
            },
            |_| Ok(()),
        );
        assert!(r.unwrap_err().to_string().contains("seven"));
    }
}
