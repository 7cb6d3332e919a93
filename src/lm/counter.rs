//! NLTK's `nltk.lm.NgramCounter` in compact form: a trie of word ids.
//!
//! Depth `d` holds the `d`-grams. A node is the pair (parent node at depth
//! `d - 1`, word id) packed in a `u64`, found through one hash map per
//! depth; per node it keeps the n-gram's count, and, as a context, the sum
//! (`N()`) and number of distinct words counted after it. About 40 bytes
//! per distinct n-gram, against several hundred for NLTK's nested dicts.

use rustc_hash::FxHashMap;

/// One depth of the trie.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Level {
    index: FxHashMap<u64, u32>,
    /// (parent << 32) | word, by node id.
    pub(crate) keys: Vec<u64>,
    /// The n-gram's count.
    pub(crate) counts: Vec<u64>,
    /// As a context: sum of the counts of its children.
    pub(crate) n: Vec<u64>,
    /// As a context: number of children with a count.
    pub(crate) distinct: Vec<u32>,
}

impl Level {
    fn get(&self, parent: u32, word: u32) -> Option<u32> {
        self.index
            .get(&(((parent as u64) << 32) | word as u64))
            .copied()
    }

    fn ensure(&mut self, parent: u32, word: u32) -> u32 {
        let key = ((parent as u64) << 32) | word as u64;
        let next = self.keys.len() as u32;
        let id = *self.index.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
            self.counts.push(0);
            self.n.push(0);
            self.distinct.push(0);
        }
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }
}

/// N-gram counts over word ids (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NgramCounter {
    /// levels[d - 1] holds depth d.
    pub(crate) levels: Vec<Level>,
    root_n: u64,
    root_distinct: u32,
}

/// Statistics of a context's distribution (NLTK's `FreqDist` of the words
/// after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContextStats {
    /// `N()`: total count.
    pub n: u64,
    /// Number of distinct words with a count.
    pub distinct: u32,
}

impl NgramCounter {
    /// The node of an id sequence at depth `ids.len()` (root for empty).
    pub(crate) fn node(&self, ids: &[u32]) -> Option<u32> {
        let mut parent = 0u32;
        for (d, &w) in ids.iter().enumerate() {
            parent = self.levels.get(d)?.get(parent, w)?;
        }
        Some(parent)
    }

    pub(crate) fn ensure_node(&mut self, ids: &[u32]) -> u32 {
        while self.levels.len() < ids.len() {
            self.levels.push(Level::default());
        }
        let mut parent = 0u32;
        for (d, &w) in ids.iter().enumerate() {
            parent = self.levels[d].ensure(parent, w);
        }
        parent
    }

    /// Adds one occurrence of an n-gram (NLTK counts the word under its
    /// context). Empty n-grams are ignored by the caller.
    pub(crate) fn add(&mut self, ngram: &[u32], times: u64) {
        if ngram.is_empty() || times == 0 {
            return;
        }
        let node = self.ensure_node(ngram);
        let d = ngram.len();
        let parent = if d == 1 {
            None
        } else {
            self.node(&ngram[..d - 1])
        };
        self.bump(d, node, parent, times);
    }

    fn bump(&mut self, depth: usize, node: u32, parent: Option<u32>, times: u64) {
        let lvl = &mut self.levels[depth - 1];
        let was = lvl.counts[node as usize];
        lvl.counts[node as usize] = was.saturating_add(times);
        let (n, distinct) = match parent {
            None => (&mut self.root_n, &mut self.root_distinct),
            Some(p) => {
                let pl = &mut self.levels[depth - 2];
                (&mut pl.n[p as usize], &mut pl.distinct[p as usize])
            }
        };
        *n = n.saturating_add(times);
        if was == 0 {
            *distinct += 1;
        }
    }

    /// Counts every n-gram of lengths 1..=max_len starting at each position
    /// of `ids` (NLTK's `everygrams(ids, max_len=max_len)`), one hash
    /// lookup per n-gram.
    pub(crate) fn add_everygrams(&mut self, ids: &[u32], max_len: usize) {
        while self.levels.len() < max_len.min(ids.len()) {
            self.levels.push(Level::default());
        }
        for i in 0..ids.len() {
            let mut parent: Option<u32> = None;
            for d in 1..=max_len.min(ids.len() - i) {
                let node = self.levels[d - 1].ensure(parent.unwrap_or(0), ids[i + d - 1]);
                self.bump(d, node, parent, 1);
                parent = Some(node);
            }
        }
    }

    /// The count of an n-gram (0 when unseen; NLTK's `counts[ctx][word]`).
    pub fn count(&self, ngram: &[u32]) -> u64 {
        if ngram.is_empty() {
            return 0;
        }
        self.node(ngram)
            .map_or(0, |n| self.levels[ngram.len() - 1].counts[n as usize])
    }

    /// The distribution after a context: `N()` and the number of distinct
    /// words (the unigram distribution for an empty context).
    pub fn context(&self, ctx: &[u32]) -> ContextStats {
        if ctx.is_empty() {
            return ContextStats {
                n: self.root_n,
                distinct: self.root_distinct,
            };
        }
        match self.node(ctx) {
            Some(node) => {
                let l = &self.levels[ctx.len() - 1];
                ContextStats {
                    n: l.n[node as usize],
                    distinct: l.distinct[node as usize],
                }
            }
            None => ContextStats::default(),
        }
    }

    /// The words counted after a context (ids, any order).
    pub fn followers(&self, ctx: &[u32]) -> Vec<u32> {
        let d = ctx.len();
        let Some(level) = self.levels.get(d) else {
            return Vec::new();
        };
        let Some(parent) = self.node(ctx) else {
            return Vec::new();
        };
        level
            .keys
            .iter()
            .zip(&level.counts)
            .filter(|&(&k, &c)| c > 0 && (k >> 32) as u32 == parent)
            .map(|(&k, _)| k as u32)
            .collect()
    }

    /// NLTK's `counts.N()`: all counts of all orders.
    pub fn total(&self) -> u64 {
        self.levels
            .iter()
            .flat_map(|l| &l.counts)
            .fold(0u64, |a, &c| a.saturating_add(c))
    }

    /// Number of orders with counts (NLTK's `len(counts)`, for orders
    /// 1..=n).
    pub fn orders(&self) -> usize {
        self.levels.len()
    }

    /// The ids of the n-gram at a node (depth = `depth`), into `out`.
    pub(crate) fn path(&self, depth: usize, node: u32, out: &mut Vec<u32>) {
        out.clear();
        let mut node = node;
        for d in (0..depth).rev() {
            let k = self.levels[d].keys[node as usize];
            out.push(k as u32);
            node = (k >> 32) as u32;
        }
        out.reverse();
    }

    /// Rebuilds a counter from per-depth (keys, counts), as saved; checks
    /// every parent and word id.
    pub(crate) fn from_parts(
        parts: Vec<(Vec<u64>, Vec<u64>)>,
        words: usize,
    ) -> crate::Result<Self> {
        let bad = |m: &str| crate::Error::Model(format!("language model counts: {m}"));
        let mut c = NgramCounter::default();
        for (d, (keys, counts)) in parts.into_iter().enumerate() {
            if keys.len() != counts.len() || keys.len() >= u32::MAX as usize {
                return Err(bad("keys and counts differ in length"));
            }
            let parents = if d == 0 { 1 } else { c.levels[d - 1].len() };
            let mut lvl = Level {
                index: FxHashMap::default(),
                keys: Vec::with_capacity(keys.len()),
                counts: Vec::with_capacity(keys.len()),
                n: Vec::with_capacity(keys.len()),
                distinct: Vec::with_capacity(keys.len()),
            };
            lvl.index.reserve(keys.len());
            for &k in &keys {
                let (p, w) = ((k >> 32) as usize, (k as u32) as usize);
                if p >= parents || w >= words {
                    return Err(bad("an n-gram refers to an unknown word or context"));
                }
                lvl.ensure(p as u32, w as u32);
            }
            if lvl.len() != keys.len() {
                return Err(bad("an n-gram is listed twice"));
            }
            c.levels.push(lvl);
            for (node, &n) in counts.iter().enumerate() {
                if n > 0 {
                    let parent = if d == 0 {
                        None
                    } else {
                        Some((keys[node] >> 32) as u32)
                    };
                    c.bump(d + 1, node as u32, parent, n);
                }
            }
        }
        Ok(c)
    }
}

impl std::fmt::Display for NgramCounter {
    /// NLTK's `str(counts)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<NgramCounter with {} ngram orders and {} ngrams>",
            self.levels.len().max(1),
            self.total()
        )
    }
}
