//! NLTK's `nltk.lm.Vocabulary`: word counts with a cutoff, and the
//! "unknown" label that words under the cutoff are looked up as.

use rustc_hash::FxHashMap;

use crate::{Error, Result};

/// NLTK's `Vocabulary`: counts every word it is updated with; a word is a
/// member when its count is at least `unk_cutoff` (the unknown label always
/// is), and [`Vocabulary::lookup`] maps non-members to the unknown label
/// (`<UNK>` by default).
///
/// Words are interned: each has a small integer id (the unknown label is
/// id 0), which the language models count n-grams with.
///
/// Difference: iteration lists members in first-seen order and the
/// unknown label last, as NLTK does, except when the label itself occurs
/// in the counted text (NLTK then lists it twice, at its first occurrence
/// and last; here it is listed once at the start and once at the end).
///
/// # Example
/// ```
/// use nlkit::lm::Vocabulary;
/// let words = ["a", "c", "-", "d", "c", "a", "b", "r", "a", "c", "d"];
/// let vocab = Vocabulary::new(words, 2).unwrap();
/// assert_eq!(vocab.get("c"), 3);
/// assert!(vocab.contains("d") && !vocab.contains("b"));
/// assert_eq!(vocab.lookup("aliens"), "<UNK>");
/// assert_eq!(vocab.len(), 4); // a, c, d and <UNK>
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    unk_label: String,
    cutoff: u64,
    words: Vec<String>,
    index: FxHashMap<String, u32>,
    counts: Vec<u64>,
    len: usize,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::empty(1, "<UNK>").unwrap_or_else(|_| unreachable!("cutoff 1 is valid"))
    }
}

impl Vocabulary {
    /// `Vocabulary(words, unk_cutoff=cutoff)` with the `<UNK>` label.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `cutoff` is 0 (NLTK: "Cutoff value
    /// cannot be less than 1").
    pub fn new<I>(words: I, cutoff: u64) -> Result<Self>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut v = Self::empty(cutoff, "<UNK>")?;
        v.update(words);
        Ok(v)
    }

    /// An empty vocabulary with the given cutoff and unknown label.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `cutoff` is 0.
    ///
    /// # Example
    /// ```
    /// let v = nlkit::lm::Vocabulary::empty(1, "<unk>").unwrap();
    /// assert!(v.is_empty());
    /// assert!(nlkit::lm::Vocabulary::empty(0, "<UNK>").is_err());
    /// ```
    pub fn empty(cutoff: u64, unk_label: &str) -> Result<Self> {
        if cutoff < 1 {
            return Err(Error::InvalidInput(format!(
                "Cutoff value cannot be less than 1. Got: {cutoff}"
            )));
        }
        let mut v = Vocabulary {
            unk_label: unk_label.to_string(),
            cutoff,
            words: Vec::new(),
            index: FxHashMap::default(),
            counts: Vec::new(),
            len: 0,
        };
        v.intern(unk_label);
        Ok(v)
    }

    pub(crate) fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.index.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(w.to_string());
        self.index.insert(w.to_string(), id);
        self.counts.push(0);
        id
    }

    /// Interns `w` when `intern`, else looks it up.
    pub(crate) fn intern_if(&mut self, intern: bool, w: &str) -> u32 {
        if intern {
            self.intern(w)
        } else {
            self.lookup_id(w)
        }
    }

    /// Counts the words (NLTK's `update`).
    pub fn update<I>(&mut self, words: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for w in words {
            let id = self.intern(w.as_ref()) as usize;
            self.counts[id] += 1;
        }
        self.recount();
    }

    /// Adds `n` to an interned word's count.
    pub(crate) fn add_id(&mut self, id: u32, n: u64) {
        if let Some(c) = self.counts.get_mut(id as usize) {
            *c += n;
        }
    }

    /// Recomputes the cached length after [`Vocabulary::add_id`] calls.
    pub(crate) fn recount(&mut self) {
        let present = self
            .counts
            .iter()
            .enumerate()
            .filter(|&(i, &c)| c > 0 && (i == 0 || c >= self.cutoff));
        let n = present.count();
        self.len = n + usize::from(self.counts.iter().any(|&c| c > 0));
    }

    /// The unknown label.
    pub fn unk_label(&self) -> &str {
        &self.unk_label
    }

    /// The cutoff.
    pub fn cutoff(&self) -> u64 {
        self.cutoff
    }

    /// NLTK's `vocab[word]`: the word's count (the cutoff for the unknown
    /// label).
    pub fn get(&self, word: &str) -> u64 {
        if word == self.unk_label {
            return self.cutoff;
        }
        self.index
            .get(word)
            .map_or(0, |&id| self.counts[id as usize])
    }

    /// NLTK's `word in vocab`: count at least the cutoff.
    pub fn contains(&self, word: &str) -> bool {
        self.get(word) >= self.cutoff
    }

    /// NLTK's `len(vocab)`: members with a count, plus the unknown label
    /// (when anything was counted).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was counted (NLTK's `not vocab`).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The word, or the unknown label when it is not a member.
    pub fn lookup<'a>(&'a self, word: &'a str) -> &'a str {
        &self.words[self.lookup_id(word) as usize]
    }

    /// The id [`Vocabulary::lookup`] maps a word to (0 is the unknown label).
    pub fn lookup_id(&self, word: &str) -> u32 {
        match self.index.get(word) {
            Some(&id) if id == 0 || self.counts[id as usize] >= self.cutoff => id,
            _ => 0,
        }
    }

    /// The id of an interned word mapped as [`Vocabulary::lookup_id`] does.
    pub(crate) fn lookup_known(&self, id: u32) -> u32 {
        match self.counts.get(id as usize) {
            Some(&c) if id == 0 || c >= self.cutoff => id,
            _ => 0,
        }
    }

    /// The word of an id.
    pub fn word(&self, id: u32) -> Option<&str> {
        self.words.get(id as usize).map(String::as_str)
    }

    /// The members, in first-seen order, then the unknown label (NLTK's
    /// `iter(vocab)`).
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let any = self.counts.iter().any(|&c| c > 0);
        self.counts
            .iter()
            .enumerate()
            .filter(move |&(i, &c)| c > 0 && (i == 0 || c >= self.cutoff))
            .map(move |(i, _)| self.words[i].as_str())
            .chain(any.then_some(self.unk_label.as_str()))
    }

    /// Every counted word with its count (NLTK's `vocab.counts`), in
    /// first-seen order.
    pub fn counts(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.words
            .iter()
            .zip(&self.counts)
            .filter(|(_, &c)| c > 0)
            .map(|(w, &c)| (w.as_str(), c))
    }

    /// All interned words (ids are positions), for the model file.
    pub(crate) fn raw(&self) -> (&[String], &[u64]) {
        (&self.words, &self.counts)
    }

    /// Rebuilds a vocabulary from [`Vocabulary::raw`] parts.
    pub(crate) fn from_raw(
        unk_label: String,
        cutoff: u64,
        words: Vec<String>,
        counts: Vec<u64>,
    ) -> Result<Self> {
        if cutoff < 1 || words.len() != counts.len() || words.first() != Some(&unk_label) {
            return Err(Error::Model("inconsistent vocabulary".into()));
        }
        let mut index = FxHashMap::default();
        for (i, w) in words.iter().enumerate() {
            if index.insert(w.clone(), i as u32).is_some() {
                return Err(Error::Model(format!("vocabulary lists `{w}` twice")));
            }
        }
        let mut v = Vocabulary {
            unk_label,
            cutoff,
            words,
            index,
            counts,
            len: 0,
        };
        v.recount();
        Ok(v)
    }
}

impl std::fmt::Display for Vocabulary {
    /// NLTK's `str(vocab)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<Vocabulary with cutoff={} unk_label='{}' and {} items>",
            self.cutoff,
            self.unk_label,
            self.len()
        )
    }
}
