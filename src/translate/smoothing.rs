//! NLTK's `SmoothingFunction` (Chen & Cherry 2014) for BLEU's n-gram
//! precisions, with Python's number semantics: `Fraction`s stay exact
//! rationals (here `i128` pairs, falling back to floats only if they would
//! overflow), floats stay floats, and a mix becomes a float — as in NLTK.

use crate::{Error, Result};

use super::bleu::modified_precision_counts;

/// Which of NLTK's `SmoothingFunction` methods to apply.
///
/// # Example
/// ```
/// use nlkit::translate::Smoothing;
/// assert_eq!(Smoothing::from_index(7).unwrap(), Smoothing::Method7);
/// assert!(Smoothing::from_index(8).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Smoothing {
    /// No smoothing: zero precisions become `sys.float_info.min` (with a warning).
    #[default]
    Method0,
    /// Add `epsilon` to zero numerators.
    Method1,
    /// Add 1 to numerator and denominator for n > 1 (Lin & Och 2004).
    Method2,
    /// NIST geometric sequence: `1 / (2^k * denominator)` for zero counts.
    Method3,
    /// Method 3 scaled by `k / ln(hypothesis length)`.
    Method4,
    /// Average of the n-1, n and n+1 precisions.
    Method5,
    /// Interpolation with a prior from the lower orders (Gao & He 2013).
    Method6,
    /// Method 4, then method 5.
    Method7,
}

impl Smoothing {
    /// The method with NLTK's number (`method0` … `method7`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a number above 7.
    pub fn from_index(i: usize) -> Result<Smoothing> {
        Ok(match i {
            0 => Smoothing::Method0,
            1 => Smoothing::Method1,
            2 => Smoothing::Method2,
            3 => Smoothing::Method3,
            4 => Smoothing::Method4,
            5 => Smoothing::Method5,
            6 => Smoothing::Method6,
            7 => Smoothing::Method7,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "unknown BLEU smoothing method {i} (expected 0 to 7)"
                )))
            }
        })
    }
}

/// The parameters of NLTK's `SmoothingFunction(epsilon=0.1, alpha=5, k=5)`
/// and the method to use. `alpha` and `k` are integers, as NLTK's
/// defaults, so the arithmetic they enter stays exact as in NLTK.
///
/// # Example
/// ```
/// use nlkit::translate::{Smoothing, SmoothingFunction};
/// let s = SmoothingFunction { method: Smoothing::Method1, ..Default::default() };
/// assert_eq!(s.epsilon, 0.1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SmoothingFunction {
    /// The method.
    pub method: Smoothing,
    /// Method 1's added count.
    pub epsilon: f64,
    /// Method 6's prior weight.
    pub alpha: u32,
    /// Method 4's scale.
    pub k: u32,
}

impl Default for SmoothingFunction {
    fn default() -> Self {
        SmoothingFunction {
            method: Smoothing::Method0,
            epsilon: 0.1,
            alpha: 5,
            k: 5,
        }
    }
}

/// A precision as NLTK holds it: a `Fraction` (kept unnormalised as NLTK
/// builds it, so `numerator`/`denominator` are the raw counts) or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Prec {
    Frac(i128, i128),
    Float(f64),
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// Correctly rounded when both parts fit in 53 bits (always, for counts).
fn ratio(n: i128, d: i128) -> f64 {
    n as f64 / d as f64
}

/// A reduced fraction, or the float value if the parts overflowed.
fn frac(n: Option<i128>, d: Option<i128>, approx: impl FnOnce() -> f64) -> Prec {
    match (n, d) {
        (Some(n), Some(d)) if d != 0 => {
            let g = gcd(n, d).max(1);
            let (n, d) = (n / g, d / g);
            if d < 0 {
                Prec::Frac(-n, -d)
            } else {
                Prec::Frac(n, d)
            }
        }
        _ => Prec::Float(approx()),
    }
}

impl Prec {
    pub(crate) fn to_f64(self) -> f64 {
        match self {
            Prec::Frac(n, d) => ratio(n, d),
            Prec::Float(x) => x,
        }
    }

    fn numerator(self) -> Option<i128> {
        match self {
            Prec::Frac(n, _) => Some(n),
            Prec::Float(_) => None,
        }
    }

    pub(crate) fn is_zero(self) -> bool {
        match self {
            Prec::Frac(n, _) => n == 0,
            Prec::Float(x) => x == 0.0,
        }
    }

    pub(crate) fn is_positive(self) -> bool {
        match self {
            Prec::Frac(n, _) => n > 0,
            Prec::Float(x) => x > 0.0,
        }
    }

    fn add(self, o: Prec) -> Prec {
        match (self, o) {
            (Prec::Frac(a, b), Prec::Frac(c, d)) => {
                let n = a
                    .checked_mul(d)
                    .and_then(|x| c.checked_mul(b).and_then(|y| x.checked_add(y)));
                frac(n, b.checked_mul(d), || ratio(a, b) + ratio(c, d))
            }
            (x, y) => Prec::Float(x.to_f64() + y.to_f64()),
        }
    }

    fn add_int(self, k: i128) -> Prec {
        self.add(Prec::Frac(k, 1))
    }

    fn mul_int(self, k: i128) -> Prec {
        match self {
            Prec::Frac(a, b) => frac(a.checked_mul(k), Some(b), || ratio(a, b) * k as f64),
            Prec::Float(x) => Prec::Float(x * k as f64),
        }
    }

    fn div_int(self, k: i128) -> Prec {
        match self {
            Prec::Frac(a, b) => frac(Some(a), b.checked_mul(k), || ratio(a, b) / k as f64),
            Prec::Float(x) => Prec::Float(x / k as f64),
        }
    }

    fn square(self) -> Prec {
        match self {
            Prec::Frac(a, b) => frac(a.checked_mul(a), b.checked_mul(b), || ratio(a, b).powf(2.0)),
            Prec::Float(x) => Prec::Float(x.powf(2.0)),
        }
    }

    fn div(self, o: Prec) -> Prec {
        match (self, o) {
            (Prec::Frac(a, b), Prec::Frac(c, d)) => {
                frac(a.checked_mul(d), b.checked_mul(c), || {
                    ratio(a, b) / ratio(c, d)
                })
            }
            (x, y) => Prec::Float(x.to_f64() / y.to_f64()),
        }
    }
}

/// What the smoothing methods may look at besides the precisions: NLTK
/// passes the *last* segment's references and hypothesis (the loop
/// variables left over in `corpus_bleu`) and the corpus hypothesis length.
pub(crate) struct SmoothingContext<'c, T> {
    pub(crate) references: Vec<&'c [T]>,
    pub(crate) hypothesis: &'c [T],
    pub(crate) hyp_len: usize,
}

impl SmoothingFunction {
    /// Applies the method to the precisions; warnings (method 0) are pushed
    /// to `warnings`.
    pub(crate) fn apply<T: std::hash::Hash + Eq>(
        &self,
        p_n: Vec<Prec>,
        ctx: &SmoothingContext<'_, T>,
        warnings: &mut Vec<String>,
    ) -> Result<Vec<Prec>> {
        Ok(match self.method {
            Smoothing::Method0 => method0(p_n, warnings),
            Smoothing::Method1 => p_n
                .into_iter()
                .map(|p| match p {
                    Prec::Frac(0, d) => Prec::Float((0.0 + self.epsilon) / d as f64),
                    p => p,
                })
                .collect(),
            Smoothing::Method2 => p_n
                .iter()
                .enumerate()
                .map(|(i, &p)| match p {
                    Prec::Frac(n, d) if i != 0 => Prec::Frac(n + 1, d + 1),
                    p => p,
                })
                .collect(),
            Smoothing::Method3 => {
                let mut p_n = p_n;
                let mut incvnt: u32 = 1;
                for p in p_n.iter_mut() {
                    if let Prec::Frac(0, d) = *p {
                        let den = 2f64.powi(incvnt as i32) * d as f64;
                        *p = Prec::Float(1.0 / den);
                        incvnt += 1;
                    }
                }
                p_n
            }
            Smoothing::Method4 => self.method4(p_n, ctx),
            Smoothing::Method5 => method5(p_n, ctx),
            Smoothing::Method6 => self.method6(p_n, ctx)?,
            Smoothing::Method7 => {
                let p_n = self.method4(p_n, ctx);
                method5(p_n, ctx)
            }
        })
    }

    fn method4<T: std::hash::Hash + Eq>(
        &self,
        mut p_n: Vec<Prec>,
        ctx: &SmoothingContext<'_, T>,
    ) -> Vec<Prec> {
        let hyp_len = if ctx.hyp_len > 0 {
            ctx.hyp_len
        } else {
            ctx.hypothesis.len()
        };
        let mut incvnt: u32 = 1;
        for p in p_n.iter_mut() {
            if let Prec::Frac(0, d) = *p {
                if hyp_len > 1 {
                    let scale = (2u128.pow(incvnt) * self.k as u128) as f64;
                    let numerator = 1.0 / (scale / (hyp_len as f64).ln());
                    *p = Prec::Float(numerator / d as f64);
                    incvnt += 1;
                }
            }
        }
        p_n
    }

    fn method6<T: std::hash::Hash + Eq>(
        &self,
        mut p_n: Vec<Prec>,
        ctx: &SmoothingContext<'_, T>,
    ) -> Result<Vec<Prec>> {
        match p_n.get(2) {
            None => {
                return Err(Error::InvalidInput(
                    "BLEU smoothing method 6 needs weights for at least three n-gram orders".into(),
                ))
            }
            Some(p) if p.is_zero() => return Err(Error::InvalidInput(
                "BLEU smoothing method 6 requires a non-zero trigram precision (NLTK's assertion)"
                    .into(),
            )),
            Some(_) => {}
        }
        let alpha = self.alpha as i128;
        for i in 2..p_n.len() {
            let m = match p_n[i].numerator() {
                Some(m) => m,
                None => continue,
            };
            let l = ctx.hypothesis.len().saturating_sub(i) as i128;
            p_n[i] = if p_n[i - 2].is_zero() {
                // `pi0 = 0` is a Python int: `m / (l + alpha)` is a float
                Prec::Float(m as f64 / (l + alpha) as f64)
            } else {
                let pi0 = p_n[i - 1].square().div(p_n[i - 2]);
                pi0.mul_int(alpha).add_int(m).div_int(l + alpha)
            };
        }
        Ok(p_n)
    }
}

fn method0(p_n: Vec<Prec>, warnings: &mut Vec<String>) -> Vec<Prec> {
    p_n.into_iter()
        .enumerate()
        .map(|(i, p)| match p {
            Prec::Frac(0, _) => {
                warnings.push(format!(
                    "The hypothesis contains 0 counts of {}-gram overlaps. Therefore the BLEU \
                     score evaluates to 0, independently of how many N-gram overlaps of lower \
                     order it contains. Consider using lower n-gram order or use SmoothingFunction()",
                    i + 1
                ));
                Prec::Float(f64::MIN_POSITIVE)
            }
            p => p,
        })
        .collect()
}

fn method5<T: std::hash::Hash + Eq>(
    mut p_n: Vec<Prec>,
    ctx: &SmoothingContext<'_, T>,
) -> Vec<Prec> {
    let (n5, d5) = modified_precision_counts(&ctx.references, ctx.hypothesis, 5);
    let mut plus1 = p_n.clone();
    plus1.push(Prec::Frac(n5 as i128, d5 as i128));
    let Some(first) = p_n.first().copied() else {
        return p_n;
    };
    let mut prev = first.add_int(1);
    for i in 0..p_n.len() {
        let v = prev.add(p_n[i]).add(plus1[i + 1]).div_int(3);
        p_n[i] = v;
        prev = v;
    }
    p_n
}
