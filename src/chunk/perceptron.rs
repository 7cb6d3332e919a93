//! An averaged-perceptron chunker: IOB chunk tags from words, POS tags and
//! the chunk tags already chosen, decoded left to right with a small beam.
//!
//! NLTK has no such class (its book trains classifier-based chunkers with
//! maximum entropy); this is nlkit's own, trained as a structured
//! perceptron with early update (Collins & Roark 2004) and weight averaging,
//! with NLTK's [`Chunker`] interface. Features are hashed (FNV-1a, folded to
//! 32 bits) so a model holds no strings but its tag names; the hash is part
//! of the model format and fixed.
//!
//! Decoding never produces `I-X` after anything but `B-X` / `I-X`.

use rustc_hash::FxHashMap;

use super::{conlltags2tree, Chunker};
use crate::tree::Tree;
use crate::{Error, Result};

/// Feature template ids (part of the model format: do not renumber).
mod tpl {
    pub const BIAS: u8 = 0;
    pub const W: u8 = 1; // + offset
    pub const P: u8 = 10; // + offset
    pub const PP: u8 = 20; // + pair index
    pub const PPP: u8 = 30; // + triple index
    pub const WW: u8 = 40;
    pub const WP: u8 = 45;
    pub const SUF: u8 = 50;
    pub const SHAPE: u8 = 51;
    pub const C1: u8 = 60;
    pub const C2C1: u8 = 61;
    pub const C1P0: u8 = 62;
    pub const C1W0: u8 = 63;
    pub const C1P0P1: u8 = 64;
    pub const C2C1P0: u8 = 65;
    pub const C1PM1: u8 = 66;
    pub const CLU: u8 = 70; // + 3 * offset index + level
    pub const CLUP: u8 = 80;
}

/// The word clusters the `clusters` feature set reads
/// (`corpora/models/en_clusters.tsv`, embedded).
static CLUSTERS_TSV: &str = include_str!("../../corpora/models/en_clusters.tsv");

/// FNV-1a fingerprint of the embedded clusters file (stored in models that
/// use it, checked on load).
pub(crate) fn clusters_fingerprint() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in CLUSTERS_TSV.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The embedded word clusters (`None` if they could not be read).
pub(crate) fn clusters() -> Option<&'static crate::tag::WordClusters> {
    static CELL: std::sync::OnceLock<Option<crate::tag::WordClusters>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| crate::tag::WordClusters::from_tsv(CLUSTERS_TSV).ok())
        .as_ref()
}

/// FNV-1a over a template id and its parts (separated by `\x1f`), folded
/// to 32 bits.
fn fhash(t: u8, parts: &[&str]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(t);
    for p in parts {
        eat(0x1f);
        for &b in p.as_bytes() {
            eat(b);
        }
    }
    (h ^ (h >> 32)) as u32
}

/// A word's shape: runs of `X`, `x`, `d` and other characters, collapsed.
fn shape(w: &str) -> String {
    let mut s = String::new();
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !s.ends_with(k) {
            s.push(k);
        }
        if s.len() > 8 {
            break;
        }
    }
    s
}

/// The history-independent features of every token of a sentence.
fn static_features(
    words: &[&str],
    tags: &[&str],
    clu: Option<&crate::tag::WordClusters>,
) -> Vec<Vec<u32>> {
    let n = words.len();
    let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let wd = |i: isize| -> &str {
        if i < 0 {
            "-START-"
        } else if i as usize >= n {
            "-END-"
        } else {
            &lw[i as usize]
        }
    };
    let pd = |i: isize| -> &str {
        if i < 0 {
            "-START-"
        } else if i as usize >= n {
            "-END-"
        } else {
            tags[i as usize]
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n as isize {
        let mut f = Vec::with_capacity(40);
        f.push(fhash(tpl::BIAS, &[]));
        for (k, o) in (-2..=2).enumerate() {
            f.push(fhash(tpl::W + k as u8, &[wd(i + o)]));
            f.push(fhash(tpl::P + k as u8, &[pd(i + o)]));
        }
        let pairs = [(-2, -1), (-1, 0), (0, 1), (1, 2), (-1, 1)];
        for (k, (a, b)) in pairs.iter().enumerate() {
            f.push(fhash(tpl::PP + k as u8, &[pd(i + a), pd(i + b)]));
        }
        let triples = [(-2, -1, 0), (-1, 0, 1), (0, 1, 2)];
        for (k, (a, b, c)) in triples.iter().enumerate() {
            f.push(fhash(
                tpl::PPP + k as u8,
                &[pd(i + a), pd(i + b), pd(i + c)],
            ));
        }
        f.push(fhash(tpl::WW, &[wd(i - 1), wd(i)]));
        f.push(fhash(tpl::WW + 1, &[wd(i), wd(i + 1)]));
        f.push(fhash(tpl::WP, &[wd(i), pd(i - 1)]));
        f.push(fhash(tpl::WP + 1, &[wd(i), pd(i + 1)]));
        f.push(fhash(tpl::WP + 2, &[wd(i - 1), pd(i)]));
        f.push(fhash(tpl::WP + 3, &[wd(i + 1), pd(i)]));
        f.push(fhash(tpl::WP + 4, &[wd(i), pd(i)]));
        let w = wd(i);
        let suf: String = {
            let cs: Vec<char> = w.chars().collect();
            cs[cs.len().saturating_sub(3)..].iter().collect()
        };
        f.push(fhash(tpl::SUF, &[&suf]));
        let orig = words.get(i as usize).copied().unwrap_or("");
        f.push(fhash(tpl::SHAPE, &[&shape(orig)]));
        if let Some(clu) = clu {
            for (k, o) in (-1..=1isize).enumerate() {
                let j = i + o;
                let ids = if j >= 0 && (j as usize) < n {
                    clu.get(words[j as usize])
                } else {
                    None
                };
                for level in 0..3 {
                    let v = ids.map_or_else(|| "-".to_string(), |c| c[level].to_string());
                    f.push(fhash(tpl::CLU + 3 * k as u8 + level as u8, &[&v]));
                    if o == 0 && level == 1 {
                        f.push(fhash(tpl::CLUP, &[&v, pd(i)]));
                    }
                }
            }
        }
        out.push(f);
    }
    out
}

/// Features that read the chunk tags chosen for the previous two tokens.
fn dynamic_features(
    words: &[String],
    tags: &[&str],
    i: usize,
    c2: &str,
    c1: &str,
    out: &mut Vec<u32>,
) {
    out.clear();
    let p0 = tags.get(i).copied().unwrap_or("-END-");
    let p1 = tags.get(i + 1).copied().unwrap_or("-END-");
    let pm1 = if i == 0 { "-START-" } else { tags[i - 1] };
    let w0 = words.get(i).map_or("-END-", |s| s.as_str());
    out.push(fhash(tpl::C1, &[c1]));
    out.push(fhash(tpl::C2C1, &[c2, c1]));
    out.push(fhash(tpl::C1P0, &[c1, p0]));
    out.push(fhash(tpl::C1W0, &[c1, w0]));
    out.push(fhash(tpl::C1P0P1, &[c1, p0, p1]));
    out.push(fhash(tpl::C2C1P0, &[c2, c1, p0]));
    out.push(fhash(tpl::C1PM1, &[c1, pm1, p0]));
}

/// Whether chunk tag `next` may follow `prev` (`I-X` only inside an `X`).
fn allowed(classes: &[String], prev: Option<usize>, next: usize) -> bool {
    let Some(label) = classes[next].strip_prefix("I-") else {
        return true;
    };
    match prev.map(|p| classes[p].as_str()) {
        Some(p) => p.get(2..) == Some(label) && (p.starts_with("B-") || p.starts_with("I-")),
        None => false,
    }
}

/// Scores of the classes for a bag of features.
trait Weights {
    fn add_scores(&self, feats: &[u32], scores: &mut [f32]);
}

/// A trained model's weights: per feature, `(class, weight)` pairs.
#[derive(Debug, Clone, Default)]
pub(crate) struct SparseWeights {
    pub(crate) index: FxHashMap<u32, (u32, u32)>,
    pub(crate) classes: Vec<u8>,
    pub(crate) weights: Vec<f32>,
}

impl Weights for SparseWeights {
    fn add_scores(&self, feats: &[u32], scores: &mut [f32]) {
        for f in feats {
            if let Some(&(start, len)) = self.index.get(f) {
                let (s, e) = (start as usize, (start + len) as usize);
                if let (Some(cs), Some(ws)) = (self.classes.get(s..e), self.weights.get(s..e)) {
                    for (c, w) in cs.iter().zip(ws) {
                        if let Some(x) = scores.get_mut(*c as usize) {
                            *x += *w;
                        }
                    }
                }
            }
        }
    }
}

/// One beam item: score, tags so far.
#[derive(Clone)]
struct Item {
    score: f32,
    tags: Vec<usize>,
}

/// Beam search over chunk tags; returns the best sequence and, when
/// `gold` is given, the position where gold fell out of the beam (early
/// update) with the best item's prefix at that point.
#[allow(clippy::too_many_arguments)]
fn decode(
    w: &dyn Weights,
    clu: Option<&crate::tag::WordClusters>,
    classes: &[String],
    beam: usize,
    words: &[&str],
    tags: &[&str],
    gold: Option<&[usize]>,
) -> (Vec<usize>, Option<usize>) {
    let n = words.len();
    let nc = classes.len();
    let stat = static_features(words, tags, clu);
    let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut items = vec![Item {
        score: 0.0,
        tags: Vec::with_capacity(n),
    }];
    let mut dynf = Vec::with_capacity(8);
    let mut base = vec![0f32; nc];
    let mut scores = vec![0f32; nc];
    for i in 0..n {
        base.iter_mut().for_each(|x| *x = 0.0);
        w.add_scores(&stat[i], &mut base);
        let mut cands: Vec<(f32, usize, usize)> = Vec::with_capacity(items.len() * nc);
        for (k, it) in items.iter().enumerate() {
            let c1 = it.tags.last().copied();
            let c2 = if it.tags.len() >= 2 {
                Some(it.tags[it.tags.len() - 2])
            } else {
                None
            };
            let name = |c: Option<usize>| c.map_or("-START-", |c| classes[c].as_str());
            dynamic_features(&lw, tags, i, name(c2), name(c1), &mut dynf);
            scores.copy_from_slice(&base);
            w.add_scores(&dynf, &mut scores);
            for (c, s) in scores.iter().enumerate() {
                if allowed(classes, c1, c) {
                    cands.push((it.score + s, k, c));
                }
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        cands.truncate(beam.max(1));
        let next: Vec<Item> = cands
            .iter()
            .map(|&(s, k, c)| {
                let mut t = items[k].tags.clone();
                t.push(c);
                Item { score: s, tags: t }
            })
            .collect();
        items = next;
        if let Some(g) = gold {
            let prefix = &g[..=i];
            if !items.iter().any(|it| it.tags == prefix) {
                return (items[0].tags.clone(), Some(i));
            }
        }
    }
    (items.swap_remove(0).tags, None)
}

/// An averaged-perceptron chunker over all chunk types it was trained on.
///
/// # Example
/// ```
/// use nlkit::chunk::{Chunker, PerceptronChunkerTrainer};
/// let rows = |v: &[(&str, &str, &str)]| v.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect::<Vec<_>>();
/// let train = vec![
///     rows(&[("the", "DT", "B-NP"), ("cat", "NN", "I-NP"), ("sat", "VBD", "B-VP")]),
///     rows(&[("a", "DT", "B-NP"), ("dog", "NN", "I-NP"), ("ran", "VBD", "B-VP")]),
/// ];
/// let chunker = PerceptronChunkerTrainer::new().iterations(5).train(&train).unwrap();
/// let t = chunker.parse(&[("the", "DT"), ("dog", "NN"), ("sat", "VBD")]).unwrap();
/// assert_eq!(t.to_string(), "(S (NP the/DT dog/NN) (VP sat/VBD))");
/// ```
#[derive(Debug, Clone)]
pub struct PerceptronChunker {
    pub(crate) classes: Vec<String>,
    pub(crate) beam: usize,
    pub(crate) weights: SparseWeights,
    /// Whether the model reads the embedded word clusters.
    pub(crate) use_clusters: bool,
}

impl PerceptronChunker {
    /// The IOB chunk tags the model knows, sorted.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// The beam width used for decoding.
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// IOB chunk tags for a tagged sentence.
    pub fn tag(&self, words: &[&str], tags: &[&str]) -> Vec<&str> {
        if words.is_empty() || self.classes.is_empty() {
            return Vec::new();
        }
        let clu = if self.use_clusters { clusters() } else { None };
        let (best, _) = decode(
            &self.weights,
            clu,
            &self.classes,
            self.beam,
            words,
            tags,
            None,
        );
        best.into_iter().map(|c| self.classes[c].as_str()).collect()
    }
}

impl Chunker for PerceptronChunker {
    fn parse(&self, tagged: &[(&str, &str)]) -> Result<Tree> {
        let words: Vec<&str> = tagged.iter().map(|p| p.0).collect();
        let tags: Vec<&str> = tagged.iter().map(|p| p.1).collect();
        let iob = self.tag(&words, &tags);
        let rows: Vec<(&str, &str, &str)> = tagged
            .iter()
            .zip(iob)
            .map(|(&(w, t), c)| (w, t, c))
            .collect();
        conlltags2tree(&rows, "S", false)
    }
}

/// Training weights with averaging (per feature and class: weight, running
/// total, time of last change).
#[derive(Default)]
struct TrainWeights {
    map: FxHashMap<u32, Vec<(u8, f32, f64, u32)>>,
    time: u32,
}

impl Weights for TrainWeights {
    fn add_scores(&self, feats: &[u32], scores: &mut [f32]) {
        for f in feats {
            if let Some(v) = self.map.get(f) {
                for &(c, w, _, _) in v {
                    scores[c as usize] += w;
                }
            }
        }
    }
}

impl TrainWeights {
    fn update(&mut self, feats: &[u32], class: usize, delta: f32) {
        let now = self.time;
        for f in feats {
            let v = self.map.entry(*f).or_default();
            match v.iter_mut().find(|e| e.0 as usize == class) {
                Some(e) => {
                    e.2 += (now - e.3) as f64 * e.1 as f64;
                    e.3 = now;
                    e.1 += delta;
                }
                None => v.push((class as u8, delta, 0.0, now)),
            }
        }
    }

    fn averaged(&self) -> Vec<(u32, Vec<(u8, f32)>)> {
        let now = self.time.max(1) as f64;
        let mut out: Vec<(u32, Vec<(u8, f32)>)> = self
            .map
            .iter()
            .map(|(&f, v)| {
                let ws = v
                    .iter()
                    .map(|&(c, w, tot, ts)| {
                        let total = tot + (self.time - ts) as f64 * w as f64;
                        (c, (total / now) as f32)
                    })
                    .collect();
                (f, ws)
            })
            .collect();
        out.sort_by_key(|e| e.0);
        out
    }
}

/// Trains a [`PerceptronChunker`] from IOB-tagged sentences.
///
/// # Example
/// ```
/// use nlkit::chunk::PerceptronChunkerTrainer;
/// let t = PerceptronChunkerTrainer::new().iterations(3).beam(2).seed(7);
/// assert!(t.train(&[]).is_err()); // nothing to learn from
/// ```
#[derive(Debug, Clone)]
pub struct PerceptronChunkerTrainer {
    iterations: usize,
    beam: usize,
    seed: u64,
    clusters: bool,
}

impl Default for PerceptronChunkerTrainer {
    fn default() -> Self {
        Self::new()
    }
}

impl PerceptronChunkerTrainer {
    /// 10 iterations, beam 4, seed 1.
    pub fn new() -> Self {
        PerceptronChunkerTrainer {
            iterations: 10,
            beam: 4,
            seed: 1,
            clusters: true,
        }
    }

    /// Passes over the training data.
    pub fn iterations(mut self, n: usize) -> Self {
        self.iterations = n;
        self
    }

    /// Beam width (1: greedy).
    pub fn beam(mut self, b: usize) -> Self {
        self.beam = b.max(1);
        self
    }

    /// Whether to use the embedded word clusters as features (default on).
    pub fn clusters(mut self, on: bool) -> Self {
        self.clusters = on;
        self
    }

    /// Seed of the per-iteration shuffle.
    pub fn seed(mut self, s: u64) -> Self {
        self.seed = s;
        self
    }

    /// Trains on sentences of `(word, POS, IOB)` rows; `progress` is called
    /// after each iteration with (iteration, share of tokens tagged right
    /// during it).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no training tokens or more than 255 chunk
    /// tags.
    pub fn train_with_progress(
        &self,
        sents: &[Vec<(String, String, String)>],
        mut progress: impl FnMut(usize, f64),
    ) -> Result<PerceptronChunker> {
        let mut classes: Vec<String> = sents
            .iter()
            .flatten()
            .map(|r| r.2.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        classes.dedup();
        if classes.is_empty() {
            return Err(Error::InvalidInput("no training tokens".into()));
        }
        if classes.len() > 255 {
            return Err(Error::InvalidInput(format!(
                "{} chunk tags; at most 255 are supported",
                classes.len()
            )));
        }
        let cid: FxHashMap<&str, usize> = classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let data: Vec<(Vec<&str>, Vec<&str>, Vec<usize>)> = sents
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| {
                (
                    s.iter().map(|r| r.0.as_str()).collect(),
                    s.iter().map(|r| r.1.as_str()).collect(),
                    s.iter().map(|r| cid[r.2.as_str()]).collect(),
                )
            })
            .collect();
        use rand::seq::SliceRandom;
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(self.seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut w = TrainWeights::default();
        let mut dynf = Vec::new();
        let clu = if self.clusters {
            Some(
                clusters()
                    .ok_or_else(|| Error::Model("embedded word clusters unreadable".into()))?,
            )
        } else {
            None
        };
        for it in 0..self.iterations {
            order.shuffle(&mut rng);
            let (mut right, mut total) = (0usize, 0usize);
            for &si in &order {
                let (words, tags, gold) = &data[si];
                w.time += 1;
                let (pred, early) = decode(&w, clu, &classes, self.beam, words, tags, Some(gold));
                let upto = early.map_or(gold.len(), |i| i + 1);
                total += gold.len();
                right += pred.iter().zip(gold.iter()).filter(|(a, b)| a == b).count();
                if pred[..upto] == gold[..upto] {
                    continue;
                }
                let stat = static_features(words, tags, clu);
                let lw: Vec<String> = words.iter().map(|x| x.to_lowercase()).collect();
                let name = |c: Option<usize>| c.map_or("-START-", |c: usize| classes[c].as_str());
                for i in 0..upto {
                    let hist = |seq: &[usize]| {
                        (
                            if i >= 2 { Some(seq[i - 2]) } else { None },
                            if i >= 1 { Some(seq[i - 1]) } else { None },
                        )
                    };
                    let (g2, g1) = hist(gold);
                    let (p2, p1) = hist(&pred);
                    if gold[i] == pred[i] && g1 == p1 && g2 == p2 {
                        continue;
                    }
                    if gold[i] != pred[i] {
                        w.update(&stat[i], gold[i], 1.0);
                        w.update(&stat[i], pred[i], -1.0);
                    }
                    dynamic_features(&lw, tags, i, name(g2), name(g1), &mut dynf);
                    w.update(&dynf, gold[i], 1.0);
                    dynamic_features(&lw, tags, i, name(p2), name(p1), &mut dynf);
                    w.update(&dynf, pred[i], -1.0);
                }
            }
            progress(it + 1, right as f64 / total.max(1) as f64);
        }
        let averaged = w.averaged();
        Ok(PerceptronChunker {
            classes,
            beam: self.beam,
            weights: super::model::quantize(&averaged),
            use_clusters: self.clusters,
        })
    }

    /// As [`PerceptronChunkerTrainer::train_with_progress`] without progress.
    ///
    /// # Errors
    /// As [`PerceptronChunkerTrainer::train_with_progress`].
    pub fn train(&self, sents: &[Vec<(String, String, String)>]) -> Result<PerceptronChunker> {
        self.train_with_progress(sents, |_, _| {})
    }
}
