//! A small, fast, non-cryptographic hasher (after the "Fx" hash used
//! inside rustc and Firefox, with stronger mixing) for the tagger's feature tables. Feature strings come
//! from text, but a table lookup only costs time, so hash flooding is not a
//! concern worth SipHash's cost on the tagging hot path. A final mixing
//! step (MurmurHash3's finaliser) makes all bits usable for bucket choice.

use std::hash::Hasher;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The Fx hasher.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        // Both steps are bijections of `hash ^ word`, so inputs that differ
        // in one 8-byte chunk never collide, and the xor-shift carries the
        // product's well-mixed high bits down (plain Fx keeps differences
        // in a chunk's high byte out of the low bits, which collided).
        let h = (self.hash ^ word).wrapping_mul(SEED);
        self.hash = h ^ (h >> 32);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The Fx state's low bits depend only on the inputs' low bits (the
    /// last step is a multiplication), and hashbrown picks buckets with the
    /// low bits; MurmurHash3's 64-bit finaliser spreads every input bit.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// The 64-bit hash of a feature string (never 0).
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_usize(s.len());
    h.finish().max(1)
}

/// A flat open-addressing table from a feature string's 64-bit hash to its
/// weight row `(start, end)`: one cache line per lookup, where a hash map of
/// strings needs three (bucket, key string, row). Keys are compared by hash
/// only; two of a model's features with equal 64-bit hashes (never seen;
/// about 1 in 10^9 for a million features) would share the first one's row,
/// and an unknown feature is mistaken for a known one with probability
/// about (features / 2^64) per lookup.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureIndex {
    slots: Vec<(u64, u32, u32)>,
    mask: usize,
}

impl FeatureIndex {
    /// Builds the table from `(feature, start, end)`.
    pub(crate) fn build<'a>(n: usize, rows: impl Iterator<Item = (&'a str, u32, u32)>) -> Self {
        let cap = (n.max(4) * 2).next_power_of_two();
        let mut t = FeatureIndex {
            slots: vec![(0, 0, 0); cap],
            mask: cap - 1,
        };
        for (f, a, b) in rows {
            let h = hash_str(f);
            let mut i = h as usize & t.mask;
            loop {
                let slot = &mut t.slots[i];
                if slot.0 == 0 {
                    *slot = (h, a, b);
                    break;
                }
                if slot.0 == h {
                    break;
                }
                i = (i + 1) & t.mask;
            }
        }
        t
    }

    /// The row of feature `f`.
    #[inline]
    pub(crate) fn get(&self, f: &str) -> Option<(usize, usize)> {
        if self.slots.is_empty() {
            return None;
        }
        let h = hash_str(f);
        let mut i = h as usize & self.mask;
        loop {
            let (k, a, b) = self.slots[i];
            if k == h {
                return Some((a as usize, b as usize));
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    fn collisions<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        for k in keys {
            if let Some(o) = seen.insert(super::hash_str(k), k) {
                out.push((o.to_string(), k.to_string()));
            }
        }
        out
    }

    /// The hash-only feature index is exact for the models nlkit ships and
    /// for NLTK's English model: no two of their features share a hash.
    #[test]
    fn shipped_and_nltk_models_have_no_feature_hash_collisions() {
        for t in [
            crate::tag::default_english_xpos().unwrap(),
            crate::tag::default_english_upos().unwrap(),
        ] {
            assert_eq!(collisions(t.features.keys().map(|k| &**k)), vec![]);
        }
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(".nltk_data/taggers/averaged_perceptron_tagger_eng");
        if let Ok(t) = crate::tag::PerceptronTagger::load_nltk(&p) {
            assert_eq!(collisions(t.features.keys().map(|k| &**k)), vec![]);
        }
    }
}
