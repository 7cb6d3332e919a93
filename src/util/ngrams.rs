//! N-gram iterators, as NLTK's `nltk.util` `pad_sequence`, `ngrams`,
//! `bigrams`, `trigrams`, `everygrams` and `skipgrams`, lazily over any
//! iterator. Each n-gram is a `Vec` (NLTK yields tuples) in NLTK's order.
//!
//! Padding: NLTK's `pad_left=True, left_pad_symbol=S` is `Some(S)` here
//! (NLTK's default symbol `None` is `Some(None)` over `Option` items).
//! Differences: `everygrams` without `max_len` has no length limit (NLTK
//! refuses sequences over 256 items), the whole sequence is buffered then,
//! as in NLTK.
//!
//! # Example
//! ```
//! use nlkit::util::ngrams::{ngrams, pad_sequence};
//! let padded: Vec<&str> = pad_sequence(["a", "b"], 2, Some("<s>"), Some("</s>")).collect();
//! assert_eq!(padded, ["<s>", "a", "b", "</s>"]);
//! let tri: Vec<Vec<i32>> = ngrams(1..=5, 3).collect();
//! assert_eq!(tri, [[1, 2, 3], [2, 3, 4], [3, 4, 5]]);
//! ```

use std::collections::VecDeque;

use crate::{Error, Result};

/// NLTK's `pad_sequence`: `n - 1` copies of `left` before and of `right`
/// after the sequence, for each side given.
///
/// # Example
/// ```
/// use nlkit::util::ngrams::pad_sequence;
/// let p: Vec<i32> = pad_sequence([1, 2], 3, Some(0), None).collect();
/// assert_eq!(p, [0, 0, 1, 2]);
/// ```
pub fn pad_sequence<I>(
    seq: I,
    n: usize,
    left: Option<I::Item>,
    right: Option<I::Item>,
) -> impl Iterator<Item = I::Item>
where
    I: IntoIterator,
    I::Item: Clone,
{
    let k = n.saturating_sub(1);
    let l = left
        .into_iter()
        .flat_map(move |s| std::iter::repeat_n(s, k));
    let r = right
        .into_iter()
        .flat_map(move |s| std::iter::repeat_n(s, k));
    l.chain(seq).chain(r)
}

/// Iterator of [`ngrams`].
#[derive(Debug, Clone)]
pub struct Ngrams<I: Iterator> {
    it: I,
    n: usize,
    window: VecDeque<I::Item>,
    started: bool,
}

impl<I: Iterator> Iterator for Ngrams<I>
where
    I::Item: Clone,
{
    type Item = Vec<I::Item>;

    fn next(&mut self) -> Option<Vec<I::Item>> {
        if !self.started {
            self.started = true;
            while self.window.len() < self.n {
                match self.it.next() {
                    Some(x) => self.window.push_back(x),
                    None => return None,
                }
            }
            return Some(self.window.iter().cloned().collect());
        }
        let x = self.it.next()?;
        if self.n > 0 {
            self.window.pop_front();
            self.window.push_back(x);
        }
        Some(self.window.iter().cloned().collect())
    }
}

/// NLTK's `ngrams(sequence, n)`: every window of `n` consecutive items
/// (none when the sequence is shorter; for `n = 0`, one empty n-gram per
/// item plus one, as NLTK).
///
/// # Example
/// ```
/// use nlkit::util::ngrams::ngrams;
/// assert_eq!(ngrams("abc".chars(), 2).collect::<Vec<_>>(), [['a', 'b'], ['b', 'c']]);
/// ```
pub fn ngrams<I>(seq: I, n: usize) -> Ngrams<I::IntoIter>
where
    I: IntoIterator,
    I::Item: Clone,
{
    Ngrams {
        it: seq.into_iter(),
        n,
        window: VecDeque::with_capacity(n),
        started: false,
    }
}

/// NLTK's `ngrams(sequence, n, pad_left=..., pad_right=...)`.
///
/// # Example
/// ```
/// use nlkit::util::ngrams::padded_ngrams;
/// let g: Vec<Vec<&str>> = padded_ngrams(["a", "b"], 2, Some("<s>"), None).collect();
/// assert_eq!(g, [["<s>", "a"], ["a", "b"]]);
/// ```
pub fn padded_ngrams<I>(
    seq: I,
    n: usize,
    left: Option<I::Item>,
    right: Option<I::Item>,
) -> impl Iterator<Item = Vec<I::Item>>
where
    I: IntoIterator,
    I::Item: Clone,
{
    ngrams(pad_sequence(seq, n, left, right), n)
}

/// NLTK's `bigrams`.
///
/// # Example
/// ```
/// assert_eq!(nlkit::util::ngrams::bigrams([1, 2, 3]).count(), 2);
/// ```
pub fn bigrams<I>(seq: I) -> Ngrams<I::IntoIter>
where
    I: IntoIterator,
    I::Item: Clone,
{
    ngrams(seq, 2)
}

/// NLTK's `trigrams`.
///
/// # Example
/// ```
/// assert_eq!(nlkit::util::ngrams::trigrams([1, 2, 3]).collect::<Vec<_>>(), [[1, 2, 3]]);
/// ```
pub fn trigrams<I>(seq: I) -> Ngrams<I::IntoIter>
where
    I: IntoIterator,
    I::Item: Clone,
{
    ngrams(seq, 3)
}

/// NLTK's `everygrams(sequence, min_len, max_len, pad_left, pad_right)`:
/// for each start position, the n-grams of lengths `min_len..=max_len`
/// (shorter at the end). `max_len` None means the sequence's length.
///
/// # Example
/// ```
/// use nlkit::util::ngrams::everygrams;
/// let g: Vec<Vec<&str>> = everygrams(["a", "b", "c"], 1, None, None, None).collect();
/// assert_eq!(g, [vec!["a"], vec!["a", "b"], vec!["a", "b", "c"], vec!["b"], vec!["b", "c"], vec!["c"]]);
/// ```
pub fn everygrams<I>(
    seq: I,
    min_len: usize,
    max_len: Option<usize>,
    left: Option<I::Item>,
    right: Option<I::Item>,
) -> impl Iterator<Item = Vec<I::Item>>
where
    I: IntoIterator,
    I::Item: Clone,
{
    // NLTK reads the whole sequence only when it needs its length.
    let (lazy, buffered, max_len) = match max_len {
        Some(m) => (Some(seq.into_iter()), None, m),
        None => {
            let v: Vec<I::Item> = seq.into_iter().collect();
            let m = v.len();
            (None, Some(v), m)
        }
    };
    let items = lazy
        .into_iter()
        .flatten()
        .chain(buffered.into_iter().flatten());
    let mut it = pad_sequence(items, max_len, left, right);
    let mut history: VecDeque<I::Item> = it.by_ref().take(max_len).collect();
    let mut len = min_len;
    std::iter::from_fn(move || loop {
        if history.is_empty() {
            return None;
        }
        if len <= history.len() && len >= min_len {
            let g: Vec<I::Item> = history.iter().take(len).cloned().collect();
            len += 1;
            return Some(g);
        }
        if let Some(x) = it.next() {
            history.push_back(x);
        }
        history.pop_front();
        len = min_len;
    })
}

/// NLTK's `MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW`.
pub const MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW: u128 = 1_000_000;

fn comb(n: u128, k: u128) -> u128 {
    let k = k.min(n - k.min(n));
    let mut r: u128 = 1;
    for i in 0..k {
        r = r.saturating_mul(n - i) / (i + 1);
        if r > MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW * 1000 {
            return r;
        }
    }
    r
}

/// NLTK's `skipgrams(sequence, n, k)`: n-grams that may skip up to `k`
/// items in total, in NLTK's order (by first item, then lexicographic).
///
/// # Errors
/// `n = 0`, or more than [`MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW`]
/// combinations per window (NLTK's `ValueError`s).
///
/// # Example
/// ```
/// use nlkit::util::ngrams::skipgrams;
/// let sent = "Insurgents killed in ongoing fighting".split(' ');
/// let g: Vec<Vec<&str>> = skipgrams(sent, 2, 2).unwrap().collect();
/// assert_eq!(g.len(), 9);
/// assert_eq!(g[2], ["Insurgents", "ongoing"]);
/// ```
pub fn skipgrams<I>(seq: I, n: usize, k: usize) -> Result<impl Iterator<Item = Vec<I::Item>>>
where
    I: IntoIterator,
    I::Item: Clone,
{
    if n < 1 {
        return Err(Error::InvalidInput(
            "n must be greater than or equal to 1".into(),
        ));
    }
    let too_big = || {
        Error::InvalidInput(format!(
            "Skipgram parameters n={n} and k={k} are excessively large."
        ))
    };
    if n as u128 > MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW
        || k as u128 > MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW
    {
        return Err(too_big());
    }
    if n > 1 && comb((n + k - 1) as u128, (n - 1) as u128) > MAX_SKIPGRAMS_COMBINATIONS_PER_WINDOW {
        return Err(too_big());
    }
    let width = n + k;
    let mut it = seq.into_iter();
    let mut window: VecDeque<I::Item> = VecDeque::with_capacity(width);
    // The current combination of tail positions (1..width), None when the
    // window's head needs its next window.
    let mut idx: Option<Vec<usize>> = None;
    let mut first = true;
    Ok(std::iter::from_fn(move || loop {
        let Some(c) = idx.as_mut() else {
            if !first {
                window.pop_front();
            }
            first = false;
            while window.len() < width {
                match it.next() {
                    Some(x) => window.push_back(x),
                    None => break,
                }
            }
            let head = window.front()?.clone();
            if n == 1 {
                return Some(vec![head]);
            }
            idx = Some((1..n).collect());
            continue;
        };
        if c.is_empty() {
            idx = None;
            continue;
        }
        // NLTK pads the window with sentinels and skips the combinations
        // that reach one; here those reach past the real items.
        let valid = c.last().is_some_and(|&l| l < window.len());
        let g = valid.then(|| {
            let mut g = Vec::with_capacity(n);
            g.extend(window.front().cloned());
            g.extend(c.iter().filter_map(|&i| window.get(i).cloned()));
            g
        });
        advance(c, width);
        if g.is_some() {
            return g;
        }
    }))
}

/// Next combination (indices in 1..width, increasing); empty when done.
fn advance(idx: &mut Vec<usize>, width: usize) {
    let r = idx.len();
    let mut p = r;
    while p > 0 {
        p -= 1;
        if idx[p] < width - (r - p) {
            idx[p] += 1;
            for q in p + 1..r {
                idx[q] = idx[q - 1] + 1;
            }
            return;
        }
    }
    idx.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nltk_doctests() {
        let p: Vec<Vec<&str>> =
            padded_ngrams(["1", "2", "3", "4", "5"], 2, Some("<s>"), Some("</s>")).collect();
        assert_eq!(p.first().unwrap(), &["<s>", "1"]);
        assert_eq!(p.last().unwrap(), &["5", "</s>"]);
        assert_eq!(p.len(), 6);
        let t: Vec<Vec<i32>> = trigrams([1, 2, 3, 4, 5]).collect();
        assert_eq!(t, [[1, 2, 3], [2, 3, 4], [3, 4, 5]]);
        let e: Vec<Vec<&str>> = everygrams(["a", "b", "c"], 1, Some(2), None, None).collect();
        assert_eq!(
            e,
            [
                vec!["a"],
                vec!["a", "b"],
                vec!["b"],
                vec!["b", "c"],
                vec!["c"]
            ]
        );
        let sent: Vec<&str> = "Insurgents killed in ongoing fighting".split(' ').collect();
        let s3: Vec<Vec<&str>> = skipgrams(sent.clone(), 3, 2).unwrap().collect();
        assert_eq!(s3.len(), 10);
        assert_eq!(s3[9], ["in", "ongoing", "fighting"]);
        assert_eq!(s3[3], ["Insurgents", "in", "ongoing"]);
        let s1: Vec<Vec<&str>> = skipgrams(sent, 1, 3).unwrap().collect();
        assert_eq!(s1.len(), 5);
        assert_eq!(ngrams([1, 2], 0).count(), 3);
        assert_eq!(ngrams([1, 2], 3).count(), 0);
        assert!(skipgrams([1], 0, 1).is_err());
        assert!(skipgrams([1], 30, 30).is_err());
    }
}
