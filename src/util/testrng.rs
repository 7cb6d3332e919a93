//! A tiny seeded generator for unit tests that need reproducible random
//! inputs without a dependency: xorshift64.

/// A generator of numbers below `m` (0 when `m` is 0), from `seed`
/// (not 0): xorshift64, the same sequence on every run.
pub(crate) fn xorshift(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut x = seed;
    move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m.max(1)
    }
}
