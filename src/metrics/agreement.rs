//! Inter-annotator agreement, as NLTK's `nltk.metrics.agreement.AnnotationTask`:
//! observed agreement, Bennett's S, Scott's pi (multi-pi), Cohen's kappa
//! (averaged over coder pairs), Davies & Fleiss' multi-kappa, Krippendorff's
//! alpha and Cohen's weighted kappa, each with a label distance (NLTK's
//! default [`binary_distance`](super::distance::binary_distance); MASI and
//! Jaccard for set labels, interval distance for numbers).
//!
//! Data are `(coder, item, label)` triples. Sums run over coders, items and
//! labels in sorted or first-seen order where NLTK iterates Python sets, so
//! the last bits of a result may differ from NLTK's (within 1e-12).
//! Where NLTK raises (no data, a coder missing an item, a division by
//! zero), nlkit returns an error.
//!
//! # Example
//! ```
//! use nlkit::metrics::agreement::AnnotationTask;
//! let data = [("c1", "1", "v1"), ("c2", "1", "v1"), ("c1", "2", "v2"), ("c2", "2", "v2"),
//!             ("c1", "3", "v3"), ("c2", "3", "v1")];
//! let t = AnnotationTask::new(data.iter().map(|&(c, i, l)| (c, i, l.to_string())));
//! assert!((t.avg_ao().unwrap() - 2.0 / 3.0).abs() < 1e-12);
//! assert!((t.kappa().unwrap() - 0.5).abs() < 1e-12);
//! ```

use std::collections::BTreeMap;
use std::hash::Hash;

use crate::{Error, Result};

/// A label distance: 0 for identical labels.
pub type Distance<L> = Box<dyn Fn(&L, &L) -> f64 + Send + Sync>;

struct Record<L> {
    coder: usize,
    item: usize,
    label: usize,
    _l: std::marker::PhantomData<L>,
}

/// NLTK's `AnnotationTask`: coders assigning labels to items.
///
/// # Example
/// ```
/// use nlkit::metrics::agreement::AnnotationTask;
/// let t = AnnotationTask::new([("a", "x", 1), ("b", "x", 1), ("a", "y", 2), ("b", "y", 1)]);
/// assert_eq!(t.avg_ao().unwrap(), 0.5);
/// ```
pub struct AnnotationTask<L> {
    coders: Vec<String>,
    items: Vec<String>,
    labels: Vec<L>,
    data: Vec<Record<L>>,
    distance: Distance<L>,
}

impl<L> std::fmt::Debug for AnnotationTask<L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnnotationTask")
            .field("coders", &self.coders)
            .field("items", &self.items.len())
            .field("labels", &self.labels.len())
            .field("annotations", &self.data.len())
            .finish()
    }
}

fn isclose(a: f64, b: f64) -> bool {
    // math.isclose with rel_tol=1e-9, abs_tol=0
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn chance_corrected(observed: f64, expected: f64) -> Result<f64> {
    if isclose(expected, 1.0) {
        if isclose(observed, 1.0) {
            return Ok(1.0);
        }
        return Err(Error::InvalidInput(format!(
            "Expected agreement is 1.0 but observed agreement is {observed:.4}"
        )));
    }
    Ok((observed - expected) / (1.0 - expected))
}

impl<L: Eq + Hash + Clone + 'static> AnnotationTask<L> {
    /// A task over `(coder, item, label)` triples with the binary distance.
    pub fn new<C: Into<String>, I: Into<String>>(
        data: impl IntoIterator<Item = (C, I, L)>,
    ) -> Self {
        Self::with_distance(
            data,
            Box::new(|a: &L, b: &L| super::distance::binary_distance(a, b)),
        )
    }

    /// A task with a label distance (e.g. MASI for set labels).
    pub fn with_distance<C: Into<String>, I: Into<String>>(
        data: impl IntoIterator<Item = (C, I, L)>,
        distance: Distance<L>,
    ) -> Self {
        let mut t = AnnotationTask {
            coders: Vec::new(),
            items: Vec::new(),
            labels: Vec::new(),
            data: Vec::new(),
            distance,
        };
        let mut ci: std::collections::HashMap<String, usize> = Default::default();
        let mut ii: std::collections::HashMap<String, usize> = Default::default();
        let mut li: std::collections::HashMap<L, usize> = Default::default();
        for (c, i, l) in data {
            let (c, i) = (c.into(), i.into());
            let nc = ci.len();
            let coder = *ci.entry(c.clone()).or_insert_with(|| {
                t.coders.push(c);
                nc
            });
            let ni = ii.len();
            let item = *ii.entry(i.clone()).or_insert_with(|| {
                t.items.push(i);
                ni
            });
            let nl = li.len();
            let label = *li.entry(l.clone()).or_insert_with(|| {
                t.labels.push(l);
                nl
            });
            t.data.push(Record {
                coder,
                item,
                label,
                _l: std::marker::PhantomData,
            });
        }
        t
    }

    fn dist(&self, a: usize, b: usize) -> f64 {
        match (self.labels.get(a), self.labels.get(b)) {
            (Some(x), Some(y)) => (self.distance)(x, y),
            _ => 0.0,
        }
    }

    /// Records of the two coders, grouped by item in item-name order
    /// (NLTK's `_grouped_data("item", ...)`), each group in data order.
    fn grouped_by_item(&self, coders: Option<(usize, usize)>) -> BTreeMap<&str, Vec<&Record<L>>> {
        let mut g: BTreeMap<&str, Vec<&Record<L>>> = BTreeMap::new();
        for r in &self.data {
            if let Some((a, b)) = coders {
                if r.coder != a && r.coder != b {
                    continue;
                }
            }
            g.entry(self.items[r.item].as_str()).or_default().push(r);
        }
        g
    }

    /// Coder pairs in sorted order (NLTK iterates a set of coders).
    fn coder_pairs(&self) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..self.coders.len()).collect();
        order.sort_by(|&a, &b| self.coders[a].cmp(&self.coders[b]));
        let mut out = Vec::new();
        for (x, &a) in order.iter().enumerate() {
            for &b in &order[x + 1..] {
                out.push((a, b));
            }
        }
        out
    }

    fn coder_index(&self, name: &str) -> Result<usize> {
        self.coders
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| Error::InvalidInput(format!("unknown coder `{name}`")))
    }

    fn pairwise_average(&self, f: impl Fn(usize, usize) -> Result<f64>) -> Result<f64> {
        let pairs = self.coder_pairs();
        if pairs.is_empty() {
            return Err(Error::InvalidInput(
                "agreement needs at least two coders".into(),
            ));
        }
        let mut total = 0.0;
        for &(a, b) in &pairs {
            total += f(a, b)?;
        }
        Ok(total / pairs.len() as f64)
    }

    fn ao_idx(&self, a: usize, b: usize) -> Result<f64> {
        let mut total = 0.0;
        for (item, recs) in self.grouped_by_item(Some((a, b))) {
            let missing = || {
                Error::InvalidInput(format!(
                    "coder `{}` or `{}` did not label item `{item}`",
                    self.coders[a], self.coders[b]
                ))
            };
            let k1 = recs.first().ok_or_else(missing)?;
            let other = if k1.coder == a { b } else { a };
            let k2 = recs
                .iter()
                .skip(1)
                .find(|r| r.coder == other)
                .ok_or_else(missing)?;
            total += 1.0 - self.dist(k1.label, k2.label);
        }
        Ok(total / self.items.len() as f64)
    }

    /// Observed agreement of two coders over all items (NLTK's `Ao`).
    ///
    /// # Errors
    /// An unknown coder, or one that left an item the other labelled.
    pub fn ao(&self, coder_a: &str, coder_b: &str) -> Result<f64> {
        self.ao_idx(self.coder_index(coder_a)?, self.coder_index(coder_b)?)
    }

    /// Observed agreement averaged over coder pairs (NLTK's `avg_Ao`).
    ///
    /// # Errors
    /// Fewer than two coders; as [`AnnotationTask::ao`].
    pub fn avg_ao(&self) -> Result<f64> {
        self.pairwise_average(|a, b| self.ao_idx(a, b))
    }

    /// Bennett, Albert and Goldstein's S.
    ///
    /// # Errors
    /// No data; as [`AnnotationTask::avg_ao`].
    pub fn s(&self) -> Result<f64> {
        if self.labels.is_empty() {
            return Err(Error::InvalidInput(
                "Cannot calculate S, no data present!".into(),
            ));
        }
        chance_corrected(self.avg_ao()?, 1.0 / self.labels.len() as f64)
    }

    /// Scott's pi (multi-pi; Siegel and Castellan's K).
    ///
    /// # Errors
    /// As [`AnnotationTask::avg_ao`].
    pub fn pi(&self) -> Result<f64> {
        let mut freq = vec![0u64; self.labels.len()];
        for r in &self.data {
            freq[r.label] += 1;
        }
        let total: f64 = freq.iter().fold(0.0, |t, &f| t + (f * f) as f64);
        let n = (self.items.len() * self.coders.len()) as f64;
        chance_corrected(self.avg_ao()?, total / (n * n))
    }

    fn ae_kappa_idx(&self, a: usize, b: usize) -> f64 {
        let nitems = self.items.len() as f64;
        let mut fa = vec![0u64; self.labels.len()];
        let mut fb = vec![0u64; self.labels.len()];
        for r in &self.data {
            if r.coder == a {
                fa[r.label] += 1;
            }
            if r.coder == b {
                fb[r.label] += 1;
            }
        }
        let mut ae = 0.0;
        for (x, y) in fa.iter().zip(&fb) {
            ae += (*x as f64 / nitems) * (*y as f64 / nitems);
        }
        ae
    }

    /// Expected agreement of two coders for kappa (NLTK's `Ae_kappa`).
    ///
    /// # Errors
    /// An unknown coder.
    pub fn ae_kappa(&self, coder_a: &str, coder_b: &str) -> Result<f64> {
        Ok(self.ae_kappa_idx(self.coder_index(coder_a)?, self.coder_index(coder_b)?))
    }

    /// Cohen's kappa of two coders.
    ///
    /// # Errors
    /// As [`AnnotationTask::ao`].
    pub fn kappa_pairwise(&self, coder_a: &str, coder_b: &str) -> Result<f64> {
        let (a, b) = (self.coder_index(coder_a)?, self.coder_index(coder_b)?);
        chance_corrected(self.ao_idx(a, b)?, self.ae_kappa_idx(a, b))
    }

    /// Cohen's kappa averaged over coder pairs.
    ///
    /// # Errors
    /// As [`AnnotationTask::avg_ao`].
    pub fn kappa(&self) -> Result<f64> {
        self.pairwise_average(|a, b| chance_corrected(self.ao_idx(a, b)?, self.ae_kappa_idx(a, b)))
    }

    /// Davies and Fleiss' multi-kappa.
    ///
    /// # Errors
    /// As [`AnnotationTask::avg_ao`].
    pub fn multi_kappa(&self) -> Result<f64> {
        let ae = self.pairwise_average(|a, b| Ok(self.ae_kappa_idx(a, b)))?;
        chance_corrected(self.avg_ao()?, ae)
    }

    /// NLTK's `Disagreement` over label counts (in first-seen label order).
    fn disagreement(&self, freq: &[(usize, u64)]) -> Result<f64> {
        let total: u64 = freq.iter().map(|&(_, n)| n).sum();
        let mut pairs = 0.0;
        for &(j, nj) in freq {
            for &(l, nl) in freq {
                pairs += (nj * nl) as f64 * self.dist(l, j);
            }
        }
        let denom = (total * total.saturating_sub(1)) as f64;
        if denom == 0.0 {
            return Err(Error::InvalidInput(
                "alpha: division by zero (too few labels)".into(),
            ));
        }
        Ok(pairs / denom)
    }

    /// Krippendorff's alpha (items labelled by fewer than two coders are
    /// left out).
    ///
    /// # Errors
    /// No data, one coder and one item, or an expected disagreement of 0.
    pub fn alpha(&self) -> Result<f64> {
        if self.labels.is_empty() {
            return Err(Error::InvalidInput(
                "Cannot calculate alpha, no data present!".into(),
            ));
        }
        if self.labels.len() == 1 {
            return Ok(1.0);
        }
        if self.coders.len() == 1 && self.items.len() == 1 {
            return Err(Error::InvalidInput(
                "Cannot calculate alpha, only one coder and item present!".into(),
            ));
        }
        let mut all: Vec<(usize, u64)> = Vec::new();
        let mut total_do = 0.0;
        for recs in self.grouped_by_item(None).values() {
            let mut freq: Vec<(usize, u64)> = Vec::new();
            for r in recs {
                match freq.iter_mut().find(|(l, _)| *l == r.label) {
                    Some(e) => e.1 += 1,
                    None => freq.push((r.label, 1)),
                }
            }
            let n = recs.len() as u64;
            if n < 2 {
                continue;
            }
            for &(l, c) in &freq {
                match all.iter_mut().find(|(x, _)| *x == l) {
                    Some(e) => e.1 += c,
                    None => all.push((l, c)),
                }
            }
            total_do += self.disagreement(&freq)? * n as f64;
        }
        if all.len() == 1 {
            return Ok(1.0);
        }
        let n_all: u64 = all.iter().map(|&(_, c)| c).sum();
        if n_all == 0 {
            return Err(Error::InvalidInput(
                "alpha: no item has two labels (division by zero)".into(),
            ));
        }
        let d_o = total_do / n_all as f64;
        let d_e = self.disagreement(&all)?;
        if d_e == 0.0 {
            return Err(Error::InvalidInput(
                "alpha: expected disagreement is 0 (division by zero)".into(),
            ));
        }
        Ok(1.0 - d_o / d_e)
    }

    fn do_kw_idx(&self, a: usize, b: usize, max_distance: f64) -> Result<f64> {
        let mut total = 0.0;
        for (item, recs) in self.grouped_by_item(Some((a, b))) {
            let (Some(x), Some(y)) = (recs.first(), recs.get(1)) else {
                return Err(Error::InvalidInput(format!(
                    "item `{item}` lacks a second label"
                )));
            };
            total += self.dist(x.label, y.label);
        }
        Ok(total / (self.items.len() as f64 * max_distance))
    }

    /// Cohen's weighted kappa averaged over coder pairs.
    ///
    /// # Errors
    /// As [`AnnotationTask::avg_ao`].
    pub fn weighted_kappa(&self, max_distance: f64) -> Result<f64> {
        self.pairwise_average(|a, b| {
            let mut fa = vec![0u64; self.labels.len()];
            let mut fb = vec![0u64; self.labels.len()];
            for r in &self.data {
                if r.coder == a {
                    fa[r.label] += 1;
                }
                if r.coder == b {
                    fb[r.label] += 1;
                }
            }
            let mut total = 0.0;
            for (j, &nj) in fa.iter().enumerate() {
                for (l, &nl) in fb.iter().enumerate() {
                    total += (nj * nl) as f64 * self.dist(j, l);
                }
            }
            let n = self.items.len() as f64;
            let de = total / (max_distance * n * n);
            if de == 0.0 {
                return Err(Error::InvalidInput(
                    "weighted kappa: expected disagreement is 0 (division by zero)".into(),
                ));
            }
            let d_o = self.do_kw_idx(a, b, max_distance)?;
            Ok(1.0 - d_o / de)
        })
    }

    /// The coders, in first-seen order.
    pub fn coders(&self) -> &[String] {
        &self.coders
    }

    /// The items, in first-seen order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// The distinct labels, in first-seen order.
    pub fn labels(&self) -> &[L] {
        &self.labels
    }
}
