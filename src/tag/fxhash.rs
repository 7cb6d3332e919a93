//! A small, fast, non-cryptographic hasher (after the "Fx" hash used
//! inside rustc and Firefox, with stronger mixing) for the tagger's feature tables. Feature strings come
//! from text, but a table lookup only costs time, so hash flooding is not a
//! concern worth SipHash's cost on the tagging hot path. A final mixing
//! step (MurmurHash3's finaliser) makes all bits usable for bucket choice.

use std::borrow::Cow;
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
    hash_bytes(s.as_bytes())
}

/// [`hash_str`] of a string's bytes.
#[inline]
fn hash_bytes(s: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(s);
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

/// The hash of one part of a feature (a word, an affix, a tag, a cluster
/// id) for [`feature_key`], or 0 when the part holds a space (a feature
/// with such a part is keyed by its whole string, see `name_key`).
#[inline]
pub(crate) fn part_hash(s: &str) -> u64 {
    // `contains` scans short slices byte by byte, without `memchr`'s call
    if s.as_bytes().contains(&b' ') {
        0
    } else {
        raw_part_hash(s.as_bytes())
    }
}

/// [`part_hash`] of a part known to hold no space: the Fx state after the
/// bytes and the length, with no finaliser ([`feature_key`] mixes the
/// parts and finalises once; two parts of one length up to 8 bytes never
/// share a state), and never 0.
#[inline]
fn raw_part_hash(b: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(b);
    h.write_usize(b.len());
    h.hash | 1
}

/// The key of the feature of template `k` whose parts have the
/// [`part_hash`]es `parts` (none 0), as the feature index stores it: the
/// part hashes mixed with the template's number. A token's words, affixes
/// and clusters are hashed once and their hashes shared by all the
/// templates that read them (and kept with cached words), where hashing
/// each feature's string hashed every word once per template.
#[inline]
pub(crate) fn feature_key(k: usize, parts: &[u64]) -> u64 {
    let mut h = FxHasher {
        hash: (k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15),
    };
    for &p in parts {
        h.add(p);
    }
    h.finish().max(1)
}

/// The number of parts of each template of [`super::features::TEMPLATES`].
pub(crate) const ARITY: [u8; super::features::N_TEMPLATES] = [
    0, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, // NLTK's
    1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 2, 1, 3, // extended
    1, 1, 1, 1, 1, 1, 2, 2, // clusters
    1, 1, 1, 2, 2, 2, 2, // stacked
];

/// The index key of the feature named `name`: [`feature_key`] of its
/// template and parts when it is a template's name, a space and as many
/// space-free parts (separated by single spaces) as the template has;
/// otherwise [`hash_str`] of the name. A lookup keys a feature the same
/// way ([`parts_key`]): by its parts' hashes when none holds a space, by
/// the joined string otherwise. The two agree because no template's name
/// followed by a space begins another's (a unit test checks it), so a
/// feature string splits into a template and space-free parts in at most
/// one way.
#[cfg(test)]
pub(crate) fn name_key(name: &str) -> u64 {
    NameKeys::default().key(name.as_bytes())
}

/// `name_key` of many names, faster when consecutive names share their
/// template (a model's sorted names do): the last template found is tried
/// first (building the index keys every feature of a model when it loads).
#[derive(Default)]
pub(crate) struct NameKeys {
    /// The template of the last name that had one.
    last: Option<usize>,
}

impl NameKeys {
    /// `name_key` of the name whose UTF-8 bytes are `name` (a model's
    /// names are keyed as bytes: the embedded models' names are not
    /// checked to be UTF-8 when nlkit starts, see `FeatureNames`).
    pub(crate) fn key(&mut self, name: &[u8]) -> u64 {
        let templates = &super::features::TEMPLATES;
        if name == templates[0].as_bytes() {
            return feature_key(0, &[]);
        }
        if let Some(k) = self.last {
            let t = templates[k];
            if name.len() > t.len() && name[t.len()] == b' ' && name.starts_with(t.as_bytes()) {
                // no other template can split `name` (see `name_key`)
                return split_key(name, k, t.len() + 1);
            }
        }
        static TEMPLATE_IDS: std::sync::OnceLock<
            std::collections::HashMap<
                &'static [u8],
                usize,
                std::hash::BuildHasherDefault<FxHasher>,
            >,
        > = std::sync::OnceLock::new();
        let ids = TEMPLATE_IDS.get_or_init(|| {
            templates
                .iter()
                .enumerate()
                .map(|(k, t)| (t.as_bytes(), k))
                .collect()
        });
        // the template is what precedes the n-th space from the end, for n
        // parts
        let b = name;
        let mut end = b.len();
        for _ in 0..3 {
            let Some(at) = memchr::memrchr(b' ', &b[..end]) else {
                break;
            };
            end = at;
            if let Some(&k) = ids.get(&name[..at]) {
                self.last = Some(k);
                return split_key(name, k, at + 1);
            }
        }
        hash_bytes(name)
    }
}

/// `name_key` of `name`, whose template `k` ends before `from`: the
/// feature key of its parts when there are as many space-separated ones
/// as the template has, [`hash_str`] of the name otherwise.
fn split_key(name: &[u8], k: usize, from: usize) -> u64 {
    let n = usize::from(ARITY[k]);
    let rest = name.get(from..).unwrap_or(&[]);
    let mut parts = [0u64; 3];
    let mut start = 0;
    for (j, p) in parts.iter_mut().enumerate().take(n) {
        // parts are short: a plain scan beats a `memchr` call
        let space = rest[start..]
            .iter()
            .position(|&c| c == b' ')
            .map(|e| start + e);
        let end = match (space, j + 1 == n) {
            (None, true) => rest.len(),
            (Some(e), false) => e,
            // too many parts or too few
            _ => return hash_bytes(name),
        };
        *p = raw_part_hash(&rest[start..end]);
        start = end + 1;
    }
    if n == 0 {
        return hash_bytes(name);
    }
    feature_key(k, &parts[..n])
}

/// The index key of the feature of template `k` with `parts` (see
/// `name_key`), from the parts' strings.
pub(crate) fn parts_key(k: usize, parts: &[&str]) -> u64 {
    let mut hashes = [0u64; 3];
    let mut spaced = parts.len() > hashes.len();
    for (h, p) in hashes.iter_mut().zip(parts) {
        *h = part_hash(p);
        spaced |= *h == 0;
    }
    if !spaced {
        return feature_key(k, &hashes[..parts.len()]);
    }
    let mut h = template_states()[k];
    for (j, p) in parts.iter().enumerate() {
        if j > 0 {
            h.write(b" ");
        }
        h.write(p.as_bytes());
    }
    h.finish()
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
///
/// The table and the filter are plain words (a slot is its key and its
/// row's `start | end << 32`), so that nlkit's embedded models carry them
/// ready-made: build.rs builds them when nlkit is built and the tagger
/// reads them in place from the binary ([`FeatureIndex::from_parts`]),
/// where building them was most of `nlkit tag`'s start-up.
#[derive(Debug, Clone)]
pub(crate) struct FeatureIndex {
    slots: Cow<'static, [[u64; 2]]>,
    mask: usize,
    filter: Cow<'static, [u64]>,
    filter_mask: usize,
}

impl Default for FeatureIndex {
    fn default() -> Self {
        FeatureIndex {
            slots: Cow::Borrowed(&[]),
            mask: 0,
            filter: Cow::Borrowed(&[]),
            filter_mask: 0,
        }
    }
}

/// The two bits of hash `h` in its word of [`FeatureIndex::filter`].
#[inline]
fn filter_bits(h: u64) -> u64 {
    (1 << ((h >> 52) & 63)) | (1 << (h >> 58))
}

impl FeatureIndex {
    /// Builds the table from `(key, start, end)` (a feature's key is
    /// `name_key` of its name), and tells whether two features had the
    /// same key (the first one's row is kept).
    pub(crate) fn build_checked(
        n: usize,
        rows: impl Iterator<Item = (u64, u32, u32)>,
    ) -> (Self, bool) {
        // at most 3/4 full: linear probing then looks at about 2.5 slots
        // (one cache line) for an absent feature, and the table stays small
        let cap = (n.max(4) * 4 / 3 + 1).next_power_of_two();
        let words = (n.max(16) / 16).next_power_of_two();
        let mut slots = vec![[0u64; 2]; cap];
        let mut filter = vec![0u64; words];
        let (mask, filter_mask) = (cap - 1, words - 1);
        let mut repeated = false;
        for (h, a, b) in rows {
            if let Some(w) = filter.get_mut((h >> 32) as usize & filter_mask) {
                *w |= filter_bits(h);
            }
            let mut i = h as usize & mask;
            loop {
                let slot = &mut slots[i];
                if slot[0] == 0 {
                    *slot = [h, u64::from(a) | u64::from(b) << 32];
                    break;
                }
                if slot[0] == h {
                    repeated = true;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        let t = FeatureIndex {
            slots: Cow::Owned(slots),
            mask,
            filter: Cow::Owned(filter),
            filter_mask,
        };
        (t, repeated)
    }

    /// An index from its table and filter as [`FeatureIndex::parts`] gives
    /// them (borrowed from the binary for the embedded models), or `None`
    /// when their lengths are not powers of two.
    pub(crate) fn from_parts(
        slots: Cow<'static, [[u64; 2]]>,
        filter: Cow<'static, [u64]>,
    ) -> Option<Self> {
        if !slots.len().is_power_of_two() || !filter.len().is_power_of_two() {
            return None;
        }
        Some(FeatureIndex {
            mask: slots.len() - 1,
            filter_mask: filter.len() - 1,
            slots,
            filter,
        })
    }

    /// The table and the filter (see [`FeatureIndex::from_parts`]).
    #[allow(dead_code)] // build.rs writes them (and tests compare them)
    pub(crate) fn parts(&self) -> (&[[u64; 2]], &[u64]) {
        (&self.slots, &self.filter)
    }

    /// Whether the feature whose key is `h` may be in the table
    /// (`false`: it is not).
    #[inline]
    fn may_contain(&self, h: u64) -> bool {
        match self.filter.get((h >> 32) as usize & self.filter_mask) {
            Some(&w) => w & filter_bits(h) == filter_bits(h),
            None => true,
        }
    }

    /// The row of the feature whose key is `h`.
    #[inline]
    pub(crate) fn get_hashed(&self, h: u64) -> Option<(usize, usize)> {
        if self.slots.is_empty() || !self.may_contain(h) {
            return None;
        }
        let mut i = h as usize & self.mask;
        loop {
            let [k, ab] = self.slots[i];
            if k == h {
                return Some((ab as u32 as usize, (ab >> 32) as usize));
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
            .map_or((0, 0, 0), |&[k, ab]| (k, ab as u32, (ab >> 32) as u32))
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
            .map(|(i, k)| (super::name_key(k), i as u32, i as u32 + 1));
        let (index, repeated) = super::FeatureIndex::build_checked(keys.len(), rows);
        assert!(!repeated);
        for (i, k) in keys.iter().enumerate() {
            let h = super::name_key(k);
            assert_eq!(index.get_hashed(h), Some((i, i + 1)), "{k}");
            assert_eq!(index.resolve(h, index.home(h)), Some((i, i + 1)), "{k}");
        }
        let absent: Vec<u64> = (0..20_000)
            .map(|i| super::name_key(&format!("i word x{i}")))
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

    /// No template name followed by a space begins another template name
    /// (what makes `name_key` and `parts_key` agree).
    #[test]
    fn no_template_name_and_space_begins_another() {
        let t = crate::tag::features::TEMPLATES;
        for a in t {
            for b in t {
                assert!(a == b || !b.starts_with(&format!("{a} ")), "{a:?} / {b:?}");
            }
        }
    }

    /// `ARITY` is the number of parts `for_each_feature_parts` gives.
    #[test]
    fn arity_is_the_number_of_parts() {
        use crate::tag::features::{for_each_feature_parts, Context, FeatureSet, Templates};
        let words: Vec<std::borrow::Cow<'_, str>> = ["-START-", "-START2-", "a", "-END-", "-END2-"]
            .iter()
            .map(|w| std::borrow::Cow::Borrowed(*w))
            .collect();
        let first = ["-START-", "-START2-", "NN", "-END-", "-END2-"];
        let ctx = Context {
            words: &words,
            clusters: &[],
            first: &first,
        };
        let mut seen = 0;
        for_each_feature_parts(
            FeatureSet::Stacked,
            Templates::All,
            2,
            "a",
            ctx,
            "NN",
            "DT",
            |k, p| {
                assert_eq!(usize::from(super::ARITY[k]), p.len(), "template {k}");
                seen += 1;
            },
        );
        assert_eq!(seen, super::ARITY.len());
    }

    /// A feature's key from its name equals its key from its parts, for
    /// parts with and without spaces, empty parts and non-ASCII text.
    #[test]
    fn name_key_equals_parts_key() {
        use crate::tag::features::TEMPLATES;
        let pieces = [
            "", "a", "NN", "the", "déjà", "a b", " ", "x  y", "-START-", "12345678",
        ];
        for (k, t) in TEMPLATES.iter().enumerate() {
            let n = usize::from(super::ARITY[k]);
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        let parts = &[a, b, c][..n];
                        let name = if n == 0 {
                            t.to_string()
                        } else {
                            format!("{t} {}", parts.join(" "))
                        };
                        assert_eq!(
                            super::name_key(&name),
                            super::parts_key(k, parts),
                            "{name:?}"
                        );
                    }
                }
            }
        }
        // a key from parts differs from the keys of other templates' names
        assert_ne!(
            super::name_key("i word a b"),
            super::parts_key(22, &["a", "b"])
        );
    }

    fn collisions<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        for k in keys {
            if let Some(o) = seen.insert(super::name_key(k), k) {
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
