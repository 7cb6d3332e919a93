//! A [`CFG`] compiled for the chart: symbols as integers, duplicate
//! productions merged (NLTK's chart edges compare productions by value, so
//! a repeated production adds no parses), productions indexed by their
//! first right-hand symbol, with each nonterminal's FIRST set (the words
//! it can start with), whether it can be empty, and its left corners (the
//! nonterminals a constituent of it can start with), so that the chart
//! keeps no item that cannot be completed from the next word on and starts
//! none that nothing before it could use.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::grammar::{Symbol, CFG};

/// The compiled grammar.
#[derive(Debug, Clone)]
pub(crate) struct ChartGrammar {
    /// Nonterminal labels; nonterminal ids are `0..labels.len()`.
    pub labels: Arc<Vec<String>>,
    /// Terminal word -> symbol id (`>= labels.len()`).
    pub terminals: FxHashMap<String, u32>,
    lhs: Vec<u32>,
    rhs_start: Vec<u32>,
    rhs: Vec<u32>,
    by_first: Vec<Vec<u32>>,
    /// Productions with an empty right-hand side.
    pub empty: Vec<u32>,
    /// The start symbol, when it is a nonterminal of the grammar.
    pub start: Option<u32>,
    /// Index of each compiled production in the source grammar.
    pub source: Vec<usize>,
    /// Per nonterminal: whether it derives the empty string.
    nullable: Vec<bool>,
    /// Per nonterminal: `first_words` words of a bit set over terminals
    /// (bit `terminal - labels.len()`): the words it can start with.
    first: Vec<u64>,
    first_words: usize,
    /// Per nonterminal: `lc_words` words of a bit set over nonterminals:
    /// itself and every nonterminal that can begin it (after empty
    /// constituents), transitively.
    left_corners: Vec<u64>,
    lc_words: usize,
}

impl ChartGrammar {
    pub fn new(g: &CFG) -> Self {
        let mut label_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut labels: Vec<String> = Vec::new();
        // Nonterminals first (so their ids are dense), then terminals.
        for p in g.productions() {
            let nts = std::iter::once(p.lhs()).chain(p.rhs().iter().filter_map(|s| match s {
                Symbol::N(n) => Some(n),
                Symbol::T(_) => None,
            }));
            for n in nts {
                if !label_ids.contains_key(n.symbol()) {
                    label_ids.insert(n.symbol().to_string(), labels.len() as u32);
                    labels.push(n.symbol().to_string());
                }
            }
        }
        let start_sym = g.start().symbol().to_string();
        let start = labels
            .iter()
            .position(|l| *l == start_sym)
            .map(|i| i as u32);
        let nn = labels.len() as u32;
        let mut terminals: FxHashMap<String, u32> = FxHashMap::default();
        let mut seen = rustc_hash::FxHashSet::default();
        let mut out = ChartGrammar {
            labels: Arc::new(Vec::new()),
            terminals: FxHashMap::default(),
            lhs: Vec::new(),
            rhs_start: vec![0],
            rhs: Vec::new(),
            by_first: Vec::new(),
            empty: Vec::new(),
            start,
            source: Vec::new(),
            nullable: Vec::new(),
            first: Vec::new(),
            first_words: 0,
            left_corners: Vec::new(),
            lc_words: 0,
        };
        for (k, p) in g.productions().iter().enumerate() {
            if !seen.insert(p) {
                continue;
            }
            let id = out.lhs.len() as u32;
            out.lhs.push(label_ids[p.lhs().symbol()]);
            for s in p.rhs() {
                let sym = match s {
                    Symbol::N(n) => label_ids[n.symbol()],
                    Symbol::T(t) => {
                        let next = nn + terminals.len() as u32;
                        *terminals.entry(t.clone()).or_insert(next)
                    }
                };
                out.rhs.push(sym);
            }
            out.rhs_start.push(out.rhs.len() as u32);
            out.source.push(k);
            match out.rhs(id).first() {
                Some(&f) => {
                    if out.by_first.len() <= f as usize {
                        out.by_first.resize(f as usize + 1, Vec::new());
                    }
                    out.by_first[f as usize].push(id);
                }
                None => out.empty.push(id),
            }
        }
        out.labels = Arc::new(labels);
        out.terminals = terminals;
        out.compute_first();
        out
    }

    /// Fills `nullable` and `first` (fixpoints over the productions).
    fn compute_first(&mut self) {
        let nn = self.labels.len();
        let words = self.terminals.len().div_ceil(64);
        let mut nullable = vec![false; nn];
        let mut changed = true;
        while changed {
            changed = false;
            for p in 0..self.lhs.len() {
                let l = self.lhs[p] as usize;
                if !nullable[l]
                    && self
                        .rhs(p as u32)
                        .iter()
                        .all(|&y| (y as usize) < nn && nullable[y as usize])
                {
                    nullable[l] = true;
                    changed = true;
                }
            }
        }
        let mut first = vec![0u64; nn * words];
        self.close_over_prefixes(&nullable, &mut first, words, |m, l, bit| {
            let w = &mut m[l * words + bit / 64];
            let fresh = *w & (1 << (bit % 64)) == 0;
            *w |= 1 << (bit % 64);
            fresh
        });
        let lw = nn.div_ceil(64);
        let mut lc = vec![0u64; nn * lw];
        for a in 0..nn {
            lc[a * lw + a / 64] |= 1 << (a % 64);
        }
        self.close_over_prefixes(&nullable, &mut lc, lw, |_, _, _| false);
        self.nullable = nullable;
        self.first = first;
        self.first_words = words;
        self.left_corners = lc;
        self.lc_words = lw;
    }

    /// The fixpoint shared by FIRST sets and left corners: for each
    /// production, walks its right-hand side while the symbols are nullable
    /// nonterminals, ORing row `y` of `m` (rows of `w` words) into row `lhs`
    /// for each nonterminal `y`, and calling `terminal(m, lhs, t)` at the
    /// first terminal `t`, where the walk stops; repeats until nothing
    /// changes (`terminal` says whether it changed a row).
    fn close_over_prefixes(
        &self,
        nullable: &[bool],
        m: &mut [u64],
        w: usize,
        terminal: impl Fn(&mut [u64], usize, usize) -> bool,
    ) {
        let nn = nullable.len();
        let mut changed = true;
        while changed {
            changed = false;
            for p in 0..self.lhs.len() {
                let l = self.lhs[p] as usize;
                for &y in self.rhs(p as u32) {
                    let y = y as usize;
                    if y >= nn {
                        changed |= terminal(m, l, y - nn);
                        break;
                    }
                    if y != l {
                        changed |= or_row(m, w, l, y);
                    }
                    if !nullable[y] {
                        break;
                    }
                }
            }
        }
    }

    /// Words in a bit set over nonterminals.
    pub fn nt_words(&self) -> usize {
        self.lc_words
    }

    /// ORs the left corners of nonterminal `sym` into `set` (`nt_words`
    /// words); terminals add nothing.
    pub fn add_left_corners(&self, sym: u32, set: &mut [u64]) {
        let s = sym as usize;
        if let Some(row) = self
            .left_corners
            .get(s * self.lc_words..(s + 1) * self.lc_words)
        {
            for (w, r) in set.iter_mut().zip(row) {
                *w |= r;
            }
        }
    }

    /// True when the symbols `rhs(p)[d..]` can derive a string that starts
    /// with the terminal `next` (`None`: the end of the sentence, so they
    /// must derive the empty string).
    pub fn viable(&self, p: u32, d: u32, next: Option<u32>) -> bool {
        let nn = self.labels.len();
        let bit = next.and_then(|t| (t as usize).checked_sub(nn));
        for &y in self.rhs(p).get(d as usize..).unwrap_or(&[]) {
            let y = y as usize;
            if y >= nn {
                return Some(y - nn) == bit;
            }
            if let Some(b) = bit {
                let w = self
                    .first
                    .get(y * self.first_words + b / 64)
                    .copied()
                    .unwrap_or(0);
                if w & (1 << (b % 64)) != 0 {
                    return true;
                }
            }
            if !self.nullable.get(y).copied().unwrap_or(false) {
                return false;
            }
        }
        true
    }

    pub fn lhs(&self, p: u32) -> u32 {
        self.lhs[p as usize]
    }

    pub fn rhs(&self, p: u32) -> &[u32] {
        let a = self.rhs_start[p as usize] as usize;
        let b = self.rhs_start[p as usize + 1] as usize;
        &self.rhs[a..b]
    }

    pub fn by_first(&self, sym: u32) -> &[u32] {
        self.by_first.get(sym as usize).map_or(&[], Vec::as_slice)
    }

    pub fn is_terminal(&self, sym: u32) -> bool {
        sym as usize >= self.labels.len()
    }
}

/// ORs row `src` of a bit matrix of `w` words per row into row `dst`;
/// whether `dst` gained a bit.
fn or_row(m: &mut [u64], w: usize, dst: usize, src: usize) -> bool {
    let mut changed = false;
    for k in 0..w {
        let add = m[src * w + k] & !m[dst * w + k];
        if add != 0 {
            m[dst * w + k] |= add;
            changed = true;
        }
    }
    changed
}
