//! NLTK's two printed forms: one-line `repr()` and the multi-line `str()`
//! drawing of a feature dictionary.

use std::fmt;

use smallvec::SmallVec;

use super::{FeatStruct, Name, Node, NodeId, Value};

/// Per-node marks of a printing (small structures: on the stack).
type Marks = SmallVec<[usize; 32]>;

thread_local! {
    /// The buffer `repr` prints into (kept from one call to the next).
    static REPR_BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Python's `repr()` of a base value.
pub(crate) fn base_repr(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Str(s) => py_str_repr(s),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::None => "None".into(),
        Value::Var(s) => s.to_string(),
        Value::Expr(e) => format!("<{e}>"),
        Value::Seq(k, items) => super::seq::seq_repr(*k, items),
        Value::Node(_) => String::new(),
    }
}

/// NLTK's sort order of feature names: the special features `*type*` and
/// `*slash*` (NLTK's `Feature` objects) before every plain name.
pub(crate) fn feature_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn rank(n: &str) -> u8 {
        // Both special names start with `*`: most names are ranked by
        // their first byte alone.
        if !n.starts_with('*') {
            return 2;
        }
        match n {
            super::TYPE => 0,
            super::SLASH => 1,
            _ => 2,
        }
    }
    rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
}

/// Python's `repr()` of a `str`.
pub(crate) fn py_str_repr(s: &str) -> String {
    crate::util::py_repr(s)
}

/// Which nodes are reached more than once (NLTK's `_find_reentrances`),
/// indexed by node id.
fn find_reentrances(fs: &FeatStruct) -> Marks {
    // 0: not reached, 1: reached once, 2: reached again.
    let mut seen: Marks = SmallVec::from_elem(0, fs.nodes.len());
    let mut stack: Marks = SmallVec::new();
    stack.push(fs.root);
    while let Some(id) = stack.pop() {
        let Some(state) = seen.get_mut(id) else {
            continue;
        };
        if *state > 0 {
            *state = 2;
            continue;
        }
        *state = 1;
        if let Some(node) = fs.nodes.get(id) {
            let start = stack.len();
            stack.extend(node.values().filter_map(|v| match v {
                Value::Node(c) => Some(*c),
                _ => None,
            }));
            stack[start..].reverse();
        }
    }
    seen
}

/// Whether dictionary items are already in NLTK's printing order.
fn is_sorted(items: &[(Name, Value)]) -> bool {
    items
        .windows(2)
        .all(|w| feature_order(&w[0].0, &w[1].0) != std::cmp::Ordering::Greater)
}

/// Writes the decimal digits of `i`.
fn push_int(out: &mut String, i: i64) {
    let mut digits = [0u8; 20];
    let mut n = i.unsigned_abs();
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        start -= 1;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push('-');
    }
    for &d in digits.get(start..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// Writes Python's `repr()` of a `str`: printable ASCII without quotes or
/// backslashes (the common case) is copied between single quotes as is.
fn push_str_repr(out: &mut String, s: &str) {
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'\\' && b != b'\'')
    {
        out.push('\'');
        out.push_str(s);
        out.push('\'');
    } else {
        out.push_str(&py_str_repr(s));
    }
}

/// Writes Python's `repr()` of a base value.
fn base_repr_into(v: &Value, out: &mut String) {
    match v {
        Value::Int(i) => push_int(out, *i),
        Value::Str(s) => push_str_repr(out, s),
        Value::Var(s) => out.push_str(s),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::None => out.push_str("None"),
        other => out.push_str(&base_repr(other)),
    }
}

struct Printer<'a> {
    fs: &'a FeatStruct,
    /// Per node: 1 reached once, 2 reached more than once, and from the
    /// moment a reentrant node is printed, its `(n)` tag plus 2.
    marks: Marks,
    next_id: usize,
}

impl<'a> Printer<'a> {
    fn new(fs: &'a FeatStruct) -> Printer<'a> {
        Printer {
            fs,
            // No reentrance: no marks (every node prints in place).
            marks: if fs.tree {
                SmallVec::new()
            } else {
                find_reentrances(fs)
            },
            next_id: 0,
        }
    }

    fn id_of(&self, id: NodeId) -> Option<usize> {
        self.marks
            .get(id)
            .copied()
            .filter(|&n| n > 2)
            .map(|n| n - 2)
    }

    fn assign_id(&mut self, id: NodeId) -> Option<usize> {
        match self.marks.get_mut(id) {
            Some(slot) if *slot >= 2 => {
                self.next_id += 1;
                *slot = self.next_id + 2;
                Some(self.next_id)
            }
            _ => None,
        }
    }

    fn repr(&mut self, id: NodeId) -> String {
        let mut out = String::new();
        self.repr_into(id, &mut out);
        out
    }

    /// Writes the one-line `repr()` of node `id` to `out`.
    fn repr_into(&mut self, id: NodeId, out: &mut String) {
        use std::fmt::Write;
        let fs = self.fs;
        if let Some(n) = self.assign_id(id) {
            let _ = write!(out, "({n})");
        }
        match fs.nodes.get(id) {
            Some(Node::Dict(items)) => {
                // Unsorted items (a unification's appended features) are
                // ordered in a list on the stack: no allocation per node.
                let sorted: Option<SmallVec<[&(Name, Value); 8]>> = if is_sorted(items) {
                    None
                } else {
                    let mut v: SmallVec<[&(Name, Value); 8]> = items.iter().collect();
                    v.sort_by(|a, b| feature_order(&a.0, &b.0));
                    Some(v)
                };
                // The `*type*` prefix sorts first, so it is known before
                // the bracket opens; the `*slash*` suffix is kept for the end.
                let mut prefix_set = false;
                let mut open = false;
                let mut first = true;
                let mut suffix = String::new();
                for k in 0..items.len() {
                    let item = match &sorted {
                        Some(v) => v.get(k).copied(),
                        None => items.get(k),
                    };
                    let Some((name, v)) = item else {
                        continue;
                    };
                    let name = name.as_str();
                    let mut seg = |out: &mut String, open: &mut bool| {
                        if !*open {
                            out.push('[');
                            *open = true;
                        }
                        if !first {
                            out.push_str(", ");
                        }
                        first = false;
                    };
                    if let Value::Node(c) = v {
                        if let Some(n) = self.id_of(*c) {
                            seg(out, &mut open);
                            let _ = write!(out, "{name}->({n})");
                            continue;
                        }
                    }
                    if name == super::TYPE && !prefix_set {
                        match v {
                            Value::Str(s) | Value::Var(s) => {
                                if !open {
                                    out.push_str(s);
                                }
                                prefix_set = !s.is_empty();
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if name == super::SLASH && suffix.is_empty() {
                        suffix = match v {
                            Value::Var(s) => format!("/{s}"),
                            // NLTK prints the slash value with a fresh `repr()`.
                            Value::Node(c) => format!("/{}", fs.extract(*c).repr()),
                            other => format!("/{}", base_repr(other)),
                        };
                        continue;
                    }
                    seg(out, &mut open);
                    match v {
                        Value::Node(c) => {
                            out.push_str(name);
                            out.push('=');
                            self.repr_into(*c, out);
                        }
                        Value::Bool(true) => {
                            out.push('+');
                            out.push_str(name);
                        }
                        Value::Bool(false) => {
                            out.push('-');
                            out.push_str(name);
                        }
                        other => {
                            out.push_str(name);
                            out.push('=');
                            base_repr_into(other, out);
                        }
                    }
                }
                if !open {
                    out.push('[');
                }
                out.push(']');
                out.push_str(&suffix);
            }
            Some(Node::List(items)) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match v {
                        Value::Node(c) => match self.id_of(*c) {
                            Some(n) => {
                                let _ = write!(out, "->({n})");
                            }
                            None => self.repr_into(*c, out),
                        },
                        Value::Expr(e) => {
                            let _ = write!(out, "{e}");
                        }
                        other => base_repr_into(other, out),
                    }
                }
                out.push(']');
            }
            None => out.push_str("[]"),
        }
    }

    fn lines(&mut self, id: NodeId) -> Vec<String> {
        let tag = self.assign_id(id);
        let items: Vec<(Name, Value)> = match self.fs.nodes.get(id) {
            Some(Node::Dict(items)) => {
                let mut items = items.to_vec();
                items.sort_by(|a, b| feature_order(&a.0, &b.0));
                items
            }
            _ => return vec![self.repr(id)],
        };
        if items.is_empty() {
            return vec![match tag {
                Some(n) => format!("({n}) []"),
                None => "[]".into(),
            }];
        }
        let width = items
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        let mut lines: Vec<String> = Vec::new();
        for (name, v) in &items {
            let pad = width - name.chars().count();
            let fname = format!("{name}{}", " ".repeat(pad));
            match v {
                Value::Node(c) if matches!(self.fs.nodes.get(*c), Some(Node::List(_))) => {
                    let r = self.repr(*c);
                    lines.push(format!("{fname} = {}", py_str_repr(&r)));
                }
                Value::Node(c) => {
                    if let Some(n) = self.id_of(*c) {
                        lines.push(format!("{fname} -> ({n})"));
                        continue;
                    }
                    if lines.last().is_some_and(|l| !l.is_empty()) {
                        lines.push(String::new());
                    }
                    let indent = " ".repeat(width + 3);
                    let mut sub: Vec<String> = self
                        .lines(*c)
                        .into_iter()
                        .map(|l| format!("{indent}{l}"))
                        .collect();
                    let nameline = (sub.len() - 1) / 2;
                    let tail: String = sub[nameline].chars().skip(width + 2).collect();
                    sub[nameline] = format!("{fname} ={tail}");
                    lines.extend(sub);
                    lines.push(String::new());
                }
                Value::Var(s) => lines.push(format!("{fname} = {s}")),
                other => lines.push(format!("{fname} = {}", base_repr(other))),
            }
        }
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let maxlen = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut lines: Vec<String> = lines
            .into_iter()
            .map(|l| {
                let pad = maxlen - l.chars().count();
                format!("[ {l}{} ]", " ".repeat(pad))
            })
            .collect();
        if let Some(n) = tag {
            let idstr = format!("({n}) ");
            let w = idstr.chars().count();
            lines = lines
                .into_iter()
                .map(|l| format!("{}{l}", " ".repeat(w)))
                .collect();
            let idline = (lines.len() - 1) / 2;
            let tail: String = lines[idline].chars().skip(w).collect();
            lines[idline] = format!("{idstr}{tail}");
        }
        lines
    }
}

impl FeatStruct {
    /// NLTK's one-line `repr()`: features sorted by name, shared
    /// structures tagged `(1)` on first mention and `->(1)` after.
    ///
    /// # Example
    /// ```
    /// use nlkit::featstruct::FeatStruct;
    /// let fs = FeatStruct::fromstring("[+b, a=None, c=[1, ?x]]").unwrap();
    /// assert_eq!(fs.repr(), "[a=None, +b, c=[1, ?x]]");
    /// ```
    pub fn repr(&self) -> String {
        // Printed into this thread's buffer, then copied into a string of
        // its exact size (callers often keep many of them).
        let kept = REPR_BUF
            .try_with(|b| {
                b.try_borrow_mut().ok().map(|mut buf| {
                    buf.clear();
                    Printer::new(self).repr_into(self.root, &mut buf);
                    let out = String::from(buf.as_str());
                    if buf.capacity() > 1 << 16 {
                        *buf = String::new();
                    }
                    out
                })
            })
            .ok()
            .flatten();
        kept.unwrap_or_else(|| {
            // The buffer is in use (a `repr` inside a `repr`).
            let mut out = String::with_capacity(16 + 32 * self.nodes.len());
            Printer::new(self).repr_into(self.root, &mut out);
            out
        })
    }
}

/// NLTK's `str()`: the bracket drawing for a feature dictionary, the
/// one-line `repr()` for a feature list.
///
/// # Example
/// ```
/// use nlkit::featstruct::FeatStruct;
/// let fs = FeatStruct::fromstring("[a=1, bb=[c=2]]").unwrap();
/// assert_eq!(fs.to_string(), "[ a  = 1         ]\n[                ]\n[ bb = [ c = 2 ] ]");
/// ```
impl fmt::Display for FeatStruct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut p = Printer::new(self);
        f.write_str(&p.lines(self.root).join("\n"))
    }
}
