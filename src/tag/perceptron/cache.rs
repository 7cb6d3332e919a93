//! The per-thread word caches of a [`PerceptronTagger`](super::PerceptronTagger):
//! score rows of words seen before, and the scratch buffers of the tagging
//! loop, so that tagging allocates nothing per token.

use super::*;

/// The per-thread [`WordCache`]s of one model.
#[derive(Default)]
pub(super) struct WordCaches(
    pub(super) Box<thread_local::ThreadLocal<std::cell::RefCell<WordCache>>>,
);

impl Clone for WordCaches {
    fn clone(&self) -> Self {
        WordCaches::default()
    }
}

impl std::fmt::Debug for WordCaches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordCaches")
    }
}

/// For words a thread has tagged with one model, the scores of the
/// templates that read that word alone: the word-only templates
/// ([`super::features::WORD_ONLY`]) and, for each offset of
/// [`OFFSETS`], the templates that read the word as that neighbour
/// ([`super::features::NEIGHBOUR`]); [`PARTS`] vectors per word. Text
/// repeats its words, so most tokens then need only their other context
/// and tag features looked up. A word is added the second time the thread
/// meets it; past [`WordCache::WORDS`] words the cache stops adding.
pub(super) struct WordCache {
    pub(super) words: FxMap<Box<str>, u32>,
    pub(super) scores: Vec<Weight>,
    /// The neighbour scores of the sentence padding: for offset `OFFSETS[k]`
    /// and padded-context index `s` (0, 1: `-START-`, `-START2-`; 2, 3:
    /// `-END-`, `-END2-` of an empty sentence), at `(k * 4 + s) * nc`.
    pub(super) pads: Vec<Weight>,
    /// The clusters of the cached words (by their id), for models with
    /// clusters.
    pub(super) clusters: Vec<ClusterIds>,
    /// The tag-dictionary class of each cached word (by its id), so that
    /// a cached word needs no second map lookup.
    pub(super) dict: Vec<Option<u16>>,
    /// The summed scores of the templates that read only the previous two
    /// tags ([`super::features::TAGS_ONLY`]), per pair: at
    /// `(p * (nc + 2) + q) * nc` for the previous tag `p` and the one before
    /// it `q`, class ids or `nc`, `nc + 1` for `-START-`, `-START2-`.
    /// Empty for models with more than [`WordCache::TAG_PAIR_CLASSES`]
    /// classes, whose tag features are looked up one by one.
    pub(super) tag_pairs: Vec<Weight>,
    /// The part hashes of each cached word (by its id): its normalised
    /// form and its last three characters (see `keys`).
    pub(super) parts: Vec<(u64, u64)>,
    /// The part hashes of the previous-tag values (see
    /// [`PerceptronTagger::tag_hashes`]).
    pub(super) tag_hashes: Vec<u64>,
    /// The summed rows of the templates whose parts take few values.
    pub(super) fixed: FixedRows,
    /// Scratch space of [`PerceptronTagger::tag_ids`], kept between calls.
    pub(super) scratch: Scratch,
    /// The hashes of words seen once and not cached: a word is cached the
    /// second time it is seen, so that the cache fills with the text's
    /// frequent words rather than with the first words of the text, half
    /// of which occur once (cleared when it holds [`WordCache::SEEN`]).
    pub(super) seen: std::collections::HashSet<u64, BuildHasherDefault<FxHasher>>,
}

/// The neighbour offsets whose scores [`WordCache`] keeps per word.
pub(super) const OFFSETS: [i8; 4] = [-2, -1, 1, 2];
/// Score vectors per cached word: its own, then one per offset.
pub(super) const PARTS: usize = 1 + OFFSETS.len();

/// Buffers reused by [`PerceptronTagger::tag_ids`].
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) buf: String,
    pub(super) hashes: Vec<u64>,
    pub(super) owner: Vec<usize>,
    pub(super) homes: Vec<(u64, u32, u32)>,
    pub(super) statics: Vec<Weight>,
    pub(super) scores: Vec<Weight>,
    pub(super) dict: Vec<Option<u16>>,
    pub(super) clusters: Vec<ClusterIds>,
    /// Per position around the window: where its word's [`PARTS`] vectors
    /// start (in the cache, or in `fresh` when [`FRESH`] is set).
    pub(super) at: Vec<usize>,
    pub(super) fresh: Vec<Weight>,
    /// Per token of the sentence: its word's id in the cache, or [`NONE`].
    pub(super) slots: Vec<u32>,
    /// The ids of the padded first-stage tags (see [`FixedRows::resolve`]).
    pub(super) first_ids: Vec<u16>,
    /// Per token of the window: whether its tag-dependent features were
    /// looked up with the tag-independent ones.
    pub(super) early: Vec<bool>,
    /// Per token of the window: the previous tag its tag-dependent
    /// features were summed for in advance (`spec`), [`NO_GUESS`] if none.
    pub(super) guess: Vec<u16>,
    /// Per token of the window: the rows of its tag-dependent features
    /// given the previous tag `guess`, summed with the batch.
    pub(super) spec: Vec<Weight>,
    /// The part hashes of the sentence.
    pub(super) parts: super::keys::SentenceParts,
}

/// A [`Scratch::guess`] entry of a token with no guessed previous tag.
pub(super) const NO_GUESS: u16 = u16::MAX;

/// A [`Scratch::slots`] entry of a word not in the cache.
pub(super) const NONE: u32 = u32::MAX;

/// Set in a [`Scratch::at`] entry whose vectors are in `fresh`.
pub(super) const FRESH: usize = 1 << (usize::BITS - 1);

impl WordCache {
    /// Most words kept per model and thread (at 5 score vectors of 4-byte
    /// weights per word, 16 MB for 50 classes: on the Brown corpus, 90 % of
    /// the tokens are then found in the cache, 77 % with 4,096 words).
    pub(super) const WORDS: usize = 16384;
    /// Most words [`WordCache::seen`] holds.
    pub(super) const SEEN: usize = 1 << 16;
    /// Most classes for which [`WordCache::tag_pairs`] is built (64 classes:
    /// 1.1 MB).
    pub(super) const TAG_PAIR_CLASSES: usize = 64;
}
