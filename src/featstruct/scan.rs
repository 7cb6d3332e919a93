//! The anchored patterns of the feature-structure reader (NLTK's
//! `FeatStructReader` regular expressions), matched by hand.
//!
//! Why by hand: compiling the reader's fourteen Unicode-aware regexes took
//! about 2.5 ms, most of the time `nlkit parse` spends reading a book
//! grammar of 30-90 lines (`\w` and `\d` classes become large UTF-8
//! automata). Each matcher here gives the regex's answer (the same match
//! end and capture positions, leftmost-first with backtracking) for the
//! characters it can classify alone: ASCII, and whitespace anywhere (`\s`
//! is Unicode `White_Space`, which [`char::is_whitespace`] tests). When a
//! `\w` or `\d` class meets a non-ASCII character, the matcher gives up and
//! the regex, compiled on first need, answers instead. The unit tests
//! compare every matcher with its regex on random strings.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

fn re(p: &str) -> Regex {
    // The patterns are constants, checked by the unit tests.
    Regex::new(&format!("^(?:{p})")).unwrap_or_else(|_| unreachable!("bad constant pattern"))
}

const START_FSTRUCT: &str = r"\s*(?:\((\d+)\)\s*)?(\??[\w-]+)?(\[)";
const BARE_PREFIX: &str = r"\s*(?:\((\d+)\)\s*)?(\??[\w-]+\s*)()";
const FEATURE_NAME: &str = r#"\s*([+-]?)([^\s\(\)<>"'\-=\[\],]+)\s*"#;

static START_FSTRUCT_RE: LazyLock<Regex> = LazyLock::new(|| re(START_FSTRUCT));
static BARE_PREFIX_RE: LazyLock<Regex> = LazyLock::new(|| re(BARE_PREFIX));
static START_FDICT_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({BARE_PREFIX})|({START_FSTRUCT}\s*({FEATURE_NAME}\s*(=|->)|[+-]{FEATURE_NAME}|\]))"
    ))
});
static TARGET_RE: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\((\d+)\)\s*"));
static INT_RE: LazyLock<Regex> = LazyLock::new(|| re(r"-?\d+"));
static APP_RE: LazyLock<Regex> =
    LazyLock::new(|| re(r"<app\((\?[a-z][a-z]*)\s*,\s*(\?[a-z][a-z]*)\)>"));

/// A `\w` or `\d` class met a non-ASCII character: the regex must answer.
struct Ask;

type Scan<T> = std::result::Result<T, Ask>;

/// The start of a structure (`START_FSTRUCT` or `BARE_PREFIX`): the match
/// end and the byte ranges of its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Prefix {
    /// End of the whole match.
    pub end: usize,
    /// Group 1: the reentrance identifier's digits (`(1)`).
    pub ident: Option<Range<usize>>,
    /// Group 2: the type prefix (`NP`, `?x`), with the whitespace after it
    /// for `BARE_PREFIX`.
    pub prefix: Option<Range<usize>>,
    /// Group 3 is a non-empty `[`.
    pub bracket: bool,
}

/// A feature name (`FEATURE_NAME`): its sign, the name's range, the match
/// end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FeatureName {
    /// `+`, `-` or empty.
    pub sign: &'static str,
    /// Group 2.
    pub name: Range<usize>,
    /// End of the whole match.
    pub end: usize,
}

/// The `\s*` at `i`: the position after it.
fn skip_ws(s: &str, mut i: usize) -> usize {
    while let Some(&b) = s.as_bytes().get(i) {
        if b.is_ascii() {
            if !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                break;
            }
            i += 1;
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// The end of a run of bytes in an ASCII class starting at `i`; asks when
/// the run stops at a non-ASCII character (which `\w` or `\d` may take).
fn run(s: &str, mut i: usize, class: impl Fn(u8) -> bool) -> Scan<usize> {
    while let Some(&b) = s.as_bytes().get(i) {
        if !b.is_ascii() {
            return Err(Ask);
        }
        if !class(b) {
            break;
        }
        i += 1;
    }
    Ok(i)
}

fn is_word_or_dash(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `\s*(?:\((\d+)\)\s*)?(\??[\w-]+` + `\s*` when `trailing_ws`: the
/// identifier's digits, the prefix, the position after them (`end`). The
/// optional parts never need backtracking: when one fails, the character
/// it stopped at fails every later part too.
fn ident_and_prefix(s: &str, trailing_ws: bool) -> Scan<Prefix> {
    let b = s.as_bytes();
    let mut pos = skip_ws(s, 0);
    let mut ident = None;
    if b.get(pos) == Some(&b'(') {
        let d = run(s, pos + 1, |c| c.is_ascii_digit())?;
        if d > pos + 1 && b.get(d) == Some(&b')') {
            ident = Some(pos + 1..d);
            pos = skip_ws(s, d + 1);
        }
    }
    let name_start = pos + usize::from(b.get(pos) == Some(&b'?'));
    let w = run(s, name_start, is_word_or_dash)?;
    let mut prefix = None;
    if w > name_start {
        let end = if trailing_ws { skip_ws(s, w) } else { w };
        prefix = Some(pos..end);
        pos = end;
    }
    Ok(Prefix {
        end: pos,
        ident,
        prefix,
        bracket: false,
    })
}

fn start_fstruct_scan(s: &str) -> Scan<Option<Prefix>> {
    let p = ident_and_prefix(s, false)?;
    Ok((s.as_bytes().get(p.end) == Some(&b'[')).then(|| Prefix {
        end: p.end + 1,
        bracket: true,
        ..p
    }))
}

fn bare_prefix_scan(s: &str) -> Scan<Option<Prefix>> {
    let p = ident_and_prefix(s, true)?;
    Ok(p.prefix.is_some().then_some(p))
}

/// A character of `[^\s\(\)<>"'\-=\[\],]` (whitespace other than ASCII is
/// looked up, so this class never asks).
fn name_run(s: &str, mut i: usize) -> usize {
    while let Some(&b) = s.as_bytes().get(i) {
        if b.is_ascii() {
            if matches!(
                b,
                b'\t'
                    | b'\n'
                    | 0x0b
                    | 0x0c
                    | b'\r'
                    | b' '
                    | b'('
                    | b')'
                    | b'<'
                    | b'>'
                    | b'"'
                    | b'\''
                    | b'-'
                    | b'='
                    | b'['
                    | b']'
                    | b','
            ) {
                break;
            }
            i += 1;
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if !c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// `FEATURE_NAME` at `start`. The name's class takes `+` but not `-`: a
/// `+` not followed by a name is itself the name.
fn feature_name_at(s: &str, start: usize) -> Option<FeatureName> {
    let i = skip_ws(s, start);
    let (sign, name) = match s.as_bytes().get(i) {
        Some(b'+') => {
            let r = name_run(s, i + 1);
            if r > i + 1 {
                ("+", i + 1..r)
            } else {
                ("", i..i + 1)
            }
        }
        Some(b'-') => {
            let r = name_run(s, i + 1);
            if r == i + 1 {
                return None;
            }
            ("-", i + 1..r)
        }
        _ => {
            let r = name_run(s, i);
            if r == i {
                return None;
            }
            ("", i..r)
        }
    };
    let end = skip_ws(s, name.end);
    Some(FeatureName { sign, name, end })
}

fn start_fdict_scan(s: &str) -> Scan<bool> {
    if bare_prefix_scan(s)?.is_some() {
        return Ok(true);
    }
    let Some(start) = start_fstruct_scan(s)? else {
        return Ok(false);
    };
    let p = skip_ws(s, start.end);
    let b = s.as_bytes();
    // FEATURE_NAME \s* (=|->): the name run is the longest one either way.
    if let Some(n) = feature_name_at(s, p) {
        let q = skip_ws(s, n.end);
        if b.get(q) == Some(&b'=') || s.get(q..).is_some_and(|r| r.starts_with("->")) {
            return Ok(true);
        }
    }
    // [+-] FEATURE_NAME
    if matches!(b.get(p), Some(b'+' | b'-')) && feature_name_at(s, p + 1).is_some() {
        return Ok(true);
    }
    Ok(b.get(p) == Some(&b']'))
}

fn prefix_of(c: regex::Captures<'_>) -> Prefix {
    Prefix {
        end: c.get(0).map_or(0, |m| m.end()),
        ident: c.get(1).map(|m| m.range()),
        prefix: c.get(2).map(|m| m.range()),
        bracket: c.get(3).is_some_and(|m| !m.as_str().is_empty()),
    }
}

/// `START_FSTRUCT` at the start of `s`.
pub(super) fn start_fstruct(s: &str) -> Option<Prefix> {
    start_fstruct_scan(s).unwrap_or_else(|Ask| START_FSTRUCT_RE.captures(s).map(prefix_of))
}

/// `BARE_PREFIX` at the start of `s`.
pub(super) fn bare_prefix(s: &str) -> Option<Prefix> {
    bare_prefix_scan(s).unwrap_or_else(|Ask| BARE_PREFIX_RE.captures(s).map(prefix_of))
}

/// Whether `START_FDICT` matches at the start of `s` (a feature dictionary
/// rather than a feature list starts here).
pub(super) fn start_fdict(s: &str) -> bool {
    start_fdict_scan(s).unwrap_or_else(|Ask| START_FDICT_RE.is_match(s))
}

/// `FEATURE_NAME` at the start of `s` (no `\w` or `\d` in it: never asks).
pub(super) fn feature_name(s: &str) -> Option<FeatureName> {
    feature_name_at(s, 0)
}

/// `\s*` + `lit` + `\s*` at the start of `s`: the match end
/// (`END_FSTRUCT`, `REENTRANCE`, `ASSIGN`, `COMMA`).
pub(super) fn literal(s: &str, lit: &str) -> Option<usize> {
    let i = skip_ws(s, 0);
    s.get(i..)
        .is_some_and(|r| r.starts_with(lit))
        .then(|| skip_ws(s, i + lit.len()))
}

/// `TARGET` (`\s*\((\d+)\)\s*`) at the start of `s`: the digits' range
/// and the match end.
pub(super) fn target(s: &str) -> Option<(Range<usize>, usize)> {
    let scan = || -> Scan<Option<(Range<usize>, usize)>> {
        let i = skip_ws(s, 0);
        if s.as_bytes().get(i) != Some(&b'(') {
            return Ok(None);
        }
        let d = run(s, i + 1, |c| c.is_ascii_digit())?;
        if d == i + 1 || s.as_bytes().get(d) != Some(&b')') {
            return Ok(None);
        }
        Ok(Some((i + 1..d, skip_ws(s, d + 1))))
    };
    scan().unwrap_or_else(|Ask| {
        TARGET_RE
            .captures(s)
            .and_then(|c| Some((c.get(1)?.range(), c.get(0)?.end())))
    })
}

/// `VAR` (`\?[a-zA-Z_][a-zA-Z0-9_]*`, all ASCII): the match end.
pub(super) fn var(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'?')
        || !b
            .get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    Some(
        2 + b[2..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count(),
    )
}

/// `SYM` (`[a-zA-Z_][a-zA-Z0-9_]*`, all ASCII): the match end.
pub(super) fn sym(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    Some(
        1 + b[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count(),
    )
}

/// `STR` (`[uU]?[rR]?(['"])`, all ASCII): the prefix's length (quote
/// included) and the quote.
pub(super) fn str_start(s: &str) -> Option<(usize, &'static str)> {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'u' | b'U')));
    i += usize::from(matches!(b.get(i), Some(b'r' | b'R')));
    match b.get(i) {
        Some(b'\'') => Some((i + 1, "'")),
        Some(b'"') => Some((i + 1, "\"")),
        _ => None,
    }
}

/// `INT` (`-?\d+`) at the start of `s`: the match end.
pub(super) fn int(s: &str) -> Option<usize> {
    let scan = || -> Scan<Option<usize>> {
        let i = usize::from(s.as_bytes().first() == Some(&b'-'));
        let d = run(s, i, |c| c.is_ascii_digit())?;
        Ok((d > i).then_some(d))
    };
    scan().unwrap_or_else(|Ask| INT_RE.find(s).map(|m| m.end()))
}

/// `APP` (`<app(?x, ?y)>`) at the start of `s`: the two variables and the
/// match end. The regex is compiled only for text that starts `<app(`.
pub(super) fn app(s: &str) -> Option<(&str, &str, usize)> {
    if !s.starts_with("<app(") {
        return None;
    }
    let c = APP_RE.captures(s)?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(0)?.end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::testrng::xorshift;

    const ALPHABET: &[&str] = &[
        " ", "\t", "\u{a0}", "\u{2003}", "(", ")", "1", "0", "\u{663}", "?", "a", "Z", "_", "-",
        "+", "[", "]", "=", "->", "<", ">", ",", "'", "\"", "/", "*", "\u{e9}", "\u{3b1}", "u",
        "r", "R", "x", "<app(", "?p", "\u{200d}",
    ];

    fn random_text(rng: &mut impl FnMut(u64) -> u64) -> String {
        let n = rng(14);
        (0..n)
            .map(|_| ALPHABET[rng(ALPHABET.len() as u64) as usize])
            .collect()
    }

    fn texts() -> Vec<String> {
        let mut rng = xorshift(29);
        let mut out: Vec<String> = [
            "NP[NUM=?n]",
            "(1)[a=1]",
            " (12) ?x [",
            "[+a]",
            "[-a]",
            "[+]",
            "[+ ]",
            "[++x=1]",
            "[- x]",
            "[a->(1)]",
            "NP ",
            "NP/NP",
            "(1) NP",
            "(1x",
            "?",
            "?[",
            "[ ]",
            "[\u{a0}a\u{a0}=1]",
            "\u{e9}[a=1]",
            "N\u{e9}[a=1]",
            "(\u{663})[a=1]",
            "-12x",
            "-\u{663}",
            "<app(?x, ?y)>",
            "<app(?x,?y)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        out.extend((0..30_000).map(|_| random_text(&mut rng)));
        out
    }

    /// Every matcher answers as its regex, and asks only on non-ASCII text.
    #[test]
    fn matchers_equal_the_regexes() {
        let fname = re(FEATURE_NAME);
        let lits = [
            (re(r"\s*]\s*"), "]"),
            (re(r"\s*->\s*"), "->"),
            (re(r"\s*=\s*"), "="),
            (re(r"\s*,\s*"), ","),
        ];
        let var_re = re(r"\?[a-zA-Z_][a-zA-Z0-9_]*");
        let sym_re = re(r"[a-zA-Z_][a-zA-Z0-9_]*");
        let str_re = re(r#"[uU]?[rR]?(['"])"#);
        let mut asked = 0;
        for s in texts() {
            let ascii = s.is_ascii();
            for (scan, regex) in [
                (start_fstruct_scan(&s), &*START_FSTRUCT_RE),
                (bare_prefix_scan(&s), &*BARE_PREFIX_RE),
            ] {
                match scan {
                    Ok(got) => assert_eq!(got, regex.captures(&s).map(prefix_of), "{s:?}"),
                    Err(Ask) => {
                        assert!(!ascii, "{s:?}");
                        asked += 1;
                    }
                }
            }
            match start_fdict_scan(&s) {
                Ok(got) => assert_eq!(got, START_FDICT_RE.is_match(&s), "{s:?}"),
                Err(Ask) => assert!(!ascii, "{s:?}"),
            }
            let want = fname.captures(&s).map(|c| {
                let sign = c.get(1).map_or("", |m| m.as_str());
                (
                    sign.to_string(),
                    c.get(2).map(|m| m.range()),
                    c.get(0).map(|m| m.end()),
                )
            });
            let got = feature_name(&s).map(|n| (n.sign.to_string(), Some(n.name), Some(n.end)));
            assert_eq!(got, want, "{s:?}");
            for (r, lit) in &lits {
                assert_eq!(literal(&s, lit), r.find(&s).map(|m| m.end()), "{s:?} {lit}");
            }
            let want = TARGET_RE
                .captures(&s)
                .and_then(|c| Some((c.get(1)?.range(), c.get(0)?.end())));
            assert_eq!(target(&s), want, "{s:?}");
            assert_eq!(var(&s), var_re.find(&s).map(|m| m.end()), "{s:?}");
            assert_eq!(sym(&s), sym_re.find(&s).map(|m| m.end()), "{s:?}");
            let want = str_re
                .captures(&s)
                .and_then(|c| Some((c.get(0)?.end(), c.get(1)?.as_str())));
            assert_eq!(str_start(&s), want, "{s:?}");
            assert_eq!(int(&s), INT_RE.find(&s).map(|m| m.end()), "{s:?}");
            let want = APP_RE
                .captures(&s)
                .and_then(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(0)?.end())));
            assert_eq!(app(&s), want, "{s:?}");
        }
        // The random texts do reach the fallback.
        assert!(asked > 100, "{asked}");
    }
}
