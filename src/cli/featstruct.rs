//! `nlkit featstruct`: feature structures (NLTK's `nltk.featstruct`).

use std::io::Write;

use clap::{Args, Subcommand};

use super::common::{stdout, InputArgs};
use crate::featstruct::FeatStruct;
use crate::Result;

/// Arguments of `nlkit featstruct`.
#[derive(Debug, Args)]
pub struct FeatStructArgs {
    #[command(subcommand)]
    command: FeatStructCommand,
}

#[derive(Debug, Subcommand)]
enum FeatStructCommand {
    /// Print each line's structure as NLTK's `repr(FeatStruct(line))`.
    Parse(LineArgs),
    /// Unify the two tab-separated structures of each line: NLTK's
    /// `repr(unify(a, b))`, `None` when they conflict.
    Unify(LineArgs),
}

#[derive(Debug, Args)]
struct LineArgs {
    #[command(flatten)]
    input: InputArgs,
}

/// One output line: the answer, or `error: <first message line>`.
fn answer(line: &str, unify: bool) -> String {
    let r = if unify {
        match line.split_once('\t') {
            Some((a, b)) => FeatStruct::fromstring(a).and_then(|a| {
                let b = FeatStruct::fromstring(b)?;
                Ok(a.unify(&b)?.map_or("None".to_string(), |u| u.repr()))
            }),
            None => Err(crate::Error::InvalidInput(
                "expected two structures separated by a tab".into(),
            )),
        }
    } else {
        FeatStruct::fromstring(line).map(|f| f.repr())
    };
    match r {
        Ok(s) => s,
        Err(e) => {
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or_default().to_string();
            let expected = msg.rsplit_once("^ ").map(|(_, x)| format!(": {x}"));
            format!("error: {first}{}", expected.unwrap_or_default())
        }
    }
}

/// Runs `nlkit featstruct`.
pub fn run(a: FeatStructArgs) -> Result<()> {
    let (input, unify) = match &a.command {
        FeatStructCommand::Parse(l) => (&l.input, false),
        FeatStructCommand::Unify(l) => (&l.input, true),
    };
    let mut out = stdout();
    input.for_each_line(|line| {
        writeln!(out, "{}", answer(line, unify))?;
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
