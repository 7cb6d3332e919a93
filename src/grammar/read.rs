//! NLTK's grammar text reader (`nltk.grammar.read_grammar` with the standard
//! nonterminal parser): one production per line, `|` alternatives, quoted
//! terminals, `#` comment lines, `\` line continuations, a `%start`
//! directive, and `[p]` probabilities for PCFGs.

use std::path::Path;

use super::{Nonterminal, Production, Symbol};
use crate::tokenize::is_py_whitespace;
use crate::{Error, Result};

/// One production as read, with its probability (0.0 when none was given,
/// as NLTK) and the 1-based line it ended on.
pub(crate) struct ReadProduction {
    pub production: Production,
    pub prob: f64,
    pub line: usize,
}

/// Python's `re` `\w` for `str` patterns (`str.isalnum()` or `_`).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A syntax error at a 0-based character column of the logical line.
struct LineError {
    column: usize,
    message: String,
}

fn err(column: usize, message: impl Into<String>) -> LineError {
    LineError {
        column,
        message: message.into(),
    }
}

fn skip_ws(line: &[char], mut pos: usize) -> usize {
    while pos < line.len() && is_py_whitespace(line[pos]) {
        pos += 1;
    }
    pos
}

/// `( [\w/][\w/^<>-]* ) \s*` at `pos`.
fn nonterminal(line: &[char], pos: usize) -> std::result::Result<(Nonterminal, usize), LineError> {
    let first = line.get(pos).copied();
    match first {
        Some(c) if is_word(c) || c == '/' => {}
        _ => {
            let rest: String = line[pos.min(line.len())..].iter().collect();
            return Err(err(pos, format!("Expected a nonterminal, found: {rest}")));
        }
    }
    let mut end = pos + 1;
    while end < line.len() && {
        let c = line[end];
        is_word(c) || matches!(c, '/' | '^' | '<' | '>' | '-')
    } {
        end += 1;
    }
    let sym: String = line[pos..end].iter().collect();
    Ok((Nonterminal::new(sym), skip_ws(line, end)))
}

/// `( \[ [\d\.]+ \] ) \s*` at `pos`: the inner text and the end position.
fn probability(line: &[char], pos: usize) -> Option<(String, usize)> {
    if line.get(pos) != Some(&'[') {
        return None;
    }
    let mut end = pos + 1;
    while end < line.len() && (line[end].is_ascii_digit() || line[end] == '.') {
        end += 1;
    }
    if end == pos + 1 || line.get(end) != Some(&']') {
        return None;
    }
    let inner: String = line[pos + 1..end].iter().collect();
    Some((inner, skip_ws(line, end + 1)))
}

/// Python's `float()` of a string of ASCII digits and dots.
fn py_float(s: &str) -> Option<f64> {
    let ok = {
        let mut parts = s.splitn(2, '.');
        let a = parts.next().unwrap_or("");
        match parts.next() {
            None => !a.is_empty(),
            Some(b) => !(b.contains('.') || (a.is_empty() && b.is_empty())),
        }
    };
    if ok {
        s.parse().ok()
    } else {
        None
    }
}

fn read_production(
    line: &[char],
    probabilistic: bool,
) -> std::result::Result<Vec<(Production, f64)>, LineError> {
    let (lhs, mut pos) = nonterminal(line, 0)?;
    // `\s* -> \s*`
    let p = skip_ws(line, pos);
    if line.get(p) != Some(&'-') || line.get(p + 1) != Some(&'>') {
        return Err(err(pos, "Expected an arrow"));
    }
    pos = skip_ws(line, p + 2);
    let mut probs = vec![0.0f64];
    let mut rhss: Vec<Vec<Symbol>> = vec![Vec::new()];
    while pos < line.len() {
        let c = line[pos];
        let prob = if probabilistic {
            probability(line, pos)
        } else {
            None
        };
        if let Some((inner, end)) = prob {
            let Some(v) = py_float(&inner) else {
                return Err(err(
                    pos,
                    format!("could not convert string to float: '{inner}'"),
                ));
            };
            if v > 1.0 {
                return Err(err(
                    pos,
                    format!("Production probability {v:.6}, should not be greater than 1.0"),
                ));
            }
            if let Some(last) = probs.last_mut() {
                *last = v;
            }
            pos = end;
        } else if c == '\'' || c == '"' {
            let Some(close) = line[pos + 1..].iter().position(|&d| d == c) else {
                return Err(err(pos, "Unterminated string"));
            };
            let term: String = line[pos + 1..pos + 1 + close].iter().collect();
            if let Some(r) = rhss.last_mut() {
                r.push(Symbol::T(term));
            }
            pos = skip_ws(line, pos + close + 2);
        } else if c == '|' {
            probs.push(0.0);
            rhss.push(Vec::new());
            pos = skip_ws(line, pos + 1);
        } else {
            let (nt, end) = nonterminal(line, pos)?;
            if let Some(r) = rhss.last_mut() {
                r.push(Symbol::N(nt));
            }
            pos = end;
        }
    }
    Ok(rhss
        .into_iter()
        .zip(probs)
        .map(|(rhs, p)| (Production::new(lhs.clone(), rhs), p))
        .collect())
}

/// Python's `str.strip()` / `rstrip()` on whitespace.
fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_whitespace)
}

/// `%directive args`: returns the new start symbol.
fn directive(line: &[char]) -> std::result::Result<Nonterminal, LineError> {
    // `line[1:].split(None, 1)`
    let rest = &line[1..];
    let a = skip_ws(rest, 0);
    let mut b = a;
    while b < rest.len() && !is_py_whitespace(rest[b]) {
        b += 1;
    }
    let c = skip_ws(rest, b);
    let got = usize::from(a < rest.len()) + usize::from(c < rest.len());
    if got < 2 {
        return Err(err(
            1 + c,
            format!("not enough values to unpack (expected 2, got {got})"),
        ));
    }
    let name: String = rest[a..b].iter().collect();
    if name != "start" {
        return Err(err(1 + a, "Bad directive"));
    }
    let args = &rest[c..];
    let (nt, pos) = nonterminal(args, 0).map_err(|e| err(1 + c + e.column, e.message))?;
    if pos != args.len() {
        return Err(err(1 + c + pos, "Bad argument to start directive"));
    }
    Ok(nt)
}

/// Reads a grammar text as NLTK's `read_grammar` does. `file` names the
/// source in errors.
pub(crate) fn read_grammar(
    text: &str,
    probabilistic: bool,
    file: &Path,
) -> Result<(Nonterminal, Vec<ReadProduction>)> {
    let mut start = None;
    let mut productions = Vec::new();
    let mut cont = String::new();
    for (linenum, raw) in text.split('\n').enumerate() {
        let line = format!("{cont}{}", py_strip(raw));
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(stripped) = line.strip_suffix('\\') {
            cont = format!("{} ", stripped.trim_end_matches(is_py_whitespace));
            continue;
        }
        cont.clear();
        let chars: Vec<char> = line.chars().collect();
        let result = if chars[0] == '%' {
            directive(&chars).map(|nt| start = Some(nt))
        } else {
            read_production(&chars, probabilistic).map(|ps| {
                productions.extend(ps.into_iter().map(|(production, prob)| ReadProduction {
                    production,
                    prob,
                    line: linenum + 1,
                }))
            })
        };
        if let Err(e) = result {
            return Err(Error::format(
                file,
                linenum + 1,
                format!(
                    "column {}: {} (Unable to parse line {}: {line})",
                    e.column + 1,
                    e.message,
                    linenum + 1
                ),
            ));
        }
    }
    let Some(first) = productions.first() else {
        return Err(Error::format(file, 0, "No productions found!"));
    };
    let start = start.unwrap_or_else(|| first.production.lhs().clone());
    Ok((start, productions))
}

/// Decodes grammar file bytes as `nltk.data.load` does: UTF-8, or Latin-1
/// when the bytes are not valid UTF-8.
pub(crate) fn decode_grammar_bytes(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_like_python() {
        assert_eq!(py_float("0.5"), Some(0.5));
        assert_eq!(py_float(".5"), Some(0.5));
        assert_eq!(py_float("1."), Some(1.0));
        assert_eq!(py_float("."), None);
        assert_eq!(py_float("1.2.3"), None);
    }
}
