//! Synsets and lemmas (NLTK's `Synset` and `Lemma`), their relations and
//! NLTK's path-based similarities.

use std::collections::VecDeque;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::db::{py_int, REINSTALL};
use super::{py_isspace, FxHashMap, Pos, WordNet};
use crate::{Error, Result};

/// NLTK's `_MAX_HYPERNYM_DEPTH`: deeper (or cyclic) hypernym chains are
/// refused rather than followed without bound.
const MAX_HYPERNYM_DEPTH: usize = 256;

/// One lemma of a synset line.
#[derive(Debug, Clone)]
pub(crate) struct LemmaData {
    pub(crate) name: String,
    pub(crate) lex_id: u32,
    pub(crate) syntactic_marker: Option<String>,
}

/// A lexical pointer: from lemma `source` to lemma `target` of another synset.
#[derive(Debug, Clone)]
pub(crate) struct LemmaPointer {
    source: usize,
    symbol: Box<str>,
    pos: Pos,
    offset: u32,
    target: usize,
}

/// A parsed synset line.
#[derive(Debug, Clone)]
pub(crate) struct SynsetData {
    pub(crate) name: String,
    pub(crate) pos: Pos,
    pub(crate) offset: u32,
    pub(crate) lexname_index: usize,
    pub(crate) lexname: String,
    pub(crate) lemmas: Vec<LemmaData>,
    pub(crate) definition: String,
    pub(crate) examples: Vec<String>,
    /// Synset pointers, in file order without duplicates (NLTK keeps a set).
    pointers: Vec<(Box<str>, Pos, u32)>,
    lemma_pointers: Vec<LemmaPointer>,
    frame_ids: Vec<u32>,
    is_root: bool,
}

fn split_py(s: &str) -> impl Iterator<Item = &str> {
    s.split(py_isspace).filter(|t| !t.is_empty())
}

/// Definition and examples of a gloss, as NLTK: quoted stretches (paired
/// `"`) are examples and are cut from the definition, which is then stripped
/// of whitespace and of `;` / space at both ends.
fn parse_gloss(gloss: &str) -> (String, Vec<String>) {
    let quotes: Vec<usize> = gloss.match_indices('"').map(|(i, _)| i).collect();
    let mut def = String::with_capacity(gloss.len());
    let mut examples = Vec::new();
    let mut last = 0;
    for pair in quotes.chunks_exact(2) {
        def.push_str(&gloss[last..pair[0]]);
        examples.push(gloss[pair[0] + 1..pair[1]].to_string());
        last = pair[1] + 1;
    }
    def.push_str(&gloss[last..]);
    let def = def
        .trim_matches(py_isspace)
        .trim_matches(|c| c == ';' || c == ' ')
        .to_string();
    (def, examples)
}

/// Splits NLTK's syntactic marker off an adjective lemma (`big(a)`).
fn split_marker(name: &str) -> (&str, Option<&str>) {
    if name.ends_with(')') {
        if let Some(i) = name.rfind('(') {
            let inner = &name[i + 1..name.len() - 1];
            if !inner.contains(')') {
                return (&name[..i], Some(&name[i..]));
            }
        }
    }
    (name, None)
}

/// Parses one `data.<pos>` line as NLTK's `_synset_from_pos_and_line`
/// (the name is filled in by the caller, from the index).
pub(crate) fn parse_synset_line(
    line: &str,
    lexnames: &[String],
) -> std::result::Result<SynsetData, String> {
    let stripped = line.trim_matches(py_isspace);
    let mut parts = stripped.split('|');
    let (Some(cols), Some(gloss), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected exactly one `|` before the gloss".into());
    };
    let (definition, examples) = parse_gloss(gloss);
    let mut it = split_py(cols);
    let mut next = |what: &str| it.next().ok_or_else(|| format!("missing {what}"));
    let int =
        |t: &str, base: u32, what: &str| py_int(t, base).ok_or_else(|| format!("bad {what} `{t}`"));
    let offset = u32::try_from(int(next("offset")?, 10, "offset")?)
        .map_err(|_| "offset out of range".to_string())?;
    let lexname_index = int(
        next("lexicographer file number")?,
        10,
        "lexicographer file number",
    )?;
    let lexname = usize::try_from(lexname_index)
        .ok()
        .and_then(|i| lexnames.get(i))
        .ok_or_else(|| format!("lexicographer file number {lexname_index} is not in lexnames"))?
        .clone();
    let pos_tok = next("part of speech")?;
    let pos = pos_from_token(pos_tok)?;
    let n_lemmas = int(next("word count")?, 16, "word count")?;
    let mut lemmas = Vec::with_capacity(n_lemmas.clamp(0, 64) as usize);
    for _ in 0..n_lemmas.max(0) {
        let raw = next("word")?;
        let lex_id = int(next("lex_id")?, 16, "lex_id")?;
        let (name, marker) = split_marker(raw);
        lemmas.push(LemmaData {
            name: name.to_string(),
            lex_id: u32::try_from(lex_id).map_err(|_| "bad lex_id".to_string())?,
            syntactic_marker: marker.map(str::to_string),
        });
    }
    let n_pointers = int(next("pointer count")?, 10, "pointer count")?;
    let mut pointers: Vec<(Box<str>, Pos, u32)> = Vec::new();
    let mut lemma_pointers = Vec::new();
    for _ in 0..n_pointers.max(0) {
        let symbol = next("pointer symbol")?;
        let off = u32::try_from(int(next("pointer offset")?, 10, "pointer offset")?)
            .map_err(|_| "pointer offset out of range".to_string())?;
        let ppos = pos_from_token(next("pointer part of speech")?)?;
        let ids = next("pointer source/target")?;
        if ids == "0000" {
            if !pointers
                .iter()
                .any(|(s, p, o)| &**s == symbol && *p == ppos && *o == off)
            {
                pointers.push((symbol.into(), ppos, off));
            }
        } else {
            let (Some(a), Some(b)) = (ids.get(..2), ids.get(2..)) else {
                return Err(format!("bad pointer source/target `{ids}`"));
            };
            let src = int(a, 16, "pointer source")? - 1;
            let tgt = int(b, 16, "pointer target")? - 1;
            let n = lemmas.len() as i64;
            let src = if src < 0 { src + n } else { src };
            if src < 0 || src >= n || tgt < 0 {
                return Err(format!("pointer source/target `{ids}` out of range"));
            }
            lemma_pointers.push(LemmaPointer {
                source: src as usize,
                symbol: symbol.into(),
                pos: ppos,
                offset: off,
                target: tgt as usize,
            });
        }
    }
    let mut frame_ids = Vec::new();
    if let Ok(tok) = next("frame count") {
        let count = int(tok, 10, "frame count")?;
        for _ in 0..count.max(0) {
            if next("frame")? != "+" {
                return Err("expected `+` before a verb frame".into());
            }
            let f = int(next("frame number")?, 10, "frame number")?;
            let l = int(next("frame word number")?, 16, "frame word number")?;
            if l == 0 {
                frame_ids.push(u32::try_from(f).map_err(|_| "bad frame number".to_string())?);
            }
        }
    }
    Ok(SynsetData {
        name: String::new(),
        pos,
        offset,
        lexname_index: lexname_index as usize,
        lexname,
        lemmas,
        definition,
        examples,
        pointers,
        lemma_pointers,
        frame_ids,
        is_root: false,
    })
}

fn pos_from_token(t: &str) -> std::result::Result<Pos, String> {
    let mut c = t.chars();
    match (c.next(), c.next()) {
        (Some(ch), None) => Pos::from_char(ch),
        _ => None,
    }
    .ok_or_else(|| format!("unknown part of speech `{t}`"))
}

/// A synset: a set of synonymous lemmas with a definition and relations to
/// other synsets (NLTK's `Synset`). Equality and hashing follow the synset's
/// identity; ordering is by name, as in NLTK.
///
/// Relation methods return `Result` because they read the database lazily.
///
/// # Example
/// ```
/// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
/// # std::env::set_var("NLTK_DATA", ".nltk_data");
/// use nlkit::wordnet::WordNet;
/// let wn = WordNet::load(None)?;
/// let dog = wn.synset("dog.n.01")?;
/// assert_eq!(dog.definition(), "a member of the genus Canis (probably descended from the common wolf) that has been domesticated by man since prehistoric times; occurs in many breeds");
/// assert_eq!(dog.lemma_names(), ["dog", "domestic_dog", "Canis_familiaris"]);
/// let cat = wn.synset("cat.n.01")?;
/// assert_eq!(dog.path_similarity(&cat)?, Some(0.2));
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Clone)]
pub struct Synset {
    wn: WordNet,
    data: Arc<SynsetData>,
}

macro_rules! relations {
    ($($(#[$doc:meta])* $name:ident => $sym:expr;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Errors
            /// When a related synset cannot be read from the database.
            pub fn $name(&self) -> Result<Vec<Synset>> {
                self.related($sym)
            }
        )*
    };
}

type Key = (u8, u32);
const ROOT_KEY: Key = (u8::MAX, 0);

impl Synset {
    pub(crate) fn new(wn: WordNet, data: Arc<SynsetData>) -> Synset {
        Synset { wn, data }
    }

    /// NLTK's simulated `*ROOT*` synset that joins the verb taxonomies.
    fn fake_root(wn: &WordNet) -> Synset {
        Synset {
            wn: wn.clone(),
            data: Arc::new(SynsetData {
                name: "*ROOT*".into(),
                pos: Pos::Noun,
                offset: 0,
                lexname_index: 0,
                lexname: String::new(),
                lemmas: Vec::new(),
                definition: String::new(),
                examples: Vec::new(),
                pointers: Vec::new(),
                lemma_pointers: Vec::new(),
                frame_ids: Vec::new(),
                is_root: true,
            }),
        }
    }

    fn key(&self) -> Key {
        if self.data.is_root {
            ROOT_KEY
        } else {
            (self.data.pos.file_index() as u8, self.data.offset)
        }
    }

    /// NLTK's name, e.g. `dog.n.01` (`*ROOT*` for the simulated root that
    /// [`Synset::lowest_common_hypernyms`] can return).
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// Whether this is NLTK's simulated `*ROOT*` (from similarity helpers).
    pub fn is_simulated_root(&self) -> bool {
        self.data.is_root
    }

    /// The part of speech (`s` for adjective satellites).
    pub fn pos(&self) -> Pos {
        self.data.pos
    }

    /// Byte offset of the synset's line in `data.<pos>`.
    pub fn offset(&self) -> u32 {
        self.data.offset
    }

    /// The lexicographer file, e.g. `noun.animal`.
    pub fn lexname(&self) -> &str {
        &self.data.lexname
    }

    /// The definition (the gloss without its quoted examples).
    pub fn definition(&self) -> &str {
        &self.data.definition
    }

    /// The quoted example sentences of the gloss.
    pub fn examples(&self) -> &[String] {
        &self.data.examples
    }

    /// Verb frame numbers that apply to every lemma of the synset.
    pub fn frame_ids(&self) -> &[u32] {
        &self.data.frame_ids
    }

    /// The lemmas, in file order.
    pub fn lemmas(&self) -> Vec<Lemma> {
        (0..self.data.lemmas.len())
            .map(|index| Lemma {
                synset: self.clone(),
                index,
            })
            .collect()
    }

    /// The lemma names, in file order (original case, `_` for spaces).
    pub fn lemma_names(&self) -> Vec<&str> {
        self.data.lemmas.iter().map(|l| l.name.as_str()).collect()
    }

    /// The synsets this one points to with WordNet pointer `symbol`
    /// (e.g. `@` hypernym), in file order.
    ///
    /// # Errors
    /// When a related synset cannot be read.
    pub fn related(&self, symbol: &str) -> Result<Vec<Synset>> {
        self.data
            .pointers
            .iter()
            .filter(|(s, _, _)| &**s == symbol)
            .map(|&(_, p, o)| self.wn.synset_from_pos_and_offset(p, o))
            .collect()
    }

    relations! {
        /// Hypernyms (`@`).
        hypernyms => "@";
        /// Instance hypernyms (`@i`).
        instance_hypernyms => "@i";
        /// Hyponyms (`~`).
        hyponyms => "~";
        /// Instance hyponyms (`~i`).
        instance_hyponyms => "~i";
        /// Member holonyms (`#m`).
        member_holonyms => "#m";
        /// Substance holonyms (`#s`).
        substance_holonyms => "#s";
        /// Part holonyms (`#p`).
        part_holonyms => "#p";
        /// Member meronyms (`%m`).
        member_meronyms => "%m";
        /// Substance meronyms (`%s`).
        substance_meronyms => "%s";
        /// Part meronyms (`%p`).
        part_meronyms => "%p";
        /// Topic domains (`;c`).
        topic_domains => ";c";
        /// Members of this topic domain (`-c`).
        in_topic_domains => "-c";
        /// Region domains (`;r`).
        region_domains => ";r";
        /// Members of this region domain (`-r`).
        in_region_domains => "-r";
        /// Usage domains (`;u`).
        usage_domains => ";u";
        /// Members of this usage domain (`-u`).
        in_usage_domains => "-u";
        /// Attributes (`=`).
        attributes => "=";
        /// Entailments (`*`).
        entailments => "*";
        /// Causes (`>`).
        causes => ">";
        /// Also-see synsets (`^`).
        also_sees => "^";
        /// Verb groups (`$`).
        verb_groups => "$";
        /// Similar-to synsets (`&`).
        similar_tos => "&";
    }

    /// Hypernyms followed by instance hypernyms (what NLTK's depth and path
    /// functions follow).
    fn parents(&self) -> Result<Vec<Synset>> {
        let mut v = self.hypernyms()?;
        v.extend(self.instance_hypernyms()?);
        Ok(v)
    }

    fn cycle_error(&self) -> Error {
        Error::Model(format!(
            "WordNet hypernym graph has a cycle or a chain deeper than {MAX_HYPERNYM_DEPTH} at `{}`; {REINSTALL}",
            self.name()
        ))
    }

    /// (min_depth, max_depth), memoised across the database.
    fn depths(&self, path: &mut Vec<Key>) -> Result<(u32, u32)> {
        if self.data.is_root {
            return Ok((0, 0));
        }
        let key = self.key();
        if let Some(&d) = self.wn.depth_memo().get(&key) {
            return Ok(d);
        }
        if path.contains(&key) || path.len() > MAX_HYPERNYM_DEPTH {
            return Err(self.cycle_error());
        }
        let parents = self.parents()?;
        let d = if parents.is_empty() {
            (0, 0)
        } else {
            path.push(key);
            let mut lo = u32::MAX;
            let mut hi = 0;
            for p in &parents {
                let (a, b) = p.depths(path)?;
                lo = lo.min(a + 1);
                hi = hi.max(b + 1);
            }
            path.pop();
            (lo, hi)
        };
        self.wn.depth_memo().insert(key, d);
        Ok(d)
    }

    /// Length of the longest hypernym path to a root (NLTK's `max_depth`).
    ///
    /// # Errors
    /// When the hypernym graph cannot be read or has a cycle.
    pub fn max_depth(&self) -> Result<u32> {
        Ok(self.depths(&mut Vec::new())?.1)
    }

    /// Length of the shortest hypernym path to a root (NLTK's `min_depth`).
    ///
    /// # Errors
    /// When the hypernym graph cannot be read or has a cycle.
    pub fn min_depth(&self) -> Result<u32> {
        Ok(self.depths(&mut Vec::new())?.0)
    }

    /// The topmost hypernyms (NLTK's `root_hypernyms`).
    ///
    /// # Errors
    /// When a hypernym cannot be read.
    pub fn root_hypernyms(&self) -> Result<Vec<Synset>> {
        let mut result = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut todo = vec![self.clone()];
        while let Some(s) = todo.pop() {
            if seen.insert(s.key()) {
                let parents = s.parents()?;
                if parents.is_empty() {
                    result.push(s);
                } else {
                    todo.extend(parents);
                }
            }
        }
        Ok(result)
    }

    /// Every path from a root down to this synset (NLTK's `hypernym_paths`).
    ///
    /// # Errors
    /// When the hypernym graph cannot be read or has a cycle.
    pub fn hypernym_paths(&self) -> Result<Vec<Vec<Synset>>> {
        fn walk(s: &Synset, visited: &mut Vec<Key>) -> Result<Vec<Vec<Synset>>> {
            if visited.contains(&s.key()) || visited.len() > MAX_HYPERNYM_DEPTH {
                return Err(s.cycle_error());
            }
            let parents = s.parents()?;
            if parents.is_empty() {
                return Ok(vec![vec![s.clone()]]);
            }
            visited.push(s.key());
            let mut out = Vec::new();
            for p in &parents {
                for mut path in walk(p, visited)? {
                    path.push(s.clone());
                    out.push(path);
                }
            }
            visited.pop();
            Ok(out)
        }
        walk(self, &mut Vec::new())
    }

    /// This synset and all its (instance) hypernyms, breadth first.
    fn all_hypernyms(&self) -> Result<Vec<Synset>> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let mut level = vec![self.clone()];
        while !level.is_empty() {
            for s in &level {
                if seen.insert(s.key()) {
                    out.push(s.clone());
                }
            }
            let mut next = Vec::new();
            for s in &level {
                for h in s.parents()? {
                    if !seen.contains(&h.key()) {
                        next.push(h);
                    }
                }
            }
            level = next;
        }
        Ok(out)
    }

    /// Synsets that are hypernyms (or the synset itself) of both synsets
    /// (NLTK's `common_hypernyms`; sorted by name here, unordered in NLTK).
    ///
    /// # Errors
    /// When a hypernym cannot be read.
    pub fn common_hypernyms(&self, other: &Synset) -> Result<Vec<Synset>> {
        let mine = self.all_hypernyms()?;
        let theirs: std::collections::HashSet<Key> =
            other.all_hypernyms()?.iter().map(Synset::key).collect();
        let mut v: Vec<Synset> = mine
            .into_iter()
            .filter(|s| theirs.contains(&s.key()))
            .collect();
        v.sort();
        Ok(v)
    }

    /// NLTK's `lowest_common_hypernyms(other, simulate_root, use_min_depth)`:
    /// the common hypernyms of greatest depth (max depth, or min depth with
    /// `use_min_depth`), sorted by name. With `simulate_root` a `*ROOT*`
    /// synset joins every taxonomy.
    ///
    /// # Errors
    /// When the hypernym graph cannot be read or has a cycle.
    pub fn lowest_common_hypernyms(
        &self,
        other: &Synset,
        simulate_root: bool,
        use_min_depth: bool,
    ) -> Result<Vec<Synset>> {
        let mut synsets = self.common_hypernyms(other)?;
        if simulate_root {
            synsets.push(Synset::fake_root(&self.wn));
        }
        let mut scored = Vec::with_capacity(synsets.len());
        for s in synsets {
            let (lo, hi) = s.depths(&mut Vec::new())?;
            scored.push((if use_min_depth { lo } else { hi }, s));
        }
        let Some(best) = scored.iter().map(|(d, _)| *d).max() else {
            return Ok(Vec::new());
        };
        let mut out: Vec<Synset> = scored
            .into_iter()
            .filter(|(d, _)| *d == best)
            .map(|(_, s)| s)
            .collect();
        out.sort();
        Ok(out)
    }

    /// Breadth-first distances to every (instance) hypernym, plus the
    /// simulated root one beyond the farthest when asked (NLTK's
    /// `_shortest_hypernym_paths`).
    fn shortest_hypernym_paths(&self, simulate_root: bool) -> Result<FxHashMap<Key, usize>> {
        let mut path = FxHashMap::default();
        if self.data.is_root {
            path.insert(ROOT_KEY, 0);
            return Ok(path);
        }
        let mut queue = VecDeque::from([(self.clone(), 0usize)]);
        while let Some((s, depth)) = queue.pop_front() {
            if path.contains_key(&s.key()) {
                continue;
            }
            path.insert(s.key(), depth);
            for h in s.parents()? {
                queue.push_back((h, depth + 1));
            }
        }
        if simulate_root {
            let far = path.values().copied().max().unwrap_or(0);
            path.insert(ROOT_KEY, far + 1);
        }
        Ok(path)
    }

    /// Number of edges on the shortest path between the synsets through a
    /// common hypernym, `None` when they share none (NLTK's
    /// `shortest_path_distance`).
    ///
    /// # Errors
    /// When a hypernym cannot be read.
    pub fn shortest_path_distance(
        &self,
        other: &Synset,
        simulate_root: bool,
    ) -> Result<Option<usize>> {
        if self == other {
            return Ok(Some(0));
        }
        let d1 = self.shortest_hypernym_paths(simulate_root)?;
        let d2 = other.shortest_hypernym_paths(simulate_root)?;
        Ok(d1
            .iter()
            .filter_map(|(k, a)| d2.get(k).map(|b| a + b))
            .min())
    }

    fn needs_root(&self) -> bool {
        self.data.is_root || self.data.pos != Pos::Noun
    }

    /// NLTK's `path_similarity` with its default `simulate_root=True`:
    /// `1 / (shortest path length + 1)`, `None` when no path connects them.
    ///
    /// # Errors
    /// When a hypernym cannot be read.
    pub fn path_similarity(&self, other: &Synset) -> Result<Option<f64>> {
        self.path_similarity_with(other, true)
    }

    /// [`Synset::path_similarity`] with an explicit `simulate_root` (used
    /// only when one of the synsets is not a noun, as NLTK).
    ///
    /// # Errors
    /// When a hypernym cannot be read.
    pub fn path_similarity_with(&self, other: &Synset, simulate_root: bool) -> Result<Option<f64>> {
        let sim = simulate_root && (self.needs_root() || other.needs_root());
        Ok(self
            .shortest_path_distance(other, sim)?
            .map(|d| 1.0 / (d as f64 + 1.0)))
    }

    /// NLTK's `wup_similarity` (Wu-Palmer) with `simulate_root=True`.
    ///
    /// # Errors
    /// When the hypernym graph cannot be read or has a cycle.
    pub fn wup_similarity(&self, other: &Synset) -> Result<Option<f64>> {
        self.wup_similarity_with(other, true)
    }

    /// [`Synset::wup_similarity`] with an explicit `simulate_root`.
    ///
    /// # Errors
    /// When the hypernym graph cannot be read or has a cycle.
    pub fn wup_similarity_with(&self, other: &Synset, simulate_root: bool) -> Result<Option<f64>> {
        let sim = simulate_root && (self.needs_root() || other.needs_root());
        let subsumers = self.lowest_common_hypernyms(other, sim, true)?;
        let subsumer = if subsumers.contains(self) {
            self.clone()
        } else {
            match subsumers.into_iter().next() {
                Some(s) => s,
                None => return Ok(None),
            }
        };
        let depth = subsumer.max_depth()? as usize + 1;
        let len1 = self.shortest_path_distance(&subsumer, sim)?;
        let len2 = other.shortest_path_distance(&subsumer, sim)?;
        let (Some(l1), Some(l2)) = (len1, len2) else {
            return Ok(None);
        };
        Ok(Some(
            (2.0 * depth as f64) / ((l1 + depth) as f64 + (l2 + depth) as f64),
        ))
    }
}

impl PartialEq for Synset {
    fn eq(&self, other: &Synset) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Synset {}

impl Hash for Synset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for Synset {
    fn partial_cmp(&self, other: &Synset) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Synset {
    fn cmp(&self, other: &Synset) -> std::cmp::Ordering {
        self.name()
            .cmp(other.name())
            .then_with(|| self.key().cmp(&other.key()))
    }
}

impl fmt::Debug for Synset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Synset('{}')", self.name())
    }
}

impl fmt::Display for Synset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Synset('{}')", self.name())
    }
}

/// One word form in one synset (NLTK's `Lemma`), e.g. `dog.n.01.dog`.
///
/// # Example
/// ```
/// # if !std::path::Path::new(".nltk_data/corpora/wordnet").exists() { return Ok(()); }
/// # std::env::set_var("NLTK_DATA", ".nltk_data");
/// use nlkit::wordnet::WordNet;
/// let wn = WordNet::load(None)?;
/// let good = &wn.synset("good.a.01")?.lemmas()[0];
/// let ants: Vec<String> = good.antonyms()?.iter().map(|l| l.name().to_string()).collect();
/// assert_eq!(ants, ["bad"]);
/// # Ok::<(), nlkit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Lemma {
    synset: Synset,
    index: usize,
}

impl Lemma {
    fn data(&self) -> &LemmaData {
        &self.synset.data.lemmas[self.index]
    }

    /// The lemma's name (original case, `_` for spaces).
    pub fn name(&self) -> &str {
        &self.data().name
    }

    /// The synset it belongs to.
    pub fn synset(&self) -> &Synset {
        &self.synset
    }

    /// The adjective syntactic marker, e.g. `(a)`, `(p)`, `(ip)`.
    pub fn syntactic_marker(&self) -> Option<&str> {
        self.data().syntactic_marker.as_deref()
    }

    /// The lexicographer id that tells senses of one lemma apart in a file.
    pub fn lex_id(&self) -> u32 {
        self.data().lex_id
    }

    /// The lemmas this one points to with WordNet pointer `symbol`, in
    /// file order.
    ///
    /// # Errors
    /// When a related synset cannot be read or the pointer is corrupt.
    pub fn related(&self, symbol: &str) -> Result<Vec<Lemma>> {
        let wn = &self.synset.wn;
        let mut out = Vec::new();
        for p in &self.synset.data.lemma_pointers {
            if p.source == self.index && &*p.symbol == symbol {
                let s = wn.synset_from_pos_and_offset(p.pos, p.offset)?;
                if p.target >= s.data.lemmas.len() {
                    return Err(Error::Model(format!(
                        "WordNet pointer from `{self}` names word {} of `{}`, which has {}; {REINSTALL}",
                        p.target + 1,
                        s.name(),
                        s.data.lemmas.len()
                    )));
                }
                out.push(Lemma {
                    synset: s,
                    index: p.target,
                });
            }
        }
        Ok(out)
    }

    /// Antonyms (`!`).
    ///
    /// # Errors
    /// As [`Lemma::related`].
    pub fn antonyms(&self) -> Result<Vec<Lemma>> {
        self.related("!")
    }

    /// Derivationally related forms (`+`).
    ///
    /// # Errors
    /// As [`Lemma::related`].
    pub fn derivationally_related_forms(&self) -> Result<Vec<Lemma>> {
        self.related("+")
    }

    /// Pertainyms (`\`).
    ///
    /// # Errors
    /// As [`Lemma::related`].
    pub fn pertainyms(&self) -> Result<Vec<Lemma>> {
        self.related("\\")
    }

    /// The sense key, e.g. `dog%1:05:00::` (NLTK's `key`).
    ///
    /// # Errors
    /// When the head synset of a satellite cannot be read.
    pub fn key(&self) -> Result<String> {
        let s = &self.synset;
        let (head_name, head_id) = if s.pos() == Pos::AdjSat {
            let heads = s.similar_tos()?;
            let head = heads
                .first()
                .and_then(|h| h.data.lemmas.first())
                .ok_or_else(|| {
                    Error::Model(format!(
                        "satellite `{}` has no head synset; {REINSTALL}",
                        s.name()
                    ))
                })?;
            (head.name.clone(), format!("{:02}", head.lex_id))
        } else {
            (String::new(), String::new())
        };
        Ok(format!(
            "{}%{}:{:02}:{:02}:{}:{}",
            self.name(),
            s.pos().number(),
            s.data.lexname_index,
            self.lex_id(),
            head_name,
            head_id
        )
        .to_lowercase())
    }

    /// How often this sense was tagged in the semantic concordances
    /// (`cntlist.rev`; 0 when not listed), as NLTK's `count`.
    ///
    /// # Errors
    /// When `cntlist.rev` is missing or unreadable.
    pub fn count(&self) -> Result<u32> {
        let key = self.key()?;
        self.synset.wn.key_count(&key)
    }
}

impl fmt::Debug for Lemma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lemma('{}.{}')", self.synset.name(), self.name())
    }
}

impl fmt::Display for Lemma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lemma('{}.{}')", self.synset.name(), self.name())
    }
}
