//! NLTK's `ToktokTokenizer` (`nltk.tokenize.toktok`, a port of Jon Dehdari's
//! `tok-tok.pl`): a fixed sequence of substitutions that put spaces around
//! punctuation, then a split on whitespace.
//!
//! nlkit applies the same 24 substitutions in the same order, each as one
//! linear pass written by hand (the look-arounds of NLTK's patterns become
//! checks of the neighbouring characters). Like NLTK it rewrites three
//! characters: `&` before a space becomes the token `&amp;`, a tab `&#9;`
//! and `|` `&#124;`. NLTK has no `span_tokenize` here; nlkit aligns the
//! tokens back to the input (the three rewrites map to their original
//! character, `` ` ` `` and `' '` pairs to both quotes).

use std::borrow::Cow;

use crate::tokenize::{is_py_whitespace, Tokenizer};
use crate::{Error, Result, Span};

/// NLTK's `ToktokTokenizer`.
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, ToktokTokenizer};
/// let t = ToktokTokenizer::new();
/// let text = "Is 9.5 or 525,600 my favorite number?";
/// assert_eq!(t.tokenize(text), ["Is", "9.5", "or", "525,600", "my", "favorite", "number", "?"]);
/// let spans = t.span_tokenize(text).unwrap();
/// assert_eq!(spans[3].slice(text), "525,600");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ToktokTokenizer;

const FUNKY_PUNCT_1: &str = "،;؛¿!\"])}»›”؟¡%٪°±©®।॥…";
const FUNKY_PUNCT_2: &str = "({[“‘„‚«‹「『";
const OPEN_PUNCT: &str = "([{\u{0f3a}\u{0f3c}\u{169b}\u{201a}\u{201e}\u{2045}\u{207d}\u{208d}\u{2329}\u{2768}\u{276a}\u{276c}\u{276e}\u{2770}\u{2772}\u{2774}\u{27c5}\u{27e6}\u{27e8}\u{27ea}\u{27ec}\u{27ee}\u{2983}\u{2985}\u{2987}\u{2989}\u{298b}\u{298d}\u{298f}\u{2991}\u{2993}\u{2995}\u{2997}\u{29d8}\u{29da}\u{29fc}\u{2e22}\u{2e24}\u{2e26}\u{2e28}\u{3008}\u{300a}\u{300c}\u{300e}\u{3010}\u{3014}\u{3016}\u{3018}\u{301a}\u{301d}\u{fd3e}\u{fe17}\u{fe35}\u{fe37}\u{fe39}\u{fe3b}\u{fe3d}\u{fe3f}\u{fe41}\u{fe43}\u{fe47}\u{fe59}\u{fe5b}\u{fe5d}\u{ff08}\u{ff3b}\u{ff5b}\u{ff5f}\u{ff62}";
const CLOSE_PUNCT: &str = ")]}\u{0f3b}\u{0f3d}\u{169c}\u{2046}\u{207e}\u{208e}\u{232a}\u{2769}\u{276b}\u{276d}\u{276f}\u{2771}\u{2773}\u{2775}\u{27c6}\u{27e7}\u{27e9}\u{27eb}\u{27ed}\u{27ef}\u{2984}\u{2986}\u{2988}\u{298a}\u{298c}\u{298e}\u{2990}\u{2992}\u{2994}\u{2996}\u{2998}\u{29d9}\u{29db}\u{29fd}\u{2e23}\u{2e25}\u{2e27}\u{2e29}\u{3009}\u{300b}\u{300d}\u{300f}\u{3011}\u{3015}\u{3017}\u{3019}\u{301b}\u{301e}\u{301f}\u{fd3f}\u{fe18}\u{fe36}\u{fe38}\u{fe3a}\u{fe3c}\u{fe3e}\u{fe40}\u{fe42}\u{fe44}\u{fe48}\u{fe5a}\u{fe5c}\u{fe5e}\u{ff09}\u{ff3d}\u{ff5d}\u{ff60}\u{ff63}";
const CURRENCY_SYM: &str = "$\u{a2}\u{a3}\u{a4}\u{a5}\u{058f}\u{060b}\u{09f2}\u{09f3}\u{09fb}\u{0af1}\u{0bf9}\u{0e3f}\u{17db}\u{20a0}\u{20a1}\u{20a2}\u{20a3}\u{20a4}\u{20a5}\u{20a6}\u{20a7}\u{20a8}\u{20a9}\u{20aa}\u{20ab}\u{20ac}\u{20ad}\u{20ae}\u{20af}\u{20b0}\u{20b1}\u{20b2}\u{20b3}\u{20b4}\u{20b5}\u{20b6}\u{20b7}\u{20b8}\u{20b9}\u{20ba}\u{a838}\u{fdfc}\u{fe69}\u{ff04}\u{ffe0}\u{ffe1}\u{ffe5}\u{ffe6}";

/// Python `regex`'s `\s`: the Unicode `White_Space` property.
fn is_re_space(c: char) -> bool {
    c.is_whitespace()
}

/// Python `regex`'s `\d`: Unicode decimal digits (`Nd`).
pub(crate) fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    if !c.is_numeric() {
        return false;
    }
    use std::sync::OnceLock;
    static ND: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let mut buf = [0u8; 4];
    ND.get_or_init(|| regex::Regex::new(r"^\p{Nd}$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// A set of characters with an ASCII bitmap for the common case.
struct CharSet {
    ascii: u128,
    other: Vec<char>,
}

impl CharSet {
    fn new(chars: &str) -> Self {
        let mut ascii = 0u128;
        let mut other = Vec::new();
        for c in chars.chars() {
            if c.is_ascii() {
                ascii |= 1u128 << (c as u32);
            } else {
                other.push(c);
            }
        }
        other.sort_unstable();
        CharSet { ascii, other }
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & (1u128 << (c as u32)) != 0
        } else {
            !self.other.is_empty() && self.other.binary_search(&c).is_ok()
        }
    }
}

struct Sets {
    funky: CharSet,
    open: CharSet,
    close: CharSet,
    quotes: CharSet,
    currency: CharSet,
    dashes: CharSet,
}

fn sets() -> &'static Sets {
    static S: std::sync::OnceLock<Sets> = std::sync::OnceLock::new();
    S.get_or_init(|| Sets {
        funky: CharSet::new(&format!("{FUNKY_PUNCT_1}{FUNKY_PUNCT_2}\u{a0}")),
        open: CharSet::new(OPEN_PUNCT),
        close: CharSet::new(CLOSE_PUNCT),
        quotes: CharSet::new("'’`"),
        currency: CharSet::new(CURRENCY_SYM),
        dashes: CharSet::new("–—"),
    })
}

/// Puts `pre` before and `post` after every char of `set` in `a` (using
/// `b` as scratch); does nothing when no char of `set` occurs.
fn surround(a: &mut String, b: &mut String, set: &CharSet, pre: &str, post: &str) {
    if !a.chars().any(|c| set.contains(c)) {
        return;
    }
    b.clear();
    for c in a.chars() {
        if set.contains(c) {
            b.push_str(pre);
            b.push(c);
            b.push_str(post);
        } else {
            b.push(c);
        }
    }
    std::mem::swap(a, b);
}

/// Runs of `c` of length >= 2 get a space on each side.
fn space_runs(s: &str, c: char, out: &mut String) {
    out.clear();
    let mut run = 0usize;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            continue;
        }
        flush_run(out, c, run);
        run = 0;
        out.push(ch);
    }
    flush_run(out, c, run);
}

fn flush_run(out: &mut String, c: char, run: usize) {
    if run >= 2 {
        out.push(' ');
    }
    for _ in 0..run {
        out.push(c);
    }
    if run >= 2 {
        out.push(' ');
    }
}

/// The end positions `$` (without MULTILINE) can match in `s`: the end, and
/// just before a final `\n`.
fn dollar_positions(s: &str) -> [Option<usize>; 2] {
    let nl = s.strip_suffix('\n').map(|t| t.len());
    [nl, Some(s.len())]
}

impl ToktokTokenizer {
    /// A new tokenizer.
    pub fn new() -> Self {
        ToktokTokenizer
    }

    /// The text after NLTK's substitutions (`tokenize(text, return_str=True)`).
    ///
    /// # Example
    /// ```
    /// use nlkit::tokenize::ToktokTokenizer;
    /// assert_eq!(ToktokTokenizer::new().rewrite("Hi, you & me|them."), "Hi , you &amp; me &#124; them .");
    /// ```
    pub fn rewrite(&self, text: &str) -> String {
        let mut a = String::with_capacity(text.len() + 16);
        let mut b = String::with_capacity(text.len() + 16);
        let sets = sets();
        // NON_BREAKING, FUNKY_PUNCT_1, FUNKY_PUNCT_2 (disjoint char maps).
        a.clear();
        for c in text.chars() {
            if !sets.funky.contains(c) {
                a.push(c);
            } else if c == '\u{a0}' {
                a.push(' ');
            } else {
                a.push(' ');
                a.push(c);
                a.push(' ');
            }
        }
        // EN_EM_DASHES is applied later, in NLTK's order.
        // URL_FOE_1: `:(?!//)` -> " : "
        if a.contains(':') {
            b.clear();
            for (i, c) in a.char_indices() {
                if c == ':' && !a[i + 1..].starts_with("//") {
                    b.push_str(" : ");
                } else {
                    b.push(c);
                }
            }
            std::mem::swap(&mut a, &mut b);
        }
        // URL_FOE_2: `\?(?!\S)` -> " ? "
        if a.contains('?') {
            b.clear();
            for (i, c) in a.char_indices() {
                if c == '?' && a[i + 1..].chars().next().is_none_or(is_re_space) {
                    b.push_str(" ? ");
                } else {
                    b.push(c);
                }
            }
            std::mem::swap(&mut a, &mut b);
        }
        // URL_FOE_3: `://\S/` -> " / "
        if a.contains("://") {
            b.clear();
            let mut i = 0;
            while i < a.len() {
                let rest = &a[i..];
                if let Some(after) = rest.strip_prefix("://") {
                    let mut it = after.chars();
                    if let (Some(c), Some('/')) = (it.next(), it.next()) {
                        if !is_re_space(c) {
                            b.push_str(" / ");
                            i += 3 + c.len_utf8() + 1;
                            continue;
                        }
                    }
                }
                let c = rest.chars().next().unwrap_or(' ');
                b.push(c);
                i += c.len_utf8().max(1);
            }
            std::mem::swap(&mut a, &mut b);
        }
        // URL_FOE_4: " /" -> " / "
        if a.contains(" /") {
            a = a.replace(" /", " / ");
        }
        // AMPERCENT, TAB, PIPE
        if a.contains("& ") {
            a = a.replace("& ", "&amp; ");
        }
        if a.contains('\t') {
            a = a.replace('\t', " &#9; ");
        }
        if a.contains('|') {
            a = a.replace('|', " &#124; ");
        }
        // OPEN_PUNCT_RE, CLOSE_PUNCT_RE: c -> "c "
        surround(&mut a, &mut b, &sets.open, "", " ");
        surround(&mut a, &mut b, &sets.close, "", " ");
        // MULTI_COMMAS
        if a.contains(",,") {
            space_runs(&a, ',', &mut b);
            std::mem::swap(&mut a, &mut b);
        }
        // COMMA_IN_NUM: `(?<!,)([,،])(?![,\d])` -> " \1 "
        if a.contains([',', '،']) {
            b.clear();
            let mut prev: Option<char> = None;
            let mut it = a.chars().peekable();
            while let Some(c) = it.next() {
                let next = it.peek().copied();
                if (c == ',' || c == '،')
                    && prev != Some(',')
                    && !next.is_some_and(|n| n == ',' || is_decimal_digit(n))
                {
                    b.push(' ');
                    b.push(c);
                    b.push(' ');
                } else {
                    b.push(c);
                }
                prev = Some(c);
            }
            std::mem::swap(&mut a, &mut b);
        }
        // PROB_SINGLE_QUOTES
        surround(&mut a, &mut b, &sets.quotes, " ", " ");
        // STUPID_QUOTES_1, STUPID_QUOTES_2
        if a.contains(" ` ` ") {
            a = a.replace(" ` ` ", " `` ");
        }
        if a.contains(" ' ' ") {
            a = a.replace(" ' ' ", " '' ");
        }
        // CURRENCY_SYM_RE: c -> "c "
        surround(&mut a, &mut b, &sets.currency, "", " ");
        // EN_EM_DASHES
        surround(&mut a, &mut b, &sets.dashes, " ", " ");
        // MULTI_DASHES, MULTI_DOTS
        if a.contains("--") {
            space_runs(&a, '-', &mut b);
            std::mem::swap(&mut a, &mut b);
        }
        if a.contains("..") {
            space_runs(&a, '.', &mut b);
            std::mem::swap(&mut a, &mut b);
        }
        // FINAL_PERIOD_1: `(?<!\.)\.$` -> " ."
        for end in dollar_positions(&a).into_iter().flatten() {
            let head = &a[..end];
            if head.ends_with('.') && !head[..end - 1].ends_with('.') {
                let mut s = String::with_capacity(a.len() + 1);
                s.push_str(&a[..end - 1]);
                s.push_str(" .");
                s.push_str(&a[end..]);
                a = s;
                break;
            }
        }
        // FINAL_PERIOD_2: `(?<!\.)\.\s*(["'’»›”]) *$` -> " . \1"
        if let Some((p, quote, end)) = final_period_2(&a) {
            let mut s = String::with_capacity(a.len() + 4);
            s.push_str(&a[..p]);
            s.push_str(" . ");
            s.push(quote);
            s.push_str(&a[end..]);
            a = s;
        }
        // ONE_SPACE: ` {2,}` -> " "
        if a.contains("  ") {
            b.clear();
            let mut prev_space = false;
            for c in a.chars() {
                if c == ' ' {
                    if !prev_space {
                        b.push(' ');
                    }
                    prev_space = true;
                } else {
                    prev_space = false;
                    b.push(c);
                }
            }
            std::mem::swap(&mut a, &mut b);
        }
        a.trim_matches(is_py_whitespace).to_string()
    }
}

/// The match of `(?<!\.)\.\s*(["'’»›”]) *$`: (start of `.`, the quote,
/// end of the match).
fn final_period_2(a: &str) -> Option<(usize, char, usize)> {
    const QUOTES: &str = "\"'’»›”";
    for end in dollar_positions(a).into_iter().flatten() {
        let head = &a[..end];
        let r = head.trim_end_matches(' ');
        let Some(quote) = r.chars().next_back() else {
            continue;
        };
        if !QUOTES.contains(quote) {
            continue;
        }
        let q = r.len() - quote.len_utf8();
        let before = a[..q].trim_end_matches(is_re_space);
        if !before.ends_with('.') {
            continue;
        }
        let p = before.len() - 1;
        if a[..p].ends_with('.') {
            continue;
        }
        return Some((p, quote, end));
    }
    None
}

/// The length in bytes of the input at the start of `rest` that became
/// `tok`: `/` from `://X/`, else the token's characters, where `&amp;`, `&#9;` and `&#124;` stand
/// for `&`, a tab and `|`, and the quote pairs `` ` ` `` / `' '` may have
/// whitespace between them.
fn align(tok: &str, rest: &str) -> Option<usize> {
    const REWRITES: [(&str, char); 3] = [("&amp;", '&'), ("&#9;", '\t'), ("&#124;", '|')];
    let quote_pair = tok == "``" || tok == "''";
    // URL_FOE_3 turned `://X/` into the token `/`.
    if tok == "/" {
        if let Some(after) = rest.strip_prefix("://") {
            let mut it = after.chars();
            if let (Some(c), Some('/')) = (it.next(), it.next()) {
                if !is_re_space(c) {
                    return Some(3 + c.len_utf8() + 1);
                }
            }
        }
    }
    let mut ti = 0;
    let mut j = 0;
    while ti < tok.len() {
        let t = tok.get(ti..)?;
        let r = rest.get(j..)?;
        let rc = r.chars().next()?;
        if let Some((from, _)) = REWRITES
            .iter()
            .find(|(from, to)| t.starts_with(from) && rc == *to)
        {
            ti += from.len();
            j += rc.len_utf8();
            continue;
        }
        let tc = t.chars().next()?;
        if tc == rc {
            ti += tc.len_utf8();
            j += rc.len_utf8();
        } else if quote_pair && ti > 0 && is_py_whitespace(rc) {
            j += rc.len_utf8();
        } else {
            return None;
        }
    }
    Some(j)
}

impl Tokenizer for ToktokTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        self.rewrite(text)
            .split(is_py_whitespace)
            .filter(|t| !t.is_empty())
            .map(|t| Cow::Owned(t.to_string()))
            .collect()
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let rewritten = self.rewrite(text);
        let mut spans = Vec::new();
        let mut cur = 0usize;
        for tok in rewritten.split(is_py_whitespace).filter(|t| !t.is_empty()) {
            let rest = text.get(cur..).unwrap_or("");
            // A tab is whitespace in the input but the token `&#9;` here.
            let skipped = if tok == "&#9;" {
                rest.len()
                    - rest
                        .trim_start_matches(|c| c != '\t' && is_py_whitespace(c))
                        .len()
            } else {
                rest.len() - rest.trim_start_matches(is_py_whitespace).len()
            };
            cur += skipped;
            let rest = text.get(cur..).unwrap_or("");
            let original = align(tok, rest);
            match original {
                Some(len) => {
                    spans.push(Span::new(cur, cur + len));
                    cur += len;
                }
                None => {
                    return Err(Error::InvalidInput(format!(
                        "toktok: cannot align token {tok:?} with the input at byte {cur}"
                    )))
                }
            }
        }
        Ok(spans)
    }
}
