//! The reader for NLTK's feature-structure string syntax
//! (`FeatStructReader.fromstring`), with NLTK's error messages.

use super::scan;
use super::seq::make_seq;
use super::{FeatStruct, Name, Node, NodeId, SeqKind, Value};
use crate::sem::logic::Expression;
use crate::{Error, Result};
use std::collections::{HashMap, HashSet};

/// The deepest nesting the reader accepts (NLTK's `FeatStructReader.MAX_DEPTH`).
pub const MAX_DEPTH: usize = 100;

fn depth_message() -> String {
    format!(
        "Feature structure nesting depth exceeds MAX_DEPTH ({MAX_DEPTH}); the input may be adversarially deep. Raise FeatStructReader.MAX_DEPTH to allow it."
    )
}

/// A parse failure: NLTK's (expected, byte position) pair, or a message.
enum Fail {
    At(String, usize),
    Msg(String),
}

fn at(expected: &str, pos: usize) -> Fail {
    Fail::At(expected.to_string(), pos)
}

struct Reader<'a> {
    s: &'a str,
    nodes: Vec<Node>,
    reentrances: HashMap<String, NodeId>,
    depth: usize,
}

pub(super) fn fromstring(s: &str) -> Result<FeatStruct> {
    let s = s.trim();
    let mut r = Reader {
        s,
        nodes: Vec::new(),
        reentrances: HashMap::new(),
        depth: 0,
    };
    let result = r.read_partial(0).and_then(|(root, pos)| {
        if pos != s.len() {
            Err(at("end of string", pos))
        } else {
            Ok(root)
        }
    });
    match result {
        Ok(root) => FeatStruct {
            nodes: super::compact(r.nodes),
            root,
            tree: false,
        }
        .check_depth(),
        Err(Fail::Msg(m)) => Err(Error::InvalidInput(m)),
        Err(Fail::At(expected, pos)) => Err(Error::InvalidInput(error_message(s, &expected, pos))),
    }
}

/// Reads one feature structure starting at byte `position` of `s` (NLTK's
/// `FeatStructReader.read_partial`, fresh reentrance ids): the structure
/// and the byte position after it (trailing whitespace consumed), or the
/// character column of the error and NLTK's message.
pub(crate) fn read_partial(
    s: &str,
    position: usize,
) -> std::result::Result<(FeatStruct, usize), (usize, String)> {
    let mut r = Reader {
        s,
        nodes: Vec::new(),
        reentrances: HashMap::new(),
        depth: 0,
    };
    let col = |byte: usize| s.get(..byte).map_or(0, |p| p.chars().count());
    match r.read_partial(position) {
        Ok((root, pos)) => {
            let fs = FeatStruct {
                nodes: super::compact(r.nodes),
                root,
                tree: false,
            }
            .check_depth()
            .map_err(|e| (col(position), e.to_string()))?;
            Ok((fs, pos))
        }
        Err(Fail::Msg(m)) => Err((col(position), m)),
        Err(Fail::At(expected, pos)) => Err((col(pos), error_message(s, &expected, pos))),
    }
}

/// NLTK's `_error` text: the line, a caret under the (character) position.
fn error_message(s: &str, expected: &str, byte_pos: usize) -> String {
    let mut position = s.get(..byte_pos).map_or(0, |p| p.chars().count());
    let mut lines: Vec<&str> = s.split('\n').collect();
    while lines.len() > 1 && position > lines[0].chars().count() {
        position -= lines[0].chars().count() + 1;
        lines.remove(0);
    }
    format!(
        "Error parsing feature structure\n    {}\n    {}^ Expected {expected}",
        lines.first().copied().unwrap_or(""),
        " ".repeat(position)
    )
}

impl<'a> Reader<'a> {
    fn rest(&self, pos: usize) -> &'a str {
        self.s.get(pos..).unwrap_or("")
    }

    fn read_partial(&mut self, position: usize) -> std::result::Result<(NodeId, usize), Fail> {
        let is_dict = scan::start_fdict(self.rest(position));
        let id = self.nodes.len();
        self.nodes.push(if is_dict {
            Node::Dict(super::DictItems::new())
        } else {
            Node::List(super::ListItems::new())
        });
        let rest = self.rest(position);
        let Some(caps) = scan::start_fstruct(rest).or_else(|| scan::bare_prefix(rest)) else {
            return Err(at("open bracket or identifier", position));
        };
        let end = position + caps.end;
        if let Some(ident) = caps.ident {
            let name = &rest[ident.clone()];
            if self.reentrances.contains_key(name) {
                return Err(at("new identifier", position + ident.start));
            }
            self.reentrances.insert(name.to_string(), id);
        }
        let prefix = caps.prefix.filter(|r| !r.is_empty()).map(|r| &rest[r]);
        let bracket = caps.bracket;
        if !is_dict {
            if prefix.is_some() || !bracket {
                return Err(Fail::Msg("open bracket".into()));
            }
            return self.read_list(id, end);
        }
        if let Some(p) = prefix {
            let name = p.trim();
            let value = if name.starts_with('?') {
                Value::Var(name.into())
            } else {
                Value::Str(name.into())
            };
            if let Some(Node::Dict(items)) = self.nodes.get_mut(id) {
                items.push((super::TYPE.into(), value));
            }
        }
        if !bracket {
            return self.finalize(id, end);
        }
        self.read_dict(id, end)
    }

    fn target(&self, mut position: usize) -> std::result::Result<(NodeId, usize), Fail> {
        let rest = self.rest(position);
        let Some((digits, end)) = scan::target(rest) else {
            return Err(at("identifier", position));
        };
        let Some(&id) = self.reentrances.get(&rest[digits]) else {
            return Err(at("bound identifier", position));
        };
        position += end;
        Ok((id, position))
    }

    /// After a value: a close bracket (left for the loop) or a comma.
    fn separator(&self, position: usize) -> std::result::Result<usize, Fail> {
        if scan::literal(self.rest(position), "]").is_some() {
            return Ok(position);
        }
        match scan::literal(self.rest(position), ",") {
            Some(e) => Ok(position + e),
            None => Err(at("comma", position)),
        }
    }

    fn read_list(
        &mut self,
        id: NodeId,
        mut position: usize,
    ) -> std::result::Result<(NodeId, usize), Fail> {
        while position < self.s.len() {
            if let Some(e) = scan::literal(self.rest(position), "]") {
                return Ok((id, position + e));
            }
            let value = if let Some(e) = scan::literal(self.rest(position), "->") {
                let (t, p) = self.target(position + e)?;
                position = p;
                Value::Node(t)
            } else {
                let (v, p) = self.read_value(position)?;
                position = p;
                v
            };
            if let Some(Node::List(items)) = self.nodes.get_mut(id) {
                items.push(value);
            }
            position = self.separator(position)?;
        }
        Err(at("close bracket", position))
    }

    fn read_dict(
        &mut self,
        id: NodeId,
        mut position: usize,
    ) -> std::result::Result<(NodeId, usize), Fail> {
        let mut names: HashSet<Name> = HashSet::new();
        while position < self.s.len() {
            if let Some(e) = scan::literal(self.rest(position), "]") {
                return self.finalize(id, position + e);
            }
            let rest = self.rest(position);
            let Some(c) = scan::feature_name(rest) else {
                return Err(at("feature name", position));
            };
            let sign = c.sign;
            let name: Name = rest[c.name.clone()].into();
            let name_start = position + c.name.start;
            position += c.end;
            let name = if name.starts_with('*') && name.ends_with('*') {
                match name.get(1..name.len().saturating_sub(1)) {
                    Some("type") if name.len() >= 2 => Name::from(super::TYPE),
                    Some("slash") if name.len() >= 2 => Name::from(super::SLASH),
                    _ => return Err(at("known special feature", name_start)),
                }
            } else {
                name
            };
            let type_taken = name == super::TYPE
                && matches!(self.nodes.get(id), Some(Node::Dict(items)) if items.iter().any(|(k, _)| k == super::TYPE));
            if type_taken || !names.insert(name.clone()) {
                return Err(at("new name", name_start));
            }
            let value = match sign {
                "+" => Value::Bool(true),
                "-" => Value::Bool(false),
                _ => {
                    if let Some(e) = scan::literal(self.rest(position), "->") {
                        let (t, p) = self.target(position + e)?;
                        position = p;
                        Value::Node(t)
                    } else if let Some(e) = scan::literal(self.rest(position), "=") {
                        let (v, p) = if name == super::SLASH {
                            let (n, p) = self.read_partial(position + e)?;
                            (Value::Node(n), p)
                        } else {
                            self.read_value(position + e)?
                        };
                        position = p;
                        v
                    } else {
                        return Err(at("equals sign", position));
                    }
                }
            };
            if let Some(Node::Dict(items)) = self.nodes.get_mut(id) {
                items.push((name, value));
            }
            position = self.separator(position)?;
        }
        Err(at("close bracket", position))
    }

    /// After the close bracket (or a bare prefix): an optional `/` and
    /// the slash feature's value (NLTK's `_finalize`).
    fn finalize(&mut self, id: NodeId, pos: usize) -> std::result::Result<(NodeId, usize), Fail> {
        if !self.rest(pos).starts_with('/') {
            return Ok((id, pos));
        }
        self.depth += 1;
        let r = if self.depth > MAX_DEPTH {
            Err(Fail::Msg(depth_message()))
        } else {
            self.read_partial(pos + 1)
        };
        self.depth -= 1;
        let (n, p) = r?;
        if let Some(Node::Dict(items)) = self.nodes.get_mut(id) {
            match items.iter_mut().find(|(k, _)| k == super::SLASH) {
                Some(slot) => slot.1 = Value::Node(n),
                None => items.push((super::SLASH.into(), Value::Node(n))),
            }
        }
        Ok((id, p))
    }

    fn read_value(&mut self, position: usize) -> std::result::Result<(Value, usize), Fail> {
        self.depth += 1;
        let r = if self.depth > MAX_DEPTH {
            Err(Fail::Msg(depth_message()))
        } else {
            self.read_value_inner(position)
        };
        self.depth -= 1;
        r
    }

    fn read_value_inner(&mut self, position: usize) -> std::result::Result<(Value, usize), Fail> {
        let rest = self.rest(position);
        if scan::start_fstruct(rest).is_some() {
            let (id, p) = self.read_partial(position)?;
            return Ok((Value::Node(id), p));
        }
        if let Some(e) = scan::var(rest) {
            return Ok((Value::Var(rest[..e].into()), position + e));
        }
        if let Some((len, quote)) = scan::str_start(rest) {
            let prefix = &rest[..len];
            let raw = prefix.contains(['r', 'R']);
            let body_start = position + len;
            return read_str(self.s, body_start, quote, raw)
                .map(|(v, p)| (Value::Str(v.into()), p))
                .ok_or_else(|| at("close quote", body_start));
        }
        if let Some(e) = scan::int(rest) {
            let digits = &rest[..e];
            return match digits.parse::<i64>() {
                Ok(i) => Ok((Value::Int(i), position + e)),
                Err(_) => Err(Fail::Msg(format!("integer value {digits} is out of range"))),
            };
        }
        if let Some(e) = scan::sym(rest) {
            let v = match &rest[..e] {
                "None" => Value::None,
                "True" => Value::Bool(true),
                "False" => Value::Bool(false),
                s => Value::Str(s.into()),
            };
            return Ok((v, position + e));
        }
        if let Some((a, b, e)) = scan::app(rest) {
            let text = format!("{a}({b})");
            let end = position + e;
            return Expression::fromstring(&text)
                .map(|e| (Value::Expr(e), end))
                .map_err(|_| at("logic expression", position + 1));
        }
        if rest.starts_with('<') {
            // `<(.*?)(?<!-)>`: up to the first `>` not preceded by `-`.
            let bytes = rest.as_bytes();
            let close = (1..bytes.len()).find(|&i| bytes[i] == b'>' && bytes[i - 1] != b'-');
            if let Some(close) = close {
                let inner = &rest[1..close];
                return Expression::fromstring(inner)
                    .map(|e| (Value::Expr(e), position + close + 1))
                    .map_err(|_| at("logic expression", position + 1));
            }
        }
        if rest.starts_with('{') {
            return self.read_seq(position + 1, '}', SeqKind::Set, SeqKind::Union);
        }
        if rest.starts_with('(') {
            return self.read_seq(position + 1, ')', SeqKind::Tuple, SeqKind::Concat);
        }
        Err(at("value", position))
    }

    /// NLTK's `_read_seq_value`, after the open paren.
    fn read_seq(
        &mut self,
        mut position: usize,
        close: char,
        kind: SeqKind,
        plus_kind: SeqKind,
    ) -> std::result::Result<(Value, usize), Fail> {
        let skip = |s: &str, mut p: usize| {
            while let Some(c) = s.get(p..).and_then(|r| r.chars().next()) {
                if !c.is_whitespace() {
                    break;
                }
                p += c.len_utf8();
            }
            p
        };
        // The empty sequence: `()`, `(/)`, `{/}`.
        let mut p = skip(self.s, position);
        if self.rest(p).starts_with('/') {
            p = skip(self.s, p + 1);
        }
        if self.rest(p).starts_with(close) {
            return Ok((make_seq(kind, Vec::new()), p + 1));
        }
        let mut values = Vec::new();
        let mut seen_plus = false;
        loop {
            let p = skip(self.s, position);
            if self.rest(p).starts_with(close) {
                let k = if seen_plus { plus_kind } else { kind };
                return Ok((make_seq(k, values), p + 1));
            }
            let (v, p) = self.read_value(position)?;
            if matches!(v, Value::Node(_)) {
                return Err(Fail::Msg(
                    "feature structures inside tuple or set values are not supported".into(),
                ));
            }
            values.push(v);
            let q = skip(self.s, p);
            let rest = self.rest(q);
            if rest.starts_with(',') || rest.starts_with('+') {
                seen_plus |= rest.starts_with('+');
                position = skip(self.s, q + 1);
            } else if rest.starts_with(close) {
                position = q;
            } else {
                // NLTK's message shows the `re.escape`d paren.
                return Err(at(&format!("',' or '+' or '\\{close}'"), p));
            }
        }
    }
}

/// Reads a Python string literal body starting after its opening quote;
/// returns the value and the position after the closing quote.
fn read_str(s: &str, start: usize, quote: &str, raw: bool) -> Option<(String, usize)> {
    let q = quote.chars().next()?;
    let triple: String = [q, q, q].iter().collect();
    let long = s.get(start..)?.starts_with(&triple[..2]);
    let start = if long { start + 2 } else { start };
    let body = s.get(start..)?;
    let mut out = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if ch == q && (!long || body[i..].starts_with(&triple)) {
            let len = if long { 3 } else { 1 };
            return Some((out, start + i + len));
        }
        if ch == '\n' && !long {
            return None;
        }
        if ch == '\\' {
            let (_, e) = chars.next()?;
            if raw {
                out.push('\\');
                out.push(e);
                continue;
            }
            match e {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '\\' | '\'' | '"' => out.push(e),
                'a' => out.push('\x07'),
                'b' => out.push('\x08'),
                'f' => out.push('\x0c'),
                'v' => out.push('\x0b'),
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut hex = String::new();
                    for _ in 0..n {
                        hex.push(chars.next()?.1);
                    }
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                '\n' => {}
                _ => {
                    out.push('\\');
                    out.push(e);
                }
            }
        } else {
            out.push(ch);
        }
    }
    None
}
