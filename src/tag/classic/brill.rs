//! Brill's transformation-based tagger and its fast trainer (NLTK's
//! `BrillTagger` and `BrillTaggerTrainer`, `nltk.tag.brill_trainer`).
//!
//! An initial tagger tags the training data; the trainer then repeatedly
//! picks the rule `A -> B if conditions` that most reduces the number of
//! errors (score = fixed - broken), applies it everywhere, and stops after
//! `max_rules` rules or when no rule scores at least `min_score`. Rules come
//! from [`BrillTemplate`]s (NLTK's `Template`): each template is a list of
//! [`Feature`]s (the word or the tag at one of a set of relative
//! positions); [`fntbl37`] is NLTK's set of 37 templates.
//!
//! The trainer is a port of NLTK's "fast" algorithm (rule scores kept as
//! upper bounds and verified lazily, the same bookkeeping and the same
//! order of examination), run with NLTK's `deterministic=True`: among rules
//! of equal score, the one whose Python `repr` sorts first wins. (NLTK's
//! default with `trace=0` is `deterministic=False`, where ties depend on
//! Python's string hashing and differ from run to run.) Template ids are
//! `000`, `001`, … in list order, as NLTK's when the templates are the first
//! ones created in the process.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::tag::Tagger;
use crate::util::py_repr;

/// What a [`Feature`] looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeatureKind {
    /// The word (NLTK's `Word`).
    Word,
    /// The current tag (NLTK's `Pos`).
    Pos,
}

/// A property at one of a set of relative positions (NLTK's `Feature`):
/// a condition on it holds if the property has the value at **any** of the
/// positions inside the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Feature {
    /// Word or tag.
    pub kind: FeatureKind,
    /// Relative positions, sorted and without duplicates.
    pub positions: Vec<isize>,
}

impl Feature {
    /// NLTK's `Word(positions)`.
    pub fn word(positions: &[isize]) -> Self {
        Self::new(FeatureKind::Word, positions)
    }

    /// NLTK's `Pos(positions)`.
    pub fn pos(positions: &[isize]) -> Self {
        Self::new(FeatureKind::Pos, positions)
    }

    fn new(kind: FeatureKind, positions: &[isize]) -> Self {
        let mut positions = positions.to_vec();
        positions.sort_unstable();
        positions.dedup();
        Feature { kind, positions }
    }

    /// NLTK's `repr`, e.g. `Word([1, 2])`.
    fn repr(&self) -> String {
        let name = match self.kind {
            FeatureKind::Word => "Word",
            FeatureKind::Pos => "Pos",
        };
        let ps: Vec<String> = self.positions.iter().map(|p| p.to_string()).collect();
        format!("{name}([{}])", ps.join(", "))
    }
}

/// A rule template: a list of features (NLTK's `Template`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrillTemplate {
    /// The features; a rule made from this template has one condition per
    /// feature.
    pub features: Vec<Feature>,
}

impl BrillTemplate {
    /// A template of these features.
    pub fn new(features: Vec<Feature>) -> Self {
        BrillTemplate { features }
    }
}

/// NLTK's `fntbl37()`: the 37 templates of the fnTBL part-of-speech task.
///
/// # Example
/// ```
/// assert_eq!(nlkit::tag::classic::fntbl37().len(), 37);
/// ```
pub fn fntbl37() -> Vec<BrillTemplate> {
    use FeatureKind::{Pos as P, Word as W};
    let spec: &[&[(FeatureKind, &[isize])]] = &[
        &[(W, &[0]), (W, &[1]), (W, &[2])],
        &[(W, &[-1]), (W, &[0]), (W, &[1])],
        &[(W, &[0]), (W, &[-1])],
        &[(W, &[0]), (W, &[1])],
        &[(W, &[0]), (W, &[2])],
        &[(W, &[0]), (W, &[-2])],
        &[(W, &[1, 2])],
        &[(W, &[-2, -1])],
        &[(W, &[1, 2, 3])],
        &[(W, &[-3, -2, -1])],
        &[(W, &[0]), (P, &[2])],
        &[(W, &[0]), (P, &[-2])],
        &[(W, &[0]), (P, &[1])],
        &[(W, &[0]), (P, &[-1])],
        &[(W, &[0])],
        &[(W, &[-2])],
        &[(W, &[2])],
        &[(W, &[1])],
        &[(W, &[-1])],
        &[(P, &[-1]), (P, &[1])],
        &[(P, &[1]), (P, &[2])],
        &[(P, &[-1]), (P, &[-2])],
        &[(P, &[1])],
        &[(P, &[-1])],
        &[(P, &[-2])],
        &[(P, &[2])],
        &[(P, &[1, 2, 3])],
        &[(P, &[1, 2])],
        &[(P, &[-3, -2, -1])],
        &[(P, &[-2, -1])],
        &[(P, &[1]), (W, &[0]), (W, &[1])],
        &[(P, &[1]), (W, &[0]), (W, &[-1])],
        &[(P, &[-1]), (W, &[-1]), (W, &[0])],
        &[(P, &[-1]), (W, &[0]), (W, &[1])],
        &[(P, &[-2]), (P, &[-1])],
        &[(P, &[1]), (P, &[2])],
        &[(P, &[1]), (P, &[2]), (W, &[1])],
    ];
    spec.iter()
        .map(|fs| BrillTemplate::new(fs.iter().map(|(k, p)| Feature::new(*k, p)).collect()))
        .collect()
}

/// A learned transformation: change `original_tag` to `replacement_tag`
/// where every condition holds (NLTK's `Rule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrillRule {
    /// Id of the template that produced it (`000`, `001`, …).
    pub template_id: String,
    /// The tag the rule changes.
    pub original_tag: String,
    /// The new tag.
    pub replacement_tag: String,
    /// `(feature, value)` conditions, all of which must hold.
    pub conditions: Vec<(Feature, String)>,
    /// Training score (fixed - broken).
    pub score: i64,
}

impl BrillRule {
    fn applies(&self, words: &[&str], tags: &[&str], index: usize) -> bool {
        if tags.get(index) != Some(&self.original_tag.as_str()) {
            return false;
        }
        self.conditions.iter().all(|(f, v)| {
            f.positions.iter().any(|&p| {
                let Some(j) = index.checked_add_signed(p) else {
                    return false;
                };
                let got = match f.kind {
                    FeatureKind::Word => words.get(j),
                    FeatureKind::Pos => tags.get(j),
                };
                got.is_some_and(|g| g == v)
            })
        })
    }
}

impl std::fmt::Display for BrillRule {
    /// NLTK's `str(rule)`, e.g. `NN->VB if Pos:TO@[-1]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let conds: Vec<String> = self
            .conditions
            .iter()
            .map(|(feat, v)| {
                let name = match feat.kind {
                    FeatureKind::Word => "Word",
                    FeatureKind::Pos => "Pos",
                };
                let ps: Vec<String> = feat.positions.iter().map(|p| p.to_string()).collect();
                format!("{name}:{v}@[{}]", ps.join(","))
            })
            .collect();
        write!(
            f,
            "{}->{} if {}",
            self.original_tag,
            self.replacement_tag,
            conds.join(" & ")
        )
    }
}

/// A trained Brill tagger: an initial tagger followed by rules applied in
/// order, each one simultaneously at every position where it applies
/// (NLTK's `BrillTagger`).
pub struct BrillTagger {
    initial: Box<dyn Tagger>,
    rules: Vec<BrillRule>,
}

impl BrillTagger {
    /// A tagger from an initial tagger and rules.
    pub fn new(initial: Box<dyn Tagger>, rules: Vec<BrillRule>) -> Self {
        BrillTagger { initial, rules }
    }

    /// The rules, in the order they are applied.
    pub fn rules(&self) -> &[BrillRule] {
        &self.rules
    }
}

impl Tagger for BrillTagger {
    fn tag<'t>(&'t self, tokens: &[&str]) -> Vec<&'t str> {
        let mut tags = self.initial.tag(tokens);
        let mut changed = Vec::new();
        for rule in &self.rules {
            changed.clear();
            for i in 0..tags.len() {
                if rule.applies(tokens, &tags, i) {
                    changed.push(i);
                }
            }
            for &i in &changed {
                if let Some(t) = tags.get_mut(i) {
                    *t = rule.replacement_tag.as_str();
                }
            }
        }
        tags
    }
}

/// Trains a [`BrillTagger`] (NLTK's `BrillTaggerTrainer`).
///
/// # Example
/// ```
/// use nlkit::tag::Tagger;
/// use nlkit::tag::classic::{fntbl37, BrillTaggerTrainer, DefaultTagger};
/// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
/// let train = vec![s(&[("to", "TO"), ("run", "VB")]), s(&[("to", "TO"), ("walk", "VB")]), s(&[("the", "DT"), ("run", "NN")])];
/// let trainer = BrillTaggerTrainer::new(Box::new(DefaultTagger::new("NN")), fntbl37());
/// let brill = trainer.train(&train, 10, 2);
/// assert_eq!(brill.tag(&["to", "swim"]), ["TO", "VB"]);
/// ```
pub struct BrillTaggerTrainer {
    initial: Box<dyn Tagger>,
    templates: Vec<BrillTemplate>,
}

type Pos = (u32, u32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    tpl: u16,
    orig: u32,
    repl: u32,
    vals: Vec<u32>,
}

/// Interned training state of the fast algorithm.
struct State<'a> {
    templates: &'a [BrillTemplate],
    words: Vec<Vec<u32>>,
    tags: Vec<Vec<u32>>,
    gold: Vec<Vec<u32>>,
    word_names: Vec<String>,
    tag_names: Vec<String>,
    rules: Vec<Rule>,
    rule_ids: HashMap<Rule, u32>,
    reprs: Vec<Option<String>>,
    tag_positions: HashMap<u32, Vec<Pos>>,
    rules_by_position: HashMap<Pos, HashSet<u32>>,
    positions_by_rule: Vec<HashMap<Pos, i8>>,
    rules_by_score: BTreeMap<i64, HashSet<u32>>,
    rule_scores: Vec<i64>,
    first_unknown: HashMap<u32, (i64, i64)>,
    /// Union of the templates' neighbourhood offsets: (min, max) position.
    span: (isize, isize),
}

fn intern(map: &mut HashMap<String, u32>, names: &mut Vec<String>, s: &str) -> u32 {
    if let Some(&i) = map.get(s) {
        return i;
    }
    let i = names.len() as u32;
    names.push(s.to_string());
    map.insert(s.to_string(), i);
    i
}

impl State<'_> {
    fn value(&self, kind: FeatureKind, s: usize, j: usize) -> Option<u32> {
        match kind {
            FeatureKind::Word => self.words.get(s)?.get(j).copied(),
            FeatureKind::Pos => self.tags.get(s)?.get(j).copied(),
        }
    }

    fn tag_at(&self, (s, w): Pos) -> Option<u32> {
        self.tags.get(s as usize)?.get(w as usize).copied()
    }

    fn gold_at(&self, (s, w): Pos) -> Option<u32> {
        self.gold.get(s as usize)?.get(w as usize).copied()
    }

    fn applicable_rules(&self, tpl: usize, (s, w): Pos, correct: u32) -> Vec<Rule> {
        let Some(cur) = self.tag_at((s, w)) else {
            return Vec::new();
        };
        let Some(template) = self.templates.get(tpl) else {
            return Vec::new();
        };
        if cur == correct {
            return Vec::new();
        }
        let mut combos: Vec<Vec<u32>> = vec![Vec::new()];
        for f in &template.features {
            let vals: Vec<u32> = f
                .positions
                .iter()
                .filter_map(|&p| {
                    let j = (w as usize).checked_add_signed(p)?;
                    self.value(f.kind, s as usize, j)
                })
                .collect();
            let mut next = Vec::with_capacity(combos.len() * vals.len());
            for c in &combos {
                for &v in &vals {
                    let mut c2 = c.clone();
                    c2.push(v);
                    next.push(c2);
                }
            }
            combos = next;
        }
        combos
            .into_iter()
            .map(|vals| Rule {
                tpl: tpl as u16,
                orig: cur,
                repl: correct,
                vals,
            })
            .collect()
    }

    fn applies(&self, r: u32, (s, w): Pos) -> bool {
        let Some(rule) = self.rules.get(r as usize) else {
            return false;
        };
        if self.tag_at((s, w)) != Some(rule.orig) {
            return false;
        }
        let Some(template) = self.templates.get(rule.tpl as usize) else {
            return false;
        };
        template.features.iter().zip(&rule.vals).all(|(f, &v)| {
            f.positions.iter().any(|&p| {
                (w as usize)
                    .checked_add_signed(p)
                    .and_then(|j| self.value(f.kind, s as usize, j))
                    == Some(v)
            })
        })
    }

    fn rule_id(&mut self, rule: Rule) -> u32 {
        if let Some(&id) = self.rule_ids.get(&rule) {
            return id;
        }
        let id = self.rules.len() as u32;
        self.rules.push(rule.clone());
        self.rule_ids.insert(rule, id);
        self.reprs.push(None);
        self.positions_by_rule.push(HashMap::new());
        self.rule_scores.push(0);
        id
    }

    fn repr(&mut self, r: u32) -> String {
        if let Some(Some(s)) = self.reprs.get(r as usize) {
            return s.clone();
        }
        let Some(rule) = self.rules.get(r as usize) else {
            return String::new();
        };
        let name = |v: u32, names: &[String]| names.get(v as usize).cloned().unwrap_or_default();
        let conds: Vec<String> = self
            .templates
            .get(rule.tpl as usize)
            .map(|t| {
                t.features
                    .iter()
                    .zip(&rule.vals)
                    .map(|(f, &v)| {
                        let val = match f.kind {
                            FeatureKind::Word => name(v, &self.word_names),
                            FeatureKind::Pos => name(v, &self.tag_names),
                        };
                        format!("({},{})", f.repr(), py_repr(&val))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let s = format!(
            "Rule('{:03}', {}, {}, [{}])",
            rule.tpl,
            py_repr(&name(rule.orig, &self.tag_names)),
            py_repr(&name(rule.repl, &self.tag_names)),
            conds.join(", ")
        );
        if let Some(slot) = self.reprs.get_mut(r as usize) {
            *slot = Some(s.clone());
        }
        s
    }

    fn set_score(&mut self, r: u32, delta: i64) {
        let Some(score) = self.rule_scores.get_mut(r as usize) else {
            return;
        };
        let old = *score;
        *score += delta;
        let new = *score;
        self.rules_by_score.entry(old).or_default().remove(&r);
        self.rules_by_score.entry(new).or_default().insert(r);
    }

    fn update_rule_applies(&mut self, r: u32, pos: Pos) {
        let Some(pbr) = self.positions_by_rule.get(r as usize) else {
            return;
        };
        if pbr.contains_key(&pos) {
            return;
        }
        let (Some(rule), Some(correct)) = (self.rules.get(r as usize), self.gold_at(pos)) else {
            return;
        };
        let effect: i8 = if rule.repl == correct {
            1
        } else if rule.orig == correct {
            -1
        } else {
            0
        };
        if let Some(pbr) = self.positions_by_rule.get_mut(r as usize) {
            pbr.insert(pos, effect);
        }
        self.rules_by_position.entry(pos).or_default().insert(r);
        self.set_score(r, i64::from(effect));
    }

    fn update_rule_not_applies(&mut self, r: u32, pos: Pos) {
        let effect = self
            .positions_by_rule
            .get_mut(r as usize)
            .and_then(|m| m.remove(&pos))
            .unwrap_or(0);
        self.set_score(r, -i64::from(effect));
        if let Some(set) = self.rules_by_position.get_mut(&pos) {
            set.remove(&r);
        }
    }

    fn init_mappings(&mut self) {
        for s in 0..self.tags.len() {
            let n = self.tags.get(s).map_or(0, Vec::len);
            for w in 0..n {
                let pos = (s as u32, w as u32);
                let (Some(tag), Some(correct)) = (self.tag_at(pos), self.gold_at(pos)) else {
                    continue;
                };
                self.tag_positions.entry(tag).or_default().push(pos);
                if tag != correct {
                    for t in 0..self.templates.len() {
                        for rule in self.applicable_rules(t, pos, correct) {
                            let id = self.rule_id(rule);
                            self.update_rule_applies(id, pos);
                        }
                    }
                }
            }
        }
    }

    fn best_rule(&mut self, min_score: i64) -> Option<u32> {
        let keys: Vec<i64> = self.rules_by_score.keys().rev().copied().collect();
        let n_sents = self.tags.len() as i64;
        for max_score in keys {
            if self.rules_by_score.is_empty() {
                return None;
            }
            if max_score < min_score || max_score <= 0 {
                return None;
            }
            let mut best: Vec<(String, u32)> = self
                .rules_by_score
                .entry(max_score)
                .or_default()
                .clone()
                .into_iter()
                .map(|r| (String::new(), r))
                .collect();
            for b in &mut best {
                b.0 = self.repr(b.1);
            }
            best.sort();
            for (_, r) in best {
                let Some(orig) = self.rules.get(r as usize).map(|x| x.orig) else {
                    continue;
                };
                let positions = self.tag_positions.get(&orig).cloned().unwrap_or_default();
                let unk = self.first_unknown.get(&r).copied().unwrap_or((0, -1));
                let start = positions.partition_point(|&(s, w)| (i64::from(s), i64::from(w)) < unk);
                for &pos in positions.iter().skip(start) {
                    if self.applies(r, pos) {
                        self.update_rule_applies(r, pos);
                        if self.rule_scores.get(r as usize).copied().unwrap_or(0) < max_score {
                            self.first_unknown
                                .insert(r, (i64::from(pos.0), i64::from(pos.1) + 1));
                            break;
                        }
                    }
                }
                if self.rule_scores.get(r as usize).copied() == Some(max_score) {
                    self.first_unknown.insert(r, (n_sents + 1, 0));
                    return Some(r);
                }
            }
            if self
                .rules_by_score
                .get(&max_score)
                .is_none_or(HashSet::is_empty)
            {
                self.rules_by_score.remove(&max_score);
            }
        }
        None
    }

    fn apply_rule(&mut self, r: u32) {
        let Some(rule) = self.rules.get(r as usize).cloned() else {
            return;
        };
        let positions: Vec<Pos> = self
            .positions_by_rule
            .get(r as usize)
            .map(|m| m.keys().copied().collect())
            .unwrap_or_default();
        for &(s, w) in &positions {
            if let Some(t) = self
                .tags
                .get_mut(s as usize)
                .and_then(|v| v.get_mut(w as usize))
            {
                *t = rule.repl;
            }
        }
        // _update_tag_positions
        for &pos in &positions {
            if let Some(old) = self.tag_positions.get_mut(&rule.orig) {
                if let Ok(i) = old.binary_search(&pos) {
                    old.remove(i);
                }
            }
            let new = self.tag_positions.entry(rule.repl).or_default();
            let i = new.partition_point(|&p| p < pos);
            new.insert(i, pos);
        }
    }

    fn update_rules(&mut self, r: u32) {
        let mut neighbors: HashSet<Pos> = HashSet::new();
        let (lo, hi) = self.span;
        if let Some(m) = self.positions_by_rule.get(r as usize) {
            for &(s, w) in m.keys() {
                let len = self.tags.get(s as usize).map_or(0, Vec::len) as isize;
                let w = w as isize;
                let start = (w - hi).max(0);
                let end = (w - lo + 1).min(len);
                neighbors.insert((s, w as u32));
                for i in start..end {
                    neighbors.insert((s, i as u32));
                }
            }
        }
        for pos in neighbors {
            let Some(correct) = self.gold_at(pos) else {
                continue;
            };
            let mut old_rules: HashSet<u32> = self
                .rules_by_position
                .get(&pos)
                .cloned()
                .unwrap_or_default();
            let snapshot: Vec<u32> = old_rules.iter().copied().collect();
            for old in snapshot {
                if !self.applies(old, pos) {
                    self.update_rule_not_applies(old, pos);
                }
            }
            for t in 0..self.templates.len() {
                for rule in self.applicable_rules(t, pos, correct) {
                    let id = self.rule_id(rule);
                    if old_rules.insert(id) {
                        self.update_rule_applies(id, pos);
                    }
                }
            }
            let key = (i64::from(pos.0), i64::from(pos.1));
            let candidates: Vec<u32> = self
                .first_unknown
                .iter()
                .filter(|(r, &p)| p > key && !old_rules.contains(r))
                .map(|(&r, _)| r)
                .collect();
            for r2 in candidates {
                if self.applies(r2, pos) {
                    self.update_rule_applies(r2, pos);
                }
            }
        }
    }

    fn export(&self, r: u32) -> Option<BrillRule> {
        let rule = self.rules.get(r as usize)?;
        let template = self.templates.get(rule.tpl as usize)?;
        let name = |v: u32, names: &[String]| names.get(v as usize).cloned().unwrap_or_default();
        Some(BrillRule {
            template_id: format!("{:03}", rule.tpl),
            original_tag: name(rule.orig, &self.tag_names),
            replacement_tag: name(rule.repl, &self.tag_names),
            conditions: template
                .features
                .iter()
                .zip(&rule.vals)
                .map(|(f, &v)| {
                    let val = match f.kind {
                        FeatureKind::Word => name(v, &self.word_names),
                        FeatureKind::Pos => name(v, &self.tag_names),
                    };
                    (f.clone(), val)
                })
                .collect(),
            score: self.rule_scores.get(r as usize).copied().unwrap_or(0),
        })
    }
}

impl BrillTaggerTrainer {
    /// A trainer with an initial tagger and rule templates.
    pub fn new(initial: Box<dyn Tagger>, templates: Vec<BrillTemplate>) -> Self {
        BrillTaggerTrainer { initial, templates }
    }

    /// Learns at most `max_rules` rules, each with score ≥ `min_score`
    /// (NLTK's `train(train_sents, max_rules=200, min_score=2)`), and
    /// returns the tagger (consuming the trainer's initial tagger).
    pub fn train(
        self,
        train: &[Vec<(String, String)>],
        max_rules: usize,
        min_score: i64,
    ) -> BrillTagger {
        let rules = self.learn(train, max_rules, min_score);
        BrillTagger::new(self.initial, rules)
    }

    /// Learns the rules only.
    pub fn learn(
        &self,
        train: &[Vec<(String, String)>],
        max_rules: usize,
        min_score: i64,
    ) -> Vec<BrillRule> {
        let mut word_map = HashMap::new();
        let mut tag_map = HashMap::new();
        let mut word_names = Vec::new();
        let mut tag_names = Vec::new();
        let (mut words, mut tags, mut gold) = (Vec::new(), Vec::new(), Vec::new());
        for sent in train {
            let toks: Vec<&str> = sent.iter().map(|(w, _)| w.as_str()).collect();
            let initial = self.initial.tag(&toks);
            words.push(
                toks.iter()
                    .map(|w| intern(&mut word_map, &mut word_names, w))
                    .collect::<Vec<_>>(),
            );
            tags.push(
                initial
                    .iter()
                    .map(|t| intern(&mut tag_map, &mut tag_names, t))
                    .collect::<Vec<_>>(),
            );
            gold.push(
                sent.iter()
                    .map(|(_, t)| intern(&mut tag_map, &mut tag_names, t))
                    .collect::<Vec<_>>(),
            );
        }
        let all: Vec<isize> = self
            .templates
            .iter()
            .flat_map(|t| t.features.iter().flat_map(|f| f.positions.iter().copied()))
            .chain([0])
            .collect();
        let span = (
            all.iter().copied().min().unwrap_or(0),
            all.iter().copied().max().unwrap_or(0),
        );
        let mut st = State {
            templates: &self.templates,
            words,
            tags,
            gold,
            word_names,
            tag_names,
            rules: Vec::new(),
            rule_ids: HashMap::new(),
            reprs: Vec::new(),
            tag_positions: HashMap::new(),
            rules_by_position: HashMap::new(),
            positions_by_rule: Vec::new(),
            rules_by_score: BTreeMap::new(),
            rule_scores: Vec::new(),
            first_unknown: HashMap::new(),
            span,
        };
        st.init_mappings();
        let mut out = Vec::new();
        while out.len() < max_rules {
            let Some(r) = st.best_rule(min_score) else {
                break;
            };
            if let Some(rule) = st.export(r) {
                out.push(rule);
            }
            st.apply_rule(r);
            st.update_rules(r);
        }
        out
    }
}
