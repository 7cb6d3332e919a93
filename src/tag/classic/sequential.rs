//! NLTK's sequential backoff taggers (`nltk.tag.sequential`): taggers that
//! tag left to right, each token either by this tagger's own rule or, when
//! it has no answer, by its backoff chain.
//!
//! * [`DefaultTagger`]: one tag for every token.
//! * [`RegexpTagger`]: the tag of the first pattern that matches at the
//!   start of the word (Python's `re.match`).
//! * [`NgramTagger`] ([`NgramTagger::unigram`], [`NgramTagger::bigram`],
//!   [`NgramTagger::trigram`]): a table from the context
//!   `(previous n-1 tags, word)` to the most frequent tag of that context in
//!   the training data; NLTK's `UnigramTagger`, `BigramTagger`,
//!   `TrigramTagger` and `NgramTagger`.
//! * [`AffixTagger`]: a table from a fixed-length prefix or suffix to a tag.
//!
//! Training follows NLTK's `ContextTagger._train` exactly: contexts are
//! computed with the **gold** history, a context is stored only if at least
//! one of its occurrences is not already tagged right by the backoff chain,
//! and only when its best tag occurs more than `cutoff` times; ties between
//! tags go to the tag seen first, as NLTK's `FreqDist.max`.
//!
//! Where a tagger and its whole backoff chain have no answer, NLTK's tag is
//! `None`; here [`SequentialBackoffTagger::tag_opt`] gives `None` and the
//! [`Tagger`](crate::tag::Tagger) implementation gives [`NONE_TAG`] (the
//! empty string).

use std::collections::HashMap;

use crate::{Error, Result};

/// The tag that [`crate::tag::Tagger::tag`] returns where NLTK's tag would
/// be `None` (no tagger of the chain had an answer): the empty string.
pub const NONE_TAG: &str = "";

/// A tagger that tags one token at a time, left to right, consulting its
/// backoff tagger when it has no answer (NLTK's `SequentialBackoffTagger`).
///
/// # Example
/// ```
/// use nlkit::tag::classic::{DefaultTagger, RegexpTagger, SequentialBackoffTagger};
/// let t = RegexpTagger::new(&[(r".*ing$", "VBG")], Some(Box::new(DefaultTagger::new("NN")))).unwrap();
/// assert_eq!(t.tag_opt(&["running", "dog"]), [Some("VBG"), Some("NN")]);
/// ```
pub trait SequentialBackoffTagger: Send + Sync {
    /// This tagger's own answer for `tokens[index]`, not consulting the
    /// backoff; `history` holds the tags chosen for the earlier tokens.
    fn choose_tag<'t>(
        &'t self,
        tokens: &[&str],
        index: usize,
        history: &[Option<&str>],
    ) -> Option<&'t str>;

    /// The backoff tagger, if any.
    fn backoff(&self) -> Option<&dyn SequentialBackoffTagger>;

    /// This tagger and its backoff chain as plain data, to be saved in
    /// nlkit's model format ([`super::ClassicTagger`]); `None` for a tagger
    /// (or chain) that cannot be saved. The default is `None`.
    fn to_model(&self) -> Option<super::ClassicModel> {
        None
    }

    /// The tag of `tokens[index]` from this tagger or, failing that, its
    /// backoff chain (NLTK's `tag_one`).
    fn tag_one<'t>(
        &'t self,
        tokens: &[&str],
        index: usize,
        history: &[Option<&str>],
    ) -> Option<&'t str> {
        if index >= tokens.len() {
            return None;
        }
        self.choose_tag(tokens, index, history).or_else(|| {
            self.backoff()
                .and_then(|b| b.tag_one(tokens, index, history))
        })
    }

    /// Tags a sentence; `None` where no tagger of the chain has an answer.
    fn tag_opt<'t>(&'t self, tokens: &[&str]) -> Vec<Option<&'t str>> {
        let mut tags: Vec<Option<&'t str>> = Vec::with_capacity(tokens.len());
        for i in 0..tokens.len() {
            let t = self.tag_one(tokens, i, &tags);
            tags.push(t);
        }
        tags
    }
}

/// Implements [`crate::tag::Tagger`] for a sequential tagger (`None` →
/// [`NONE_TAG`]).
macro_rules! impl_tagger {
    ($($t:ty),*) => {$(
        impl crate::tag::Tagger for $t {
            fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
                self.tag_opt(tokens)
                    .into_iter()
                    .map(|t| t.unwrap_or(NONE_TAG))
                    .collect()
            }
        }
    )*};
}

/// `choose_tag` and `backoff` of a tagger whose contexts are looked up in
/// its `inner` [`ContextTable`] (the n-gram and affix taggers).
macro_rules! context_table_lookups {
    () => {
        fn choose_tag<'t>(
            &'t self,
            tokens: &[&str],
            index: usize,
            history: &[Option<&str>],
        ) -> Option<&'t str> {
            self.inner.choose(tokens, index, history)
        }
        fn backoff(&self) -> Option<&dyn SequentialBackoffTagger> {
            self.inner.backoff.as_deref()
        }
    };
}

/// A boxed backoff tagger.
pub type Backoff = Option<Box<dyn SequentialBackoffTagger>>;

/// Assigns the same tag to every token (NLTK's `DefaultTagger`).
///
/// # Example
/// ```
/// use nlkit::tag::{Tagger, classic::DefaultTagger};
/// assert_eq!(DefaultTagger::new("NN").tag(&["This", "is"]), ["NN", "NN"]);
/// ```
#[derive(Debug, Clone)]
pub struct DefaultTagger {
    tag: String,
}

impl DefaultTagger {
    /// A tagger giving `tag` to every token.
    pub fn new(tag: &str) -> Self {
        DefaultTagger {
            tag: tag.to_string(),
        }
    }
}

fn regexps_src(regexps: &[(&str, &str)]) -> Vec<(String, String)> {
    regexps
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

/// The backoff chain of a tagger as data: `Ok(None)` for no backoff,
/// `Err(())` for a backoff that cannot be saved.
fn backoff_model(b: &Backoff) -> std::result::Result<Option<Box<super::ClassicModel>>, ()> {
    match b.as_deref() {
        None => Ok(None),
        Some(b) => b.to_model().map(|m| Some(Box::new(m))).ok_or(()),
    }
}

impl SequentialBackoffTagger for DefaultTagger {
    fn to_model(&self) -> Option<super::ClassicModel> {
        Some(super::ClassicModel::Default {
            tag: self.tag.clone(),
        })
    }
    fn choose_tag<'t>(&'t self, _: &[&str], _: usize, _: &[Option<&str>]) -> Option<&'t str> {
        Some(&self.tag)
    }
    fn backoff(&self) -> Option<&dyn SequentialBackoffTagger> {
        None
    }
}

/// Tags a word with the tag of the first regular expression that matches
/// at its start (NLTK's `RegexpTagger`, which uses Python's `re.match`:
/// anchored at the start, not at the end).
///
/// # Example
/// ```
/// use nlkit::tag::{Tagger, classic::RegexpTagger};
/// let t = RegexpTagger::new(&[(r"^-?[0-9]+(\.[0-9]+)?$", "CD"), (r".*s$", "NNS"), (r".*", "NN")], None).unwrap();
/// assert_eq!(t.tag(&["12", "dogs", "bark"]), ["CD", "NNS", "NN"]);
/// ```
pub struct RegexpTagger {
    regexps: Vec<(fancy_regex::Regex, String)>,
    patterns: Vec<(String, String)>,
    backoff: Backoff,
}

impl RegexpTagger {
    /// Compiles `(pattern, tag)` pairs, tried in order.
    ///
    /// # Errors
    /// [`Error::Regex`] for an invalid pattern.
    pub fn new(regexps: &[(&str, &str)], backoff: Backoff) -> Result<Self> {
        let compiled = regexps
            .iter()
            .map(|(p, t)| {
                fancy_regex::Regex::new(&format!(r"\A(?:{p})"))
                    .map(|r| (r, t.to_string()))
                    .map_err(|e| Error::Regex {
                        pattern: p.to_string(),
                        message: e.to_string(),
                    })
            })
            .collect::<Result<_>>()?;
        let patterns = regexps_src(regexps);
        Ok(RegexpTagger {
            regexps: compiled,
            patterns,
            backoff,
        })
    }

    /// The regular-expression list of NLTK's Brill demo (`nltk.tbl.demo`
    /// `REGEXP_TAGGER`, Brown-corpus tags: cardinals, articles, `-able`,
    /// `-ness`, `-ly`, `-s`, `-ing`, `-ed`, and `NN` for everything else).
    pub fn nltk_demo_patterns() -> &'static [(&'static str, &'static str)] {
        &[
            (r"^-?[0-9]+(\.[0-9]+)?$", "CD"),
            (r"(The|the|A|a|An|an)$", "AT"),
            (r".*able$", "JJ"),
            (r".*ness$", "NN"),
            (r".*ly$", "RB"),
            (r".*s$", "NNS"),
            (r".*ing$", "VBG"),
            (r".*ed$", "VBD"),
            (r".*", "NN"),
        ]
    }
}

impl SequentialBackoffTagger for RegexpTagger {
    fn choose_tag<'t>(
        &'t self,
        tokens: &[&str],
        index: usize,
        _: &[Option<&str>],
    ) -> Option<&'t str> {
        let word = tokens.get(index)?;
        self.regexps
            .iter()
            .find(|(r, _)| r.is_match(word).unwrap_or(false))
            .map(|(_, t)| t.as_str())
    }
    fn backoff(&self) -> Option<&dyn SequentialBackoffTagger> {
        self.backoff.as_deref()
    }
    fn to_model(&self) -> Option<super::ClassicModel> {
        Some(super::ClassicModel::Regexp {
            patterns: self.patterns.clone(),
            backoff: backoff_model(&self.backoff).ok()?,
        })
    }
}

/// How a [`ContextTable`] computes the context of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContextKind {
    /// `(tags[i-n+1..i], word)`; `n = 1` is the unigram context (the word).
    Ngram(usize),
    /// A prefix (`len > 0`) or suffix (`len < 0`) of `|len|` characters of
    /// words with at least `min_word_length` characters.
    Affix { len: isize, min_word_length: usize },
}

/// Separates the parts of a context key (a byte that cannot occur in tags
/// read from text formats).
const SEP: char = '\u{1f}';

impl ContextKind {
    /// The context key of `tokens[index]`; `None` when the token has no
    /// context (too short for an affix; a `None` tag in the history).
    fn key(self, tokens: &[&str], index: usize, history: &[Option<&str>]) -> Option<String> {
        let word = *tokens.get(index)?;
        match self {
            ContextKind::Ngram(n) => {
                let start = (index + 1).saturating_sub(n);
                let mut key = String::with_capacity(word.len() + 8 * (index - start) + 1);
                for i in start..index {
                    key.push_str(history.get(i).copied().flatten()?);
                    key.push(SEP);
                }
                key.push(SEP);
                key.push_str(word);
                Some(key)
            }
            ContextKind::Affix {
                len,
                min_word_length,
            } => {
                let nchars = word.chars().count();
                if nchars < min_word_length {
                    return None;
                }
                let k = len.unsigned_abs();
                Some(if len == 0 {
                    word.to_string()
                } else if len > 0 {
                    word.chars().take(k).collect()
                } else {
                    word.chars().skip(nchars.saturating_sub(k)).collect()
                })
            }
        }
    }
}

/// The trained table shared by n-gram and affix taggers (NLTK's
/// `ContextTagger`).
struct ContextTable {
    kind: ContextKind,
    table: HashMap<String, String>,
    backoff: Backoff,
}

impl ContextTable {
    fn train(
        kind: ContextKind,
        train: &[Vec<(String, String)>],
        cutoff: usize,
        backoff: Backoff,
    ) -> Self {
        // context -> (tag, count) in first-seen order; plus "useful" flag.
        let mut fd: HashMap<String, (Vec<(String, usize)>, bool)> = HashMap::new();
        for sent in train {
            let tokens: Vec<&str> = sent.iter().map(|(w, _)| w.as_str()).collect();
            let gold: Vec<Option<&str>> = sent.iter().map(|(_, t)| Some(t.as_str())).collect();
            for (i, (_, tag)) in sent.iter().enumerate() {
                let history = gold.get(..i).unwrap_or(&[]);
                let Some(key) = kind.key(&tokens, i, history) else {
                    continue;
                };
                let useful = match backoff.as_deref() {
                    None => true,
                    Some(b) => b.tag_one(&tokens, i, history) != Some(tag.as_str()),
                };
                let entry = fd.entry(key).or_default();
                match entry.0.iter_mut().find(|(t, _)| t == tag) {
                    Some((_, c)) => *c += 1,
                    None => entry.0.push((tag.clone(), 1)),
                }
                entry.1 |= useful;
            }
        }
        let mut table = HashMap::new();
        for (key, (tags, useful)) in fd {
            if !useful {
                continue;
            }
            // First tag with the maximal count (FreqDist.max tie-breaking).
            let mut best: Option<&(String, usize)> = None;
            for tc in &tags {
                if best.is_none_or(|b| tc.1 > b.1) {
                    best = Some(tc);
                }
            }
            if let Some((tag, hits)) = best {
                if *hits > cutoff {
                    table.insert(key, tag.clone());
                }
            }
        }
        ContextTable {
            kind,
            table,
            backoff,
        }
    }

    /// The table as `(context, tag)` pairs sorted by context.
    fn sorted_table(&self) -> Vec<(String, String)> {
        let mut t: Vec<(String, String)> = self
            .table
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        t.sort_unstable();
        t
    }

    fn choose<'t>(
        &'t self,
        tokens: &[&str],
        index: usize,
        history: &[Option<&str>],
    ) -> Option<&'t str> {
        let key = self.kind.key(tokens, index, history)?;
        self.table.get(&key).map(String::as_str)
    }
}

/// A tagger choosing a token's tag from its word and the `n - 1` previous
/// tags (NLTK's `NgramTagger`; `n = 1, 2, 3` are `UnigramTagger`,
/// `BigramTagger`, `TrigramTagger`).
///
/// # Example
/// ```
/// use nlkit::tag::classic::{DefaultTagger, NgramTagger, SequentialBackoffTagger};
/// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
/// let train = vec![s(&[("the", "DT"), ("run", "NN")]), s(&[("I", "PRP"), ("run", "VBP")]), s(&[("a", "DT"), ("run", "NN")])];
/// let t = NgramTagger::unigram(&train, 0, Some(Box::new(DefaultTagger::new("NN"))));
/// assert_eq!(t.tag_opt(&["I", "run", "fast"]), [Some("PRP"), Some("NN"), Some("NN")]);
/// ```
pub struct NgramTagger {
    n: usize,
    inner: ContextTable,
}

impl NgramTagger {
    /// Trains an n-gram tagger (`n ≥ 1`; `n = 0` is treated as 1) on
    /// gold-tagged sentences. A context is kept only if its best tag occurs
    /// more than `cutoff` times and the backoff does not already tag all
    /// its occurrences right.
    pub fn train(
        n: usize,
        train: &[Vec<(String, String)>],
        cutoff: usize,
        backoff: Backoff,
    ) -> Self {
        let n = n.max(1);
        NgramTagger {
            n,
            inner: ContextTable::train(ContextKind::Ngram(n), train, cutoff, backoff),
        }
    }

    /// NLTK's `UnigramTagger`.
    pub fn unigram(train: &[Vec<(String, String)>], cutoff: usize, backoff: Backoff) -> Self {
        Self::train(1, train, cutoff, backoff)
    }

    /// NLTK's `BigramTagger`.
    pub fn bigram(train: &[Vec<(String, String)>], cutoff: usize, backoff: Backoff) -> Self {
        Self::train(2, train, cutoff, backoff)
    }

    /// NLTK's `TrigramTagger`.
    pub fn trigram(train: &[Vec<(String, String)>], cutoff: usize, backoff: Backoff) -> Self {
        Self::train(3, train, cutoff, backoff)
    }

    /// The order `n`.
    pub fn order(&self) -> usize {
        self.n
    }

    /// Number of contexts in the table (NLTK's `size()`).
    pub fn size(&self) -> usize {
        self.inner.table.len()
    }

    /// Whether the unigram context `word` is in the table (for a unigram
    /// tagger: whether the word was seen, and kept, in training).
    pub fn knows(&self, word: &str) -> bool {
        let mut key = String::with_capacity(word.len() + 1);
        key.push(SEP);
        key.push_str(word);
        self.n == 1 && self.inner.table.contains_key(&key)
    }
}

impl SequentialBackoffTagger for NgramTagger {
    context_table_lookups!();
    fn to_model(&self) -> Option<super::ClassicModel> {
        Some(super::ClassicModel::Ngram {
            n: self.n,
            table: self.inner.sorted_table(),
            backoff: backoff_model(&self.inner.backoff).ok()?,
        })
    }
}

/// A tagger choosing a tag from a fixed-length prefix or suffix of the word
/// (NLTK's `AffixTagger`). Words shorter than
/// `min_stem_length + |affix_length|` characters get no tag (backoff).
///
/// # Example
/// ```
/// use nlkit::tag::classic::{AffixTagger, SequentialBackoffTagger};
/// let train = vec![vec![("walking".to_string(), "VBG".to_string()), ("quickly".into(), "RB".into())]];
/// let t = AffixTagger::train(&train, -3, 2, 0, None);
/// assert_eq!(t.tag_opt(&["talking", "ing", "slowly"]), [Some("VBG"), None, None]);
/// ```
pub struct AffixTagger {
    inner: ContextTable,
}

impl AffixTagger {
    /// Trains an affix tagger: `affix_length` characters (negative: a
    /// suffix; NLTK's default -3), `min_stem_length` (NLTK's default 2).
    pub fn train(
        train: &[Vec<(String, String)>],
        affix_length: isize,
        min_stem_length: usize,
        cutoff: usize,
        backoff: Backoff,
    ) -> Self {
        let kind = ContextKind::Affix {
            len: affix_length,
            min_word_length: min_stem_length + affix_length.unsigned_abs(),
        };
        AffixTagger {
            inner: ContextTable::train(kind, train, cutoff, backoff),
        }
    }

    /// Number of affixes in the table.
    pub fn size(&self) -> usize {
        self.inner.table.len()
    }
}

impl SequentialBackoffTagger for AffixTagger {
    context_table_lookups!();
    fn to_model(&self) -> Option<super::ClassicModel> {
        let ContextKind::Affix {
            len,
            min_word_length,
        } = self.inner.kind
        else {
            return None;
        };
        Some(super::ClassicModel::Affix {
            affix_length: len as i64,
            min_word_length: min_word_length as u64,
            table: self.inner.sorted_table(),
            backoff: backoff_model(&self.inner.backoff).ok()?,
        })
    }
}

impl NgramTagger {
    /// An n-gram tagger from a saved context table (keys as
    /// [`super::ClassicModel::Ngram`] documents them).
    pub(crate) fn from_table(n: usize, table: Vec<(String, String)>, backoff: Backoff) -> Self {
        let n = n.max(1);
        NgramTagger {
            n,
            inner: ContextTable {
                kind: ContextKind::Ngram(n),
                table: table.into_iter().collect(),
                backoff,
            },
        }
    }
}

impl AffixTagger {
    /// An affix tagger from a saved table.
    pub(crate) fn from_table(
        affix_length: isize,
        min_word_length: usize,
        table: Vec<(String, String)>,
        backoff: Backoff,
    ) -> Self {
        AffixTagger {
            inner: ContextTable {
                kind: ContextKind::Affix {
                    len: affix_length,
                    min_word_length,
                },
                table: table.into_iter().collect(),
                backoff,
            },
        }
    }
}

impl_tagger!(DefaultTagger, RegexpTagger, NgramTagger, AffixTagger);
