//! NLTK's `PunktToken` and the annotation passes over tokens (word
//! tokenization, first pass, orthographic heuristic).

use super::*;

/// NLTK's `PunktToken`: a word token with Punkt's annotations.
#[derive(Debug, Clone)]
pub(crate) struct PunktToken<'a> {
    pub(crate) tok: &'a str,
    /// Case-normalised type; numbers become `##number##`.
    pub(crate) typ: Cow<'a, str>,
    pub(crate) period_final: bool,
    pub(crate) parastart: bool,
    pub(crate) linestart: bool,
    pub(crate) sentbreak: bool,
    pub(crate) abbr: bool,
    pub(crate) ellipsis: bool,
}

/// NLTK's `_RE_NUMERIC`: `^-?[\.,]?\d[\d,\.-]*\.?$`.
pub(super) fn is_numeric_token(tok: &str) -> bool {
    let mut it = tok.chars().peekable();
    if it.peek() == Some(&'-') {
        it.next();
    }
    if matches!(it.peek(), Some('.') | Some(',')) {
        it.next();
    }
    match it.next() {
        Some(c) if is_digit(c) => {}
        _ => return false,
    }
    it.all(|c| is_digit(c) || matches!(c, ',' | '.' | '-'))
}

pub(super) const NUMBER_TYPE: &str = "##number##";

impl<'a> PunktToken<'a> {
    pub(crate) fn new(tok: &'a str) -> Self {
        let typ = if is_numeric_token(tok) {
            Cow::Borrowed(NUMBER_TYPE)
        } else if tok.is_ascii() {
            if tok.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(tok.to_ascii_lowercase())
            } else {
                Cow::Borrowed(tok)
            }
        } else {
            let l = chars::lower(tok);
            if l == tok {
                Cow::Borrowed(tok)
            } else {
                Cow::Owned(l)
            }
        };
        PunktToken {
            tok,
            typ,
            period_final: tok.ends_with('.'),
            parastart: false,
            linestart: false,
            sentbreak: false,
            abbr: false,
            ellipsis: false,
        }
    }

    pub(crate) fn type_no_period(&self) -> &str {
        let t: &str = &self.typ;
        if t.len() > 1 && t.ends_with('.') {
            &t[..t.len() - 1]
        } else {
            t
        }
    }

    pub(crate) fn type_no_sentperiod(&self) -> &str {
        if self.sentbreak {
            self.type_no_period()
        } else {
            &self.typ
        }
    }

    pub(crate) fn first_char(&self) -> Option<char> {
        self.tok.chars().next()
    }

    pub(crate) fn first_upper(&self) -> bool {
        self.first_char().is_some_and(is_upper)
    }

    pub(crate) fn first_lower(&self) -> bool {
        self.first_char().is_some_and(is_lower)
    }

    /// `_RE_ELLIPSIS.match`: two or more periods and nothing else.
    pub(crate) fn is_ellipsis(&self) -> bool {
        self.tok.len() >= 2 && self.tok.bytes().all(|b| b == b'.')
    }

    pub(crate) fn is_number(&self) -> bool {
        self.typ.starts_with(NUMBER_TYPE)
    }

    /// `_RE_INITIAL.match`: one `[^\W\d]` character and a period.
    pub(crate) fn is_initial(&self) -> bool {
        let mut it = self.tok.chars();
        matches!((it.next(), it.next(), it.next()), (Some(c), Some('.'), None) if is_word_nondigit(c))
    }

    /// `_RE_ALPHA.match`: only `[^\W\d]` characters.
    pub(crate) fn is_alpha(&self) -> bool {
        !self.tok.is_empty() && self.tok.chars().all(is_word_nondigit)
    }

    /// `_re_non_punct.search(type)`.
    pub(crate) fn is_non_punct(&self) -> bool {
        self.typ.chars().any(is_word_nondigit)
    }
}

/// NLTK's `PunktBaseClass._tokenize_words`: tokens of `text` line by line,
/// with `parastart` / `linestart` flags.
pub(crate) fn tokenize_words<'a>(
    lang: &PunktLanguageVars,
    text: &'a str,
    out: &mut Vec<PunktToken<'a>>,
    spans: &mut Vec<(usize, usize)>,
) {
    let mut parastart = false;
    let mut base = 0;
    for line in text.split('\n') {
        let line_base = base;
        base += line.len() + 1;
        if chars::is_blank(line) {
            parastart = true;
            continue;
        }
        spans.clear();
        lang.word_token_spans(line, line_base, spans);
        for (k, &(a, b)) in spans.iter().enumerate() {
            let mut t = PunktToken::new(text.get(a..b).unwrap_or(""));
            if k == 0 {
                t.parastart = parastart;
                t.linestart = true;
                parastart = false;
            }
            out.push(t);
        }
    }
}

/// NLTK's `_first_pass_annotation`: type-based sentence break, abbreviation
/// and ellipsis marks.
pub(crate) fn first_pass_annotation(
    lang: &PunktLanguageVars,
    is_abbrev: impl Fn(&str) -> bool,
    t: &mut PunktToken<'_>,
    buf: &mut String,
) {
    let tok = t.tok;
    let mut cs = tok.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if lang.is_sent_end_char(c) {
            t.sentbreak = true;
            return;
        }
    }
    if t.is_ellipsis() {
        t.ellipsis = true;
    } else if t.period_final && !tok.ends_with("..") {
        let raw = &tok[..tok.len() - 1];
        let stem: &str = if raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            raw
        } else {
            buf.clear();
            chars::push_lower(raw, buf);
            buf
        };
        let last = stem.rsplit('-').next().unwrap_or("");
        if is_abbrev(stem) || is_abbrev(last) {
            t.abbr = true;
        } else {
            t.sentbreak = true;
        }
    }
}

// ---------------------------------------------------------------------------
// Sentence tokenizer
// ---------------------------------------------------------------------------

/// Result of NLTK's `_ortho_heuristic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ortho {
    SentStarter,
    NotStarter,
    Unknown,
}
