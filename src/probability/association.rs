//! Association measures for collocations (NLTK's
//! `nltk.metrics.association`): the same formulas, evaluated in the same
//! order and with the same mix of integer and floating-point arithmetic as
//! NLTK, so scores match NLTK's bit for bit in practice.

use crate::{Error, Result};

/// NLTK's `_SMALL`, added to avoid division by zero and `log(0)`.
const SMALL: f64 = 1e-20;

/// Python's true division of two integers (correctly rounded when both fit
/// in 53 bits, as for any realistic corpus).
fn int_div(a: i128, b: i128) -> f64 {
    a as f64 / b as f64
}

/// The association measures that [`crate::probability::BigramCollocationFinder`]
/// and [`crate::probability::TrigramCollocationFinder`] can rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssocMeasure {
    /// `raw_freq`: n-gram count / total.
    RawFreq,
    /// `student_t`.
    StudentT,
    /// `chi_sq` (Pearson's chi-square).
    ChiSq,
    /// `pmi` (pointwise mutual information, base 2).
    Pmi,
    /// `likelihood_ratio` (Dunning's log-likelihood).
    LikelihoodRatio,
    /// `mi_like` with NLTK's default power 3.
    MiLike,
    /// `poisson_stirling`.
    PoissonStirling,
    /// `jaccard`.
    Jaccard,
    /// `dice` (bigrams only).
    Dice,
    /// `phi_sq` (bigrams only).
    PhiSq,
}

impl AssocMeasure {
    /// Names accepted by [`AssocMeasure::from_name`].
    pub const NAMES: &'static str =
        "raw_freq, student_t, chi_sq, pmi, likelihood_ratio, mi_like, poisson_stirling, jaccard, dice, phi_sq";

    /// The measure with NLTK's method name `name` (e.g. `likelihood_ratio`).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for an unknown name.
    ///
    /// # Example
    /// ```
    /// use nlkit::probability::AssocMeasure;
    /// assert_eq!(AssocMeasure::from_name("pmi").unwrap(), AssocMeasure::Pmi);
    /// assert!(AssocMeasure::from_name("nope").is_err());
    /// ```
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name {
            "raw_freq" => Self::RawFreq,
            "student_t" => Self::StudentT,
            "chi_sq" => Self::ChiSq,
            "pmi" => Self::Pmi,
            "likelihood_ratio" => Self::LikelihoodRatio,
            "mi_like" => Self::MiLike,
            "poisson_stirling" => Self::PoissonStirling,
            "jaccard" => Self::Jaccard,
            "dice" => Self::Dice,
            "phi_sq" => Self::PhiSq,
            _ => {
                return Err(Error::UnknownName {
                    kind: "association measure",
                    name: name.to_string(),
                    expected: Self::NAMES.to_string(),
                })
            }
        })
    }

    /// NLTK's method name.
    pub fn name(self) -> &'static str {
        match self {
            Self::RawFreq => "raw_freq",
            Self::StudentT => "student_t",
            Self::ChiSq => "chi_sq",
            Self::Pmi => "pmi",
            Self::LikelihoodRatio => "likelihood_ratio",
            Self::MiLike => "mi_like",
            Self::PoissonStirling => "poisson_stirling",
            Self::Jaccard => "jaccard",
            Self::Dice => "dice",
            Self::PhiSq => "phi_sq",
        }
    }
}

/// NLTK's `BigramAssocMeasures`. Arguments are NLTK's marginals: `n_ii` (the
/// bigram count, divided by `window_size - 1` as the finder does, hence a
/// float), `(n_ix, n_xi)` (the word counts) and `n_xx` (total words).
///
/// # Example
/// ```
/// use nlkit::probability::BigramAssocMeasures as M;
/// assert_eq!(M::raw_freq(2.0, (4, 5), 100), 0.02);
/// assert!((M::pmi(2.0, (4, 5), 100) - (200f64).log2() + (20f64).log2()).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct BigramAssocMeasures;

impl BigramAssocMeasures {
    fn contingency(n_ii: f64, (n_ix, n_xi): (u64, u64), n_xx: u64) -> [f64; 4] {
        let n_oi = n_xi as f64 - n_ii;
        let n_io = n_ix as f64 - n_ii;
        [n_ii, n_oi, n_io, n_xx as f64 - n_ii - n_oi - n_io]
    }

    fn expected(cont: &[f64; 4]) -> [f64; 4] {
        let n_xx = cont[0] + cont[1] + cont[2] + cont[3];
        let mut out = [0.0; 4];
        for (i, o) in out.iter_mut().enumerate() {
            *o = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / n_xx;
        }
        out
    }

    /// `raw_freq`.
    pub fn raw_freq(n_ii: f64, _n_ix_xi: (u64, u64), n_xx: u64) -> f64 {
        n_ii / n_xx as f64
    }

    /// `student_t`.
    pub fn student_t(n_ii: f64, (n_ix, n_xi): (u64, u64), n_xx: u64) -> f64 {
        (n_ii - int_div(n_ix as i128 * n_xi as i128, n_xx as i128)) / (n_ii + SMALL).powf(0.5)
    }

    /// `phi_sq`.
    pub fn phi_sq(n_ii: f64, n_ix_xi: (u64, u64), n_xx: u64) -> f64 {
        // NLTK unpacks the contingency (n_ii, n_oi, n_io, n_oo) into names
        // (n_ii, n_io, n_oi, n_oo); keep its operand order.
        let [a, b, c, d] = Self::contingency(n_ii, n_ix_xi, n_xx);
        (a * d - b * c).powf(2.0) / ((a + b) * (a + c) * (b + d) * (c + d))
    }

    /// `chi_sq` (= `n_xx * phi_sq` for bigrams).
    pub fn chi_sq(n_ii: f64, n_ix_xi: (u64, u64), n_xx: u64) -> f64 {
        n_xx as f64 * Self::phi_sq(n_ii, n_ix_xi, n_xx)
    }

    /// `pmi`.
    pub fn pmi(n_ii: f64, (n_ix, n_xi): (u64, u64), n_xx: u64) -> f64 {
        (n_ii * n_xx as f64).log2() - ((n_ix as i128 * n_xi as i128) as f64).log2()
    }

    /// `likelihood_ratio`.
    pub fn likelihood_ratio(n_ii: f64, n_ix_xi: (u64, u64), n_xx: u64) -> f64 {
        let cont = Self::contingency(n_ii, n_ix_xi, n_xx);
        let exp = Self::expected(&cont);
        let mut sum = 0.0;
        for (obs, e) in cont.iter().zip(exp) {
            sum += obs * (obs / (e + SMALL) + SMALL).ln();
        }
        2.0 * sum
    }

    /// `mi_like` with power 3.
    pub fn mi_like(n_ii: f64, (n_ix, n_xi): (u64, u64), _n_xx: u64) -> f64 {
        n_ii.powf(3.0) / (n_ix as i128 * n_xi as i128) as f64
    }

    /// `poisson_stirling`.
    pub fn poisson_stirling(n_ii: f64, (n_ix, n_xi): (u64, u64), n_xx: u64) -> f64 {
        let exp = int_div(n_ix as i128 * n_xi as i128, n_xx as i128);
        n_ii * ((n_ii / exp).log2() - 1.0)
    }

    /// `jaccard`.
    pub fn jaccard(n_ii: f64, n_ix_xi: (u64, u64), n_xx: u64) -> f64 {
        let c = Self::contingency(n_ii, n_ix_xi, n_xx);
        c[0] / (c[0] + c[1] + c[2])
    }

    /// `dice`.
    pub fn dice(n_ii: f64, (n_ix, n_xi): (u64, u64), _n_xx: u64) -> f64 {
        2.0 * n_ii / (n_ix + n_xi) as f64
    }

    /// Evaluates `measure`.
    pub fn score(measure: AssocMeasure, n_ii: f64, n_ix_xi: (u64, u64), n_xx: u64) -> f64 {
        let f = match measure {
            AssocMeasure::RawFreq => Self::raw_freq,
            AssocMeasure::StudentT => Self::student_t,
            AssocMeasure::ChiSq => Self::chi_sq,
            AssocMeasure::Pmi => Self::pmi,
            AssocMeasure::LikelihoodRatio => Self::likelihood_ratio,
            AssocMeasure::MiLike => Self::mi_like,
            AssocMeasure::PoissonStirling => Self::poisson_stirling,
            AssocMeasure::Jaccard => Self::jaccard,
            AssocMeasure::Dice => Self::dice,
            AssocMeasure::PhiSq => Self::phi_sq,
        };
        f(n_ii, n_ix_xi, n_xx)
    }
}

/// NLTK's `TrigramAssocMeasures`. Arguments are NLTK's marginals: `n_iii`,
/// `(n_iix, n_ixi, n_xii)`, `(n_ixx, n_xix, n_xxi)` and `n_xxx`.
///
/// # Example
/// ```
/// use nlkit::probability::TrigramAssocMeasures as M;
/// let s = M::raw_freq(3, (4, 4, 4), (5, 5, 5), 100);
/// assert_eq!(s, 0.03);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TrigramAssocMeasures;

type Pair3 = (u64, u64, u64);

impl TrigramAssocMeasures {
    fn contingency(
        n_iii: u64,
        (n_iix, n_ixi, n_xii): Pair3,
        (n_ixx, n_xix, n_xxi): Pair3,
        n_xxx: u64,
    ) -> [i128; 8] {
        let (n_iii, n_iix, n_ixi, n_xii) =
            (n_iii as i128, n_iix as i128, n_ixi as i128, n_xii as i128);
        let (n_ixx, n_xix, n_xxi, n_xxx) =
            (n_ixx as i128, n_xix as i128, n_xxi as i128, n_xxx as i128);
        let n_oii = n_xii - n_iii;
        let n_ioi = n_ixi - n_iii;
        let n_iio = n_iix - n_iii;
        let n_ooi = n_xxi - n_iii - n_oii - n_ioi;
        let n_oio = n_xix - n_iii - n_oii - n_iio;
        let n_ioo = n_ixx - n_iii - n_ioi - n_iio;
        let n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo;
        [n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo]
    }

    /// NLTK's generic `_expected_values` for n = 3.
    fn expected(cont: &[i128; 8]) -> [f64; 8] {
        let n_all: i128 = cont.iter().sum();
        let mut out = [0.0; 8];
        for (i, o) in out.iter_mut().enumerate() {
            let mut prod: i128 = 1;
            for j in [1usize, 2, 4] {
                let s: i128 = (0..8).filter(|x| x & j == i & j).map(|x| cont[x]).sum();
                prod *= s;
            }
            *o = int_div(prod, n_all * n_all);
        }
        out
    }

    fn unigram_product(u: Pair3) -> i128 {
        u.0 as i128 * u.1 as i128 * u.2 as i128
    }

    /// `raw_freq`.
    pub fn raw_freq(n_iii: u64, _b: Pair3, _u: Pair3, n_xxx: u64) -> f64 {
        int_div(n_iii as i128, n_xxx as i128)
    }

    /// `student_t`.
    pub fn student_t(n_iii: u64, _b: Pair3, u: Pair3, n_xxx: u64) -> f64 {
        let n = n_xxx as i128;
        (n_iii as f64 - int_div(Self::unigram_product(u), n * n)) / (n_iii as f64 + SMALL).powf(0.5)
    }

    /// `chi_sq`.
    pub fn chi_sq(n_iii: u64, b: Pair3, u: Pair3, n_xxx: u64) -> f64 {
        let cont = Self::contingency(n_iii, b, u, n_xxx);
        let exp = Self::expected(&cont);
        let mut sum = 0.0;
        for (obs, e) in cont.iter().zip(exp) {
            sum += (*obs as f64 - e).powf(2.0) / (e + SMALL);
        }
        sum
    }

    /// `pmi`.
    pub fn pmi(n_iii: u64, _b: Pair3, u: Pair3, n_xxx: u64) -> f64 {
        let n = n_xxx as i128;
        ((n_iii as i128 * n * n) as f64).log2() - (Self::unigram_product(u) as f64).log2()
    }

    /// `likelihood_ratio`.
    pub fn likelihood_ratio(n_iii: u64, b: Pair3, u: Pair3, n_xxx: u64) -> f64 {
        let cont = Self::contingency(n_iii, b, u, n_xxx);
        let exp = Self::expected(&cont);
        let mut sum = 0.0;
        for (obs, e) in cont.iter().zip(exp) {
            let o = *obs as f64;
            sum += o * (o / (e + SMALL) + SMALL).ln();
        }
        2.0 * sum
    }

    /// `mi_like` with power 3.
    pub fn mi_like(n_iii: u64, _b: Pair3, u: Pair3, _n_xxx: u64) -> f64 {
        let n = n_iii as i128;
        int_div(n * n * n, Self::unigram_product(u))
    }

    /// `poisson_stirling`.
    pub fn poisson_stirling(n_iii: u64, _b: Pair3, u: Pair3, n_xxx: u64) -> f64 {
        let n = n_xxx as i128;
        let exp = int_div(Self::unigram_product(u), n * n);
        n_iii as f64 * ((n_iii as f64 / exp).log2() - 1.0)
    }

    /// `jaccard`.
    pub fn jaccard(n_iii: u64, b: Pair3, u: Pair3, n_xxx: u64) -> f64 {
        let c = Self::contingency(n_iii, b, u, n_xxx);
        int_div(c[0], c[..7].iter().sum())
    }

    /// Evaluates `measure`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for `dice` and `phi_sq`, which NLTK defines
    /// for bigrams only.
    pub fn score(measure: AssocMeasure, n_iii: u64, b: Pair3, u: Pair3, n_xxx: u64) -> Result<f64> {
        let f = match measure {
            AssocMeasure::RawFreq => Self::raw_freq,
            AssocMeasure::StudentT => Self::student_t,
            AssocMeasure::ChiSq => Self::chi_sq,
            AssocMeasure::Pmi => Self::pmi,
            AssocMeasure::LikelihoodRatio => Self::likelihood_ratio,
            AssocMeasure::MiLike => Self::mi_like,
            AssocMeasure::PoissonStirling => Self::poisson_stirling,
            AssocMeasure::Jaccard => Self::jaccard,
            AssocMeasure::Dice | AssocMeasure::PhiSq => {
                return Err(Error::InvalidInput(format!(
                    "association measure `{}` is defined for bigrams only",
                    measure.name()
                )))
            }
        };
        Ok(f(n_iii, b, u, n_xxx))
    }
}
