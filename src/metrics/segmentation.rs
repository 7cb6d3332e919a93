//! Text segmentation metrics, as NLTK's `nltk.metrics.segmentation`:
//! [`windowdiff`] (Pevzner & Hearst 2002) and [`pk`] (Beeferman et al.
//! 1999). A segmentation is a sequence in which `boundary` marks the end of
//! a segment (NLTK's strings of `"0"`/`"1"` are `&[u8]` here).
//!
//! # Example
//! ```
//! use nlkit::metrics::segmentation::{pk, windowdiff};
//! let (s1, s2) = (b"000100000010", b"000010000100");
//! assert_eq!(format!("{:.2}", windowdiff(s1, s2, 3, &b'1', false).unwrap()), "0.30");
//! let (r, h) = (b"0100".repeat(100), b"1".repeat(400));
//! assert_eq!(format!("{:.2}", pk(&r, &h, Some(2), &b'1').unwrap()), "0.50");
//! ```

use crate::{Error, Result};

fn count<T: PartialEq>(s: &[T], boundary: &T) -> i64 {
    s.iter().filter(|x| *x == boundary).count() as i64
}

fn is_b<T: PartialEq>(s: &[T], i: usize, boundary: &T) -> i64 {
    i64::from(s.get(i).is_some_and(|x| x == boundary))
}

/// NLTK's `windowdiff(seg1, seg2, k, boundary, weighted)`: the share of
/// windows of width `k` whose boundary counts differ (weighted: the sum of
/// the count differences).
///
/// # Errors
/// Segmentations of different lengths, or `k` longer than them (NLTK's
/// `ValueError`s).
///
/// # Example
/// ```
/// use nlkit::metrics::segmentation::windowdiff;
/// assert_eq!(windowdiff(b"000100000010", b"000000000000", 3, &b'1', false).unwrap(), 0.5);
/// ```
pub fn windowdiff<T: PartialEq>(
    seg1: &[T],
    seg2: &[T],
    k: usize,
    boundary: &T,
    weighted: bool,
) -> Result<f64> {
    if seg1.len() != seg2.len() {
        return Err(Error::InvalidInput(
            "Segmentations have unequal length".into(),
        ));
    }
    if k > seg1.len() {
        return Err(Error::InvalidInput(
            "Window width k should be smaller or equal than segmentation lengths".into(),
        ));
    }
    let mut wd = 0i64;
    let mut c1 = count(&seg1[..k], boundary);
    let mut c2 = count(&seg2[..k], boundary);
    for i in 0..seg1.len() - k + 1 {
        if i > 0 {
            c1 += is_b(seg1, i + k - 1, boundary) - is_b(seg1, i - 1, boundary);
            c2 += is_b(seg2, i + k - 1, boundary) - is_b(seg2, i - 1, boundary);
        }
        let nd = (c1 - c2).abs();
        wd += if weighted { nd } else { nd.min(1) };
    }
    Ok(wd as f64 / ((seg1.len() - k) as f64 + 1.0))
}

/// NLTK's `pk(ref, hyp, k, boundary)`: the share of windows of width `k`
/// where one segmentation has a boundary and the other has none. `k`
/// defaults (None) to half the mean reference segment length, rounded as
/// Python's `round`.
///
/// # Errors
/// Segmentations of different lengths; `k` = length + 1 (NLTK divides by
/// zero).
///
/// # Example
/// ```
/// use nlkit::metrics::segmentation::pk;
/// let r = b"0100".repeat(100);
/// assert_eq!(pk(&r, &r, Some(2), &b'1').unwrap(), 0.0);
/// ```
pub fn pk<T: PartialEq>(reference: &[T], hyp: &[T], k: Option<usize>, boundary: &T) -> Result<f64> {
    if reference.len() != hyp.len() {
        return Err(Error::InvalidInput(
            "Segmentations have unequal length".into(),
        ));
    }
    let n = reference.len();
    let k = match k {
        Some(k) => k,
        None => {
            let x = n as f64 / (count(reference, boundary).max(1) as f64 * 2.0);
            // Python's round(): ties to even.
            x.round_ties_even() as usize
        }
    };
    let first = k.min(n);
    let mut rc = count(&reference[..first], boundary);
    let mut hc = count(&hyp[..first], boundary);
    let mut err = 0i64;
    let windows = (n + 1).saturating_sub(k);
    for i in 0..windows {
        if i > 0 {
            rc += is_b(reference, i + k - 1, boundary) - is_b(reference, i - 1, boundary);
            hc += is_b(hyp, i + k - 1, boundary) - is_b(hyp, i - 1, boundary);
        }
        if (rc > 0) != (hc > 0) {
            err += 1;
        }
    }
    let denom = n as f64 - k as f64 + 1.0;
    if denom == 0.0 {
        return Err(Error::InvalidInput(format!(
            "pk: window width {k} leaves no window (division by zero)"
        )));
    }
    Ok(err as f64 / denom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nltk_doctest_values() {
        let (s1, s2, s3) = (b"000100000010", b"000010000100", b"100000010000");
        let f = |x: f64| format!("{x:.2}");
        assert_eq!(f(windowdiff(s1, s1, 3, &b'1', false).unwrap()), "0.00");
        assert_eq!(f(windowdiff(s1, s2, 3, &b'1', false).unwrap()), "0.30");
        assert_eq!(f(windowdiff(s2, s3, 3, &b'1', false).unwrap()), "0.80");
        assert!(windowdiff(s1, b"0", 1, &b'1', false).is_err());
        assert!(pk(b"01", b"0", None, &b'1').is_err());
        assert!(pk(b"01", b"01", Some(3), &b'1').is_err());
        // k beyond the length + 1: no windows, NLTK returns 0 / negative = -0.0
        assert_eq!(pk(b"01", b"00", Some(5), &b'1').unwrap(), 0.0);
    }
}
