//! VADER's scoring rules (NLTK's `nltk.sentiment.vader`): tokens, booster
//! and negation words, ALL-CAPS emphasis, "but", idioms, `!`/`?` emphasis.

use std::borrow::Cow;
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
fn is_negate_word(w: &str) -> bool {
    matches!(
        w,
        "aint"
            | "arent"
            | "cannot"
            | "cant"
            | "couldnt"
            | "darent"
            | "didnt"
            | "doesnt"
            | "ain't"
            | "aren't"
            | "can't"
            | "couldn't"
            | "daren't"
            | "didn't"
            | "doesn't"
            | "dont"
            | "hadnt"
            | "hasnt"
            | "havent"
            | "isnt"
            | "mightnt"
            | "mustnt"
            | "neither"
            | "don't"
            | "hadn't"
            | "hasn't"
            | "haven't"
            | "isn't"
            | "mightn't"
            | "mustn't"
            | "neednt"
            | "needn't"
            | "never"
            | "none"
            | "nope"
            | "nor"
            | "not"
            | "nothing"
            | "nowhere"
            | "oughtnt"
            | "shant"
            | "shouldnt"
            | "uhuh"
            | "wasnt"
            | "werent"
            | "oughtn't"
            | "shan't"
            | "shouldn't"
            | "uh-uh"
            | "wasn't"
            | "weren't"
            | "without"
            | "wont"
            | "wouldnt"
            | "won't"
            | "wouldn't"
            | "rarely"
            | "seldom"
            | "despite"
    )
}

/// NLTK's `VaderConstants.BOOSTER_DICT` for one (lower-cased) word.
fn booster(w: &str) -> Option<f64> {
    match w {
        "absolutely" | "amazingly" | "awfully" | "completely" | "considerably" | "decidedly"
        | "deeply" | "effing" | "enormously" | "entirely" | "especially" | "exceptionally"
        | "extremely" | "fabulously" | "flipping" | "flippin" | "fricking" | "frickin"
        | "frigging" | "friggin" | "fully" | "fucking" | "greatly" | "hella" | "highly"
        | "hugely" | "incredibly" | "intensely" | "majorly" | "more" | "most" | "particularly"
        | "purely" | "quite" | "really" | "remarkably" | "so" | "substantially" | "thoroughly"
        | "totally" | "tremendously" | "uber" | "unbelievably" | "unusually" | "utterly"
        | "very" => Some(B_INCR),
        "almost" | "barely" | "hardly" | "kinda" | "kindof" | "kind-of" | "less" | "little"
        | "marginally" | "occasionally" | "partly" | "scarcely" | "slightly" | "somewhat"
        | "sorta" | "sortof" | "sort-of" => Some(B_DECR),
        _ => None,
    }
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

/// Python's `string.punctuation` (what `REGEX_REMOVE_PUNCTUATION` removes).
fn is_ascii_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

fn char_len_gt1(s: &str) -> bool {
    let mut it = s.chars();
    it.next().is_some() && it.next().is_some()
}

/// Python's `str.lower()`, borrowed when nothing changes.
fn lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(chars::lower(s))
    }
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
    if text.is_ascii() {
        // Python's `str.split()` whitespace among ASCII characters
        return text
            .split(|c: char| matches!(c, '\t'..='\r' | '\x1c'..=' '))
            .filter(|t| t.len() > 1)
            .map(strip_punc_item)
            .collect();
    }
    text.split(crate::tokenize::is_py_whitespace)
        .filter(|t| char_len_gt1(t))
        .map(strip_punc_item)
        .collect()
}

fn strip_punc_item(we: &str) -> &str {
    let core_ok = |w: &str| char_len_gt1(w) && !w.chars().any(is_ascii_punct);
    let lead = we.len() - we.trim_start_matches(is_ascii_punct).len();
    if lead > 0 {
        let (p, w) = we.split_at(lead);
        if is_punc_item(p) && core_ok(w) {
            return w;
        }
        return we;
    }
    let core = we.trim_end_matches(is_ascii_punct);
    let (w, p) = we.split_at(core.len());
    if !p.is_empty() && is_punc_item(p) && core_ok(w) {
        return w;
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
}

/// Per-text state: the tokens, their lower-case forms, per token whether it
/// is ALL CAPS, its lexicon valence and booster value, and the caps flag.
struct Senti<'a> {
    words: Vec<&'a str>,
    lowers: Vec<Cow<'a, str>>,
    upper: Vec<bool>,
    lex: Vec<Option<f64>>,
    boost: Vec<Option<f64>>,
    is_cap_diff: bool,
}

impl SentimentIntensityAnalyzer {
    /// An analyzer over `lexicon`.
    pub fn new(lexicon: VaderLexicon) -> Self {
        SentimentIntensityAnalyzer { lexicon }
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

    /// NLTK's `polarity_scores(text)`.
    pub fn polarity_scores(&self, text: &str) -> PolarityScores {
        let words = words_and_emoticons(text);
        let lowers: Vec<Cow<'_, str>> = words.iter().map(|w| lower(w)).collect();
        let upper: Vec<bool> = words.iter().map(|w| py_isupper(w)).collect();
        let caps = upper.iter().filter(|&&u| u).count();
        let diff = words.len() - caps;
        let st = Senti {
            is_cap_diff: 0 < diff && diff < words.len(),
            lex: lowers.iter().map(|l| self.lexicon.get(l)).collect(),
            boost: lowers.iter().map(|l| booster(l)).collect(),
            upper,
            words,
            lowers,
        };
        let n = st.words.len();
        // NLTK scores each token in the context of the first occurrence of
        // the same string (it looks tokens up with `list.index`), so a
        // repeated token repeats the first one's score. Short texts scan
        // back over hashes; long ones use a map (linear time, as NLTK).
        let hashes: Vec<u64> = if n <= 64 {
            st.words
                .iter()
                .map(|w| {
                    use std::hash::{BuildHasher, BuildHasherDefault};
                    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(w)
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut first: FxHashMap<&str, usize> = FxHashMap::default();
        let mut sentiments: Vec<f64> = Vec::with_capacity(n);
        for (k, &item) in st.words.iter().enumerate() {
            let i = if n <= 64 {
                (0..k)
                    .find(|&j| hashes[j] == hashes[k] && st.words[j] == item)
                    .unwrap_or(k)
            } else {
                *first.entry(item).or_insert(k)
            };
            if i < k {
                sentiments.push(sentiments[i]);
                continue;
            }
            let next_is_of = st.lowers.get(i + 1).is_some_and(|c| c == "of");
            if (st.lowers[i] == "kind" && next_is_of) || st.boost[i].is_some() {
                sentiments.push(0.0);
                continue;
            }
            sentiments.push(self.sentiment_valence(&st, i));
        }
        // "but": halve what comes before the first one, and add half to what follows.
        if let Some(bi) = st.lowers.iter().position(|w| w == "but") {
            for (sidx, s) in sentiments.iter_mut().enumerate() {
                if sidx < bi {
                    *s *= 0.5;
                } else if sidx > bi {
                    *s *= 1.5;
                }
            }
        }
        score_valence(&sentiments, text)
    }

    fn in_lex(&self, st: &Senti<'_>, j: usize) -> bool {
        st.lex.get(j).is_some_and(Option::is_some)
    }

    fn sentiment_valence(&self, st: &Senti<'_>, i: usize) -> f64 {
        let lw = |j: usize| st.lowers.get(j).map_or("", |c| c.as_ref());
        let Some(mut valence) = st.lex.get(i).copied().flatten() else {
            return 0.0;
        };
        if st.is_cap_diff && st.upper[i] {
            valence += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        for start_i in 0..3usize {
            if i <= start_i || self.in_lex(st, i - start_i - 1) {
                continue;
            }
            let j = i - start_i - 1;
            let mut s = scalar_inc_dec(st.boost[j], st.upper[j], valence, st.is_cap_diff);
            if start_i == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start_i == 2 && s != 0.0 {
                s *= 0.9;
            }
            valence += s;
            valence = never_check(valence, st, start_i, i);
            if start_i == 2 {
                valence = idioms_check(valence, &st.words, i);
            }
        }
        // "least" before the word negates it, unless "at least" / "very least".
        if i > 1 && !self.in_lex(st, i - 1) && lw(i - 1) == "least" {
            if lw(i - 2) != "at" && lw(i - 2) != "very" {
                valence *= N_SCALAR;
            }
        } else if i > 0 && !self.in_lex(st, i - 1) && lw(i - 1) == "least" {
            valence *= N_SCALAR;
        }
        valence
    }
}

/// NLTK's `VaderConstants.negated([word])`.
fn negated(word_lower: &str) -> bool {
    is_negate_word(word_lower) || word_lower.contains("n't")
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
/// "never", "so" and "this", as NLTK does).
fn never_check(valence: f64, st: &Senti<'_>, start_i: usize, i: usize) -> f64 {
    let w = |j: usize| st.words.get(j).copied().unwrap_or("");
    let lw = |j: usize| st.lowers.get(j).map_or("", |c| c.as_ref());
    let so_this = |s: &str| s == "so" || s == "this";
    match start_i {
        0 if negated(lw(i - 1)) => valence * N_SCALAR,
        1 if w(i - 2) == "never" && so_this(w(i - 1)) => valence * 1.5,
        1 if negated(lw(i - 2)) => valence * N_SCALAR,
        2 if (w(i - 3) == "never" && so_this(w(i - 2))) || so_this(w(i - 1)) => valence * 1.25,
        2 if negated(lw(i - 3)) => valence * N_SCALAR,
        _ => valence,
    }
}

/// NLTK's `_idioms_check` (called with `i >= 3`; case-sensitive, as NLTK).
fn idioms_check(mut valence: f64, words: &[&str], i: usize) -> f64 {
    let (Some(&w3), Some(&w2), Some(&w1), Some(&w0)) = (
        words.get(i - 3),
        words.get(i - 2),
        words.get(i - 1),
        words.get(i),
    ) else {
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
    if let Some(&n1) = words.get(i + 1) {
        if let Some(v) = idiom(&[w0, n1]) {
            valence = v;
        }
        if let Some(&n2) = words.get(i + 2) {
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
fn score_valence(sentiments: &[f64], text: &str) -> PolarityScores {
    if sentiments.is_empty() {
        return PolarityScores {
            neg: 0.0,
            neu: 0.0,
            pos: 0.0,
            compound: 0.0,
        };
    }
    let mut sum_s = 0.0;
    for s in sentiments {
        sum_s += s;
    }
    let ep = text.bytes().filter(|&b| b == b'!').count().min(4) as f64 * 0.292;
    let qm_count = text.bytes().filter(|&b| b == b'?').count();
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
    for &s in sentiments {
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
