//! Reading NLTK's bracketed notation (`Tree.fromstring` and its options),
//! with an explicit stack (no recursion, whatever the nesting).

use super::{Child, Tree, MAX_TREE_DEPTH};
use crate::tokenize::is_py_whitespace;
use crate::{Error, Result};

/// The options of NLTK's `Tree.fromstring` (brackets, node and leaf
/// patterns, `remove_empty_top_bracketing`) plus a nesting limit.
///
/// The default limit is NLTK's [`MAX_TREE_DEPTH`] with NLTK's error; pass
/// `max_depth(None)` to read any depth (every [`Tree`] operation is
/// iterative, so deep trees are safe).
///
/// # Example
/// ```
/// use nlkit::tree::ReadOptions;
/// let t = ReadOptions::new().brackets("[]").read("[S [NP I] [VP ran]]").unwrap();
/// assert_eq!(t.to_string(), "(S (NP I) (VP ran))");
/// let deep = "(a ".repeat(100_000) + &")".repeat(100_000);
/// assert!(ReadOptions::new().read(&deep).is_err());
/// assert_eq!(ReadOptions::new().max_depth(None).read(&deep).unwrap().height(), 100_000);
/// ```
#[derive(Debug, Clone)]
pub struct ReadOptions {
    brackets: String,
    node_pattern: Option<String>,
    leaf_pattern: Option<String>,
    remove_empty_top: bool,
    max_depth: Option<usize>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            brackets: "()".into(),
            node_pattern: None,
            leaf_pattern: None,
            remove_empty_top: false,
            max_depth: Some(MAX_TREE_DEPTH),
        }
    }
}

enum Tok<'a> {
    Open(&'a str),
    Close,
    Leaf(&'a str),
}

impl ReadOptions {
    /// NLTK's defaults: `()` brackets, tokens are runs of non-space,
    /// non-bracket characters, depth capped at [`MAX_TREE_DEPTH`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The two bracket characters (NLTK's `brackets`, e.g. `"[]"`).
    pub fn brackets(mut self, brackets: &str) -> Self {
        self.brackets = brackets.into();
        self
    }

    /// Regular expression a node label must match (NLTK's `node_pattern`).
    pub fn node_pattern(mut self, pattern: &str) -> Self {
        self.node_pattern = Some(pattern.into());
        self
    }

    /// Regular expression a leaf must match (NLTK's `leaf_pattern`).
    pub fn leaf_pattern(mut self, pattern: &str) -> Self {
        self.leaf_pattern = Some(pattern.into());
        self
    }

    /// NLTK's `remove_empty_top_bracketing`: a top node with an empty label
    /// and one child is replaced by that child.
    pub fn remove_empty_top_bracketing(mut self, yes: bool) -> Self {
        self.remove_empty_top = yes;
        self
    }

    /// Nesting limit (`None`: no limit). NLTK counts the virtual root, so
    /// the default 500 admits 499 nested brackets.
    pub fn max_depth(mut self, depth: Option<usize>) -> Self {
        self.max_depth = depth;
        self
    }

    fn bracket_chars(&self) -> Result<(char, char)> {
        let mut it = self.brackets.chars();
        match (it.next(), it.next(), it.next()) {
            (Some(o), Some(c), None) => {
                if is_py_whitespace(o) || is_py_whitespace(c) {
                    Err(Error::InvalidInput(
                        "whitespace brackets not allowed".into(),
                    ))
                } else {
                    Ok((o, c))
                }
            }
            _ => Err(Error::InvalidInput(
                "brackets must be a length-2 string".into(),
            )),
        }
    }

    /// Reads one tree from `s`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] with NLTK's message for unbalanced brackets,
    /// text outside the tree, several trees, an empty string, nesting past
    /// the limit, or bad brackets; [`Error::Regex`] for a bad pattern.
    pub fn read(&self, s: &str) -> Result<Tree> {
        let (open, close) = self.bracket_chars()?;
        if self.node_pattern.is_none() && self.leaf_pattern.is_none() {
            let mut i = 0;
            let toks = std::iter::from_fn(|| scan(s, &mut i, open, close));
            return self.build(s, open, close, toks);
        }
        let tc = token_char(open, close);
        let node = self
            .node_pattern
            .clone()
            .unwrap_or_else(|| format!("{tc}+"));
        let leaf = self
            .leaf_pattern
            .clone()
            .unwrap_or_else(|| format!("{tc}+"));
        let (o, c) = (
            regex::escape(&open.to_string()),
            regex::escape(&close.to_string()),
        );
        let pattern = format!(r"{o}\s*(?:{node})?|{c}|(?:{leaf})");
        let re = regex::Regex::new(&pattern).map_err(|e| Error::Regex {
            pattern: pattern.clone(),
            message: e.to_string(),
        })?;
        let toks = re.find_iter(s).filter_map(|m| {
            let t = m.as_str();
            let first = t.chars().next()?;
            Some((
                m.start(),
                t,
                if first == open {
                    Tok::Open(t[first.len_utf8()..].trim_start_matches(is_py_whitespace))
                } else if t == close.to_string() {
                    Tok::Close
                } else {
                    Tok::Leaf(t)
                },
            ))
        });
        self.build(s, open, close, toks)
    }

    fn build<'a>(
        &self,
        s: &'a str,
        open: char,
        close: char,
        toks: impl Iterator<Item = (usize, &'a str, Tok<'a>)>,
    ) -> Result<Tree> {
        // Stack of (label, children); the bottom entry is the virtual root.
        let mut stack: Vec<(String, Vec<Child>)> = vec![(String::new(), Vec::new())];
        let limit = self.max_depth.unwrap_or(usize::MAX);
        for (start, text, tok) in toks {
            match tok {
                Tok::Open(label) => {
                    if stack.len() == 1 && !stack[0].1.is_empty() {
                        return Err(parse_error(s, Some((start, text)), "end-of-string"));
                    }
                    stack.push((label.to_string(), Vec::new()));
                    if stack.len() > limit {
                        return Err(Error::InvalidInput(format!(
                            "Tree nesting depth exceeds MAX_TREE_DEPTH ({limit}); the input may be adversarially deep. Raise the limit (ReadOptions::max_depth) to allow it."
                        )));
                    }
                }
                Tok::Close => {
                    if stack.len() == 1 {
                        let expecting = if stack[0].1.is_empty() {
                            open.to_string()
                        } else {
                            "end-of-string".to_string()
                        };
                        return Err(parse_error(s, Some((start, text)), &expecting));
                    }
                    if let Some((label, children)) = stack.pop() {
                        if let Some(top) = stack.last_mut() {
                            top.1.push(Child::Tree(Tree::new(label, children)));
                        }
                    }
                }
                Tok::Leaf(w) => {
                    if stack.len() == 1 {
                        return Err(parse_error(s, Some((start, text)), &open.to_string()));
                    }
                    if let Some(top) = stack.last_mut() {
                        top.1.push(Child::Leaf(w.to_string()));
                    }
                }
            }
        }
        if stack.len() > 1 {
            return Err(parse_error(s, None, &close.to_string()));
        }
        let (_, mut roots) = stack.pop().unwrap_or_default();
        let tree = match roots.pop() {
            Some(Child::Tree(t)) => t,
            _ => return Err(parse_error(s, None, &open.to_string())),
        };
        if self.remove_empty_top && tree.label.is_empty() && tree.children.len() == 1 {
            let (label, mut children) = tree.into_parts();
            return Ok(match children.pop() {
                Some(Child::Tree(t)) => t,
                other => Tree::new(label, other.into_iter().collect()),
            });
        }
        Ok(tree)
    }
}

/// NLTK's default token character pattern for the given brackets.
fn token_char(open: char, close: char) -> String {
    let (o, c) = (
        regex::escape(&open.to_string()),
        regex::escape(&close.to_string()),
    );
    format!(r"(?:\\[{o}{c}]|[^\s{o}{c}])")
}

/// Next token of the default grammar, advancing `*i` (a byte offset).
fn scan<'a>(
    s: &'a str,
    i: &mut usize,
    open: char,
    close: char,
) -> Option<(usize, &'a str, Tok<'a>)> {
    let rest = s.get(*i..)?;
    let skip = rest.len() - rest.trim_start_matches(is_py_whitespace).len();
    *i += skip;
    let start = *i;
    let c = s[start..].chars().next()?;
    if c == open {
        // `open \s* label?`
        let after = start + c.len_utf8();
        let j = after + (s[after..].len() - s[after..].trim_start_matches(is_py_whitespace).len());
        let end = scan_token(s, j, open, close);
        *i = end;
        Some((start, &s[start..end], Tok::Open(&s[j..end])))
    } else if c == close {
        *i = start + c.len_utf8();
        Some((start, &s[start..*i], Tok::Close))
    } else {
        // `c` is a token character, so the run is non-empty.
        let end = scan_token(s, start, open, close).max(start + c.len_utf8());
        *i = end;
        Some((start, &s[start..end], Tok::Leaf(&s[start..end])))
    }
}

/// End (byte offset) of a run of token characters starting at `i`: NLTK's
/// `(?:\\[()]|[^\s()])+` for the given brackets.
fn scan_token(s: &str, mut i: usize, open: char, close: char) -> usize {
    let mut it = s[i..].chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(&n) = it.peek() {
                if n == open || n == close {
                    it.next();
                    i += 1 + n.len_utf8();
                    continue;
                }
            }
        }
        if c == open || c == close || is_py_whitespace(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// NLTK's `Tree._parse_error` message; `at` is the offending token (byte
/// offset and text), `None` for the end of the string.
fn parse_error(s: &str, at: Option<(usize, &str)>, expecting: &str) -> Error {
    let (pos, token) = match at {
        Some((b, t)) => (s[..b].chars().count(), t),
        None => (s.chars().count(), "end-of-string"),
    };
    let mut msg = format!(
        "Tree.read(): expected {} but got {}\n{}at index {pos}.",
        py_repr(expecting),
        py_repr(token),
        " ".repeat(12)
    );
    let flat: Vec<char> = s
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let mut offset = pos;
    let mut shown: String = if flat.len() > pos + 10 {
        flat[..pos + 10].iter().collect::<String>() + "..."
    } else {
        flat.iter().collect()
    };
    if pos > 10 {
        let tail: String = shown.chars().skip(pos - 10).collect();
        shown = format!("...{tail}");
        offset = 13;
    }
    msg.push_str(&format!(
        "\n{}\"{shown}\"\n{}^",
        " ".repeat(16),
        " ".repeat(17 + offset)
    ));
    Error::InvalidInput(msg)
}

/// Python's `repr` of a short string (single quotes unless it holds one).
fn py_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{}\"", s.replace('\\', "\\\\"))
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}
