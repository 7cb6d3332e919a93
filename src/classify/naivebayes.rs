//! NLTK's `NaiveBayesClassifier`, trained with NLTK's default estimator
//! (`ELEProbDist`: Lidstone with gamma 0.5) and scored with the same
//! floating-point operations.

use rustc_hash::FxHashMap;

use super::value::{FeatureSet, FeatureValue, ValueKey};
use super::{ClassifierI, LabelProbDist};
use crate::lm::log_base2;
use crate::{Error, Result};

/// Counts of one (label, feature name): value id → count, and N.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Dist {
    /// (value id, count, id of the value's first form in this
    /// distribution), in first-seen order.
    pub(crate) counts: Vec<(u32, u64, u32)>,
    pub(crate) n: u64,
}

impl Dist {
    fn add(&mut self, v: u32, c: u64, form: u32) {
        match self.counts.iter_mut().find(|e| e.0 == v) {
            Some(e) => e.1 += c,
            None => self.counts.push((v, c, form)),
        }
        self.n += c;
    }

    fn count(&self, v: u32) -> u64 {
        self.counts.iter().find(|e| e.0 == v).map_or(0, |e| e.1)
    }
}

/// NLTK's `NaiveBayesClassifier` (see the module docs).
///
/// # Example
/// ```
/// use nlkit::classify::{ClassifierI, FeatureSet, NaiveBayesClassifier};
/// let fs = |l: &str| FeatureSet::from_iter([("last_letter", l)]);
/// let train = vec![(fs("a"), "female".to_string()), (fs("k"), "male".to_string()), (fs("a"), "female".to_string())];
/// let nb = NaiveBayesClassifier::train(&train).unwrap();
/// assert_eq!(nb.classify(&fs("a")).unwrap(), "female");
/// let p = nb.prob_classify(&fs("k")).unwrap();
/// assert!(p.prob("male") > 0.5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NaiveBayesClassifier {
    pub(crate) labels: Vec<String>,
    pub(crate) label_counts: Vec<u64>,
    pub(crate) fnames: Vec<String>,
    fname_index: FxHashMap<String, u32>,
    /// Every distinct form of a value seen (`True`, `1` and `1.0` are
    /// three forms of one value); id 0 is None.
    pub(crate) values: Vec<FeatureValue>,
    /// A value (Python equality) → the id of its first form.
    value_index: FxHashMap<ValueKey, u32>,
    /// dists[label * fnames + fname].
    pub(crate) dists: Vec<Dist>,
    /// Indexes of `dists` in the order NLTK's dict holds them (first
    /// occurrence in training; the rest after, label by label).
    pub(crate) dist_order: Vec<u32>,
    /// Distinct values per feature name (ELE's bins).
    pub(crate) bins: Vec<u64>,
}

impl NaiveBayesClassifier {
    /// NLTK's `NaiveBayesClassifier.train(labeled_featuresets)`: counts
    /// label frequencies and, per label and feature name, value
    /// frequencies; a feature missing from an example counts as value
    /// `None`; every distribution is estimated with `ELEProbDist`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no training examples (NLTK fails later,
    /// at classification).
    pub fn train(labeled: &[(FeatureSet, String)]) -> Result<Self> {
        Self::train_iter(labeled.iter().map(|(f, l)| (f, l.as_str())))
    }

    /// [`NaiveBayesClassifier::train`] over borrowed examples.
    ///
    /// # Errors
    /// As [`NaiveBayesClassifier::train`].
    pub fn train_iter<'a>(
        labeled: impl IntoIterator<Item = (&'a FeatureSet, &'a str)>,
    ) -> Result<Self> {
        let mut nb = NaiveBayesClassifier {
            labels: Vec::new(),
            label_counts: Vec::new(),
            fnames: Vec::new(),
            fname_index: FxHashMap::default(),
            values: vec![FeatureValue::None],
            value_index: FxHashMap::default(),
            dists: Vec::new(),
            dist_order: Vec::new(),
            bins: Vec::new(),
        };
        nb.value_index.insert(ValueKey::None, 0);
        let mut forms: FxHashMap<FormKey, u32> = FxHashMap::default();
        forms.insert(FormKey::of(&FeatureValue::None), 0);
        let mut strs: FxHashMap<String, u32> = FxHashMap::default();
        let mut first_order: Vec<(u32, u32)> = Vec::new();
        let mut label_index: FxHashMap<String, u32> = FxHashMap::default();
        // slots[fid][lid]: index into raw_dists (u32::MAX: none yet)
        let mut slots: Vec<Vec<u32>> = Vec::new();
        let mut raw_dists: Vec<Dist> = Vec::new();
        // (form, value id) of None, False, True once seen
        let mut small: [Option<(u32, u32)>; 3] = [None; 3];
        for (fs, label) in labeled {
            let lid = match label_index.get(label) {
                Some(&l) => l,
                None => {
                    let l = nb.labels.len() as u32;
                    nb.labels.push(label.to_string());
                    nb.label_counts.push(0);
                    label_index.insert(label.to_string(), l);
                    l
                }
            };
            nb.label_counts[lid as usize] += 1;
            for (name, value) in fs.iter() {
                let fid = match nb.fname_index.get(name) {
                    Some(&f) => f,
                    None => {
                        let f = nb.fnames.len() as u32;
                        nb.fnames.push(name.to_string());
                        nb.fname_index.insert(name.to_string(), f);
                        slots.push(Vec::new());
                        f
                    }
                };
                // a string equals only itself: its first form is its value id
                let small_slot = match value {
                    FeatureValue::None => Some(0),
                    FeatureValue::Bool(b) => Some(1 + *b as usize),
                    _ => None,
                };
                let cached = small_slot.and_then(|i| small[i]);
                let (form, vid) = match (cached, value) {
                    (Some(ids), _) => ids,
                    (None, FeatureValue::Str(s)) => match strs.get(s.as_str()) {
                        Some(&v) => (v, v),
                        None => {
                            let v = nb.values.len() as u32;
                            nb.values.push(value.clone());
                            strs.insert(s.clone(), v);
                            nb.value_index.insert(value.key(), v);
                            (v, v)
                        }
                    },
                    (None, _) => {
                        let form = *forms.entry(FormKey::of(value)).or_insert_with(|| {
                            nb.values.push(value.clone());
                            nb.values.len() as u32 - 1
                        });
                        let ids = (form, *nb.value_index.entry(value.key()).or_insert(form));
                        if let Some(i) = small_slot {
                            small[i] = Some(ids);
                        }
                        ids
                    }
                };
                let row = &mut slots[fid as usize];
                if row.len() <= lid as usize {
                    row.resize(lid as usize + 1, u32::MAX);
                }
                if row[lid as usize] == u32::MAX {
                    row[lid as usize] = raw_dists.len() as u32;
                    raw_dists.push(Dist::default());
                    first_order.push((lid, fid));
                }
                raw_dists[row[lid as usize] as usize].add(vid, 1, form);
            }
        }
        if nb.labels.is_empty() {
            return Err(Error::InvalidInput(
                "cannot train a classifier on no examples".into(),
            ));
        }
        let nf = nb.fnames.len();
        nb.dists = vec![Dist::default(); nb.labels.len() * nf];
        let mut seen = vec![false; nb.dists.len()];
        for &(l, f) in &first_order {
            let i = l as usize * nf + f as usize;
            seen[i] = true;
            nb.dist_order.push(i as u32);
        }
        for (i, s) in seen.iter().enumerate() {
            if !s {
                nb.dist_order.push(i as u32);
            }
        }
        for (d, &(l, f)) in raw_dists.into_iter().zip(&first_order) {
            nb.dists[l as usize * nf + f as usize] = d;
        }
        for (l, &num) in nb.label_counts.iter().enumerate() {
            for f in 0..nf {
                let d = &mut nb.dists[l * nf + f];
                if num > d.n {
                    d.add(0, num - d.n, 0);
                }
            }
        }
        // NLTK's feature_values[fname]: every value seen with the name
        // (None included where some label lacked it).
        let mut fvalues: Vec<rustc_hash::FxHashSet<u32>> = vec![Default::default(); nf];
        for (i, d) in nb.dists.iter().enumerate() {
            fvalues[i % nf.max(1)].extend(d.counts.iter().map(|e| e.0));
        }
        nb.bins = fvalues.iter().map(|v| v.len() as u64).collect();
        Ok(nb)
    }

    /// Rebuilds a classifier from saved parts, checking every id.
    pub(crate) fn from_parts(
        labels: Vec<String>,
        label_counts: Vec<u64>,
        fnames: Vec<String>,
        values: Vec<FeatureValue>,
        dists: Vec<Dist>,
        dist_order: Vec<u32>,
        bins: Vec<u64>,
    ) -> Result<Self> {
        let bad = |m: &str| Error::Model(format!("naive Bayes model: {m}"));
        if labels.is_empty()
            || labels.len() != label_counts.len()
            || fnames.len() != bins.len()
            || dists.len() != labels.len().saturating_mul(fnames.len())
            || values.first() != Some(&FeatureValue::None)
        {
            return Err(bad("inconsistent tables"));
        }
        if dists.iter().any(|d| {
            d.counts
                .iter()
                .any(|&(v, _, f)| v as usize >= values.len() || f as usize >= values.len())
        }) {
            return Err(bad("a count refers to an unknown value"));
        }
        let mut order_seen = vec![false; dists.len()];
        for &i in &dist_order {
            match order_seen.get_mut(i as usize) {
                Some(s) if !*s => *s = true,
                _ => return Err(bad("bad distribution order")),
            }
        }
        if dist_order.len() != dists.len() {
            return Err(bad("bad distribution order"));
        }
        let mut fname_index = FxHashMap::default();
        for (i, f) in fnames.iter().enumerate() {
            if fname_index.insert(f.clone(), i as u32).is_some() {
                return Err(bad("a feature name is listed twice"));
            }
        }
        let mut value_index = FxHashMap::default();
        for (i, v) in values.iter().enumerate() {
            value_index.entry(v.key()).or_insert(i as u32);
        }
        if dists.iter().any(|d| {
            d.counts
                .iter()
                .any(|&(v, _, _)| value_index.get(&values[v as usize].key()) != Some(&v))
        }) {
            return Err(bad("a count refers to a value by a later form"));
        }
        Ok(NaiveBayesClassifier {
            labels,
            label_counts,
            fnames,
            fname_index,
            values,
            value_index,
            dists,
            dist_order,
            bins,
        })
    }

    fn dist(&self, label: usize, fname: usize) -> &Dist {
        &self.dists[label * self.fnames.len() + fname]
    }

    /// ELE's `prob`: `(c + 0.5) / (N + bins * 0.5)`.
    fn feature_prob(&self, label: usize, fname: usize, vid: Option<u32>) -> f64 {
        let d = self.dist(label, fname);
        let c = vid.map_or(0, |v| d.count(v));
        ele(c, d.n, self.bins[fname])
    }

    fn label_logprob(&self, label: usize) -> f64 {
        let n = self
            .label_counts
            .iter()
            .fold(0u64, |a, &c| a.saturating_add(c));
        log_base2(ele(self.label_counts[label], n, self.labels.len() as u64))
    }

    /// NLTK's `most_informative_features(n)`: (name, value) pairs ordered
    /// by the ratio of their smallest to largest probability over the
    /// labels that saw them, then by name, whether the value is
    /// None/False/True, and the value's lowercased text. (NLTK breaks
    /// complete ties by set order, which varies between runs; here by
    /// first occurrence.)
    pub fn most_informative_features(&self, n: usize) -> Vec<(&str, &FeatureValue)> {
        let nf = self.fnames.len().max(1);
        let mut order: Vec<(u32, u32)> = Vec::new();
        let mut stats: FxHashMap<(u32, u32), (f64, f64, u32)> = FxHashMap::default();
        for &i in &self.dist_order {
            let (l, f) = (i as usize / nf, i as usize % nf);
            let d = self.dist(l, f);
            for &(v, _, form) in &d.counts {
                let p = self.feature_prob(l, f, Some(v));
                let e = stats.entry((f as u32, v)).or_insert_with(|| {
                    order.push((f as u32, v));
                    (0.0, 1.0, form)
                });
                e.0 = if p > e.0 { p } else { e.0 };
                e.1 = if p < e.1 { p } else { e.1 };
            }
        }
        let mut feats: Vec<((u32, u32), f64, bool, String)> = order
            .into_iter()
            .filter(|k| stats[k].1 != 0.0)
            .map(|k| {
                let (max, min, form) = stats[&k];
                let v = &self.values[form as usize];
                (
                    (k.0, form),
                    min / max,
                    v.is_none_or_bool(),
                    v.to_string().to_lowercase(),
                )
            })
            .collect();
        feats.sort_by(|a, b| {
            a.1.partial_cmp(&b.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| self.fnames[a.0 .0 as usize].cmp(&self.fnames[b.0 .0 as usize]))
                .then_with(|| a.2.cmp(&b.2))
                .then_with(|| a.3.cmp(&b.3))
        });
        feats
            .into_iter()
            .take(n)
            .map(|((f, v), ..)| (self.fnames[f as usize].as_str(), &self.values[v as usize]))
            .collect()
    }

    /// The text NLTK's `show_most_informative_features(n)` prints (lines
    /// ending in `\n`).
    ///
    /// # Example
    /// ```
    /// use nlkit::classify::{FeatureSet, NaiveBayesClassifier};
    /// let fs = |l: &str| FeatureSet::from_iter([("last_letter", l)]);
    /// let train = vec![(fs("a"), "female".to_string()), (fs("k"), "male".to_string()), (fs("a"), "female".to_string()), (fs("a"), "male".to_string())];
    /// let nb = NaiveBayesClassifier::train(&train).unwrap();
    /// assert_eq!(
    ///     nb.show_most_informative_features(10),
    ///     "Most Informative Features\n             last_letter = 'a'            female : male   =      1.7 : 1.0\n"
    /// );
    /// ```
    pub fn show_most_informative_features(&self, n: usize) -> String {
        let mut out = String::from("Most Informative Features\n");
        for (fname, fval) in self.most_informative_features(n) {
            let Some(&f) = self.fname_index.get(fname) else {
                continue;
            };
            let f = f as usize;
            let vid = self.value_index.get(&fval.key()).copied();
            let mut labels: Vec<(usize, f64)> = (0..self.labels.len())
                .filter(|&l| vid.is_some_and(|v| self.dist(l, f).count(v) > 0))
                .map(|l| (l, self.feature_prob(l, f, vid)))
                .collect();
            if labels.len() == 1 {
                continue;
            }
            // sorted(key=(-p, label), reverse=True): ascending p, then label descending
            labels.sort_by(|a, b| {
                (-a.1)
                    .partial_cmp(&-b.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| self.labels[a.0].cmp(&self.labels[b.0]))
                    .reverse()
            });
            let (Some(&(l0, p0)), Some(&(l1, p1))) = (labels.first(), labels.last()) else {
                continue;
            };
            let ratio = if p0 == 0.0 {
                "INF".to_string()
            } else {
                format!("{:8.1}", p1 / p0)
            };
            let cut = |s: &str| s.chars().take(6).collect::<String>();
            out.push_str(&format!(
                "{} = {} {} : {} = {} : 1.0\n",
                pad_left(fname, 24),
                pad_right(&fval.repr(), 14),
                pad_left(&cut(&self.labels[l1]), 6),
                pad_right(&cut(&self.labels[l0]), 6),
                ratio
            ));
        }
        out
    }
}

fn pad_left(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

fn pad_right(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// `ELEProbDist.prob`: `(c + 0.5) / (N + bins * 0.5)`.
fn ele(c: u64, n: u64, bins: u64) -> f64 {
    let divisor = n as f64 + bins as f64 * 0.5;
    if divisor == 0.0 {
        return 0.0;
    }
    (c as f64 + 0.5) / divisor
}

impl ClassifierI for NaiveBayesClassifier {
    fn labels(&self) -> &[String] {
        &self.labels
    }

    /// NLTK's `prob_classify`: features never seen in training are
    /// dropped; each label's log-probability is its prior's plus each
    /// feature value's, in the feature set's order, normalized with
    /// `sum_logs`.
    fn prob_classify(&self, featureset: &FeatureSet) -> Result<LabelProbDist> {
        let feats: Vec<(usize, Option<u32>)> = featureset
            .iter()
            .filter_map(|(name, v)| {
                let f = *self.fname_index.get(name)? as usize;
                Some((f, self.value_index.get(&v.key()).copied()))
            })
            .collect();
        let mut logprob: Vec<f64> = (0..self.labels.len())
            .map(|l| self.label_logprob(l))
            .collect();
        for (l, lp) in logprob.iter_mut().enumerate() {
            for &(f, vid) in &feats {
                *lp += log_base2(self.feature_prob(l, f, vid));
            }
        }
        Ok(LabelProbDist::from_logs(self.labels.clone(), logprob, true))
    }
}

/// A value's exact form (`True`, `1` and `1.0` differ).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FormKey {
    None,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(String),
}

impl FormKey {
    fn of(v: &FeatureValue) -> Self {
        match v {
            FeatureValue::None => FormKey::None,
            FeatureValue::Bool(b) => FormKey::Bool(*b),
            FeatureValue::Int(i) => FormKey::Int(*i),
            FeatureValue::Float(f) => FormKey::Float(f.to_bits()),
            FeatureValue::Str(s) => FormKey::Str(s.clone()),
        }
    }
}
