//! NLTK's `str()` of a DRT expression and `pretty_format()` (the boxes).

use std::fmt::{self, Display, Formatter, Write};

use super::{order_ref_strings, DrtExpr, DrtExpression};

impl Display for DrtExpression {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_expr(self, f)
    }
}

fn is_boolean(e: &DrtExpression) -> bool {
    matches!(e.expr(), DrtExpr::Or(..) | DrtExpr::Concat(..))
}

// Recursion is bounded by the tree depth (at most MAX_DEPTH).
fn write_expr(e: &DrtExpression, f: &mut dyn Write) -> fmt::Result {
    match e.expr() {
        DrtExpr::Variable(v) => f.write_str(v.name()),
        DrtExpr::PossibleAntecedents(vs) => {
            f.write_char('[')?;
            for (i, v) in vs.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                f.write_str(v.name())?;
            }
            f.write_char(']')
        }
        DrtExpr::Application(function, argument) => {
            let (base, args) = e.uncurry();
            let atom = matches!(base.expr(), DrtExpr::Variable(_));
            let function = if atom { base } else { function };
            let paren = match function.expr() {
                DrtExpr::Lambda(_, term) => match term.expr() {
                    DrtExpr::Application(tf, _) => !matches!(tf.expr(), DrtExpr::Variable(_)),
                    _ => !is_boolean(term),
                },
                DrtExpr::Application(..) => true,
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
        DrtExpr::Lambda(v, term) => {
            f.write_char('\\')?;
            f.write_str(v.name())?;
            let mut term = term;
            while let DrtExpr::Lambda(v2, t2) = term.expr() {
                f.write_char(' ')?;
                f.write_str(v2.name())?;
                term = t2;
            }
            f.write_char('.')?;
            write_expr(term, f)
        }
        DrtExpr::Negated(t) => {
            f.write_char('-')?;
            write_expr(t, f)
        }
        DrtExpr::Eq(a, b) => {
            f.write_char('(')?;
            write_expr(a, f)?;
            f.write_str(" = ")?;
            write_expr(b, f)?;
            f.write_char(')')
        }
        DrtExpr::Or(a, b) => {
            f.write_char('(')?;
            write_or_inner(a, b, f)?;
            f.write_char(')')
        }
        DrtExpr::Concat(a, b, cons) => {
            if cons.is_some() {
                f.write_char('(')?;
            }
            f.write_char('(')?;
            write_concat_inner(a, b, f)?;
            f.write_char(')')?;
            if let Some(c) = cons {
                f.write_str(" -> ")?;
                write_expr(c, f)?;
                f.write_char(')')?;
            }
            Ok(())
        }
        DrtExpr::Drs(refs, conds, cons) => {
            if cons.is_some() {
                f.write_char('(')?;
            }
            f.write_str("([")?;
            f.write_str(&order_ref_strings(refs).join(","))?;
            f.write_str("],[")?;
            for (i, c) in conds.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_expr(c, f)?;
            }
            f.write_str("])")?;
            if let Some(c) = cons {
                f.write_str(" -> ")?;
                write_expr(c, f)?;
                f.write_char(')')?;
            }
            Ok(())
        }
        DrtExpr::Proposition(v, d) => {
            f.write_str("prop(")?;
            f.write_str(v.name())?;
            f.write_str(", ")?;
            write_expr(d, f)?;
            f.write_char(')')
        }
    }
}

fn write_or_inner(a: &DrtExpression, b: &DrtExpression, f: &mut dyn Write) -> fmt::Result {
    for (i, sub) in [a, b].into_iter().enumerate() {
        if i == 1 {
            f.write_str(" | ")?;
        }
        match sub.expr() {
            DrtExpr::Or(x, y) => write_or_inner(x, y, f)?,
            _ => write_expr(sub, f)?,
        }
    }
    Ok(())
}

fn write_concat_inner(a: &DrtExpression, b: &DrtExpression, f: &mut dyn Write) -> fmt::Result {
    for (i, sub) in [a, b].into_iter().enumerate() {
        if i == 1 {
            f.write_str(" + ")?;
        }
        match sub.expr() {
            DrtExpr::Concat(x, y, None) => write_concat_inner(x, y, f)?,
            _ => write_expr(sub, f)?,
        }
    }
    Ok(())
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn ljust(s: &str, n: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', n.saturating_sub(width(s))));
    out
}

fn pad_vertically(mut lines: Vec<String>, max: usize) -> Vec<String> {
    let pad = " ".repeat(lines.first().map_or(0, |l| width(l)));
    while lines.len() < max {
        lines.push(pad.clone());
    }
    lines
}

fn strip_ends(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| {
            let n = width(&l);
            l.chars().skip(1).take(n.saturating_sub(2)).collect()
        })
        .collect()
}

/// NLTK's `DrtBinaryExpression._assemble_pretty`.
fn assemble(first: Vec<String>, op: &str, second: Vec<String>) -> Vec<String> {
    let max = first.len().max(second.len());
    let first = pad_vertically(first, max);
    let second = pad_vertically(second, max);
    let blank = " ".repeat(width(op));
    first
        .iter()
        .zip(&second)
        .enumerate()
        .map(|(i, (a, b))| {
            if i == 2 {
                format!("({a} {op} {b})")
            } else {
                format!(" {a} {blank} {b} ")
            }
        })
        .collect()
}

fn pretty(e: &DrtExpression) -> Vec<String> {
    match e.expr() {
        DrtExpr::Variable(_) => {
            let s = e.to_string();
            let blank = " ".repeat(width(&s));
            vec![blank.clone(), blank.clone(), s, blank]
        }
        DrtExpr::PossibleAntecedents(_) => {
            let s = e.to_string();
            let blank = " ".repeat(width(&s));
            vec![blank.clone(), blank, s]
        }
        DrtExpr::Drs(refs, conds, cons) => {
            let refs_line = order_ref_strings(refs).join(" ");
            let cond_lines: Vec<String> = conds
                .iter()
                .flat_map(pretty)
                .filter(|l| !l.trim().is_empty())
                .collect();
            let len = cond_lines
                .iter()
                .map(|l| width(l))
                .chain([width(&refs_line)])
                .max()
                .unwrap_or(0);
            let mut drs = vec![
                format!(" _{}_ ", "_".repeat(len)),
                format!("| {} |", ljust(&refs_line, len)),
                format!("|-{}-|", "-".repeat(len)),
            ];
            drs.extend(cond_lines.iter().map(|l| format!("| {} |", ljust(l, len))));
            drs.push(format!("|_{}_|", "_".repeat(len)));
            match cons {
                Some(c) => assemble(drs, "->", pretty(c)),
                None => drs,
            }
        }
        DrtExpr::Proposition(v, d) => {
            let lines = pretty(d);
            let blank = " ".repeat(width(v.name()));
            lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == 1 {
                        format!("{}:{l}", v.name())
                    } else {
                        format!("{blank} {l}")
                    }
                })
                .collect()
        }
        DrtExpr::Negated(t) => pretty(t)
            .into_iter()
            .enumerate()
            .map(|(i, l)| match i {
                2 => format!("__  {l}"),
                3 => format!("  | {l}"),
                _ => format!("    {l}"),
            })
            .collect(),
        DrtExpr::Lambda(v, t) => {
            let mut vars = vec![v.name()];
            let mut term = t;
            while let DrtExpr::Lambda(v2, t2) = term.expr() {
                vars.push(v2.name());
                term = t2;
            }
            let var_string = vars.join(" ") + ".";
            let blank = " ".repeat(width(&var_string));
            pretty(term)
                .into_iter()
                .enumerate()
                .map(|(i, l)| match i {
                    1 => format!(" \\  {blank}{l}"),
                    2 => format!(" /\\ {var_string}{l}"),
                    _ => format!("    {blank}{l}"),
                })
                .collect()
        }
        DrtExpr::Or(a, b) => {
            let sub = |x: &DrtExpression| match x.expr() {
                DrtExpr::Or(..) => strip_ends(pretty(x)),
                _ => pretty(x),
            };
            assemble(sub(a), "|", sub(b))
        }
        DrtExpr::Eq(a, b) => assemble(pretty(a), "=", pretty(b)),
        DrtExpr::Concat(a, b, cons) => {
            let sub = |x: &DrtExpression| match x.expr() {
                DrtExpr::Concat(..) => strip_ends(pretty(x)),
                _ => pretty(x),
            };
            let drs = assemble(sub(a), "+", sub(b));
            match cons {
                Some(c) => assemble(drs, "->", pretty(c)),
                None => drs,
            }
        }
        DrtExpr::Application(..) => {
            let (function, args) = e.uncurry();
            let function_lines = pretty(function);
            let args_lines: Vec<Vec<String>> = args.iter().map(|a| pretty(a)).collect();
            let max = args_lines
                .iter()
                .map(Vec::len)
                .chain([function_lines.len()])
                .max()
                .unwrap_or(0);
            let function_lines = pad_vertically(function_lines, max);
            let args_lines: Vec<Vec<String>> = args_lines
                .into_iter()
                .map(|l| pad_vertically(l, max))
                .collect();
            (0..max)
                .map(|i| {
                    let column: Vec<&str> = args_lines
                        .iter()
                        .map(|a| a.get(i).map_or("", String::as_str))
                        .collect();
                    let f = function_lines.get(i).map_or("", String::as_str);
                    if i == 2 {
                        format!("{f}({})", column.join(","))
                    } else {
                        format!("{f} {} ", column.join(" "))
                    }
                })
                .collect()
        }
    }
}

impl DrtExpression {
    /// The DRS drawn as boxes, as NLTK's `pretty_format()`.
    ///
    /// # Example
    /// ```
    /// use nlkit::sem::drt::DrtExpression;
    /// let d = DrtExpression::fromstring("([x],[dog(x)])")?;
    /// assert_eq!(d.pretty_format(), " ________ \n| x      |\n|--------|\n| dog(x) |\n|________|");
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn pretty_format(&self) -> String {
        pretty(self).join("\n")
    }
}
