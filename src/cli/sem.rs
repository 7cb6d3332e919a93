//! `nlkit sem`: first-order logic formulas (NLTK's `nltk.sem.logic`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::common::{stdout, write_line, InputArgs};
use crate::sem::drt::DrtExpression;
use crate::sem::evaluate::{Assignment, Model, Valuation};
use crate::sem::inference::{ResolutionProver, TableauProver};
use crate::sem::logic::Expression;
use crate::{Error, Result};

/// Arguments of `nlkit sem`.
#[derive(Debug, Args)]
pub struct SemArgs {
    #[command(subcommand)]
    command: SemCommand,
}

#[derive(Debug, Subcommand)]
enum SemCommand {
    /// Print each line's formula as NLTK's `str(Expression.fromstring(line))`.
    Parse(LineArgs),
    /// Print each line's formula beta-reduced, as NLTK's
    /// `str(Expression.fromstring(line).simplify())`; fresh variables are
    /// numbered across the whole run, as in one Python process.
    Simplify(LineArgs),
    /// Evaluate each line's formula in a model (NLTK's `Model.evaluate`):
    /// True, False, Undefined or the value; `--satisfiers VAR` prints the
    /// individuals satisfying the open formula instead.
    Evaluate(EvaluateArgs),
    /// Read each line as a DRT expression (NLTK's `DrtExpression.fromstring`)
    /// and print it, or what `--op` makes of it; fresh variables are numbered
    /// across the whole run.
    Drt(DrtArgs),
    /// Prove per line `assumption; assumption => goal` (the first `=>`
    /// separates; write implications inside formulas as `->`): True,
    /// False, or Unknown when the search budget runs out.
    Prove(ProveArgs),
}

#[derive(Debug, Args)]
struct ProveArgs {
    #[command(flatten)]
    input: InputArgs,
    /// NLTK's `ResolutionProver` or `TableauProver`.
    #[arg(long, default_value = "resolution", value_parser = ["resolution", "tableau"])]
    prover: String,
    /// After each answer, print the resolution proof (NLTK's `proof()`).
    #[arg(long)]
    proof: bool,
}

#[derive(Debug, Args)]
struct DrtArgs {
    #[command(flatten)]
    input: InputArgs,
    /// `parse` (str), `simplify`, `fol` (first-order logic,
    /// unsimplified), `resolve` (`resolve_anaphora`), `pretty` (NLTK's
    /// `pretty_format()` boxes, each followed by an empty line).
    #[arg(long, default_value = "parse", value_parser = ["parse", "simplify", "fol", "resolve", "pretty"])]
    op: String,
}

#[derive(Debug, Args)]
struct EvaluateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// NLTK valuation file (`symbol => value` lines); the model's domain is
    /// every individual it mentions.
    #[arg(long, value_name = "FILE")]
    valuation: PathBuf,
    /// Variable assignment, e.g. `x=b1,y=g1`.
    #[arg(long, value_name = "VAR=VALUE,...")]
    assign: Option<String>,
    /// Print, per formula, the sorted individuals that satisfy it as VAR.
    #[arg(long, value_name = "VAR")]
    satisfiers: Option<String>,
}

#[derive(Debug, Args)]
struct LineArgs {
    #[command(flatten)]
    input: InputArgs,
}

/// `error: <NLTK's first message line> (at character N)` for one output line.
fn error_line(e: &crate::Error) -> String {
    let msg = e.to_string();
    let mut lines = msg.lines();
    let first = lines.next().unwrap_or_default();
    let caret = msg.lines().last().filter(|l| l.ends_with('^'));
    match caret {
        Some(c) if msg.lines().count() >= 3 => {
            format!("error: {first} (at character {})", c.chars().count() - 1)
        }
        _ => format!("error: {first}"),
    }
}

fn evaluate(a: &EvaluateArgs) -> Result<()> {
    let text = std::fs::read_to_string(&a.valuation).map_err(|e| Error::io(&a.valuation, e))?;
    let val = Valuation::fromstring(&text)?;
    let model = Model::new(val.domain(), val)?;
    let mut g = Assignment::new(model.domain().clone());
    for pair in a
        .assign
        .iter()
        .flat_map(|s| s.split(','))
        .filter(|p| !p.trim().is_empty())
    {
        let Some((var, value)) = pair.split_once('=') else {
            return Err(Error::InvalidInput(format!(
                "--assign: `{pair}` is not VAR=VALUE"
            )));
        };
        g.add(var.trim(), value.trim())?;
    }
    let mut out = stdout();
    a.input.for_each_line(|line| {
        let r = match &a.satisfiers {
            None => model.evaluate(line, &g).map(|v| v.to_string()),
            Some(var) => Expression::fromstring(line)
                .and_then(|e| model.satisfiers(&e, var, &g))
                .map(|set| {
                    let items: Vec<String> = set.iter().map(|s| format!("'{s}'")).collect();
                    format!("[{}]", items.join(", "))
                }),
        };
        match r {
            Ok(s) => write_line(&mut out, &s),
            Err(e) => write_line(&mut out, &error_line(&e)),
        }
    })?;
    out.flush()?;
    Ok(())
}

fn drt(a: &DrtArgs) -> Result<()> {
    let mut out = stdout();
    a.input.for_each_line(|line| {
        let d = DrtExpression::fromstring(line);
        let r = match a.op.as_str() {
            "simplify" => d.and_then(|d| d.simplify()).map(|d| d.to_string()),
            "fol" => d.and_then(|d| d.fol()).map(|e| e.to_string()),
            "resolve" => d.and_then(|d| d.resolve_anaphora()).map(|d| d.to_string()),
            "pretty" => d.map(|d| d.pretty_format() + "\n"),
            _ => d.map(|d| d.to_string()),
        };
        match r {
            Ok(s) => write_line(&mut out, &s),
            Err(e) if a.op == "pretty" => write_line(&mut out, &(error_line(&e) + "\n")),
            Err(e) => write_line(&mut out, &error_line(&e)),
        }
    })?;
    out.flush()?;
    Ok(())
}

fn prove_line(a: &ProveArgs, line: &str) -> Result<String> {
    let Some((left, goal)) = line.split_once("=>") else {
        return Err(Error::InvalidInput(
            "expected `assumption; ... => goal`".into(),
        ));
    };
    let goal = Expression::fromstring(goal)?;
    let assumptions = left
        .split(';')
        .filter(|s| !s.trim().is_empty())
        .map(Expression::fromstring)
        .collect::<Result<Vec<_>>>()?;
    if a.prover == "tableau" {
        return Ok(TableauProver::default()
            .prove(Some(&goal), &assumptions)?
            .to_string());
    }
    let p = ResolutionProver::default().prove(Some(&goal), &assumptions)?;
    Ok(if a.proof {
        format!("{}\n{}", p.result, p.proof.trim_end_matches('\n'))
    } else {
        p.result.to_string()
    })
}

fn prove(a: &ProveArgs) -> Result<()> {
    let mut out = stdout();
    a.input.for_each_line(|line| match prove_line(a, line) {
        Ok(s) => write_line(&mut out, &s),
        Err(e) => write_line(&mut out, &error_line(&e)),
    })?;
    out.flush()?;
    Ok(())
}

/// Runs `nlkit sem`.
pub fn run(a: SemArgs) -> Result<()> {
    let (input, simplify) = match &a.command {
        SemCommand::Parse(l) => (&l.input, false),
        SemCommand::Simplify(l) => (&l.input, true),
        SemCommand::Evaluate(e) => return evaluate(e),
        SemCommand::Drt(d) => return drt(d),
        SemCommand::Prove(p) => return prove(p),
    };
    let mut out = stdout();
    input.for_each_line(|line| {
        let r =
            Expression::fromstring(line).and_then(|e| if simplify { e.simplify() } else { Ok(e) });
        match r {
            Ok(e) => write_line(&mut out, &e.to_string()),
            Err(e) => write_line(&mut out, &error_line(&e)),
        }
    })?;
    out.flush()?;
    Ok(())
}
