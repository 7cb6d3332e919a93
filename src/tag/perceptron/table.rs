//! The interned weight table: feature hashes, row starts, sparse and dense
//! rows of integer weights, and the builder that lays them out.

use super::*;

/// Feature index, row starts, class ids and weights.
pub(super) type TableParts = (
    FeatureNames,
    FeatureIndex,
    Vec<u32>,
    Vec<Entry>,
    Vec<i32>,
    Vec<i32>,
);

/// Weights are kept as integer thousandths while tagging. NLTK rounds
/// averaged weights to three decimals, so every weight is `q / 1000` for
/// an integer `q`, and integer sums are exact and vectorise well. They pick
/// the same tag as NLTK's `f64` sums: two classes whose exact scores differ
/// differ by at least 0.001, far more than the rounding error of a few
/// dozen `f64` additions (about 1e-12), so only an exact tie at the top can
/// come out differently, and a tie is settled by redoing the sums in `f64`
/// in NLTK's order ([`PerceptronTagger::tag_ids`]).
pub(crate) const WEIGHT_SCALE: f64 = 1000.0;

/// The largest |weight| in thousandths a model may have: with at most a
/// few dozen features per token, sums stay far inside `i32`.
pub(super) const MAX_WEIGHT_Q: f64 = (1u32 << 24) as f64;

/// A weight in thousandths.
pub(crate) type Weight = i32;

/// The index key of the feature of template `k` with `parts` (see
/// `fxhash::name_key`).
#[inline]
pub(super) fn hash_parts(k: usize, parts: &[&str]) -> u64 {
    parts_key(k, parts)
}

/// Tokens per window of [`PerceptronTagger::tag_ids`] (bounds its scratch
/// memory on very long lines).
pub(super) const WINDOW: usize = 64;

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

    pub(super) fn new(class: u16, value: u32) -> Self {
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

/// A model's feature strings in one buffer (a few allocations where a map
/// of strings needs one per feature, which made loading a model slow).
/// Tagging finds rows by hash ([`FeatureIndex`]); the names are searched
/// only to replay an exact tie in NLTK's order, to tell known words and to
/// save the model. nlkit's own models store them sorted; NLTK's JSON model
/// keeps its file order, and the sorted order is then built on first use
/// (sorting 270k names was a third of loading that model).
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureNames {
    pub(crate) text: String,
    /// Where each name ends in `text`.
    pub(crate) ends: Vec<u32>,
    /// Whether the names are in file order rather than sorted.
    unsorted: bool,
    /// With `unsorted`, the names' numbers in name order.
    order: std::sync::OnceLock<Vec<u32>>,
}

impl FeatureNames {
    /// The number of features.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The name of feature `r`.
    pub(crate) fn name(&self, r: usize) -> &str {
        let start = match r.checked_sub(1) {
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.ends.get(r).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// The names, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|r| self.name(r))
    }

    /// The names' numbers in name order.
    fn order(&self) -> &[u32] {
        self.order.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| self.name(a as usize).cmp(self.name(b as usize)));
            order
        })
    }

    /// `(name, number)` in name order.
    pub(crate) fn sorted(&self) -> Box<dyn Iterator<Item = (&str, u32)> + '_> {
        if self.unsorted {
            Box::new(self.order().iter().map(|&r| (self.name(r as usize), r)))
        } else {
            Box::new(self.iter().zip(0..))
        }
    }

    /// The number of the feature named `f`.
    pub(crate) fn get(&self, f: &str) -> Option<u32> {
        let order = if self.unsorted {
            Some(self.order())
        } else {
            None
        };
        let number = |k: usize| order.map_or(k, |o| o[k] as usize);
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.name(number(mid)).cmp(f) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(number(mid) as u32),
            }
        }
        None
    }

    pub(super) fn push(&mut self, f: &str) {
        self.text.push_str(f);
        self.ends.push(self.text.len() as u32);
    }
}

/// A builder of the interned weight table: rows pushed in any order (the
/// last of two with one name counts), weights checked and quantised as
/// they come.
#[derive(Default)]
pub(crate) struct TableBuilder {
    pub(crate) names: FeatureNames,
    pub(crate) row_start: Vec<u32>,
    pub(crate) entries: Vec<(u16, Weight)>,
    /// A weight that is not a multiple of 0.001 (see [`WEIGHT_SCALE`]).
    pub(crate) bad: Option<f64>,
}

impl TableBuilder {
    pub(crate) fn with_capacity(features: usize, entries: usize) -> Self {
        TableBuilder {
            names: FeatureNames {
                text: String::with_capacity(features * 16),
                ends: Vec::with_capacity(features),
                ..FeatureNames::default()
            },
            row_start: Vec::with_capacity(features + 1),
            entries: Vec::with_capacity(entries),
            bad: None,
        }
    }

    /// A builder holding `pairs` (class, weight in thousandths) as they
    /// are, without copying them: row `r`, named `features[r]`, is
    /// `pairs[ends[r - 1]..ends[r]]` (empty rows are dropped, as
    /// [`TableBuilder::push_row`] drops them). `ends` must not decrease
    /// and end at most at `pairs.len()` (what a model's body decodes to).
    pub(crate) fn from_rows(features: &[&str], ends: &[usize], pairs: Vec<(u16, i32)>) -> Self {
        let text = features.iter().map(|f| f.len()).sum();
        let mut tb = TableBuilder {
            names: FeatureNames {
                text: String::with_capacity(text),
                ends: Vec::with_capacity(features.len()),
                ..FeatureNames::default()
            },
            row_start: Vec::with_capacity(features.len() + 1),
            entries: pairs,
            bad: None,
        };
        let mut start = 0;
        for (f, &end) in features.iter().zip(ends) {
            if end > start {
                tb.row_start.push(start as u32);
                tb.names.push(f);
            }
            start = end;
        }
        tb.bad = tb
            .entries
            .iter()
            .find(|&&(_, q)| f64::from(q).abs() > MAX_WEIGHT_Q)
            .map(|&(_, q)| f64::from(q) / WEIGHT_SCALE);
        tb
    }

    /// Adds a feature's row of `(class, weight)`.
    pub(crate) fn push_row(&mut self, feature: &str, row: impl IntoIterator<Item = (u16, f64)>) {
        let bad = &mut self.bad;
        let row = row.into_iter().map(|(c, w)| {
            let q = (w * WEIGHT_SCALE).round();
            if q / WEIGHT_SCALE != w || q.abs() > MAX_WEIGHT_Q {
                bad.get_or_insert(w);
            }
            (c, q as Weight)
        });
        let start = self.entries.len();
        self.entries.extend(row);
        self.end_row(feature, start);
    }

    pub(super) fn end_row(&mut self, feature: &str, start: usize) {
        if self.entries.len() > start {
            self.row_start.push(start as u32);
            self.names.push(feature);
        }
    }

    /// Sorts the rows by name, keeping the last of equal names.
    pub(super) fn sort(&mut self) {
        let n = self.names.len();
        let sorted = (1..n).all(|r| self.names.name(r - 1) < self.names.name(r));
        if sorted {
            return;
        }
        let mut order: Vec<usize> = (0..n).collect();
        // stable: equal names stay in push order, the last is kept
        order.sort_by(|&a, &b| self.names.name(a).cmp(self.names.name(b)));
        let ends = |r: usize, rs: &[u32], total: usize| {
            (rs[r] as usize, rs.get(r + 1).map_or(total, |&e| e as usize))
        };
        let mut out = TableBuilder::with_capacity(n, self.entries.len());
        for (k, &r) in order.iter().enumerate() {
            let name = self.names.name(r);
            if order
                .get(k + 1)
                .is_some_and(|&next| self.names.name(next) == name)
            {
                continue;
            }
            let (a, b) = ends(r, &self.row_start, self.entries.len());
            let start = out.entries.len();
            out.entries.extend_from_slice(&self.entries[a..b]);
            out.end_row(name, start);
        }
        out.bad = self.bad;
        *self = out;
    }

    /// Packs the table. Fails when the model has more classes or distinct
    /// weights than [`Entry`] can address, or a weight that is not a
    /// multiple of 0.001 (see [`WEIGHT_SCALE`]).
    pub(super) fn finish(mut self, n_classes: usize) -> Result<TableParts> {
        if let Some(w) = self.bad {
            return Err(Error::Model(format!(
                "perceptron weight {w} is not a multiple of 0.001 below {}: nlkit \
                 reads NLTK-style models, whose averaged weights are rounded to three \
                 decimals",
                MAX_WEIGHT_Q / WEIGHT_SCALE
            )));
        }
        // row ends stay below `INLINE`, the flag of inline rows
        if self.names.text.len() > u32::MAX as usize || self.entries.len() >= INLINE as usize {
            return Err(Error::Model("perceptron model too large".into()));
        }
        let n = self.names.len();
        let sorted = (1..n).all(|r| self.names.name(r - 1) < self.names.name(r));
        // unsorted names stay in their order unless two are equal (found
        // while building the index, which is then built again): sorting
        // would keep the last of them
        self.names.unsorted = !sorted;
        self.row_start.push(self.entries.len() as u32);
        // a row is dense when it has weights for at least a quarter of the
        // classes (and there are enough classes for it to pay)
        let is_dense = |a: usize, b: usize| n_classes >= 8 && (b - a) * 4 >= n_classes;
        let n_rows_dense = self
            .row_start
            .windows(2)
            .filter(|w| is_dense(w[0] as usize, w[1] as usize))
            .count()
            .min(DENSE as usize - 1);
        let mut value_id: FxMap<Weight, u32> = FxMap::default();
        let mut values: Vec<Weight> = Vec::new();
        let mut entries = Vec::with_capacity(self.entries.len());
        for &(class, w) in &self.entries {
            if usize::from(class) >= Entry::MAX_CLASSES {
                return Err(Error::Model(format!(
                    "perceptron model has more than {} classes",
                    Entry::MAX_CLASSES
                )));
            }
            let next = values.len() as u32;
            let v = *value_id.entry(w).or_insert_with(|| {
                values.push(w);
                next
            });
            if values.len() > Entry::MAX_VALUES {
                return Err(Error::Model(format!(
                    "perceptron model has more than {} distinct weights",
                    Entry::MAX_VALUES
                )));
            }
            entries.push(Entry::new(class, v));
        }
        // rows of one or two entries are kept in the index slot (see
        // `INLINE`) when every entry and row end leaves the flag bit free
        let inline_ok = n_classes < Entry::MAX_CLASSES - 1;
        let inline = |a: usize, b: usize| -> Option<(u32, u32)> {
            if !inline_ok || b <= a || b - a > 2 {
                return None;
            }
            let first = entries.get(a)?.raw();
            let second = if b - a == 2 {
                entries.get(a + 1)?.raw()
            } else {
                NO_ENTRY
            };
            (first < INLINE && second < INLINE).then_some((first, INLINE | second))
        };
        // one allocation: growing row by row copied and touched twice
        let mut dense: Vec<Weight> = Vec::with_capacity(n_rows_dense * n_classes);
        let mut n_dense = 0u32;
        let slots: Vec<(u32, u32)> = self
            .row_start
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0] as usize, w[1] as usize);
                if is_dense(a, b) && n_dense < DENSE - 1 {
                    let base = dense.len();
                    dense.resize(base + n_classes, 0);
                    for &(c, q) in &self.entries[a..b] {
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
        let keys: Vec<u64> = self.names.iter().map(|f| name_keys.key(f)).collect();
        let (index, repeated) = FeatureIndex::build_checked(
            self.names.len(),
            keys.iter().zip(&slots).map(|(&h, &(a, b))| (h, a, b)),
        );
        if repeated && self.names.unsorted {
            self.row_start.pop();
            self.names.unsorted = false;
            self.sort();
            return self.finish(n_classes);
        }
        Ok((self.names, index, self.row_start, entries, values, dense))
    }
}
