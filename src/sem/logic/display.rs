//! NLTK's `str()` of an expression.

use std::fmt::{self, Display, Formatter, Write};

use super::{BinOp, Binder, Expr, Expression};

impl Display for Expression {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_expr(self, f)
    }
}

fn binder_word(b: Binder) -> &'static str {
    match b {
        Binder::Lambda => "\\",
        Binder::Exists => "exists ",
        Binder::All => "all ",
        Binder::Iota => "iota ",
    }
}

// Recursion is bounded by the tree depth (at most MAX_DEPTH).
fn write_expr(e: &Expression, f: &mut dyn Write) -> fmt::Result {
    match e.expr() {
        Expr::Variable(v) => f.write_str(v.name()),
        Expr::Application(function, argument) => {
            let (base, args) = e.uncurry();
            let (function, atom) = if matches!(base.expr(), Expr::Variable(_)) {
                (base, true)
            } else {
                (function, false)
            };
            let paren = match function.expr() {
                Expr::Binder(Binder::Lambda, _, term) => match term.expr() {
                    Expr::Application(tf, _) => !matches!(tf.expr(), Expr::Variable(_)),
                    Expr::Binary(op, _, _) => *op == BinOp::Eq,
                    _ => true,
                },
                Expr::Application(..) => true,
                _ => false,
            };
            if paren {
                f.write_char('(')?;
            }
            write_expr(function, f)?;
            if paren {
                f.write_char(')')?;
            }
            f.write_char('(')?;
            if atom {
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_expr(a, f)?;
                }
            } else {
                write_expr(argument, f)?;
            }
            f.write_char(')')
        }
        Expr::Binder(kind, v, term) => {
            f.write_str(binder_word(*kind))?;
            f.write_str(v.name())?;
            let mut term = term;
            while let Expr::Binder(k2, v2, t2) = term.expr() {
                if k2 != kind {
                    break;
                }
                f.write_char(' ')?;
                f.write_str(v2.name())?;
                term = t2;
            }
            f.write_char('.')?;
            write_expr(term, f)
        }
        Expr::Negated(t) => {
            f.write_char('-')?;
            write_expr(t, f)
        }
        Expr::Binary(op, a, b) => {
            f.write_char('(')?;
            write_binary_inner(*op, a, b, f)?;
            f.write_char(')')
        }
    }
}

/// `first op second` without the outer parentheses; an `&` inside `&` (an
/// `|` inside `|`) loses its own parentheses, as NLTK's `_str_subex` does.
fn write_binary_inner(op: BinOp, a: &Expression, b: &Expression, f: &mut dyn Write) -> fmt::Result {
    write_sub(op, a, f)?;
    f.write_char(' ')?;
    f.write_str(op.symbol())?;
    f.write_char(' ')?;
    write_sub(op, b, f)
}

fn write_sub(op: BinOp, sub: &Expression, f: &mut dyn Write) -> fmt::Result {
    match sub.expr() {
        Expr::Binary(inner, x, y) if *inner == op && matches!(op, BinOp::And | BinOp::Or) => {
            write_binary_inner(*inner, x, y, f)
        }
        _ => write_expr(sub, f),
    }
}
