//! The feature chart: edges in insertion order, their child-pointer lists
//! and indexes.

use rustc_hash::{FxHashMap, FxHashSet};

use super::edge::{Edge, EdgeKey, NO_KEY};

/// The child-pointer lists of one edge, without repeats. Most edges have
/// one or two, so they are compared directly; a set is built only for
/// edges with many.
#[derive(Default)]
pub(super) struct Cpls {
    pub(super) lists: Vec<Vec<usize>>,
    pub(super) set: Option<FxHashSet<Vec<usize>>>,
}

/// Child-pointer lists an edge may have before a set is built for them.
pub(super) const CPL_SCAN: usize = 16;

impl Cpls {
    /// Adds `cpl` unless the edge has it; whether it was new.
    pub(super) fn insert(&mut self, cpl: Vec<usize>) -> bool {
        if let Some(set) = &mut self.set {
            if !set.insert(cpl.clone()) {
                return false;
            }
        } else if self.lists.contains(&cpl) {
            return false;
        } else if self.lists.len() >= CPL_SCAN {
            let mut set: FxHashSet<Vec<usize>> = self.lists.iter().cloned().collect();
            set.insert(cpl.clone());
            self.set = Some(set);
        }
        self.lists.push(cpl);
        true
    }
}

/// The chart: edges in insertion order, their child-pointer lists, and the
/// indexes NLTK's `select` calls build.
pub(super) struct Chart {
    pub(super) tokens: Vec<String>,
    pub(super) edges: Vec<Edge>,
    pub(super) ids: FxHashMap<EdgeKey, usize>,
    pub(super) cpls: Vec<Cpls>,
    /// `select(start=, is_complete=True, lhs=)`.
    pub(super) complete_at: FxHashMap<(usize, u32), Vec<usize>>,
    /// `select(end=, is_complete=False, nextsym=)`.
    pub(super) waiting_at: FxHashMap<(usize, u32), Vec<usize>>,
    /// `select(end=)`, for the Earley parser.
    pub(super) ending_at: Vec<Vec<usize>>,
}

impl Chart {
    pub(super) fn new(tokens: Vec<String>) -> Chart {
        let n = tokens.len();
        Chart {
            tokens,
            edges: Vec::new(),
            ids: FxHashMap::default(),
            cpls: Vec::new(),
            complete_at: FxHashMap::default(),
            waiting_at: FxHashMap::default(),
            ending_at: vec![Vec::new(); n + 1],
        }
    }

    /// NLTK's `Chart.insert`: the edge's id and whether the chart changed
    /// (a new edge, or a new child-pointer list for a known one).
    pub(super) fn insert(&mut self, edge: Edge, cpls: Vec<Vec<usize>>) -> (usize, bool) {
        let key = edge.key();
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.edges.len();
                // Keys no production has are never looked up.
                if edge.key != NO_KEY {
                    let index = if edge.is_complete() {
                        self.complete_at.entry((edge.start, edge.key))
                    } else {
                        self.waiting_at.entry((edge.end, edge.key))
                    };
                    index.or_default().push(id);
                }
                if let Some(v) = self.ending_at.get_mut(edge.end) {
                    v.push(id);
                }
                self.ids.insert(key, id);
                self.edges.push(edge);
                self.cpls.push(Cpls::default());
                id
            }
        };
        let mut modified = false;
        for cpl in cpls {
            modified |= self.cpls[id].insert(cpl);
        }
        (id, modified)
    }

    /// NLTK's `insert_with_backpointer`.
    pub(super) fn insert_with_backpointer(
        &mut self,
        edge: Edge,
        left: usize,
        right: usize,
    ) -> (usize, bool) {
        let cpls = self.cpls[left]
            .lists
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.push(right);
                c
            })
            .collect();
        self.insert(edge, cpls)
    }
}
