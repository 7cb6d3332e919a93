//! A sentence splitter for raw text trained on UD English-EWT: an averaged
//! perceptron that decides, after each token of [`UdTokenizer`] that is
//! followed by whitespace, whether a sentence ends there.
//!
//! No NLTK class matches it. Punkt (NLTK's `PunktSentenceTokenizer`, kept
//! unchanged in [`crate::sentence::punkt`]) only considers `.`, `?` and `!`
//! and learns abbreviations without supervision; web text as EWT annotates
//! it also ends sentences without punctuation (`Thanks John Smith`), inside
//! runs like `!!!` or `:)`, and keeps abbreviations' periods. The features
//! are Punkt's evidence made explicit, around the candidate: the token and
//! its neighbours (lower-cased), their shapes (`Xx`, `d`, `.`), whether the
//! token is a known abbreviation, and how many tokens the sentence has so
//! far (decoding is greedy, left to right). Blank lines always end a
//! sentence (the pipeline reads paragraphs anyway).
//!
//! The model compiled into nlkit (`corpora/ud/en_ewt_sentences.tsv`,
//! CC BY-SA 4.0) is trained by `examples/train_ud_sentences.rs` on EWT train
//! as raw text (each `# newpar` block a paragraph, sentences joined by one
//! space), its threshold tuned on dev.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use super::SentenceTokenizer;
use crate::tokenize::UdTokenizer;
use crate::{Error, Result, Span};

/// The model compiled into nlkit.
const EMBEDDED: &str = include_str!("../../corpora/ud/en_ewt_sentences.tsv");
/// First line of a model file.
const HEADER: &str = "nlkit-ud-sentences\t2";

/// The sentence splitter (see the module documentation).
///
/// # Example
/// ```
/// use nlkit::sentence::{SentenceTokenizer, UdSentenceTokenizer};
/// let s = UdSentenceTokenizer::default_english();
/// assert_eq!(
///     s.tokenize("Dr. Smith arrived at 5 p.m. yesterday. He left!!! Thanks a lot"),
///     ["Dr. Smith arrived at 5 p.m. yesterday.", "He left!!!", "Thanks a lot"]
/// );
/// ```
#[derive(Clone, Default)]
pub struct UdSentenceTokenizer {
    /// by feature name, for writing the model
    names: Vec<(Box<str>, f32)>,
    /// by [`key`] of the name, for scoring
    weights: Weights,
    threshold: f32,
}

impl std::fmt::Debug for UdSentenceTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UdSentenceTokenizer")
            .field("features", &self.names.len())
            .field("threshold", &self.threshold)
            .finish()
    }
}

/// One token of a paragraph, as the features see it (scoring reads the
/// hashes; training has the texts too, in [`texts`]).
struct Tok {
    /// [`fnv`] of the lower-cased token and of its shape
    lower_h: u64,
    shape_h: u64,
    span: Span,
    /// whitespace follows (a candidate boundary)
    space: bool,
    /// a line break follows
    newline: bool,
}

/// The class of a character in a token's [`shape`].
fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// The shape of a token: its characters' classes with repeats collapsed,
/// cut once 8 bytes long (`Xx`, `d.d`, `.`).
fn shape(t: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in t.chars() {
        let k = shape_class(c);
        if last != Some(k) {
            out.push(k);
            last = Some(k);
            if out.len() >= 8 {
                break;
            }
        }
    }
    out
}

/// [`fnv`] of [`shape`]`(t)`, without building it.
fn shape_hash(t: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut len = 0;
    let mut last = None;
    for c in t.chars() {
        let k = if c.is_ascii() {
            match c {
                'A'..='Z' => 'X',
                'a'..='z' => 'x',
                '0'..='9' => 'd',
                _ => c,
            }
        } else {
            shape_class(c)
        };
        if last != Some(k) {
            let mut buf = [0u8; 4];
            h = fnv_bytes(h, k.encode_utf8(&mut buf).as_bytes());
            len += k.len_utf8();
            last = Some(k);
            if len >= 8 {
                break;
            }
        }
    }
    h
}

/// The token's first 24 characters, lower-cased.
fn lower(t: &str) -> String {
    t.chars().take(24).flat_map(char::to_lowercase).collect()
}

/// [`fnv`] of [`lower`]`(t)`, without building it.
fn lower_hash(t: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in t.chars().take(24) {
        if c.is_ascii() {
            h = fnv_bytes(h, &[c.to_ascii_lowercase() as u8]);
        } else {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                h = fnv_bytes(h, l.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    h
}

/// The tokens of `text` whose spans are `spans` (those of [`UdTokenizer`]),
/// with their hashes.
fn tokens(text: &str, spans: &[Span]) -> Vec<Tok> {
    let mut out = Vec::with_capacity(spans.len());
    for (k, sp) in spans.iter().enumerate() {
        let t = sp.slice(text);
        let gap_end = spans.get(k + 1).map_or(text.len(), |n| n.start);
        let gap = text.as_bytes().get(sp.end..gap_end).unwrap_or_default();
        out.push(Tok {
            lower_h: lower_hash(t),
            shape_h: shape_hash(t),
            span: *sp,
            space: !gap.is_empty() || k + 1 == spans.len(),
            newline: memchr::memchr(b'\n', gap).is_some(),
        });
    }
    out
}

/// The lower-cased form and the shape of each token, as text: what
/// training names its features with ([`features`]' `texts`).
fn texts(text: &str, spans: &[Span]) -> Vec<(String, String)> {
    spans
        .iter()
        .map(|sp| (lower(sp.slice(text)), shape(sp.slice(text))))
        .collect()
}

fn len_bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=9 => "6",
        10..=19 => "10",
        20..=39 => "20",
        _ => "40",
    }
}

/// Calls `f` with each feature of the boundary after token `i`, the
/// sentence so far having `so_far` tokens before it.
/// One part of a feature: its text and [`fnv`] of it.
type Part<'a> = (&'a str, u64);

/// Calls `f` with the template name, its [`fnv`] and the parts of each
/// feature of the boundary after token `i`, the sentence so far having
/// `so_far` tokens before it (at most [`MAX_FEATURES`] calls). A feature's
/// name is the template and the parts joined by TABs (tokens hold no
/// whitespace); the parts' texts come from `texts` ([`texts`] of the
/// tokens, for training), and are empty where it has none (scoring reads
/// only the hashes).
fn features(
    toks: &[Tok],
    texts: &[(String, String)],
    i: usize,
    so_far: usize,
    f: &mut impl FnMut(&'static str, u64, &[Part]),
) {
    const START: Part = ("<s>", fnv("<s>"));
    const END: Part = ("</s>", fnv("</s>"));
    let get = |k: isize| -> (Part, Part) {
        if k < 0 {
            return (START, START);
        }
        toks.get(k as usize).map_or((END, END), |t| {
            let (lower, shape) = texts
                .get(k as usize)
                .map_or(("", ""), |(l, s)| (l.as_str(), s.as_str()));
            ((lower, t.lower_h), (shape, t.shape_h))
        })
    };
    let ii = i as isize;
    let (w_1, s_1) = get(ii - 1);
    let (w0, s0) = get(ii);
    let (w1, s1) = get(ii + 1);
    let (w2, s2) = get(ii + 2);
    let lb = len_bucket(so_far);
    let len = (lb, fnv(lb));
    macro_rules! feat {
        ($name:literal $(, $p:expr)*) => {
            f($name, const { fnv($name) }, &[$($p),*])
        };
    }
    feat!("bias");
    feat!("w0", w0);
    feat!("w1", w1);
    feat!("w-1", w_1);
    feat!("w2", w2);
    feat!("s0", s0);
    feat!("s1", s1);
    feat!("s-1", s_1);
    feat!("s2", s2);
    feat!("w0s1", w0, s1);
    feat!("s0w1", s0, w1);
    feat!("w-1w0", w_1, w0);
    feat!("w0w1", w0, w1);
    feat!("s0s1", s0, s1);
    feat!("s-1s0s1", s_1, s0, s1);
    feat!("s0s1s2", s0, s1, s2);
    feat!("w0s1s2", w0, s1, s2);
    feat!("len", len);
    feat!("lens0", len, s0);
    if toks.get(i).is_some_and(|t| t.newline) {
        feat!("nl");
        feat!("nl|s1", s1);
    }
}

/// The most features [`features`] gives a boundary (19, and 2 more after a
/// line break), with room to spare.
const MAX_FEATURES: usize = 24;

/// FNV-1a's offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `s`'s bytes.
const fn fnv(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h: u64 = FNV_OFFSET;
    let mut k = 0;
    while k < b.len() {
        h ^= b[k] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        k += 1;
    }
    h
}

/// FNV-1a of `b` continued from the hash `h` of the bytes before it.
fn fnv_bytes(mut h: u64, b: &[u8]) -> u64 {
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The key of a feature from the hashes of its template and parts.
fn key(template: u64, parts: impl IntoIterator<Item = u64>) -> u64 {
    let mut k = template;
    for h in parts {
        k = (k.rotate_left(23) ^ h).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    k
}

/// A feature's name: the template and the parts joined by TABs.
fn feature_name(template: &str, parts: &[Part]) -> Box<str> {
    let mut s = String::from(template);
    for (p, _) in parts {
        s.push('\t');
        s.push_str(p);
    }
    s.into_boxed_str()
}

/// The weights by feature [`key`]: open addressing with linear probing,
/// at most two thirds full, keys stored with their weights (0 marks an empty slot, so a weight for
/// the key 0 is kept aside). The keys are products of a multiplicative
/// hash, so their top bits pick the slot. Most features of a boundary are
/// not in the model; a 16 kB bit filter (one bit per key, from other bits
/// of it) turns most of those away before the table is read.
#[derive(Clone, Default)]
struct Weights {
    slots: Vec<Slot>,
    /// 64 minus the log2 of the number of slots
    shift: u32,
    zero: Option<f32>,
    /// bit [`filter_bit`] of each key in the table is set
    filter: Vec<u64>,
}

/// A key and its weight (key 0: empty).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    weight: f32,
}

/// Bits of [`Weights::filter`].
const FILTER_BITS: usize = 1 << 17;

/// The filter bit of key `k`.
#[inline]
fn filter_bit(k: u64) -> usize {
    (k >> 24) as usize & (FILTER_BITS - 1)
}

impl Weights {
    /// A table of `pairs`; a key given twice keeps its last weight.
    fn new(pairs: &[(u64, f32)]) -> Self {
        let slots = (pairs.len() * 3 / 2).max(16).next_power_of_two();
        let mut w = Weights {
            slots: vec![Slot::default(); slots],
            shift: 64 - slots.trailing_zeros(),
            zero: None,
            filter: vec![0; FILTER_BITS / 64],
        };
        let mask = slots - 1;
        for &(k, v) in pairs {
            if k == 0 {
                w.zero = Some(v);
                continue;
            }
            let b = filter_bit(k);
            if let Some(f) = w.filter.get_mut(b / 64) {
                *f |= 1 << (b % 64);
            }
            let mut i = (k >> w.shift) as usize;
            // never full: an empty slot or the key is always found
            while let Some(slot) = w.slots.get_mut(i) {
                if slot.key == 0 || slot.key == k {
                    *slot = Slot { key: k, weight: v };
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        w
    }

    /// `s` plus the weights of the `keys` the table holds, added in the
    /// keys' order (the same `f32` sum as adding [`Weights::get`] of each
    /// in turn).
    ///
    /// Why: the taggers evict this table from the caches between
    /// paragraphs, and looked up one after the other each key's filter
    /// test and slot read waited on the one before (unpredictable
    /// branches); here the home slots of all the keys are read first, in a
    /// loop of independent loads whose misses the CPU overlaps, and only a
    /// key not in its home slot takes the general lookup.
    fn add(&self, mut s: f32, keys: &[u64]) -> f32 {
        for keys in keys.chunks(MAX_FEATURES) {
            let mut homes = [Slot::default(); MAX_FEATURES];
            for (h, &k) in homes.iter_mut().zip(keys) {
                if let Some(slot) = self.slots.get((k >> self.shift) as usize) {
                    *h = *slot;
                }
            }
            for (h, &k) in homes.iter().zip(keys) {
                let w = if k != 0 && h.key == k {
                    Some(h.weight)
                } else {
                    self.get(k)
                };
                if let Some(w) = w {
                    s += w;
                }
            }
        }
        s
    }

    /// The weight of key `k`.
    #[inline]
    fn get(&self, k: u64) -> Option<f32> {
        if k == 0 {
            return self.zero;
        }
        let b = filter_bit(k);
        if self.filter.get(b / 64)? & (1 << (b % 64)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (k >> self.shift) as usize;
        loop {
            let slot = self.slots.get(i)?;
            if slot.key == k {
                return Some(slot.weight);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

impl UdSentenceTokenizer {
    /// The model compiled into nlkit (trained on UD English-EWT train).
    ///
    /// # Example
    /// ```
    /// use nlkit::sentence::{SentenceTokenizer, UdSentenceTokenizer};
    /// let s = UdSentenceTokenizer::default_english();
    /// assert_eq!(s.tokenize("See you at 5 p.m. tomorrow. Bye"), ["See you at 5 p.m. tomorrow.", "Bye"]);
    /// ```
    pub fn default_english() -> &'static UdSentenceTokenizer {
        static M: OnceLock<UdSentenceTokenizer> = OnceLock::new();
        // the embedded file is checked by the test suite; a defect degrades
        // to a model that splits at blank lines only, never to a panic
        M.get_or_init(|| Self::from_model_str(EMBEDDED).unwrap_or_default())
    }

    /// Reads a model written by [`UdSentenceTokenizer::to_model_string`].
    ///
    /// # Errors
    /// [`Error::Model`] for a malformed file.
    ///
    /// # Example
    /// ```
    /// use nlkit::sentence::UdSentenceTokenizer;
    /// let m = UdSentenceTokenizer::default_english();
    /// let again = UdSentenceTokenizer::from_model_str(&m.to_model_string()).unwrap();
    /// assert_eq!(again.n_features(), m.n_features());
    /// assert!(UdSentenceTokenizer::from_model_str("nope").is_err());
    /// ```
    pub fn from_model_str(text: &str) -> Result<Self> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(Error::Model(format!(
                "not an nlkit UD sentence model (first line must be {HEADER:?})"
            )));
        }
        let mut m = UdSentenceTokenizer::default();
        for (n, line) in lines.enumerate() {
            let bad = || Error::Model(format!("UD sentence model line {}: {line:?}", n + 2));
            let (name, w) = line.rsplit_once('\t').ok_or_else(bad)?;
            let w: f32 = w.parse().map_err(|_| bad())?;
            if name == "#threshold" {
                m.threshold = w;
            } else {
                m.names.push((name.into(), w));
            }
        }
        Ok(m.indexed())
    }

    /// The model as text: a header line, `#threshold<TAB>value`, then one
    /// `feature<TAB>weight` line per feature (a feature: its template and
    /// parts joined by TABs), sorted.
    pub fn to_model_string(&self) -> String {
        let mut rows: Vec<(&str, f32)> = self.names.iter().map(|(k, v)| (&**k, *v)).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = format!("{HEADER}\n#threshold\t{}\n", self.threshold);
        for (k, v) in rows {
            let _ = writeln!(out, "{k}\t{v}");
        }
        out
    }

    /// The number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.names.len()
    }

    /// Builds the scoring table from the names.
    fn indexed(mut self) -> Self {
        let pairs: Vec<(u64, f32)> = self
            .names
            .iter()
            .map(|(k, v)| {
                let mut parts = k.split('\t');
                let t = fnv(parts.next().unwrap_or(""));
                (key(t, parts.map(fnv)), *v)
            })
            .collect();
        self.weights = Weights::new(&pairs);
        self
    }

    /// The decision threshold (a boundary where the score exceeds it).
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Sets the decision threshold.
    pub fn set_threshold(&mut self, t: f32) {
        self.threshold = t;
    }

    fn score(&self, toks: &[Tok], i: usize, so_far: usize) -> f32 {
        let mut keys = [0u64; MAX_FEATURES];
        let mut n = 0;
        let mut s = 0.0;
        features(toks, &[], i, so_far, &mut |_, t, parts| {
            if n == MAX_FEATURES {
                // never (see MAX_FEATURES); the sum stays in order anyway
                s = self.weights.add(s, &keys);
                n = 0;
            }
            if let Some(k) = keys.get_mut(n) {
                *k = key(t, parts.iter().map(|p| p.1));
                n += 1;
            }
        });
        self.weights.add(s, keys.get(..n).unwrap_or_default())
    }

    /// The score of a boundary after each token of `text` (`None` where no
    /// whitespace follows, so no sentence may end), with the tokens' spans;
    /// decoding is greedy, so each score depends on the boundaries before it.
    fn decide(&self, text: &str, threshold: f32) -> Vec<Span> {
        self.decide_with_tokens(text, threshold)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    fn decide_with_tokens(&self, text: &str, threshold: f32) -> Vec<(Span, Vec<Span>)> {
        let toks = tokens(text, &UdTokenizer::new().spans(text));
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for i in 0..toks.len() {
            let first = *start.get_or_insert(i);
            let t = &toks[i];
            let last = i + 1 == toks.len();
            // a blank line: two line breaks in the gap (only where one is)
            let blank = t.newline
                && text
                    .as_bytes()
                    .get(t.span.end..toks.get(i + 1).map_or(text.len(), |n| n.span.start))
                    .is_some_and(|g| memchr::memchr_iter(b'\n', g).nth(1).is_some());
            let end = last || blank || (t.space && self.score(&toks, i, i - first) > threshold);
            if end {
                let mut spans: Vec<Span> = toks
                    .get(first..=i)
                    .unwrap_or_default()
                    .iter()
                    .map(|t| t.span)
                    .collect();
                // as UdTokenizer gives it for the sentence alone
                crate::tokenize::split_final_period(text, &mut spans);
                out.push((Span::new(toks[first].span.start, t.span.end), spans));
                start = None;
            }
        }
        out
    }

    /// The sentences of `text` with the spans of their [`UdTokenizer`]
    /// tokens, from one tokenizer pass (the tokens are those `UdTokenizer`
    /// gives for each sentence alone: sentences end only at whitespace).
    ///
    /// # Example
    /// ```
    /// use nlkit::sentence::UdSentenceTokenizer;
    /// let text = "I can't. OK";
    /// let s = UdSentenceTokenizer::default_english().sentences_with_tokens(text);
    /// let words: Vec<Vec<&str>> =
    ///     s.iter().map(|(_, t)| t.iter().map(|t| t.slice(text)).collect()).collect();
    /// assert_eq!(words, [vec!["I", "ca", "n't", "."], vec!["OK"]]);
    /// ```
    pub fn sentences_with_tokens(&self, text: &str) -> Vec<(Span, Vec<Span>)> {
        self.decide_with_tokens(text, self.threshold)
    }

    /// Trains a model on paragraphs of raw text, each with the byte offsets
    /// where its sentences end, for `epochs` passes (averaged perceptron,
    /// paragraphs shuffled with `seed`). Features seen fewer than
    /// `min_count` times are dropped.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there is nothing to train on.
    ///
    /// # Example
    /// ```
    /// use nlkit::sentence::{SentenceTokenizer, UdSentenceTokenizer};
    /// let paras = vec![("Hi there. How are you? Fine".to_string(), vec![9, 22, 27]); 20];
    /// let m = UdSentenceTokenizer::train(&paras, 3, 1, 1).unwrap();
    /// assert_eq!(m.tokenize("Hi there. How are you? Fine"), ["Hi there.", "How are you?", "Fine"]);
    /// ```
    pub fn train(
        paragraphs: &[(String, Vec<usize>)],
        epochs: usize,
        seed: u64,
        min_count: u32,
    ) -> Result<Self> {
        struct W {
            w: f32,
            total: f64,
            stamp: u64,
            count: u32,
        }
        type Paragraph = (Vec<Tok>, Vec<(String, String)>, Vec<bool>);
        let data: Vec<Paragraph> = paragraphs
            .iter()
            .map(|(text, ends)| {
                let spans = UdTokenizer::new().spans(text);
                let toks = tokens(text, &spans);
                let gold = toks.iter().map(|t| ends.contains(&t.span.end)).collect();
                (toks, texts(text, &spans), gold)
            })
            .filter(|(t, _, _)| !t.is_empty())
            .collect();
        if data.is_empty() {
            return Err(Error::InvalidInput(
                "no text to train the sentence splitter on".into(),
            ));
        }
        let mut table: HashMap<Box<str>, W> = HashMap::new();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut now: u64 = 0;
        let mut feats: Vec<Box<str>> = Vec::new();
        for _ in 0..epochs {
            for k in (1..order.len()).rev() {
                rng = rng
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                order.swap(k, (rng >> 33) as usize % (k + 1));
            }
            for &p in &order {
                let (toks, names, gold) = &data[p];
                let mut first = 0;
                for i in 0..toks.len() {
                    if i + 1 == toks.len() || !toks[i].space {
                        if i + 1 == toks.len() {
                            first = i + 1;
                        }
                        continue;
                    }
                    feats.clear();
                    features(toks, names, i, i - first, &mut |t, _, parts| {
                        feats.push(feature_name(t, parts))
                    });
                    let score: f32 = feats.iter().filter_map(|f| table.get(f)).map(|w| w.w).sum();
                    let y = gold[i];
                    now += 1;
                    if (score > 0.0) != y {
                        let d = if y { 1.0 } else { -1.0 };
                        for f in feats.drain(..) {
                            let e = table.entry(f).or_insert(W {
                                w: 0.0,
                                total: 0.0,
                                stamp: 0,
                                count: 0,
                            });
                            e.total += (now - e.stamp) as f64 * e.w as f64;
                            e.stamp = now;
                            e.w += d;
                        }
                    }
                    if y {
                        first = i + 1;
                    }
                }
            }
        }
        // counts, for pruning: how often each feature occurs in the data
        for (toks, names, gold) in &data {
            let mut first = 0;
            for i in 0..toks.len() {
                if toks[i].space && i + 1 < toks.len() {
                    features(toks, names, i, i - first, &mut |t, _, parts| {
                        if let Some(e) = table.get_mut(&feature_name(t, parts)) {
                            e.count = e.count.saturating_add(1);
                        }
                    });
                }
                if gold[i] {
                    first = i + 1;
                }
            }
        }
        let mut names = Vec::new();
        for (k, e) in table {
            let total = e.total + (now - e.stamp) as f64 * e.w as f64;
            let avg = (total / now.max(1) as f64) as f32;
            // three significant digits are plenty and keep the file small
            let avg = (avg * 1000.0).round() / 1000.0;
            if e.count >= min_count && avg != 0.0 {
                names.push((k, avg));
            }
        }
        Ok(UdSentenceTokenizer {
            names,
            weights: Weights::default(),
            threshold: 0.0,
        }
        .indexed())
    }

    /// The sentence spans of `text` with another decision threshold (for
    /// tuning it on held-out data).
    ///
    /// # Example
    /// ```
    /// use nlkit::sentence::UdSentenceTokenizer;
    /// let s = UdSentenceTokenizer::default_english();
    /// // a very high threshold never ends a sentence inside the text
    /// assert_eq!(s.span_tokenize_with("One. Two. Three.", 1e9).len(), 1);
    /// assert!(s.span_tokenize_with("One. Two. Three.", s.threshold()).len() > 1);
    /// ```
    pub fn span_tokenize_with(&self, text: &str, threshold: f32) -> Vec<Span> {
        self.decide(text, threshold)
    }
}

impl SentenceTokenizer for UdSentenceTokenizer {
    fn span_tokenize(&self, text: &str) -> Vec<Span> {
        self.decide(text, self.threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &[
        "",
        "a",
        "Hello",
        "U.S.",
        "5:30pm",
        "MiXeD-case_99",
        "İstanbul",
        "ΣΑΣ",
        "straße",
        "ǅemal",
        "Ⅻ",
        "日本語テキスト",
        "x²³",
        "…!!?",
        "a'b’c",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh",
        "aA1.aA1.aA1.aA1.",
        "İİİİİİİİİİİİİİİİİİİİİİİİİİİİ",
        "😀x😀X",
    ];

    #[test]
    fn streamed_hashes_equal_the_hashes_of_the_strings() {
        for w in WORDS {
            assert_eq!(lower_hash(w), fnv(&lower(w)), "lower {w:?}");
            assert_eq!(shape_hash(w), fnv(&shape(w)), "shape {w:?}");
        }
    }

    #[test]
    fn weight_table_equals_a_map() {
        let mut pairs: Vec<(u64, f32)> = (0..5000u64)
            .map(|i| (key(fnv("t"), [i]), i as f32))
            .collect();
        // a repeated key keeps its last weight; the key 0 is stored too
        pairs.push((pairs[7].0, -1.0));
        pairs.push((0, 2.5));
        let table = Weights::new(&pairs);
        let map: HashMap<u64, f32> = pairs.iter().copied().collect();
        for (k, _) in &pairs {
            assert_eq!(table.get(*k), map.get(k).copied());
        }
        for i in 5000..6000u64 {
            let k = key(fnv("t"), [i]);
            assert_eq!(table.get(k), map.get(&k).copied());
        }
        // the in-order sum over the home slots equals adding each get
        let keys: Vec<u64> = (4950..5010u64)
            .map(|i| key(fnv("t"), [i]))
            .chain([0, pairs[7].0, 12345])
            .collect();
        let mut want = 0.5f32;
        for k in &keys {
            if let Some(w) = table.get(*k) {
                want += w;
            }
        }
        assert_eq!(table.add(0.5, &keys).to_bits(), want.to_bits());
        assert_eq!(Weights::default().add(1.0, &keys), 1.0);
        assert_eq!(Weights::default().get(3), None);
        assert_eq!(Weights::new(&[]).get(0), None);
    }
}
