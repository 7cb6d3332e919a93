//! NLTK's `MaxentClassifier` (`nltk.classify.maxent`), trained with
//! Generalized Iterative Scaling (`GIS`, over NLTK's `GISEncoding`) or
//! Improved Iterative Scaling (`IIS`, NLTK's default, over
//! `BinaryMaxentFeatureEncoding`), with NLTK's cutoffs (`max_iter`,
//! default 100; `min_ll`; `min_lldelta`) and its stop on a NaN log
//! likelihood. Every iteration does NLTK's floating-point operations in
//! NLTK's order (numpy's sequential column sums and pairwise vector sums,
//! Python's set order of the IIS `nf` values), so weights and
//! probabilities agree with NLTK to the last bits or nearly.
//!
//! Differences from NLTK: labels are in order of first occurrence (NLTK:
//! Python set order, which varies between runs; the probabilities differ
//! at most in the last bits); no tracing output; the external `megam` and
//! `tadm` trainers are not provided. With unseen-value features, NLTK
//! 3.10.4 on numpy 2 fails (`numpy.NINF` is gone); here the never-seen
//! features get weight `-inf` as NLTK intends.

use super::maxent_encoding::{BinaryMaxentFeatureEncoding, Slot};
use super::value::FeatureSet;
use super::{normalize_logs, ClassifierI, LabelProbDist};
use crate::lm::py_pow2;
use crate::{Error, Result};

/// The training algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxentAlgorithm {
    /// Generalized Iterative Scaling (NLTK's `"GIS"`).
    Gis,
    /// Improved Iterative Scaling (NLTK's `"IIS"`, its default).
    Iis,
}

/// Training options: NLTK's cutoffs and the encoding's options.
#[derive(Debug, Clone, PartialEq)]
pub struct MaxentOptions {
    /// Stop after this many iterations (NLTK's `max_iter`, default 100;
    /// as in NLTK, `max_iter` = n gives n - 1 weight updates, at least 1).
    pub max_iter: usize,
    /// Stop once the average log likelihood is at least this (NLTK's
    /// `min_ll`, compared as given).
    pub min_ll: Option<f64>,
    /// Stop once an iteration improves the log likelihood by at most
    /// this (NLTK's `min_lldelta`).
    pub min_lldelta: Option<f64>,
    /// The encoding's `unseen_features`.
    pub unseen_features: bool,
    /// The encoding's `alwayson_features`.
    pub alwayson_features: bool,
}

impl Default for MaxentOptions {
    fn default() -> Self {
        MaxentOptions {
            max_iter: 100,
            min_ll: None,
            min_lldelta: None,
            unseen_features: false,
            alwayson_features: false,
        }
    }
}

/// Which weights `show_most_informative_features` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowWeights {
    /// All (NLTK's `show="all"`).
    All,
    /// Positive only (`show="pos"`).
    Pos,
    /// Negative only (`show="neg"`).
    Neg,
}

/// NLTK's `MaxentClassifier` (see the module docs).
///
/// # Example
/// ```
/// use nlkit::classify::{ClassifierI, FeatureSet, MaxentAlgorithm, MaxentClassifier, MaxentOptions};
/// let fs = |l: &str| FeatureSet::from_iter([("last_letter", l)]);
/// let train = vec![(fs("a"), "female".to_string()), (fs("k"), "male".to_string()), (fs("a"), "female".to_string())];
/// let opts = MaxentOptions { max_iter: 10, ..Default::default() };
/// let me = MaxentClassifier::train(&train, MaxentAlgorithm::Gis, &opts).unwrap();
/// assert_eq!(me.classify(&fs("k")).unwrap(), "male");
/// assert!(me.prob_classify(&fs("a")).unwrap().prob("female") > 0.5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MaxentClassifier {
    pub(crate) encoding: BinaryMaxentFeatureEncoding,
    pub(crate) weights: Vec<f64>,
}

/// NLTK's `CutoffChecker` for the cutoffs above.
struct Cutoffs<'a> {
    opts: &'a MaxentOptions,
    iter: usize,
    ll: Option<f64>,
}

impl Cutoffs<'_> {
    /// `check`: true to stop. `ll` computes the log likelihood.
    fn check(&mut self, ll: impl FnOnce() -> Result<f64>) -> Result<bool> {
        self.iter += 1;
        if self.iter >= self.opts.max_iter {
            return Ok(true);
        }
        let new_ll = ll()?;
        if new_ll.is_nan() {
            return Ok(true);
        }
        if self.opts.min_ll.is_some() || self.opts.min_lldelta.is_some() {
            if self.opts.min_ll.is_some_and(|m| new_ll >= m) {
                return Ok(true);
            }
            if let (Some(d), Some(old)) = (self.opts.min_lldelta, self.ll) {
                // Python's `self.ll and ...`: 0.0 is false
                if old != 0.0 && new_ll - old <= d.abs() {
                    return Ok(true);
                }
            }
            self.ll = Some(new_ll);
        }
        Ok(false)
    }
}

/// Training state shared by GIS and IIS: the examples as slots, their
/// label ids, and each example's label probabilities under the current
/// weights.
struct Trainer<'a> {
    enc: &'a BinaryMaxentFeatureEncoding,
    toks: Vec<(Vec<Slot>, usize)>,
    buf: Vec<(u32, i64)>,
}

impl Trainer<'_> {
    fn nl(&self) -> usize {
        self.enc.labels.len()
    }

    /// NLTK's `prob_classify(tok).prob(label)` for every example and label.
    fn probs(&mut self, weights: &[f64]) -> Result<Vec<f64>> {
        let nl = self.nl();
        let mut out = Vec::with_capacity(self.toks.len() * nl);
        let mut logs = vec![0.0; nl];
        for (slots, _) in &self.toks {
            for (l, lp) in logs.iter_mut().enumerate() {
                self.enc.encode_slots(slots, l, &mut self.buf)?;
                *lp = dot(weights, &self.buf);
            }
            normalize_logs(&mut logs);
            out.extend(logs.iter().map(|&x| py_pow2(x)));
        }
        Ok(out)
    }

    /// NLTK's `calculate_empirical_fcount`.
    fn empirical_fcount(&mut self) -> Result<Vec<f64>> {
        let mut fcount = vec![0.0; self.enc.length()];
        for (slots, label) in &self.toks {
            self.enc.encode_slots(slots, *label, &mut self.buf)?;
            for &(fid, v) in &self.buf {
                fcount[fid as usize] += v as f64;
            }
        }
        Ok(fcount)
    }

    /// NLTK's `log_likelihood(classifier, train_toks)` from the
    /// probabilities.
    fn log_likelihood(&self, probs: &[f64]) -> Result<f64> {
        let nl = self.nl();
        let mut sum = 0.0;
        for (i, (_, label)) in self.toks.iter().enumerate() {
            sum += probs[i * nl + label];
        }
        let mean = sum / self.toks.len() as f64;
        if mean == 0.0 {
            return Err(Error::InvalidInput(
                "maxent training: every example's label has probability 0 (NLTK raises a math domain error)"
                    .into(),
            ));
        }
        Ok(mean.ln())
    }
}

fn dot(weights: &[f64], v: &[(u32, i64)]) -> f64 {
    let mut total = 0.0;
    for &(fid, val) in v {
        total += weights[fid as usize] * val as f64;
    }
    total
}

impl MaxentClassifier {
    /// NLTK's `MaxentClassifier.train(train_toks, algorithm, trace=0,
    /// **cutoffs)` (with `encoding=GISEncoding.train(...)` or
    /// `BinaryMaxentFeatureEncoding.train(...)` given the options'
    /// `unseen_features` / `alwayson_features`, both false by default as in
    /// NLTK).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no examples, or a log likelihood of
    /// `log(0)` (where NLTK raises).
    pub fn train(
        labeled: &[(FeatureSet, String)],
        algorithm: MaxentAlgorithm,
        opts: &MaxentOptions,
    ) -> Result<Self> {
        let enc = BinaryMaxentFeatureEncoding::train(
            labeled,
            opts.unseen_features,
            opts.alwayson_features,
            algorithm == MaxentAlgorithm::Gis,
        )?;
        let weights = {
            let label_ids: rustc_hash::FxHashMap<&str, usize> = enc
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.as_str(), i))
                .collect();
            let toks = labeled
                .iter()
                .map(|(fs, l)| {
                    (
                        enc.slots(fs),
                        label_ids.get(l.as_str()).copied().unwrap_or(0),
                    )
                })
                .collect();
            let mut t = Trainer {
                enc: &enc,
                toks,
                buf: Vec::new(),
            };
            match algorithm {
                MaxentAlgorithm::Gis => train_gis(&mut t, opts)?,
                MaxentAlgorithm::Iis => train_iis(&mut t, opts)?,
            }
        };
        Ok(MaxentClassifier {
            encoding: enc,
            weights,
        })
    }

    /// The encoding.
    pub fn encoding(&self) -> &BinaryMaxentFeatureEncoding {
        &self.encoding
    }

    /// NLTK's `weights()`: one weight per joint-feature.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// NLTK's `set_weights`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the length is not the encoding's.
    pub fn set_weights(&mut self, weights: Vec<f64>) -> Result<()> {
        if weights.len() != self.encoding.length() {
            return Err(Error::InvalidInput(format!(
                "{} weights for an encoding of length {}",
                weights.len(),
                self.encoding.length()
            )));
        }
        self.weights = weights;
        Ok(())
    }

    /// NLTK's `most_informative_features(n)`: joint-feature ids by
    /// decreasing absolute weight (ties: by id); `None`: all.
    pub fn most_informative_features(&self, n: Option<usize>) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.weights.len()).collect();
        ids.sort_by(|&a, &b| {
            self.weights[b]
                .abs()
                .partial_cmp(&self.weights[a].abs())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        ids.truncate(n.unwrap_or(usize::MAX));
        ids
    }

    /// The text NLTK's `show_most_informative_features(n, show)` prints:
    /// `{weight:8.3f} {describe(fid)}` per line.
    ///
    /// # Example
    /// ```
    /// use nlkit::classify::{FeatureSet, MaxentAlgorithm, MaxentClassifier, MaxentOptions, ShowWeights};
    /// let fs = |l: &str| FeatureSet::from_iter([("last_letter", l)]);
    /// let train = vec![(fs("a"), "female".to_string()), (fs("k"), "male".to_string())];
    /// let opts = MaxentOptions { max_iter: 2, ..Default::default() };
    /// let me = MaxentClassifier::train(&train, MaxentAlgorithm::Iis, &opts).unwrap();
    /// let text = me.show_most_informative_features(1, ShowWeights::All);
    /// assert!(text.ends_with(" last_letter=='a' and label is 'female'\n"));
    /// ```
    pub fn show_most_informative_features(&self, n: usize, show: ShowWeights) -> String {
        let mut out = String::new();
        let fids = self
            .most_informative_features(None)
            .into_iter()
            .filter(|&f| match show {
                ShowWeights::All => true,
                ShowWeights::Pos => self.weights[f] > 0.0,
                ShowWeights::Neg => self.weights[f] < 0.0,
            })
            .take(n);
        for fid in fids {
            let descr = self.encoding.describe(fid).unwrap_or_default();
            out.push_str(&format!("{} {descr}\n", py_fixed(self.weights[fid], 8, 3)));
        }
        out
    }
}

/// Python's `f"{x:{width}.{prec}f}"` (`inf`, `nan` as Python spells them).
pub(crate) fn py_fixed(x: f64, width: usize, prec: usize) -> String {
    let s = if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{x:.prec$}")
    };
    format!("{s:>width$}")
}

/// NLTK's `train_maxent_classifier_with_gis`.
fn train_gis(t: &mut Trainer, opts: &MaxentOptions) -> Result<Vec<f64>> {
    let c = t.enc.correction.unwrap_or(1);
    let cinv = 1.0 / c as f64;
    let empirical = t.empirical_fcount()?;
    let unattested: Vec<usize> = (0..empirical.len())
        .filter(|&i| empirical[i] == 0.0)
        .collect();
    let mut weights = vec![0.0; empirical.len()];
    for &f in &unattested {
        weights[f] = f64::NEG_INFINITY;
    }
    let log_empirical: Vec<f64> = empirical.iter().map(|&x| x.log2()).collect();
    let mut cut = Cutoffs {
        opts,
        iter: 1,
        ll: None,
    };
    let nl = t.nl();
    let mut probs = t.probs(&weights)?;
    loop {
        let mut estimated = vec![0.0; weights.len()];
        for i in 0..t.toks.len() {
            for l in 0..nl {
                let p = probs[i * nl + l];
                t.enc.encode_slots(&t.toks[i].0, l, &mut t.buf)?;
                for &(fid, v) in &t.buf {
                    estimated[fid as usize] += p * v as f64;
                }
            }
        }
        for &f in &unattested {
            estimated[f] += 1.0;
        }
        for (w, (le, est)) in weights.iter_mut().zip(log_empirical.iter().zip(&estimated)) {
            *w += (le - est.log2()) * cinv;
        }
        probs = t.probs(&weights)?;
        if cut.check(|| t.log_likelihood(&probs))? {
            break;
        }
    }
    Ok(weights)
}

/// NLTK's `train_maxent_classifier_with_iis`.
fn train_iis(t: &mut Trainer, opts: &MaxentOptions) -> Result<Vec<f64>> {
    let n = t.toks.len() as f64;
    let empirical_ffreq: Vec<f64> = t.empirical_fcount()?.iter().map(|&x| x / n).collect();
    let nl = t.nl();
    // nf of each (example, label): the sum of its vector's values
    let mut nfs: Vec<u64> = Vec::with_capacity(t.toks.len() * nl);
    for i in 0..t.toks.len() {
        for l in 0..nl {
            t.enc.encode_slots(&t.toks[i].0, l, &mut t.buf)?;
            nfs.push(t.buf.iter().map(|e| e.1 as u64).sum());
        }
    }
    let nfarray: Vec<u64> = python_int_set_order(&nfs);
    let nfmap: rustc_hash::FxHashMap<u64, usize> =
        nfarray.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let nf_rows: Vec<usize> = nfs.iter().map(|v| nfmap[v]).collect();
    let nfarray: Vec<f64> = nfarray.iter().map(|&v| v as f64).collect();
    let unattested: Vec<usize> = (0..empirical_ffreq.len())
        .filter(|&i| empirical_ffreq[i] == 0.0)
        .collect();
    let mut weights = vec![0.0; empirical_ffreq.len()];
    for &f in &unattested {
        weights[f] = f64::NEG_INFINITY;
    }
    let mut cut = Cutoffs {
        opts,
        iter: 1,
        ll: None,
    };
    let mut probs = t.probs(&weights)?;
    loop {
        let deltas = iis_deltas(t, &probs, &nf_rows, &nfarray, &unattested, &empirical_ffreq)?;
        for (w, d) in weights.iter_mut().zip(&deltas) {
            *w += d;
        }
        probs = t.probs(&weights)?;
        if cut.check(|| t.log_likelihood(&probs))? {
            break;
        }
    }
    Ok(weights)
}

/// NLTK's `calculate_deltas`: Newton's method on each weight's update.
fn iis_deltas(
    t: &mut Trainer,
    probs: &[f64],
    nf_rows: &[usize],
    nfarray: &[f64],
    unattested: &[usize],
    ffreq: &[f64],
) -> Result<Vec<f64>> {
    const NEWTON_CONVERGE: f64 = 1e-12;
    const MAX_NEWTON: usize = 300;
    let len = ffreq.len();
    let nl = t.nl();
    let k = nfarray.len();
    let mut a = vec![0.0; k * len];
    for i in 0..t.toks.len() {
        for l in 0..nl {
            let p = probs[i * nl + l];
            let row = nf_rows[i * nl + l];
            t.enc.encode_slots(&t.toks[i].0, l, &mut t.buf)?;
            for &(fid, v) in &t.buf {
                a[row * len + fid as usize] += p * v as f64;
            }
        }
    }
    let n = t.toks.len() as f64;
    a.iter_mut().for_each(|x| *x /= n);
    let mut deltas = vec![1.0; len];
    let mut sum1 = vec![0.0; len];
    let mut sum2 = vec![0.0; len];
    let mut resid = vec![0.0; len];
    for _ in 0..MAX_NEWTON {
        for j in 0..len {
            let (mut s1, mut s2) = (0.0, 0.0);
            for (r, &nf) in nfarray.iter().enumerate() {
                let e = py_pow2(nf * deltas[j]);
                let x = a[r * len + j];
                if r == 0 {
                    s1 = e * x;
                    s2 = nf * e * x;
                } else {
                    s1 += e * x;
                    s2 += nf * e * x;
                }
            }
            sum1[j] = s1;
            sum2[j] = s2;
        }
        for &f in unattested {
            sum2[f] += 1.0;
        }
        for j in 0..len {
            resid[j] = (ffreq[j] - sum1[j]).abs();
            deltas[j] -= (ffreq[j] - sum1[j]) / -sum2[j];
        }
        let abs_deltas: Vec<f64> = deltas.iter().map(|d| d.abs()).collect();
        let n_error = numpy_sum(&resid) / numpy_sum(&abs_deltas);
        if n_error < NEWTON_CONVERGE {
            return Ok(deltas);
        }
    }
    Ok(deltas)
}

/// `numpy.sum` of a contiguous float64 vector: `0.0 +` numpy's pairwise
/// summation (blocks of 128, eight accumulators).
pub(crate) fn numpy_sum(a: &[f64]) -> f64 {
    fn pairwise(a: &[f64]) -> f64 {
        let n = a.len();
        if n < 8 {
            let mut res = 0.0;
            for &x in a {
                res += x;
            }
            res
        } else if n <= 128 {
            let mut r = [0.0f64; 8];
            r.copy_from_slice(&a[..8]);
            let mut i = 8;
            while i < n - (n % 8) {
                for j in 0..8 {
                    r[j] += a[i + j];
                }
                i += 8;
            }
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            while i < n {
                res += a[i];
                i += 1;
            }
            res
        } else {
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            pairwise(&a[..n2]) + pairwise(&a[n2..])
        }
    }
    0.0 + pairwise(a)
}

/// The distinct values of `items` in the order CPython 3.11 iterates a
/// `set` of non-negative ints built by adding them in this order (open
/// addressing with linear probes of 9 and perturbation; resize at 3/5
/// full to 4 times the used count).
pub(crate) fn python_int_set_order(items: &[u64]) -> Vec<u64> {
    const EMPTY: u64 = u64::MAX;
    fn insert_clean(table: &mut [u64], h: u64) {
        let mask = table.len() - 1;
        let mut perturb = h as usize;
        let mut i = h as usize & mask;
        loop {
            if table[i] == EMPTY {
                table[i] = h;
                return;
            }
            if i + 9 <= mask {
                for j in 1..=9 {
                    if table[i + j] == EMPTY {
                        table[i + j] = h;
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }
    let mut table = vec![EMPTY; 8];
    let mut fill = 0usize;
    for &h in items {
        let mask = table.len() - 1;
        let mut perturb = h as usize;
        let mut i = h as usize & mask;
        let inserted = 'probe: loop {
            let probes = if i + 9 <= mask { 9 } else { 0 };
            for slot in &mut table[i..=i + probes] {
                if *slot == EMPTY {
                    *slot = h;
                    break 'probe true;
                }
                if *slot == h {
                    break 'probe false;
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        };
        if !inserted {
            continue;
        }
        fill += 1;
        if fill * 5 < mask * 3 {
            continue;
        }
        let minused = if fill > 50000 { fill * 2 } else { fill * 4 };
        let mut size = 8;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut table, vec![EMPTY; size]);
        for e in old.into_iter().filter(|&e| e != EMPTY) {
            insert_clean(&mut table, e);
        }
    }
    table.into_iter().filter(|&e| e != EMPTY).collect()
}

impl ClassifierI for MaxentClassifier {
    fn labels(&self) -> &[String] {
        &self.encoding.labels
    }

    /// NLTK's `prob_classify`: per label, the sum of weight × value over
    /// the encoded vector, as base-2 log-probabilities, normalized.
    fn prob_classify(&self, featureset: &FeatureSet) -> Result<LabelProbDist> {
        let slots = self.encoding.slots(featureset);
        let mut buf = Vec::new();
        let mut logs = Vec::with_capacity(self.encoding.labels.len());
        for l in 0..self.encoding.labels.len() {
            self.encoding.encode_slots(&slots, l, &mut buf)?;
            logs.push(dot(&self.weights, &buf));
        }
        Ok(LabelProbDist::from_logs(
            self.encoding.labels.clone(),
            logs,
            true,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_order_like_cpython() {
        // list({x for x in ...}) in CPython 3.11
        assert_eq!(
            python_int_set_order(&[2000, 1999, 1998]),
            [2000, 1998, 1999]
        );
        assert_eq!(python_int_set_order(&[1, 0, 1, 9]), [0, 1, 9]);
        assert_eq!(python_int_set_order(&[]), Vec::<u64>::new());
    }

    #[test]
    fn numpy_sum_small_and_blocked() {
        assert_eq!(numpy_sum(&[]), 0.0);
        assert_eq!(numpy_sum(&[1.0, 2.0]), 3.0);
        let v: Vec<f64> = (0..300).map(|i| i as f64 * 0.1).collect();
        assert!((numpy_sum(&v) - 4485.0).abs() < 1e-9);
    }

    #[test]
    fn max_iter_zero_is_one_update() {
        let fs = |l: &str| FeatureSet::from_iter([("x", l)]);
        let train = vec![(fs("a"), "p".to_string()), (fs("b"), "q".to_string())];
        let o = MaxentOptions {
            max_iter: 0,
            ..Default::default()
        };
        let me = MaxentClassifier::train(&train, MaxentAlgorithm::Gis, &o).unwrap();
        assert!(me.weights().iter().any(|&w| w != 0.0));
    }
}
