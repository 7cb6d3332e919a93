//! NLTK's `TreebankWordDetokenizer`: undoes the Treebank tokenizer's
//! substitutions to turn a list of tokens back into text.
//!
//! The same sequence of substitutions as NLTK 3.10.4, in the same order. The
//! one step NLTK writes with a look-ahead (`([^\.])\s(\.)(?!\.)…`, the
//! period) is written by hand; the rest use the `regex` crate, whose `\s`,
//! `\b` and case folding are those of Python's `regex` engine that NLTK
//! compiles these patterns with.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use super::is_py_whitespace;

struct Rule {
    re: Regex,
    rep: &'static str,
}

impl Rule {
    fn new(pattern: &str, rep: &'static str) -> Rule {
        #[allow(clippy::expect_used)]
        let re = Regex::new(pattern).expect("valid built-in pattern");
        Rule { re, rep }
    }

    fn apply(&self, text: &mut String) {
        if let Cow::Owned(s) = self.re.replace_all(text, self.rep) {
            *text = s;
        }
    }
}

struct Rules {
    contractions3: Vec<Rule>,
    contractions2: Vec<Rule>,
    ending_quotes: Vec<Rule>,
    double_dashes: Rule,
    convert_parens: Vec<Rule>,
    parens: Vec<Rule>,
    punct_before_period: Vec<Rule>,
    punct_after_period: Vec<Rule>,
    starting_quotes: Vec<Rule>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules {
        contractions3: vec![
            Rule::new(r"(?i) ('t)\s(is)\b", "$1$2"),
            Rule::new(r"(?i) ('t)\s(was)\b", "$1$2"),
        ],
        contractions2: vec![
            Rule::new(r"(?i)\b(can)\s(not)\b", "$1$2"),
            Rule::new(r"(?i)\b(d)\s('ye)\b", "$1$2"),
            Rule::new(r"(?i)\b(gim)\s(me)\b", "$1$2"),
            Rule::new(r"(?i)\b(gon)\s(na)\b", "$1$2"),
            Rule::new(r"(?i)\b(got)\s(ta)\b", "$1$2"),
            Rule::new(r"(?i)\b(lem)\s(me)\b", "$1$2"),
            Rule::new(r"(?i)\b(more)\s('n)\b", "$1$2"),
            // NLTK: `(?=\s)`; the space is kept by the replacement.
            Rule::new(r"(?i)\b(wan)\s(na)(\s)", "$1$2$3"),
        ],
        ending_quotes: vec![
            Rule::new(r"([^' ])\s('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1$2 "),
            Rule::new(r"([^' ])\s('[sS]|'[mM]|'[dD]|') ", "$1$2 "),
            Rule::new(r"([^'\s])\s('')", "$1$2"),
            Rule::new(r#"([,.;:!?'])\s+("|'')"#, "$1$2"),
            Rule::new(r"('')\s([.,:)\]>};%])", "$1$2"),
            Rule::new("''", "\""),
            Rule::new(r#"([,.;:!?])"(')"#, "$1$2\""),
        ],
        double_dashes: Rule::new(" -- ", "--"),
        convert_parens: vec![
            Rule::new("-LRB-", "("),
            Rule::new("-RRB-", ")"),
            Rule::new("-LSB-", "["),
            Rule::new("-RSB-", "]"),
            Rule::new("-LCB-", "{"),
            Rule::new("-RCB-", "}"),
        ],
        parens: vec![
            Rule::new(r"([\[({<])\s", "$1"),
            Rule::new(r"\s([\])}>])", "$1"),
            Rule::new(r"([\])}>])\s([:;,.])", "$1$2"),
        ],
        punct_before_period: vec![
            Rule::new(r"([^'])\s'\s", "$1' "),
            Rule::new(r"\s([?!])", "$1"),
        ],
        punct_after_period: vec![
            Rule::new(r"([#$])\s", "$1"),
            Rule::new(r"\s([;%])", "$1"),
            Rule::new(r"\s\.\.\.\s", "..."),
            Rule::new(r"\s([:,])", "$1"),
        ],
        starting_quotes: vec![
            Rule::new(r"([ (\[{<])\s``", "$1``"),
            Rule::new(r"(``)\s", "$1"),
            Rule::new("``", "\""),
        ],
    })
}

/// `([^\.])\s(\.)(?!\.)([\]\)}>"\']*)` → `\1\2\3`: removes the space before
/// a period that is not followed by another period.
fn join_period(text: &mut String) {
    if !text.contains('.') {
        return;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let (_, c1) = chars[i];
        let matched = c1 != '.'
            && chars.get(i + 1).is_some_and(|&(_, c)| c.is_whitespace())
            && chars.get(i + 2).is_some_and(|&(_, c)| c == '.')
            && !matches!(chars.get(i + 3), Some(&(_, '.')));
        if matched {
            out.push(c1);
            out.push('.');
            let mut j = i + 3;
            while let Some(&(_, c)) = chars.get(j) {
                if matches!(c, ']' | ')' | '}' | '>' | '"' | '\'') {
                    out.push(c);
                    j += 1;
                } else {
                    break;
                }
            }
            changed = true;
            i = j;
        } else {
            out.push(c1);
            i += 1;
        }
    }
    if changed {
        *text = out;
    }
}

/// NLTK's `TreebankWordDetokenizer`.
///
/// # Example
/// ```
/// use nlkit::tokenize::TreebankWordDetokenizer;
/// let d = TreebankWordDetokenizer::new();
/// let toks = ["Good", "muffins", "cost", "$", "3.88", "in", "New", "York", "."];
/// assert_eq!(d.detokenize(&toks), "Good muffins cost $3.88 in New York.");
/// assert_eq!(d.detokenize(&["I", "ca", "n't", "go", "!"]), "I can't go!");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TreebankWordDetokenizer {
    /// Turn PTB bracket symbols back into brackets (`-LRB-` → `(`), as
    /// NLTK's `convert_parentheses=True`. Off by default.
    pub convert_parentheses: bool,
}

impl TreebankWordDetokenizer {
    /// The detokenizer with NLTK's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Joins `tokens` into text, undoing the Treebank tokenizer's spacing.
    pub fn detokenize<S: AsRef<str>>(&self, tokens: &[S]) -> String {
        let r = rules();
        let mut joined = String::new();
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            joined.push_str(t.as_ref());
        }
        let mut text = format!(" {joined} ");
        for rule in r.contractions3.iter().chain(&r.contractions2) {
            rule.apply(&mut text);
        }
        for rule in &r.ending_quotes {
            rule.apply(&mut text);
        }
        let mut text = py_strip(&text).to_string();
        r.double_dashes.apply(&mut text);
        if self.convert_parentheses {
            for rule in &r.convert_parens {
                rule.apply(&mut text);
            }
        }
        for rule in r.parens.iter().chain(&r.punct_before_period) {
            rule.apply(&mut text);
        }
        join_period(&mut text);
        for rule in r.punct_after_period.iter().chain(&r.starting_quotes) {
            rule.apply(&mut text);
        }
        py_strip(&text).to_string()
    }
}

fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_compile() {
        let _ = rules();
    }

    #[test]
    fn period_lookahead() {
        let mut s = "a . b .. c".to_string();
        join_period(&mut s);
        assert_eq!(s, "a. b .. c");
    }
}
