//! NLTK's `TweetTokenizer` (`nltk.tokenize.casual`): a tokenizer for social
//! media text that keeps emoticons, URLs, phone numbers, HTML tags, arrows,
//! @handles, #hashtags, e-mail addresses, emoji sequences and flags whole.
//!
//! The steps are NLTK's: replace HTML entities (`_replace_html_entities`),
//! optionally remove handles (`remove_handles`) and shorten elongations
//! (`reduce_lengthening`), cap runs of a repeated non-alphanumeric character
//! at three (NLTK's `HANG_RE`), then take the leftmost match of NLTK's big
//! alternation again and again; with `preserve_case = false` every token
//! that holds no emoticon is lower-cased.
//!
//! NLTK runs its patterns on the backtracking `regex` module with a timeout.
//! nlkit runs every branch but one on the linear-time `regex` crate
//! (which picks the same match as a backtracking engine for patterns
//! without look-around); the look-arounds (the naked-domain URL branch, the
//! handle remover, `HANG_RE`'s back-reference) are hand-written scans, so
//! all of it is linear in the input and needs no timeout.
//!
//! Differences: an entity naming a UTF-16 surrogate (`&#55296;`) becomes
//! U+FFFD (Python keeps a lone surrogate, which cannot be written as UTF-8).
//! NLTK has no `span_tokenize` for tweets; nlkit's spans point at the input
//! text a token came from (an entity token covers the whole `&...;`).

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::tokenize::html_entities::NAME2CODEPOINT;
use crate::tokenize::toktok::is_decimal_digit;
use crate::tokenize::Tokenizer;
use crate::{Result, Span};

/// The options of NLTK's `TweetTokenizer(...)`.
///
/// # Example
/// ```
/// use nlkit::tokenize::TweetOptions;
/// let o = TweetOptions::default();
/// assert!(o.preserve_case && o.match_phone_numbers && !o.reduce_len && !o.strip_handles);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TweetOptions {
    /// Keep the case of tokens (default true); when false, tokens are
    /// lower-cased except emoticons.
    pub preserve_case: bool,
    /// Shorten runs of 3 or more identical characters to 3 (default false).
    pub reduce_len: bool,
    /// Remove @handles (default false).
    pub strip_handles: bool,
    /// Keep phone numbers as one token (default true).
    pub match_phone_numbers: bool,
}

impl Default for TweetOptions {
    fn default() -> Self {
        TweetOptions {
            preserve_case: true,
            reduce_len: false,
            strip_handles: false,
            match_phone_numbers: true,
        }
    }
}

/// NLTK's `TweetTokenizer` (= `casual_tokenize`).
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, TweetOptions, TweetTokenizer};
/// let t = TweetTokenizer::new();
/// let s = "This is a cooool #dummysmiley: :-) :-P <3 and some arrows < > -> <--";
/// assert_eq!(
///     t.tokenize(s),
///     ["This", "is", "a", "cooool", "#dummysmiley", ":", ":-)", ":-P", "<3", "and", "some",
///      "arrows", "<", ">", "->", "<--"]
/// );
/// let t = TweetTokenizer::with_options(TweetOptions { strip_handles: true, reduce_len: true, ..Default::default() });
/// assert_eq!(
///     t.tokenize("@remy: This is waaaaayyyy too much for you!!!!!!"),
///     [":", "This", "is", "waaayyy", "too", "much", "for", "you", "!", "!", "!"]
/// );
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TweetTokenizer {
    opts: TweetOptions,
}

// ---------------------------------------------------------------------------
// Patterns (NLTK's, case-insensitive, written without verbose mode).

const EMOTICONS: &str = r"(?:[<>]?[:;=8][\-o\*']?[\)\]\(\[dDpP/:\}\{@\|\\]|[\)\]\(\[dDpP/:\}\{@\|\\][\-o\*']?[:;=8][<>]?|</?3)";

/// The first branch of NLTK's `URLS`: a URL with a scheme, or a domain
/// followed by `/`.
const URL_WITH_PATH: &str = r#"(?:https?:(?:/{1,3}|[a-z0-9%\x{130}])|[a-z0-9.\-\x{130}]{1,255}[.](?:[a-z\x{130}]{2,13})/)(?:[^\s()<>{}\[\]]+|\([^\s()]{0,255}?\([^\s()]{1,255}\)[^\s()]{0,255}?\)|\([^\s]{1,255}?\))+(?:\([^\s()]{0,255}?\([^\s()]{1,255}\)[^\s()]{0,255}?\)|\([^\s]{1,255}?\)|[^\s`!()\[\]{};:'".,<>?«»“”‘’])"#;

const PHONE: &str = r"(?:(?:\+?[01][ *\-.\)]*)?(?:[\(]?\d{3}[ *\-.\)]*)?\d{3}[ *\-.\)]*\d{4})";

// NLTK's `REGEXPS[1:]` (after `URLS`) in order: phone (optional),
// emoticons, the HTML tag `<[^>\s]+>` (matched by hand so that a long run of
// `<a<a<a…` stays linear), then MARKS, EMAIL and TAIL. They are compiled
// separately, and only when a token could start one of them, so that each
// search is small and a short input does not pay for compiling them all.

/// Arrows, @handles, #hashtags.
const MARKS: &str = r"[\-]+>|<[\-]+|(?:@[\w_]+)|(?:#+[\w_]+[\w'_\-]*[\w_]+)";

const EMAIL: &str = r"[\w.+\-]{1,64}@[\w\-]{1,63}\.(?:[\w\-]\.?){1,251}[\w\-]";

/// Emoji ZWJ sequences, flags, then NLTK's word/number/ellipsis/other branch.
const TAIL: [&str; 3] = [
    r"\S(?:[\x{1f3fb}-\x{1f3ff}]?(?:\x{200d}\S[\x{1f3fb}-\x{1f3ff}]?)+|[\x{1f3fb}-\x{1f3ff}])",
    r"(?:[\x{1F1E6}-\x{1F1FF}]{2}|\x{1F3F4}\x{E0067}\x{E0062}\x{E0065}\x{E006E}\x{E0067}\x{E007F}|\x{1F3F4}\x{E0067}\x{E0062}\x{E0073}\x{E0063}\x{E0074}\x{E007F}|\x{1F3F4}\x{E0067}\x{E0062}\x{E0077}\x{E006C}\x{E0073}\x{E007F})",
    r"(?:[^\W\d_](?:[^\W\d_]|['\-_])+[^\W\d_])|(?:[+\-]?\d+[,/.:-]\d+[+\-]?)|(?:[\w_]+)|(?:\.(?:[^\S\r\n]*\.){1,})|(?:\S)",
];

fn build(pattern: &str) -> regex::Regex {
    #[allow(clippy::expect_used)]
    regex::RegexBuilder::new(pattern)
        .size_limit(256 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("TweetTokenizer pattern compiles")
}

/// A pattern compiled on first use.
macro_rules! lazy_regex {
    ($name:ident, $pattern:expr) => {
        fn $name() -> &'static regex::Regex {
            static RE: OnceLock<regex::Regex> = OnceLock::new();
            RE.get_or_init(|| build($pattern.as_ref()))
        }
    };
}

lazy_regex!(url_re, format!("(?i)^(?:{URL_WITH_PATH})"));
lazy_regex!(phone_emoticon_re, format!("(?i)^(?:{PHONE}|{EMOTICONS})"));
lazy_regex!(emoticon_at_re, format!("(?i)^(?:{EMOTICONS})"));
lazy_regex!(marks_re, format!("(?i)^(?:{MARKS})"));
lazy_regex!(email_re, format!("(?i)^(?:{EMAIL})"));
lazy_regex!(tail_re, format!("(?i)^(?:{})", TAIL.join("|")));
lazy_regex!(emoticon_search_re, format!("(?i){EMOTICONS}"));
lazy_regex!(word_char_re, r"^\w$");
lazy_regex!(letter_or_number_re, r"^[\p{L}\p{N}]$");

/// Whether `rest` could start with the `domain.tld/` of NLTK's first URL
/// branch (`[a-z0-9.\-]{1,255}[.](?:[a-z]{2,13})/`): looks at most 270
/// characters ahead, so calling it at every token stays linear.
fn may_be_domain_slash(rest: &str) -> bool {
    let mut letters = 0usize; // letters since the last `.`
    let mut after_dot = false;
    for c in rest.chars().take(271) {
        if c == '/' {
            return after_dot && (2..=13).contains(&letters);
        }
        if c == '.' {
            after_dot = true;
            letters = 0;
        } else if is_ci_ascii_letter(c) {
            letters += 1;
        } else if c.is_ascii_digit() || c == '-' {
            after_dot = false;
            letters = 0;
        } else {
            return false;
        }
    }
    false
}

/// Whether a phone number (`+`, `(`, a digit) or an emoticon (eyes, `<>`,
/// or a mouth) can start with `c`.
fn may_start_phone_or_emoticon(c: char) -> bool {
    "+(<>:;=8)][dDpP/}{@|\\".contains(c) || is_decimal_digit(c)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let mut b = [0u8; 4];
    word_char_re().is_match(c.encode_utf8(&mut b))
}

fn is_letter_or_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let mut b = [0u8; 4];
    letter_or_number_re().is_match(c.encode_utf8(&mut b))
}

/// `[a-z]` under Python `regex`'s IGNORECASE: ASCII letters, `ſ`, `İ` and
/// the Kelvin sign. (The `regex` crate's `(?i)[a-z]` lacks `İ`, so the
/// patterns above name it.)
fn is_ci_ascii_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{17f}' | '\u{130}' | '\u{212a}')
}

fn is_ci_ascii_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_ci_ascii_letter(c)
}

// ---------------------------------------------------------------------------
// Offset bookkeeping for the rewriting steps.

/// One replaced stretch: output bytes `out` came from input bytes `inp`.
#[derive(Debug, Clone, Copy)]
struct Edit {
    out: (usize, usize),
    inp: (usize, usize),
}

/// Maps offsets of a rewritten text back to the text before the rewrite.
#[derive(Debug, Default)]
struct OffsetMap(Vec<Edit>);

impl OffsetMap {
    fn map(&self, o: usize, is_end: bool) -> usize {
        // Last edit starting at or before `o` (for an end: strictly before).
        let idx = self
            .0
            .partition_point(|e| if is_end { e.out.0 < o } else { e.out.0 <= o });
        let Some(e) = idx.checked_sub(1).and_then(|i| self.0.get(i)) else {
            return o;
        };
        if o < e.out.1 || (is_end && o == e.out.1) {
            if is_end {
                e.inp.1
            } else {
                e.inp.0
            }
        } else {
            o - e.out.1 + e.inp.1
        }
    }
}

/// A rewrite that changed nothing returns `None`.
type Rewrite = Option<(String, OffsetMap)>;

/// Builds the output of a rewrite, recording the edits.
struct Builder<'a> {
    src: &'a str,
    out: String,
    copied_to: usize,
    edits: Vec<Edit>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        Builder {
            src,
            out: String::with_capacity(src.len()),
            copied_to: 0,
            edits: Vec::new(),
        }
    }

    /// Replaces `src[start..end]` by `with`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        self.out
            .push_str(self.src.get(self.copied_to..start).unwrap_or(""));
        let o = self.out.len();
        self.out.push_str(with);
        self.edits.push(Edit {
            out: (o, self.out.len()),
            inp: (start, end),
        });
        self.copied_to = end;
    }

    fn finish(mut self) -> Rewrite {
        if self.edits.is_empty() {
            return None;
        }
        self.out
            .push_str(self.src.get(self.copied_to..).unwrap_or(""));
        Some((self.out, OffsetMap(self.edits)))
    }
}

// ---------------------------------------------------------------------------
// HTML entities.

/// Windows-1252 for 0x80..=0x9F (`None`: undefined there, so Python's
/// decode fails and NLTK drops the entity).
fn cp1252(n: u32) -> Option<char> {
    const T: [u32; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    let v = *T.get(n.checked_sub(0x80)? as usize)?;
    if v == 0 {
        None
    } else {
        char::from_u32(v)
    }
}

/// The value of a Unicode decimal digit (Python's `int()` accepts them).
fn digit_value(c: char, base: u32) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(base);
    }
    if !is_decimal_digit(c) {
        return None;
    }
    // Decimal digits come in runs of ten starting at zero.
    let mut k = 0u32;
    let mut cp = c as u32;
    while k < 100 {
        match cp.checked_sub(1).and_then(char::from_u32) {
            Some(p) if is_decimal_digit(p) => {
                k += 1;
                cp -= 1;
            }
            _ => break,
        }
    }
    Some(k % 10)
}

/// Python's `int(s, base)` for base 10 or 16; `Err(())` where Python raises
/// `ValueError`; `Ok(None)` for a value too large for any code point.
#[allow(clippy::result_unit_err)]
fn py_int(s: &str, base: u32) -> std::result::Result<Option<i64>, ()> {
    let s = s.trim_matches(char::is_whitespace);
    let (neg, mut s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut after_prefix = false;
    if base == 16 {
        // The prefix may be spelt with any Unicode zero (`０x41`).
        let mut it = s.chars();
        if let (Some(z), Some('x' | 'X')) = (it.next(), it.next()) {
            if digit_value(z, 10) == Some(0) {
                s = it.as_str();
                after_prefix = true;
            }
        }
    }
    if after_prefix {
        s = s.strip_prefix('_').unwrap_or(s); // `0x_41` is valid
    }
    let mut value: u64 = 0;
    let mut too_big = false;
    for group in s.split('_') {
        if group.is_empty() {
            return Err(()); // empty input, or `_` not between digits
        }
        for c in group.chars() {
            let d = digit_value(c, base).ok_or(())?;
            match value
                .checked_mul(u64::from(base))
                .and_then(|v| v.checked_add(u64::from(d)))
            {
                Some(v) if v <= u64::from(u32::MAX) => value = v,
                _ => too_big = true,
            }
        }
    }
    if too_big {
        return Ok(None);
    }
    Ok(Some(if neg { -(value as i64) } else { value as i64 }))
}

/// The replacement of one entity as NLTK's `_convert_entity` gives it
/// (`remove_illegal=True`: unknown entities become "").
fn convert_entity(numeric: bool, hex: bool, body: &str) -> Option<char> {
    let number: Option<i64> = if numeric {
        match py_int(body, if hex { 16 } else { 10 }) {
            Ok(Some(n)) => {
                if (0x80..=0x9F).contains(&n) {
                    return cp1252(n as u32);
                }
                Some(n)
            }
            Ok(None) | Err(()) => return None,
        }
    } else {
        NAME2CODEPOINT
            .binary_search_by(|(k, _)| (*k).cmp(body))
            .ok()
            .and_then(|i| NAME2CODEPOINT.get(i))
            .map(|&(_, v)| v as i64)
    };
    let n = number?;
    if !(0..=0x10FFFF).contains(&n) {
        return None;
    }
    // A surrogate is a valid `chr()` in Python but not a Rust char.
    Some(char::from_u32(n as u32).unwrap_or('\u{FFFD}'))
}

fn entities(text: &str) -> Rewrite {
    if !text.contains('&') {
        return None;
    }
    let mut b = Builder::new(text);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text.get(i..).and_then(|s| s.find('&')) {
        let amp = i + off;
        let j = amp + 1;
        let rest = text.get(j..).unwrap_or("");
        let run = rest
            .find(|c: char| c == '&' || c == ';' || c.is_whitespace())
            .unwrap_or(rest.len());
        let run_end = j + run;
        if run == 0 || bytes.get(run_end) != Some(&b';') {
            i = if run == 0 { j } else { run_end };
            continue;
        }
        let hash = bytes.get(j) == Some(&b'#');
        // `#?(x?)` then a non-empty body, in the order the backtracking
        // engine tries them.
        let options = [(true, true), (true, false), (false, true), (false, false)];
        let mut chosen = None;
        for (h, x) in options {
            if h && !hash {
                continue;
            }
            let xpos = j + usize::from(h);
            if x && bytes.get(xpos) != Some(&b'x') {
                continue;
            }
            let body_start = xpos + usize::from(x);
            if body_start < run_end {
                chosen = Some((h || x, x, body_start));
                break;
            }
        }
        let Some((numeric, hex, body_start)) = chosen else {
            i = run_end;
            continue;
        };
        let body = text.get(body_start..run_end).unwrap_or("");
        let mut buf = [0u8; 4];
        let with: &str = match convert_entity(numeric, hex, body) {
            Some(c) => c.encode_utf8(&mut buf),
            None => "",
        };
        b.replace(amp, run_end + 1, with);
        i = run_end + 1;
    }
    b.finish()
}

/// NLTK's `_replace_html_entities(text)`: `&amp;`, `&#233;`, `&#xE9;` and
/// the other HTML 4 entities become their characters; unknown ones are
/// removed.
///
/// # Example
/// ```
/// assert_eq!(nlkit::tokenize::replace_html_entities("Price: &pound;100 &bogus;!"), "Price: £100 !");
/// ```
pub fn replace_html_entities(text: &str) -> Cow<'_, str> {
    match entities(text) {
        Some((s, _)) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    }
}

// ---------------------------------------------------------------------------
// Handles, lengthening, HANG_RE.

fn handles(text: &str) -> Rewrite {
    if !text.contains('@') {
        return None;
    }
    let bytes = text.as_bytes();
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut b = Builder::new(text);
    let mut i = 0;
    while let Some(off) = text.get(i..).and_then(|s| s.find('@')) {
        let at = i + off;
        i = at + 1;
        if at > 0 {
            let prev = bytes.get(at - 1).copied().unwrap_or(0);
            if is_name(prev) || b"!@#$%&*".contains(&prev) {
                continue;
            }
        }
        let run = bytes
            .get(at + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| is_name(c))
            .count();
        let after_run = bytes.get(at + 1 + run).copied();
        let len = if run >= 15 && (run > 15 || after_run != Some(b'@')) {
            15
        } else if (1..15).contains(&run) && after_run != Some(b'@') {
            run
        } else {
            continue;
        };
        b.replace(at, at + 1 + len, " ");
        i = at + 1 + len;
    }
    b.finish()
}

/// NLTK's `remove_handles`: replaces each @handle (up to 15 name characters,
/// not preceded by a name character or one of `!@#$%&*`) with a space.
///
/// # Example
/// ```
/// assert_eq!(nlkit::tokenize::remove_handles("@remy: hi @bob!"), " : hi  !");
/// ```
pub fn remove_handles(text: &str) -> Cow<'_, str> {
    match handles(text) {
        Some((s, _)) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    }
}

/// Caps runs of identical characters for which `applies` holds at three
/// (the third output character stands for the rest of the run).
fn cap_runs(text: &str, min_run: usize, applies: impl Fn(char) -> bool) -> Rewrite {
    let mut b = Builder::new(text);
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let mut n = 1;
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = it.peek() {
            if d != c {
                break;
            }
            n += 1;
            end = i + d.len_utf8();
            it.next();
        }
        if n >= min_run && n > 3 && applies(c) {
            let third = start + 2 * c.len_utf8();
            let mut buf = [0u8; 4];
            b.replace(third, end, c.encode_utf8(&mut buf));
        }
    }
    b.finish()
}

fn lengthening(text: &str) -> Rewrite {
    cap_runs(text, 3, |c| c != '\n')
}

/// NLTK's `reduce_lengthening`: runs of three or more identical characters
/// become three.
///
/// # Example
/// ```
/// assert_eq!(nlkit::tokenize::reduce_lengthening("waaaaayyyy"), "waaayyy");
/// ```
pub fn reduce_lengthening(text: &str) -> Cow<'_, str> {
    match lengthening(text) {
        Some((s, _)) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    }
}

fn hang(text: &str) -> Rewrite {
    cap_runs(text, 4, |c| !is_letter_or_number(c))
}

// ---------------------------------------------------------------------------
// Matching.

/// NLTK's second `URLS` branch, a naked domain:
/// `(?<!@)[a-z0-9]+(?:[.\-][a-z0-9]+){0,126}[.](?:[a-z]{2,13})\b/?(?!@)`,
/// matched at `p` as the backtracking engine would. Returns the match end.
fn naked_domain(t: &str, p: usize) -> Option<usize> {
    if t.get(..p)?.ends_with('@') {
        return None;
    }
    let label_end = |from: usize| -> usize {
        let rest = t.get(from..).unwrap_or("");
        from + rest
            .find(|c: char| !is_ci_ascii_alnum(c))
            .unwrap_or(rest.len())
    };
    let mut ends = Vec::new();
    let first = label_end(p);
    if first == p {
        return None;
    }
    ends.push(first);
    let bytes = t.as_bytes();
    while ends.len() < 127 {
        let e = *ends.last()?;
        match bytes.get(e) {
            Some(b'.') | Some(b'-') => {
                let next = label_end(e + 1);
                if next == e + 1 {
                    break;
                }
                ends.push(next);
            }
            _ => break,
        }
    }
    for &e in ends.iter().rev() {
        if bytes.get(e) != Some(&b'.') {
            continue;
        }
        let tld_start = e + 1;
        let rest = t.get(tld_start..).unwrap_or("");
        let mut q = tld_start;
        let mut count = 0;
        for c in rest.chars() {
            if !is_ci_ascii_letter(c) || count > 13 {
                break;
            }
            count += 1;
            q += c.len_utf8();
        }
        if !(2..=13).contains(&count) {
            continue;
        }
        let next = t.get(q..).and_then(|s| s.chars().next());
        if next.is_some_and(is_word_char) {
            continue; // no \b after the TLD
        }
        match next {
            Some('/') => {
                return Some(if bytes.get(q + 1) == Some(&b'@') {
                    q
                } else {
                    q + 1
                });
            }
            Some('@') => continue,
            _ => return Some(q),
        }
    }
    None
}

impl TweetTokenizer {
    /// `TweetTokenizer()` with NLTK's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// `TweetTokenizer(preserve_case, reduce_len, strip_handles, match_phone_numbers)`.
    pub fn with_options(opts: TweetOptions) -> Self {
        TweetTokenizer { opts }
    }

    /// The options.
    pub fn options(&self) -> TweetOptions {
        self.opts
    }

    /// The text after NLTK's rewriting steps, with the maps back to the input
    /// (last step first).
    fn prepare<'a>(&self, text: &'a str) -> (Cow<'a, str>, Vec<OffsetMap>) {
        let mut cur: Cow<'a, str> = Cow::Borrowed(text);
        let mut maps = Vec::new();
        let mut apply = |f: &dyn Fn(&str) -> Rewrite, cur: &mut Cow<'a, str>| {
            if let Some((s, m)) = f(cur) {
                *cur = Cow::Owned(s);
                maps.push(m);
            }
        };
        apply(&entities, &mut cur);
        if self.opts.strip_handles {
            apply(&handles, &mut cur);
        }
        if self.opts.reduce_len {
            apply(&lengthening, &mut cur);
        }
        apply(&hang, &mut cur);
        maps.reverse();
        (cur, maps)
    }

    /// Byte ranges of the tokens in the prepared text `t`.
    ///
    /// At each non-space position the branches are tried in NLTK's order
    /// (URL with path, naked domain, phone, emoticon, HTML tag, the rest),
    /// the first that matches wins, as in a backtracking engine. Prechecks
    /// use look-ahead positions cached across tokens, so the whole scan is
    /// linear.
    fn token_ranges(&self, t: &str) -> Vec<(usize, usize)> {
        let bytes = t.as_bytes();
        // Cached "next position at or after" values; valid while >= p.
        let mut run_end = 0usize; // end of the current non-space run
        let mut next_slash = 0usize;
        let mut next_dot = 0usize;
        let mut next_tag_stop = 0usize; // next `>` or whitespace
        let mut next_at = 0usize;
        let find_from = |from: usize, f: &dyn Fn(char) -> bool| -> usize {
            t.get(from..)
                .and_then(|s| s.find(f))
                .map_or(t.len(), |i| from + i)
        };
        let mut out = Vec::new();
        let mut p = 0;
        while p < t.len() {
            let Some(rest) = t.get(p..) else { break };
            let skip = rest.len() - rest.trim_start_matches(char::is_whitespace).len();
            p += skip;
            let rest = &rest[skip..];
            let Some(first) = rest.chars().next() else {
                break;
            };
            // Fast path: ASCII letters followed by the end, a space, one of
            // `,!?)"`, or a final `.`. No branch before the word branches
            // can match there (URLs need `/`, `:` or `.`+letters, an
            // emoticon starting with d/p needs eyes `:;=8`, e-mail needs `@`),
            // and the word branches take exactly the letters.
            let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            if letters > 0 {
                let rb = rest.as_bytes();
                let simple = match rb.get(letters) {
                    None => true,
                    Some(b) if b.is_ascii_whitespace() => true,
                    Some(b',' | b'!' | b'?' | b')' | b'"') => true,
                    Some(b'.') => rb.get(letters + 1).is_none_or(u8::is_ascii_whitespace),
                    Some(_) => false,
                };
                if simple {
                    out.push((p, p + letters));
                    p += letters;
                    continue;
                }
            }
            if run_end <= p {
                run_end = find_from(p, &char::is_whitespace);
            }
            if next_slash < p {
                next_slash = find_from(p, &|c| c == '/');
            }
            if next_dot < p {
                next_dot = find_from(p, &|c| c == '.');
            }
            if next_at < p {
                next_at = find_from(p, &|c| c == '@');
            }
            let mut end = None;
            // URLS, first branch (needs a scheme or a `/`).
            if (is_ci_ascii_alnum(first) || first == '.' || first == '-')
                && ((next_slash < run_end && may_be_domain_slash(rest))
                    || rest
                        .get(..4)
                        .is_some_and(|h| h.eq_ignore_ascii_case("http")))
            {
                end = url_re().find(rest).map(|m| p + m.end());
            }
            // URLS, naked-domain branch.
            if end.is_none() && is_ci_ascii_alnum(first) && next_dot < run_end {
                end = naked_domain(t, p);
            }
            if end.is_none() && may_start_phone_or_emoticon(first) {
                let re = if self.opts.match_phone_numbers {
                    phone_emoticon_re()
                } else {
                    emoticon_at_re()
                };
                end = re.find(rest).map(|m| p + m.end());
            }
            // `<[^>\s]+>`
            if end.is_none() && first == '<' {
                if next_tag_stop <= p {
                    next_tag_stop = find_from(p + 1, &|c| c == '>' || c.is_whitespace());
                }
                if next_tag_stop > p + 1 && bytes.get(next_tag_stop) == Some(&b'>') {
                    end = Some(next_tag_stop + 1);
                }
            }
            let min_end = p + first.len_utf8();
            if end.is_none() && matches!(first, '-' | '<' | '@' | '#') {
                end = marks_re().find(rest).map(|m| p + m.end());
            }
            if end.is_none() && next_at < run_end {
                end = email_re().find(rest).map(|m| p + m.end());
            }
            let end = end
                .or_else(|| tail_re().find(rest).map(|m| p + m.end()))
                .unwrap_or(min_end)
                .max(min_end);
            out.push((p, end));
            p = end;
        }
        out
    }

    fn fold_case<'a>(&self, tok: Cow<'a, str>) -> Cow<'a, str> {
        if self.opts.preserve_case || emoticon_search_re().is_match(&tok) {
            tok
        } else {
            Cow::Owned(tok.to_lowercase())
        }
    }
}

impl Tokenizer for TweetTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        let (prepared, _) = self.prepare(text);
        let ranges = self.token_ranges(&prepared);
        match prepared {
            Cow::Borrowed(t) => ranges
                .into_iter()
                .map(|(s, e)| self.fold_case(Cow::Borrowed(t.get(s..e).unwrap_or(""))))
                .collect(),
            Cow::Owned(t) => ranges
                .into_iter()
                .map(|(s, e)| self.fold_case(Cow::Owned(t.get(s..e).unwrap_or("").to_string())))
                .collect(),
        }
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let (prepared, maps) = self.prepare(text);
        Ok(self
            .token_ranges(&prepared)
            .into_iter()
            .map(|(s, e)| {
                let (mut s, mut e) = (s, e);
                for m in &maps {
                    s = m.map(s, false);
                    e = m.map(e, true);
                }
                Span::new(s, e.max(s))
            })
            .collect())
    }
}
