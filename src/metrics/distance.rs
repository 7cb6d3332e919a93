//! String and label distances, as NLTK's `nltk.metrics.distance`:
//! Levenshtein [`edit_distance`] (optionally with transpositions and a
//! substitution cost) and its alignment, Jaro and Jaro-Winkler similarity,
//! and the label distances used by annotation agreement ([`binary_distance`],
//! [`jaccard_distance`], [`masi_distance`], [`interval_distance`]).
//!
//! Strings are compared by Unicode scalar values, as Python indexes `str`;
//! the `_seq` variants take any slices. Differences from NLTK: plain
//! `edit_distance` keeps two rows only, so it has no length limit (NLTK
//! refuses inputs over `MAX_DISTANCE_INPUT_LEN` = 2000); the quadratic-memory
//! functions (transpositions, alignment, Jaro) keep NLTK's limit and return
//! an error past it. Set distances of two empty sets return an error where
//! NLTK raises `ZeroDivisionError`.
//!
//! # Example
//! ```
//! use nlkit::metrics::distance::{edit_distance, jaro_winkler_similarity};
//! assert_eq!(edit_distance("rain", "shine", 1, false).unwrap(), 3);
//! assert_eq!(edit_distance("abcdef", "acbdef", 1, true).unwrap(), 1);
//! assert!((jaro_winkler_similarity("billy", "bill", 0.125, 4).unwrap() - 0.967).abs() < 1e-3);
//! ```

use std::collections::HashSet;
use std::hash::Hash;

use crate::{Error, Result};

/// NLTK's `MAX_DISTANCE_INPUT_LEN`: the longest input of the functions
/// whose memory grows with the product of the lengths.
pub const MAX_DISTANCE_INPUT_LEN: usize = 2000;

fn check_len(a: usize, b: usize, name: &str) -> Result<()> {
    let longest = a.max(b);
    if longest > MAX_DISTANCE_INPUT_LEN {
        return Err(Error::InvalidInput(format!(
            "{name}: input length {longest} exceeds MAX_DISTANCE_INPUT_LEN ({MAX_DISTANCE_INPUT_LEN})"
        )));
    }
    Ok(())
}

/// Levenshtein distance between two strings (NLTK's `edit_distance`):
/// insertions and deletions cost 1, substitutions `substitution_cost`, and
/// with `transpositions` swapping two adjacent characters costs 1
/// (Damerau's unrestricted variant, as NLTK computes it).
///
/// # Errors
/// With `transpositions`, inputs longer than [`MAX_DISTANCE_INPUT_LEN`].
///
/// # Example
/// ```
/// use nlkit::metrics::distance::edit_distance;
/// assert_eq!(edit_distance("language", "lnaguaeg", 1, false).unwrap(), 4);
/// assert_eq!(edit_distance("language", "lnaguaeg", 1, true).unwrap(), 2);
/// assert_eq!(edit_distance("a", "b", 2, false).unwrap(), 2);
/// ```
pub fn edit_distance(
    s1: &str,
    s2: &str,
    substitution_cost: usize,
    transpositions: bool,
) -> Result<usize> {
    if s1.is_ascii() && s2.is_ascii() {
        return edit_distance_seq(
            s1.as_bytes(),
            s2.as_bytes(),
            substitution_cost,
            transpositions,
        );
    }
    let a: Vec<char> = s1.chars().collect();
    let b: Vec<char> = s2.chars().collect();
    edit_distance_seq(&a, &b, substitution_cost, transpositions)
}

/// [`edit_distance`] over any two sequences.
///
/// # Errors
/// As [`edit_distance`].
///
/// # Example
/// ```
/// use nlkit::metrics::distance::edit_distance_seq;
/// assert_eq!(edit_distance_seq(&["a", "b"], &["b", "a"], 1, true).unwrap(), 1);
/// ```
pub fn edit_distance_seq<T: Eq + Hash>(
    s1: &[T],
    s2: &[T],
    substitution_cost: usize,
    transpositions: bool,
) -> Result<usize> {
    if transpositions {
        check_len(s1.len(), s2.len(), "edit_distance")?;
        return Ok(damerau(s1, s2, substitution_cost));
    }
    // Two rows of NLTK's table; a transposition never applies.
    let m = s2.len();
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for (i, c1) in s1.iter().enumerate() {
        cur[0] = i + 1;
        for (j, c2) in s2.iter().enumerate() {
            let a = prev[j + 1] + 1;
            let b = cur[j] + 1;
            let c = prev[j] + if c1 != c2 { substitution_cost } else { 0 };
            cur[j + 1] = a.min(b).min(c);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Ok(prev[m])
}

fn damerau<T: Eq + Hash>(s1: &[T], s2: &[T], substitution_cost: usize) -> usize {
    let (n, m) = (s1.len(), s2.len());
    let w = m + 1;
    let mut lev = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        lev[i * w] = i;
    }
    for (j, v) in lev.iter_mut().take(w).enumerate() {
        *v = j;
    }
    // Last row in which each symbol of s1 was seen.
    let mut last_left_t: std::collections::HashMap<&T, usize> = std::collections::HashMap::new();
    for i in 1..=n {
        let mut last_right_buf = 0;
        for j in 1..=m {
            let (c1, c2) = (&s1[i - 1], &s2[j - 1]);
            let last_left = last_left_t.get(c2).copied().unwrap_or(0);
            let last_right = last_right_buf;
            if c1 == c2 {
                last_right_buf = j;
            }
            let a = lev[(i - 1) * w + j] + 1;
            let b = lev[i * w + j - 1] + 1;
            let c = lev[(i - 1) * w + j - 1] + if c1 != c2 { substitution_cost } else { 0 };
            let mut d = c + 1;
            if last_left > 0 && last_right > 0 {
                d = lev[(last_left - 1) * w + last_right - 1] + (i - last_left) + (j - last_right)
                    - 1;
            }
            lev[i * w + j] = a.min(b).min(c).min(d);
        }
        last_left_t.insert(&s1[i - 1], i);
    }
    lev[n * w + m]
}

/// The alignment of minimum edit distance (NLTK's `edit_distance_align`):
/// pairs `(i, j)` of prefix lengths from `(0, 0)` to `(len1, len2)`. Ties
/// are broken as NLTK does: substitution/match, then skipping a character
/// of `s1`, then of `s2`, walking back from the end.
///
/// # Errors
/// Inputs longer than [`MAX_DISTANCE_INPUT_LEN`].
///
/// # Example
/// ```
/// use nlkit::metrics::distance::edit_distance_align;
/// assert_eq!(
///     edit_distance_align("rain", "shine", 1).unwrap(),
///     [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (4, 5)]
/// );
/// ```
pub fn edit_distance_align(
    s1: &str,
    s2: &str,
    substitution_cost: usize,
) -> Result<Vec<(usize, usize)>> {
    let a: Vec<char> = s1.chars().collect();
    let b: Vec<char> = s2.chars().collect();
    edit_distance_align_seq(&a, &b, substitution_cost)
}

/// [`edit_distance_align`] over any two sequences.
///
/// # Errors
/// As [`edit_distance_align`].
pub fn edit_distance_align_seq<T: Eq>(
    s1: &[T],
    s2: &[T],
    substitution_cost: usize,
) -> Result<Vec<(usize, usize)>> {
    check_len(s1.len(), s2.len(), "edit_distance_align")?;
    let (n, m) = (s1.len(), s2.len());
    let w = m + 1;
    let mut lev = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        lev[i * w] = i;
    }
    for (j, v) in lev.iter_mut().take(w).enumerate() {
        *v = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let ne = s1[i - 1] != s2[j - 1];
            let a = lev[(i - 1) * w + j] + 1;
            let b = lev[i * w + j - 1] + 1;
            let c = lev[(i - 1) * w + j - 1] + if ne { substitution_cost } else { 0 };
            lev[i * w + j] = a.min(b).min(c);
        }
    }
    let (mut i, mut j) = (n, m);
    let mut alignment = vec![(i, j)];
    while (i, j) != (0, 0) {
        let mut best: Option<(usize, (usize, usize))> = None;
        // diagonal, skip s1, skip s2 (first minimum wins, as Python's min)
        let cands = [
            (i.checked_sub(1), j.checked_sub(1), true),
            (i.checked_sub(1), Some(j), false),
            (Some(i), j.checked_sub(1), false),
        ];
        for (pi, pj, diag) in cands {
            let (Some(pi), Some(pj)) = (pi, pj) else {
                continue;
            };
            let cost = if diag {
                lev[pi * w + pj]
                    + if s1[pi] == s2[pj] {
                        0
                    } else {
                        substitution_cost
                    }
            } else {
                lev[pi * w + pj] + 1
            };
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, (pi, pj)));
            }
        }
        let Some((_, next)) = best else { break };
        (i, j) = next;
        alignment.push((i, j));
    }
    alignment.reverse();
    Ok(alignment)
}

/// NLTK's `binary_distance`: 0.0 for equal labels, 1.0 otherwise.
///
/// # Example
/// ```
/// assert_eq!(nlkit::metrics::distance::binary_distance(&1, &3), 1.0);
/// ```
pub fn binary_distance<T: PartialEq + ?Sized>(a: &T, b: &T) -> f64 {
    if a == b {
        0.0
    } else {
        1.0
    }
}

/// NLTK's `jaccard_distance`: `(|A ∪ B| - |A ∩ B|) / |A ∪ B|`.
///
/// # Errors
/// Two empty sets (NLTK divides by zero).
///
/// # Example
/// ```
/// use std::collections::HashSet;
/// let a: HashSet<_> = [1, 2, 3, 4].into();
/// let b: HashSet<_> = [3, 4, 5].into();
/// assert_eq!(nlkit::metrics::distance::jaccard_distance(&a, &b).unwrap(), 0.6);
/// ```
pub fn jaccard_distance<T: Eq + Hash>(a: &HashSet<T>, b: &HashSet<T>) -> Result<f64> {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        return Err(Error::InvalidInput(
            "jaccard_distance of two empty sets".into(),
        ));
    }
    Ok((union - inter) as f64 / union as f64)
}

/// NLTK's `masi_distance` (Passonneau 2006): Jaccard weighted by how the
/// sets overlap (identical 1, one inside the other 2/3, overlapping 1/3).
///
/// # Errors
/// Two empty sets (NLTK divides by zero).
///
/// # Example
/// ```
/// use std::collections::HashSet;
/// let a: HashSet<_> = [1, 2].into();
/// let b: HashSet<_> = [1, 2, 3, 4].into();
/// assert_eq!(nlkit::metrics::distance::masi_distance(&a, &b).unwrap(), 0.6666666666666667);
/// ```
pub fn masi_distance<T: Eq + Hash>(a: &HashSet<T>, b: &HashSet<T>) -> Result<f64> {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        return Err(Error::InvalidInput(
            "masi_distance of two empty sets".into(),
        ));
    }
    let m = if a.len() == b.len() && a.len() == inter {
        1.0
    } else if inter == a.len().min(b.len()) {
        2.0 / 3.0
    } else if inter > 0 {
        1.0 / 3.0
    } else {
        0.0
    };
    Ok(1.0 - inter as f64 / union as f64 * m)
}

/// Krippendorff's interval distance (NLTK's `interval_distance`): `(a - b)²`.
///
/// # Example
/// ```
/// assert_eq!(nlkit::metrics::distance::interval_distance(1.0, 10.0), 81.0);
/// ```
pub fn interval_distance(a: f64, b: f64) -> f64 {
    let d = a - b;
    d * d
}

/// Jaro similarity (NLTK's `jaro_similarity`), by Unicode scalar values.
///
/// # Errors
/// Inputs longer than [`MAX_DISTANCE_INPUT_LEN`] (unless equal).
///
/// # Example
/// ```
/// use nlkit::metrics::distance::jaro_similarity;
/// assert!((jaro_similarity("dwayne", "duane").unwrap() - 0.822).abs() < 1e-3);
/// assert_eq!(jaro_similarity("", "").unwrap(), 1.0);
/// ```
pub fn jaro_similarity(s1: &str, s2: &str) -> Result<f64> {
    if s1 == s2 {
        return Ok(1.0);
    }
    let a: Vec<char> = s1.chars().collect();
    let b: Vec<char> = s2.chars().collect();
    jaro_similarity_seq(&a, &b)
}

/// [`jaro_similarity`] over any two sequences.
///
/// # Errors
/// As [`jaro_similarity`].
pub fn jaro_similarity_seq<T: Eq>(s1: &[T], s2: &[T]) -> Result<f64> {
    if s1 == s2 {
        return Ok(1.0);
    }
    check_len(s1.len(), s2.len(), "jaro_similarity")?;
    let (l1, l2) = (s1.len() as isize, s2.len() as isize);
    let bound = l1.max(l2) / 2 - 1;
    let mut matches = 0usize;
    let mut flagged_1 = Vec::new();
    let mut matched_2 = vec![false; s2.len()];
    for i in 0..l1 {
        let upper = (i + bound).min(l2 - 1);
        let lower = (i - bound).max(0);
        let mut j = lower;
        while j <= upper {
            let (iu, ju) = (i as usize, j as usize);
            if s1[iu] == s2[ju] && !matched_2[ju] {
                matches += 1;
                flagged_1.push(iu);
                matched_2[ju] = true;
                break;
            }
            j += 1;
        }
    }
    let flagged_2 = matched_2
        .iter()
        .enumerate()
        .filter(|(_, &m)| m)
        .map(|(j, _)| j);
    let transpositions = flagged_1
        .iter()
        .zip(flagged_2)
        .filter(|(&i, j)| s1[i] != s2[*j])
        .count();
    if matches == 0 {
        return Ok(0.0);
    }
    let m = matches as f64;
    let sum = m / l1 as f64 + m / l2 as f64 + (matches - transpositions / 2) as f64 / m;
    Ok(1.0 / 3.0 * sum)
}

/// Jaro-Winkler similarity (NLTK's `jaro_winkler_similarity`): Jaro plus
/// `l * p * (1 - jaro)` for a common prefix of `l <= max_l` characters.
/// NLTK warns when `max_l * p` is outside [0, 1]; nlkit computes the same
/// value without a warning.
///
/// # Errors
/// As [`jaro_similarity`].
///
/// # Example
/// ```
/// use nlkit::metrics::distance::jaro_winkler_similarity;
/// let s = jaro_winkler_similarity("TANYA", "TONYA", 0.1, 100).unwrap();
/// assert!((s - 0.88).abs() < 1e-3);
/// ```
pub fn jaro_winkler_similarity(s1: &str, s2: &str, p: f64, max_l: usize) -> Result<f64> {
    let jaro = jaro_similarity(s1, s2)?;
    let mut l = 0usize;
    for (a, b) in s1.chars().zip(s2.chars()) {
        if a == b {
            l += 1;
        } else {
            break;
        }
        if l == max_l {
            break;
        }
    }
    Ok(jaro + (l as f64 * p * (1.0 - jaro)))
}
