//! The index keys of the features that tagging looks up for every token
//! (the context templates and the templates of the previous tag and a
//! word), from part hashes computed once per token.
//!
//! Speed: a feature's key is the hashes of its parts mixed with the
//! template's number ([`feature_key`]), so a token's normalised word, its
//! suffix, its cluster and its first-stage tag are each hashed once (a
//! cached word's hashes are kept with it, a tag's and a cluster's are
//! tables) and shared by the up to eight templates that read them, where
//! hashing each feature string hashed the same words again and again.
//! A part that holds a space has no part hash (0): its feature is keyed
//! from its strings, as `fxhash::name_key` keys such a name.

use super::cache::OFFSETS;
use super::*;
use crate::tag::clusters::{id_str, MAX_CLUSTERS};
use crate::tag::features::{prefix, shape, suffix, CAPS};

/// The part hashes of a sentence, one per index of the padded context.
#[derive(Default)]
pub(super) struct SentenceParts {
    /// The normalised words (the padding's too).
    pub(super) words: Vec<u64>,
    /// The last three characters of the tokens (0 in the padding).
    pub(super) suffix3: Vec<u64>,
    /// The middle-granularity clusters (empty for models without
    /// clusters).
    pub(super) c2: Vec<u64>,
    /// The first-stage tags (empty for models that are not stacked).
    pub(super) first: Vec<u64>,
}

/// [`part_hash`] of each cluster id's string.
fn cluster_hash(id: u16) -> u64 {
    static HASHES: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        (0..MAX_CLUSTERS + 2)
            .map(|id| part_hash(id_str(id)))
            .collect()
    });
    HASHES
        .get(usize::from(id))
        .copied()
        .unwrap_or_else(|| part_hash(id_str(id)))
}

impl SentenceParts {
    /// The part hashes of `tokens` in context `ctx`; `cached(p)` gives the
    /// kept (word, suffix) hashes of token `p` when its word is cached, and
    /// `first_hash(q)` the hash of the first-stage tag at index `q`.
    pub(super) fn fill(
        &mut self,
        tokens: &[&str],
        ctx: Context<'_>,
        cached: impl Fn(usize) -> Option<(u64, u64)>,
        first_hash: impl Fn(usize) -> u64,
    ) {
        let n = tokens.len();
        self.words.clear();
        self.suffix3.clear();
        for q in 0..n + 4 {
            let p = q.wrapping_sub(2);
            let (w, s) = match tokens.get(p) {
                Some(t) => cached(p).unwrap_or_else(|| {
                    let w = ctx.words.get(q).map_or("", |c| c.as_ref());
                    (part_hash(w), part_hash(suffix(t, 3)))
                }),
                None => (part_hash(ctx.words.get(q).map_or("", |c| c.as_ref())), 0),
            };
            self.words.push(w);
            self.suffix3.push(s);
        }
        self.c2.clear();
        if !ctx.clusters.is_empty() {
            self.c2.extend(
                (0..n + 4).map(|q| cluster_hash(ctx.clusters.get(q).map_or(UNKNOWN[1], |c| c[1]))),
            );
        }
        self.first.clear();
        if !ctx.first.is_empty() {
            self.first.extend((0..n + 4).map(first_hash));
        }
    }
}

impl PerceptronTagger {
    /// Pushes the keys of the features [`Templates::OtherContextExcept`]
    /// `(mask)` of the token `word` at index `i` of the padded context
    /// (what [`PerceptronTagger::push_hashes`] pushes, maybe in another
    /// order).
    pub(super) fn push_other_keys(
        &self,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        sp: &SentenceParts,
        mask: u64,
        keys: &mut Vec<u64>,
    ) {
        let set = self.feature_set;
        if set == FeatureSet::Nltk {
            return;
        }
        let part = |v: &[u64], q: usize| v.get(q).copied().unwrap_or(0);
        let w = |q: usize| part(&sp.words, q);
        let c = |q: usize| part(&sp.c2, q);
        let g = |q: usize| part(&sp.first, q);
        let mut key = |k: usize, h: &[u64]| {
            if mask & bit(k) != 0 {
            } else if h.iter().all(|&x| x != 0) {
                keys.push(feature_key(k, h));
            } else {
                // a part with a space: keyed by the feature's string
                self.push_hashes(Templates::Only(bit(k)), i, word, ctx, "", keys);
            }
        };
        key(22, &[w(i), w(i + 1)]);
        key(23, &[w(i - 1), w(i)]);
        if mask & bit(26) == 0 {
            key(26, &[part_hash(CAPS[cap_value(word, i)])]);
        }
        if set == FeatureSet::Extended {
            return;
        }
        key(35, &[c(i), c(i + 1)]);
        if set != FeatureSet::Stacked {
            return;
        }
        key(36, &[g(i)]);
        key(37, &[g(i + 1)]);
        key(38, &[g(i + 2)]);
        key(39, &[g(i), g(i + 1)]);
        key(41, &[w(i), g(i + 1)]);
        key(42, &[g(i + 1), g(i + 2)]);
    }

    /// Pushes the keys of the features [`Templates::TagsAndWordsExcept`]
    /// `(mask)` of the token `word` at index `i` of the padded context for
    /// the previous tag `prev`, whose part hash is `hp`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_tag_keys(
        &self,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        sp: &SentenceParts,
        mask: u64,
        (prev, hp): (&str, u64),
        keys: &mut Vec<u64>,
    ) {
        let set = self.feature_set;
        let part = |v: &[u64], q: usize| v.get(q).copied().unwrap_or(0);
        let mut key = |k: usize, h: u64| {
            if mask & bit(k) != 0 {
            } else if hp != 0 && h != 0 {
                keys.push(feature_key(k, &[hp, h]));
            } else {
                // a part with a space: keyed by the feature's string
                self.push_hashes(Templates::Only(bit(k)), i, word, ctx, prev, keys);
            }
        };
        key(7, part(&sp.words, i));
        if set == FeatureSet::Nltk {
            return;
        }
        key(21, part(&sp.suffix3, i));
        key(25, part(&sp.words, i + 1));
        if set == FeatureSet::Extended {
            return;
        }
        key(34, part(&sp.c2, i));
        if set != FeatureSet::Stacked {
            return;
        }
        key(40, part(&sp.first, i + 1));
    }

    /// The name of previous tag `t`: a class, or `-START-`, `-START2-` for
    /// `nc`, `nc + 1`.
    pub(super) fn tag_name(&self, t: usize) -> &str {
        match t.checked_sub(self.classes.len()) {
            None => &self.classes[t],
            Some(s) => START.get(s).copied().unwrap_or(""),
        }
    }

    /// The part hashes of the class names, then of `-START-`, `-START2-`
    /// (a previous tag's id indexes them).
    pub(super) fn tag_hashes(&self) -> Vec<u64> {
        self.classes
            .iter()
            .map(|c| part_hash(c))
            .chain(START.iter().map(|s| part_hash(s)))
            .collect()
    }
}

/// The keys of the features of a word not in the word cache, keyed from
/// part hashes: those of the word-only templates
/// ([`Templates::WordOnly`]) of the token `word` at index `q` of the
/// padded context, then, for each offset `d` of [`OFFSETS`], those of the
/// templates that read it as the neighbour at `d`
/// ([`Templates::Neighbour`]`(d)` of the token at `q - d`): the keys that
/// [`PerceptronTagger::push_hashes`] gives for the same templates, in the
/// same order. `group(g, n)` is called after each group (`g` 0 for the
/// word's own templates, `1 + k` for `OFFSETS[k]`) with the number of
/// keys in `hashes` then.
///
/// Speed: the word's normalised form, its three-character suffix and its
/// clusters are hashed once (the sentence's part hashes, shared with the
/// other templates), where keying each feature from its strings hashed the
/// normalised word four times and a cluster's string per template; the
/// word's shape is built in `buf`, not in a new string. A part with a space
/// has no part hash: its feature is keyed from its strings, as
/// [`parts_key`] keys it.
#[allow(clippy::too_many_arguments)]
pub(super) fn push_word_keys(
    set: FeatureSet,
    q: usize,
    word: &str,
    ctx: Context<'_>,
    sp: &SentenceParts,
    buf: &mut String,
    hashes: &mut Vec<u64>,
    mut group: impl FnMut(usize, usize),
) {
    let part = |v: &[u64], q: usize| v.get(q).copied().unwrap_or(0);
    let cluster = |g: usize| cluster_hash(ctx.clusters.get(q).map_or(UNKNOWN[g], |c| c[g]));
    // a template's key, or its string's key when a part has a space; `i`
    // and `w` are the token and word the template is read for
    let key = |k: usize, h: &[u64], i: usize, w: &str, hashes: &mut Vec<u64>| {
        if h.iter().all(|&x| x != 0) {
            hashes.push(feature_key(k, h));
        } else {
            for_each_feature_parts(set, Templates::Only(bit(k)), i, w, ctx, "", "", |k, p| {
                hashes.push(hash_parts(k, p))
            });
        }
    };
    let hw = part(&sp.words, q);
    let own = |k: usize, h: &[u64], hashes: &mut Vec<u64>| key(k, h, q, word, hashes);
    own(0, &[], hashes);
    own(1, &[part(&sp.suffix3, q)], hashes);
    own(2, &[part_hash(prefix(word, 1))], hashes);
    own(6, &[hw], hashes);
    if set != FeatureSet::Nltk {
        for (k, n) in [(14, 1), (15, 2), (16, 4), (17, 5)] {
            own(k, &[part_hash(suffix(word, n))], hashes);
        }
        for (k, n) in [(18, 2), (19, 3)] {
            own(k, &[part_hash(prefix(word, n))], hashes);
        }
        buf.clear();
        shape(word, buf);
        own(20, &[part_hash(buf)], hashes);
        let yes_no = |b: bool| part_hash(if b { "y" } else { "n" });
        let digit = yes_no(word.chars().any(|c| c.is_ascii_digit()));
        let hyphen = yes_no(word.contains('-'));
        const LENS: [&str; 9] = ["0", "1", "2", "3", "4", "5", "6", "7", "8"];
        let len = part_hash(LENS[word.chars().count().min(8)]);
        own(27, &[digit, hyphen, len], hashes);
        if set != FeatureSet::Extended {
            own(28, &[cluster(0)], hashes);
            own(29, &[cluster(1)], hashes);
            own(30, &[cluster(2)], hashes);
        }
    }
    group(0, hashes.len());
    let clusters = !matches!(set, FeatureSet::Nltk | FeatureSet::Extended);
    let suffix3 = || part_hash(suffix(ctx.words.get(q).map_or("", |c| c.as_ref()), 3));
    for (g, &d) in OFFSETS.iter().enumerate() {
        let i = q.wrapping_add_signed(-isize::from(d));
        let near = |k: usize, h: &[u64], hashes: &mut Vec<u64>| key(k, h, i, "", hashes);
        match d {
            -2 => near(10, &[hw], hashes),
            -1 => {
                near(8, &[hw], hashes);
                near(9, &[suffix3()], hashes);
                if clusters {
                    near(31, &[cluster(1)], hashes);
                }
            }
            1 => {
                near(11, &[hw], hashes);
                near(12, &[suffix3()], hashes);
                if set != FeatureSet::Nltk {
                    let w = ctx.words.get(q).map_or("", |c| c.as_ref());
                    near(24, &[part_hash(suffix(w, 2))], hashes);
                }
                if clusters {
                    near(32, &[cluster(1)], hashes);
                }
            }
            _ => {
                near(13, &[hw], hashes);
                if clusters {
                    near(33, &[cluster(0)], hashes);
                }
            }
        }
        group(1 + g, hashes.len());
    }
}
