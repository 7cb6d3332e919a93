//! Feature extraction for the averaged perceptron: NLTK's templates
//! ([`FeatureSet::Nltk`], byte-for-byte the strings of
//! `PerceptronTagger._get_features`) and nlkit's extended set
//! ([`FeatureSet::Extended`], NLTK's templates plus more affix and word-shape
//! features, used by our default models), with word clusters
//! ([`FeatureSet::Clusters`]) and with the tags a first-stage tagger gave
//! the sentence ([`FeatureSet::Stacked`]).

use std::borrow::Cow;

use super::clusters::{id_str, ClusterIds};
use super::pyunicode;

/// Which feature templates a perceptron model was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FeatureSet {
    /// Exactly NLTK 3.10.4's 14 templates.
    Nltk,
    /// NLTK's templates plus suffixes of length 1, 2, 4 and 5, prefixes of
    /// length 2 and 3, word shape, capitalisation, digit/hyphen/length, and
    /// a few word/tag conjunctions (28 templates in all).
    Extended,
    /// The extended templates plus word-cluster features (the clusters of
    /// the word and its neighbours at three granularities, see
    /// [`super::WordClusters`]); the model stores its clusters.
    Clusters,
    /// The cluster templates plus seven that read the tags a first-stage
    /// tagger (stored in the model) gave the token and its right
    /// neighbours: a stacked model, such as the default UPOS model, which
    /// reads the XPOS model's tags.
    Stacked,
}

impl FeatureSet {
    /// The name used in model metadata and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FeatureSet::Nltk => "nltk",
            FeatureSet::Extended => "extended",
            FeatureSet::Clusters => "clusters",
            FeatureSet::Stacked => "stacked",
        }
    }
}

/// NLTK's `PerceptronTagger.normalize`: words with an inner hyphen become
/// `!HYPHEN`, four-digit numbers `!YEAR`, other words starting with a digit
/// `!DIGITS`; everything else is lower-cased (Python's `str.lower`).
///
/// # Example
/// ```
/// use nlkit::tag::normalize;
/// assert_eq!(normalize("New-York"), "!HYPHEN");
/// assert_eq!(normalize("1999"), "!YEAR");
/// assert_eq!(normalize("3rd"), "!DIGITS");
/// assert_eq!(normalize("Dog"), "dog");
/// ```
pub fn normalize(word: &str) -> Cow<'_, str> {
    if word.contains('-') && !word.starts_with('-') {
        return Cow::Borrowed("!HYPHEN");
    }
    if pyunicode::str_is_digit(word) && word.chars().count() == 4 {
        return Cow::Borrowed("!YEAR");
    }
    if word.chars().next().is_some_and(pyunicode::is_digit) {
        return Cow::Borrowed("!DIGITS");
    }
    py_lower(word)
}

/// Python's `str.lower()` (full Unicode lower-case mapping).
pub(crate) fn py_lower(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        Cow::Borrowed(word)
    } else if word.is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The last `n` characters of `s` (Python's `s[-n:]`).
pub(crate) fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// The first `n` characters of `s` (Python's `s[:n]`).
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A compressed word shape: runs of `X` (upper), `x` (lower), `d` (digit),
/// other characters kept, each run at most twice.
pub(crate) fn shape(word: &str, out: &mut String) {
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            last = k;
            run = 1;
        }
        if run <= 2 {
            out.push(k);
        }
    }
}

/// A sentence as the feature templates read it, each list padded with two
/// places in front and two behind.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    /// The normalised words, padded with NLTK's `-START-`, `-START2-` and
    /// `-END-`, `-END2-`.
    pub words: &'a [Cow<'a, str>],
    /// Their word clusters (read by [`FeatureSet::Clusters`] and
    /// [`FeatureSet::Stacked`]; empty for the other sets).
    pub clusters: &'a [ClusterIds],
    /// The tags a first-stage tagger gave them, padded like the words (read
    /// by [`FeatureSet::Stacked`] only; empty for the other sets).
    pub first: &'a [&'a str],
}

/// Calls `f` with each feature string of token `i` (0-based) of the
/// sentence `ctx`. `buf` is scratch space.
#[allow(clippy::too_many_arguments)]
pub(crate) fn for_each_feature(
    set: FeatureSet,
    i: usize,
    word: &str,
    ctx: Context<'_>,
    prev: &str,
    prev2: &str,
    buf: &mut String,
    mut f: impl FnMut(&str),
) {
    for_each_feature_parts(
        set,
        Templates::All,
        i + 2,
        word,
        ctx,
        prev,
        prev2,
        |k, parts| {
            buf.clear();
            buf.push_str(TEMPLATES[k]);
            for p in parts {
                buf.push(' ');
                buf.push_str(p);
            }
            f(buf);
        },
    );
}

pub(crate) use super::templates::{N_TEMPLATES, TEMPLATES};

/// Whether each template of [`TEMPLATES`] reads the tags of the previous
/// words (the others depend on the words only).
pub(crate) const READS_TAGS: [bool; N_TEMPLATES] = {
    let mut r = [false; N_TEMPLATES];
    let mut k = 0;
    while k < TEMPLATES.len() {
        r[k] = contains_tag(TEMPLATES[k].as_bytes());
        k += 1;
    }
    r
};

/// Whether a template name mentions `tag` (`i-1 tag`, `i tag+i-2 tag`, ...).
const fn contains_tag(name: &[u8]) -> bool {
    let mut i = 0;
    while i + 3 <= name.len() {
        if name[i] == b't' && name[i + 1] == b'a' && name[i + 2] == b'g' {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether each template of [`TEMPLATES`] depends on the token's own word
/// only (not on its neighbours, its position or the tags): the bias, the
/// word, its affixes, shape, digits, hyphens, length and clusters.
pub(crate) const WORD_ONLY: [bool; N_TEMPLATES] = {
    let mut r = [false; N_TEMPLATES];
    let ks = [0, 1, 2, 6, 14, 15, 16, 17, 18, 19, 20, 27, 28, 29, 30];
    let mut i = 0;
    while i < ks.len() {
        r[ks[i]] = true;
        i += 1;
    }
    r
};

/// Whether each template of [`TEMPLATES`] reads the previous tags only
/// (`i-1 tag`, `i-2 tag` and the pair): the tagger sums these per pair of
/// previous tags once.
pub(crate) const TAGS_ONLY: [bool; N_TEMPLATES] = {
    let mut r = [false; N_TEMPLATES];
    r[3] = true;
    r[4] = true;
    r[5] = true;
    r
};

/// For each template of [`TEMPLATES`] that reads exactly one neighbouring
/// word (its normalised form, affixes or clusters) and nothing else, that
/// word's offset (-2, -1, 1 or 2); 0 for the others. The scores of these
/// templates are a function of the neighbouring word and the offset, so the
/// tagger caches them per word.
pub(crate) const NEIGHBOUR: [i8; N_TEMPLATES] = {
    let mut r = [0i8; N_TEMPLATES];
    let ks: [(usize, i8); 10] = [
        (8, -1),
        (9, -1),
        (10, -2),
        (11, 1),
        (12, 1),
        (13, 2),
        (24, 1),
        (31, -1),
        (32, 1),
        (33, 2),
    ];
    let mut i = 0;
    while i < ks.len() {
        r[ks[i].0] = ks[i].1;
        i += 1;
    }
    r
};

/// Which templates [`for_each_feature_parts`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Templates {
    /// All of them.
    All,
    /// Those that depend on the token's word only ([`WORD_ONLY`]). Tagging
    /// keys these from part hashes (`perceptron::keys::push_word_keys`);
    /// the tests check those keys against this variant's features.
    #[cfg_attr(not(test), allow(dead_code))]
    WordOnly,
    /// Those that read the previous tags.
    ReadingTags,
    /// Those that read the previous tags and nothing else ([`TAGS_ONLY`]).
    TagsOnly,
    /// Those that read only the neighbouring word at this offset
    /// ([`NEIGHBOUR`]).
    Neighbour(i8),
    /// Those that depend on the words around the token or its position,
    /// but not on tags, less the [`Templates::Neighbour`] ones, and less
    /// the templates whose bits are set in the mask (bit `k` for template
    /// `k`, see [`bit`]; the tagger adds their rows from tables it built
    /// once).
    /// (Tagging keys these from part hashes, `perceptron::keys`; this is
    /// the reference its tests compare with.)
    #[cfg_attr(not(test), allow(dead_code))]
    OtherContextExcept(u64),
    /// Those that read the previous tags and words, less the templates
    /// whose bits are set in the mask (as `OtherContextExcept`, tagging
    /// keys them from part hashes).
    #[cfg_attr(not(test), allow(dead_code))]
    TagsAndWordsExcept(u64),
    /// Exactly the templates whose bits are set in the mask.
    Only(u64),
}

/// The values of the `i cap` template (26), see [`cap_value`].
pub(crate) const CAPS: [&str; 3] = ["first-cap", "cap", "no"];

/// The index in [`CAPS`] of the `i cap` part of `word` at index `i` of the
/// padded context.
#[inline]
pub(crate) fn cap_value(word: &str, i: usize) -> usize {
    if word.chars().next().is_some_and(char::is_uppercase) {
        if i == 2 {
            0
        } else {
            1
        }
    } else {
        2
    }
}

/// The bit of template `k` in the masks of [`Templates`].
pub(crate) const fn bit(k: usize) -> u64 {
    1 << k
}

/// As [`for_each_feature`], but for the token at index `i` of the padded
/// `context` (token `i - 2`), and calling `add` with the template's index in
/// [`TEMPLATES`] and the parts, without joining them into a string (the
/// tagger hashes them as if joined, see `fxhash::StrHasher`), for the
/// templates `which` selects (the parts of the others are not computed).
/// `i` may be 0 or 1 (a position in the padding) for the templates of
/// [`Templates::Neighbour`] with a positive offset, which read no word
/// before `i`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn for_each_feature_parts(
    set: FeatureSet,
    which: Templates,
    i: usize,
    word: &str,
    sentence: Context<'_>,
    prev: &str,
    prev2: &str,
    mut add: impl FnMut(usize, &[&str]),
) {
    let Context {
        words: context,
        clusters,
        first,
    } = sentence;
    let ctx = |k: usize| -> &str { context.get(k).map_or("", |c| c.as_ref()) };
    let want = |k: usize| match which {
        Templates::All => true,
        Templates::WordOnly => WORD_ONLY[k],
        Templates::ReadingTags => READS_TAGS[k],
        Templates::TagsOnly => TAGS_ONLY[k],
        Templates::Neighbour(d) => NEIGHBOUR[k] == d,
        Templates::OtherContextExcept(m) => {
            !WORD_ONLY[k] && !READS_TAGS[k] && NEIGHBOUR[k] == 0 && m & bit(k) == 0
        }
        Templates::TagsAndWordsExcept(m) => READS_TAGS[k] && !TAGS_ONLY[k] && m & bit(k) == 0,
        Templates::Only(m) => m & bit(k) != 0,
    };
    macro_rules! emit {
        ($k:expr, [$($p:expr),*]) => {
            if want($k) {
                add($k, &[$($p),*]);
            }
        };
    }
    emit!(0, []);
    emit!(1, [suffix(word, 3)]);
    emit!(2, [prefix(word, 1)]);
    emit!(3, [prev]);
    emit!(4, [prev2]);
    emit!(5, [prev, prev2]);
    emit!(6, [ctx(i)]);
    emit!(7, [prev, ctx(i)]);
    emit!(8, [ctx(i - 1)]);
    emit!(9, [suffix(ctx(i - 1), 3)]);
    emit!(10, [ctx(i - 2)]);
    emit!(11, [ctx(i + 1)]);
    emit!(12, [suffix(ctx(i + 1), 3)]);
    emit!(13, [ctx(i + 2)]);
    if set == FeatureSet::Nltk {
        return;
    }
    emit!(14, [suffix(word, 1)]);
    emit!(15, [suffix(word, 2)]);
    emit!(16, [suffix(word, 4)]);
    emit!(17, [suffix(word, 5)]);
    emit!(18, [prefix(word, 2)]);
    emit!(19, [prefix(word, 3)]);
    if want(20) {
        let mut sh = String::with_capacity(word.len());
        shape(word, &mut sh);
        add(20, &[&sh]);
    }
    emit!(21, [prev, suffix(word, 3)]);
    emit!(22, [ctx(i), ctx(i + 1)]);
    emit!(23, [ctx(i - 1), ctx(i)]);
    emit!(24, [suffix(ctx(i + 1), 2)]);
    emit!(25, [prev, ctx(i + 1)]);
    if want(26) {
        add(26, &[CAPS[cap_value(word, i)]]);
    }
    if want(27) {
        let digit = if word.chars().any(|c| c.is_ascii_digit()) {
            "y"
        } else {
            "n"
        };
        let hyphen = if word.contains('-') { "y" } else { "n" };
        const LENS: [&str; 9] = ["0", "1", "2", "3", "4", "5", "6", "7", "8"];
        let len = LENS[word.chars().count().min(8)];
        add(27, &[digit, hyphen, len]);
    }
    if set == FeatureSet::Extended {
        return;
    }
    let c = |k: usize, g: usize| -> &str {
        id_str(
            clusters
                .get(k)
                .map_or(super::clusters::UNKNOWN[g], |c| c[g]),
        )
    };
    emit!(28, [c(i, 0)]);
    emit!(29, [c(i, 1)]);
    emit!(30, [c(i, 2)]);
    emit!(31, [c(i - 1, 1)]);
    emit!(32, [c(i + 1, 1)]);
    emit!(33, [c(i + 2, 0)]);
    emit!(34, [prev, c(i, 1)]);
    emit!(35, [c(i, 1), c(i + 1, 1)]);
    if set != FeatureSet::Stacked {
        return;
    }
    let g = |k: usize| -> &str { first.get(k).copied().unwrap_or("") };
    emit!(36, [g(i)]);
    emit!(37, [g(i + 1)]);
    emit!(38, [g(i + 2)]);
    emit!(39, [g(i), g(i + 1)]);
    emit!(40, [prev, g(i + 1)]);
    emit!(41, [ctx(i), g(i + 1)]);
    emit!(42, [g(i + 1), g(i + 2)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-only templates give the same parts for a word wherever it
    /// stands, the neighbour templates the same parts for the same
    /// neighbour; the groups split all templates.
    #[test]
    fn word_only_templates_ignore_context() {
        let collect = |which, i: usize, ctx: &[&str], prev: &str| {
            let context: Vec<Cow<'_, str>> = ctx.iter().map(|w| Cow::Borrowed(*w)).collect();
            let wc =
                crate::tag::WordClusters::from_tsv("dog-day\t1\t2\t3\nruns\t4\t5\t6\n").unwrap();
            let mut clusters = Vec::new();
            wc.context(&ctx[2..ctx.len() - 2], &mut clusters);
            let first: Vec<&str> = ctx.iter().map(|w| &w[..1]).collect();
            let sentence = Context {
                words: &context,
                clusters: &clusters,
                first: &first,
            };
            let mut out: Vec<(usize, Vec<String>)> = Vec::new();
            for_each_feature_parts(
                FeatureSet::Stacked,
                which,
                i + 2,
                ctx[i + 2],
                sentence,
                prev,
                "X",
                |k, p| out.push((k, p.iter().map(|s| s.to_string()).collect::<Vec<_>>())),
            );
            out
        };
        let a = ["-START-", "-START2-", "Dog-day", "-END-", "-END2-"];
        let b = [
            "-START-", "-START2-", "the", "big", "Dog-day", "runs", "-END-", "-END2-",
        ];
        assert_eq!(
            collect(Templates::WordOnly, 0, &a, "NN"),
            collect(Templates::WordOnly, 2, &b, "JJ")
        );
        let c = [
            "-START-", "-START2-", "x", "big", "Dog-day", "runs", "y", "-END-", "-END2-",
        ];
        for (d, ic, ib) in [(-1, 3, 3), (1, 1, 1), (2, 0, 0), (-2, 3, 3)] {
            assert_eq!(
                collect(Templates::Neighbour(d), ic, &c, "NN"),
                collect(Templates::Neighbour(d), ib, &b, "JJ"),
                "offset {d}"
            );
        }
        let mut all: Vec<usize> = [
            Templates::WordOnly,
            Templates::OtherContextExcept(0),
            Templates::TagsOnly,
            Templates::TagsAndWordsExcept(0),
            Templates::Neighbour(-2),
            Templates::Neighbour(-1),
            Templates::Neighbour(1),
            Templates::Neighbour(2),
        ]
        .into_iter()
        .flat_map(|w| collect(w, 2, &b, "JJ").into_iter().map(|(k, _)| k))
        .collect();
        all.sort_unstable();
        assert_eq!(all, (0..N_TEMPLATES).collect::<Vec<_>>());
    }

    #[test]
    fn affixes_are_char_based() {
        assert_eq!(suffix("héllo", 3), "llo");
        assert_eq!(suffix("hé", 3), "hé");
        assert_eq!(suffix("", 3), "");
        assert_eq!(prefix("élan", 1), "é");
        assert_eq!(prefix("", 1), "");
    }

    #[test]
    fn shape_compresses_runs() {
        let mut s = String::new();
        shape("McDonald's1999", &mut s);
        assert_eq!(s, "XxXxx'xdd");
    }
}
