//! VADER's scoring rules (NLTK's `nltk.sentiment.vader`): tokens, booster
//! and negation words, ALL-CAPS emphasis, "but", idioms, `!`/`?` emphasis.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::lexicon::VaderLexicon;
use super::pyfloat::{py_json_float, py_round};
use crate::sentence::punkt::chars;
use crate::Result;

/// Mean rating increase for a booster word (NLTK's `B_INCR`).
pub const B_INCR: f64 = 0.293;
/// Mean rating decrease for a dampener word (NLTK's `B_DECR`).
pub const B_DECR: f64 = -0.293;
/// Increase for an ALL-CAPS word among non-caps words (NLTK's `C_INCR`).
pub const C_INCR: f64 = 0.733;
/// Factor applied after a negation (NLTK's `N_SCALAR`).
pub const N_SCALAR: f64 = -0.74;

/// NLTK's `VaderConstants.NEGATE` (matched on the lower-cased word).
const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// The one-word boosters of NLTK's `VaderConstants.BOOSTER_DICT` worth `B_INCR`.
const BOOST_INCR: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormously",
    "entirely",
    "especially",
    "exceptionally",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fucking",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredibly",
    "intensely",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "totally",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utterly",
    "very",
];

/// The one-word dampeners of `BOOSTER_DICT` (worth `B_DECR`).
const BOOST_DECR: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginally",
    "occasionally",
    "partly",
    "scarcely",
    "slightly",
    "somewhat",
    "sorta",
    "sortof",
    "sort-of",
];

/// What scoring needs to know of a lower-cased word, found with one hash
/// lookup: its lexicon rating, its booster value and which of the words
/// the rules test it is.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    lex: Option<f64>,
    boost: Option<f64>,
    flags: u8,
}

/// In `NEGATE`.
const F_NEGATE: u8 = 1;
/// "kind".
const F_KIND: u8 = 2;
/// "of".
const F_OF: u8 = 4;
/// "but".
const F_BUT: u8 = 8;
/// "least".
const F_LEAST: u8 = 16;
/// "at" or "very".
const F_AT_VERY: u8 = 32;

/// Every word with a [`WordInfo`]: the lexicon's, the boosters, the
/// negations and the words the rules compare to.
fn word_index(lexicon: &VaderLexicon) -> FxHashMap<Box<str>, WordInfo> {
    let mut index: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
    index.reserve(lexicon.len() + 160);
    for (w, v) in lexicon.iter() {
        index.entry(w.into()).or_default().lex = Some(v);
    }
    for (words, b) in [(BOOST_INCR, B_INCR), (BOOST_DECR, B_DECR)] {
        for &w in words {
            index.entry(w.into()).or_default().boost = Some(b);
        }
    }
    let flagged = NEGATE.iter().map(|&w| (w, F_NEGATE)).chain([
        ("kind", F_KIND),
        ("of", F_OF),
        ("but", F_BUT),
        ("least", F_LEAST),
        ("at", F_AT_VERY),
        ("very", F_AT_VERY),
    ]);
    for (w, f) in flagged {
        index.entry(w.into()).or_default().flags |= f;
    }
    index
}

/// The two-word keys of `BOOSTER_DICT` (all dampeners). A token never
/// holds a space, so NLTK's `"a b" in BOOSTER_DICT` is this pair test.
fn is_booster_pair(a: &str, b: &str) -> bool {
    matches!((a, b), ("just", "enough") | ("kind", "of") | ("sort", "of"))
}

/// NLTK's `SPECIAL_CASE_IDIOMS`, as word sequences.
const IDIOMS: &[(&[&str], f64)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["yeah", "right"], -2.0),
    (&["cut", "the", "mustard"], 2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["hand", "to", "mouth"], -2.0),
];

fn idiom(seq: &[&str]) -> Option<f64> {
    IDIOMS.iter().find(|(k, _)| *k == seq).map(|&(_, v)| v)
}

/// NLTK's `PUNC_LIST`: what may be stripped from the start or end of a token.
fn is_punc_item(p: &str) -> bool {
    matches!(
        p,
        "." | "!"
            | "?"
            | ","
            | ";"
            | ":"
            | "-"
            | "'"
            | "\""
            | "!!"
            | "!!!"
            | "??"
            | "???"
            | "?!?"
            | "!?!"
            | "?!?!"
            | "!?!?"
    )
}

/// Python's `string.punctuation` (what `REGEX_REMOVE_PUNCTUATION` removes),
/// on bytes: its characters are ASCII, and no byte of a multi-byte UTF-8
/// character is ASCII, so byte-wise trimming keeps char boundaries.
fn is_punct_byte(b: u8) -> bool {
    b.is_ascii_punctuation()
}

fn char_len_gt1(s: &str) -> bool {
    if s.is_ascii() {
        return s.len() > 1;
    }
    let mut it = s.chars();
    it.next().is_some() && it.next().is_some()
}

/// Titlecase letters (general category Lt), which make Python's
/// `isupper()` false.
fn is_title(c: char) -> bool {
    matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}'
        | '\u{1f98}'..='\u{1f9f}' | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// Python's `str.isupper()`: at least one upper-case character and no
/// lower-case or title-case one.
fn py_isupper(s: &str) -> bool {
    if s.is_ascii() {
        let b = s.as_bytes();
        return b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if chars::is_lower(c) || is_title(c) {
            return false;
        }
        if chars::is_upper(c) {
            cased = true;
        }
    }
    cased
}

/// NLTK's `SentiText._words_and_emoticons`: whitespace tokens longer than
/// one character, with one `PUNC_LIST` item stripped from their start or
/// end when what remains is a word of the text without punctuation.
///
/// NLTK builds a dictionary of every `PUNC_LIST` item glued before and after
/// every punctuation-free word; a token is a key of it exactly when it is
/// such an item plus a remainder with no ASCII punctuation and more than one
/// character (the token itself is then the word of the text it came from).
///
/// # Example
/// ```
/// use nlkit::sentiment::words_and_emoticons;
/// assert_eq!(words_and_emoticons("Great, film!!! :) a x"), ["Great", "film", ":)"]);
/// ```
pub fn words_and_emoticons(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for_each_word(text, |w| words.push(w));
    words
}

/// Calls `f` with each of [`words_and_emoticons`]'s tokens.
fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    if text.is_ascii() {
        // Python's `str.split()` whitespace among ASCII characters
        let b = text.as_bytes();
        let is_ws = |c: u8| matches!(c, b'\t'..=b'\r' | 0x1c..=b' ');
        let mut i = 0;
        while i < b.len() {
            while b.get(i).is_some_and(|&c| is_ws(c)) {
                i += 1;
            }
            let start = i;
            while b.get(i).is_some_and(|&c| !is_ws(c)) {
                i += 1;
            }
            if i - start > 1 {
                if let Some(t) = text.get(start..i) {
                    f(strip_punc_item(t));
                }
            }
        }
        return;
    }
    for t in text.split(crate::tokenize::is_py_whitespace) {
        if char_len_gt1(t) {
            f(strip_punc_item(t));
        }
    }
}

fn strip_punc_item(we: &str) -> &str {
    let b = we.as_bytes();
    let core_ok = |w: &str| char_len_gt1(w) && !w.bytes().any(is_punct_byte);
    let lead = b.iter().take_while(|&&c| is_punct_byte(c)).count();
    if lead > 0 {
        if let (Some(p), Some(w)) = (we.get(..lead), we.get(lead..)) {
            if is_punc_item(p) && core_ok(w) {
                return w;
            }
        }
        return we;
    }
    let trail = b.iter().rev().take_while(|&&c| is_punct_byte(c)).count();
    if trail > 0 {
        let cut = we.len() - trail;
        if let (Some(w), Some(p)) = (we.get(..cut), we.get(cut..)) {
            if is_punc_item(p) && core_ok(w) {
                return w;
            }
        }
    }
    we
}

/// VADER's four scores of a text, rounded as NLTK rounds them (3 decimals
/// for `neg`, `neu`, `pos`; 4 for `compound`).
///
/// # Example
/// ```
/// use nlkit::sentiment::PolarityScores;
/// let s = PolarityScores { neg: 0.0, neu: 0.508, pos: 0.492, compound: 0.4404 };
/// assert_eq!(s.to_json(), r#"{"neg": 0.0, "neu": 0.508, "pos": 0.492, "compound": 0.4404}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PolarityScores {
    /// Share of negative sentiment.
    pub neg: f64,
    /// Share of neutral words.
    pub neu: f64,
    /// Share of positive sentiment.
    pub pos: f64,
    /// Normalised sum of valences in [-1, 1].
    pub compound: f64,
}

impl PolarityScores {
    /// The scores as Python's `json.dumps` writes NLTK's dict: keys `neg`,
    /// `neu`, `pos`, `compound` in that order, numbers as Python prints them.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"neg\": {}, \"neu\": {}, \"pos\": {}, \"compound\": {}}}",
            py_json_float(self.neg),
            py_json_float(self.neu),
            py_json_float(self.pos),
            py_json_float(self.compound)
        )
    }
}

impl PolarityScores {
    /// Appends [`PolarityScores::to_json`]'s text to `out`.
    pub fn write_json(&self, out: &mut String) {
        use super::pyfloat::write_py_float as w;
        out.push_str("{\"neg\": ");
        w(out, self.neg, true);
        out.push_str(", \"neu\": ");
        w(out, self.neu, true);
        out.push_str(", \"pos\": ");
        w(out, self.pos, true);
        out.push_str(", \"compound\": ");
        w(out, self.compound, true);
        out.push('}');
    }

    /// Appends the [`Display`](std::fmt::Display) text to `out`.
    pub fn write_text(&self, out: &mut String) {
        use super::pyfloat::write_py_float as w;
        out.push_str("neg=");
        w(out, self.neg, false);
        out.push_str(" neu=");
        w(out, self.neu, false);
        out.push_str(" pos=");
        w(out, self.pos, false);
        out.push_str(" compound=");
        w(out, self.compound, false);
    }
}

impl std::fmt::Display for PolarityScores {
    /// `neg=0.0 neu=0.508 pos=0.492 compound=0.4404`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::pyfloat::py_float_repr as r;
        write!(
            f,
            "neg={} neu={} pos={} compound={}",
            r(self.neg),
            r(self.neu),
            r(self.pos),
            r(self.compound)
        )
    }
}

/// NLTK's `SentimentIntensityAnalyzer`: rule-based sentiment scores from
/// the VADER lexicon.
///
/// # Example
/// ```
/// use nlkit::sentiment::{SentimentIntensityAnalyzer, VaderLexicon};
/// let lex = VaderLexicon::parse(b"good\t1.9\t0.9\t[]", "inline").unwrap();
/// let vader = SentimentIntensityAnalyzer::new(lex);
/// let s = vader.polarity_scores("The food is VERY good!");
/// assert!(s.compound > 0.5 && s.neg == 0.0);
/// ```
#[derive(Debug, Clone)]
pub struct SentimentIntensityAnalyzer {
    lexicon: VaderLexicon,
    /// The lexicon's words and the rules' words, one lookup per token.
    index: FxHashMap<Box<str>, WordInfo>,
}

/// One token of a text: the word as written, what its lower-case form is
/// (lexicon rating, booster value, special word), whether it is ALL CAPS
/// (Python's `isupper`), whether it is a negation, and its sentiment.
struct Tok<'a> {
    word: &'a str,
    info: WordInfo,
    upper: bool,
    negated: bool,
    sentiment: f64,
}

impl Tok<'_> {
    fn is(&self, flag: u8) -> bool {
        self.info.flags & flag != 0
    }
}

/// Up to this many distinct lexicon words a text's repeated tokens are
/// found by a linear scan; past it, by a hash map (linear time, as NLTK).
const SCAN_FIRSTS: usize = 24;

impl SentimentIntensityAnalyzer {
    /// An analyzer over `lexicon`.
    pub fn new(lexicon: VaderLexicon) -> Self {
        let index = word_index(&lexicon);
        SentimentIntensityAnalyzer { lexicon, index }
    }

    /// Loads NLTK's `vader_lexicon` from `data_dir` or NLTK's search path
    /// (see [`VaderLexicon::load`]).
    ///
    /// # Errors
    /// As [`VaderLexicon::load`].
    pub fn load(data_dir: Option<&Path>) -> Result<Self> {
        Ok(Self::new(VaderLexicon::load(data_dir)?))
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &VaderLexicon {
        &self.lexicon
    }

    /// A token with what its lower-case form is (`buf` is scratch space).
    fn token<'a>(&self, word: &'a str, buf: &mut String) -> Tok<'a> {
        let (mut up, mut low, mut wide) = (false, false, false);
        for &c in word.as_bytes() {
            up |= c.is_ascii_uppercase();
            low |= c.is_ascii_lowercase();
            wide |= c >= 0x80;
        }
        let (upper, key) = if wide {
            buf.clear();
            chars::push_lower(word, buf);
            (py_isupper(word), buf.as_str())
        } else if up {
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            (!low, buf.as_str())
        } else {
            (false, word)
        };
        let info = self.index.get(key).copied().unwrap_or_default();
        let negated =
            info.flags & F_NEGATE != 0 || (key.as_bytes().contains(&b'\'') && key.contains("n't"));
        Tok {
            word,
            info,
            upper,
            negated,
            sentiment: 0.0,
        }
    }

    /// NLTK's `polarity_scores(text)`.
    pub fn polarity_scores(&self, text: &str) -> PolarityScores {
        let mut toks: Vec<Tok<'_>> = Vec::with_capacity(text.len() / 6 + 1);
        let mut buf = String::new();
        for_each_word(text, |w| toks.push(self.token(w, &mut buf)));
        let n = toks.len();
        let caps = toks.iter().filter(|t| t.upper).count();
        let is_cap_diff = 0 < n - caps && n - caps < n;
        // NLTK scores each token in the context of the first occurrence of
        // the same string (it looks tokens up with `list.index`), so a
        // repeated token repeats the first one's score. Only lexicon words
        // can score other than 0, so only they are looked back for.
        let mut firsts: Vec<usize> = Vec::new();
        let mut first_of: Option<FxHashMap<&str, usize>> = None;
        for k in 0..n {
            let Some(t) = toks.get(k) else { break };
            if t.info.lex.is_none() {
                continue;
            }
            let word = t.word;
            let first = match &mut first_of {
                Some(map) => *map.entry(word).or_insert(k),
                None => {
                    let found = firsts
                        .iter()
                        .copied()
                        .find(|&j| toks.get(j).is_some_and(|o| o.word == word));
                    if found.is_none() {
                        firsts.push(k);
                        if firsts.len() > SCAN_FIRSTS {
                            first_of = Some(
                                firsts
                                    .iter()
                                    .filter_map(|&j| toks.get(j).map(|o| (o.word, j)))
                                    .collect(),
                            );
                        }
                    }
                    found.unwrap_or(k)
                }
            };
            let sentiment = if first < k {
                toks.get(first).map_or(0.0, |o| o.sentiment)
            } else {
                let next_is_of = toks.get(k + 1).is_some_and(|o| o.is(F_OF));
                if (t.is(F_KIND) && next_is_of) || t.info.boost.is_some() {
                    0.0
                } else {
                    sentiment_valence(&toks, k, is_cap_diff)
                }
            };
            if let Some(t) = toks.get_mut(k) {
                t.sentiment = sentiment;
            }
        }
        // "but": halve what comes before the first one, and add half to what follows.
        if let Some(bi) = toks.iter().position(|t| t.is(F_BUT)) {
            for (sidx, t) in toks.iter_mut().enumerate() {
                if sidx < bi {
                    t.sentiment *= 0.5;
                } else if sidx > bi {
                    t.sentiment *= 1.5;
                }
            }
        }
        score_valence(&toks, text)
    }
}

/// NLTK's `sentiment_valence` for the lexicon word `toks[i]`.
fn sentiment_valence(toks: &[Tok<'_>], i: usize, is_cap_diff: bool) -> f64 {
    let Some(t) = toks.get(i) else { return 0.0 };
    let Some(mut valence) = t.info.lex else {
        return 0.0;
    };
    let in_lex = |j: usize| toks.get(j).is_some_and(|o| o.info.lex.is_some());
    let is = |j: usize, flag: u8| toks.get(j).is_some_and(|o| o.is(flag));
    if is_cap_diff && t.upper {
        valence += if valence > 0.0 { C_INCR } else { -C_INCR };
    }
    for start_i in 0..3usize {
        if i <= start_i || in_lex(i - start_i - 1) {
            continue;
        }
        let Some(prev) = toks.get(i - start_i - 1) else {
            continue;
        };
        let mut s = scalar_inc_dec(prev.info.boost, prev.upper, valence, is_cap_diff);
        if start_i == 1 && s != 0.0 {
            s *= 0.95;
        }
        if start_i == 2 && s != 0.0 {
            s *= 0.9;
        }
        valence += s;
        valence = never_check(valence, toks, start_i, i);
        if start_i == 2 {
            valence = idioms_check(valence, toks, i);
        }
    }
    // "least" before the word negates it, unless "at least" / "very least".
    if i > 1 && !in_lex(i - 1) && is(i - 1, F_LEAST) {
        if !is(i - 2, F_AT_VERY) {
            valence *= N_SCALAR;
        }
    } else if i > 0 && !in_lex(i - 1) && is(i - 1, F_LEAST) {
        valence *= N_SCALAR;
    }
    valence
}

/// NLTK's `scalar_inc_dec`: the boost a preceding word gives.
fn scalar_inc_dec(boost: Option<f64>, upper: bool, valence: f64, is_cap_diff: bool) -> f64 {
    let Some(mut scalar) = boost else {
        return 0.0;
    };
    if valence < 0.0 {
        scalar *= -1.0;
    }
    if upper && is_cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

/// NLTK's `_never_check` (compares the original, not lower-cased, words to
/// "never", "so" and "this", as NLTK does; `negated` is NLTK's
/// `negated([word])` of the lower-cased word).
fn never_check(valence: f64, toks: &[Tok<'_>], start_i: usize, i: usize) -> f64 {
    let w = |j: usize| toks.get(j).map_or("", |t| t.word);
    let neg = |j: usize| toks.get(j).is_some_and(|t| t.negated);
    let so_this = |s: &str| s == "so" || s == "this";
    match start_i {
        0 if neg(i - 1) => valence * N_SCALAR,
        1 if w(i - 2) == "never" && so_this(w(i - 1)) => valence * 1.5,
        1 if neg(i - 2) => valence * N_SCALAR,
        2 if (w(i - 3) == "never" && so_this(w(i - 2))) || so_this(w(i - 1)) => valence * 1.25,
        2 if neg(i - 3) => valence * N_SCALAR,
        _ => valence,
    }
}

/// NLTK's `_idioms_check` (called with `i >= 3`; case-sensitive, as NLTK).
fn idioms_check(mut valence: f64, toks: &[Tok<'_>], i: usize) -> f64 {
    let w = |j: usize| toks.get(j).map(|t| t.word);
    let (Some(w3), Some(w2), Some(w1), Some(w0)) = (w(i - 3), w(i - 2), w(i - 1), w(i)) else {
        return valence;
    };
    let seqs: [&[&str]; 5] = [
        &[w1, w0],
        &[w2, w1, w0],
        &[w2, w1],
        &[w3, w2, w1],
        &[w3, w2],
    ];
    if let Some(v) = seqs.iter().find_map(|s| idiom(s)) {
        valence = v;
    }
    if let Some(n1) = w(i + 1) {
        if let Some(v) = idiom(&[w0, n1]) {
            valence = v;
        }
        if let Some(n2) = w(i + 2) {
            if let Some(v) = idiom(&[w0, n1, n2]) {
                valence = v;
            }
        }
    }
    if is_booster_pair(w3, w2) || is_booster_pair(w2, w1) {
        valence += B_DECR;
    }
    valence
}

/// NLTK's `score_valence`: punctuation emphasis, normalisation, shares.
fn score_valence(toks: &[Tok<'_>], text: &str) -> PolarityScores {
    if toks.is_empty() {
        return PolarityScores {
            neg: 0.0,
            neu: 0.0,
            pos: 0.0,
            compound: 0.0,
        };
    }
    let mut sum_s = 0.0;
    for t in toks {
        sum_s += t.sentiment;
    }
    let (mut ep_count, mut qm_count) = (0usize, 0usize);
    for &b in text.as_bytes() {
        ep_count += usize::from(b == b'!');
        qm_count += usize::from(b == b'?');
    }
    let ep = ep_count.min(4) as f64 * 0.292;
    let qm = match qm_count {
        0 | 1 => 0.0,
        2 | 3 => qm_count as f64 * 0.18,
        _ => 0.96,
    };
    let amp = ep + qm;
    if sum_s > 0.0 {
        sum_s += amp;
    } else if sum_s < 0.0 {
        sum_s -= amp;
    }
    let compound = sum_s / (sum_s * sum_s + 15.0).sqrt();
    let (mut pos_sum, mut neg_sum, mut neu_count) = (0.0f64, 0.0f64, 0u64);
    for t in toks {
        let s = t.sentiment;
        if s > 0.0 {
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1;
        }
    }
    if pos_sum > neg_sum.abs() {
        pos_sum += amp;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= amp;
    }
    let total = pos_sum + neg_sum.abs() + neu_count as f64;
    PolarityScores {
        neg: py_round((neg_sum / total).abs(), 3),
        neu: py_round((neu_count as f64 / total).abs(), 3),
        pos: py_round((pos_sum / total).abs(), 3),
        compound: py_round(compound, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_lose_one_punctuation_item() {
        assert_eq!(
            words_and_emoticons("Great, movie!!! :) it's 'odd' ..a x cat,, ?!?wow"),
            ["Great", "movie", ":)", "it's", "'odd'", "..a", "cat,,", "wow"]
        );
        assert_eq!(
            words_and_emoticons("don't! ab. a.b."),
            ["don't!", "ab", "a.b."]
        );
    }

    #[test]
    fn ascii_fast_paths_agree() {
        for b in 0u8..128 {
            let c = b as char;
            assert_eq!(
                matches!(c, '\t'..='\r' | '\x1c'..=' '),
                crate::tokenize::is_py_whitespace(c),
                "{b}"
            );
        }
        for w in ["ABC", "AbC", "A1!", "1!", "", "ÉTÉ", "é"] {
            let slow = {
                let mut cased = false;
                let mut ok = true;
                for c in w.chars() {
                    if chars::is_lower(c) || is_title(c) {
                        ok = false;
                    }
                    if chars::is_upper(c) {
                        cased = true;
                    }
                }
                ok && cased
            };
            assert_eq!(py_isupper(w), slow, "{w}");
        }
    }

    #[test]
    fn isupper_like_python() {
        assert!(py_isupper("GREAT!") && py_isupper("ÉTÉ") && !py_isupper(":)"));
        assert!(!py_isupper("GREAt") && !py_isupper("\u{1c5}A"));
    }
}
