//! The Penn Treebank word tokenizers: NLTK's `TreebankWordTokenizer` and the
//! improved `NLTKWordTokenizer` that `nltk.word_tokenize` runs on each
//! sentence.
//!
//! Both are a fixed sequence of regular-expression substitutions followed by a
//! split on whitespace, reproduced here step by step with NLTK 3.10.4's
//! semantics: the same order, the same non-overlapping leftmost matches, the
//! same character classes (`\w`, `\s`, `\d` as Python's `regex` engine that
//! NLTK 3.10.4 compiles its patterns with, and Python `re`'s `\w` for the
//! MacIntyre contractions, which NLTK compiles with `re`). Each step is
//! written by hand as one linear scan (NLTK's look-arounds, possessive
//! quantifier and `$`-before-final-newline included) that does nothing when
//! its trigger characters are absent, so a 10 MB line is tokenized in linear
//! time and typical text about 60x faster than NLTK.
//!
//! `span_tokenize` follows NLTK: the tokens are aligned with the input
//! (`nltk.tokenize.util.align_tokens`) after the `` `` `` / `''` tokens are
//! mapped back to the quote characters they came from. Offsets are UTF-8 byte
//! offsets (NLTK's are character offsets).
//!
//! No difference from NLTK is known (see `docs/differences.md`).

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use super::{is_py_whitespace, Tokenizer};
use crate::{Error, Result, Span};

mod passes;

use passes::ByteSet;

const SYMBOLS: ByteSet = ByteSet::new(b";@#$%&");
const QUESTION_BANG: ByteSet = ByteSet::new(b"?!");
const BRACKETS: ByteSet = ByteSet::new(b"[](){}<>");
/// NLTKWordTokenizer pads `*` and then the brackets: one scan does both.
const STAR_BRACKETS: ByteSet = ByteSet::new(b"*[](){}<>");
const CLITICS_S_M_D: [&str; 7] = ["'s", "'S", "'m", "'M", "'d", "'D", "'"];
const CLITICS_LL_RE_VE_NT: [&str; 8] = ["'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"];

/// NLTK's `CONVERT_PARENTHESES`.
fn convert_parentheses(t: &mut String) {
    for (from, to) in [
        ("(", "-LRB-"),
        (")", "-RRB-"),
        ("[", "-LSB-"),
        ("]", "-RSB-"),
        ("{", "-LCB-"),
        ("}", "-RCB-"),
    ] {
        passes::replace_literal(t, from, to);
    }
}

/// `" " + text + " "`.
fn pad_ends(t: String) -> String {
    let mut out = String::with_capacity(t.len() + 2);
    out.push(' ');
    out.push_str(&t);
    out.push(' ');
    out
}

/// `\w` of Python's `regex` engine (Unicode's UTS #18 word characters), which
/// is also the `regex` crate's `\w`.
pub(crate) fn is_regex_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    static WORD: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buf = [0u8; 4];
    WORD.get_or_init(|| Regex::new(r"^\w$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// `\d` of Python's `regex` engine (Unicode decimal digits, `Nd`), which is
/// also the `regex` crate's `\d`.
pub(crate) fn is_regex_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    static DIGIT: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buf = [0u8; 4];
    DIGIT
        .get_or_init(|| Regex::new(r"^\d$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// `\w` of Python's `re` module for `str` patterns: `str.isalnum()` (the
/// Unicode categories `L*` and `N*`) or `_`.
fn is_re_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    static WORD: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buf = [0u8; 4];
    WORD.get_or_init(|| Regex::new(r"^[\p{L}\p{N}]$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// Case-insensitive match of `c` against an ASCII lowercase pattern letter, as
/// Python's `re` does it (`ı`, `İ` match `i`; `ſ` matches `s`; `K` matches `k`).
fn re_ci_eq(c: char, p: char) -> bool {
    c.to_ascii_lowercase() == p
        || match p {
            'i' => c == 'ı' || c == 'İ',
            's' => c == 'ſ',
            'k' => c == '\u{212a}',
            _ => false,
        }
}

/// Case-insensitive match as Python's `regex` engine does it (no dotless-i folding).
fn regex_ci_eq(c: char, p: char) -> bool {
    c.to_ascii_lowercase() == p
        || match p {
            's' => c == 'ſ',
            'k' => c == '\u{212a}',
            'i' => c == 'İ',
            _ => false,
        }
}

/// If `text` starts with `pat` (ASCII lowercase, compared with `eq`), the byte
/// length of the matched prefix.
fn ci_prefix(text: &str, pat: &str, eq: fn(char, char) -> bool) -> Option<usize> {
    let mut chars = text.char_indices();
    for p in pat.chars() {
        match chars.next() {
            Some((_, c)) if eq(c, p) => {}
            _ => return None,
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

/// NLTKWordTokenizer's `(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)` →
/// `\1 `: an opening single quote before a word that is not a clitic gets a
/// space after it.
fn split_opening_apostrophe(text: &mut String) {
    if !text.contains('\'') {
        return;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev: Option<char> = None;
    let mut changed = false;
    for (i, c) in text.char_indices() {
        out.push(c);
        if c == '\'' && !prev.is_some_and(is_regex_word) {
            let rest = &text[i + 1..];
            let next_is_word = rest.chars().next().is_some_and(is_regex_word);
            if next_is_word && !starts_with_clitic(rest) {
                out.push(' ');
                changed = true;
            }
        }
        prev = Some(c);
    }
    if changed {
        *text = out;
    }
}

/// `(?i)(?:re|ve|ll|m|t|s|d|n)\b` at the start of `rest`.
fn starts_with_clitic(rest: &str) -> bool {
    ["re", "ve", "ll", "m", "t", "s", "d", "n"]
        .iter()
        .any(|alt| {
            ci_prefix(rest, alt, regex_ci_eq).is_some_and(|n| {
                // The clitic's letters are word characters, so `\b` after them
                // means: end of text or a non-word character.
                !rest[n..].chars().next().is_some_and(is_regex_word)
            })
        })
}

/// How a MacIntyre contraction pattern ends.
#[derive(Clone, Copy)]
enum After {
    /// `\b` (Python `re` word boundary).
    Boundary,
    /// `(?=\s)`.
    Space,
}

/// NLTK's `CONTRACTIONS2`: `(?i)\b(A)(B)\b` → ` \1 \2 `.
const CONTRACTIONS2: [(&str, &str, After); 8] = [
    ("can", "not", After::Boundary),
    ("d", "'ye", After::Boundary),
    ("gim", "me", After::Boundary),
    ("gon", "na", After::Boundary),
    ("got", "ta", After::Boundary),
    ("lem", "me", After::Boundary),
    ("more", "'n", After::Boundary),
    ("wan", "na", After::Space),
];

/// NLTK's `CONTRACTIONS3`: `(?i) ('t)(A)\b` → ` \1 \2 `.
const CONTRACTIONS3: [&str; 2] = ["is", "was"];

/// Python `re`'s `\s` (as `str.isspace()`).
fn is_re_space(c: char) -> bool {
    is_py_whitespace(c)
}

/// One `CONTRACTIONS2` substitution over `text`.
fn contraction2(text: &mut String, a: &str, b: &str, after: After) {
    let first = a.as_bytes()[0];
    // Quick reject: the first letter (either case) must occur.
    let has_first = text
        .bytes()
        .any(|x| x.to_ascii_lowercase() == first || x >= 0x80);
    if !has_first {
        return;
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at_boundary = is_re_word(c) && !prev.is_some_and(is_re_word);
        if at_boundary && re_ci_eq(c, a.chars().next().unwrap_or(' ')) {
            let rest = &text[i..];
            if let Some(la) = ci_prefix(rest, a, re_ci_eq) {
                if let Some(lb) = ci_prefix(&rest[la..], b, re_ci_eq) {
                    let end = i + la + lb;
                    let next = text[end..].chars().next();
                    let ok = match after {
                        After::Boundary => !next.is_some_and(is_re_word),
                        After::Space => next.is_some_and(is_re_space),
                    };
                    if ok {
                        out.push_str(&text[copied..i]);
                        out.push(' ');
                        out.push_str(&text[i..i + la]);
                        out.push(' ');
                        out.push_str(&text[i + la..end]);
                        out.push(' ');
                        copied = end;
                        // Continue after the match.
                        prev = text[..end].chars().next_back();
                        while iter.peek().is_some_and(|&(j, _)| j < end) {
                            iter.next();
                        }
                        continue;
                    }
                }
            }
        }
        prev = Some(c);
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

/// One `CONTRACTIONS3` substitution: `(?i) ('t)(is)\b` → ` \1 \2 `.
fn contraction3(text: &mut String, b: &str) {
    if !text.contains(" '") {
        return;
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(rel) = text[search..].find(" '") {
        let i = search + rel;
        let rest = &text[i + 1..];
        let matched = ci_prefix(rest, "'t", re_ci_eq).and_then(|lt| {
            ci_prefix(&rest[lt..], b, re_ci_eq).and_then(|lb| {
                let end = i + 1 + lt + lb;
                (!text[end..].chars().next().is_some_and(is_re_word)).then_some((lt, end))
            })
        });
        match matched {
            Some((lt, end)) => {
                out.push_str(&text[copied..i]);
                out.push(' ');
                out.push_str(&text[i + 1..i + 1 + lt]);
                out.push(' ');
                out.push_str(&text[i + 1 + lt..end]);
                out.push(' ');
                copied = end;
                search = end;
            }
            None => search = i + 1,
        }
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

fn apply_contractions(text: &mut String) {
    // Prefilter: one scan for the contractions, ASCII case-insensitively,
    // unless the text holds one of the few non-ASCII letters that Python's
    // `re` folds onto ASCII letters.
    static FINDER: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let special = !text.is_ascii() && text.contains(['ı', 'İ', 'ſ', '\u{212a}']);
    if !special {
        // Every contraction holds `'` or a doubled n, m or t.
        let b = text.as_bytes();
        let maybe = memchr::memchr(b'\'', b).is_some()
            || b.windows(2).any(|w| {
                let x = w[0] | 0x20;
                x == (w[1] | 0x20) && matches!(x, b'n' | b'm' | b't')
            });
        if !maybe {
            return;
        }
        let finder = FINDER.get_or_init(|| {
            let words = CONTRACTIONS2
                .iter()
                .map(|(a, b, _)| format!("{a}{b}"))
                .chain(CONTRACTIONS3.iter().map(|b| format!("'t{b}")));
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(words)
                .ok()
        });
        if finder.as_ref().is_some_and(|f| !f.is_match(text.as_str())) {
            return;
        }
    }
    for (a, b, after) in CONTRACTIONS2 {
        contraction2(text, a, b, after);
    }
    for b in CONTRACTIONS3 {
        contraction3(text, b);
    }
}

/// The whitespace-separated tokens of `rewritten`, borrowed from `text`
/// where they occur there (just after the previous token), owned otherwise.
/// The search is bounded to a short window, so this is linear.
fn borrow_tokens<'a>(rewritten: &str, text: &'a str) -> Vec<Cow<'a, str>> {
    const WINDOW: usize = 64;
    let mut point = 0;
    let mut out = Vec::new();
    for tok in split_py_iter(rewritten) {
        let mut end = (point + tok.len() + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let found = text
            .get(point..end)
            .and_then(|w| find_bytes(w.as_bytes(), tok.as_bytes()));
        match found {
            Some(rel) => {
                let start = point + rel;
                point = start + tok.len();
                out.push(Cow::Borrowed(&text[start..point]));
            }
            None => out.push(Cow::Owned(tok.to_string())),
        }
    }
    out
}

/// First occurrence of the non-empty `needle` in `hay` (short haystacks).
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = 0;
    while let Some(rel) = memchr::memchr(first, hay.get(i..)?) {
        let at = i + rel;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// `str.split()`: the parts of `text` between runs of Python whitespace.
fn split_py_iter(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip whitespace, then take the token.
        let mut start = None;
        while i < b.len() {
            let (ws, len) = if b[i] < 0x80 {
                (matches!(b[i], b' ' | 9..=13 | 0x1c..=0x1f), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (is_py_whitespace(c), c.len_utf8())
            };
            match (ws, start) {
                (true, Some(s)) => return Some(&text[s..i]),
                (false, None) => start = Some(i),
                _ => {}
            }
            i += len;
        }
        start.map(|s| &text[s..])
    })
}

fn split_py(text: &str) -> Vec<String> {
    text.split(is_py_whitespace)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// NLTK's `TreebankWordTokenizer`: the Penn Treebank tokenizer (a port of
/// Robert MacIntyre's sed script).
///
/// Splits contractions (`don't` → `do n't`), separates most punctuation,
/// turns double quotes into `` `` `` and `''`, and splits a period only at the
/// end of the text.
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, TreebankWordTokenizer};
/// let t = TreebankWordTokenizer::new();
/// assert_eq!(
///     t.tokenize("They'll save and invest more."),
///     ["They", "'ll", "save", "and", "invest", "more", "."]
/// );
/// let text = "\"Hi,\" she said.";
/// let spans = t.span_tokenize(text).unwrap();
/// assert_eq!(spans[0].slice(text), "\"");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TreebankWordTokenizer {
    /// Replace brackets with PTB symbols (`(` → `-LRB-`), as NLTK's
    /// `convert_parentheses=True`. Off by default.
    pub convert_parentheses: bool,
}

impl TreebankWordTokenizer {
    /// The tokenizer with NLTK's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Tokens as owned strings (NLTK's `tokenize`).
    pub fn tokenize_owned(&self, text: &str) -> Vec<String> {
        split_py(&self.rewrite(text))
    }

    /// The text after all substitutions; its whitespace-separated parts
    /// are the tokens.
    fn rewrite(&self, text: &str) -> String {
        let mut t = text.to_string();
        passes::start_dquote(&mut t);
        passes::replace_literal(&mut t, "``", " `` ");
        passes::open_then_quote(&mut t);
        passes::comma_colon(&mut t);
        passes::comma_colon_end(&mut t);
        passes::replace_literal(&mut t, "...", " ... ");
        passes::pad_bytes(&mut t, &SYMBOLS);
        passes::final_period(&mut t, false);
        passes::pad_bytes(&mut t, &QUESTION_BANG);
        passes::quote_space(&mut t);
        passes::pad_bytes(&mut t, &BRACKETS);
        if self.convert_parentheses {
            convert_parentheses(&mut t);
        }
        passes::replace_literal(&mut t, "--", " -- ");
        let mut t = pad_ends(t);
        passes::replace_literal(&mut t, "''", " '' ");
        passes::replace_literal(&mut t, "\"", " '' ");
        passes::clitics(&mut t, &CLITICS_S_M_D);
        passes::clitics(&mut t, &CLITICS_LL_RE_VE_NT);
        apply_contractions(&mut t);
        t
    }
}

impl Tokenizer for TreebankWordTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        borrow_tokens(&self.rewrite(text), text)
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        align_rewritten(self.tokenize_owned(text), text)
    }

    /// One rewrite for both tokens and spans.
    fn tokens_with_spans<'a>(&self, text: &'a str) -> Result<Vec<(Cow<'a, str>, Span)>> {
        let rewritten = self.rewrite(text);
        let tokens = borrow_tokens(&rewritten, text);
        let spans = align_rewritten(split_py(&rewritten), text)?;
        super::zip_spans(tokens, spans)
    }
}

/// NLTK's `NLTKWordTokenizer`: the improved Treebank tokenizer that
/// `nltk.word_tokenize` applies to each sentence.
///
/// Compared with [`TreebankWordTokenizer`] it also splits Unicode quotes
/// (`«»“”‘’„`), dashes U+2012–U+2015, `*`, runs of two or more periods,
/// and opening single quotes (`'Hello'` → `'`, `Hello`, `'`).
///
/// # Example
/// ```
/// use nlkit::tokenize::{NLTKWordTokenizer, Tokenizer};
/// let t = NLTKWordTokenizer::new();
/// assert_eq!(
///     t.tokenize("Good muffins cost $3.88 (roughly 3,36 euros)"),
///     ["Good", "muffins", "cost", "$", "3.88", "(", "roughly", "3,36", "euros", ")"]
/// );
/// assert_eq!(t.tokenize("“Don't”"), ["“", "Do", "n't", "”"]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NLTKWordTokenizer {
    /// Replace brackets with PTB symbols (`(` → `-LRB-`), as NLTK's
    /// `convert_parentheses=True`. Off by default.
    pub convert_parentheses: bool,
}

impl NLTKWordTokenizer {
    /// The tokenizer with NLTK's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Tokens as owned strings (NLTK's `tokenize`).
    pub fn tokenize_owned(&self, text: &str) -> Vec<String> {
        split_py(&self.rewrite(text))
    }

    /// The text after all substitutions; its whitespace-separated parts
    /// are the tokens.
    fn rewrite(&self, text: &str) -> String {
        // The steps only ever insert ASCII, so this holds throughout.
        let ascii = text.is_ascii();
        let mut t = text.to_string();
        passes::pad_open_quotes(&mut t, ascii);
        passes::start_dquote(&mut t);
        passes::replace_literal(&mut t, "``", " `` ");
        passes::open_then_quote(&mut t);
        split_opening_apostrophe(&mut t);
        passes::final_period(&mut t, true);
        passes::comma_colon(&mut t);
        passes::comma_colon_end(&mut t);
        passes::pad_dot_runs(&mut t);
        passes::pad_bytes(&mut t, &SYMBOLS);
        if !ascii {
            passes::pad_chars(&mut t, |c| ('\u{2012}'..='\u{2015}').contains(&c));
        }
        passes::final_period(&mut t, false);
        passes::pad_bytes(&mut t, &QUESTION_BANG);
        passes::quote_space(&mut t);
        passes::pad_bytes(&mut t, &STAR_BRACKETS);
        if self.convert_parentheses {
            convert_parentheses(&mut t);
        }
        passes::replace_literal(&mut t, "--", " -- ");
        let mut t = pad_ends(t);
        if !ascii {
            passes::pad_chars(&mut t, |c| matches!(c, '»' | '”' | '’'));
        }
        passes::replace_literal(&mut t, "''", " '' ");
        passes::replace_literal(&mut t, "\"", " '' ");
        passes::collapse_spaces(&mut t);
        passes::clitics(&mut t, &CLITICS_S_M_D);
        passes::clitics(&mut t, &CLITICS_LL_RE_VE_NT);
        apply_contractions(&mut t);
        t
    }
}

impl Tokenizer for NLTKWordTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        borrow_tokens(&self.rewrite(text), text)
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        align_rewritten(self.tokenize_owned(text), text)
    }

    /// One rewrite for both tokens and spans.
    fn tokens_with_spans<'a>(&self, text: &'a str) -> Result<Vec<(Cow<'a, str>, Span)>> {
        let rewritten = self.rewrite(text);
        let tokens = borrow_tokens(&rewritten, text);
        let spans = align_rewritten(split_py(&rewritten), text)?;
        super::zip_spans(tokens, spans)
    }
}

/// The span step of NLTK's Treebank `span_tokenize`: quote tokens
/// (`"`, `` `` ``, `''`) are replaced, in order, by the quote sequences
/// (`` `` ``, `''`, `"`) found in `text`, then the tokens are aligned.
fn align_rewritten(mut tokens: Vec<String>, text: &str) -> Result<Vec<Span>> {
    if text.contains('"') || text.contains("''") {
        let mut quotes = find_quotes(text).into_iter();
        for tok in tokens.iter_mut() {
            if tok == "\"" || tok == "``" || tok == "''" {
                match quotes.next() {
                    Some(q) => q.clone_into(tok),
                    None => {
                        return Err(Error::InvalidInput(
                            "cannot align quote tokens with the text".into(),
                        ))
                    }
                }
            }
        }
    }
    align_tokens(&tokens, text)
}

/// The matches of `` ``|'{2}|" `` in `text`, left to right.
fn find_quotes(text: &str) -> Vec<&'static str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' if b.get(i + 1) == Some(&b'`') => {
                out.push("``");
                i += 2;
            }
            b'\'' if b.get(i + 1) == Some(&b'\'') => {
                out.push("''");
                i += 2;
            }
            b'"' => {
                out.push("\"");
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// `rest.find(tok)`, without building a substring searcher in the usual
/// case of tokenizer output: the token right at the start of `rest` or
/// after whitespace. (When `tok` does not start with whitespace it cannot
/// occur earlier, inside the whitespace, so the first match is that one.)
#[inline]
fn find_next(rest: &str, tok: &str) -> Option<usize> {
    if rest.starts_with(tok) {
        return Some(0);
    }
    if !tok.starts_with(char::is_whitespace) {
        let k = rest.len() - rest.trim_start().len();
        if rest.get(k..).is_some_and(|r| r.starts_with(tok)) {
            return Some(k);
        }
    }
    rest.find(tok)
}

/// NLTK's `nltk.tokenize.util.align_tokens`: the span of each token, searched
/// for in `sentence` left to right, each after the end of the previous one.
///
/// # Errors
/// [`Error::InvalidInput`] when a token does not occur in the rest of the text.
///
/// # Example
/// ```
/// let spans = nlkit::tokenize::align_tokens(&["a", "b"], "a  b").unwrap();
/// assert_eq!(spans, [nlkit::Span::new(0, 1), nlkit::Span::new(3, 4)]);
/// ```
pub fn align_tokens<S: AsRef<str>>(tokens: &[S], sentence: &str) -> Result<Vec<Span>> {
    let mut point = 0;
    let mut out = Vec::with_capacity(tokens.len());
    for tok in tokens {
        let tok = tok.as_ref();
        let found = sentence.get(point..).and_then(|rest| find_next(rest, tok));
        match found {
            Some(rel) => {
                let start = point + rel;
                point = start + tok.len();
                out.push(Span::new(start, point));
            }
            None => {
                return Err(Error::InvalidInput(format!(
                    "token `{tok}` not found in the text after byte {point}"
                )))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_next_is_find() {
        let rests = [
            "a b",
            "  a",
            "\u{3000}é x",
            " \t\n",
            "",
            "ba a",
            "  \u{a0}b a",
        ];
        let toks = ["", "a", " a", "é", "\u{a0}b", "b", "\t", "x", "ba"];
        for r in rests {
            for t in toks {
                assert_eq!(find_next(r, t), r.find(t), "{r:?} {t:?}");
            }
        }
    }

    #[test]
    fn word_classes() {
        assert!(is_regex_digit('٣'));
        assert!(!is_regex_digit('²'));
        assert!(is_regex_word('\u{0301}'));
        assert!(!is_regex_word('²'));
    }

    #[test]
    fn contractions() {
        let t = TreebankWordTokenizer::new();
        assert_eq!(t.tokenize_owned("I cannot go"), ["I", "can", "not", "go"]);
        assert_eq!(t.tokenize_owned("wanna go"), ["wan", "na", "go"]);
        assert_eq!(t.tokenize_owned("wanna"), ["wan", "na"]);
        assert_eq!(t.tokenize_owned("'Tis so"), ["'T", "is", "so"]);
    }
}
