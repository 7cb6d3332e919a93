//! NLTK's `DrtParser`: the logic reader's tokens plus `+ [ ] :` and `DRS`,
//! its own operator table (no `&`, `<->` or quantifiers), and its error
//! messages.

use super::{DrtExpr, DrtExpression};
use crate::sem::logic::{py_space, tokenize_with, VarKind, Variable, MAX_DEPTH, MAX_PARSE_DEPTH};
use crate::{Error, Result};

/// `Tokens.SYMBOLS` + `DrtTokens.PUNCT`.
const SYMBOLS: &[&str] = &[
    "&", "^", "|", "->", "=>", "<->", "<=>", "=", "==", "!=", "\\", ".", "(", ")", ",", "-", "!",
    "+", "[", "]", ":",
];

/// `DrtTokens.TOKENS`: anything else is a variable.
const TOKENS: &[&str] = &[
    "and", "&", "^", "or", "|", "implies", "->", "=>", "iff", "<->", "<=>", "=", "==", "!=",
    "some", "exists", "exist", "all", "forall", "iota", "\\", ".", "(", ")", ",", "not", "-", "!",
    "DRS", "+", "[", "]", ":",
];

const NOT_LIST: &[&str] = &["not", "-", "!"];
const APP: u8 = 3;
const NOT: u8 = 2;
const LAMBDA: u8 = 1;
const EQ: u8 = 4;
const COLON: u8 = 5;
const NO_CONTEXT: u8 = 9;

#[derive(Clone, Copy)]
enum BoolOp {
    Concat,
    Or,
    Imp,
}

fn bool_op(tok: &str) -> Option<(BoolOp, u8)> {
    Some(match tok {
        "+" => (BoolOp::Concat, 6),
        "or" | "|" => (BoolOp::Or, 7),
        "implies" | "->" | "=>" => (BoolOp::Imp, 8),
        _ => return None,
    })
}

fn has_priority(op: u8, context: u8) -> bool {
    op < context || (op == APP && context == APP)
}

fn is_variable(tok: &str) -> bool {
    !TOKENS.contains(&tok)
}

/// A parse error before formatting; `index: None` is NLTK's bare
/// `Exception` (no position).
struct PErr {
    index: Option<usize>,
    message: String,
}

fn at(index: usize, message: String) -> PErr {
    PErr {
        index: Some(index),
        message,
    }
}

fn unexpected(index: usize, tok: &str, extra: Option<&str>) -> PErr {
    let mut m = format!("Unexpected token: '{tok}'.");
    if let Some(e) = extra {
        m.push_str("  ");
        m.push_str(e);
    }
    at(index, m)
}

fn more_expected(index: usize, message: &str) -> PErr {
    at(index, format!("End of input found.  {message}"))
}

fn depth_error(index: usize) -> PErr {
    at(
        index,
        format!("Expression nesting exceeds the maximum depth ({MAX_PARSE_DEPTH})."),
    )
}

type P<T> = std::result::Result<T, PErr>;

struct Parser {
    toks: Vec<String>,
    idx: usize,
    depth: usize,
}

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

    fn mk(&self, expr: DrtExpr) -> P<DrtExpression> {
        DrtExpression::new(expr).map_err(|_| {
            at(
                self.idx + 1,
                format!("Expression nesting exceeds the maximum depth ({MAX_DEPTH})."),
            )
        })
    }

    fn assert_next(&mut self, expected: &str) -> P<()> {
        match self.next() {
            None => Err(more_expected(
                self.idx + 1,
                &format!("Expected token '{expected}'."),
            )),
            Some(t) if t != expected => Err(at(
                self.idx,
                format!("Unexpected token: '{t}'.  Expected token '{expected}'."),
            )),
            Some(_) => Ok(()),
        }
    }

    fn next_expression(&mut self, context: u8) -> P<DrtExpression> {
        self.depth += 1;
        let r = self.next_expression_inner(context);
        self.depth -= 1;
        r
    }

    fn next_expression_inner(&mut self, context: u8) -> P<DrtExpression> {
        if self.depth > MAX_PARSE_DEPTH {
            return Err(depth_error(self.idx + 1));
        }
        let Some(tok) = self.next() else {
            return Err(more_expected(self.idx + 1, "Expression expected."));
        };
        let accum = if NOT_LIST.contains(&tok.as_str()) {
            let t = self.next_expression(NOT)?;
            self.mk(DrtExpr::Negated(t))?
        } else if tok == "\\" {
            self.handle_lambda()?
        } else if tok == "(" {
            if self.peek(0) == Some("[") {
                self.handle_drs(context)?
            } else {
                let e = self.next_expression(NO_CONTEXT)?;
                self.assert_next(")")?;
                e
            }
        } else if tok.to_uppercase() == "DRS" {
            self.assert_next("(")?;
            self.handle_drs(context)?
        } else if is_variable(&tok) {
            if self.peek(0) == Some(":") {
                self.idx += 1;
                let drs = self.next_expression(COLON)?;
                self.mk(DrtExpr::Proposition(Variable::new(&tok), drs))?
            } else {
                self.handle_variable(&tok)?
            }
        } else {
            return Err(unexpected(self.idx, &tok, Some("Expression expected.")));
        };
        self.attempt_adjuncts(accum, context)
    }

    fn handle_drs(&mut self, context: u8) -> P<DrtExpression> {
        self.assert_next("[")?;
        let mut refs = Vec::new();
        while self.in_range(0) && self.peek(0) != Some("]") {
            if !refs.is_empty() && self.peek(0) == Some(",") {
                self.idx += 1;
            }
            refs.push(self.next_variable("quantified")?);
        }
        self.assert_next("]")?;
        if self.peek(0) == Some(",") {
            self.idx += 1;
        }
        self.assert_next("[")?;
        let mut conds = Vec::new();
        while self.in_range(0) && self.peek(0) != Some("]") {
            if !conds.is_empty() && self.peek(0) == Some(",") {
                self.idx += 1;
            }
            conds.push(self.next_expression(context)?);
        }
        self.assert_next("]")?;
        self.assert_next(")")?;
        self.mk(DrtExpr::Drs(refs, conds, None))
    }

    fn next_variable(&mut self, description: &str) -> P<Variable> {
        let Some(tok) = self.next() else {
            return Err(more_expected(self.idx + 1, "Variable expected."));
        };
        let v = Variable::new(&tok);
        if v.kind() == VarKind::Constant {
            return Err(at(
                self.idx,
                format!(
                    "'{tok}' is an illegal variable name.  Constants may not be {description}."
                ),
            ));
        }
        Ok(v)
    }

    fn handle_lambda(&mut self) -> P<DrtExpression> {
        if !self.in_range(0) {
            return Err(more_expected(
                self.idx + 2,
                "Variable and Expression expected following lambda operator.",
            ));
        }
        let mut vars = vec![self.next_variable("abstracted")?];
        loop {
            if !self.in_range(0) || (self.peek(0) == Some(".") && !self.in_range(1)) {
                return Err(more_expected(self.idx + 2, "Expression expected."));
            }
            if !self.peek(0).is_some_and(is_variable) {
                break;
            }
            vars.push(self.next_variable("abstracted")?);
        }
        if self.peek(0) == Some(".") {
            self.idx += 1;
        }
        let mut accum = self.next_expression(LAMBDA)?;
        while let Some(v) = vars.pop() {
            accum = self.mk(DrtExpr::Lambda(v, accum))?;
        }
        Ok(accum)
    }

    fn handle_variable(&mut self, tok: &str) -> P<DrtExpression> {
        let v = Variable::new(tok);
        let kind = v.kind();
        let accum = DrtExpression::var(v);
        if self.peek(0) == Some("(") {
            if !matches!(kind, VarKind::Function | VarKind::Constant) {
                return Err(at(
                    self.idx,
                    format!(
                        "'{tok}' is an illegal predicate name.  Individual variables may not be used as predicates."
                    ),
                ));
            }
            self.idx += 1;
            return self.arguments(accum);
        }
        Ok(accum)
    }

    fn arguments(&mut self, function: DrtExpression) -> P<DrtExpression> {
        let arg = self.next_expression(APP)?;
        let mut accum = self.mk(DrtExpr::Application(function, arg))?;
        while self.peek(0) == Some(",") {
            self.idx += 1;
            let arg = self.next_expression(APP)?;
            accum = self.mk(DrtExpr::Application(accum, arg))?;
        }
        self.assert_next(")")?;
        Ok(accum)
    }

    fn attempt_adjuncts(&mut self, mut e: DrtExpression, context: u8) -> P<DrtExpression> {
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

    fn attempt_equality(&mut self, e: DrtExpression, context: u8) -> P<DrtExpression> {
        let Some(tok) = self.peek(0) else {
            return Ok(e);
        };
        if !matches!(tok, "=" | "==" | "!=") || !has_priority(EQ, context) {
            return Ok(e);
        }
        let neq = tok == "!=";
        self.idx += 1;
        let second = self.next_expression(EQ)?;
        let eq = self.mk(DrtExpr::Eq(e, second))?;
        if neq {
            self.mk(DrtExpr::Negated(eq))
        } else {
            Ok(eq)
        }
    }

    fn attempt_application(&mut self, e: DrtExpression, context: u8) -> P<DrtExpression> {
        if !has_priority(APP, context) || self.peek(0) != Some("(") {
            return Ok(e);
        }
        let callable = match e.expr() {
            DrtExpr::Lambda(..) | DrtExpr::Application(..) => true,
            DrtExpr::Variable(v) => matches!(v.kind(), VarKind::Function | VarKind::Constant),
            _ => false,
        };
        if !callable {
            return Err(at(
                self.idx,
                format!(
                    "The function '{e}' is not a Lambda Expression, an Application Expression, or a functional predicate, so it may not take arguments."
                ),
            ));
        }
        self.idx += 1;
        self.arguments(e)
    }

    fn attempt_boolean(&mut self, mut e: DrtExpression, context: u8) -> P<DrtExpression> {
        let mut chain = 0;
        while let Some(tok) = self.peek(0) {
            let Some((op, prec)) = bool_op(tok) else {
                break;
            };
            if !has_priority(prec, context) {
                break;
            }
            chain += 1;
            if self.depth + chain > MAX_PARSE_DEPTH {
                return Err(depth_error(self.idx + 1));
            }
            self.idx += 1;
            let second = self.next_expression(prec)?;
            e = match op {
                BoolOp::Concat => self.mk(DrtExpr::Concat(e, second, None))?,
                BoolOp::Or => self.mk(DrtExpr::Or(e, second))?,
                BoolOp::Imp => match e.expr() {
                    DrtExpr::Drs(refs, conds, _) => {
                        self.mk(DrtExpr::Drs(refs.clone(), conds.clone(), Some(second)))?
                    }
                    DrtExpr::Concat(a, b, _) => {
                        self.mk(DrtExpr::Concat(a.clone(), b.clone(), Some(second)))?
                    }
                    _ => {
                        return Err(PErr {
                            index: None,
                            message: "Antecedent of implication must be a DRS".into(),
                        })
                    }
                },
            };
        }
        Ok(e)
    }
}

impl DrtExpression {
    /// Reads a DRT expression in NLTK's syntax: NLTK's
    /// `DrtExpression.fromstring`. A DRS is `([refs],[conditions])` (or
    /// `DRS([refs],[conditions])`, commas optional), `+` merges, `->`
    /// makes a DRS (or merge) the antecedent of a conditional, `|` is
    /// disjunction, `-` negation, `\x.` lambda, `p:DRS` a proposition.
    ///
    /// # Errors
    /// Input NLTK rejects, with NLTK's message, the input and a caret under
    /// the position; an implication whose antecedent is not a DRS (NLTK's
    /// message, no position).
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring(r"([x],[man(x), -([],[walks(x)])])")?;
    /// assert_eq!(d.to_string(), "([x],[man(x), -([],[walks(x)])])");
    /// let err = DrtExpression::fromstring("([x,").unwrap_err();
    /// assert_eq!(err.to_string(), "End of input found.  Variable expected.\n([x,\n    ^");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn fromstring(s: &str) -> Result<DrtExpression> {
        let data: Vec<char> = s.trim_end_matches(py_space).chars().collect();
        let (toks, starts) = tokenize_with(&data, SYMBOLS);
        let mut p = Parser {
            toks,
            idx: 0,
            depth: 0,
        };
        let r = p.next_expression(NO_CONTEXT).and_then(|e| match p.peek(0) {
            Some(t) => Err(unexpected(p.idx + 1, t, None)),
            None => Ok(e),
        });
        r.map_err(|e| match e.index {
            Some(index) => crate::sem::logic::caret_error(&e.message, index, &starts, &data),
            None => Error::InvalidInput(e.message),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        match DrtExpression::fromstring(s) {
            Ok(e) => e.to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_match_the_doctest() {
        assert_eq!(
            show("()"),
            "Unexpected token: ')'.  Expression expected.\n()\n ^"
        );
        assert_eq!(
            show("([,"),
            "',' is an illegal variable name.  Constants may not be quantified.\n([,\n  ^"
        );
        assert_eq!(
            show("([][]"),
            "End of input found.  Expected token ')'.\n([][]\n     ^"
        );
        assert_eq!(
            show("P(x) -> Q(x)"),
            "Antecedent of implication must be a DRS"
        );
    }

    #[test]
    fn deep_nesting_is_an_error() {
        for s in [
            "-".repeat(100_000) + "x",
            "(".repeat(100_000) + "x" + &")".repeat(100_000),
            "([],[".repeat(100_000) + &"])".repeat(100_000),
            "([],[]) + ".repeat(100_000) + "([],[])",
        ] {
            assert!(show(&s).starts_with("Expression nesting exceeds the maximum depth"));
        }
    }
}
