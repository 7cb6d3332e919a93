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
            self.add(load_le(c));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(load_le(rest) ^ ((rest.len() as u64) << 59));
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

/// [`hash_str`] of a string fed in pieces: the same value as hashing the
/// pieces joined, without joining them. The tagger starts from the saved
/// state of a template name (see [`template_states`]) and feeds a
/// feature's parts, which saves building and re-hashing the feature
/// string for every template of every token.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct StrHasher {
    h: FxHasher,
    /// Bytes not yet hashed (fewer than 8), little-endian.
    carry: u64,
    carry_len: usize,
    len: usize,
}

/// `bytes` (at most 8) as a little-endian `u64`, zero-padded. Two
/// overlapping 4-byte reads (or three byte reads) instead of a copy of a
/// variable length, which compiles to a `memcpy` call: this runs for every
/// part of every feature of every token.
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
        u64::from(lo) | (u64::from(hi) << ((n - 4) * 8))
    } else if n > 0 {
        u64::from(b[0])
            | (u64::from(b[n / 2]) << (8 * (n / 2)))
            | (u64::from(b[n - 1]) << (8 * (n - 1)))
    } else {
        0
    }
}

impl StrHasher {
    /// Feeds the next bytes of the string.
    #[inline]
    pub(crate) fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len();
        if self.carry_len > 0 {
            let take = (8 - self.carry_len).min(bytes.len());
            self.carry |= load_le(&bytes[..take]) << (8 * self.carry_len);
            self.carry_len += take;
            bytes = &bytes[take..];
            if self.carry_len < 8 {
                return;
            }
            self.h.add(self.carry);
            self.carry = 0;
            self.carry_len = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.h.add(load_le(c));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.carry = load_le(rest);
            self.carry_len = rest.len();
        }
    }

    /// The hash: what [`hash_str`] gives for everything fed, in one piece.
    #[inline]
    pub(crate) fn finish(mut self) -> u64 {
        if self.carry_len > 0 {
            self.h.add(self.carry ^ ((self.carry_len as u64) << 59));
        }
        self.h.write_usize(self.len);
        self.h.finish().max(1)
    }
}

/// The hasher state after each template name of
/// [`super::features::TEMPLATES`] and the space that follows it (none after
/// `bias`, which has no parts).
pub(crate) fn template_states() -> &'static [StrHasher] {
    static STATES: std::sync::OnceLock<Vec<StrHasher>> = std::sync::OnceLock::new();
    STATES.get_or_init(|| {
        super::features::TEMPLATES
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let mut h = StrHasher::default();
                h.write(name.as_bytes());
                if k > 0 {
                    h.write(b" ");
                }
                h
            })
            .collect()
    })
}

/// A flat open-addressing table from a feature string's 64-bit hash to its
/// weight row `(start, end)`: one cache line per lookup, where a hash map of
/// strings needs three (bucket, key string, row). Keys are compared by hash
/// only; two of a model's features with equal 64-bit hashes (never seen;
/// about 1 in 10^9 for a million features) would share the first one's row,
/// and an unknown feature is mistaken for a known one with probability
/// about (features / 2^64) per lookup.
///
/// A small filter in front of the table (a blocked Bloom filter: two bits
/// of one 64-bit word per feature, about 4 bits per feature, so it stays
/// in the CPU's cache) answers most lookups of absent features, which
/// are most of a tagger's word-pair and tag-word features, without
/// reading the table; it has no false negatives.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureIndex {
    slots: Vec<(u64, u32, u32)>,
    mask: usize,
    filter: Vec<u64>,
    filter_mask: usize,
}

/// The two bits of hash `h` in its word of [`FeatureIndex::filter`].
#[inline]
fn filter_bits(h: u64) -> u64 {
    (1 << ((h >> 52) & 63)) | (1 << (h >> 58))
}

impl FeatureIndex {
    /// Builds the table from `(feature, start, end)`, and tells whether two
    /// features had the same hash (the first one's row is kept).
    pub(crate) fn build_checked<'a>(
        n: usize,
        rows: impl Iterator<Item = (&'a str, u32, u32)>,
    ) -> (Self, bool) {
        // at most 3/4 full: linear probing then looks at about 2.5 slots
        // (one cache line) for an absent feature, and the table stays small
        let cap = (n.max(4) * 4 / 3 + 1).next_power_of_two();
        let words = (n.max(16) / 16).next_power_of_two();
        let mut t = FeatureIndex {
            slots: vec![(0, 0, 0); cap],
            mask: cap - 1,
            filter: vec![0; words],
            filter_mask: words - 1,
        };
        let mut repeated = false;
        for (f, a, b) in rows {
            let h = hash_str(f);
            if let Some(w) = t.filter.get_mut((h >> 32) as usize & t.filter_mask) {
                *w |= filter_bits(h);
            }
            let mut i = h as usize & t.mask;
            loop {
                let slot = &mut t.slots[i];
                if slot.0 == 0 {
                    *slot = (h, a, b);
                    break;
                }
                if slot.0 == h {
                    repeated = true;
                    break;
                }
                i = (i + 1) & t.mask;
            }
        }
        (t, repeated)
    }

    /// Whether the feature whose [`hash_str`] is `h` may be in the table
    /// (`false`: it is not).
    #[inline]
    fn may_contain(&self, h: u64) -> bool {
        match self.filter.get((h >> 32) as usize & self.filter_mask) {
            Some(&w) => w & filter_bits(h) == filter_bits(h),
            None => true,
        }
    }

    /// The row of the feature whose [`hash_str`] is `h`.
    #[inline]
    pub(crate) fn get_hashed(&self, h: u64) -> Option<(usize, usize)> {
        if self.slots.is_empty() || !self.may_contain(h) {
            return None;
        }
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

    /// The home slot of hash `h` (read it early; see [`FeatureIndex::resolve`]).
    #[inline]
    pub(crate) fn home(&self, h: u64) -> (u64, u32, u32) {
        if !self.may_contain(h) {
            return (0, 0, 0);
        }
        self.slots
            .get(h as usize & self.mask)
            .copied()
            .unwrap_or((0, 0, 0))
    }

    /// The row of hash `h`, given its home slot's contents.
    #[inline]
    pub(crate) fn resolve(&self, h: u64, home: (u64, u32, u32)) -> Option<(usize, usize)> {
        let (k, a, b) = home;
        if k == h {
            Some((a as usize, b as usize))
        } else if k == 0 {
            None
        } else {
            self.get_hashed(h)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{hash_str, template_states, StrHasher};

    /// Hashing a string in pieces gives `hash_str` of the whole, for every
    /// split of strings of every length around the 8-byte chunks.
    #[test]
    fn str_hasher_in_pieces_equals_hash_str() {
        let text = "i-1 tag+i word NN d\u{e9}j\u{e0}-vu 0123456789abcdefghij";
        for end in 0..=text.len() {
            if !text.is_char_boundary(end) {
                continue;
            }
            let s = &text[..end];
            for a in 0..=end {
                for b in a..=end {
                    let mut h = StrHasher::default();
                    h.write(&s.as_bytes()[..a]);
                    h.write(&s.as_bytes()[a..b]);
                    h.write(&s.as_bytes()[b..]);
                    assert_eq!(h.finish(), hash_str(s), "{s:?} split at {a}, {b}");
                }
            }
        }
        for (k, name) in crate::tag::features::TEMPLATES.iter().enumerate() {
            let mut h = template_states()[k];
            let joined = if k == 0 {
                name.to_string()
            } else {
                h.write(b"x y");
                format!("{name} x y")
            };
            assert_eq!(h.finish(), hash_str(&joined));
        }
    }

    /// The index finds every feature it was built from (its filter has no
    /// false negatives) and answers most absent ones from the filter alone.
    #[test]
    fn index_filter_keeps_every_feature_and_rejects_most_absent_ones() {
        let keys: Vec<String> = (0..20_000).map(|i| format!("i word w{i}")).collect();
        let rows = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i as u32, i as u32 + 1));
        let (index, repeated) = super::FeatureIndex::build_checked(keys.len(), rows);
        assert!(!repeated);
        for (i, k) in keys.iter().enumerate() {
            let h = hash_str(k);
            assert_eq!(index.get_hashed(h), Some((i, i + 1)), "{k}");
            assert_eq!(index.resolve(h, index.home(h)), Some((i, i + 1)), "{k}");
        }
        let absent: Vec<u64> = (0..20_000)
            .map(|i| hash_str(&format!("i word x{i}")))
            .collect();
        assert!(absent.iter().all(|&h| index.get_hashed(h).is_none()));
        assert!(absent
            .iter()
            .all(|&h| index.resolve(h, index.home(h)).is_none()));
        let passed = absent.iter().filter(|&&h| index.may_contain(h)).count();
        assert!(
            passed < absent.len() / 5,
            "{passed} of {} pass the filter",
            absent.len()
        );
        // an index built from nothing finds nothing
        let (empty, _) = super::FeatureIndex::build_checked(0, std::iter::empty());
        assert_eq!(empty.get_hashed(absent[0]), None);
        assert_eq!(super::FeatureIndex::default().get_hashed(absent[0]), None);
    }

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
            assert_eq!(collisions(t.features.iter()), vec![]);
        }
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(".nltk_data/taggers/averaged_perceptron_tagger_eng");
        if let Ok(t) = crate::tag::PerceptronTagger::load_nltk(&p) {
            assert_eq!(collisions(t.features.iter()), vec![]);
        }
    }
}
