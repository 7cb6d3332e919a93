//! Splitting a stream of text lines into bracketed trees, as NLTK's
//! bracket-parse corpus reader reads `.mrg` files: a tree is a balanced
//! bracketed expression, which may span lines; several may share a line.

use crate::Result;

/// One tree's text and the 1-based line it starts on.
pub type Block = (usize, String);

/// Groups lines into balanced bracketed expressions (`(` `)` brackets, `\(`
/// and `\)` escaped). Text outside brackets is returned up to the end of its
/// line as its own block, so that reading it reports NLTK's error.
///
/// # Example
/// ```
/// use nlkit::tree::BracketBlocks;
/// let lines = ["(S (NP I)", "  (VP ran)) (S x)", "", "(T y)"].map(|l| Ok(l.to_string()));
/// let blocks: Vec<_> = BracketBlocks::new(lines.into_iter()).map(|b| b.unwrap()).collect();
/// assert_eq!(blocks, [(1, "(S (NP I)\n  (VP ran))".to_string()), (2, "(S x)".into()), (4, "(T y)".into())]);
/// ```
pub struct BracketBlocks<I> {
    lines: I,
    line_no: usize,
    pending: std::collections::VecDeque<Block>,
    cur: String,
    cur_start: usize,
    depth: usize,
    done: bool,
}

impl<I: Iterator<Item = Result<String>>> BracketBlocks<I> {
    /// Reads blocks from `lines`.
    pub fn new(lines: I) -> Self {
        BracketBlocks {
            lines,
            line_no: 0,
            pending: Default::default(),
            cur: String::new(),
            cur_start: 0,
            depth: 0,
            done: false,
        }
    }

    fn feed(&mut self, line: &str) {
        let mut chars = line.char_indices().peekable();
        let mut seg_start = 0;
        if self.depth > 0 {
            self.cur.push('\n');
        }
        while let Some((i, c)) = chars.next() {
            if self.depth == 0 {
                if crate::tokenize::is_py_whitespace(c) {
                    seg_start = i + c.len_utf8();
                    continue;
                }
                if c != '(' {
                    // stray text: the rest of the line is one (bad) block
                    self.pending
                        .push_back((self.line_no, line[i..].trim_end().to_string()));
                    return;
                }
                self.cur_start = self.line_no;
                seg_start = i;
            }
            match c {
                '\\' => {
                    if let Some(&(_, '(' | ')')) = chars.peek() {
                        chars.next();
                    }
                }
                '(' => self.depth += 1,
                ')' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        let end = i + 1;
                        self.cur.push_str(&line[seg_start..end]);
                        let text = std::mem::take(&mut self.cur);
                        self.pending.push_back((self.cur_start, text));
                        seg_start = end;
                    }
                }
                _ => {}
            }
        }
        if self.depth > 0 {
            self.cur.push_str(&line[seg_start..]);
        }
    }
}

impl<I: Iterator<Item = Result<String>>> Iterator for BracketBlocks<I> {
    type Item = Result<Block>;
    fn next(&mut self) -> Option<Result<Block>> {
        loop {
            if let Some(b) = self.pending.pop_front() {
                return Some(Ok(b));
            }
            if self.done {
                return None;
            }
            match self.lines.next() {
                Some(Ok(line)) => {
                    self.line_no += 1;
                    self.feed(&line);
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    if self.depth > 0 {
                        self.depth = 0;
                        let text = std::mem::take(&mut self.cur);
                        return Some(Ok((self.cur_start, text)));
                    }
                }
            }
        }
    }
}
