//! Morphy and the WordNet lemmatizer (NLTK's `WordNetCorpusReader._morphy`
//! and `nltk.stem.WordNetLemmatizer`).
//!
//! NLTK memoises `morphy` inside its reader; here the memo is explicit: a
//! caller-owned [`LemmaCache`] for [`WordNetLemmatizer::lemmatize_cached`]
//! (a bounded table of word -> lemma with the keys stored inline), which
//! keeps a shared lemmatizer lock-free across threads. Answers are the same
//! with or without it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::db::PosIndex;
use super::{FxHashMap, Pos, WordNet};
use crate::Result;

/// NLTK's `MORPHOLOGICAL_SUBSTITUTIONS`, in NLTK's order.
const NOUN_SUBS: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("ves", "f"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];
const VERB_SUBS: &[(&str, &str)] = &[
    ("s", ""),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
];
const ADJ_SUBS: &[(&str, &str)] = &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

fn substitutions(pos: Pos) -> &'static [(&'static str, &'static str)] {
    match pos {
        Pos::Noun => NOUN_SUBS,
        Pos::Verb => VERB_SUBS,
        Pos::Adj | Pos::AdjSat => ADJ_SUBS,
        Pos::Adv => &[],
    }
}

/// `form.strip_suffix(old)` for the short ASCII suffixes of morphy,
/// comparing bytes inline (a `memcmp` call per rule dominated the profile).
#[inline]
fn strip_suffix<'a>(form: &'a str, old: &str) -> Option<&'a str> {
    let (f, o) = (form.as_bytes(), old.as_bytes());
    if f.len() < o.len() {
        return None;
    }
    let cut = f.len() - o.len();
    if f[cut..].iter().zip(o).all(|(a, b)| a == b) {
        form.get(..cut)
    } else {
        None
    }
}

/// Calls `f` with every candidate base form of `form`, in NLTK's order:
/// the form itself, then its exception-list entries when it has some (and
/// `check_exceptions`), else each suffix substitution that applies.
fn for_each_candidate(
    idx: &PosIndex,
    form: &str,
    pos: Pos,
    check_exceptions: bool,
    mut f: impl FnMut(&str),
) {
    f(form);
    if check_exceptions {
        if let Some(exc) = idx.exceptions(form) {
            for e in exc {
                f(e);
            }
            return;
        }
    }
    // Candidates are built in a stack buffer (no allocation for words of
    // up to 64 bytes, i.e. nearly all).
    let mut small = [0u8; 64];
    let mut big = String::new();
    for (old, new) in substitutions(pos) {
        if let Some(stem) = strip_suffix(form, old) {
            let n = stem.len() + new.len();
            if n <= small.len() {
                small[..stem.len()].copy_from_slice(stem.as_bytes());
                small[stem.len()..n].copy_from_slice(new.as_bytes());
                // `stem` ends at a char boundary and `new` is ASCII.
                if let Ok(c) = std::str::from_utf8(&small[..n]) {
                    f(c);
                }
            } else {
                big.clear();
                big.push_str(stem);
                big.push_str(new);
                f(&big);
            }
        }
    }
}

/// NLTK's `_morphy`: the candidates that are lemmas of `pos` in WordNet,
/// without duplicates, in candidate order.
pub(crate) fn morphy_candidates<'a>(
    idx: &'a PosIndex,
    form: &str,
    pos: Pos,
    check_exceptions: bool,
) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    for_each_candidate(idx, form, pos, check_exceptions, |c| {
        if let Some(k) = idx.key(c) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    });
    out
}

/// Maps a Penn Treebank tag to a WordNet part of speech the way the common
/// NLTK recipe does: `J*` adjective, `V*` verb, `N*` noun, `R*` adverb,
/// anything else noun (the lemmatizer's default).
///
/// # Example
/// ```
/// use nlkit::wordnet::{penn_to_wordnet, Pos};
/// assert_eq!(penn_to_wordnet("VBD"), Pos::Verb);
/// assert_eq!(penn_to_wordnet("JJR"), Pos::Adj);
/// assert_eq!(penn_to_wordnet("RB"), Pos::Adv);
/// assert_eq!(penn_to_wordnet("DT"), Pos::Noun);
/// ```
pub fn penn_to_wordnet(tag: &str) -> Pos {
    match tag.as_bytes().first() {
        Some(b'J') => Pos::Adj,
        Some(b'V') => Pos::Verb,
        Some(b'R') => Pos::Adv,
        _ => Pos::Noun,
    }
}

/// NLTK's `WordNetLemmatizer`: the shortest lemma that morphy finds for a
/// word and part of speech, or the word unchanged when WordNet has none.
/// Case-sensitive, as NLTK's (WordNet's lemmas are lower case, so `Dogs`
/// stays `Dogs`).
///
/// The index of a part of speech is loaded on its first use.
///
/// # Example
/// ```
/// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
/// # std::env::set_var("NLTK_DATA", ".nltk_data");
/// use nlkit::wordnet::{Pos, WordNetLemmatizer};
/// let lem = WordNetLemmatizer::load(None)?;
/// assert_eq!(lem.lemmatize("churches", Pos::Noun)?, "church");
/// assert_eq!(lem.lemmatize("was", Pos::Verb)?, "be");
/// assert_eq!(lem.lemmatize("better", Pos::Adj)?, "good");
/// assert_eq!(lem.lemmatize("us", Pos::Noun)?, "u");
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WordNetLemmatizer {
    wn: WordNet,
    /// Identifies the database for [`LemmaCache`] (clones share it).
    id: u64,
}

/// Source of [`WordNetLemmatizer`] ids.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl WordNetLemmatizer {
    /// A lemmatizer over an opened WordNet.
    pub fn new(wn: WordNet) -> WordNetLemmatizer {
        WordNetLemmatizer {
            wn,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// A lemmatizer over `corpora/wordnet` found in `data_dir` or along
    /// NLTK's search path.
    ///
    /// # Errors
    /// As [`WordNet::load`] (says `nlkit download wordnet` when missing).
    pub fn load(data_dir: Option<&Path>) -> Result<WordNetLemmatizer> {
        Ok(WordNetLemmatizer::new(WordNet::load(data_dir)?))
    }

    /// The underlying database.
    pub fn wordnet(&self) -> &WordNet {
        &self.wn
    }

    /// NLTK's `lemmatize(word, pos)`: of the base forms morphy finds, the
    /// one with the fewest characters (the first of equal ones); `word`
    /// itself when there is none. For many words, see
    /// [`WordNetLemmatizer::lemmatize_cached`] (the same answers, faster).
    ///
    /// # Errors
    /// When the index or exception list of `pos` cannot be read.
    pub fn lemmatize<'a>(&'a self, word: &'a str, pos: Pos) -> Result<&'a str> {
        let idx = self.wn.pos_index(pos)?;
        let mut best: Option<(&'a str, usize)> = None;
        for_each_candidate(idx, word, pos, true, |c| {
            if let Some(k) = idx.key(c) {
                let n = k.chars().count();
                let better = match best {
                    None => true,
                    Some((_, m)) => n < m,
                };
                if better {
                    best = Some((k, n));
                }
            }
        });
        Ok(best.map_or(word, |(k, _)| k))
    }

    /// [`WordNetLemmatizer::lemmatize`] through a cache of earlier
    /// answers: the same result, faster on real text, which repeats its
    /// words (the 258k tokens of the English EWT treebank are 24k distinct
    /// forms). The cache belongs to the caller, so a lemmatizer shared by
    /// several threads needs no lock: give each thread its own cache. A
    /// cache used with another lemmatizer (another database) forgets its
    /// entries first, so it can never give another database's answer.
    ///
    /// # Errors
    /// As [`WordNetLemmatizer::lemmatize`] (errors are not cached).
    ///
    /// # Example
    /// ```
    /// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
    /// # std::env::set_var("NLTK_DATA", ".nltk_data");
    /// use nlkit::wordnet::{LemmaCache, Pos, WordNetLemmatizer};
    /// let lem = WordNetLemmatizer::load(None)?;
    /// let mut cache = LemmaCache::new();
    /// let mut out = Vec::new();
    /// for w in ["geese", "dogs", "geese", "was"] {
    ///     out.push(lem.lemmatize_cached(&mut cache, w, Pos::Noun)?.to_string());
    /// }
    /// assert_eq!(out, ["goose", "dog", "goose", "wa"]);
    /// assert_eq!(cache.len(), 3);
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn lemmatize_cached<'a>(
        &'a self,
        cache: &'a mut LemmaCache,
        word: &'a str,
        pos: Pos,
    ) -> Result<&'a str> {
        let Some(key) = CacheKey::new(word, pos) else {
            return self.lemmatize(word, pos);
        };
        if cache.owner != self.id {
            cache.clear();
            cache.owner = self.id;
        }
        if let Some(&v) = cache.map.get(&key) {
            return Ok(v.as_lemma(&cache.arena, word));
        }
        let lemma = self.lemmatize(word, pos)?;
        // Once full, the cache keeps answering but takes no new entries.
        if cache.map.len() < cache.limit {
            if let Some(v) = cache.entry_for(lemma, word) {
                cache.map.insert(key, v);
            }
        }
        Ok(lemma)
    }

    /// NLTK's `morphy(form, pos)`: the first base form, or `None`.
    ///
    /// # Errors
    /// As [`WordNetLemmatizer::lemmatize`].
    pub fn morphy(&self, form: &str, pos: Option<Pos>) -> Result<Option<String>> {
        self.wn.morphy(form, pos)
    }
}

/// Longest word (in bytes) that a [`LemmaCache`] stores; longer words
/// (0.3 % of the English EWT treebank's tokens) are lemmatized without it.
const INLINE: usize = 14;

/// A cache key stored inline in the table (no pointer to follow on a
/// hit): the part of speech, the length and the bytes of the word,
/// zero-padded, as two words (hashed with two multiplications).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct CacheKey(u64, u64);

impl CacheKey {
    #[inline]
    fn new(word: &str, pos: Pos) -> Option<CacheKey> {
        let w = word.as_bytes();
        if w.len() > INLINE {
            return None;
        }
        let mut k = [0u8; 16];
        k[0] = pos.number();
        k[1] = w.len() as u8;
        k[2..2 + w.len()].copy_from_slice(w);
        let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7] = k;
        Some(CacheKey(
            u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]),
            u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]),
        ))
    }
}

/// A cached answer: the first `len` bytes of the word itself (the word
/// unchanged, or a stripped suffix: `dogs` -> `dog`, `walked` -> `walk`),
/// or bytes `start..start + len` of the cache's arena.
#[derive(Clone, Copy)]
struct CachedLemma {
    start: u32,
    len: u32,
}

/// [`CachedLemma::start`] of a prefix of the word.
const PREFIX: u32 = u32::MAX;

impl CachedLemma {
    #[inline]
    fn as_lemma<'a>(self, arena: &'a str, word: &'a str) -> &'a str {
        let len = self.len as usize;
        let lemma = if self.start == PREFIX {
            word.get(..len)
        } else {
            let start = self.start as usize;
            arena.get(start..start + len)
        };
        // Always `Some`: the entry was made from this word / arena.
        lemma.unwrap_or(word)
    }
}

/// A caller-owned cache for [`WordNetLemmatizer::lemmatize_cached`]:
/// word and part of speech -> lemma, for words of up to 14 bytes, stored
/// inline in one hash table (24 bytes an entry).
///
/// Its size is bounded: once it holds [`LemmaCache::limit`] entries it
/// stops taking new ones (it keeps answering from those it has; a
/// text's frequent words come early), so memory stays bounded on any
/// input. The default limit, 28,672 entries, keeps the table under
/// 800 KB (it fits a core's L2 cache), plus the lemmas that are not a
/// prefix of their word. One cache per thread: it is `Send` but used through `&mut`.
///
/// # Example
/// ```
/// use nlkit::wordnet::LemmaCache;
/// let cache = LemmaCache::with_limit(1000);
/// assert_eq!(cache.limit(), 1000);
/// assert!(cache.is_empty());
/// ```
#[derive(Clone)]
pub struct LemmaCache {
    map: FxHashMap<CacheKey, CachedLemma>,
    /// The lemmas that are not a prefix of their word, one after another.
    arena: String,
    limit: usize,
    /// The id of the lemmatizer whose answers are cached (0: none).
    owner: u64,
}

impl std::fmt::Debug for LemmaCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LemmaCache")
            .field("len", &self.map.len())
            .field("limit", &self.limit)
            .finish()
    }
}

impl Default for LemmaCache {
    fn default() -> LemmaCache {
        LemmaCache::new()
    }
}

impl LemmaCache {
    /// The default limit: 7/8 of 32,768 buckets, so the table never grows
    /// past 32,768 buckets.
    pub const DEFAULT_LIMIT: usize = 28_672;

    /// An empty cache with the default limit ([`LemmaCache::DEFAULT_LIMIT`]).
    pub fn new() -> LemmaCache {
        LemmaCache::with_limit(LemmaCache::DEFAULT_LIMIT)
    }

    /// An empty cache that holds at most `limit` entries (0: caches nothing).
    pub fn with_limit(limit: usize) -> LemmaCache {
        LemmaCache {
            map: FxHashMap::default(),
            arena: String::new(),
            limit,
            owner: 0,
        }
    }

    /// The most entries it holds.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Number of cached answers.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Forgets every entry (keeps the table's memory).
    pub fn clear(&mut self) {
        self.map.clear();
        self.arena.clear();
    }

    /// The entry for `lemma` of `word`, its bytes added to the arena unless
    /// it is a prefix of `word` (`None` when the arena is full).
    fn entry_for(&mut self, lemma: &str, word: &str) -> Option<CachedLemma> {
        let len = u32::try_from(lemma.len()).ok()?;
        if word.starts_with(lemma) {
            return Some(CachedLemma { start: PREFIX, len });
        }
        let start = u32::try_from(self.arena.len()).ok()?;
        if start.checked_add(len)? == PREFIX {
            return None;
        }
        self.arena.push_str(lemma);
        Some(CachedLemma { start, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemmatizer() -> Option<WordNetLemmatizer> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".nltk_data/corpora/wordnet");
        if !dir.exists() {
            return None;
        }
        Some(WordNetLemmatizer::new(WordNet::open(&dir).ok()?))
    }

    /// Words that take every kind of cache entry: unchanged, a prefix,
    /// an exception, a substitution, too long for the cache, non-ASCII.
    const WORDS: &[&str] = &[
        "dogs",
        "geese",
        "churches",
        "was",
        "ran",
        "better",
        "best",
        "leaves",
        "wolves",
        "studies",
        "dog",
        "Dogs",
        "men",
        "women",
        "xyzzy",
        "",
        "s",
        "ies",
        "naïve",
        "antidisestablishmentarianism",
        "internationalizations",
        "mice",
        "running",
        "hoping",
        "handkerchiefs",
        "fishes",
        "abaci",
        "ß",
        "犬たち",
        "abcdefghijklmn",
        "abcdefghijklmno",
        "passersby",
        "better-looking",
    ];

    #[test]
    fn cached_answers_equal_uncached_for_every_pos_and_limit() {
        let Some(lem) = lemmatizer() else { return };
        for limit in [0, 1, 5, LemmaCache::DEFAULT_LIMIT] {
            let mut cache = LemmaCache::with_limit(limit);
            for round in 0..3 {
                for pos in [Pos::Noun, Pos::Verb, Pos::Adj, Pos::AdjSat, Pos::Adv] {
                    for w in WORDS {
                        let want = lem.lemmatize(w, pos).unwrap().to_string();
                        let got = lem.lemmatize_cached(&mut cache, w, pos).unwrap();
                        assert_eq!(got, want, "{w:?} {pos} limit {limit} round {round}");
                    }
                }
                assert!(cache.len() <= limit);
            }
        }
    }

    #[test]
    fn a_cache_moved_to_another_lemmatizer_forgets_its_entries() {
        let Some(a) = lemmatizer() else { return };
        let b = WordNetLemmatizer::new(a.wordnet().clone());
        let mut cache = LemmaCache::new();
        assert_eq!(
            a.lemmatize_cached(&mut cache, "geese", Pos::Noun).unwrap(),
            "goose"
        );
        assert_eq!(cache.len(), 1);
        assert_eq!(
            b.lemmatize_cached(&mut cache, "dogs", Pos::Noun).unwrap(),
            "dog"
        );
        assert_eq!(cache.len(), 1);
        // Clones share the database, and the cache.
        let c = b.clone();
        assert_eq!(
            c.lemmatize_cached(&mut cache, "dogs", Pos::Noun).unwrap(),
            "dog"
        );
        assert_eq!(cache.len(), 1);
        cache.clear();
        assert!(cache.is_empty());
    }
}
