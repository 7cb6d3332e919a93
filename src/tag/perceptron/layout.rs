//! How a perceptron model's weights are packed for tagging: the 4-byte
//! entries, the table of distinct weights, the dense rows and the feature
//! index. A file of its own, needing only `std` and `fxhash.rs`, because
//! build.rs compiles it too: it packs nlkit's embedded models when nlkit is
//! built, exactly as a model loaded at run time is packed, and the tagger
//! reads the result in place (see `image.rs`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::tag::fxhash::{FeatureIndex, FxHasher, NameKeys};

/// Set in a row start of the index when the row is dense: the rest is the
/// dense row's number. Frequent features (the bias, the previous tags,
/// common suffixes) have weights for most classes; adding such a row as a
/// dense vector is one vectorised loop, where a sparse row is a chain of
/// scattered loads and stores. Adding 0.0 for the missing classes leaves
/// every sum bit-for-bit what the sparse row gives.
pub(crate) const DENSE: u32 = 1 << 31;

/// Set in a row end of the index when the row is inline: a sparse row of
/// one or two weights is kept in the index slot itself (its row start is
/// the first [`Entry`], the rest of its row end the second or
/// [`NO_ENTRY`]), so that looking it up reads the slot and not the row
/// too. Most of the word-pair and tag-word features that tagging looks up
/// have one or two weights. Only for entries below `1 << 31` (value index
/// below `1 << 19`) and models of fewer than 4,095 classes.
pub(crate) const INLINE: u32 = 1 << 31;

/// The second entry of an inline row of one weight (class 4,095, which a
/// model with inline rows does not have).
pub(crate) const NO_ENTRY: u32 = INLINE - 1;

/// One weight of a feature's row: a class id (12 bits) and the index of
/// its value among the model's distinct weight values (20 bits), in one
/// `u32`. Tagging is bound by memory reads of these rows, and a model has
/// few distinct weights (NLTK's English model: 10,946 among 271,206), so
/// 4-byte entries plus a small value table that stays in cache read half
/// or less the memory of `(class, f64)` pairs, and the values are still
/// the exact `f64`s (NLTK's sums are reproduced bit for bit).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry(u32);

impl Entry {
    /// Most classes a perceptron model may have.
    pub(crate) const MAX_CLASSES: usize = 1 << 12;
    /// Most distinct weight values a perceptron model may have.
    pub(crate) const MAX_VALUES: usize = 1 << 20;

    pub(crate) fn new(class: u16, value: u32) -> Self {
        Entry(u32::from(class) | (value << 12))
    }

    /// The entry as one `u32` (see [`INLINE`]).
    #[inline]
    pub(crate) fn raw(self) -> u32 {
        self.0
    }

    /// An entry from [`Entry::raw`].
    #[inline]
    pub(crate) fn from_raw(raw: u32) -> Self {
        Entry(raw)
    }

    /// The class id.
    #[inline]
    pub(crate) fn class(self) -> usize {
        (self.0 & 0xfff) as usize
    }

    /// The index of the weight in the value table.
    #[inline]
    pub(crate) fn value(self) -> usize {
        (self.0 >> 12) as usize
    }
}

/// A model's weights as the tagger reads them.
pub(crate) struct Packed {
    /// The rows' [`Entry`]s ([`Entry::raw`]), row after row.
    pub(crate) entries: Vec<u32>,
    /// The distinct weights, in thousandths.
    pub(crate) values: Vec<i32>,
    /// The dense rows, `n_classes` weights each (see [`DENSE`]).
    pub(crate) dense: Vec<i32>,
    /// Feature key -> row (dense, inline or a range of `entries`).
    pub(crate) index: FeatureIndex,
    /// Whether two features had the same key (the first one's row is kept).
    pub(crate) repeated: bool,
}

/// Why a model cannot be packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PackError {
    /// Too many weights for a row end below [`INLINE`].
    TooLarge,
    /// More than [`Entry::MAX_CLASSES`] classes.
    Classes,
    /// More than [`Entry::MAX_VALUES`] distinct weights.
    Values,
}

/// Packs the rows `pairs[row_start[r]..row_start[r + 1]]` (class id,
/// weight in thousandths) of the features named `names` (UTF-8; as many as
/// `row_start.len() - 1`, none with an empty row) of a model of `n_classes`
/// classes.
pub(crate) fn pack<'a>(
    names: impl Iterator<Item = &'a [u8]>,
    row_start: &[u32],
    pairs: &[(u16, i32)],
    n_classes: usize,
) -> Result<Packed, PackError> {
    // row ends stay below `INLINE`, the flag of inline rows
    if pairs.len() >= INLINE as usize {
        return Err(PackError::TooLarge);
    }
    // a row is dense when it has weights for at least a quarter of the
    // classes (and there are enough classes for it to pay)
    let is_dense = |a: usize, b: usize| n_classes >= 8 && (b - a) * 4 >= n_classes;
    let n_rows_dense = row_start
        .windows(2)
        .filter(|w| is_dense(w[0] as usize, w[1] as usize))
        .count()
        .min(DENSE as usize - 1);
    let mut value_id: HashMap<i32, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
    let mut values: Vec<i32> = Vec::new();
    let mut entries = Vec::with_capacity(pairs.len());
    for &(class, w) in pairs {
        if usize::from(class) >= Entry::MAX_CLASSES {
            return Err(PackError::Classes);
        }
        let next = values.len() as u32;
        let v = *value_id.entry(w).or_insert_with(|| {
            values.push(w);
            next
        });
        if values.len() > Entry::MAX_VALUES {
            return Err(PackError::Values);
        }
        entries.push(Entry::new(class, v).raw());
    }
    // rows of one or two entries are kept in the index slot (see
    // `INLINE`) when every entry and row end leaves the flag bit free
    let inline_ok = n_classes < Entry::MAX_CLASSES - 1;
    let inline = |a: usize, b: usize| -> Option<(u32, u32)> {
        if !inline_ok || b <= a || b - a > 2 {
            return None;
        }
        let first = *entries.get(a)?;
        let second = if b - a == 2 {
            *entries.get(a + 1)?
        } else {
            NO_ENTRY
        };
        (first < INLINE && second < INLINE).then_some((first, INLINE | second))
    };
    // one allocation: growing row by row copied and touched twice
    let mut dense: Vec<i32> = Vec::with_capacity(n_rows_dense * n_classes);
    let mut n_dense = 0u32;
    let slots: Vec<(u32, u32)> = row_start
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0] as usize, w[1] as usize);
            if is_dense(a, b) && n_dense < DENSE - 1 {
                let base = dense.len();
                dense.resize(base + n_classes, 0);
                for &(c, q) in &pairs[a..b] {
                    if let Some(x) = dense.get_mut(base + usize::from(c)) {
                        *x = q;
                    }
                }
                n_dense += 1;
                (DENSE | (n_dense - 1), 0)
            } else {
                inline(a, b).unwrap_or((w[0], w[1]))
            }
        })
        .collect();
    // the keys first, in a loop of their own: interleaved with the
    // index's scattered slot writes, computing them kept fewer of those
    // writes' cache misses in flight (loading was slower)
    let mut name_keys = NameKeys::default();
    let keys: Vec<u64> = names.map(|f| name_keys.key(f)).collect();
    let (index, repeated) = FeatureIndex::build_checked(
        keys.len(),
        keys.iter().zip(&slots).map(|(&h, &(a, b))| (h, a, b)),
    );
    Ok(Packed {
        entries,
        values,
        dense,
        index,
        repeated,
    })
}
