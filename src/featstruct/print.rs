//! NLTK's two printed forms: one-line `repr()` and the multi-line `str()`
//! drawing of a feature dictionary.

use std::collections::HashMap;
use std::fmt;

use super::{FeatStruct, Node, NodeId, Value};

/// Python's `repr()` of a base value.
pub(crate) fn base_repr(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Str(s) => py_str_repr(s),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::None => "None".into(),
        Value::Var(s) => s.clone(),
        Value::Expr(e) => format!("<{e}>"),
        Value::Seq(k, items) => super::seq::seq_repr(*k, items),
        Value::Node(_) => String::new(),
    }
}

/// NLTK's sort order of feature names: the special features `*type*` and
/// `*slash*` (NLTK's `Feature` objects) before every plain name.
pub(crate) fn feature_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn rank(n: &str) -> u8 {
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

/// Which nodes are reached more than once (NLTK's `_find_reentrances`).
fn find_reentrances(fs: &FeatStruct) -> HashMap<NodeId, bool> {
    let mut seen: HashMap<NodeId, bool> = HashMap::new();
    let mut stack = vec![fs.root];
    while let Some(id) = stack.pop() {
        if let Some(r) = seen.get_mut(&id) {
            *r = true;
            continue;
        }
        seen.insert(id, false);
        if let Some(node) = fs.nodes.get(id) {
            let kids: Vec<NodeId> = node
                .values()
                .filter_map(|v| match v {
                    Value::Node(c) => Some(*c),
                    _ => None,
                })
                .collect();
            stack.extend(kids.into_iter().rev());
        }
    }
    seen
}

struct Printer<'a> {
    fs: &'a FeatStruct,
    reentrant: HashMap<NodeId, bool>,
    ids: HashMap<NodeId, usize>,
}

impl Printer<'_> {
    fn is_reentrant(&self, id: NodeId) -> bool {
        self.reentrant.get(&id).copied().unwrap_or(false)
    }

    fn assign_id(&mut self, id: NodeId) -> Option<usize> {
        if self.is_reentrant(id) {
            let n = self.ids.len() + 1;
            self.ids.insert(id, n);
            Some(n)
        } else {
            None
        }
    }

    fn repr(&mut self, id: NodeId) -> String {
        let tag = self.assign_id(id);
        let mut prefix = String::new();
        let mut suffix = String::new();
        let segments: Vec<String> = match self.fs.nodes.get(id) {
            Some(Node::Dict(items)) => {
                let mut items: Vec<&(String, Value)> = items.iter().collect();
                items.sort_by(|a, b| feature_order(&a.0, &b.0));
                let mut segments = Vec::new();
                for (name, v) in items {
                    if let Value::Node(c) = v {
                        if let Some(n) = self.ids.get(c) {
                            segments.push(format!("{name}->({n})"));
                            continue;
                        }
                    }
                    if name == super::TYPE && prefix.is_empty() {
                        match v {
                            Value::Str(s) | Value::Var(s) => {
                                prefix = s.clone();
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if name == super::SLASH && suffix.is_empty() {
                        suffix = match v {
                            Value::Var(s) => format!("/{s}"),
                            // NLTK prints the slash value with a fresh `repr()`.
                            Value::Node(c) => format!("/{}", self.fs.extract(*c).repr()),
                            other => format!("/{}", base_repr(other)),
                        };
                        continue;
                    }
                    segments.push(match v {
                        Value::Node(c) => format!("{name}={}", self.repr(*c)),
                        Value::Bool(true) => format!("+{name}"),
                        Value::Bool(false) => format!("-{name}"),
                        other => format!("{name}={}", base_repr(other)),
                    });
                }
                segments
            }
            Some(Node::List(items)) => items
                .iter()
                .map(|v| match v {
                    Value::Node(c) => match self.ids.get(c) {
                        Some(n) => format!("->({n})"),
                        None => self.repr(*c),
                    },
                    Value::Expr(e) => e.to_string(),
                    other => base_repr(other),
                })
                .collect(),
            None => Vec::new(),
        };
        if let Some(n) = tag {
            prefix = format!("({n}){prefix}");
        }
        format!("{prefix}[{}]{suffix}", segments.join(", "))
    }

    fn lines(&mut self, id: NodeId) -> Vec<String> {
        let tag = self.assign_id(id);
        let items: Vec<(String, Value)> = match self.fs.nodes.get(id) {
            Some(Node::Dict(items)) => {
                let mut items = items.clone();
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
                    if let Some(n) = self.ids.get(c) {
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
        let mut p = Printer {
            fs: self,
            reentrant: find_reentrances(self),
            ids: HashMap::new(),
        };
        p.repr(self.root)
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
        let mut p = Printer {
            fs: self,
            reentrant: find_reentrances(self),
            ids: HashMap::new(),
        };
        f.write_str(&p.lines(self.root).join("\n"))
    }
}
