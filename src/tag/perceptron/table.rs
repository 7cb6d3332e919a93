//! The interned weight table: feature hashes, row starts, sparse and dense
//! rows of integer weights, and the builder that lays them out.

use std::borrow::Cow;

use super::layout::{pack, PackError};
use super::*;

pub(crate) use super::layout::{Entry, DENSE, INLINE, NO_ENTRY};

/// A model's packed table, owned (built at run time) or borrowed from the
/// binary (nlkit's embedded models, packed when nlkit is built).
pub(super) type Words<T> = Cow<'static, [T]>;

/// Feature names, index, row starts, entries ([`Entry::raw`]), distinct
/// weights and dense rows.
pub(super) type TableParts = (
    FeatureNames,
    FeatureIndex,
    Words<u32>,
    Words<u32>,
    Words<i32>,
    Words<i32>,
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

/// A model's feature strings in one buffer (a few allocations where a map
/// of strings needs one per feature, which made loading a model slow).
/// Tagging finds rows by hash ([`FeatureIndex`]); the names are searched
/// only to replay an exact tie in NLTK's order, to tell known words and to
/// save the model. nlkit's own models store them sorted; NLTK's JSON model
/// keeps its file order, and the sorted order is then built on first use
/// (sorting 270k names was a third of loading that model).
///
/// The text is bytes, each name checked to be UTF-8 when it is read, so
/// that an embedded model's names are used in place, unchecked at start-up.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureNames {
    pub(crate) text: Words<u8>,
    /// Where each name ends in `text`.
    pub(crate) ends: Words<u32>,
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
        std::str::from_utf8(self.name_bytes(r)).unwrap_or("")
    }

    /// The UTF-8 bytes of the name of feature `r` (they sort as the names
    /// do).
    pub(crate) fn name_bytes(&self, r: usize) -> &[u8] {
        let start = match r.checked_sub(1) {
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.ends.get(r).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or(&[])
    }

    /// The names' UTF-8 bytes, in order.
    pub(crate) fn iter_bytes(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|r| self.name_bytes(r))
    }

    /// The names, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|r| self.name(r))
    }

    /// The names' numbers in name order.
    fn order(&self) -> &[u32] {
        self.order.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| {
                self.name_bytes(a as usize).cmp(self.name_bytes(b as usize))
            });
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
            match self.name_bytes(number(mid)).cmp(f.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(number(mid) as u32),
            }
        }
        None
    }

    pub(super) fn push(&mut self, f: &str) {
        let text = self.text.to_mut();
        text.extend_from_slice(f.as_bytes());
        let end = text.len() as u32;
        self.ends.to_mut().push(end);
    }

    /// Names borrowed from the binary (an embedded model's, see
    /// `image.rs`), sorted.
    pub(super) fn borrowed(text: &'static [u8], ends: &'static [u32]) -> Self {
        FeatureNames {
            text: Cow::Borrowed(text),
            ends: Cow::Borrowed(ends),
            ..FeatureNames::default()
        }
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
                text: Cow::Owned(Vec::with_capacity(features * 16)),
                ends: Cow::Owned(Vec::with_capacity(features)),
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
                text: Cow::Owned(Vec::with_capacity(text)),
                ends: Cow::Owned(Vec::with_capacity(features.len())),
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
        let sorted = (1..n).all(|r| self.names.name_bytes(r - 1) < self.names.name_bytes(r));
        if sorted {
            return;
        }
        let mut order: Vec<usize> = (0..n).collect();
        // stable: equal names stay in push order, the last is kept
        order.sort_by(|&a, &b| self.names.name_bytes(a).cmp(self.names.name_bytes(b)));
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
        if self.names.text.len() > u32::MAX as usize {
            return Err(Error::Model("perceptron model too large".into()));
        }
        let n = self.names.len();
        let sorted = (1..n).all(|r| self.names.name_bytes(r - 1) < self.names.name_bytes(r));
        // unsorted names stay in their order unless two are equal (found
        // while building the index, which is then built again): sorting
        // would keep the last of them
        self.names.unsorted = !sorted;
        self.row_start.push(self.entries.len() as u32);
        let packed = pack(
            self.names.iter_bytes(),
            &self.row_start,
            &self.entries,
            n_classes,
        )
        .map_err(|e| {
            Error::Model(match e {
                PackError::TooLarge => "perceptron model too large".into(),
                PackError::Classes => format!(
                    "perceptron model has more than {} classes",
                    Entry::MAX_CLASSES
                ),
                PackError::Values => format!(
                    "perceptron model has more than {} distinct weights",
                    Entry::MAX_VALUES
                ),
            })
        })?;
        let repeated = packed.repeated;
        if repeated && self.names.unsorted {
            self.row_start.pop();
            self.names.unsorted = false;
            self.sort();
            return self.finish(n_classes);
        }
        Ok((
            self.names,
            packed.index,
            Cow::Owned(self.row_start),
            Cow::Owned(packed.entries),
            Cow::Owned(packed.values),
            Cow::Owned(packed.dense),
        ))
    }
}

/// A model's packed table, ready for [`PerceptronTagger::from_packed`].
pub(crate) struct PackedTable(pub(super) TableParts);

impl PackedTable {
    /// The table of an embedded model's image (see `image.rs`; build.rs
    /// packs it when nlkit is built), borrowed where it lies, and the rest
    /// of the model's body; `None` when the image is not one (a build
    /// bug). Nothing is decoded or built: the image's arrays are checked
    /// for alignment and consistent lengths, and used as they are.
    pub(crate) fn from_image(image: &'static [u8]) -> Option<(&'static [u8], Self)> {
        use bytemuck::try_cast_slice;
        let [rest, text, ends, row_start, entries, values, dense, slots, filter] =
            super::image::sections(image)?;
        let ends: &[u32] = try_cast_slice(ends).ok()?;
        let row_start: &[u32] = try_cast_slice(row_start).ok()?;
        let entries: &[u32] = try_cast_slice(entries).ok()?;
        if ends.len() + 1 != row_start.len()
            || row_start.last().map(|&e| e as usize) != Some(entries.len())
            || ends.last().map_or(0, |&e| e as usize) != text.len()
        {
            return None;
        }
        let index = FeatureIndex::from_parts(
            Cow::Borrowed(try_cast_slice(slots).ok()?),
            Cow::Borrowed(try_cast_slice(filter).ok()?),
        )?;
        Some((
            rest,
            PackedTable((
                FeatureNames::borrowed(text, ends),
                index,
                Cow::Borrowed(row_start),
                Cow::Borrowed(entries),
                Cow::Borrowed(try_cast_slice(values).ok()?),
                Cow::Borrowed(try_cast_slice(dense).ok()?),
            )),
        ))
    }
}
