//! A word tokenizer with Universal Dependencies' English conventions (those
//! of UD English-EWT), for text that taggers trained on EWT will read.
//!
//! No NLTK class matches it: NLTK's `word_tokenize` follows the Penn
//! Treebank, which EWT departs from. What it does, in one left-to-right pass
//! over each whitespace-separated chunk (no regular expressions, so no
//! backtracking on long input):
//!
//! * hyphenated words are split (`long - term`) except after prefixes EWT
//!   keeps (`e-mail`, `non-stop`) and inside phone numbers and ZIP codes
//!   (`713-853-3989`, `77415-0027`); ranges of numbers are split
//!   (`5 - 10`, `5:00 - 8:30`), a country code's `+` kept (`+44`);
//! * clitics are split after straight and curly apostrophes (`do n’t`,
//!   `it ’s`, `ca n't`), and the apostrophe-less contractions EWT writes as
//!   two words (`can not`, `gon na`, `do nt`);
//! * abbreviations keep their period (`Dr.`, `U.S.`, `etc.`, `A.`);
//! * URLs, e-mail addresses, @handles, #hashtags, emoticons and `Yahoo!`
//!   stay whole;
//! * runs of punctuation stay whole (`!!!`, `?!`, `--`, `**`, `...`);
//! * a number and a unit glued to it are split (`5pm` → `5 pm`).
//!
//! The word lists (abbreviations, hyphen prefixes, contractions, units) are
//! learned from EWT train by `scripts/train/ud_tokenizer_lists.py` and
//! compiled in (`corpora/ud/en_ewt_tokenizer.txt`, CC BY-SA 4.0). Tokens are
//! never rewritten: each is a slice of the input, so spans are exact.
//!
//! [`multiword_groups`] tells which adjacent tokens EWT writes as one
//! multi-word token (`don't` = `do` + `n't`), for CoNLL-U output.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{is_py_whitespace, Tokenizer};
use crate::{Result, Span};

use super::ud_shapes::*;

/// The learned word lists, as compiled into nlkit.
const LISTS: &str = include_str!("../../corpora/ud/en_ewt_tokenizer.txt");

/// Bound prefixes that keep their hyphen (`counter-attack`, `mis-match`)
/// beyond those learned from EWT train, which saw them too rarely; UD
/// English keeps such prefixes attached.
const PREFIXES: &[&str] = &[
    "anti", "bi", "co", "counter", "de", "ex", "hyper", "inter", "intra", "macro", "micro", "mid",
    "mis", "multi", "neo", "non", "post", "pre", "pro", "pseudo", "quasi", "re", "semi", "sub",
    "super", "trans", "tri", "ultra", "un",
];

/// Common abbreviations EWT train has too few of to learn (titles, months,
/// days, units); they keep their period.
const ABBREVIATIONS: &[&str] = &[
    "Capt.", "Sgt.", "Cpl.", "Col.", "Maj.", "Adm.", "Prof.", "Gov.", "Sen.", "Rep.", "Pres.",
    "Supt.", "Hon.", "Mt.", "Ave.", "Rd.", "Blvd.", "Bros.", "Dept.", "Univ.", "Assn.", "Jan.",
    "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "Mon.", "Tue.", "Wed.", "Thu.", "Thurs.", "Fri.", "Sat.", "Sun.", "approx.", "dept.", "est.",
    "fig.", "min.", "max.", "misc.", "vol.", "vs.", "etc.", "cf.", "Messrs.", "Mmes.",
];

/// Words written together that EWT splits without a multi-word token.
const RUN_TOGETHER: &[(&str, usize)] = &[
    ("alot", 1),
    ("atleast", 2),
    ("thankyou", 5),
    ("lastnight", 4),
    ("infact", 2),
    ("aswell", 2),
];

/// Hosts of `n't` that EWT also splits when the apostrophe is missing
/// (`havent` → `have nt`).
const NT_HOSTS: &[&str] = &[
    "do", "does", "did", "have", "has", "had", "is", "are", "was", "were", "could", "would",
    "should", "must", "need", "might",
];

#[derive(Debug, Default)]
struct Lists {
    abbrev: HashSet<String>,
    hyphen_prefix: HashSet<String>,
    hyphen_word: HashSet<String>,
    /// lower-cased form → byte length of its first word
    contraction: HashMap<String, usize>,
    unit: HashSet<String>,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| parse_lists(LISTS))
}

fn parse_lists(text: &str) -> Lists {
    let mut l = Lists::default();
    l.hyphen_prefix
        .extend(PREFIXES.iter().map(|p| p.to_string()));
    l.abbrev.extend(ABBREVIATIONS.iter().map(|p| p.to_string()));
    let mut section = "";
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = match s {
                "abbrev" => "abbrev",
                "hyphen_prefix" => "hyphen_prefix",
                "hyphen_word" => "hyphen_word",
                "contraction" => "contraction",
                "unit" => "unit",
                _ => "",
            };
            continue;
        }
        match section {
            "abbrev" => {
                l.abbrev.insert(line.to_string());
            }
            "hyphen_prefix" => {
                l.hyphen_prefix.insert(line.to_string());
            }
            "hyphen_word" => {
                l.hyphen_word.insert(line.to_string());
            }
            "contraction" => {
                if let Some((form, split)) = line.split_once('\t') {
                    if let Some((first, _)) = split.split_once(' ') {
                        if form.starts_with(first) {
                            l.contraction.insert(form.to_string(), first.len());
                        }
                    }
                }
            }
            "unit" => {
                l.unit.insert(line.to_string());
            }
            _ => {}
        }
    }
    l
}

/// Tokenizes English the way UD English-EWT does (see the module
/// documentation); tokens are slices of the input.
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, UdTokenizer};
/// let t = UdTokenizer::new();
/// assert_eq!(
///     t.tokenize("I don’t like long-term plans!!! See www.example.com :)"),
///     ["I", "do", "n’t", "like", "long", "-", "term", "plans", "!!!", "See",
///      "www.example.com", ":)"]
/// );
/// assert_eq!(t.tokenize("Dr. Smith cannot come at 5pm."),
///            ["Dr.", "Smith", "can", "not", "come", "at", "5", "pm", "."]);
/// // a sentence-final abbreviation gives up its period, as EWT writes it
/// assert_eq!(t.tokenize("Cats, dogs, etc."), ["Cats", ",", "dogs", ",", "etc", "."]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct UdTokenizer;

impl UdTokenizer {
    /// The tokenizer with the word lists learned from EWT train.
    pub fn new() -> Self {
        UdTokenizer
    }

    /// Byte spans of the tokens of `text` (never fails).
    ///
    /// # Example
    /// ```
    /// use nlkit::tokenize::UdTokenizer;
    /// let spans = UdTokenizer::new().spans("it's");
    /// assert_eq!(spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(), [(0, 2), (2, 4)]);
    /// ```
    pub fn spans(&self, text: &str) -> Vec<Span> {
        let l = lists();
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        let bytes = text.as_bytes();
        let mut start = None;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // ASCII bytes are whole characters; others are decoded
            let (space, n) = if b.is_ascii() {
                (is_ascii_py_whitespace(b), 1)
            } else {
                let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (is_py_whitespace(c), c.len_utf8())
            };
            if space {
                if let Some(s) = start.take() {
                    chunk(l, text.get(s..i).unwrap_or_default(), s, &mut out);
                }
            } else if start.is_none() {
                start = Some(i);
            }
            i += n;
        }
        if let Some(s) = start {
            chunk(l, text.get(s..).unwrap_or_default(), s, &mut out);
        }
        split_its(text, &mut out);
        split_final_period(text, &mut out);
        out
    }
}

/// EWT ends a sentence that ends in an abbreviation with a separate `.`
/// (`etc .`, `p.m .`: 41 of 43 such sentences in EWT train): the last token,
/// when it is a word followed by one `.`, loses that `.` to a token of its
/// own. Ellipses (`...`) and numbers (`5.`) are left alone.
pub(crate) fn split_final_period(text: &str, out: &mut Vec<Span>) {
    let Some(&last) = out.last() else { return };
    let t = last.slice(text);
    let Some(body) = t.strip_suffix('.') else {
        return;
    };
    if !body.chars().next_back().is_some_and(char::is_alphabetic) {
        return;
    }
    let k = out.len() - 1;
    out[k] = Span::new(last.start, last.end - 1);
    out.push(Span::new(last.end - 1, last.end));
}

/// Words after which EWT reads a standalone `its` as `it's` (`its not`,
/// `its a`): function words and adverbs that do not follow a possessive.
const ITS_NEXT: &[&str] = &[
    "not",
    "a",
    "an",
    "the",
    "really",
    "simply",
    "like",
    "in",
    "now",
    "definitely",
    "for",
    "also",
    "between",
    "from",
    "just",
    "all",
    "been",
    "getting",
    "going",
    "gonna",
    "so",
    "too",
    "always",
    "never",
    "still",
    "about",
    "at",
    "on",
    "what",
    "that",
    "this",
    "because",
    "how",
    "ok",
    "okay",
    "actually",
    "probably",
    "pretty",
    "quite",
    "kind",
    "sort",
    "hard",
    "easy",
    "great",
    "good",
    "nice",
    "true",
    "important",
    "possible",
    "time",
    "raining",
    "over",
];

/// `its` followed by a word of [`ITS_NEXT`] is `it` + `s`, as EWT writes it.
fn split_its(text: &str, out: &mut Vec<Span>) {
    let is_its = |s: &Span| s.slice(text).eq_ignore_ascii_case("its");
    if !out.iter().any(is_its) {
        return;
    }
    let mut res = Vec::with_capacity(out.len() + 4);
    for (k, &a) in out.iter().enumerate() {
        let split = is_its(&a)
            && (a.start == 0 || text[..a.start].ends_with(is_py_whitespace))
            && out.get(k + 1).is_some_and(|b| {
                b.start > a.end && ITS_NEXT.contains(&b.slice(text).to_ascii_lowercase().as_str())
            });
        if split {
            res.push(Span::new(a.start, a.start + 2));
            res.push(Span::new(a.start + 2, a.end));
        } else {
            res.push(a);
        }
    }
    *out = res;
}

impl Tokenizer for UdTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        self.spans(text)
            .into_iter()
            .map(|s| Cow::Borrowed(s.slice(text)))
            .collect()
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        Ok(self.spans(text))
    }

    fn tokens_with_spans<'a>(&self, text: &'a str) -> Result<Vec<(Cow<'a, str>, Span)>> {
        Ok(self
            .spans(text)
            .into_iter()
            .map(|s| (Cow::Borrowed(s.slice(text)), s))
            .collect())
    }
}

/// An abbreviation that keeps its final period (`word` ends with `.`).
fn is_abbrev(l: &Lists, word: &str) -> bool {
    if word.len() > 24 {
        return false;
    }
    if l.abbrev.contains(word) {
        return true;
    }
    let mut buf = [0u8; 24];
    let found = match ascii_lower(word, &mut buf) {
        Some(lower) => l.abbrev.contains(lower),
        None => l.abbrev.contains(&word.to_lowercase()),
    };
    if found {
        return true;
    }
    // single letters and letter-period sequences: `J.`, `U.S.A.`, `e.g.`
    let body = &word[..word.len() - 1];
    let mut chars = body.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            let parts: Vec<&str> = body.split('.').collect();
            parts.len() >= 2
                && parts
                    .iter()
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
        }
    }
}

/// Tokenizes one whitespace-free chunk starting at byte `base`.
fn chunk(l: &Lists, s: &str, base: usize, out: &mut Vec<Span>) {
    // the common case, a plain word or number: no punctuation to split off,
    // no URL, address, handle, emoticon (`XD` is one token either way) or
    // hyphen, so only [`word`]'s clitics, contractions and units apply
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        word(l, s, base, out);
        return;
    }
    let mut i = 0;
    // where the last letter or digit ends: past it, all is punctuation
    let word_end = s
        .char_indices()
        .rev()
        .find(|(_, c)| is_word_char(*c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    // leading punctuation
    while i < s.len() {
        let rest = &s[i..];
        if let Some(n) = emoticon_at(rest) {
            // an emoticon whose last char opens a word (`:(word`) is rare;
            // take it only when the rest of the chunk is punctuation
            if i + n >= word_end {
                out.push(Span::new(base + i, base + i + n));
                i += n;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        if is_word_char(c) {
            break;
        }
        let next = rest[c.len_utf8()..].chars().next();
        if c == '@' && next.is_some_and(is_word_char)
            || c == '#' && next.is_some_and(char::is_alphabetic)
        {
            break;
        }
        if is_apos(c) && is_clitic(rest) {
            break;
        }
        if matches!(c, '.' | '-' | '+') && next.is_some_and(|x| x.is_ascii_digit()) {
            break;
        }
        let n = punct_run(rest);
        out.push(Span::new(base + i, base + i + n));
        i += n;
    }
    if i >= s.len() {
        return;
    }
    // trailing punctuation, collected in reverse
    let mut j = s.len();
    let mut tail: Vec<Span> = Vec::new();
    let url_like = is_url(&s[i..]) || is_email(&s[i..]);
    let mut whole = false;
    while j > i {
        let core = &s[i..j];
        let Some(c) = core.chars().next_back() else {
            break;
        };
        if is_word_char(c) {
            break;
        }
        if url_like
            && !matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '”' | '’' | '>'
            )
        {
            break;
        }
        let n = punct_run_back(core);
        if c == '.' && n == 1 && is_abbrev(l, core) {
            break;
        }
        // a name with its `!`, as EWT writes it
        if c == '!' && n == 1 && core.eq_ignore_ascii_case("yahoo!") {
            whole = true;
            break;
        }
        if is_apos(c) && n == 1 {
            // `'` closing a quote or marking a plural possessive: split
            tail.push(Span::new(base + j - n, base + j));
            j -= n;
            continue;
        }
        tail.push(Span::new(base + j - n, base + j));
        j -= n;
    }
    if whole {
        out.push(Span::new(base + i, base + j));
    } else if j > i {
        core(l, &s[i..j], base + i, out);
    }
    out.extend(tail.into_iter().rev());
}

/// A clitic starting at `s` (which starts with an apostrophe).
fn is_clitic(s: &str) -> bool {
    let mut c = s.chars();
    c.next();
    let after = c.as_str();
    // At most two characters (8 bytes) may follow the apostrophe, so a
    // longer rest is refused before anything scans it: callers pass the
    // whole rest of a chunk, and a long run of quotes asks at every
    // apostrophe (scanning the rest each time was quadratic).
    if after.len() > 8 {
        return false;
    }
    if after.is_ascii() {
        // at most two characters after the apostrophe
        return after.len() <= 2
            && ["s", "re", "ve", "ll", "d", "m"]
                .iter()
                .any(|k| after.eq_ignore_ascii_case(k));
    }
    let rest: String = c.by_ref().take(2).collect::<String>().to_lowercase();
    c.next().is_none() && matches!(rest.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// The core of a chunk: no leading or trailing punctuation.
fn core(l: &Lists, s: &str, base: usize, out: &mut Vec<Span>) {
    if is_url(s) || is_email(s) || is_handle(s) {
        out.push(Span::new(base, base + s.len()));
        return;
    }
    if s.contains('-') && l.hyphen_word.contains(&s.to_lowercase()) {
        out.push(Span::new(base, base + s.len()));
        return;
    }
    // split at punctuation that never stays inside a word, and at hyphens
    let last_at = s.rfind('@');
    let mut piece = 0; // start of the current word piece
    let mut k = 0;
    let bytes_len = s.len();
    while k < bytes_len {
        let rest = &s[k..];
        let Some(c) = rest.chars().next() else { break };
        let cl = c.len_utf8();
        if is_word_char(c) || is_apos(c) {
            k += cl;
            continue;
        }
        let prev = s[..k].chars().next_back();
        let next = rest[cl..].chars().next();
        let keep = match c {
            // between digits: 1,000  5:30  3.5
            ',' | ':' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            // inside (`U.S`, `3.5`) or an abbreviation's own period (`Inc.`)
            '.' => prev.is_some() && punct_run(rest) == 1,
            // `and / or` but `l/c`, `11/28/2000`
            '/' => {
                let left = s[piece..k].chars().take(2).count();
                let right = rest[cl..]
                    .chars()
                    .take(2)
                    .take_while(|x| x.is_alphanumeric())
                    .count();
                prev.is_some_and(|p| p.is_ascii_digit())
                    || next.is_some_and(|n| n.is_ascii_digit())
                    || (left <= 1 || right <= 1) && next.is_some()
            }
            // a country code: `+44`
            '+' => k == 0 && next.is_some_and(|n| n.is_ascii_digit()),
            '-' => {
                punct_run(rest) == 1
                    && prev.is_some_and(is_word_char)
                    && next.is_some_and(is_word_char)
                    && (prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                        && !is_number_range(s, k)
                        || (k - piece <= 8
                            && l.hyphen_prefix.contains(&s[piece..k].to_lowercase())))
            }
            _ => is_inner(c) && prev.is_some() && next.is_some(),
        };
        if keep {
            k += cl;
            continue;
        }
        if piece < k {
            word(l, &s[piece..k], base + piece, out);
        }
        let n = punct_run(rest);
        out.push(Span::new(base + k, base + k + n));
        k += n;
        piece = k;
        // `"Julie"<julie@x.net>`: an address after the punctuation (checked
        // only near the `@` or at a scheme, so long input stays linear)
        let tail = &s[k..];
        let email = last_at.is_some_and(|a| a > k && a - k <= 64) && is_email(tail);
        if email || has_scheme(tail) {
            out.push(Span::new(base + k, base + s.len()));
            return;
        }
    }
    if piece < bytes_len {
        word(l, &s[piece..], base + piece, out);
    }
}

/// A word piece: split clitics, contractions and number-unit pairs.
fn word(l: &Lists, w: &str, base: usize, out: &mut Vec<Span>) {
    let push = |out: &mut Vec<Span>, a: usize, b: usize| {
        if a < b {
            out.push(Span::new(base + a, base + b));
        }
    };
    // the last four characters, last first
    let mut last = [(0usize, ' '); 4];
    let mut n = 0;
    for (k, c) in w.char_indices().rev().take(4) {
        last[n] = (k, c);
        n += 1;
    }
    // n't / n’t
    if n == 4 {
        let (ni, nc) = last[2];
        if matches!(nc, 'n' | 'N')
            && is_apos(last[1].1)
            && matches!(last[0].1, 't' | 'T')
            && last[3].1.is_alphabetic()
        {
            push(out, 0, ni);
            push(out, ni, w.len());
            return;
        }
    }
    // 's 're 've 'll 'd 'm
    if let Some(&(ai, _)) = last[..n.min(3)].iter().find(|(_, c)| is_apos(*c)) {
        if ai > 0
            && is_clitic(&w[ai..])
            && w[..ai].chars().next_back().is_some_and(char::is_alphabetic)
        {
            // the head may itself end in a clitic-free word
            push(out, 0, ai);
            push(out, ai, w.len());
            return;
        }
    }
    // contractions and run-together words are short
    let mut buf = [0u8; 9];
    if let Some(lower) = ascii_lower(w, &mut buf) {
        let k = l.contraction.get(lower).copied().or_else(|| {
            RUN_TOGETHER
                .iter()
                .find(|(f, _)| *f == lower)
                .map(|(_, k)| *k)
                .or_else(|| {
                    lower
                        .strip_suffix("nt")
                        .filter(|h| NT_HOSTS.contains(h))
                        .map(str::len)
                })
        });
        if let Some(k) = k.filter(|&k| w.is_char_boundary(k)) {
            push(out, 0, k);
            push(out, k, w.len());
            return;
        }
    }
    // number + unit: 5pm, 35mm, 7:30PM
    if let Some(split) = w.find(|c: char| c.is_alphabetic()) {
        let (num, unit) = w.split_at(split);
        if !num.is_empty()
            && num.starts_with(|c: char| c.is_ascii_digit())
            && num.ends_with(|c: char| c.is_ascii_digit())
            && num
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':'))
            && unit.chars().all(char::is_alphabetic)
            && l.unit.contains(&unit.to_lowercase())
        {
            push(out, 0, split);
            push(out, split, w.len());
            return;
        }
    }
    push(out, 0, w.len());
}

/// Clitic words that EWT writes inside a multi-word token with the word
/// before them (apostrophes normalized to `'`).
fn is_clitic_word(t: &str) -> bool {
    let norm: String = t
        .chars()
        .map(|c| if is_apos(c) { '\'' } else { c })
        .collect::<String>()
        .to_lowercase();
    matches!(
        norm.as_str(),
        "n't" | "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m"
    )
}

/// Which runs of adjacent tokens EWT writes as one multi-word token: a
/// clitic split off the word before it (`do` + `n't`, `it` + `’s`) or an
/// apostrophe-less contraction (`can` + `not`, `gon` + `na`). Returns
/// `(first, last)` token indices (inclusive), in order.
///
/// # Example
/// ```
/// use nlkit::tokenize::{multiword_groups, Tokenizer, UdTokenizer};
/// let text = "I don't know, I cannot say.";
/// let toks = UdTokenizer::new().tokens_with_spans(text).unwrap();
/// let words: Vec<&str> = toks.iter().map(|(t, _)| t.as_ref()).collect();
/// let spans: Vec<nlkit::Span> = toks.iter().map(|(_, s)| *s).collect();
/// assert_eq!(multiword_groups(&words, &spans), [(1, 2), (6, 7)]);
/// ```
pub fn multiword_groups(tokens: &[&str], spans: &[Span]) -> Vec<(usize, usize)> {
    let l = lists();
    let mut out = Vec::new();
    let n = tokens.len().min(spans.len());
    // standalone `'` and `’` seen so far: after an odd number, one closes a quote
    let mut quotes = [0usize; 2];
    for k in 0..n {
        let b = tokens[k];
        let quote = match b {
            "'" => Some(0),
            "’" => Some(1),
            _ => None,
        };
        let joined = k > 0 && spans[k - 1].end == spans[k].start && {
            let a = tokens[k - 1];
            if is_clitic_word(b) && a.chars().next_back().is_some_and(char::is_alphabetic)
                || a.eq_ignore_ascii_case("it") && b.eq_ignore_ascii_case("s")
            {
                true
            } else if let Some(q) = quote {
                // the plural possessive `Palestinians'`, not a closing quote
                a.ends_with(['s', 'S'])
                    && quotes[q] % 2 == 0
                    && spans.get(k + 1).is_none_or(|n| n.start > spans[k].end)
            } else {
                let whole = format!("{a}{b}").to_lowercase();
                whole.len() == a.len() + b.len()
                    && (l.contraction.get(&whole) == Some(&a.len())
                        || b.eq_ignore_ascii_case("nt")
                            && whole.get(..a.len()).is_some_and(|h| NT_HOSTS.contains(&h)))
            }
        };
        if joined {
            match out.last_mut() {
                Some((_, last)) if *last == k - 1 => *last = k,
                _ => out.push((k - 1, k)),
            }
        } else if let Some(q) = quote {
            quotes[q] += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        UdTokenizer::new()
            .tokenize(s)
            .into_iter()
            .map(|t| t.into_owned())
            .collect()
    }

    #[test]
    fn conventions() {
        assert_eq!(
            toks("it’s a well-known e-mail"),
            ["it", "’s", "a", "well", "-", "known", "e-mail"]
        );
        assert_eq!(
            toks("Call 713-853-3989 now!!"),
            ["Call", "713-853-3989", "now", "!!"]
        );
        assert_eq!(toks("gonna wanna"), ["gon", "na", "wan", "na"]);
        assert_eq!(
            toks("5-10 at 5:00-8:30 in 1969-1970, 345-9945 or +44 77415-0027 5-10pm -5"),
            [
                "5",
                "-",
                "10",
                "at",
                "5:00",
                "-",
                "8:30",
                "in",
                "1969",
                "-",
                "1970",
                ",",
                "345-9945",
                "or",
                "+44",
                "77415-0027",
                "5-10pm",
                "-",
                "5"
            ]
        );
        // a long run of numbers and hyphens is read in linear time, whole
        let long = "1-".repeat(50_000);
        assert_eq!(toks(&long).len(), 2);
        assert_eq!(toks("Yahoo! and wow!"), ["Yahoo!", "and", "wow", "!"]);
        assert_eq!(
            toks("(see: http://a.com/x?y=1)."),
            ["(", "see", ":", "http://a.com/x?y=1", ")", "."]
        );
        assert_eq!(
            toks("mail me@x.org or @bob"),
            ["mail", "me@x.org", "or", "@bob"]
        );
        assert_eq!(toks("U.S. etc. end."), ["U.S.", "etc.", "end", "."]);
        assert_eq!(
            toks("**** wait -- what?!"),
            ["****", "wait", "--", "what", "?!"]
        );
        assert_eq!(
            toks("$5 for 1,000 at 7:30PM"),
            ["$", "5", "for", "1,000", "at", "7:30", "PM"]
        );
        assert_eq!(toks("\"quoted\""), ["\"", "quoted", "\""]);
    }

    #[test]
    fn spans_are_slices() {
        let text = "Héllo wörld’s — fine… ok";
        for s in UdTokenizer::new().spans(text) {
            assert!(!s.slice(text).trim().is_empty());
        }
    }
}
