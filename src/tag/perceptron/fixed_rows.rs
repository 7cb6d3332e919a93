//! Summed rows of the templates whose parts take few values, built once per
//! model and thread so that tagging adds a row from a small table instead
//! of hashing and looking up each feature: the `i cap` template (three
//! values), and, for a stacked model, the templates that read only the
//! first-stage tags of the token and its right neighbours (per pair of
//! those tags) or the previous tag and the next first-stage tag.
//!
//! Integer sums do not depend on the order of the additions, so the scores
//! and tags are the same as with the lookups (ties are still settled in
//! NLTK's order from scratch, see `PerceptronTagger::argmax_f64`).

use super::*;
use crate::tag::features::{bit, CAPS};

/// The template `i cap`.
pub(super) const CAP: usize = 26;
/// The templates that read the first-stage tags at `i` and `i + 1` only.
pub(super) const FIRST_OWN: u64 = bit(36) | bit(37) | bit(39);
/// The templates that read the first-stage tags at `i + 1` and `i + 2` only.
pub(super) const FIRST_NEXT: u64 = bit(38) | bit(42);
/// The template that reads the previous tag and the first-stage tag at
/// `i + 1`.
pub(super) const FIRST_PREV: u64 = bit(40);

/// Most first-stage tag values (its classes and the four paddings) for
/// which the tables of a stacked model are built.
const MAX_FIRST_VALUES: usize = 128;

/// The precomputed rows of one model (kept in its per-thread `WordCache`).
#[derive(Default)]
pub(super) struct FixedRows {
    /// The rows of `i cap` for each value of [`CAPS`], one after the other
    /// (empty for models without the template).
    pub(super) caps: Vec<Weight>,
    /// The first-stage tag values: its class names, then `-START-`,
    /// `-START2-`, `-END-`, `-END2-` (empty when the tables are not built).
    pub(super) first_ids: FxMap<Box<str>, u16>,
    /// The part hashes of the first-stage tag values, by id.
    pub(super) first_hashes: Vec<u64>,
    /// The number of first-stage tag values.
    pub(super) nf: usize,
    /// [`FIRST_OWN`] summed, at `(a * nf + b) * nc` for the values `a`, `b`
    /// at `i`, `i + 1`.
    pub(super) own: Vec<Weight>,
    /// [`FIRST_NEXT`] summed, at `(b * nf + c) * nc` for the values `b`,
    /// `c` at `i + 1`, `i + 2`.
    pub(super) next: Vec<Weight>,
    /// [`FIRST_PREV`], at `(p * nf + b) * nc` for the previous tag `p`
    /// (a class id, or `nc`, `nc + 1` for `-START-`, `-START2-`) and the
    /// value `b` at `i + 1`.
    pub(super) prev: Vec<Weight>,
}

impl FixedRows {
    /// Whether the first-stage tables are built.
    pub(super) fn has_first(&self) -> bool {
        self.nf > 0
    }

    /// The ids of the padded first-stage tags `first` in `out`, or `false`
    /// (and the lookups are to be made one by one) when the tables are not
    /// built or a tag is not a value they know.
    pub(super) fn resolve(&self, first: &[&str], out: &mut Vec<u16>) -> bool {
        out.clear();
        if !self.has_first() {
            return false;
        }
        for s in first {
            match self.first_ids.get(*s) {
                Some(&t) => out.push(t),
                None => return false,
            }
        }
        true
    }
}

impl PerceptronTagger {
    /// Builds the [`FixedRows`] of this model.
    pub(super) fn fixed_rows(&self) -> FixedRows {
        let nc = self.classes.len();
        let mut out = FixedRows::default();
        if self.feature_set != FeatureSet::Nltk {
            out.caps = vec![0; CAPS.len() * nc];
            for (v, row) in out.caps.chunks_mut(nc).enumerate() {
                if let Some(r) = self.index.get_hashed(hash_parts(CAP, &[CAPS[v]])) {
                    self.add_row(r, row);
                }
            }
        }
        let Some(first) = self.first.as_deref() else {
            return out;
        };
        let nf = first.classes.len() + 4;
        if self.feature_set != FeatureSet::Stacked
            || nc > WordCache::TAG_PAIR_CLASSES
            || nf > MAX_FIRST_VALUES
        {
            return out;
        }
        let names: Vec<&str> = first
            .classes
            .iter()
            .map(|c| &**c)
            .chain(START)
            .chain(END)
            .collect();
        out.first_hashes = names.iter().map(|s| part_hash(s)).collect();
        for (t, name) in names.iter().enumerate() {
            // a repeated name keeps its first id; its rows are the same
            out.first_ids.entry((*name).into()).or_insert(t as u16);
        }
        let row = |mask: u64, prev: &str, g: [&str; 3], row: &mut [Weight]| {
            let first = ["", "", g[0], g[1], g[2]];
            let ctx = Context {
                words: &[],
                clusters: &[],
                first: &first,
            };
            self.add_features(Templates::Only(mask), 2, "", ctx, (prev, ""), row);
        };
        out.own = vec![0; nf * nf * nc];
        out.next = vec![0; nf * nf * nc];
        for a in 0..nf {
            for b in 0..nf {
                let at = (a * nf + b) * nc..(a * nf + b + 1) * nc;
                row(
                    FIRST_OWN,
                    "",
                    [names[a], names[b], ""],
                    &mut out.own[at.clone()],
                );
                row(FIRST_NEXT, "", ["", names[a], names[b]], &mut out.next[at]);
            }
        }
        out.prev = vec![0; (nc + 2) * nf * nc];
        for p in 0..nc + 2 {
            let prev = match p.checked_sub(nc) {
                None => &*self.classes[p],
                Some(s) => START[s],
            };
            for (b, name) in names.iter().enumerate() {
                let at = (p * nf + b) * nc..(p * nf + b + 1) * nc;
                row(FIRST_PREV, prev, ["", name, ""], &mut out.prev[at]);
            }
        }
        out.nf = nf;
        out
    }
}
