//! NLTK's `LogicParser`: tokens, operator precedence and error messages.

use super::{BinOp, Binder, Expr, Expression, VarKind, Variable};
use crate::{Error, Result};

/// Deepest nesting of subexpressions the reader descends to (NLTK's
/// `LogicParser.MAX_PARSE_DEPTH`), with NLTK's message past it.
pub const MAX_PARSE_DEPTH: usize = 200;

/// The operator symbols NLTK's tokenizer splits off (`Tokens.SYMBOLS`).
const SYMBOLS: &[&str] = &[
    "&", "^", "|", "->", "=>", "<->", "<=>", "=", "==", "!=", "\\", ".", "(", ")", ",", "-", "!",
];

/// Every reserved token (`Tokens.TOKENS`); anything else is a variable.
fn is_token(tok: &str) -> bool {
    matches!(
        tok,
        "and"
            | "&"
            | "^"
            | "or"
            | "|"
            | "implies"
            | "->"
            | "=>"
            | "iff"
            | "<->"
            | "<=>"
            | "="
            | "=="
            | "!="
            | "some"
            | "exists"
            | "exist"
            | "all"
            | "forall"
            | "iota"
            | "\\"
            | "."
            | "("
            | ")"
            | ","
            | "not"
            | "-"
            | "!"
    )
}

// `NOT_LIST`, `QUANTS` and `TOKENS` are tested with `match` rather than by
// scanning a list: the compiler dispatches on the length first, so most
// tokens are settled without a string comparison (every token of every
// formula goes through these tests).
fn is_not(tok: &str) -> bool {
    matches!(tok, "not" | "-" | "!")
}

fn is_quant(tok: &str) -> bool {
    matches!(tok, "some" | "exists" | "exist" | "all" | "forall" | "iota")
}

const APP: u8 = 3;
const NO_CONTEXT: u8 = 10;

/// Operator precedence (lower binds tighter), as NLTK's `operator_precedence`.
fn precedence(tok: &str) -> Option<u8> {
    Some(match tok {
        "\\" => 1,
        "not" | "-" | "!" => 2,
        "=" | "==" | "!=" => 4,
        "some" | "exists" | "exist" | "all" | "forall" | "iota" => 5,
        "and" | "&" | "^" => 6,
        "or" | "|" => 7,
        "implies" | "->" | "=>" => 8,
        "iff" | "<->" | "<=>" => 9,
        _ => return None,
    })
}

fn bool_op(tok: &str) -> Option<BinOp> {
    Some(match tok {
        "and" | "&" | "^" => BinOp::And,
        "or" | "|" => BinOp::Or,
        "implies" | "->" | "=>" => BinOp::Imp,
        "iff" | "<->" | "<=>" => BinOp::Iff,
        _ => return None,
    })
}

/// `has_priority`: only application is right-associative.
fn has_priority(op: u8, context: u8) -> bool {
    op < context || (op == APP && context == APP)
}

fn is_variable(tok: &str) -> bool {
    // a token of letters or digits only is a word token or a variable
    if tok.bytes().all(|b| b.is_ascii_alphanumeric()) && tok.len() > 7 {
        return true;
    }
    !is_token(tok)
}

/// A parse error: NLTK's `LogicalExpressionException` before formatting.
struct PErr {
    /// 1-based token index (NLTK's `e.index`).
    index: usize,
    message: String,
}

fn unexpected(index: usize, tok: &str, message: Option<&str>) -> PErr {
    let mut m = format!("Unexpected token: '{tok}'.");
    if let Some(extra) = message {
        m.push_str("  ");
        m.push_str(extra);
    }
    PErr { index, message: m }
}

fn unexpected_expected(index: usize, tok: &str, expected: &str) -> PErr {
    PErr {
        index,
        message: format!("Unexpected token: '{tok}'.  Expected token '{expected}'."),
    }
}

fn more_expected(index: usize, message: &str) -> PErr {
    PErr {
        index,
        message: format!("End of input found.  {message}"),
    }
}

fn depth_error(index: usize) -> PErr {
    PErr {
        index,
        message: format!("Expression nesting exceeds the maximum depth ({MAX_PARSE_DEPTH})."),
    }
}

/// Python's `str.isspace` (Rust's whitespace plus the separators U+001C–U+001F).
pub(crate) fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Splits `data` into tokens; also returns each token's start (in chars).
fn tokenize(data: &[char]) -> (Vec<String>, Vec<usize>) {
    tokenize_with(data, SYMBOLS)
}

/// [`tokenize`] with another symbol table (the DRT reader adds `+ [ ] :`).
pub(crate) fn tokenize_with(data: &[char], symbols: &[&str]) -> (Vec<String>, Vec<usize>) {
    let mut out = Vec::new();
    let mut starts = Vec::new();
    // A word token is a run of characters that are neither blanks nor the
    // start of a symbol, so it is kept as its start and made into a
    // `String` once, at its full length, where it ends (rather than grown
    // one character at a time).
    let mut token_start: Option<usize> = None;
    let flush =
        |from: &mut Option<usize>, to: usize, out: &mut Vec<String>, starts: &mut Vec<usize>| {
            if let Some(b) = from.take() {
                out.push(data[b..to].iter().collect());
                starts.push(b);
            }
        };
    let mut i = 0;
    while i < data.len() {
        // NLTK walks a trie greedily, without backtracking: the longest run
        // of characters that is a prefix of some symbol, kept only if that
        // run is itself a symbol.
        // (Symbols are ASCII: a byte is a char.)
        let starts_with = |s: &str, cand: &[char]| {
            s.len() >= cand.len() && s.bytes().zip(cand).all(|(b, c)| b as u32 == *c as u32)
        };
        let mut len = 0;
        // every symbol starts with ASCII punctuation: letters and digits
        // skip the scan
        if data[i].is_ascii_punctuation() {
            while i + len < data.len() && symbols.iter().any(|s| starts_with(s, &data[i..=i + len]))
            {
                len += 1;
            }
        }
        let is_symbol = len > 0
            && symbols
                .iter()
                .any(|s| s.len() == len && starts_with(s, &data[i..i + len]));
        if is_symbol {
            flush(&mut token_start, i, &mut out, &mut starts);
            out.push(data[i..i + len].iter().collect());
            starts.push(i);
            i += len;
        } else {
            let c = data[i];
            if c == ' ' || c == '\t' || c == '\n' {
                flush(&mut token_start, i, &mut out, &mut starts);
            } else if token_start.is_none() {
                token_start = Some(i);
            }
            i += 1;
        }
    }
    flush(&mut token_start, data.len(), &mut out, &mut starts);
    (out, starts)
}

struct Parser {
    toks: Vec<String>,
    /// NLTK's `_currentIndex`.
    idx: usize,
    depth: usize,
}

type P<T> = std::result::Result<T, PErr>;

impl Parser {
    fn in_range(&self, loc: usize) -> bool {
        self.idx + loc < self.toks.len()
    }

    fn peek(&self, loc: usize) -> Option<&str> {
        self.toks.get(self.idx + loc).map(String::as_str)
    }

    fn next(&mut self) -> Option<String> {
        let t = self.toks.get(self.idx).cloned();
        if t.is_some() {
            self.idx += 1;
        }
        t
    }

    /// Builds a node; a tree past `MAX_DEPTH` is reported at the current token.
    fn mk(&self, expr: Expr) -> P<Expression> {
        Expression::new(expr).map_err(|_| PErr {
            index: self.idx + 1,
            message: format!(
                "Expression nesting exceeds the maximum depth ({}).",
                super::MAX_DEPTH
            ),
        })
    }

    fn next_expression(&mut self, context: u8) -> P<Expression> {
        self.depth += 1;
        let r = self.next_expression_inner(context);
        self.depth -= 1;
        r
    }

    fn next_expression_inner(&mut self, context: u8) -> P<Expression> {
        if self.depth > MAX_PARSE_DEPTH {
            return Err(depth_error(self.idx + 1));
        }
        let Some(tok) = self.next() else {
            return Err(more_expected(self.idx + 1, "Expression expected."));
        };
        let accum = if is_variable(&tok) {
            self.handle_variable(&tok)?
        } else if is_not(&tok) {
            let t = self.next_expression(2)?;
            self.mk(Expr::Negated(t))?
        } else if tok == "\\" {
            self.handle_binder(&tok, Binder::Lambda)?
        } else if is_quant(&tok) {
            let kind = match tok.as_str() {
                "some" | "exists" | "exist" => Binder::Exists,
                "all" | "forall" => Binder::All,
                _ => Binder::Iota,
            };
            self.handle_binder(&tok, kind)?
        } else if tok == "(" {
            let e = self.next_expression(NO_CONTEXT)?;
            self.assert_next(")")?;
            e
        } else {
            return Err(unexpected(self.idx, &tok, Some("Expression expected.")));
        };
        self.attempt_adjuncts(accum, context)
    }

    fn attempt_adjuncts(&mut self, mut e: Expression, context: u8) -> P<Expression> {
        loop {
            let cur = self.idx;
            e = self.attempt_equality(e, context)?;
            e = self.attempt_application(e, context)?;
            e = self.attempt_boolean(e, context)?;
            if cur == self.idx {
                return Ok(e);
            }
        }
    }

    fn handle_variable(&mut self, tok: &str) -> P<Expression> {
        let v = Variable::new(tok);
        let kind = v.kind();
        let accum = Expression::var(v);
        if self.peek(0) == Some("(") {
            if !matches!(kind, VarKind::Function | VarKind::Constant) {
                return Err(PErr {
                    index: self.idx,
                    message: format!(
                        "'{tok}' is an illegal predicate name.  Individual variables may not be used as predicates."
                    ),
                });
            }
            self.idx += 1;
            return self.arguments(accum);
        }
        Ok(accum)
    }

    /// After `(`: comma-separated arguments, curried onto `function`, then `)`.
    fn arguments(&mut self, function: Expression) -> P<Expression> {
        let arg = self.next_expression(APP)?;
        let mut accum = self.mk(Expr::Application(function, arg))?;
        while self.peek(0) == Some(",") {
            self.idx += 1;
            let arg = self.next_expression(APP)?;
            accum = self.mk(Expr::Application(accum, arg))?;
        }
        self.assert_next(")")?;
        Ok(accum)
    }

    fn next_variable(&mut self, description: &str) -> P<Variable> {
        let Some(tok) = self.next() else {
            return Err(more_expected(self.idx + 1, "Variable expected."));
        };
        let v = Variable::new(&tok);
        if v.kind() == VarKind::Constant {
            return Err(PErr {
                index: self.idx,
                message: format!(
                    "'{tok}' is an illegal variable name.  Constants may not be {description}."
                ),
            });
        }
        Ok(v)
    }

    fn handle_binder(&mut self, tok: &str, kind: Binder) -> P<Expression> {
        let description = if kind == Binder::Lambda {
            "abstracted"
        } else {
            "quantified"
        };
        if !self.in_range(0) {
            let message = if kind == Binder::Lambda {
                "Variable and Expression expected following lambda operator.".to_string()
            } else {
                format!("Variable and Expression expected following quantifier '{tok}'.")
            };
            return Err(more_expected(self.idx + 2, &message));
        }
        let mut vars = vec![self.next_variable(description)?];
        loop {
            if !self.in_range(0) || (self.peek(0) == Some(".") && !self.in_range(1)) {
                return Err(more_expected(self.idx + 2, "Expression expected."));
            }
            if !self.peek(0).is_some_and(is_variable) {
                break;
            }
            vars.push(self.next_variable(description)?);
        }
        if self.peek(0) == Some(".") {
            self.idx += 1;
        }
        let context = precedence(tok).unwrap_or(NO_CONTEXT);
        let mut accum = self.next_expression(context)?;
        while let Some(v) = vars.pop() {
            accum = self.mk(Expr::Binder(kind, v, accum))?;
        }
        Ok(accum)
    }

    fn assert_next(&mut self, expected: &str) -> P<()> {
        let Some(tok) = self.next() else {
            return Err(more_expected(
                self.idx + 1,
                &format!("Expected token '{expected}'."),
            ));
        };
        if tok != expected {
            return Err(unexpected_expected(self.idx, &tok, expected));
        }
        Ok(())
    }

    fn attempt_equality(&mut self, e: Expression, context: u8) -> P<Expression> {
        let Some(tok) = self.peek(0) else {
            return Ok(e);
        };
        if !matches!(tok, "=" | "==" | "!=") || !has_priority(4, context) {
            return Ok(e);
        }
        let neq = tok == "!=";
        self.idx += 1;
        let second = self.next_expression(4)?;
        let eq = self.mk(Expr::Binary(BinOp::Eq, e, second))?;
        if neq {
            self.mk(Expr::Negated(eq))
        } else {
            Ok(eq)
        }
    }

    fn attempt_boolean(&mut self, mut e: Expression, context: u8) -> P<Expression> {
        let mut chain = 0;
        while let Some(tok) = self.peek(0) {
            let Some(op) = bool_op(tok) else { break };
            let prec = precedence(tok).unwrap_or(NO_CONTEXT);
            if !has_priority(prec, context) {
                break;
            }
            chain += 1;
            if self.depth + chain > MAX_PARSE_DEPTH {
                return Err(depth_error(self.idx + 1));
            }
            self.idx += 1;
            let second = self.next_expression(prec)?;
            e = self.mk(Expr::Binary(op, e, second))?;
        }
        Ok(e)
    }

    fn attempt_application(&mut self, e: Expression, context: u8) -> P<Expression> {
        if !has_priority(APP, context) || self.peek(0) != Some("(") {
            return Ok(e);
        }
        let callable = match e.expr() {
            Expr::Binder(Binder::Lambda, _, _) | Expr::Application(..) => true,
            Expr::Variable(v) => matches!(v.kind(), VarKind::Function | VarKind::Constant),
            _ => false,
        };
        if !callable {
            return Err(PErr {
                index: self.idx,
                message: format!(
                    "The function '{e}' is not a Lambda Expression, an Application Expression, or a functional predicate, so it may not take arguments."
                ),
            });
        }
        self.idx += 1;
        self.arguments(e)
    }
}

impl Expression {
    /// Reads a formula in NLTK's syntax: NLTK's `Expression.fromstring`.
    ///
    /// # Errors
    /// Input NLTK rejects, with NLTK's message: what went wrong, the input
    /// and a caret under the position, e.g.
    /// `End of input found.  Expected token ')'.\nP(x\n   ^`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::logic::Expression;
    /// let e = Expression::fromstring("man(x) | tall(x) & walks(x)")?;
    /// assert_eq!(e.to_string(), "(man(x) | (tall(x) & walks(x)))");
    /// let err = Expression::fromstring("P(x) Q(x)").unwrap_err();
    /// assert_eq!(err.to_string(), "Unexpected token: 'Q'.\nP(x) Q(x)\n     ^");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn fromstring(s: &str) -> Result<Expression> {
        let data: Vec<char> = {
            let trimmed = s.trim_end_matches(py_space);
            trimmed.chars().collect()
        };
        let (toks, starts) = tokenize(&data);
        let mut p = Parser {
            toks,
            idx: 0,
            depth: 0,
        };
        let r = p.next_expression(NO_CONTEXT).and_then(|e| {
            if let Some(t) = p.peek(0) {
                Err(unexpected(p.idx + 1, t, None))
            } else {
                Ok(e)
            }
        });
        r.map_err(|e| caret_error(&e.message, e.index, &starts, &data))
    }
}

/// NLTK's reader error: the message, the input, and a caret under token
/// `index` (1-based; token i starts at `starts[i]`, one past the last token
/// is the end of the input, two past is one more).
pub(crate) fn caret_error(message: &str, index: usize, starts: &[usize], data: &[char]) -> Error {
    let i = index.saturating_sub(1);
    let col = starts
        .get(i)
        .copied()
        .unwrap_or(data.len() + i.saturating_sub(starts.len()).min(1));
    let text: String = data.iter().collect();
    Error::InvalidInput(format!("{message}\n{text}\n{}^", " ".repeat(col)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        match Expression::fromstring(s) {
            Ok(e) => e.to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn tokens_split_like_nltk() {
        let data: Vec<char> = "P(x)->-Q<=>a!=b <-x".chars().collect();
        let (t, _) = tokenize(&data);
        assert_eq!(
            t,
            ["P", "(", "x", ")", "->", "-", "Q", "<=>", "a", "!=", "b", "<", "-", "x"]
        );
    }

    #[test]
    fn printing() {
        assert_eq!(
            show(r"\x.man(x)(john) & tall(x)"),
            r"(\x.man(x)(john) & tall(x))"
        );
        assert_eq!(
            show("P(x) -> Q(x) <-> R(x) | S(x) & T(x)"),
            "((P(x) -> Q(x)) <-> (R(x) | (S(x) & T(x))))"
        );
        assert_eq!(show("a != b"), "-(a = b)");
        assert_eq!(show(r"\x y.sees(x,y)(a,b)"), r"((\x y.sees(x,y))(a))(b)");
    }

    #[test]
    fn errors_point_at_the_token() {
        assert_eq!(
            show("P(x"),
            "End of input found.  Expected token ')'.\nP(x\n   ^"
        );
        assert_eq!(show(""), "End of input found.  Expression expected.\n\n^");
        assert_eq!(
            show("x(y)"),
            "'x' is an illegal predicate name.  Individual variables may not be used as predicates.\nx(y)\n^"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let s = "-".repeat(100_000) + "p";
        assert!(show(&s).starts_with("Expression nesting exceeds the maximum depth (200)."));
        let s = "(".repeat(100_000) + "p" + &")".repeat(100_000);
        assert!(show(&s).starts_with("Expression nesting exceeds the maximum depth (200)."));
    }
}
