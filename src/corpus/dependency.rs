//! NLTK's `DependencyCorpusReader` (the `dependency_treebank` corpus: the
//! Penn Treebank sample converted to Malt-TAB `word<TAB>tag<TAB>head`).
//!
//! Sentences are blank-line separated blocks (a leading
//! `-DOCSTART- -DOCSTART- O` line is skipped). `words`/`tagged_words`/`sents`
//! split each line on tabs and take `(word, tag)` from fields 1-2 for 3- or
//! 4-field lines and from fields 2 and 5 for 10-field (CoNLL-X) lines, as NLTK
//! does. `parsed_sents` builds NLTK's `DependencyGraph` and returns its
//! `tree()` (a tree of words, dependents in address order).
//!
//! Differences: where NLTK raises a bare `IndexError`/`ValueError`/
//! `AssertionError` on a malformed line (too few fields, a non-numeric head,
//! a head pointing at no word, a cycle), nlkit gives an [`Error::Format`]
//! naming the file and the line.

use super::{is_blank, splitlines_keepends, CorpusRoot, Items};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

const DOCSTART: &str = "-DOCSTART- -DOCSTART- O\n";
/// NLTK's `MAX_DEPTH` guard for `DependencyGraph._tree`.
const MAX_DEPTH: usize = 1000;

/// A dependency treebank (NLTK's `DependencyCorpusReader`).
#[derive(Debug)]
pub struct DependencyCorpusReader {
    root: CorpusRoot,
}

/// One sentence block: its stripped text and the 1-based line of its first line.
struct Block {
    line: usize,
    text: String,
}

fn py_strip(s: &str) -> &str {
    s.trim_matches(crate::tokenize::is_py_whitespace)
}

/// NLTK's `read_blankline_block` over a file, with each block's first line.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (i, line) in splitlines_keepends(text).into_iter().enumerate() {
        if is_blank(line) {
            if !cur.is_empty() {
                out.push(Block {
                    line: start,
                    text: std::mem::take(&mut cur),
                });
            }
        } else {
            if cur.is_empty() {
                start = i + 1;
            }
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(Block {
            line: start,
            text: cur,
        });
    }
    for b in &mut out {
        let mut s = py_strip(&b.text);
        if let Some(rest) = s.strip_prefix(DOCSTART) {
            s = rest.trim_start_matches(crate::tokenize::is_py_whitespace);
            b.line += 1;
        }
        b.text = s.to_string();
    }
    out
}

/// A parse error at `line` of file `name`.
fn bad(name: &str, line: usize, msg: impl Into<String>) -> Error {
    Error::format(name, line, msg)
}

/// `(word, tag)` pairs of one block (NLTK's `DependencyCorpusView.read_block`
/// without dependencies).
fn tagged_block(name: &str, b: &Block) -> Result<Vec<(String, String)>> {
    let lines: Vec<Vec<&str>> = b
        .text
        .split('\n')
        .map(|l| l.split('\t').collect())
        .collect();
    let n = lines.first().map_or(0, Vec::len);
    let (wi, ti) = match n {
        3 | 4 => (0, 1),
        10 => (1, 4),
        _ => {
            return Err(bad(
                name,
                b.line,
                format!("unexpected number of tab-separated fields ({n}) in dependency tree file"),
            ))
        }
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, cells)| match (cells.get(wi), cells.get(ti)) {
            (Some(w), Some(t)) => Ok((w.to_string(), t.to_string())),
            _ => Err(bad(
                name,
                b.line + i,
                format!("{} tab-separated fields, expected {n}", cells.len()),
            )),
        })
        .collect()
}

/// One node of a dependency graph.
#[derive(Debug, Default, Clone)]
struct Node {
    word: Option<String>,
    deps: Vec<usize>,
}

/// NLTK's `DependencyGraph(block).tree()`.
fn graph_tree(name: &str, b: &Block) -> Result<Tree> {
    let mut nodes: Vec<Node> = vec![Node::default()];
    let mut root_deps: Vec<usize> = Vec::new();
    let mut cell_number = None;
    let mut index = 0usize;
    for (i, raw) in b.text.split('\n').enumerate() {
        let line_no = b.line + i;
        let line = raw.trim_end_matches(crate::tokenize::is_py_whitespace);
        if line.is_empty() {
            continue;
        }
        index += 1;
        let cells: Vec<&str> = super::py_split(line).collect();
        match cell_number {
            None => cell_number = Some(cells.len()),
            Some(n) if n != cells.len() => {
                return Err(bad(
                    name,
                    line_no,
                    format!("{} fields, expected {n} as on the first line", cells.len()),
                ))
            }
            Some(_) => {}
        }
        let (addr, word, head, rel) = match cells.as_slice() {
            [w, _, h] => (index, *w, *h, ""),
            [w, _, h, r] => (index, *w, *h, *r),
            [a, w, _, _, _, h, r] | [a, w, _, _, _, _, h, r, _, _] => {
                (a.parse().unwrap_or(index), *w, *h, *r)
            }
            _ => {
                return Err(bad(
                    name,
                    line_no,
                    format!(
                        "number of fields ({}) not supported by CoNLL(10) or Malt-Tab(4) format",
                        cells.len()
                    ),
                ))
            }
        };
        if head == "_" {
            continue;
        }
        let head: usize = head
            .parse()
            .map_err(|_| bad(name, line_no, format!("head `{head}` is not a number")))?;
        let need = addr.max(head) + 1;
        if nodes.len() < need {
            if need > 1_000_000 {
                return Err(bad(name, line_no, format!("address {need} is too large")));
            }
            nodes.resize(need, Node::default());
        }
        nodes[addr].word = Some(word.to_string());
        let rel = if cell_number == Some(3) && head == 0 {
            "ROOT"
        } else {
            rel
        };
        if head == 0 && rel == "ROOT" {
            root_deps.push(addr);
        }
        nodes[head].deps.push(addr);
    }
    let root = *root_deps.first().ok_or_else(|| {
        bad(
            name,
            b.line,
            "the graph has no node that depends on the root",
        )
    })?;
    fn build(nodes: &[Node], i: usize, depth: usize, name: &str, line: usize) -> Result<Child> {
        if depth > MAX_DEPTH {
            return Err(bad(name, line, "dependency graph too deep (a cycle?)"));
        }
        let node = nodes.get(i).cloned().unwrap_or_default();
        let word = node
            .word
            .ok_or_else(|| bad(name, line, format!("head {i} is not the address of a word")))?;
        let mut deps = node.deps;
        deps.sort_unstable();
        if deps.is_empty() && depth > 0 {
            return Ok(Child::Leaf(word));
        }
        let kids = deps
            .into_iter()
            .map(|d| build(nodes, d, depth + 1, name, line))
            .collect::<Result<Vec<_>>>()?;
        Ok(Child::Tree(Tree::new(word, kids)))
    }
    match build(&nodes, root, 0, name, b.line)? {
        Child::Tree(t) => Ok(t),
        Child::Leaf(w) => Ok(Tree::new(w, Vec::new())),
    }
}

impl DependencyCorpusReader {
    /// A reader over `root`.
    pub fn new(root: CorpusRoot) -> Self {
        DependencyCorpusReader { root }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids.
    pub fn fileids(&self) -> &[String] {
        self.root.fileids()
    }

    /// Parses one file's text into tagged sentences; `name` is used in errors.
    ///
    /// # Errors
    /// [`Error::Format`] with the file and line of a malformed line.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::DependencyCorpusReader;
    /// let s = DependencyCorpusReader::parse_tagged("f", "Hi\tUH\t0\n\nBye\tUH\t0\n").unwrap();
    /// assert_eq!(s[1], [("Bye".to_string(), "UH".to_string())]);
    /// assert!(DependencyCorpusReader::parse_tagged("f", "a b\n").is_err());
    /// ```
    pub fn parse_tagged(name: &str, text: &str) -> Result<Vec<Vec<(String, String)>>> {
        blocks(text).iter().map(|b| tagged_block(name, b)).collect()
    }

    /// Parses one file's text into dependency trees (NLTK's
    /// `DependencyGraph(...).tree()` for each sentence).
    ///
    /// # Errors
    /// [`Error::Format`] with the file and line of a malformed sentence.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::DependencyCorpusReader;
    /// let t = DependencyCorpusReader::parse_trees("f", "John\tNNP\t2\nsleeps\tVBZ\t0\n").unwrap();
    /// assert_eq!(t[0].to_string(), "(sleeps John)");
    /// ```
    pub fn parse_trees(name: &str, text: &str) -> Result<Vec<Tree>> {
        blocks(text).iter().map(|b| graph_tree(name, b)).collect()
    }

    /// Tagged sentences.
    pub fn tagged_sents<'a>(
        &'a self,
        fileids: Option<&[String]>,
    ) -> Items<'a, Vec<(String, String)>> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Self::parse_tagged(&root.display_name(f), &text)
        })
    }

    /// Tagged words.
    pub fn tagged_words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, (String, String)> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Ok(Self::parse_tagged(&root.display_name(f), &text)?
                .into_iter()
                .flatten()
                .collect())
        })
    }

    /// Sentences (words only).
    pub fn sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Vec<String>> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Ok(Self::parse_tagged(&root.display_name(f), &text)?
                .into_iter()
                .map(|s| s.into_iter().map(|(w, _)| w).collect())
                .collect())
        })
    }

    /// Words.
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Ok(Self::parse_tagged(&root.display_name(f), &text)?
                .into_iter()
                .flatten()
                .map(|(w, _)| w)
                .collect())
        })
    }

    /// Dependency trees (NLTK's `[g.tree() for g in parsed_sents()]`).
    pub fn parsed_sents<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, Tree> {
        let root = &self.root;
        root.items(fileids, move |f, text| {
            Self::parse_trees(&root.display_name(f), &text)
        })
    }
}
