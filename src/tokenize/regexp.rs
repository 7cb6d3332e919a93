//! Regular-expression tokenizers: NLTK's `RegexpTokenizer` and
//! `WordPunctTokenizer` (`nltk.tokenize.regexp`).
//!
//! Patterns are written in Python's `re`/`regex` syntax and compiled with
//! NLTK's flags (`UNICODE | MULTILINE | DOTALL`). nlkit runs them with the
//! linear-time `regex` crate; a pattern that needs look-around or
//! back-references falls back to `fancy-regex` (backtracking, with its
//! backtrack limit as the ReDoS guard: when the limit trips, matching stops
//! there — `span_tokenize` reports it as an error). A few Python spellings
//! are translated (`\Z`, `{,n}`, a literal `{`, `[` `&` `~` inside a class).
//! Differences: a pattern with two or more capturing groups is refused (NLTK
//! would return tuples, which are not tokens); spans are byte offsets.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::tokenize::Tokenizer;
use crate::{Error, Result, Span};

/// The compiled pattern: linear-time `regex` when it can, `fancy-regex`
/// when the pattern needs look-around or back-references.
#[derive(Debug, Clone)]
enum Engine {
    Std(regex::Regex),
    Fancy(Box<fancy_regex::Regex>),
}

/// One match: whole span and the span of group 1 (when the pattern has one
/// group and it took part).
#[derive(Debug, Clone, Copy)]
struct Hit {
    whole: Span,
    group: Option<Span>,
}

/// NLTK's `RegexpTokenizer`: the tokens are the matches of a pattern, or
/// (with `gaps`) the text between its matches.
///
/// # Example
/// ```
/// use nlkit::tokenize::{RegexpTokenizer, Tokenizer};
/// let t = RegexpTokenizer::new(r"\w+|\$[\d\.]+|\S+").unwrap();
/// assert_eq!(t.tokenize("Good muffins cost $3.88"), ["Good", "muffins", "cost", "$3.88"]);
/// let gaps = RegexpTokenizer::with_options(r"\s+", true, true).unwrap();
/// assert_eq!(gaps.tokenize(" a  b "), ["a", "b"]);
/// ```
#[derive(Debug, Clone)]
pub struct RegexpTokenizer {
    pattern: String,
    engine: Engine,
    groups: usize,
    gaps: bool,
    discard_empty: bool,
}

impl RegexpTokenizer {
    /// `RegexpTokenizer(pattern)`: tokens are the matches.
    ///
    /// # Errors
    /// [`Error::Regex`] for a malformed or unsupported pattern.
    pub fn new(pattern: &str) -> Result<Self> {
        Self::with_options(pattern, false, true)
    }

    /// `RegexpTokenizer(pattern, gaps, discard_empty)`.
    ///
    /// # Errors
    /// [`Error::Regex`] for a malformed or unsupported pattern, or one with
    /// more than one capturing group.
    pub fn with_options(pattern: &str, gaps: bool, discard_empty: bool) -> Result<Self> {
        let translated = translate_python_pattern(pattern);
        let regex_err = |message: String| Error::Regex {
            pattern: pattern.to_string(),
            message,
        };
        let (engine, groups) = match regex::RegexBuilder::new(&translated)
            .multi_line(true)
            .dot_matches_new_line(true)
            .size_limit(64 << 20)
            .build()
        {
            Ok(re) => {
                let g = re.captures_len() - 1;
                (Engine::Std(re), g)
            }
            Err(std_err) => match fancy_regex::RegexBuilder::new(&format!("(?ms){translated}"))
                .backtrack_limit(1_000_000)
                .build()
            {
                Ok(re) => {
                    let g = re.captures_len() - 1;
                    (Engine::Fancy(Box::new(re)), g)
                }
                // Report the linear engine's message unless the pattern only
                // failed there for a feature it lacks.
                Err(fancy_err) => {
                    let msg = match std_err {
                        regex::Error::Syntax(s)
                            if !s.contains("look-around") && !s.contains("backreferences") =>
                        {
                            s
                        }
                        _ => fancy_err.to_string(),
                    };
                    return Err(regex_err(msg));
                }
            },
        };
        if groups > 1 && !gaps {
            return Err(regex_err(format!(
                "the pattern has {groups} capturing groups; NLTK would return tuples, not tokens \
                 (use non-capturing groups `(?:...)`)"
            )));
        }
        Ok(RegexpTokenizer {
            pattern: pattern.to_string(),
            engine,
            groups,
            gaps,
            discard_empty,
        })
    }

    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// All matches in Python's `finditer` order (empty matches included; an
    /// empty match right where the previous empty match was is skipped).
    /// The flag is false when the backtracking engine gave up.
    fn hits(&self, text: &str) -> (Vec<Hit>, bool) {
        let mut out = Vec::new();
        let mut pos = 0usize;
        let mut last_empty_at: Option<usize> = None;
        while pos <= text.len() {
            let found = match self.find_at(text, pos) {
                Ok(f) => f,
                Err(()) => return (out, false),
            };
            let Some(mut hit) = found else { break };
            if hit.whole.is_empty() && last_empty_at == Some(hit.whole.start) {
                // Python will not match empty twice at one position: retry
                // one character further on.
                let next = next_char_boundary(text, hit.whole.start);
                if next > text.len() || next == hit.whole.start {
                    break;
                }
                match self.find_at(text, next) {
                    Ok(Some(h)) => hit = h,
                    Ok(None) => break,
                    Err(()) => return (out, false),
                }
            }
            if hit.whole.is_empty() {
                last_empty_at = Some(hit.whole.end);
            } else {
                last_empty_at = None;
            }
            pos = hit.whole.end;
            out.push(hit);
        }
        (out, true)
    }

    fn find_at(&self, text: &str, pos: usize) -> std::result::Result<Option<Hit>, ()> {
        match &self.engine {
            Engine::Std(re) => {
                if self.groups == 0 {
                    Ok(re.find_at(text, pos).map(|m| Hit {
                        whole: Span::new(m.start(), m.end()),
                        group: None,
                    }))
                } else {
                    Ok(re.captures_at(text, pos).and_then(|c| {
                        let w = c.get(0)?;
                        Some(Hit {
                            whole: Span::new(w.start(), w.end()),
                            group: c.get(1).map(|g| Span::new(g.start(), g.end())),
                        })
                    }))
                }
            }
            Engine::Fancy(re) => {
                let caps = re.captures_from_pos(text, pos).map_err(|_| ())?;
                Ok(caps.and_then(|c| {
                    let w = c.get(0)?;
                    Some(Hit {
                        whole: Span::new(w.start(), w.end()),
                        group: if self.groups > 0 {
                            c.get(1).map(|g| Span::new(g.start(), g.end()))
                        } else {
                            None
                        },
                    })
                }))
            }
        }
    }

    /// Spans of the pieces between matches, as NLTK's
    /// `regexp_span_tokenize` gives them (it skips empty pieces between
    /// matches but keeps an empty last piece), then filtered by
    /// `discard_empty`.
    fn gap_spans(&self, text: &str, hits: &[Hit]) -> Vec<Span> {
        let mut out = Vec::new();
        let mut left = 0;
        for h in hits {
            if h.whole.start != left {
                out.push(Span::new(left, h.whole.start));
            }
            left = h.whole.end;
        }
        out.push(Span::new(left, text.len()));
        if self.discard_empty {
            out.retain(|s| !s.is_empty());
        }
        out
    }
}

fn next_char_boundary(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(text.len() + 1, |c| i + c.len_utf8())
}

impl Tokenizer for RegexpTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        let (hits, _) = self.hits(text);
        if self.gaps {
            // `re.split`: pieces between matches, with the groups' text
            // inserted after each piece (a group that did not take part
            // is `None` in Python and dropped here).
            let mut out = Vec::new();
            let mut left = 0;
            let keep = |s: &str| !(self.discard_empty && s.is_empty());
            for h in &hits {
                let piece = text.get(left..h.whole.start).unwrap_or("");
                if keep(piece) {
                    out.push(Cow::Borrowed(piece));
                }
                if self.groups > 0 {
                    for g in self.group_texts(text, h) {
                        if keep(g) {
                            out.push(Cow::Borrowed(g));
                        }
                    }
                }
                left = h.whole.end;
            }
            let piece = text.get(left..).unwrap_or("");
            if keep(piece) {
                out.push(Cow::Borrowed(piece));
            }
            out
        } else if self.groups == 1 {
            hits.iter()
                .map(|h| Cow::Borrowed(h.group.map_or("", |g| g.slice(text))))
                .collect()
        } else {
            hits.iter()
                .map(|h| Cow::Borrowed(h.whole.slice(text)))
                .collect()
        }
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let (hits, complete) = self.hits(text);
        if !complete {
            return Err(Error::Regex {
                pattern: self.pattern.clone(),
                message: "matching gave up (backtrack limit exceeded); simplify the pattern".into(),
            });
        }
        if self.gaps {
            Ok(self.gap_spans(text, &hits))
        } else {
            Ok(hits.iter().map(|h| h.whole).collect())
        }
    }
}

impl RegexpTokenizer {
    /// The text of every capturing group of the match at `h` (for `split`).
    fn group_texts<'a>(&self, text: &'a str, h: &Hit) -> Vec<&'a str> {
        let hay = text;
        let mut out = Vec::new();
        match &self.engine {
            Engine::Std(re) => {
                if let Some(c) = re.captures_at(hay, h.whole.start) {
                    for i in 1..=self.groups {
                        if let Some(g) = c.get(i) {
                            out.push(g.as_str());
                        }
                    }
                }
            }
            Engine::Fancy(re) => {
                if let Ok(Some(c)) = re.captures_from_pos(hay, h.whole.start) {
                    for i in 1..=self.groups {
                        if let Some(g) = c.get(i) {
                            out.push(g.as_str());
                        }
                    }
                }
            }
        }
        out
    }
}

/// Rewrites the Python spellings the Rust engines spell differently:
/// `\Z` → `\z`; `{,n}` → `{0,n}`; a `{` that does not start a counted
/// repetition → `\{`; inside a class, `[`, `&` and `~` are literals
/// (escaped, since the Rust engines give them set-operation meanings).
fn translate_python_pattern(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some('Z') if !in_class => out.push_str("\\z"),
                Some(&n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
            i += 2;
            continue;
        }
        if in_class {
            match c {
                ']' if i > class_start => in_class = false,
                '[' | '&' | '~' => out.push('\\'),
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // A `]` right after `[` or `[^` is a literal.
                class_start = i + 1;
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                continue;
            }
            '{' => {
                let rest: String = chars[i..].iter().take(40).collect();
                match counted_repetition(&rest) {
                    Some((len, fixed)) => {
                        out.push_str(&fixed);
                        i += len;
                    }
                    None => {
                        out.push_str("\\{");
                        i += 1;
                    }
                }
                continue;
            }
            '}' => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// If `s` starts with a Python counted repetition (`{n}`, `{n,}`, `{,m}`,
/// `{n,m}`), its length in chars and its Rust spelling.
fn counted_repetition(s: &str) -> Option<(usize, String)> {
    static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| regex::Regex::new(r"^\{([0-9]*)(,?)([0-9]*)\}").ok())
        .as_ref()?;
    let c = re.captures(s)?;
    let (lo, comma, hi) = (
        c.get(1).map_or("", |m| m.as_str()),
        c.get(2).map_or("", |m| m.as_str()),
        c.get(3).map_or("", |m| m.as_str()),
    );
    let whole = c.get(0)?.as_str();
    if lo.is_empty() && (comma.is_empty() || hi.is_empty()) {
        return None; // `{}` and `{,}` are literals in Python
    }
    let lo = if lo.is_empty() { "0" } else { lo };
    Some((whole.chars().count(), format!("{{{lo}{comma}{hi}}}")))
}

/// NLTK's `WordPunctTokenizer`: `\w+|[^\w\s]+` (Unicode `\w`, as Python).
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, WordPunctTokenizer};
/// let t = WordPunctTokenizer::new();
/// assert_eq!(t.tokenize("Good muffins cost $3.88."), ["Good", "muffins", "cost", "$", "3", ".", "88", "."]);
/// ```
#[derive(Debug, Clone)]
pub struct WordPunctTokenizer {
    re: &'static regex::Regex,
}

impl Default for WordPunctTokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl WordPunctTokenizer {
    /// A new tokenizer (the pattern is compiled once per process).
    pub fn new() -> Self {
        static RE: OnceLock<regex::Regex> = OnceLock::new();
        WordPunctTokenizer {
            re: RE.get_or_init(|| {
                #[allow(clippy::expect_used)]
                regex::Regex::new(r"\w+|[^\w\s]+").expect("constant pattern")
            }),
        }
    }
}

impl Tokenizer for WordPunctTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        self.re
            .find_iter(text)
            .map(|m| Cow::Borrowed(m.as_str()))
            .collect()
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        Ok(self
            .re
            .find_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect())
    }
}
