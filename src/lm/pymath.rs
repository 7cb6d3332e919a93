//! Python's `math.fsum` and `random.Random` (Mersenne Twister, seeded from
//! an integer as CPython does), which NLTK's `nltk.lm` uses for entropy and
//! for `generate`.

use crate::{Error, Result};

/// Python's `math.fsum`: the correctly rounded sum (Shewchuk's algorithm
/// with CPython's final half-even correction and its handling of
/// infinities and NaN).
///
/// # Errors
/// [`Error::InvalidInput`] for `-inf + inf` or an intermediate overflow,
/// as Python raises `ValueError` / `OverflowError`.
///
/// # Example
/// ```
/// use nlkit::lm::fsum;
/// assert_eq!(fsum([0.1; 10]).unwrap(), 1.0);
/// assert_eq!(fsum([1.0, f64::NEG_INFINITY]).unwrap(), f64::NEG_INFINITY);
/// ```
pub fn fsum(items: impl IntoIterator<Item = f64>) -> Result<f64> {
    let mut p: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    for xsave in items {
        let mut x = xsave;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(Error::InvalidInput("intermediate overflow in fsum".into()));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(Error::InvalidInput("-inf + inf in fsum".into()));
        }
        return Ok(special_sum);
    }
    let mut n = p.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

const N: usize = 624;
const M: usize = 397;

/// Python's `random.Random` (MT19937) as far as nlkit needs it (`nltk.lm`,
/// `RandomChartParser`): seeding from a non-negative integer, `random()`,
/// `getrandbits` and `_randbelow` (`randint`).
///
/// # Example
/// ```
/// use nlkit::lm::PyRandom;
/// let mut r = PyRandom::new(42);
/// assert_eq!(r.random(), 0.6394267984578837); // Python: random.Random(42).random()
/// ```
#[derive(Debug, Clone)]
pub struct PyRandom {
    mt: Box<[u32; N]>,
    index: usize,
}

impl PyRandom {
    /// `random.Random(seed)` for an integer seed (CPython uses the absolute
    /// value's 32-bit digits, least significant first, as the key).
    pub fn new(seed: u64) -> Self {
        let key: Vec<u32> = if seed >> 32 == 0 {
            vec![seed as u32]
        } else {
            vec![seed as u32, (seed >> 32) as u32]
        };
        let mut r = PyRandom {
            mt: Box::new([0; N]),
            index: N,
        };
        r.init_genrand(19_650_218);
        let mut i = 1usize;
        let mut j = 0usize;
        let len = key.len();
        for _ in 0..N.max(len) {
            let prev = r.mt[i - 1] ^ (r.mt[i - 1] >> 30);
            r.mt[i] = (r.mt[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                r.mt[0] = r.mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = r.mt[i - 1] ^ (r.mt[i - 1] >> 30);
            r.mt[i] = (r.mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                r.mt[0] = r.mt[N - 1];
                i = 1;
            }
        }
        r.mt[0] = 0x8000_0000;
        r
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1] ^ (self.mt[i - 1] >> 30);
            self.mt[i] = 1_812_433_253u32.wrapping_mul(prev).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            const MAG: [u32; 2] = [0, 0x9908_b0df];
            for k in 0..N {
                let y = (self.mt[k] & 0x8000_0000) | (self.mt[(k + 1) % N] & 0x7fff_ffff);
                self.mt[k] = self.mt[(k + M) % N] ^ (y >> 1) ^ MAG[(y & 1) as usize];
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `getrandbits(k)` for `k <= 64` (CPython fills 32-bit words least
    /// significant first, the last one shifted to its remaining bits).
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return u64::from(self.next_u32() >> (32 - k));
        }
        let mut out = 0u64;
        let mut left = k.min(64);
        let mut shift = 0;
        while left > 0 {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out |= u64::from(r) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        out
    }

    /// `_randbelow(n)`: a uniform integer in `[0, n)` by rejection on
    /// `getrandbits(n.bit_length())`; 0 for `n == 0`.
    ///
    /// # Example
    /// ```
    /// use nlkit::lm::PyRandom;
    /// // Python: random.Random(1).randint(0, 9)
    /// assert_eq!(PyRandom::new(1).randbelow(10), 2);
    /// ```
    pub fn randbelow(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// Python's `2.0 ** x` / `pow(2.0, x)`: C's `pow(2.0, x)`. (A literal
/// `2f64.powf(x)` lets the optimizer call `exp2(x)` instead, which can
/// differ from `pow` in the last bit.)
///
/// # Example
/// ```
/// assert_eq!(nlkit::lm::py_pow2(1.5), 2f64.powf(1.5));
/// ```
#[inline]
pub fn py_pow2(x: f64) -> f64 {
    std::hint::black_box(2.0f64).powf(x)
}

#[cfg(test)]
mod tests {
    use super::PyRandom;

    /// Values from CPython 3.11: `r = random.Random(5)`, then
    /// `[r.getrandbits(40) for _ in range(3)]`, `r.getrandbits(64)`.
    #[test]
    fn getrandbits_wider_than_a_word_matches_cpython() {
        let mut r = PyRandom::new(5);
        let got: Vec<u64> = (0..3).map(|_| r.getrandbits(40)).collect();
        assert_eq!(got, [281_848_216_645, 394_027_974_809, 759_329_574_455]);
        assert_eq!(r.getrandbits(64), 15_523_137_368_101_252_074);
    }
}
